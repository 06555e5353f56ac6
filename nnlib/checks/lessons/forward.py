"""Lesson 03, Forward propagation: `forward_propagation`."""

from __future__ import annotations

import numpy as np

from nnlib import shallow
from nnlib.activations import sigmoid
from nnlib.checks.expect import expect_array, expect_dict, expect_sequence
from nnlib.checks.lessons._inputs import two_layer_parameters
from nnlib.checks.registry import Mistake, exercise


def _forward(X, parameters, hidden, output=sigmoid, transpose_w1=False, transpose_w2=False, bias=True):
    """A configurable forward pass, to describe familiar mistakes."""
    W1, b1, W2, b2 = (parameters[key] for key in ("W1", "b1", "W2", "b2"))
    Z1 = (W1.T if transpose_w1 else W1) @ X + (b1 if bias else 0)
    A1 = hidden(Z1)
    Z2 = (W2.T if transpose_w2 else W2) @ A1 + (b2 if bias else 0)
    A2 = output(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


@exercise(
    "forward_propagation",
    lesson="03_forward_propagation",
    reference=shallow.forward_propagation,
    hints=(
        "Two layers, each a weighted sum then a sigmoid: `Z1` from `X`, `A1 = sigmoid(Z1)`, `Z2` from `A1`, "
        "`A2 = sigmoid(Z2)`. Return `A2` and a dict of all four.",
        "`Z1 = W1 @ X + b1` is (n_h, m); `Z2 = W2 @ A1 + b2` is (n_y, m). Take the four arrays out of "
        '`parameters` first: `W1 = parameters["W1"]`, …',
        "`Z1 = W1 @ X + b1; A1 = sigmoid(Z1); Z2 = W2 @ A1 + b2; A2 = sigmoid(Z2)`, then "
        '`return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}`.',
    ),
    mistakes=(
        Mistake(
            lambda X, p: _forward(X, p, np.tanh),
            "the hidden layer uses tanh; part 1's network uses the sigmoid in both layers",
        ),
        Mistake(
            lambda X, p: _forward(X, p, lambda Z: np.maximum(Z, 0)),
            "the hidden layer uses ReLU; part 1's network uses the sigmoid in both layers",
        ),
        Mistake(
            lambda X, p: _forward(X, p, sigmoid, transpose_w1=True),
            "`W1.T`: `W1` already has one row per hidden unit, so `Z1 = W1 @ X + b1`",
        ),
        Mistake(
            lambda X, p: _forward(X, p, sigmoid, transpose_w2=True),
            "`W2.T`: `W2` already has one row per output, so `Z2 = W2 @ A1 + b2`",
        ),
        Mistake(lambda X, p: _forward(X, p, sigmoid, bias=False), "the biases `b1` and `b2` are not added"),
        Mistake(
            lambda X, p: _forward(X, p, sigmoid, output=lambda Z: Z),
            "the output layer has no sigmoid: `A2 = sigmoid(Z2)`, a probability",
        ),
        Mistake(
            lambda X, p: _forward(X, p, sigmoid, output=lambda Z: np.maximum(Z, 0)),
            "the output layer uses ReLU; it must be the sigmoid, so that `A2` is a probability",
        ),
        Mistake(
            lambda X, p: _forward(X, p, np.tanh, output=np.tanh),
            "both layers use tanh; part 1's network uses the sigmoid in both layers",
        ),
        Mistake(
            lambda X, p: _forward(X, p, lambda Z: Z),
            "the hidden layer has no sigmoid: `A1 = sigmoid(Z1)`; without it, two layers are just one linear map",
        ),
    ),
)
def _check_forward_propagation(trial) -> None:
    rng = np.random.default_rng(31)
    cases = [
        ("flower-sized: n_x = 2, n_h = 4, n_y = 1, m = 5", (2, 4, 1, 5)),
        ("n_x = 3, n_h = 5, n_y = 2, m = 7", (3, 5, 2, 7)),
        ("one example (m = 1)", (2, 3, 1, 1)),
        ("one hidden unit (n_h = 1)", (4, 1, 1, 3)),
        ("square: n_x = n_h = n_y = m = 3", (3, 3, 3, 3)),
    ]
    for case, (n_x, n_h, n_y, m) in cases:
        parameters = two_layer_parameters(rng, n_x, n_h, n_y)
        X = rng.normal(size=(n_x, m))
        A2, cache = expect_sequence(trial.call(case, X, parameters), ("A2", "cache"), "(A2, cache)")
        expected_A2, expected = shallow.forward_propagation(X, parameters)
        cache = expect_dict(cache, ("Z1", "A1", "Z2", "A2"), "cache")
        for key in ("Z1", "A1", "Z2", "A2"):
            expect_array(cache[key], expected[key], f'cache["{key}"]')
        expect_array(A2, expected_A2, "A2")
