"""Lesson 03: forward_propagation."""

import numpy as np

from checker_cases.types import Cases, Wrong


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


def forward_relu_hidden(X, parameters):
    return forward_tanh(X, parameters, hidden=lambda Z: np.maximum(0, Z))


def forward_lowercase_cache(X, parameters):
    z1 = parameters["W1"] @ X + parameters["b1"]
    a1 = sigmoid(z1)
    z2 = parameters["W2"] @ a1 + parameters["b2"]
    a2 = sigmoid(z2)
    return a2, {"z1": z1, "a1": a1, "z2": z2, "a2": a2}


def forward_tanh(X, parameters, hidden=np.tanh):
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = hidden(Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def forward_x_into_layer_2(X, parameters):
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = sigmoid(Z1)
    Z2 = parameters["W2"] @ X + parameters["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def forward_no_bias(X, parameters):
    Z1 = parameters["W1"] @ X
    A1 = sigmoid(Z1)
    Z2 = parameters["W2"] @ A1
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def forward_only_a2(X, parameters):
    A1 = sigmoid(parameters["W1"] @ X + parameters["b1"])
    return sigmoid(parameters["W2"] @ A1 + parameters["b2"])


def forward_short_cache(X, parameters):
    A1 = sigmoid(parameters["W1"] @ X + parameters["b1"])
    A2 = sigmoid(parameters["W2"] @ A1 + parameters["b2"])
    return A2, {"A1": A1, "A2": A2}


def forward_z2_as_output(X, parameters):
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = sigmoid(Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    return Z2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": Z2}


def forward_elementwise(X, parameters):
    Z1 = parameters["W1"] * X + parameters["b1"]
    A1 = sigmoid(Z1)
    Z2 = parameters["W2"] * A1 + parameters["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


CASES = {
    "forward_propagation": Cases(
        [forward_propagation_textbook, forward_in_a_loop_over_layers, forward_matmul],
        [
            Wrong("tanh hidden layer", forward_tanh, "the hidden layer uses tanh"),
            Wrong("X fed to layer 2", forward_x_into_layer_2, "shapes do not fit together", outcome="your code raised"),
            Wrong("biases left out", forward_no_bias, "the biases `b1` and `b2` are not added"),
            Wrong("only A2 returned", forward_only_a2, "must return a tuple (A2, cache)"),
            Wrong("cache without Z1, Z2", forward_short_cache, "`cache` has no key 'Z1'"),
            Wrong("Z2 returned as the output", forward_z2_as_output, "the output layer has no sigmoid"),
            Wrong("ReLU hidden layer", forward_relu_hidden, "the hidden layer uses ReLU"),
            Wrong("lower-case cache keys", forward_lowercase_cache, "'z1' instead"),
            Wrong(
                "elementwise products", forward_elementwise, "shapes do not fit together", outcome="your code raised"
            ),
        ],
    ),
}
