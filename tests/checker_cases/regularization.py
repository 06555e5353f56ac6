"""Lesson 12: l2_cost, l2_gradient, l1_gradient, dropout_forward, dropout_backward: right answers written
differently.

The wrong answers are in the catalogue, nnlib/checks/mistakes/regularization.py.
"""

import numpy as np


def l2_cost_textbook(parameters, lambd, m):
    L = len(parameters) // 2
    total = 0
    for l in range(1, L + 1):
        total += np.sum(np.square(parameters["W" + str(l)]))
    return lambd / (2 * m) * total


def l2_cost_norms(parameters, lambd, m):
    return float(lambd / (2 * m) * sum(np.linalg.norm(W) ** 2 for k, W in parameters.items() if k.startswith("W")))


def l2_cost_ravel(parameters, lambd, m):
    weights = np.concatenate([parameters[f"W{l}"].ravel() for l in range(1, len(parameters) // 2 + 1)])
    return lambd * float(weights @ weights) / (2 * m)


def l2_gradient_textbook(W, lambd, m):
    return (lambd / m) * W


def l2_gradient_divided(W, lambd, m):
    return W * lambd / m


def l2_gradient_multiply(W, lambd, m):
    return np.multiply(W, lambd / m)


def l1_gradient_textbook(W, lambd, m):
    return lambd / m * np.sign(W)


def l1_gradient_where(W, lambd, m):
    return np.where(W > 0, lambd / m, np.where(W < 0, -lambd / m, 0)).astype(W.dtype)


def l1_gradient_comparisons(W, lambd, m):
    return (lambd / m) * ((W > 0).astype(W.dtype) - (W < 0).astype(W.dtype))


def dropout_forward_textbook(A, keep_prob, rng):
    D = rng.random(A.shape) < keep_prob
    D = (D / keep_prob).astype(A.dtype)
    A = A * D
    return A, D


def dropout_forward_where(A, keep_prob, rng):
    keep = rng.random(size=A.shape) < keep_prob
    D = np.where(keep, 1 / keep_prob, 0).astype(A.dtype)
    return np.multiply(A, D), D


def dropout_forward_dtype_argument(A, keep_prob, rng):
    D = np.asarray(rng.random(A.shape) < keep_prob, dtype=A.dtype) / A.dtype.type(keep_prob)
    return A * D, D


def dropout_backward_textbook(dA, D):
    dA = dA * D
    return dA


def dropout_backward_multiply(dA, D):
    return np.multiply(D, dA)


def dropout_backward_where(dA, D):
    return np.where(D != 0, dA * D, 0).astype(dA.dtype)


CORRECT = {
    "l2_cost": [l2_cost_textbook, l2_cost_norms, l2_cost_ravel],
    "l2_gradient": [l2_gradient_textbook, l2_gradient_divided, l2_gradient_multiply],
    "l1_gradient": [l1_gradient_textbook, l1_gradient_where, l1_gradient_comparisons],
    "dropout_forward": [dropout_forward_textbook, dropout_forward_where, dropout_forward_dtype_argument],
    "dropout_backward": [dropout_backward_textbook, dropout_backward_multiply, dropout_backward_where],
}
