"""Lesson 07: init_params, linear_forward, linear_activation_forward, forward_prop: right answers written
differently.

The wrong answers are in the catalogue, nnlib/checks/mistakes/l_layer_forward.py.
"""

import numpy as np

from nnlib.activations import relu, sigmoid


def init_params_textbook(layer_dims, rng=None):
    rng = np.random.default_rng(rng)
    params = {}
    L = len(layer_dims)
    for l in range(1, L):
        params["W" + str(l)] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * np.sqrt(2 / layer_dims[l - 1])
        params["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return params


def init_params_normal_with_scale(layer_dims, rng=None):
    rng = np.random.default_rng(rng)
    return {
        key: value
        for l, (n_prev, n) in enumerate(zip(layer_dims[:-1], layer_dims[1:]), start=1)
        for key, value in (
            (f"W{l}", rng.normal(0.0, np.sqrt(2.0 / n_prev), size=(n, n_prev))),
            (f"b{l}", np.zeros((n, 1))),
        )
    }


def init_params_shape_by_size(layer_dims, rng=None):
    generator = np.random.default_rng(rng)  # an int seed, a Generator or None
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = generator.standard_normal(size=(layer_dims[l], layer_dims[l - 1])) / np.sqrt(
            layer_dims[l - 1] / 2
        )
        parameters[f"b{l}"] = np.zeros(shape=(layer_dims[l], 1))
    return parameters


def linear_forward_textbook(A_prev, W, b):
    Z = np.dot(W, A_prev) + b
    cache = (A_prev, W, b)
    return Z, cache


def linear_forward_matmul(A_prev, W, b):
    return W @ A_prev + b, (A_prev, W, b)


def linear_forward_list_cache(A_prev, W, b):
    Z = np.matmul(W, A_prev)
    Z = Z + b
    return Z, [A_prev, W, b]


def linear_activation_forward_textbook(A_prev, W, b, activation):
    if activation == "sigmoid":
        Z, linear_cache = linear_forward_textbook(A_prev, W, b)
        A = sigmoid(Z)
    elif activation == "relu":
        Z, linear_cache = linear_forward_textbook(A_prev, W, b)
        A = relu(Z)
    cache = (linear_cache, Z)
    return A, cache


def laf_dict_of_functions(A_prev, W, b, activation):
    g = {"sigmoid": lambda Z: 1 / (1 + np.exp(-Z)), "relu": lambda Z: np.maximum(0, Z)}[activation]
    Z, linear_cache = linear_forward_matmul(A_prev, W, b)
    return g(Z), (linear_cache, Z)


def laf_relu_by_mask(A_prev, W, b, activation):
    Z = W @ A_prev + b
    A = Z * (Z > 0) if activation == "relu" else sigmoid(Z)
    return A, [[A_prev, W, b], Z]


def forward_prop_textbook(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        A_prev = A
        A, cache = linear_activation_forward_textbook(
            A_prev, parameters["W" + str(l)], parameters["b" + str(l)], "relu"
        )
        caches.append(cache)
    AL, cache = linear_activation_forward_textbook(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    caches.append(cache)
    return AL, caches


def forward_prop_one_loop(X, parameters):
    L = len(parameters) // 2
    A, caches = X, []
    for l in range(1, L + 1):
        activation = "sigmoid" if l == L else "relu"
        A, cache = laf_dict_of_functions(A, parameters[f"W{l}"], parameters[f"b{l}"], activation)
        caches.append(cache)
    return A, caches


def forward_prop_weights_list(X, parameters):
    weights = [(parameters[f"W{l}"], parameters[f"b{l}"]) for l in range(1, len(parameters) // 2 + 1)]
    A, caches = X, []
    for position, (W, b) in enumerate(weights):
        A, cache = laf_relu_by_mask(A, W, b, "sigmoid" if position == len(weights) - 1 else "relu")
        caches.append(cache)
    return A, caches


CORRECT = {
    "init_params": [init_params_textbook, init_params_normal_with_scale, init_params_shape_by_size],
    "linear_forward": [linear_forward_textbook, linear_forward_matmul, linear_forward_list_cache],
    "linear_activation_forward": [linear_activation_forward_textbook, laf_dict_of_functions, laf_relu_by_mask],
    "forward_prop": [forward_prop_textbook, forward_prop_one_loop, forward_prop_weights_list],
}
