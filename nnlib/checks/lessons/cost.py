"""Lesson 04, The cost: `compute_cost` and the find-the-bug exercise `fixed_cost`.

The known mistakes are in the catalogue, nnlib/checks/mistakes/cost.py.
"""

from __future__ import annotations

import numpy as np

from nnlib import shallow
from nnlib.checks.exercise import Case, Exercise, FloatOutput
from nnlib.checks.lessons._inputs import labels, probabilities

_RNG = np.random.default_rng(41)


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
    cases=COST_CASES,
    compare=FloatOutput("cost"),
)

EXERCISES = [COMPUTE_COST, FIXED_COST]
