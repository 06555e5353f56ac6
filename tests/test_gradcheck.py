"""Gradient checking: it passes right gradients, catches wrong ones, and names the worst entry."""

import numpy as np
import pytest

from nnlib.gradcheck import gradient_check, numerical_gradient, relative_error


def quadratic_cost(P):
    # J = sum(W**2) + 3 * sum(b); dJ/dW = 2W, dJ/db = 3
    return float(np.sum(P["W1"] ** 2) + 3 * np.sum(P["b1"]))


def parameters():
    return {"W1": np.array([[1.0, -2.0], [0.5, 3.0]]), "b1": np.array([[0.1], [0.2]])}


def test_numerical_gradient_of_a_known_function_and_x_is_restored():
    x = np.array([1.0, -2.0, 0.5])
    before = x.copy()
    grad = numerical_gradient(lambda: float(np.sum(np.sin(x))), x)
    np.testing.assert_allclose(grad, np.cos(before), rtol=1e-8)
    np.testing.assert_array_equal(x, before)


def test_x_is_restored_even_when_f_raises():
    x = np.array([1.0, 2.0])

    def f():
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        numerical_gradient(f, x)
    np.testing.assert_array_equal(x, [1.0, 2.0])


def test_relative_error():
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert relative_error(np.array([1.0, 0]), np.array([-1.0, 0])) == pytest.approx(1.0)
    assert relative_error(np.array([1.0]), np.array([1.0 + 1e-9])) == pytest.approx(5e-10, rel=1e-3)


def test_right_gradients_pass():
    P = parameters()
    report = gradient_check(quadratic_cost, P, {"dW1": 2 * P["W1"], "db1": np.full((2, 1), 3.0)})
    assert report.passed and report.relative_error < 1e-9


def test_a_wrong_entry_fails_and_is_named():
    P = parameters()
    dW1 = 2 * P["W1"]
    dW1[1, 0] += 0.5  # one wrong entry
    report = gradient_check(quadratic_cost, P, {"dW1": dW1, "db1": np.full((2, 1), 3.0)})
    assert not report.passed
    assert report.worst[:2] == ("W1", (1, 0))
    assert report.worst[2] == pytest.approx(1.5) and report.worst[3] == pytest.approx(1.0)
    assert report.per_parameter["b1"] < 1e-9 < report.per_parameter["W1"]
    text = repr(report)
    assert (
        "gradient check FAILED" in text
        and "worst entry: dW1[1, 0] backprop 1.500000e+00 vs numerical 1.000000e+00" in text
    )


def test_gradient_check_does_not_modify_the_parameters():
    P = parameters()
    gradient_check(quadratic_cost, P, {"dW1": 2 * P["W1"], "db1": np.full((2, 1), 3.0)})
    assert all(np.array_equal(P[k], parameters()[k]) for k in P)


def test_missing_or_misshapen_gradients_are_reported():
    P = parameters()
    with pytest.raises(ValueError, match="grads has no 'db1'"):
        gradient_check(quadratic_cost, P, {"dW1": 2 * P["W1"]})
    misshapen = r"grads\['db1'\] must have the shape of parameters\['b1'\], \(2, 1\), got \(1, 2\)"
    with pytest.raises(ValueError, match=misshapen):
        gradient_check(quadratic_cost, P, {"dW1": 2 * P["W1"], "db1": np.ones((1, 2))})
