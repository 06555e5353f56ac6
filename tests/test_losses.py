"""Losses: hand-worked values, the log(0) guard, gradients, and canonical output deltas."""

import math

import numpy as np
import pytest

from nnlib.activations import ACTIVATIONS
from nnlib.gradcheck import numerical_gradient
from nnlib.losses import (
    LOSSES,
    binary_cross_entropy,
    categorical_cross_entropy,
    default_loss,
    get_loss,
    mse_cost,
    output_delta,
)


def test_binary_cross_entropy_hand_worked():
    # -(1/2) * (log 0.8 + log(1 - 0.4)) = 0.36698...
    A, Y = np.array([[0.8, 0.4]]), np.array([[1, 0]])
    expected = -(math.log(0.8) + math.log(0.6)) / 2
    cost = binary_cross_entropy(A, Y)
    assert type(cost) is float and cost == pytest.approx(expected, rel=1e-14)


def test_categorical_cross_entropy_hand_worked():
    A = np.array([[0.7, 0.1], [0.2, 0.3], [0.1, 0.6]])
    Y = np.array([[1, 0], [0, 0], [0, 1]])
    assert categorical_cross_entropy(A, Y) == pytest.approx(-(math.log(0.7) + math.log(0.6)) / 2)


def test_mean_squared_error_hand_worked():
    # ((0.5 - 1)^2 + (2 - 0)^2) / 2 = (0.25 + 4) / 2
    assert mse_cost(np.array([[0.5, 2.0]]), np.array([[1.0, 0.0]])) == pytest.approx(2.125)


def test_cross_entropy_with_probabilities_exactly_0_and_1_is_finite_and_silent():
    with np.errstate(divide="raise", invalid="raise"):
        perfect = binary_cross_entropy(np.array([[0.0, 1.0]]), np.array([[0, 1]]))
        wrong = binary_cross_entropy(np.array([[1.0, 0.0]]), np.array([[0, 1]]))
        grad = get_loss("binary_cross_entropy").backward(np.array([[1.0, 0.0]]), np.array([[0, 1]]))
        cat = categorical_cross_entropy(np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([[0, 0], [1, 1]]))
    assert 0 <= perfect < 1e-12
    assert 30 < wrong < 40  # -log(machine epsilon) ~ 36.04: large, finite
    assert np.isfinite(grad).all()
    assert cat == pytest.approx(-math.log(np.finfo(float).eps) / 2)  # one sure miss of two


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_bce_of_a_confident_float32_prediction_is_finite(dtype):
    A = np.array([[1.0, 0.0]], dtype=dtype)
    assert np.isfinite(binary_cross_entropy(A, np.array([[0, 1]])))


@pytest.mark.parametrize("name", LOSSES)
def test_backward_matches_finite_differences(name):
    loss = LOSSES[name]
    rng = np.random.default_rng(0)
    A = rng.uniform(0.1, 0.9, (3, 4))  # away from 0 and 1, where finite differences are accurate
    Y = np.eye(3)[:, [0, 2, 1, 2]]
    numeric = numerical_gradient(lambda: loss.cost(A, Y), A)
    # backward is per example: the cost's gradient is backward / m
    np.testing.assert_allclose(loss.backward(A, Y) / A.shape[1], numeric, rtol=1e-6)


@pytest.mark.parametrize("name", LOSSES)
def test_canonical_delta_equals_the_general_chain_rule(name):
    loss = LOSSES[name]
    g = ACTIVATIONS[loss.canonical_activation]
    Z = np.linspace(-3, 3, 12).reshape(3, 4)
    A = g.forward(Z)
    Y = np.eye(3)[:, [0, 1, 2, 1]]
    general = g.backward(loss.backward(A, Y), Z)
    np.testing.assert_allclose(output_delta(A, Y, Z, g.name, name), general, rtol=1e-10, atol=1e-12)


def test_canonical_delta_stays_exact_when_the_sigmoid_saturates():
    Z = np.array([[40.0, -40.0]])
    A = ACTIVATIONS["sigmoid"].forward(Z)
    dZ = output_delta(A, np.array([[0, 1]]), Z, "sigmoid", "binary_cross_entropy")
    np.testing.assert_allclose(dZ, [[1.0, -1.0]], atol=1e-15)


def test_non_canonical_pair_uses_the_chain_rule():
    # MSE through a sigmoid: dZ = 2 (A - Y) * A (1 - A)
    Z = np.array([[0.3, -1.2]])
    A = ACTIVATIONS["sigmoid"].forward(Z)
    Y = np.array([[1.0, 0.0]])
    np.testing.assert_allclose(output_delta(A, Y, Z, "sigmoid", "mean_squared_error"), 2 * (A - Y) * A * (1 - A))


def test_default_loss_per_output_activation():
    assert default_loss("sigmoid").name == "binary_cross_entropy"
    assert default_loss("softmax").name == "categorical_cross_entropy"
    assert default_loss("identity").name == "mean_squared_error"
    with pytest.raises(ValueError, match="no default loss for output activation 'relu'"):
        default_loss("relu")


@pytest.mark.parametrize(
    "A, Y, error, message",
    [
        (
            np.full((1, 3), 0.5),
            np.ones((1, 4)),
            ValueError,
            r"A and Y must have the same shape, got A.shape=\(1, 3\) and Y.shape=\(1, 4\)",
        ),
        (np.full(3, 0.5), np.ones(3), ValueError, r"A must be a 2-D array of shape \(n_y, m\), got shape \(3,\)"),
        (np.full((1, 3), 0.5), None, TypeError, "Y must be a numpy array of numbers, got NoneType"),
        (np.zeros((1, 0)), np.zeros((1, 0)), ValueError, "no examples"),
    ],
)
def test_bad_inputs_get_clear_errors(A, Y, error, message):
    with pytest.raises(error, match=message):
        binary_cross_entropy(A, Y)


def test_unknown_loss_lists_the_valid_names():
    with pytest.raises(ValueError, match="unknown loss 'hinge'; choose one of 'binary_cross_entropy'"):
        get_loss("hinge")


def test_mse_cost_sums_over_outputs_and_averages_over_examples():
    A, Y = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 1.0]]), np.array([[1.0, 0.0, 0.0], [1.0, 0.0, 0.0]])
    assert mse_cost(A, Y) == (0 + 4 + 9 + 1 + 0 + 1) / 3
    assert isinstance(mse_cost(A, Y), float)
    with pytest.raises(ValueError):
        mse_cost(A, Y[:, :2])
