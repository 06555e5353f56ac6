"""Lesson 03, Forward propagation: `forward_propagation`.

The known mistakes are in the catalogue, nnlib/checks/mistakes/forward_propagation.py.
"""

from __future__ import annotations

import numpy as np

from nnlib import shallow
from nnlib.checks.exercise import Case, Exercise
from nnlib.checks.expect import expect_array, expect_dict, expect_sequence
from nnlib.checks.lessons._inputs import two_layer_parameters

_RNG = np.random.default_rng(31)
CACHE_KEYS = ("Z1", "A1", "Z2", "A2")


def _compare_forward(received, expected, case: Case) -> None:
    A2, cache = expect_sequence(received, ("A2", "cache"), "(A2, cache)")
    expected_A2, expected_cache = expected
    cache = expect_dict(cache, CACHE_KEYS, "cache")
    for key in CACHE_KEYS:
        expect_array(cache[key], expected_cache[key], f'cache["{key}"]', rtol=case.rtol, atol=case.atol)
    expect_array(A2, expected_A2, "A2", rtol=case.rtol, atol=case.atol)


def _forward_case(name: str, n_x: int, n_h: int, n_y: int, m: int) -> Case:
    return Case(name, (_RNG.normal(size=(n_x, m)), two_layer_parameters(_RNG, n_x, n_h, n_y)))


FORWARD_PROPAGATION = Exercise(
    "forward_propagation",
    reference=shallow.forward_propagation,
    hints=(
        "Two layers, each a weighted sum then a sigmoid: `Z1` from `X`, `A1 = sigmoid(Z1)`, `Z2` from `A1`, "
        "`A2 = sigmoid(Z2)`. Return `A2` and a dict of all four.",
        "`Z1 = W1 @ X + b1` is (n_h, m); `Z2 = W2 @ A1 + b2` is (n_y, m). Take the four arrays out of "
        '`parameters` first: `W1 = parameters["W1"]`, …',
        "`Z1 = W1 @ X + b1; A1 = sigmoid(Z1); Z2 = W2 @ A1 + b2; A2 = sigmoid(Z2)`, then "
        '`return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}`.',
    ),
    cases=(
        _forward_case("flower-sized: n_x = 2, n_h = 4, n_y = 1, m = 5", 2, 4, 1, 5),
        _forward_case("two output units: n_x = 3, n_h = 5, n_y = 2, m = 7", 3, 5, 2, 7),
        _forward_case("one example (m = 1)", 2, 3, 1, 1),
        _forward_case("one hidden unit (n_h = 1)", 4, 1, 1, 3),
        _forward_case("square: n_x = n_h = n_y = m = 3", 3, 3, 3, 3),
        Case(
            "all-zero parameters: every Z is 0 and every A is 0.5",
            (
                _RNG.normal(size=(2, 4)),
                {
                    key: np.zeros(shape)
                    for key, shape in (("W1", (3, 2)), ("b1", (3, 1)), ("W2", (1, 3)), ("b2", (1, 1)))
                },
            ),
        ),
    ),
    compare=_compare_forward,
)

EXERCISES = [FORWARD_PROPAGATION]
