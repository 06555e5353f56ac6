"""Shapes in the column convention: the warm-up of the welcome lesson.

Introduced in: 00 Welcome.

Every lesson stores one example per **column**: a data set ``X`` of ``m``
examples with ``n_x`` features has shape ``(n_x, m)``, and its labels ``Y``
have shape ``(n_y, m)``. A layer of ``n`` units holds its weights in ``W`` of
shape ``(n, n_prev)`` and its biases in ``b`` of shape ``(n, 1)``, so one
matrix product handles every example at once.
"""

from __future__ import annotations

import numpy as np

from nnlib._validation import arrays, check_positive, checked

__all__ = ["layer_sizes", "weighted_sums", "mean_over_examples"]


def _check_hidden_size(arguments: dict) -> None:
    check_positive(arguments["hidden_size"], "hidden_size", integer=True)


@checked(arrays(X=("n_x", "m"), Y=("n_y", "m")), _check_hidden_size)
def layer_sizes(X, Y, hidden_size: int = 4) -> tuple[int, int, int]:
    """The sizes of a network with one hidden layer that maps ``X`` to ``Y``.

    Parameters
    ----------
    X : array (n_x, m)
        Inputs, one example per column.
    Y : array (n_y, m)
        Labels, one example per column.
    hidden_size : int
        Units in the hidden layer, ``n_h``.

    Returns
    -------
    n_x, n_h, n_y : int
        Input features, hidden units and outputs.
    """
    return X.shape[0], int(hidden_size), Y.shape[0]


@checked(arrays(W=("n", "n_x"), b=("n", 1), X=("n_x", "m")))
def weighted_sums(W, b, X) -> np.ndarray:
    """Every unit's weighted sum for every example at once: ``Z = W X + b``.

    Parameters
    ----------
    W : array (n, n_x)
        One row of weights per unit.
    b : array (n, 1)
        One bias per unit, broadcast across the examples.
    X : array (n_x, m)
        Inputs, one example per column.

    Returns
    -------
    Z : array (n, m)
        ``Z[j, i] = W[j] · X[:, i] + b[j]``: unit ``j`` on example ``i``.
    """
    return W @ X + b


@checked(arrays(A=("n", "m")))
def mean_over_examples(A) -> np.ndarray:
    """The mean of each row of ``A`` over the examples (its columns), kept as a column.

    Parameters
    ----------
    A : array (n, m)
        One value per unit (row) and example (column).

    Returns
    -------
    mean : array (n, 1)
        ``mean[j, 0] = (1/m) * sum_i A[j, i]``; the column shape broadcasts
        back against ``A``, e.g. ``A - mean_over_examples(A)``.
    """
    return A.mean(axis=1, keepdims=True)
