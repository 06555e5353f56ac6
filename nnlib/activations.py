"""Activation functions, their backward passes, and a registry by name.

Introduced in: part 1, "the sigmoid" (sigmoid); tanh, ReLU and leaky ReLU in
the activation-function lesson; softmax with the multi-class output layer.

Shapes: every function works elementwise (softmax: column by column) on
``Z`` of shape ``(n, m)``, one column per example, and returns an array of
the same shape and dtype. A backward function takes the upstream gradient
``dA`` and the layer's ``Z`` (the activation cache of the layer's forward
step) and returns ``dZ = dA * g'(Z)``, with the same shape.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

import numpy as np

from nnlib._validation import arrays, check_choice, checked

__all__ = [
    "sigmoid",
    "sigmoid_backward",
    "tanh",
    "tanh_backward",
    "relu",
    "relu_backward",
    "leaky_relu",
    "leaky_relu_backward",
    "identity",
    "identity_backward",
    "softmax",
    "softmax_backward",
    "Activation",
    "ACTIVATIONS",
    "get_activation",
]

LEAKY_SLOPE = 0.01


@checked(arrays("Z"))
def sigmoid(Z):
    """Logistic sigmoid ``A = 1 / (1 + exp(-Z))``, without overflow.

    ``exp`` is only ever taken of ``-|Z|``, which lies in ``(-inf, 0]``, so it
    never overflows; for negative ``Z`` the algebraically equal form
    ``exp(Z) / (1 + exp(Z))`` keeps full relative precision for tiny outputs.

    Parameters
    ----------
    Z : array of shape (n, m) (any shape works)

    Returns
    -------
    A : array of Z's shape, values in [0, 1]
    """
    E = np.exp(-np.abs(Z))
    return np.where(Z >= 0, 1 / (1 + E), E / (1 + E))


def sigmoid_backward(dA, Z):
    """``dZ = dA * s * (1 - s)`` with ``s = sigmoid(Z)``: the sigmoid's slope is written through its output."""
    s = sigmoid(Z)
    return dA * s * (1 - s)


@checked(arrays("Z"))
def tanh(Z):
    """Hyperbolic tangent ``A = (e^Z - e^-Z) / (e^Z + e^-Z)``, values in [-1, 1]."""
    return np.tanh(Z)


def tanh_backward(dA, Z):
    """``dZ = dA * (1 - tanh(Z)**2)``."""
    t = np.tanh(Z)
    return dA * (1 - t * t)


@checked(arrays("Z"))
def relu(Z):
    """Rectified linear unit ``A = max(Z, 0)``."""
    return np.maximum(Z, 0)


def relu_backward(dA, Z):
    """``dZ = dA`` where ``Z > 0``, else 0 (the slope at exactly 0 is taken as 0)."""
    return dA * (Z > 0)


@checked(arrays("Z"))
def leaky_relu(Z, slope: float = LEAKY_SLOPE):
    """Leaky ReLU ``A = Z`` for ``Z > 0``, ``slope * Z`` otherwise."""
    return np.where(Z > 0, Z, Z * slope)


def leaky_relu_backward(dA, Z, slope: float = LEAKY_SLOPE):
    """``dZ = dA`` where ``Z > 0``, ``slope * dA`` otherwise."""
    return np.where(Z > 0, dA, dA * slope)


@checked(arrays("Z"))
def identity(Z):
    """``A = Z``: the output unit of a regression network."""
    return Z


def identity_backward(dA, Z):
    """``dZ = dA``."""
    return dA


@checked(arrays(Z=("K", "m")))
def softmax(Z):
    """Column-wise softmax ``A[k, i] = exp(Z[k, i]) / sum_j exp(Z[j, i])``.

    Each column's maximum is subtracted first: the result is unchanged and
    ``exp`` never overflows, whatever the logits.

    Parameters
    ----------
    Z : array of shape (K, m), one column of K class scores per example

    Returns
    -------
    A : array of shape (K, m), each column non-negative and summing to 1
    """
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)


def softmax_backward(dA, Z):
    """``dZ = A * (dA - sum_k(dA * A))`` with ``A = softmax(Z)``: the softmax Jacobian, column by column.

    Paired with cross-entropy this simplifies to ``A - Y``, which the losses
    module uses directly; this general form serves any other loss.
    """
    A = softmax(Z)
    return A * (dA - np.sum(dA * A, axis=0, keepdims=True))


class Activation(NamedTuple):
    """An activation by name: ``forward(Z) -> A`` and ``backward(dA, Z) -> dZ``."""

    name: str
    forward: Callable[[np.ndarray], np.ndarray]
    backward: Callable[[np.ndarray, np.ndarray], np.ndarray]

    def __repr__(self) -> str:
        return f"Activation({self.name!r})"


ACTIVATIONS: dict[str, Activation] = {
    activation.name: activation
    for activation in (
        Activation("sigmoid", sigmoid, sigmoid_backward),
        Activation("tanh", tanh, tanh_backward),
        Activation("relu", relu, relu_backward),
        Activation("leaky_relu", leaky_relu, leaky_relu_backward),
        Activation("identity", identity, identity_backward),
        Activation("softmax", softmax, softmax_backward),
    )
}


def get_activation(name: str | Activation) -> Activation:
    """Look up an activation by name; an unknown name lists the valid ones."""
    if isinstance(name, Activation):
        return name
    return ACTIVATIONS[check_choice(name, "activation", ACTIVATIONS)]
