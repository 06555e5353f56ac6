"""A recurrent cell: the same weights applied at every time step, carrying a hidden state forward.

Introduced in: lesson 17 (architectures: feedforward, convolutional, recurrent).

At step ``t`` the cell reads the input ``x_t`` (n_x, m) and the previous
state ``a_prev`` (n_a, m)::

    a_t = tanh(Wax @ x_t + Waa @ a_prev + ba)      (n_a, m)
    y_t = Wya @ a_t + by                           (n_y, m), a score (apply a
                                                   sigmoid or softmax for classes)

Unrolled over a sequence ``x_1 .. x_T``, the network is a deep feedforward
network with T layers that share one set of weights; its gradients are
computed by backpropagation through that unrolled network ("through time").
"""

from __future__ import annotations

import numpy as np

from nnlib._validation import as_float_array, check_shape, checked

__all__ = ["RNN_KEYS", "rnn_cell_forward", "rnn_forward"]

#: The cell's parameters and their shapes.
RNN_KEYS = {"Wax": ("n_a", "n_x"), "Waa": ("n_a", "n_a"), "ba": ("n_a", 1), "Wya": ("n_y", "n_a"), "by": ("n_y", 1)}


def _check_cell(arguments: dict) -> None:
    """Check an RNN cell's ``parameters``, then ``x_t`` (n_x, m) and ``a_prev`` (n_a, m) against them."""
    parameters = arguments["parameters"]
    if not isinstance(parameters, dict):
        raise TypeError(f"parameters must be a dict with keys {list(RNN_KEYS)}, got {type(parameters).__name__}")
    sizes: dict = {}
    for key, spec in RNN_KEYS.items():
        if key not in parameters:
            raise ValueError(f"parameters has no {key!r}; an RNN cell needs {list(RNN_KEYS)}")
        sizes = check_shape(
            as_float_array(parameters[key], f"parameters[{key!r}]"), f"parameters[{key!r}]", spec, sizes
        )
    for name, spec in (("x_t", ("n_x", "m")), ("a_prev", ("n_a", "m"))):
        arguments[name] = as_float_array(arguments[name], name)
        check_shape(arguments[name], name, spec, sizes)


@checked(_check_cell)
def rnn_cell_forward(x_t, a_prev, parameters) -> tuple[np.ndarray, np.ndarray]:
    """One time step of a simple (Elman) recurrent cell.

    ``a_next = tanh(Wax @ x_t + Waa @ a_prev + ba)``, ``y_t = Wya @ a_next + by``

    Parameters
    ----------
    x_t : array of shape (n_x, m), the inputs at this step, one column per sequence
    a_prev : array of shape (n_a, m), the hidden state after the previous step
    parameters : dict with Wax (n_a, n_x), Waa (n_a, n_a), ba (n_a, 1), Wya (n_y, n_a), by (n_y, 1)

    Returns
    -------
    a_next : array of shape (n_a, m), the new hidden state
    y_t : array of shape (n_y, m), the output scores at this step
    """
    p = parameters
    a_next = np.tanh(p["Wax"] @ x_t + p["Waa"] @ a_prev + p["ba"])
    return a_next, p["Wya"] @ a_next + p["by"]


def rnn_forward(X, a0, parameters) -> tuple[np.ndarray, np.ndarray]:
    """The cell unrolled over a whole sequence: ``rnn_cell_forward`` at t = 1 .. T.

    Parameters
    ----------
    X : array of shape (n_x, m, T), the inputs of m sequences of T steps
    a0 : array of shape (n_a, m), the initial hidden state (often zeros)
    parameters : as in :func:`rnn_cell_forward`

    Returns
    -------
    A : array of shape (n_a, m, T), the hidden state after every step
    Y_hat : array of shape (n_y, m, T), the outputs at every step
    """
    X = as_float_array(X, "X")
    if X.ndim != 3:
        raise ValueError(f"X must have shape (n_x, m, T), got shape {X.shape}")
    states, outputs = [], []
    a = a0
    for t in range(X.shape[2]):
        a, y = rnn_cell_forward(X[:, :, t], a, parameters)
        states.append(a)
        outputs.append(y)
    return np.stack(states, axis=2), np.stack(outputs, axis=2)
