"""Lesson 10: relu, relu_backward, leaky_relu, tanh_backward: right answers written differently.

The wrong answers are in the catalogue, nnlib/checks/mistakes/activation_functions.py.
"""

import numpy as np


def relu_textbook(Z):
    return np.maximum(0, Z)


def relu_mask(Z):
    return Z * (Z > 0)


def relu_clip(Z):
    return np.clip(Z, 0, None)


def relu_backward_textbook(dA, Z):
    dZ = np.array(dA, copy=True)
    dZ[Z <= 0] = 0
    return dZ


def relu_backward_where(dA, Z):
    return np.where(Z > 0, dA, 0)


def relu_backward_heaviside(dA, Z):
    return dA * np.heaviside(Z, 0).astype(dA.dtype)


def leaky_textbook(Z, slope=0.01):
    return np.where(Z > 0, Z, slope * Z)


def leaky_maximum(Z, slope=0.01):
    return np.maximum(Z, slope * Z)


def leaky_masks(Z, slope=0.01):
    return Z * (Z > 0) + slope * Z * (Z <= 0)


def tanh_backward_textbook(dA, Z):
    A = np.tanh(Z)
    return dA * (1 - np.power(A, 2))


def tanh_backward_factored(dA, Z):
    T = np.tanh(Z)
    return dA * (1 - T) * (1 + T)


def tanh_backward_through_sigmoid(dA, Z):
    s = 1 / (1 + np.exp(-2 * np.clip(Z, -50, 50)))
    return dA * 4 * s * (1 - s)


CORRECT = {
    "relu": [relu_textbook, relu_mask, relu_clip],
    "relu_backward": [relu_backward_textbook, relu_backward_where, relu_backward_heaviside],
    "leaky_relu": [leaky_textbook, leaky_maximum, leaky_masks],
    "tanh_backward": [tanh_backward_textbook, tanh_backward_factored, tanh_backward_through_sigmoid],
}
