"""Regularisation: L1 and L2 weight penalties, and inverted dropout.

Introduced in: lesson 12 (regularisation).

Penalties apply to the weight matrices ``W1 .. WL`` only, never to the
biases, and are scaled by ``1/m`` like the data cost they are added to:

- L2: ``(lambd / (2m)) * sum_l ||W_l||^2``, gradient ``(lambd / m) * W_l``
  ("weight decay": every step shrinks each weight towards 0 in proportion).
- L1: ``(lambd / m) * sum_l sum |W_l|``, gradient ``(lambd / m) * sign(W_l)``
  (a constant pull that drives small weights to exactly 0).

Inverted dropout keeps each hidden unit with probability ``keep_prob``
during training and divides the kept ones by ``keep_prob``, so the expected
activation is unchanged and prediction needs no rescaling.
"""

from __future__ import annotations

import numpy as np

from nnlib._validation import arrays, check_parameters, check_positive, check_probability, check_rng, checked

__all__ = [
    "l2_cost",
    "l1_cost",
    "weight_penalty",
    "weight_penalty_gradient",
    "dropout_mask",
    "dropout_forward",
    "dropout_backward",
    "l2_gradient",
    "l1_gradient",
]


def _check_penalty(arguments: dict) -> None:
    check_positive(arguments["lambd"], "lambd", allow_zero=True)
    check_positive(arguments["m"], "m", integer=True)
    check_parameters(arguments["parameters"])


def _weights(parameters) -> list[np.ndarray]:
    """``W1 .. WL``, the arrays a penalty applies to (never the biases)."""
    L = sum(key.startswith("W") for key in parameters)
    return [parameters[f"W{l}"] for l in range(1, L + 1)]


@checked(_check_penalty)
def l2_cost(parameters, lambd: float, m: int) -> float:
    """The L2 term added to the cost: ``(lambd / (2m)) * sum over layers of sum(W_l ** 2)``, as a float.

    Biases are not penalised.

    Introduced in: lesson 12 (regularisation).

    Parameters
    ----------
    parameters : dict with ``W1`` (n_1, n_0), ``b1`` (n_1, 1), ... ``WL``, ``bL``
    lambd : float >= 0, the strength
    m : int, the number of examples the data cost is averaged over

    Returns
    -------
    cost : float
    """
    return float(lambd / (2 * m) * sum(np.sum(W * W) for W in _weights(parameters)))


@checked(_check_penalty)
def l1_cost(parameters, lambd: float, m: int) -> float:
    """The L1 term added to the cost: ``(lambd / m) * sum over layers of sum(|W_l|)``, as a float."""
    return float(lambd / m * sum(np.sum(np.abs(W)) for W in _weights(parameters)))


def weight_penalty(parameters, l1: float, l2: float, m: int) -> float:
    """The L1 plus the L2 penalty (either strength may be 0), as a float.

    The arguments come in the order of ``l1_cost`` / ``l2_cost``: the
    weights, the strengths, then ``m``.
    """
    cost = 0.0
    if l1:
        cost += l1_cost(parameters, l1, m)
    if l2:
        cost += l2_cost(parameters, l2, m)
    return cost


def weight_penalty_gradient(W: np.ndarray, l1: float, l2: float, m: int):
    """The penalty's gradient for one weight matrix: ``(l1 * sign(W) + l2 * W) / m``.

    Returns an array of ``W``'s shape, or the scalar 0.0 when both strengths
    are 0 (so ``dW + weight_penalty_gradient(...)`` costs nothing then).
    """
    if not (l1 or l2):
        return 0.0
    return (l1 * np.sign(W) + l2 * W) / m


def dropout_mask(shape, keep_prob: float, rng=None, dtype=np.float64) -> np.ndarray:
    """A scaled dropout mask: ``1 / keep_prob`` with probability ``keep_prob``, else 0.

    Parameters
    ----------
    shape : tuple (n, m), the shape of the activations to drop
    keep_prob : probability in (0, 1] of keeping a unit
    rng : numpy.random.Generator, int seed or None
    dtype : float dtype of the mask (match the activations)

    Returns
    -------
    D : array of the given shape
    """
    keep_prob = check_probability(keep_prob, "keep_prob")
    rng = check_rng(rng)
    keep = rng.random(shape) < keep_prob
    return keep.astype(dtype) / np.asarray(keep_prob, dtype=dtype)


@checked(arrays("A"))
def dropout_forward(A, keep_prob: float, rng=None) -> tuple[np.ndarray, np.ndarray]:
    """Apply inverted dropout to activations ``A`` of shape (n, m).

    Returns
    -------
    A_dropped : array (n, m), ``A * D``
    D : array (n, m), the scaled mask, kept for the backward pass
    """
    D = dropout_mask(A.shape, keep_prob, rng, A.dtype)
    return A * D, D


def dropout_backward(dA, D) -> np.ndarray:
    """Route the gradient through the kept units only: ``dA * D``, shape (n, m)."""
    return dA * D


def l2_gradient(W, lambd: float, m: int) -> np.ndarray:
    """The L2 term's gradient for one weight matrix: ``(lambd / m) * W``, added to ``dW``.

    Introduced in: lesson 12 (regularisation).

    Parameters
    ----------
    W : array (n_l, n_{l-1})
    lambd : float >= 0
    m : int, the number of examples

    Returns
    -------
    dW_penalty : array of W's shape and dtype
    """
    return (lambd / m) * W


def l1_gradient(W, lambd: float, m: int) -> np.ndarray:
    """The L1 term's gradient for one weight matrix: ``(lambd / m) * sign(W)`` (0 where W is exactly 0).

    Introduced in: lesson 12 (regularisation).

    Parameters
    ----------
    W : array (n_l, n_{l-1})
    lambd : float >= 0
    m : int, the number of examples

    Returns
    -------
    dW_penalty : array of W's shape and dtype
    """
    return (lambd / m) * np.sign(W)
