"""A recurrent cell: the same weights applied at every time step, carrying a hidden state forward.

Introduced in: lesson 17 (architectures: the cell, ``rnn_cell_forward``); lesson 19 (recurrent
networks: the unrolled forward pass, backpropagation through time, gradient clipping).

At step ``t`` the cell reads the input ``x_t`` (n_x, m) and the previous
state ``a_prev`` (n_a, m)::

    a_t = tanh(Wax @ x_t + Waa @ a_prev + ba)      (n_a, m)
    y_t = Wya @ a_t + by                           (n_y, m), a score (apply a
                                                   sigmoid or softmax for classes)

Unrolled over a sequence ``x_1 .. x_T``, the network is a deep feedforward
network with T layers that share one set of weights; its gradients are
computed by backpropagation through that unrolled network ("through time").

Sequences are ``(n, m, T)``: features, sequences, time steps. One step's cache
is the tuple ``(a_next, a_prev, x_t, parameters)``; ``rnn_forward`` returns the
list of the T caches, in time order.

Gradients follow the course's convention (``nnlib.deep``): the gradients of
states and inputs (``da_next``, ``dA``, ``dX``) are per example, with no
``1/m``; the weights' gradients are averaged over the m sequences when they
are formed, and summed over the time steps, since every step uses the same
weights.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from nnlib._validation import as_float_array, check_positive, check_shape, checked

__all__ = [
    "RNN_KEYS",
    "rnn_cell_forward",
    "rnn_forward",
    "rnn_cell_backward",
    "rnn_backward",
    "clip_gradients",
    "global_norm",
    "output_backward",
]

#: The cell's parameters and their shapes.
RNN_KEYS = {"Wax": ("n_a", "n_x"), "Waa": ("n_a", "n_a"), "ba": ("n_a", 1), "Wya": ("n_y", "n_a"), "by": ("n_y", 1)}


def _check_parameters(parameters) -> dict:
    """Check an RNN's ``parameters`` against :data:`RNN_KEYS`; return the letter sizes."""
    if not isinstance(parameters, dict):
        raise TypeError(f"parameters must be a dict with keys {list(RNN_KEYS)}, got {type(parameters).__name__}")
    sizes: dict = {}
    for key, spec in RNN_KEYS.items():
        if key not in parameters:
            raise ValueError(f"parameters has no {key!r}; an RNN cell needs {list(RNN_KEYS)}")
        sizes = check_shape(
            as_float_array(parameters[key], f"parameters[{key!r}]"), f"parameters[{key!r}]", spec, sizes
        )
    return sizes


def _check_cell(arguments: dict) -> None:
    """Check an RNN cell's ``parameters``, then ``x_t`` (n_x, m) and ``a_prev`` (n_a, m) against them."""
    sizes = _check_parameters(arguments["parameters"])
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


def _check_sequence(arguments: dict) -> None:
    """Check ``parameters``, then ``X`` (n_x, m, T) with T >= 1 and ``a0`` (n_a, m) against them."""
    sizes = _check_parameters(arguments["parameters"])
    X = arguments["X"] = as_float_array(arguments["X"], "X")
    if X.ndim != 3:
        raise ValueError(f"X must have shape (n_x, m, T), got shape {X.shape}")
    check_shape(X, "X", ("n_x", "m", "T"), sizes)
    if X.shape[2] == 0:
        raise ValueError("X has no time steps (T = 0)")
    arguments["a0"] = as_float_array(arguments["a0"], "a0")
    check_shape(arguments["a0"], "a0", ("n_a", "m"), sizes)


@checked(_check_sequence)
def rnn_forward(X, a0, parameters) -> tuple[np.ndarray, np.ndarray, list]:
    """The cell unrolled over a whole sequence: ``rnn_cell_forward`` at t = 1 .. T.

    Parameters
    ----------
    X : array of shape (n_x, m, T), the inputs of m sequences of T steps
    a0 : array of shape (n_a, m), the initial hidden state (often zeros)
    parameters : as in :func:`rnn_cell_forward`

    Returns
    -------
    A : array of shape (n_a, m, T), the hidden state after every step
    Y_hat : array of shape (n_y, m, T), the output scores at every step
    caches : list of T tuples ``(a_next, a_prev, x_t, parameters)``, one per step, in time order
    """
    n_x, m, T = X.shape
    n_a, n_y = parameters["Waa"].shape[0], parameters["Wya"].shape[0]
    A = np.zeros((n_a, m, T), dtype=X.dtype)
    Y_hat = np.zeros((n_y, m, T), dtype=X.dtype)
    caches = []
    a_next = a0
    for t in range(T):
        a_prev = a_next
        a_next, Y_hat[:, :, t] = rnn_cell_forward(X[:, :, t], a_prev, parameters)
        A[:, :, t] = a_next
        caches.append((a_next, a_prev, X[:, :, t], parameters))
    return A, Y_hat, caches


def _check_step_cache(cache, name: str) -> dict:
    """Check one step's cache ``(a_next, a_prev, x_t, parameters)``; return the letter sizes."""
    if not isinstance(cache, (tuple, list)) or len(cache) != 4:
        raise ValueError(f"{name} must be a tuple (a_next, a_prev, x_t, parameters), as rnn_forward makes it")
    sizes = _check_parameters(cache[3])
    for array, field, spec in zip(cache[:3], ("a_next", "a_prev", "x_t"), (("n_a", "m"), ("n_a", "m"), ("n_x", "m"))):
        check_shape(as_float_array(array, f"{name}'s {field}"), f"{name}'s {field}", spec, sizes)
    return sizes


def _check_cell_backward(arguments: dict) -> None:
    sizes = _check_step_cache(arguments["cache"], "cache")
    arguments["da_next"] = as_float_array(arguments["da_next"], "da_next")
    check_shape(arguments["da_next"], "da_next", ("n_a", "m"), sizes)


@checked(_check_cell_backward)
def rnn_cell_backward(da_next, cache) -> dict:
    """Gradients of one time step, from ``da_next``, the loss's gradient for the step's new state.

    With ``dz = da_next * (1 - a_next ** 2)`` (the tanh's slope, from its output)::

        dx_t = Wax.T @ dz        da_prev = Waa.T @ dz              (per example)
        dWax = dz @ x_t.T / m    dWaa = dz @ a_prev.T / m    dba = sum(dz, axis=1) / m

    Parameters
    ----------
    da_next : array of shape (n_a, m), the gradient of the loss with respect to ``a_next``, per example
    cache : tuple (a_next, a_prev, x_t, parameters) of the step, from :func:`rnn_forward`

    Returns
    -------
    grads : dict with dx_t (n_x, m), da_prev (n_a, m), dWax (n_a, n_x), dWaa (n_a, n_a), dba (n_a, 1)
    """
    a_next, a_prev, x_t, parameters = cache
    m = x_t.shape[1]
    dz = da_next * (1 - a_next**2)
    return {
        "dx_t": parameters["Wax"].T @ dz,
        "da_prev": parameters["Waa"].T @ dz,
        "dWax": dz @ x_t.T / m,
        "dWaa": dz @ a_prev.T / m,
        "dba": np.sum(dz, axis=1, keepdims=True) / m,
    }


def _check_backward(arguments: dict) -> None:
    caches = arguments["caches"]
    if not isinstance(caches, (list, tuple)) or len(caches) == 0:
        raise ValueError("caches must be the non-empty list of step caches that rnn_forward returns")
    sizes = _check_step_cache(caches[0], "caches[0]")
    arguments["dA"] = as_float_array(arguments["dA"], "dA")
    check_shape(arguments["dA"], "dA", ("n_a", "m", len(caches)), sizes)


@checked(_check_backward)
def rnn_backward(dA, caches) -> dict:
    """Backpropagation through time: the gradients of the whole unrolled sequence.

    Going backwards from the last step, each step's state gets two gradients, the one from its own
    output (``dA[:, :, t]``) and the one from the next step (``da_prev`` of step t + 1); the
    weights' gradients are the sums of the steps' gradients.

    Parameters
    ----------
    dA : array of shape (n_a, m, T), the loss's gradient for each hidden state coming from the outputs
        (``Wya.T @ dy_t`` at every step), per example
    caches : list of T step caches ``(a_next, a_prev, x_t, parameters)``, from :func:`rnn_forward`

    Returns
    -------
    grads : dict with dX (n_x, m, T), da0 (n_a, m), dWax (n_a, n_x), dWaa (n_a, n_a), dba (n_a, 1)
    """
    n_a, m, T = dA.shape
    parameters = caches[0][3]
    n_x = parameters["Wax"].shape[1]
    dX = np.zeros((n_x, m, T), dtype=dA.dtype)
    dWax = np.zeros_like(parameters["Wax"])
    dWaa = np.zeros_like(parameters["Waa"])
    dba = np.zeros_like(parameters["ba"])
    da_prev = np.zeros((n_a, m), dtype=dA.dtype)
    for t in reversed(range(T)):
        step = rnn_cell_backward(dA[:, :, t] + da_prev, caches[t])
        dX[:, :, t] = step["dx_t"]
        dWax += step["dWax"]
        dWaa += step["dWaa"]
        dba += step["dba"]
        da_prev = step["da_prev"]
    return {"dX": dX, "da0": da_prev, "dWax": dWax, "dWaa": dWaa, "dba": dba}


def _check_clip(arguments: dict) -> None:
    grads = arguments["grads"]
    if not isinstance(grads, Mapping) or not grads:
        raise TypeError(f"grads must be a non-empty dict of gradient arrays, got {type(grads).__name__}")
    for key, value in grads.items():
        as_float_array(value, f"grads[{key!r}]")
    check_positive(arguments["max_norm"], "max_norm")


def global_norm(grads: Mapping) -> float:
    """The norm of all the gradients together: ``sqrt(sum over every array of sum(g ** 2))``."""
    return float(np.sqrt(sum(np.sum(np.square(g)) for g in grads.values())))


@checked(_check_clip)
def clip_gradients(grads, max_norm) -> dict:
    """Global-norm clipping: scale every gradient by ``max_norm / norm`` when their joint norm is larger.

    ``norm = sqrt(sum over every array g of sum(g ** 2))``; below ``max_norm`` the gradients are
    returned unchanged. Scaling all of them by one factor keeps the step's direction.

    Parameters
    ----------
    grads : dict of arrays, e.g. ``{"dWax": ..., "dWaa": ..., "dba": ...}``
    max_norm : float > 0

    Returns
    -------
    clipped : a new dict with the same keys and shapes (the input and its arrays are not changed)
    """
    norm = global_norm(grads)
    scale = max_norm / norm if norm > max_norm else 1.0
    return {key: g * scale for key, g in grads.items()}


def output_backward(dY_hat, A, parameters) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradients of the output layer ``y_t = Wya @ a_t + by`` at every step, summed over time.

    Parameters
    ----------
    dY_hat : array of shape (n_y, m, T), the loss's gradient for each score, per example
    A : array of shape (n_a, m, T), the hidden states from :func:`rnn_forward`
    parameters : dict with Wya (n_y, n_a) and by (n_y, 1)

    Returns
    -------
    dA : array of shape (n_a, m, T), ``Wya.T @ dy_t`` at every step, per example (for :func:`rnn_backward`)
    dWya : array of shape (n_y, n_a), ``sum over t of dy_t @ a_t.T / m``
    dby : array of shape (n_y, 1), ``sum over t and the examples of dy_t, / m``
    """
    m = A.shape[1]
    dA = np.einsum("ya,ymt->amt", parameters["Wya"], dY_hat)
    dWya = np.einsum("ymt,amt->ya", dY_hat, A) / m
    dby = dY_hat.sum(axis=(1, 2)).reshape(-1, 1) / m
    return dA, dWya, dby
