"""Lesson 04, The cost: `compute_cost` and the find-the-bug exercise `fixed_cost`."""

from __future__ import annotations

import numpy as np

from nnlib import shallow
from nnlib.checks.expect import expect_float
from nnlib.checks.lessons._inputs import labels, probabilities
from nnlib.checks.registry import Mistake, exercise

LESSON = "04_cost"


def _cross_entropy(A2, Y, m=None, log=np.log, one=1.0):
    m = Y.shape[1] if m is None else m
    return float(-np.sum(Y * log(A2) + (1 - Y) * log(one - A2)) / m)


_COST_MISTAKES = (
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


def _cost_battery(trial) -> None:
    rng = np.random.default_rng(41)
    cases = [
        ("5 examples, random labels", probabilities(rng, (1, 5)), labels(rng, 1, 5)),
        ("one example (m = 1), label 1", np.array([[0.8]]), np.array([[1.0]])),
        ("every label 0", probabilities(rng, (1, 6)), labels(rng, 1, 6, "zeros")),
        ("every label 1", probabilities(rng, (1, 6)), labels(rng, 1, 6, "ones")),
        (
            "confident predictions, right and wrong: A2 = [[1e-8, 1 - 1e-8, 1e-8, 1 - 1e-8]]",
            np.array([[1e-8, 1 - 1e-8, 1e-8, 1 - 1e-8]]),
            np.array([[0.0, 1.0, 1.0, 0.0]]),
        ),
        ("400 examples", probabilities(rng, (1, 400)), labels(rng, 1, 400)),
    ]
    for case, A2, Y in cases:
        expect_float(trial.call(case, A2, Y), shallow.compute_cost(A2, Y), "cost", rtol=1e-7)
    # Exact 0s and 1s: the textbook formula gives nan here, which passes (as the source articles write it),
    # with a note, since the lesson shows how clipping avoids it.
    case = "predictions of exactly 1 and 0, both right: A2 = [[1.0, 0.0]], Y = [[1.0, 0.0]]"
    cost = trial.call(case, np.array([[1.0, 0.0]]), np.array([[1.0, 0.0]]))
    if isinstance(cost, (int, float, np.number)) and not np.isfinite(float(cost)):
        trial.forget_notes(case)  # this one note says it all
        trial.notes.append(
            f'on "{case}" your cost is {float(cost)}: `0 * log(0)` is nan; clip `A2` into '
            "[eps, 1 - eps] before taking logs, as the lesson shows"
        )


@exercise(
    "compute_cost",
    lesson=LESSON,
    reference=shallow.compute_cost,
    hints=(
        "The cost is the average over the m examples of −[y log(a) + (1 − y) log(1 − a)].",
        "`np.log` and `*` work entry by entry; `np.sum` adds everything; m is `Y.shape[1]`. Return "
        "`float(...)` of the result.",
        "`m = Y.shape[1]`; `eps = np.finfo(A2.dtype).eps`; `A2 = np.clip(A2, eps, 1 - eps)`; then "
        "`return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)`.",
    ),
    mistakes=_COST_MISTAKES,
)
def _check_compute_cost(trial) -> None:
    _cost_battery(trial)


@exercise(
    "fixed_cost",
    lesson=LESSON,
    reference=shallow.compute_cost,
    hints=(
        "There are two bugs, each on its own line. Compare every line with the formula: which quantity "
        "should `m` be, and what is the probability of label 0?",
        "`A2` has shape (n_y, m): which index of its shape is the number of examples? And is 2 − A2 a probability?",
        "`m = A2.shape[1]` (or `Y.shape[1]`), and `np.log(1 - A2)` instead of `np.log(2 - A2)`.",
    ),
    mistakes=(
        Mistake(
            lambda A2, Y: _cross_entropy(A2, Y, m=A2.shape[0], one=2.0),
            "both bugs are still there: `m = A2.shape[0]` and `np.log(2 - A2)`",
        ),
        Mistake(
            lambda A2, Y: _cross_entropy(A2, Y, m=A2.shape[0]),
            "one bug is still there: `A2.shape[0]` is n_y, the number of outputs (1 here); the number of "
            "examples is `A2.shape[1]`",
        ),
        Mistake(
            lambda A2, Y: _cross_entropy(A2, Y, one=2.0),
            "one bug is still there: `log(2 - A2)`; the probability of label 0 is 1 − A2, so the term is "
            "`np.log(1 - A2)`",
        ),
    )
    + _COST_MISTAKES,
)
def _check_fixed_cost(trial) -> None:
    _cost_battery(trial)
