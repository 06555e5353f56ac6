"""Lesson 04, The cost: `compute_cost` and the find-the-bug exercise `fixed_cost`."""

from __future__ import annotations

import numpy as np

from nnlib import shallow
from nnlib.checks.exercise import Case, Exercise, FloatOutput, Mistake
from nnlib.checks.lessons._inputs import labels, probabilities

_RNG = np.random.default_rng(41)


def _cross_entropy(A2, Y, m=None, log=np.log, one=1.0, eps=None):
    """The cost with a familiar mistake; ``eps`` clips (``"dtype"``: the dtype's machine epsilon)."""
    m = Y.shape[1] if m is None else m
    if eps is not None:
        eps = np.finfo(A2.dtype).eps if eps == "dtype" else eps
        A2 = np.clip(A2, eps, 1 - eps)
    return float(-np.sum(Y * log(A2) + (1 - Y) * log(one - A2)) / m)


_COST_MISTAKES = (
    Mistake(
        lambda A2, Y: _cross_entropy(A2, Y, eps=1e-15),
        "a fixed `eps = 1e-15` does nothing in float32, where `1 - 1e-15` rounds to 1.0 and `np.log(1 - A2)` "
        "is `log(0)`; use the dtype's own `eps = np.finfo(A2.dtype).eps`",
    ),
    Mistake(
        _cross_entropy,
        "a prediction of exactly 0 or 1 makes `np.log(0)`: `0 * log(0)` is nan, and a certain wrong answer "
        "costs inf; clip first, `A2 = np.clip(A2, eps, 1 - eps)` with `eps = np.finfo(A2.dtype).eps`",
    ),
    Mistake(
        lambda A2, Y: np.squeeze(-(Y @ np.log(A2).T + (1 - Y) @ np.log(1 - A2).T) / Y.shape[1]),
        "with several output rows, `Y @ np.log(A2).T` also multiplies row i of `Y` with row j of `A2` "
        "(an (n_y, n_y) matrix); multiply entry by entry (`Y * np.log(A2)`) and `np.sum` every entry",
    ),
    Mistake(
        lambda A2, Y: -_cross_entropy(A2, Y),
        "the minus sign in front is missing: log of a probability is negative, and the cost must be positive",
    ),
    Mistake(
        lambda A2, Y: _cross_entropy(A2, Y, m=1),
        "the sum is not divided by m, the number of examples (`m = Y.shape[1]`; note that `A2.shape[0]` "
        "is n_y = 1, not m)",
    ),
    Mistake(
        lambda A2, Y: float(-np.sum(Y * np.log(A2)) / Y.shape[1]),
        "the second term, (1 − Y) log(1 − A2), is missing: it is the cost of the examples labelled 0",
    ),
    Mistake(
        lambda A2, Y: float(-np.sum((1 - Y) * np.log(1 - A2)) / Y.shape[1]),
        "the first term, Y log(A2), is missing: it is the cost of the examples labelled 1",
    ),
    Mistake(
        lambda A2, Y: float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - Y)) / Y.shape[1]),
        "the log of the wrong term: the second term is (1 − Y) log(1 − A2), not log(1 − Y)",
    ),
    Mistake(
        lambda A2, Y: float(-np.sum(Y * np.log(1 - A2) + (1 - Y) * np.log(A2)) / Y.shape[1]),
        "the two logs are swapped: Y goes with log(A2), and (1 − Y) with log(1 − A2)",
    ),
    Mistake(
        lambda A2, Y: _cross_entropy(A2, Y, log=np.log10),
        "`np.log10` is the base-10 logarithm; cross-entropy uses the natural log, `np.log`",
    ),
    Mistake(
        lambda A2, Y: float(np.mean((A2 - Y) ** 2)),
        "this is the mean squared error; the cost of this lesson is the cross-entropy",
    ),
    Mistake(
        lambda A2, Y: _cross_entropy(A2, Y, one=2.0),
        "`log(2 - A2)`: the probability of label 0 is 1 − A2, so the term is `np.log(1 - A2)`",
    ),
)


def _exact(values, labels_, dtype=np.float64) -> tuple:
    return np.array([values], dtype=dtype), np.array([labels_], dtype=dtype)


COST_CASES = (
    Case("5 examples, random labels", (probabilities(_RNG, (1, 5)), labels(_RNG, 1, 5)), rtol=1e-7),
    Case("one example (m = 1), label 1", (np.array([[0.8]]), np.array([[1.0]])), rtol=1e-7),
    Case("every label 0", (probabilities(_RNG, (1, 6)), labels(_RNG, 1, 6, "zeros")), rtol=1e-7),
    Case("every label 1", (probabilities(_RNG, (1, 6)), labels(_RNG, 1, 6, "ones")), rtol=1e-7),
    Case(
        "confident predictions, right and wrong: A2 = [[1e-8, 1 - 1e-8, 1e-8, 1 - 1e-8]]",
        _exact([1e-8, 1 - 1e-8, 1e-8, 1 - 1e-8], [0.0, 1.0, 1.0, 0.0]),
        rtol=1e-7,
    ),
    Case(
        "two output units (n_y = 2): sum every entry, divide by m = 5",
        (probabilities(_RNG, (2, 5)), labels(_RNG, 2, 5)),
        rtol=1e-7,
    ),
    Case("400 examples", (probabilities(_RNG, (1, 400)), labels(_RNG, 1, 400)), rtol=1e-7),
    Case(
        "float32 predictions and labels",
        (probabilities(_RNG, (1, 5)).astype(np.float32), labels(_RNG, 1, 5).astype(np.float32)),
        rtol=1e-5,
    ),
    Case(
        "predictions of exactly 1 and 0, both right: A2 = [[1.0, 0.0]], Y = [[1.0, 0.0]]",
        _exact([1.0, 0.0], [1.0, 0.0]),
        atol=1e-6,
    ),
    Case(
        "float32 predictions of exactly 1 and 0, two right, two wrong: A2 = [[1, 0, 1, 0]], Y = [[1, 0, 0, 1]]",
        _exact([1.0, 0.0, 1.0, 0.0], [1.0, 0.0, 0.0, 1.0], np.float32),
        rtol=0.05,  # the clipped cost, about -log(eps) / 2; a somewhat different eps is fine, inf or nan is not
    ),
)


COMPUTE_COST = Exercise(
    "compute_cost",
    reference=shallow.compute_cost,
    hints=(
        "The cost is the average over the m examples of −[y log(a) + (1 − y) log(1 − a)].",
        "`np.log` and `*` work entry by entry; `np.sum` adds everything; m is `Y.shape[1]`. Return "
        "`float(...)` of the result.",
        "`m = Y.shape[1]`; `eps = np.finfo(A2.dtype).eps`; `A2 = np.clip(A2, eps, 1 - eps)`; then "
        "`return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)`.",
    ),
    cases=COST_CASES,
    compare=FloatOutput("cost"),
    mistakes=_COST_MISTAKES,
)


FIXED_COST = Exercise(
    "fixed_cost",
    reference=shallow.compute_cost,
    hints=(
        "There are two bugs, each on its own line. Compare every line with the formula: which quantity "
        "should `m` be, and what is the probability of label 0?",
        "`A2` has shape (n_y, m): which index of its shape is the number of examples? And is 2 − A2 a probability?",
        "`m = A2.shape[1]` (or `Y.shape[1]`), and `np.log(1 - A2)` instead of `np.log(2 - A2)`.",
    ),
    mistakes=(
        Mistake(
            lambda A2, Y: _cross_entropy(A2, Y, m=A2.shape[0], one=2.0, eps="dtype"),
            "both bugs are still there: `m = A2.shape[0]` and `np.log(2 - A2)`",
        ),
        Mistake(
            lambda A2, Y: _cross_entropy(A2, Y, m=A2.shape[0], eps="dtype"),
            "one bug is still there: `A2.shape[0]` is n_y, the number of outputs (1 here); the number of "
            "examples is `A2.shape[1]`",
        ),
        Mistake(
            lambda A2, Y: _cross_entropy(A2, Y, one=2.0, eps="dtype"),
            "one bug is still there: `log(2 - A2)`; the probability of label 0 is 1 − A2, so the term is "
            "`np.log(1 - A2)`",
        ),
    )
    + _COST_MISTAKES,
    cases=COST_CASES,
    compare=FloatOutput("cost"),
)

EXERCISES = [COMPUTE_COST, FIXED_COST]
