"""Parameter updates: gradient descent, momentum, Adam, and mini-batches.

Introduced in: part 1, "training" (``update_parameters``); momentum, Adam
and mini-batches in the optimisation lesson of part 2.

``update_parameters`` is the one-line rule the lessons write,
``W := W - learning_rate * dW``, returning a new dict. The optimizer classes
do the same job for the training loop: ``step(parameters, grads)`` updates
the parameter arrays *in place* (gradient descent and momentum without a
new array per step: their products go into a reused scratch array) and keeps
whatever state the method needs (velocities, moment estimates) keyed by
parameter name.
"""

from __future__ import annotations

import numpy as np

from nnlib._validation import (
    as_float_array,
    check_choice,
    check_grads,
    check_positive,
    check_rng,
    check_shape,
    checked,
)

__all__ = [
    "update_parameters",
    "GradientDescent",
    "Momentum",
    "Adam",
    "OPTIMIZERS",
    "get_optimizer",
    "mini_batch_indices",
    "random_mini_batches",
    "momentum_update",
    "adam_update",
]


def _check_step(arguments: dict) -> None:
    check_positive(arguments["learning_rate"], "learning_rate")
    check_grads(arguments["parameters"], arguments["grads"])


@checked(_check_step)
def update_parameters(parameters: dict, grads: dict, learning_rate: float) -> dict:
    """One step of gradient descent: ``P := P - learning_rate * dP`` for every parameter.

    Parameters
    ----------
    parameters : dict of arrays, e.g. ``W1`` (n_1, n_0), ``b1`` (n_1, 1), ...
    grads : dict with a ``"d" + key`` array of the same shape for every key
    learning_rate : float > 0

    Returns
    -------
    parameters : a new dict with the updated arrays (the input is not changed)
    """
    return {key: value - learning_rate * grads["d" + key] for key, value in parameters.items()}


class GradientDescent:
    """Plain (mini-batch) gradient descent: ``P -= learning_rate * dP``."""

    def __init__(self, learning_rate: float = 0.1):
        self.learning_rate = check_positive(learning_rate, "learning_rate")
        self.scratch = _Scratch()

    def step(self, parameters: dict, grads: dict) -> None:
        """Update every array of ``parameters`` in place."""
        for key, P in parameters.items():
            dP = grads["d" + key]
            P -= np.multiply(dP, self.learning_rate, out=self.scratch.buffer(key, dP))

    def __repr__(self) -> str:
        return f"GradientDescent(learning_rate={self.learning_rate})"


class Momentum:
    """Gradient descent with momentum.

    ``v := beta * v + (1 - beta) * dP`` (an exponential moving average of the
    gradients), then ``P -= learning_rate * v``.
    """

    def __init__(self, learning_rate: float = 0.1, beta: float = 0.9):
        self.learning_rate = check_positive(learning_rate, "learning_rate")
        self.beta = _check_decay(beta, "beta")
        self.velocity: dict[str, np.ndarray] = {}
        self.scratch = _Scratch()

    def step(self, parameters: dict, grads: dict) -> None:
        """Update every array of ``parameters`` in place."""
        for key, P in parameters.items():
            v = self.velocity.setdefault(key, np.zeros_like(P))
            dP = grads["d" + key]
            _momentum_step(P, dP, v, self.beta, self.learning_rate, self.scratch.buffer(key, dP))

    def __repr__(self) -> str:
        return f"Momentum(learning_rate={self.learning_rate}, beta={self.beta})"


class Adam:
    """Adam: momentum on the gradient, scaled by a running RMS of the gradient.

    With ``t`` the step count (from 1)::

        m := beta1 * m + (1 - beta1) * dP          # first moment
        s := beta2 * s + (1 - beta2) * dP**2       # second moment
        P -= learning_rate * m_hat / (sqrt(s_hat) + epsilon)

    where ``m_hat = m / (1 - beta1**t)`` and ``s_hat = s / (1 - beta2**t)``
    undo the bias of starting both averages at zero.
    """

    def __init__(
        self,
        learning_rate: float = 0.001,
        beta1: float = 0.9,
        beta2: float = 0.999,
        epsilon: float = 1e-8,
    ):
        self.learning_rate = check_positive(learning_rate, "learning_rate")
        self.beta1 = _check_decay(beta1, "beta1")
        self.beta2 = _check_decay(beta2, "beta2")
        self.epsilon = check_positive(epsilon, "epsilon")
        self.t = 0
        self.first: dict[str, np.ndarray] = {}
        self.second: dict[str, np.ndarray] = {}

    def step(self, parameters: dict, grads: dict) -> None:
        """Update every array of ``parameters`` in place."""
        self.t += 1
        settings = (self.t, self.learning_rate, self.beta1, self.beta2, self.epsilon)
        for key, P in parameters.items():
            m = self.first.setdefault(key, np.zeros_like(P))
            s = self.second.setdefault(key, np.zeros_like(P))
            _adam_step(P, grads["d" + key], m, s, *settings)

    def __repr__(self) -> str:
        return (
            f"Adam(learning_rate={self.learning_rate}, beta1={self.beta1}, beta2={self.beta2}, epsilon={self.epsilon})"
        )


def _check_decay(value, name: str) -> float:
    check_positive(value, name, allow_zero=True)
    if value >= 1:
        raise ValueError(f"{name} must be in [0, 1), got {value}")
    return float(value)


class _Scratch:
    """One reusable array per parameter name, so an optimizer step allocates nothing."""

    def __init__(self):
        self.arrays: dict[str, np.ndarray] = {}

    def buffer(self, key: str, like: np.ndarray) -> np.ndarray:
        """An array of ``like``'s shape and dtype for ``key``, the same one at every call."""
        array = self.arrays.get(key)
        if array is None or array.shape != like.shape or array.dtype != like.dtype:
            array = self.arrays[key] = np.empty_like(like)
        return array


OPTIMIZERS = {"gd": GradientDescent, "momentum": Momentum, "adam": Adam}


def get_optimizer(optimizer, learning_rate: float | None = None):
    """An optimizer instance from a name in ``OPTIMIZERS`` or an instance.

    A name builds a fresh optimizer (with ``learning_rate`` when given, the
    method's default otherwise); an instance is returned as it is.
    """
    if isinstance(optimizer, tuple(OPTIMIZERS.values())):
        return optimizer
    cls = OPTIMIZERS[check_choice(optimizer, "optimizer", OPTIMIZERS)]
    return cls() if learning_rate is None else cls(learning_rate=learning_rate)


def mini_batch_indices(m: int, batch_size: int = 64, rng=None) -> list[np.ndarray]:
    """Shuffle the example indices ``0 .. m-1`` and cut them into mini-batches.

    Shuffling indices instead of the data costs nothing per number; each
    batch's examples are then gathered by whoever uses the batch.

    Parameters
    ----------
    m : int >= 0, the number of examples
    batch_size : int > 0; the last batch holds the ``m % batch_size`` left over
    rng : numpy.random.Generator, int seed or None

    Returns
    -------
    batches : list of int arrays of shape (b,); every index appears in exactly one
    """
    check_positive(m, "m", integer=True, allow_zero=True)
    check_positive(batch_size, "batch_size", integer=True)
    order = check_rng(rng).permutation(m)
    return [order[start : start + batch_size] for start in range(0, m, batch_size)]


def _check_examples(arguments: dict) -> None:
    """``X`` (n_x, m) as a float array and ``Y`` (n_y, m) as an array of any dtype (labels stay labels)."""
    arguments["X"] = X = as_float_array(arguments["X"], "X")
    arguments["Y"] = Y = np.asarray(arguments["Y"])
    check_shape(Y, "Y", ("n_y", "m"), check_shape(X, "X", ("n_x", "m")))


@checked(_check_examples)
def random_mini_batches(X, Y, batch_size: int = 64, rng=None) -> list[tuple[np.ndarray, np.ndarray]]:
    """Shuffle the examples and cut them into mini-batches.

    Parameters
    ----------
    X : array of shape (n_x, m)
    Y : array of shape (n_y, m)
    batch_size : int > 0; the last batch holds the ``m % batch_size`` left over
    rng : numpy.random.Generator, int seed or None

    Returns
    -------
    batches : list of ``(X_batch, Y_batch)`` with shapes (n_x, b) and (n_y, b);
        every example appears in exactly one batch.
    """
    return [(X[:, idx], Y[:, idx]) for idx in mini_batch_indices(X.shape[1], batch_size, rng)]


# --- one step as a function: the lessons' exercises; the classes above call the same steps ---


def _momentum_step(P, dP, v, beta: float, learning_rate: float, scratch=None) -> None:
    """``v := beta * v + (1 - beta) * dP``, then ``P -= learning_rate * v``, both in place.

    ``scratch``, an array like ``dP``, holds the products (a new array each when None).
    """
    v *= beta
    v += np.multiply(dP, 1 - beta, out=scratch)
    P -= np.multiply(v, learning_rate, out=scratch)


def _adam_step(P, dP, m, s, t: int, learning_rate: float, beta1: float, beta2: float, epsilon: float) -> None:
    """One Adam step on ``P``, ``m`` and ``s`` in place (see :class:`Adam`).

    Both bias corrections are folded into one step size, which saves passes
    over the arrays: ``lr * m_hat / (sqrt(s_hat) + eps)`` equals
    ``lr * sqrt(1 - beta2**t) / (1 - beta1**t) * m / (sqrt(s) + eps * sqrt(1 - beta2**t))``.
    """
    m *= beta1
    m += (1 - beta1) * dP
    s *= beta2
    s += (1 - beta2) * (dP * dP)
    correction = float(np.sqrt(1 - beta2**t))  # Python floats keep float32 arrays float32
    step_size = learning_rate * correction / (1 - beta1**t)
    P -= step_size * m / (np.sqrt(s) + epsilon * correction)


def _float_arrays(arguments: dict, *names: str) -> None:
    """Each dict ``arguments[name]`` as a new dict of float arrays (their entries are not copied)."""
    for name in names:
        arrays = arguments[name]
        if not isinstance(arrays, dict):
            raise TypeError(f"{name} must be a dict of arrays, got {type(arrays).__name__}")
        arguments[name] = {key: as_float_array(value, f"{name}[{key!r}]") for key, value in arrays.items()}


def _copies(arrays: dict) -> dict:
    return {key: value.copy() for key, value in arrays.items()}


def _check_momentum(arguments: dict) -> None:
    arguments["beta"] = _check_decay(arguments["beta"], "beta")
    check_positive(arguments["learning_rate"], "learning_rate")
    check_grads(arguments["parameters"], arguments["grads"])
    check_grads(arguments["parameters"], arguments["velocity"], "velocity")
    _float_arrays(arguments, "parameters", "velocity")


@checked(_check_momentum)
def momentum_update(parameters: dict, grads: dict, velocity: dict, beta: float, learning_rate: float):
    """One step of gradient descent with momentum, returning new dicts.

    For every parameter ``P`` (``W1``, ``b1``, ...)::

        v_dP := beta * v_dP + (1 - beta) * dP
        P    := P - learning_rate * v_dP

    Introduced in: lesson 15 (hyperparameters and optimisers).

    Parameters
    ----------
    parameters : dict of arrays, ``W1`` (n_1, n_0), ``b1`` (n_1, 1), ...
    grads : dict with ``dW1``, ``db1``, ... of the same shapes
    velocity : dict with ``dW1``, ``db1``, ... of the same shapes (zeros at the start)
    beta : float in [0, 1), the velocity's decay (0 is plain gradient descent)
    learning_rate : float > 0

    Returns
    -------
    parameters, velocity : new dicts (the inputs are not changed)
    """
    new_parameters, new_velocity = _copies(parameters), _copies(velocity)
    for key, P in new_parameters.items():
        _momentum_step(P, grads["d" + key], new_velocity["d" + key], beta, learning_rate)
    return new_parameters, new_velocity


def _check_adam(arguments: dict) -> None:
    arguments["t"] = int(check_positive(arguments["t"], "t", integer=True))
    check_positive(arguments["learning_rate"], "learning_rate")
    for name in ("beta1", "beta2"):
        arguments[name] = _check_decay(arguments[name], name)
    check_positive(arguments["epsilon"], "epsilon")
    for name in ("grads", "v", "s"):
        check_grads(arguments["parameters"], arguments[name], name)
    _float_arrays(arguments, "parameters", "v", "s")


@checked(_check_adam)
def adam_update(
    parameters: dict,
    grads: dict,
    v: dict,
    s: dict,
    t: int,
    learning_rate: float = 0.001,
    beta1: float = 0.9,
    beta2: float = 0.999,
    epsilon: float = 1e-8,
):
    """One Adam step with bias correction, returning new dicts.

    For every parameter ``P``, with ``t`` the number of this step (1, 2, ...)::

        v_dP := beta1 * v_dP + (1 - beta1) * dP         (first moment)
        s_dP := beta2 * s_dP + (1 - beta2) * dP**2      (second moment)
        v_hat = v_dP / (1 - beta1**t),  s_hat = s_dP / (1 - beta2**t)
        P    := P - learning_rate * v_hat / (sqrt(s_hat) + epsilon)

    Introduced in: lesson 15 (hyperparameters and optimisers).

    Parameters
    ----------
    parameters : dict of arrays, ``W1`` (n_1, n_0), ``b1`` (n_1, 1), ...
    grads, v, s : dicts with ``dW1``, ``db1``, ... of the same shapes (v and s zeros at the start)
    t : int >= 1, the step number, for the bias correction
    learning_rate : float > 0
    beta1, beta2 : floats in [0, 1)
    epsilon : float > 0, keeps the division finite

    Returns
    -------
    parameters, v, s : new dicts (the inputs are not changed)
    """
    new_parameters, new_v, new_s = _copies(parameters), _copies(v), _copies(s)
    for key, P in new_parameters.items():
        _adam_step(P, grads["d" + key], new_v["d" + key], new_s["d" + key], t, learning_rate, beta1, beta2, epsilon)
    return new_parameters, new_v, new_s
