"""Lesson 00, Welcome: `layer_sizes`, `weighted_sums`, `mean_over_examples`."""

from __future__ import annotations

import numpy as np

from nnlib import shapes
from nnlib.checks.exercise import ArrayOutput, Case, Exercise
from nnlib.checks.expect import Failure, expect_int, expect_sequence

_RNG = np.random.default_rng(2026)


def _labels(n_y: int, m: int) -> np.ndarray:
    return (_RNG.random((n_y, m)) < 0.5).astype(float)


def _compare_sizes(received, expected, case: Case) -> None:
    sizes = expect_sequence(received, ("n_x", "n_h", "n_y"), "(n_x, n_h, n_y)")
    for name, value, size in zip(("n_x", "n_h", "n_y"), sizes, expected):
        expect_int(value, size, name)


def _sizes_case(name: str, n_x: int, n_y: int, m: int, *hidden_size: int) -> Case:
    return Case(name, (_RNG.normal(size=(n_x, m)), _labels(n_y, m), *hidden_size))


LAYER_SIZES = Exercise(
    "layer_sizes",
    reference=shapes.layer_sizes,
    hints=(
        "Every array's `.shape` is a tuple `(rows, columns)`. Which of the two counts the features of `X`?",
        "Examples are columns, so `X.shape[1]` is m, the number of examples, and the rows count the features.",
        "`n_x = X.shape[0]`, `n_h = hidden_size`, `n_y = Y.shape[0]`, then `return n_x, n_h, n_y`.",
    ),
    cases=(
        _sizes_case("flower-like data: X (2, 400), Y (1, 400), hidden_size = 4", 2, 1, 400, 4),
        _sizes_case("X (5, 3), Y (2, 3), hidden_size = 7", 5, 2, 3, 7),
        _sizes_case("one example: X (3, 1), Y (1, 1), hidden_size = 1", 3, 1, 1, 1),
        _sizes_case("digits-like data: X (64, 10), Y (10, 10), hidden_size = 32", 64, 10, 10, 32),
        _sizes_case("as many features as examples: X (6, 6), Y (3, 6), hidden_size = 2", 6, 3, 6, 2),
        _sizes_case("hidden_size left out (default 4): X (4, 9), Y (1, 9)", 4, 1, 9),
    ),
    compare=_compare_sizes,
)


def _no_python_loop(trial) -> None:
    loops = trial.python_loops()
    if loops:
        raise Failure(
            "the values are right, but it still loops in Python",
            test="reading your code",
            received="; ".join(loops),
            cause="one matrix product handles every example at once: `W @ X + b`, with no loop",
            diagnosable=False,
        )


def _sums_case(name: str, n: int, n_x: int, m: int) -> Case:
    return Case(name, (_RNG.normal(size=(n, n_x)), _RNG.normal(size=(n, 1)), _RNG.normal(size=(n_x, m))))


WEIGHTED_SUMS = Exercise(
    "weighted_sums",
    reference=shapes.weighted_sums,
    hints=(
        "The loop computes one column of `Z` per example. A matrix product computes every column at once.",
        "`W` is (n, n_x) and `X` is (n_x, m): their product `W @ X` is (n, m). `b` is (n, 1) and numpy "
        "broadcasts it across the m columns.",
        "`return W @ X + b` (or `np.dot(W, X) + b`), with no loop.",
    ),
    cases=(
        _sums_case("3 units, 5 features, 8 examples", 3, 5, 8),
        _sums_case("one example (m = 1)", 4, 2, 1),
        _sums_case("one unit (n = 1)", 1, 3, 6),
        _sums_case("one feature (n_x = 1)", 3, 1, 4),
        _sums_case("square: 4 units, 4 features, 4 examples", 4, 4, 4),
        Case(
            "all-zero inputs: every column of Z is b",
            (_RNG.normal(size=(3, 2)), _RNG.normal(size=(3, 1)), np.zeros((2, 5))),
        ),
    ),
    compare=ArrayOutput("Z"),
    properties=_no_python_loop,
)


MEAN_OVER_EXAMPLES = Exercise(
    "mean_over_examples",
    reference=shapes.mean_over_examples,
    hints=(
        "`np.mean` (or `A.mean`) takes an `axis`: the axis that disappears is the one averaged over.",
        "The examples are the columns, which is axis 1. `keepdims=True` keeps the result a column (n, 1) "
        "instead of a flat (n,) array.",
        "`return np.mean(A, axis=1, keepdims=True)`",
    ),
    cases=tuple(
        Case(name, (A,), m=A.shape[1])
        for name, A in (
            ("3 units, 5 examples", _RNG.normal(size=(3, 5))),
            ("one example (m = 1): the mean is the column itself", _RNG.normal(size=(4, 1))),
            ("one unit (n = 1)", _RNG.normal(size=(1, 6))),
            ("square: 3 units, 3 examples", _RNG.normal(size=(3, 3))),
            ("more units than examples: 6 units, 2 examples", _RNG.normal(size=(6, 2))),
            ("large values around 1e8", 1e8 + _RNG.normal(size=(2, 7))),
        )
    ),
    compare=ArrayOutput("mean"),
)

EXERCISES = [LAYER_SIZES, WEIGHTED_SUMS, MEAN_OVER_EXAMPLES]
