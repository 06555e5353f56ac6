"""Loss functions: the cost of a batch, and its gradient at the output layer.

Introduced in: part 1, "the cost" (binary cross-entropy); mean squared error
and categorical cross-entropy with the MSE-vs-cross-entropy lesson.

Shapes: ``A`` (the network's output) and ``Y`` (the targets) both have shape
``(n_y, m)``, one column per example. A cost is averaged over the ``m``
examples and returned as a Python ``float``. A ``backward`` function returns
``dA = dL/dA`` for each example *without* the ``1/m`` (the linear layers
divide by ``m`` when they form ``dW`` and ``db``), so ``dA`` has shape
``(n_y, m)`` too.

Each loss has a canonical output activation (sigmoid for binary
cross-entropy, softmax for categorical cross-entropy, identity for MSE). For
that pairing the chain rule collapses to a simple, exact output delta, e.g.
``dZ = A - Y`` for sigmoid + cross-entropy: ``output_delta`` uses it and
never divides by ``A * (1 - A)``, which would be 0 for a saturated unit.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

import numpy as np

from nnlib._validation import as_float_array, check_choice, check_same_shape, checked
from nnlib.activations import Activation, get_activation

__all__ = [
    "binary_cross_entropy",
    "binary_cross_entropy_backward",
    "categorical_cross_entropy",
    "categorical_cross_entropy_backward",
    "mse_cost",
    "mse_cost_backward",
    "Loss",
    "LOSSES",
    "get_loss",
    "default_loss",
    "output_delta",
]


def _check_output_and_targets(arguments: dict) -> None:
    """``A`` and ``Y`` as same-shaped 2-D float arrays of at least one column, ``Y`` in ``A``'s dtype."""
    A = arguments["A"] = as_float_array(arguments["A"], "A")
    Y = arguments["Y"] = as_float_array(arguments["Y"], "Y", dtype=A.dtype)
    if A.ndim != 2:
        raise ValueError(f"A must be a 2-D array of shape (n_y, m), got shape {A.shape}")
    check_same_shape(A, "A", Y, "Y")
    if A.shape[1] == 0:
        raise ValueError("A and Y have no examples (m = 0): a cost needs at least one column")


def _clip(A: np.ndarray) -> np.ndarray:
    """Keep probabilities inside ``[eps, 1 - eps]`` so ``log`` never sees 0."""
    eps = np.finfo(A.dtype).eps
    return np.clip(A, eps, 1 - eps)


@checked(_check_output_and_targets)
def binary_cross_entropy(A, Y) -> float:
    """``J = -(1/m) * sum(Y * log(A) + (1 - Y) * log(1 - A))``.

    Parameters
    ----------
    A : array of shape (n_y, m), predicted probabilities (sigmoid outputs)
    Y : array of shape (n_y, m), true labels 0 or 1

    Returns
    -------
    cost : float
    """
    A = _clip(A)
    m = A.shape[1]
    return float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)


@checked(_check_output_and_targets)
def binary_cross_entropy_backward(A, Y) -> np.ndarray:
    """``dA = -(Y / A - (1 - Y) / (1 - A))`` per example, shape (n_y, m)."""
    A = _clip(A)
    return (A - Y) / (A * (1 - A))


@checked(_check_output_and_targets)
def categorical_cross_entropy(A, Y) -> float:
    """``J = -(1/m) * sum(Y * log(A))`` over classes and examples.

    Parameters
    ----------
    A : array of shape (K, m), softmax probabilities, each column summing to 1
    Y : array of shape (K, m), one-hot targets

    Returns
    -------
    cost : float
    """
    m = A.shape[1]
    return float(-np.sum(Y * np.log(_clip(A))) / m)


@checked(_check_output_and_targets)
def categorical_cross_entropy_backward(A, Y) -> np.ndarray:
    """``dA = -Y / A`` per example, shape (K, m)."""
    return -Y / _clip(A)


@checked(_check_output_and_targets)
def mse_cost(A, Y) -> float:
    """The mean squared error ``J = (1/m) * sum((A - Y)**2)``, summed over outputs, averaged over examples.

    ``LOSSES`` and ``fit(loss=...)`` call this loss ``"mean_squared_error"``.

    Introduced in: lesson 14 (choosing the loss).

    Parameters
    ----------
    A : array of shape (n_y, m), predictions
    Y : array of shape (n_y, m), targets

    Returns
    -------
    cost : float
    """
    m = A.shape[1]
    return float(np.sum((A - Y) ** 2) / m)


@checked(_check_output_and_targets)
def mse_cost_backward(A, Y) -> np.ndarray:
    """``dA = 2 * (A - Y)`` per example, shape (n_y, m)."""
    return 2 * (A - Y)


class Loss(NamedTuple):
    """A loss by name: its cost, its backward pass, and its canonical pairing.

    ``delta(A, Y)`` is ``dZ`` for the output layer when that layer uses
    ``canonical_activation``: the simplified, numerically exact chain rule.
    """

    name: str
    cost: Callable[[np.ndarray, np.ndarray], float]
    backward: Callable[[np.ndarray, np.ndarray], np.ndarray]
    canonical_activation: str
    delta: Callable[[np.ndarray, np.ndarray], np.ndarray]

    def __repr__(self) -> str:
        return f"Loss({self.name!r})"


LOSSES: dict[str, Loss] = {
    loss.name: loss
    for loss in (
        Loss(
            "binary_cross_entropy",
            binary_cross_entropy,
            binary_cross_entropy_backward,
            "sigmoid",
            lambda A, Y: A - Y,
        ),
        Loss(
            "categorical_cross_entropy",
            categorical_cross_entropy,
            categorical_cross_entropy_backward,
            "softmax",
            lambda A, Y: A - Y,
        ),
        Loss(
            "mean_squared_error",
            mse_cost,
            mse_cost_backward,
            "identity",
            lambda A, Y: 2 * (A - Y),
        ),
    )
}


def get_loss(name: str | Loss) -> Loss:
    """Look up a loss by name; an unknown name lists the valid ones."""
    if isinstance(name, Loss):
        return name
    return LOSSES[check_choice(name, "loss", LOSSES)]


def default_loss(output_activation: str | Activation) -> Loss:
    """The loss whose canonical activation is ``output_activation``.

    sigmoid -> binary cross-entropy, softmax -> categorical cross-entropy,
    identity -> mean squared error. Other output activations have no
    natural loss, and the caller must name one.
    """
    name = get_activation(output_activation).name
    for loss in LOSSES.values():
        if loss.canonical_activation == name:
            return loss
    raise ValueError(
        f"no default loss for output activation {name!r}; pass loss= one of " + ", ".join(repr(n) for n in LOSSES)
    )


@checked(_check_output_and_targets)
def output_delta(A, Y, Z, activation: str | Activation, loss: str | Loss) -> np.ndarray:
    """``dZ`` of the output layer, per example (no ``1/m``), shape (n_y, m).

    Uses the loss's simplified delta for its canonical activation; for any
    other pairing applies the chain rule ``dZ = g'(Z) * dL/dA``.
    """
    activation, loss = get_activation(activation), get_loss(loss)
    if activation.name == loss.canonical_activation:
        return loss.delta(A, Y)
    return activation.backward(loss.backward(A, Y), Z)
