"""Parameter updates: gradient descent, momentum, Adam, and mini-batches.

Introduced in: part 1, "training" (``update_parameters``); momentum, Adam
and mini-batches in the optimisation lesson of part 2.

``update_parameters`` is the one-line rule the lessons write,
``W := W - learning_rate * dW``, returning a new dict. The optimizer classes
do the same job for the training loop: ``step(parameters, grads)`` updates
the arrays *in place* (no new arrays per step) and keeps whatever state the
method needs (velocities, moment estimates) keyed by parameter name.
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
]


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
    check_positive(learning_rate, "learning_rate")
    check_grads(parameters, grads)
    return {key: value - learning_rate * grads["d" + key] for key, value in parameters.items()}


class GradientDescent:
    """Plain (mini-batch) gradient descent: ``P -= learning_rate * dP``."""

    def __init__(self, learning_rate: float = 0.1):
        self.learning_rate = check_positive(learning_rate, "learning_rate")

    def step(self, parameters: dict, grads: dict) -> None:
        """Update every array of ``parameters`` in place."""
        for key, P in parameters.items():
            P -= self.learning_rate * grads["d" + key]

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

    def step(self, parameters: dict, grads: dict) -> None:
        """Update every array of ``parameters`` in place."""
        for key, P in parameters.items():
            v = self.velocity.setdefault(key, np.zeros_like(P))
            v *= self.beta
            v += (1 - self.beta) * grads["d" + key]
            P -= self.learning_rate * v

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
        # Fold both bias corrections into one step size: fewer passes over the arrays.
        step_size = self.learning_rate * np.sqrt(1 - self.beta2**self.t) / (1 - self.beta1**self.t)
        epsilon_hat = self.epsilon * np.sqrt(1 - self.beta2**self.t)
        for key, P in parameters.items():
            dP = grads["d" + key]
            m = self.first.setdefault(key, np.zeros_like(P))
            s = self.second.setdefault(key, np.zeros_like(P))
            m *= self.beta1
            m += (1 - self.beta1) * dP
            s *= self.beta2
            s += (1 - self.beta2) * (dP * dP)
            P -= step_size * m / (np.sqrt(s) + epsilon_hat)

    def __repr__(self) -> str:
        return (
            f"Adam(learning_rate={self.learning_rate}, beta1={self.beta1}, beta2={self.beta2}, epsilon={self.epsilon})"
        )


def _check_decay(value, name: str) -> float:
    check_positive(value, name, allow_zero=True)
    if value >= 1:
        raise ValueError(f"{name} must be in [0, 1), got {value}")
    return float(value)


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
    rng : numpy.random.Generator or None

    Returns
    -------
    batches : list of int arrays of shape (b,); every index appears in exactly one
    """
    check_positive(m, "m", integer=True, allow_zero=True)
    check_positive(batch_size, "batch_size", integer=True)
    order = check_rng(rng).permutation(m)
    return [order[start : start + batch_size] for start in range(0, m, batch_size)]


def random_mini_batches(X, Y, batch_size: int = 64, rng=None) -> list[tuple[np.ndarray, np.ndarray]]:
    """Shuffle the examples and cut them into mini-batches.

    Parameters
    ----------
    X : array of shape (n_x, m)
    Y : array of shape (n_y, m)
    batch_size : int > 0; the last batch holds the ``m % batch_size`` left over
    rng : numpy.random.Generator or None

    Returns
    -------
    batches : list of ``(X_batch, Y_batch)`` with shapes (n_x, b) and (n_y, b);
        every example appears in exactly one batch.
    """
    X = as_float_array(X, "X")
    Y = np.asarray(Y)
    sizes = check_shape(X, "X", ("n_x", "m"))
    check_shape(Y, "Y", ("n_y", "m"), sizes)
    return [(X[:, idx], Y[:, idx]) for idx in mini_batch_indices(X.shape[1], batch_size, rng)]
