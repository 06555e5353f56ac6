"""nnlib.recurrent: the cell's equations, the unrolled forward pass, validation."""

import numpy as np
import pytest

from nnlib.recurrent import rnn_cell_forward, rnn_forward


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
    A, Y_hat = rnn_forward(X, a0, p)
    assert A.shape == (5, 4, 6) and Y_hat.shape == (2, 4, 6)
    a = a0
    for t in range(6):
        a, y = rnn_cell_forward(X[:, :, t], a, p)
        np.testing.assert_allclose(A[:, :, t], a)
        np.testing.assert_allclose(Y_hat[:, :, t], y)


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
