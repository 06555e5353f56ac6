"""Lesson 00, Welcome: `layer_sizes`, `weighted_sums`, `mean_over_examples`."""

from __future__ import annotations

import numpy as np

from nnlib import shapes
from nnlib.checks.expect import Failure, expect_array, expect_int, expect_sequence
from nnlib.checks.registry import Mistake, exercise
from nnlib.checks.source import python_loops

LESSON = "00_welcome"


def _labels(rng: np.random.Generator, n_y: int, m: int) -> np.ndarray:
    return (rng.random((n_y, m)) < 0.5).astype(float)


@exercise(
    "layer_sizes",
    lesson=LESSON,
    reference=shapes.layer_sizes,
    hints=(
        "Every array's `.shape` is a tuple `(rows, columns)`. Which of the two counts the features of `X`?",
        "Examples are columns, so `X.shape[1]` is m, the number of examples, and the rows count the features.",
        "`n_x = X.shape[0]`, `n_h = hidden_size`, `n_y = Y.shape[0]`, then `return n_x, n_h, n_y`.",
    ),
    mistakes=(
        Mistake(
            lambda X, Y, hidden_size=4: (X.shape[1], hidden_size, Y.shape[0]),
            "`X.shape[1]` is m, the number of examples; examples are columns, so the features are the rows: "
            "`n_x = X.shape[0]`",
        ),
        Mistake(
            lambda X, Y, hidden_size=4: (X.shape[0], hidden_size, Y.shape[1]),
            "`Y.shape[1]` is m, the number of examples; the outputs are the rows of `Y`: `n_y = Y.shape[0]`",
        ),
        Mistake(
            lambda X, Y, hidden_size=4: (X.shape[1], hidden_size, Y.shape[1]),
            "both sizes were read from `.shape[1]`, which is m, the number of examples; use `.shape[0]`",
        ),
        Mistake(
            lambda X, Y, hidden_size=4: (X.shape[0], 4, Y.shape[0]),
            "`n_h` must be the `hidden_size` argument, not a fixed number",
        ),
        Mistake(
            lambda X, Y, hidden_size=4: (X.shape[0], Y.shape[0], hidden_size),
            "the sizes are in the wrong order: return `n_x, n_h, n_y` (input, hidden, output)",
        ),
        Mistake(
            lambda X, Y, hidden_size=4: (X.size, hidden_size, Y.size),
            "`.size` counts every entry (n_x times m); the number of rows is `.shape[0]`",
        ),
    ),
)
def _check_layer_sizes(trial) -> None:
    rng = np.random.default_rng(2026)
    cases = [
        ("flower-like data: X (2, 400), Y (1, 400), hidden_size = 4", (2, 1, 400), 4),
        ("X (5, 3), Y (2, 3), hidden_size = 7", (5, 2, 3), 7),
        ("one example: X (3, 1), Y (1, 1), hidden_size = 1", (3, 1, 1), 1),
        ("digits-like data: X (64, 10), Y (10, 10), hidden_size = 32", (64, 10, 10), 32),
    ]
    for case, (n_x, n_y, m), hidden_size in cases:
        X, Y = rng.normal(size=(n_x, m)), _labels(rng, n_y, m)
        sizes = expect_sequence(trial.call(case, X, Y, hidden_size), ("n_x", "n_h", "n_y"), "(n_x, n_h, n_y)")
        for name, value, expected in zip(("n_x", "n_h", "n_y"), sizes, (n_x, hidden_size, n_y)):
            expect_int(value, expected, name)
    X, Y = rng.normal(size=(4, 9)), _labels(rng, 1, 9)
    sizes = expect_sequence(
        trial.call("hidden_size left out (default 4): X (4, 9), Y (1, 9)", X, Y),
        ("n_x", "n_h", "n_y"),
        "(n_x, n_h, n_y)",
    )
    expect_int(sizes[1], 4, "n_h")


@exercise(
    "weighted_sums",
    lesson=LESSON,
    reference=shapes.weighted_sums,
    hints=(
        "The loop computes one column of `Z` per example. A matrix product computes every column at once.",
        "`W` is (n, n_x) and `X` is (n_x, m): their product `W @ X` is (n, m). `b` is (n, 1) and numpy "
        "broadcasts it across the m columns.",
        "`return W @ X + b` (or `np.dot(W, X) + b`), with no loop.",
    ),
    mistakes=(
        Mistake(
            lambda W, b, X: W.T @ X + b,
            "you multiplied by `W.T`; `W` already has one row per unit, so `W @ X` needs no transpose",
        ),
        Mistake(lambda W, b, X: W @ X, "the bias is missing: add `+ b` (a column, which numpy adds to every example)"),
        Mistake(lambda W, b, X: W @ X - b, "the bias is subtracted; it is added: `W @ X + b`"),
        Mistake(
            lambda W, b, X: W @ X + b.T,
            "`b.T` is a row, so it adds the biases along the wrong axis; keep `b` a column of shape (n, 1)",
        ),
        Mistake(
            lambda W, b, X: W * X + b, "`*` multiplies entry by entry; a matrix product is `W @ X` (or `np.dot(W, X)`)"
        ),
        Mistake(
            lambda W, b, X: X.T @ W.T + b.T,
            "this is the rows convention (`X.T @ W.T`), which gives one row per example; this course keeps "
            "examples as columns: `W @ X + b`",
        ),
    ),
)
def _check_weighted_sums(trial) -> None:
    rng = np.random.default_rng(7)
    cases = [
        ("3 units, 5 features, 8 examples", 3, 5, 8),
        ("one example (m = 1)", 4, 2, 1),
        ("one unit (n = 1)", 1, 3, 6),
        ("square: 4 units, 4 features, 4 examples", 4, 4, 4),
    ]
    for case, n, n_x, m in cases:
        W, b, X = rng.normal(size=(n, n_x)), rng.normal(size=(n, 1)), rng.normal(size=(n_x, m))
        expect_array(trial.call(case, W, b, X), shapes.weighted_sums(W, b, X), "Z")
    W, b = rng.normal(size=(3, 2)), rng.normal(size=(3, 1))
    X = np.zeros((2, 5))
    expect_array(trial.call("all-zero inputs: every column of Z is b", W, b, X), np.repeat(b, 5, axis=1), "Z")
    loops = python_loops(trial.fn)
    if loops:
        raise Failure(
            "the values are right, but it still loops in Python",
            test="reading your code",
            received="; ".join(loops),
            cause="one matrix product handles every example at once: `W @ X + b`, with no loop",
            diagnosable=False,
        )


@exercise(
    "mean_over_examples",
    lesson=LESSON,
    reference=shapes.mean_over_examples,
    hints=(
        "`np.mean` (or `A.mean`) takes an `axis`: the axis that disappears is the one averaged over.",
        "The examples are the columns, which is axis 1. `keepdims=True` keeps the result a column (n, 1) "
        "instead of a flat (n,) array.",
        "`return np.mean(A, axis=1, keepdims=True)`",
    ),
    mistakes=(
        Mistake(
            lambda A: A.mean(axis=0, keepdims=True),
            "`axis=0` averages down each column, over the units of one example; the examples are the "
            "columns, so average along the rows with `axis=1`",
        ),
        Mistake(
            lambda A: A.mean(axis=0, keepdims=True).T,
            "`axis=0` averages over the units of each example (then the result was transposed); "
            "average over the examples with `axis=1`",
        ),
        Mistake(
            lambda A: A.sum(axis=1, keepdims=True) / A.shape[0],
            "it divides by `A.shape[0]`, the number of units; a mean over examples divides by m = `A.shape[1]`",
        ),
    ),
)
def _check_mean_over_examples(trial) -> None:
    rng = np.random.default_rng(11)
    cases = [
        ("3 units, 5 examples", rng.normal(size=(3, 5))),
        ("one example (m = 1): the mean is the column itself", rng.normal(size=(4, 1))),
        ("one unit (n = 1)", rng.normal(size=(1, 6))),
        ("square: 3 units, 3 examples", rng.normal(size=(3, 3))),
        ("large values around 1e8", 1e8 + rng.normal(size=(2, 7))),
    ]
    for case, A in cases:
        expect_array(trial.call(case, A), shapes.mean_over_examples(A), "mean", m=A.shape[1])
