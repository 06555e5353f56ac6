"""Lesson 14: mse_cost, softmax, one_hot, categorical_cross_entropy: right answers written differently.

The wrong answers are in the catalogue, nnlib/checks/mistakes/choosing_the_loss.py.
"""

import numpy as np


def mse_textbook(A, Y):
    m = Y.shape[1]
    return float(np.sum(np.square(A - Y)) / m)


def mse_mean_of_column_sums(A, Y):
    return float(np.mean(np.sum((A - Y) ** 2, axis=0)))


def mse_dot(A, Y):
    errors = (A - Y).ravel()
    return float(errors @ errors / Y.shape[1])


def softmax_textbook(Z):
    Z_shift = Z - np.max(Z, axis=0, keepdims=True)
    exps = np.exp(Z_shift)
    return exps / np.sum(exps, axis=0, keepdims=True)


def softmax_loop_over_columns(Z):
    A = np.zeros_like(Z)
    for i in range(Z.shape[1]):
        z = Z[:, i] - Z[:, i].max()
        A[:, i] = np.exp(z) / np.exp(z).sum()
    return A


def softmax_max_without_keepdims(Z):
    E = np.exp(Z - Z.max(axis=0))  # (K, m) - (m,) broadcasts along the columns: right
    return E / E.sum(axis=0)


def one_hot_textbook(labels, n_classes):
    labels = np.ravel(labels)
    Y = np.zeros((n_classes, labels.size))
    Y[labels, np.arange(labels.size)] = 1
    return Y


def one_hot_eye(labels, n_classes):
    return np.eye(n_classes)[np.ravel(labels)].T


def one_hot_comparison(labels, n_classes):
    return (np.arange(n_classes).reshape(-1, 1) == np.reshape(labels, (1, -1))).astype(float)


def one_hot_loop(labels, n_classes):
    labels = np.ravel(labels)
    Y = np.zeros((n_classes, len(labels)))
    for i, label in enumerate(labels):
        Y[label, i] = 1.0
    return Y


def cce_textbook(A, Y):
    m = Y.shape[1]
    eps = np.finfo(A.dtype).eps
    A = np.clip(A, eps, 1 - eps)
    return float(-np.sum(Y * np.log(A)) / m)


def cce_true_class_probability(A, Y):
    eps = np.finfo(A.dtype).eps
    true_class = np.argmax(Y, axis=0)
    p = A[true_class, np.arange(A.shape[1])]
    return float(-np.mean(np.log(np.maximum(p, eps))))


def cce_per_example_sum(A, Y):
    losses = -np.sum(Y * np.log(np.clip(A, np.finfo(A.dtype).eps, 1.0)), axis=0)
    return float(np.mean(losses))


CORRECT = {
    "mse_cost": [mse_textbook, mse_mean_of_column_sums, mse_dot],
    "softmax": [softmax_textbook, softmax_loop_over_columns, softmax_max_without_keepdims],
    "one_hot": [one_hot_textbook, one_hot_eye, one_hot_comparison, one_hot_loop],
    "categorical_cross_entropy": [cce_textbook, cce_true_class_probability, cce_per_example_sum],
}
