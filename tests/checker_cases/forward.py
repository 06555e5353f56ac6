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


def forward_tanh(X, parameters):
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = np.tanh(Z1)
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
        forward_propagation_textbook,
        [
            Wrong("tanh hidden layer", forward_tanh, "the hidden layer uses tanh"),
            Wrong("X fed to layer 2", forward_x_into_layer_2, "shapes do not fit together", outcome="your code raised"),
            Wrong("biases left out", forward_no_bias, "the biases `b1` and `b2` are not added"),
            Wrong("only A2 returned", forward_only_a2, "must return a tuple (A2, cache)"),
            Wrong("cache without Z1, Z2", forward_short_cache, "`cache` has no key 'Z1'"),
            Wrong("Z2 returned as the output", forward_z2_as_output, "the output layer has no sigmoid"),
            Wrong(
                "elementwise products", forward_elementwise, "shapes do not fit together", outcome="your code raised"
            ),
        ],
    ),
}
