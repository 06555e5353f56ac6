"""nnlib.recurrent: the cell's equations, the unrolled forward pass, backpropagation through time against
finite differences, gradient clipping, validation."""

import numpy as np
import pytest

from nnlib.gradcheck import numerical_gradient, relative_error
from nnlib.recurrent import (
    clip_gradients,
    global_norm,
    output_backward,
    rnn_backward,
    rnn_cell_backward,
    rnn_cell_forward,
    rnn_forward,
)


def _parameters(rng, n_x=3, n_a=5, n_y=2):
    return {
        "Wax": rng.normal(size=(n_a, n_x)),
        "Waa": rng.normal(size=(n_a, n_a)),
        "ba": rng.normal(size=(n_a, 1)),
        "Wya": rng.normal(size=(n_y, n_a)),
        "by": rng.normal(size=(n_y, 1)),
    }


def test_rnn_cell_forward_follows_its_equations_column_by_column():
    rng = np.random.default_rng(0)
    p = _parameters(rng)
    x_t, a_prev = rng.normal(size=(3, 4)), rng.normal(size=(5, 4))
    a_next, y_t = rnn_cell_forward(x_t, a_prev, p)
    assert a_next.shape == (5, 4) and y_t.shape == (2, 4)
    for i in range(4):
        a = np.tanh(p["Wax"] @ x_t[:, i] + p["Waa"] @ a_prev[:, i] + p["ba"][:, 0])
        np.testing.assert_allclose(a_next[:, i], a, rtol=1e-12)
        np.testing.assert_allclose(y_t[:, i], p["Wya"] @ a + p["by"][:, 0], rtol=1e-12)


def test_rnn_forward_unrolls_the_cell_with_shared_weights():
    rng = np.random.default_rng(1)
    p = _parameters(rng)
    X, a0 = rng.normal(size=(3, 4, 6)), np.zeros((5, 4))
    A, Y_hat, caches = rnn_forward(X, a0, p)
    assert A.shape == (5, 4, 6) and Y_hat.shape == (2, 4, 6) and len(caches) == 6
    a = a0
    for t in range(6):
        a_prev = a
        a, y = rnn_cell_forward(X[:, :, t], a, p)
        np.testing.assert_allclose(A[:, :, t], a)
        np.testing.assert_allclose(Y_hat[:, :, t], y)
        a_next, cached_prev, x_t, parameters = caches[t]
        np.testing.assert_allclose(a_next, a)
        np.testing.assert_allclose(cached_prev, a_prev)
        np.testing.assert_allclose(x_t, X[:, :, t])
        assert parameters is p


def test_a_zero_recurrent_weight_forgets_the_past():
    rng = np.random.default_rng(2)
    p = _parameters(rng)
    p["Waa"] = np.zeros_like(p["Waa"])
    x_t = rng.normal(size=(3, 2))
    first, _ = rnn_cell_forward(x_t, rng.normal(size=(5, 2)), p)
    second, _ = rnn_cell_forward(x_t, rng.normal(size=(5, 2)), p)
    np.testing.assert_allclose(first, second)


def test_bad_input_names_the_argument_and_shape():
    rng = np.random.default_rng(3)
    p = _parameters(rng)
    with pytest.raises(ValueError, match="x_t must have shape"):
        rnn_cell_forward(np.zeros((4, 2)), np.zeros((5, 2)), p)
    with pytest.raises(ValueError, match="a_prev must have shape"):
        rnn_cell_forward(np.zeros((3, 2)), np.zeros((5, 3)), p)
    with pytest.raises(ValueError, match="has no 'Waa'"):
        rnn_cell_forward(np.zeros((3, 2)), np.zeros((5, 2)), {k: v for k, v in p.items() if k != "Waa"})
    with pytest.raises(TypeError, match="parameters must be a dict"):
        rnn_cell_forward(np.zeros((3, 2)), np.zeros((5, 2)), [1, 2])
    with pytest.raises(ValueError, match=r"X must have shape \(n_x, m, T\)"):
        rnn_forward(np.zeros((3, 2)), np.zeros((5, 2)), p)


def _linear_cost(X, a0, p, G):
    """``J = (1/m) sum over t, i of G[:, i, t] . a_t[:, i]``: a cost whose gradient for the states, per
    example, is ``G``."""
    return float(np.sum(G * rnn_forward(X, a0, p)[0]) / X.shape[1])


@pytest.mark.parametrize(("n_x", "n_a", "m", "T"), [(3, 5, 4, 6), (2, 3, 1, 1), (1, 4, 3, 9)])
def test_rnn_backward_agrees_with_finite_differences(n_x, n_a, m, T):
    rng = np.random.default_rng(n_x + 10 * T)
    p = _parameters(rng, n_x=n_x, n_a=n_a)
    X, a0, G = rng.normal(size=(n_x, m, T)), rng.normal(size=(n_a, m)), rng.normal(size=(n_a, m, T))
    grads = rnn_backward(G, rnn_forward(X, a0, p)[2])
    cost = lambda: _linear_cost(X, a0, p, G)  # noqa: E731
    for key in ("Wax", "Waa", "ba"):
        assert relative_error(grads["d" + key], numerical_gradient(cost, p[key])) < 1e-7, key
    # states and inputs are per example: the cost's gradient times m
    assert relative_error(grads["dX"], m * numerical_gradient(cost, X)) < 1e-7
    assert relative_error(grads["da0"], m * numerical_gradient(cost, a0)) < 1e-7


def test_rnn_cell_backward_is_one_step_of_rnn_backward():
    rng = np.random.default_rng(4)
    p = _parameters(rng)
    x_t, a_prev, da_next = rng.normal(size=(3, 4)), rng.normal(size=(5, 4)), rng.normal(size=(5, 4))
    a_next, _ = rnn_cell_forward(x_t, a_prev, p)
    step = rnn_cell_backward(da_next, (a_next, a_prev, x_t, p))
    whole = rnn_backward(da_next[:, :, None], rnn_forward(x_t[:, :, None], a_prev, p)[2])
    np.testing.assert_allclose(step["dx_t"], whole["dX"][:, :, 0], rtol=1e-12)
    np.testing.assert_allclose(step["da_prev"], whole["da0"], rtol=1e-12)
    for key in ("dWax", "dWaa", "dba"):
        np.testing.assert_allclose(step[key], whole[key], rtol=1e-12)
    assert step["dba"].shape == (5, 1)


def test_output_backward_agrees_with_finite_differences():
    rng = np.random.default_rng(5)
    p = _parameters(rng, n_x=2, n_a=3, n_y=2)
    X, a0, G = rng.normal(size=(2, 4, 5)), np.zeros((3, 4)), rng.normal(size=(2, 4, 5))

    def cost():
        return float(np.sum(G * rnn_forward(X, a0, p)[1]) / 4)

    A, _, caches = rnn_forward(X, a0, p)
    dA, dWya, dby = output_backward(G, A, p)
    assert relative_error(dWya, numerical_gradient(cost, p["Wya"])) < 1e-7
    assert relative_error(dby, numerical_gradient(cost, p["by"])) < 1e-7
    grads = rnn_backward(dA, caches)
    for key in ("Wax", "Waa", "ba"):
        assert relative_error(grads["d" + key], numerical_gradient(cost, p[key])) < 1e-7, key


def test_float32_stays_float32():
    rng = np.random.default_rng(6)
    p = {key: value.astype(np.float32) for key, value in _parameters(rng).items()}
    X, a0 = rng.normal(size=(3, 2, 4)).astype(np.float32), np.zeros((5, 2), dtype=np.float32)
    A, Y_hat, caches = rnn_forward(X, a0, p)
    assert A.dtype == Y_hat.dtype == np.float32
    grads = rnn_backward(np.ones_like(A), caches)
    assert all(value.dtype == np.float32 for value in grads.values())
    assert all(value.dtype == np.float32 for value in clip_gradients(grads, 0.01).values())


def test_clip_gradients_scales_all_together_and_keeps_the_direction():
    grads = {"dW": np.array([[3.0, 0.0]]), "db": np.array([[4.0]])}  # global norm 5
    clipped = clip_gradients(grads, 1.0)
    assert global_norm(clipped) == pytest.approx(1.0)
    np.testing.assert_allclose(clipped["dW"], [[0.6, 0.0]])
    np.testing.assert_allclose(clipped["db"], [[0.8]])
    assert grads["dW"].tolist() == [[3.0, 0.0]] and grads["db"].tolist() == [[4.0]]  # input unchanged


def test_clip_gradients_below_the_limit_returns_equal_new_arrays():
    grads = {"dW": np.array([[0.3, 0.4]]), "db": np.zeros((1, 1))}
    clipped = clip_gradients(grads, 1.0)
    assert clipped is not grads and clipped["dW"] is not grads["dW"]
    np.testing.assert_array_equal(clipped["dW"], grads["dW"])
    zero = clip_gradients({"dW": np.zeros((2, 2))}, 1.0)  # a zero norm: no division by zero
    np.testing.assert_array_equal(zero["dW"], np.zeros((2, 2)))


def test_backward_and_clipping_name_bad_arguments():
    rng = np.random.default_rng(7)
    p = _parameters(rng)
    _, _, caches = rnn_forward(rng.normal(size=(3, 2, 4)), np.zeros((5, 2)), p)
    with pytest.raises(ValueError, match=r"dA must have shape \(n_a=5, m=2, 4\)"):
        rnn_backward(np.zeros((5, 2, 3)), caches)
    with pytest.raises(ValueError, match="caches must be the non-empty list"):
        rnn_backward(np.zeros((5, 2, 1)), [])
    with pytest.raises(ValueError, match="cache must be a tuple"):
        rnn_cell_backward(np.zeros((5, 2)), caches[0][:3])
    with pytest.raises(ValueError, match="da_next must have shape"):
        rnn_cell_backward(np.zeros((4, 2)), caches[0])
    with pytest.raises(ValueError, match="max_norm must be > 0"):
        clip_gradients({"dW": np.ones((1, 1))}, 0.0)
    with pytest.raises(TypeError, match="grads must be a non-empty dict"):
        clip_gradients([np.ones((1, 1))], 1.0)
    with pytest.raises(ValueError, match="a0 must have shape"):
        rnn_forward(np.zeros((3, 2, 4)), np.zeros((5, 3)), p)
