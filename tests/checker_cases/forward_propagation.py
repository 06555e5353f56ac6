"""Lesson 03: forward_propagation: right answers written differently.

The wrong answers are in the catalogue, nnlib/checks/mistakes/forward_propagation.py.
"""

import numpy as np


def sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


def forward_propagation_textbook(X, parameters):
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]
    Z1 = np.dot(W1, X) + b1
    A1 = sigmoid(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = sigmoid(Z2)
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache


def forward_in_a_loop_over_layers(X, parameters):
    cache, A = {}, X
    for layer in (1, 2):
        Z = parameters[f"W{layer}"] @ A + parameters[f"b{layer}"]
        A = 1 / (1 + np.exp(-Z))
        cache[f"Z{layer}"], cache[f"A{layer}"] = Z, A
    return A, cache


def forward_matmul(X, parameters):
    W1, b1, W2, b2 = (parameters[key] for key in ("W1", "b1", "W2", "b2"))
    A1 = 0.5 * (1 + np.tanh(np.matmul(W1, X) / 2 + b1 / 2))
    Z2 = np.matmul(W2, A1) + b2
    return 0.5 * (1 + np.tanh(Z2 / 2)), {
        "Z1": np.matmul(W1, X) + b1,
        "A1": A1,
        "Z2": Z2,
        "A2": 0.5 * (1 + np.tanh(Z2 / 2)),
    }


CORRECT = {
    "forward_propagation": [forward_propagation_textbook, forward_in_a_loop_over_layers, forward_matmul],
}
