"""Weight penalties and inverted dropout."""

import numpy as np
import pytest

from nnlib.regularization import (
    dropout_backward,
    dropout_forward,
    dropout_mask,
    l1_cost,
    l2_cost,
    weight_penalty,
    weight_penalty_gradient,
)

P = {"W1": np.array([[1.0, -2.0]]), "b1": np.array([[5.0]]), "W2": np.array([[3.0]]), "b2": np.array([[-7.0]])}


def test_penalties_by_hand_and_biases_are_not_penalised():
    # L2: 0.5 / (2 * 10) * (1 + 4 + 9) = 0.35 ; L1: 0.5 / 10 * (1 + 2 + 3) = 0.3
    assert l2_cost(P, 0.5, 10) == pytest.approx(0.35)
    assert l1_cost(P, 0.5, 10) == pytest.approx(0.3)
    assert weight_penalty(P, 0.5, 0.5, 10) == pytest.approx(0.65)
    assert weight_penalty(P, 0.0, 0.0, 10) == 0.0


def test_penalty_gradient_by_hand():
    np.testing.assert_allclose(weight_penalty_gradient(P["W1"], 0.5, 1.0, 10), [[0.15, -0.25]])
    assert weight_penalty_gradient(P["W1"], 0.0, 0.0, 10) == 0.0


def test_dropout_mask_statistics_and_scaling():
    D = dropout_mask((200, 500), 0.75, np.random.default_rng(0))
    assert set(np.unique(D)) == {0.0, 1 / 0.75}
    assert (D > 0).mean() == pytest.approx(0.75, abs=0.005)
    assert D.mean() == pytest.approx(1.0, abs=0.01)  # expected activation unchanged


def test_dropout_forward_and_backward_share_the_mask():
    A = np.arange(1.0, 13.0).reshape(3, 4).astype(np.float32)
    A_drop, D = dropout_forward(A, 0.5, np.random.default_rng(1))
    assert A_drop.dtype == np.float32 and D.dtype == np.float32
    np.testing.assert_allclose(A_drop, A * D)
    np.testing.assert_allclose(dropout_backward(np.ones_like(A), D), D)


def test_keep_prob_one_keeps_everything():
    np.testing.assert_array_equal(dropout_mask((3, 3), 1.0, np.random.default_rng(0)), np.ones((3, 3)))


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: dropout_mask((2, 2), 0.0), ValueError, "keep_prob must be > 0, got 0.0"),
        (lambda: dropout_mask((2, 2), 1.2), ValueError, "keep_prob must be at most 1, got 1.2"),
        (lambda: l2_cost(P, -1, 10), ValueError, "lambd must be >= 0, got -1"),
        (lambda: l2_cost({"W1": np.ones(2)}, 1, 10), ValueError, "parameters is missing b1"),
        (lambda: l1_cost(P, 1, 0), ValueError, "m must be > 0, got 0"),
    ],
)
def test_bad_arguments_get_clear_errors(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_lesson_12_names_agree_with_the_penalties_and_their_finite_differences():
    from nnlib.gradcheck import numerical_gradient
    from nnlib.regularization import l1_cost, l1_gradient, l2_cost, l2_gradient

    rng = np.random.default_rng(0)
    parameters = {"W1": rng.normal(size=(3, 2)), "b1": rng.normal(size=(3, 1)), "W2": rng.normal(size=(1, 3))}
    parameters["b2"] = np.zeros((1, 1))
    assert l2_cost(parameters, 0.7, 5) == pytest.approx(
        0.7 / 10 * sum(np.sum(parameters[k] ** 2) for k in ("W1", "W2"))
    )
    W = parameters["W1"]
    numeric_l2 = numerical_gradient(lambda: l2_cost(parameters, 0.7, 5), W)
    np.testing.assert_allclose(l2_gradient(W, 0.7, 5), numeric_l2, rtol=1e-6, atol=1e-9)
    numeric_l1 = numerical_gradient(lambda: l1_cost(parameters, 0.7, 5), W)
    np.testing.assert_allclose(l1_gradient(W, 0.7, 5), numeric_l1, rtol=1e-6, atol=1e-9)
    assert l1_gradient(np.zeros((2, 2), dtype=np.float32), 1.0, 2).dtype == np.float32
