"""Lesson 02: sigmoid, sigmoid_derivative, stable_sigmoid: right answers written differently.

The wrong answers are in the catalogue, nnlib/checks/mistakes/activations.py.
"""

import numpy as np


def sigmoid_textbook(Z):
    return 1 / (1 + np.exp(-Z))


def sigmoid_reciprocal(Z):
    return np.reciprocal(1 + np.exp(-Z))


def sigmoid_through_tanh(Z):
    return 0.5 * (1 + np.tanh(Z / 2))


def sigmoid_derivative_textbook(A):
    return A * (1 - A)


def derivative_expanded(A):
    return A - A**2


def derivative_multiply(A):
    return np.multiply(A, np.subtract(1, A))


def stable_sigmoid_textbook(Z):
    E = np.exp(-np.abs(Z))
    return np.where(Z >= 0, 1 / (1 + E), E / (1 + E))


def stable_masks(Z, A=None):
    A = np.empty_like(Z) if A is None else A
    positive = Z >= 0
    A[positive] = 1 / (1 + np.exp(-Z[positive]))
    E = np.exp(Z[~positive])
    A[~positive] = E / (1 + E)
    return A


CORRECT = {
    "sigmoid": [sigmoid_textbook, sigmoid_reciprocal, sigmoid_through_tanh],
    "sigmoid_derivative": [sigmoid_derivative_textbook, derivative_expanded, derivative_multiply],
    "stable_sigmoid": [stable_sigmoid_textbook, stable_masks, sigmoid_through_tanh],
}
