"""Lesson 00: layer_sizes, weighted_sums, mean_over_examples: right answers written differently.

The wrong answers are in the catalogue, nnlib/checks/mistakes/welcome.py.
"""

import numpy as np


def layer_sizes_textbook(X, Y, hidden_size=4):
    n_x = X.shape[0]
    n_h = hidden_size
    n_y = Y.shape[0]
    return (n_x, n_h, n_y)


def layer_sizes_unpacking(X, Y, hidden_size=4):
    n_x, m = X.shape  # noqa: F841  (m is not needed)
    return n_x, hidden_size, len(Y)


def layer_sizes_np_shape(X, Y, hidden_size=4):
    return np.shape(X)[0], int(hidden_size), np.shape(Y)[0]


def weighted_sums_textbook(W, b, X):
    Z = np.dot(W, X) + b
    return Z


def weighted_sums_matmul(W, b, X):
    return np.matmul(W, X) + b.reshape(-1, 1)


def weighted_sums_einsum(W, b, X):
    return np.einsum("ij,jk->ik", W, X) + b


def mean_over_examples_textbook(A):
    m = A.shape[1]
    return np.sum(A, axis=1, keepdims=True) / m


def mean_reshaped(A):
    return np.mean(A, axis=1).reshape(-1, 1)


def mean_by_matrix_product(A):
    m = A.shape[1]
    return A @ np.ones((m, 1)) / m


CORRECT = {
    "layer_sizes": [layer_sizes_textbook, layer_sizes_unpacking, layer_sizes_np_shape],
    "weighted_sums": [weighted_sums_textbook, weighted_sums_matmul, weighted_sums_einsum],
    "mean_over_examples": [mean_over_examples_textbook, mean_reshaped, mean_by_matrix_product],
}
