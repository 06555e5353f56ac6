"""Activations: values, extreme inputs, dtypes, and every backward pass vs finite differences."""

import numpy as np
import pytest

from nnlib.activations import ACTIVATIONS, get_activation, sigmoid, softmax
from nnlib.gradcheck import numerical_gradient

Z_GRID = np.linspace(-4, 4, 24).reshape(4, 6) + 0.013  # stays clear of ReLU's kink at 0


def test_sigmoid_matches_the_textbook_formula_where_that_is_safe():
    np.testing.assert_allclose(sigmoid(Z_GRID), 1 / (1 + np.exp(-Z_GRID)), rtol=1e-15)


def test_sigmoid_known_values():
    np.testing.assert_allclose(sigmoid(np.array([0.0, np.log(3)])), [0.5, 0.75])


@pytest.mark.parametrize("z", [1e4, -1e4, 745.2, -745.2, 1e308, -1e308, np.inf, -np.inf])
def test_sigmoid_is_finite_and_silent_at_extremes(z):
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        a = sigmoid(np.array([[z]]))
    assert np.isfinite(a).all()
    assert a[0, 0] == (1.0 if z > 0 else 0.0)


def test_sigmoid_keeps_relative_precision_for_very_negative_inputs():
    # sigmoid(-40) = exp(-40) / (1 + exp(-40)): the naive 1 - sigmoid(40) would give 0.
    assert sigmoid(np.array(-40.0)) == pytest.approx(np.exp(-40.0) / (1 + np.exp(-40.0)), rel=1e-14)


def test_softmax_columns_sum_to_one_and_survive_huge_logits():
    Z = np.array([[1e4, -1e4, 0.0], [1e4 - 1, 1e4, 0.0], [-1e308, 0.0, 0.0]])
    with np.errstate(over="raise", invalid="raise"):
        A = softmax(Z)
    np.testing.assert_allclose(A.sum(axis=0), 1.0)
    np.testing.assert_allclose(A[:, 0], [1 / (1 + np.exp(-1)), np.exp(-1) / (1 + np.exp(-1)), 0.0])
    np.testing.assert_allclose(A[:, 2], 1 / 3)


def test_softmax_is_unchanged_by_a_shift_per_column():
    Z = Z_GRID[:3]
    np.testing.assert_allclose(softmax(Z), softmax(Z + np.array([[5.0, -3, 0, 1e3, 2, 7]])))


@pytest.mark.parametrize("name", ACTIVATIONS)
def test_backward_matches_finite_differences(name):
    g = ACTIVATIONS[name]
    rng = np.random.default_rng(0)
    Z = Z_GRID.copy()
    dA = rng.standard_normal(Z.shape)
    dZ = g.backward(dA, Z)
    # dZ is the gradient of sum(dA * g(Z)) with respect to Z
    numeric = numerical_gradient(lambda: float(np.sum(dA * g.forward(Z))), Z)
    np.testing.assert_allclose(dZ, numeric, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("name", ACTIVATIONS)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_forward_and_backward_keep_the_dtype(name, dtype):
    g = ACTIVATIONS[name]
    Z = Z_GRID.astype(dtype)
    A = g.forward(Z)
    assert A.dtype == dtype and A.shape == Z.shape
    assert g.backward(np.ones_like(Z), Z).dtype == dtype


@pytest.mark.parametrize("name", ACTIVATIONS)
def test_integer_input_becomes_float64(name):
    A = ACTIVATIONS[name].forward(np.array([[1, -2], [3, 0]]))
    assert A.dtype == np.float64


@pytest.mark.parametrize("name", ACTIVATIONS)
def test_activations_do_not_modify_their_input(name):
    Z = Z_GRID.copy()
    ACTIVATIONS[name].forward(Z)
    np.testing.assert_array_equal(Z, Z_GRID)


def test_unknown_activation_lists_the_valid_names():
    with pytest.raises(ValueError, match=r"unknown activation 'sigmod'.*'sigmoid'.*'relu'"):
        get_activation("sigmod")


@pytest.mark.parametrize("bad", [None, "1.0", {"Z": 1}, np.array(["a"])])
def test_non_numeric_input_is_a_type_error(bad):
    with pytest.raises(TypeError, match="Z must"):
        sigmoid(bad)


def test_softmax_needs_a_matrix():
    with pytest.raises(ValueError, match=r"Z must be a 2-D array of shape \(K, m\), got shape \(3,\)"):
        softmax(np.zeros(3))


def test_ragged_input_is_a_value_error_naming_the_argument():
    with pytest.raises(ValueError, match="Z must be a rectangular array"):
        sigmoid([[1.0, 2.0], [3.0]])
