"""Lesson 05: backward_propagation, numerical_gradient, relative_error: right answers written differently.

The wrong answers are in the catalogue, nnlib/checks/mistakes/backpropagation.py.
"""

import numpy as np


def backward_propagation_textbook(parameters, cache, X, Y):
    m = X.shape[1]
    W1 = parameters["W1"]  # noqa: F841  (the article reads both weight matrices)
    W2 = parameters["W2"]
    A1 = cache["A1"]
    A2 = cache["A2"]
    dZ2 = A2 - Y
    dW2 = np.dot(dZ2, A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = np.dot(W2.T, dZ2) * (A1 * (1 - A1))
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
    return grads


def backward_with_an_explicit_chain(parameters, cache, X, Y):
    m = X.shape[1]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    grads = {"dW2": np.matmul(dZ2, A1.T) / m, "db2": dZ2.mean(axis=1, keepdims=True)}
    dA1 = np.matmul(parameters["W2"].T, dZ2)
    dZ1 = dA1 * (A1 - A1**2)
    grads["dW1"] = np.matmul(dZ1, X.T) / m
    grads["db1"] = dZ1.mean(axis=1).reshape(-1, 1)
    return grads


def backward_one_example_at_a_time(parameters, cache, X, Y):
    m = X.shape[1]
    grads = {key: np.zeros_like(parameters[key[1:]]) for key in ("dW1", "db1", "dW2", "db2")}
    for i in range(m):
        x, a1, a2, y = X[:, [i]], cache["A1"][:, [i]], cache["A2"][:, [i]], Y[:, [i]]
        dz2 = a2 - y
        dz1 = (parameters["W2"].T @ dz2) * a1 * (1 - a1)
        grads["dW2"] += dz2 @ a1.T / m
        grads["db2"] += dz2 / m
        grads["dW1"] += dz1 @ x.T / m
        grads["db1"] += dz1 / m
    return grads


def numerical_gradient_textbook(f, x, eps=1e-6):
    grad = np.zeros(x.shape)
    it = np.nditer(x, flags=["multi_index"])
    while not it.finished:
        i = it.multi_index
        old = x[i]
        x[i] = old + eps
        f_plus = f()
        x[i] = old - eps
        f_minus = f()
        x[i] = old
        grad[i] = (f_plus - f_minus) / (2 * eps)
        it.iternext()
    return grad


def numgrad_unravel(f, x, eps=1e-6):
    grad = np.empty(x.shape, dtype=float)
    for flat in range(x.size):
        index = np.unravel_index(flat, x.shape)
        saved = float(x[index])
        x[index] = saved + eps
        up = f()
        x[index] = saved - eps
        down = f()
        x[index] = saved
        grad[index] = (up - down) / (2 * eps)
    return grad


def numgrad_through_flat(f, x, eps=1e-6):
    grad = np.zeros(x.size)
    for i in range(x.size):
        saved = x.flat[i]
        x.flat[i] = saved + eps
        higher = f()
        x.flat[i] = saved - eps
        lower = f()
        x.flat[i] = saved
        grad[i] = (higher - lower) / (2 * eps)
    return grad.reshape(x.shape)


def relative_error_textbook(analytic, numeric):
    numerator = np.linalg.norm(analytic - numeric)
    denominator = np.linalg.norm(analytic) + np.linalg.norm(numeric)
    if denominator == 0:
        return 0.0
    return numerator / denominator


def relerr_by_hand(analytic, numeric):
    difference = np.sqrt(np.sum((analytic - numeric) ** 2))
    size = np.sqrt(np.sum(analytic**2)) + np.sqrt(np.sum(numeric**2))
    return 0.0 if not size else float(difference / size)


def relerr_flattened(analytic, numeric):
    a, n = np.ravel(analytic), np.ravel(numeric)
    if not (a.any() or n.any()):
        return 0.0
    return float(np.linalg.norm(a - n) / (np.linalg.norm(a) + np.linalg.norm(n)))


CORRECT = {
    "backward_propagation": [
        backward_propagation_textbook,
        backward_with_an_explicit_chain,
        backward_one_example_at_a_time,
    ],
    "numerical_gradient": [numerical_gradient_textbook, numgrad_unravel, numgrad_through_flat],
    "relative_error": [relative_error_textbook, relerr_by_hand, relerr_flattened],
}
