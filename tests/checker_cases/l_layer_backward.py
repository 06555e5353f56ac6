"""Lesson 08: cost_function, linear_backward, linear_activation_backward, backprop: right answers written
differently.

The wrong answers are in the catalogue, nnlib/checks/mistakes/l_layer_backward.py.
"""

import numpy as np

from nnlib.activations import sigmoid


def cost_function_textbook(AL, Y):
    m = Y.shape[1]
    cost = (-1 / m) * np.sum(np.multiply(Y, np.log(AL)) + np.multiply(1 - Y, np.log(1 - AL)))
    cost = np.squeeze(cost)
    return float(cost)


def cost_function_mean_of_columns(AL, Y):
    per_example = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL), axis=0)
    return float(np.mean(per_example))


def cost_function_dot(AL, Y):
    m = AL.shape[1]
    total = np.dot(Y.ravel(), np.log(AL).ravel()) + np.dot((1 - Y).ravel(), np.log(1 - AL).ravel())
    return float(-total / m)


def linear_backward_textbook(dZ, linear_cache):
    A_prev, W, b = linear_cache
    m = A_prev.shape[1]
    dW = (1 / m) * np.dot(dZ, A_prev.T)
    db = (1 / m) * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db


def linear_backward_matmul(dZ, linear_cache):
    A_prev, W, _ = linear_cache
    m = dZ.shape[1]
    return W.T @ dZ, dZ @ A_prev.T / m, dZ.mean(axis=1, keepdims=True)


def linear_backward_einsum(dZ, linear_cache):
    A_prev, W, b = linear_cache
    m = A_prev.shape[1]
    dW = np.einsum("im,jm->ij", dZ, A_prev) / m
    db = np.sum(dZ, axis=1).reshape(b.shape) / m
    return np.einsum("ji,jm->im", W, dZ), dW, db


def linear_activation_backward_textbook(dA, cache, activation):
    linear_cache, activation_cache = cache
    if activation == "relu":
        Z = activation_cache
        dZ = np.array(dA, copy=True)
        dZ[Z <= 0] = 0
        dA_prev, dW, db = linear_backward_textbook(dZ, linear_cache)
    elif activation == "sigmoid":
        Z = activation_cache
        s = 1 / (1 + np.exp(-Z))
        dZ = dA * s * (1 - s)
        dA_prev, dW, db = linear_backward_textbook(dZ, linear_cache)
    return dA_prev, dW, db


def lab_mask_product(dA, cache, activation):
    linear_cache, Z = cache
    if activation == "sigmoid":
        A = sigmoid(Z)
        return linear_backward_matmul(dA * A * (1 - A), linear_cache)
    return linear_backward_matmul(dA * (Z > 0), linear_cache)


def lab_where(dA, cache, activation):
    (A_prev, W, b), Z = cache
    slope = {"relu": lambda: np.where(Z > 0, 1.0, 0.0), "sigmoid": lambda: sigmoid(Z) * (1 - sigmoid(Z))}
    return linear_backward_einsum(dA * slope[activation](), (A_prev, W, b))


def backprop_textbook(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    current_cache = caches[L - 1]
    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = linear_activation_backward_textbook(
        dAL, current_cache, "sigmoid"
    )
    for l in reversed(range(L - 1)):
        current_cache = caches[l]
        dA_prev_temp, dW_temp, db_temp = linear_activation_backward_textbook(
            grads["dA" + str(l + 1)], current_cache, "relu"
        )
        grads["dA" + str(l)] = dA_prev_temp
        grads["dW" + str(l + 1)] = dW_temp
        grads["db" + str(l + 1)] = db_temp
    return grads


def backprop_exact_output_delta(AL, Y, caches):
    L = len(caches)
    grads = {}
    linear_cache, _ = caches[-1]
    dA, grads[f"dW{L}"], grads[f"db{L}"] = linear_backward_matmul(AL - Y, linear_cache)
    for l in range(L - 1, 0, -1):
        dA, grads[f"dW{l}"], grads[f"db{l}"] = lab_mask_product(dA, caches[l - 1], "relu")
    return grads


def backprop_while_loop(AL, Y, caches):
    grads, l = {}, len(caches)
    dA = -(Y / AL - (1 - Y) / (1 - AL))
    while l >= 1:
        activation = "sigmoid" if l == len(caches) else "relu"
        dA, grads["dW%d" % l], grads["db%d" % l] = lab_where(dA, caches[l - 1], activation)
        l -= 1
    return grads


CORRECT = {
    "cost_function": [cost_function_textbook, cost_function_mean_of_columns, cost_function_dot],
    "linear_backward": [linear_backward_textbook, linear_backward_matmul, linear_backward_einsum],
    "linear_activation_backward": [linear_activation_backward_textbook, lab_mask_product, lab_where],
    "backprop": [backprop_textbook, backprop_exact_output_delta, backprop_while_loop],
}
