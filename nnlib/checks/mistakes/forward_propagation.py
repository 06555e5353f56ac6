"""Known mistakes of lesson 03, Forward propagation: `forward_propagation`."""

from __future__ import annotations

import numpy as np

from nnlib.checks.exercise import Mistake


def sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


def _forward(X, parameters, hidden, output=sigmoid):
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = hidden(Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    A2 = output(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def forward_tanh_hidden(X, parameters):
    return _forward(X, parameters, np.tanh)


def forward_relu_hidden(X, parameters):
    return _forward(X, parameters, lambda Z: np.maximum(0, Z))


def forward_both_tanh(X, parameters):
    return _forward(X, parameters, np.tanh, np.tanh)


def forward_no_hidden_activation(X, parameters):
    return _forward(X, parameters, lambda Z: Z)


def forward_relu_output(X, parameters):
    return _forward(X, parameters, sigmoid, lambda Z: np.maximum(0, Z))


def forward_z2_as_output(X, parameters):
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = sigmoid(Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    return Z2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": Z2}


def forward_no_bias(X, parameters):
    Z1 = parameters["W1"] @ X
    A1 = sigmoid(Z1)
    Z2 = parameters["W2"] @ A1
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def forward_z1_into_layer_2(X, parameters):
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = sigmoid(Z1)
    Z2 = parameters["W2"] @ Z1 + parameters["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def forward_x_into_layer_2(X, parameters):
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = sigmoid(Z1)
    Z2 = parameters["W2"] @ X + parameters["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def forward_elementwise(X, parameters):
    Z1 = parameters["W1"] * X + parameters["b1"]
    A1 = sigmoid(Z1)
    Z2 = parameters["W2"] * A1 + parameters["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def forward_only_a2(X, parameters):
    A1 = sigmoid(parameters["W1"] @ X + parameters["b1"])
    return sigmoid(parameters["W2"] @ A1 + parameters["b2"])


def forward_short_cache(X, parameters):
    A1 = sigmoid(parameters["W1"] @ X + parameters["b1"])
    A2 = sigmoid(parameters["W2"] @ A1 + parameters["b2"])
    return A2, {"A1": A1, "A2": A2}


def forward_lowercase_cache(X, parameters):
    z1 = parameters["W1"] @ X + parameters["b1"]
    a1 = sigmoid(z1)
    z2 = parameters["W2"] @ a1 + parameters["b2"]
    a2 = sigmoid(z2)
    return a2, {"z1": z1, "a1": a1, "z2": z2, "a2": a2}


def forward_cache_first(X, parameters):
    A2, cache = _forward(X, parameters, sigmoid)
    return cache, A2


MISTAKES = {
    "forward_propagation": (
        Mistake(forward_tanh_hidden, "the hidden layer uses tanh; part 1's network uses the sigmoid in both layers"),
        Mistake(forward_relu_hidden, "the hidden layer uses ReLU; part 1's network uses the sigmoid in both layers"),
        Mistake(forward_both_tanh, "both layers use tanh; part 1's network uses the sigmoid in both layers"),
        Mistake(
            forward_no_hidden_activation,
            "the hidden layer has no sigmoid: `A1 = sigmoid(Z1)`; without it, two layers are just one linear map",
        ),
        Mistake(
            forward_relu_output,
            "the output layer uses ReLU; it must be the sigmoid, so that `A2` is a probability",
        ),
        Mistake(forward_z2_as_output, "the output layer has no sigmoid: `A2 = sigmoid(Z2)`, a probability"),
        Mistake(forward_no_bias, "the biases `b1` and `b2` are not added"),
        Mistake(
            forward_z1_into_layer_2,
            "layer 2 takes `Z1`; its input is the hidden layer's output after the sigmoid: `Z2 = W2 @ A1 + b2`",
        ),
        Mistake(forward_x_into_layer_2, "shapes do not fit together", shown_by="raises", outcome="your code raised"),
        Mistake(forward_elementwise, "shapes do not fit together", shown_by="raises", outcome="your code raised"),
        Mistake(forward_only_a2, "must return a tuple (A2, cache)", shown_by="property"),
        Mistake(forward_short_cache, "`cache` has no key 'Z1'", shown_by="property"),
        Mistake(forward_lowercase_cache, "'z1' instead", shown_by="property"),
        Mistake(forward_cache_first, "`cache` must be a dict", shown_by="property"),
    ),
}
