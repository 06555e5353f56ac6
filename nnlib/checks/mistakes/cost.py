"""Known mistakes of lesson 04, The cost: `compute_cost` and the find-the-bug exercise `fixed_cost`."""

from __future__ import annotations

import numpy as np

from nnlib.checks.exercise import Mistake

# --- compute_cost ------------------------------------------------------------


def cost_no_minus(A2, Y):
    m = Y.shape[1]
    eps = np.finfo(A2.dtype).eps
    A2 = np.clip(A2, eps, 1 - eps)
    return float(np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)


def cost_no_mean(A2, Y):
    eps = np.finfo(A2.dtype).eps
    A2 = np.clip(A2, eps, 1 - eps)
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))


def cost_first_term_only(A2, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A2)) / m)


def cost_second_term_only(A2, Y):
    m = Y.shape[1]
    return float(-np.sum((1 - Y) * np.log(1 - A2)) / m)


def cost_log_of_labels(A2, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - Y)) / m)


def cost_logs_swapped(A2, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(1 - A2) + (1 - Y) * np.log(A2)) / m)


def cost_log10(A2, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log10(A2) + (1 - Y) * np.log10(1 - A2)) / m)


def cost_squared_error(A2, Y):
    return float(np.mean((A2 - Y) ** 2))


def cost_two_minus_a2(A2, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(2 - A2)) / m)


def cost_fixed_eps(A2, Y):
    A2 = np.clip(A2, 1e-15, 1 - 1e-15)
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / Y.shape[1])


def cost_article_unclipped(A2, Y):
    m = Y.shape[1]
    cost = -np.sum(np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), (1 - Y))) / m
    return float(np.squeeze(cost))


def cost_as_matrix(A2, Y):
    m = Y.shape[1]
    eps = np.finfo(A2.dtype).eps
    A2 = np.clip(A2, eps, 1 - eps)
    return -(np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T)) / m


def cost_dot_products(A2, Y):
    m = Y.shape[1]
    eps = np.finfo(A2.dtype).eps
    A2 = np.clip(A2, eps, 1 - eps)
    cost = -(np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T)) / m
    return float(np.squeeze(cost))


def cost_mean_over_every_entry(A2, Y):
    eps = np.finfo(A2.dtype).eps
    A2 = np.clip(A2, eps, 1 - eps)
    return float(-np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))


COST_MISTAKES = (
    Mistake(
        cost_no_minus,
        "the minus sign in front is missing: log of a probability is negative, and the cost must be positive",
    ),
    Mistake(
        cost_no_mean,
        "the sum is not divided by m, the number of examples (`m = Y.shape[1]`; note that `A2.shape[0]` "
        "is n_y = 1, not m)",
    ),
    Mistake(
        cost_first_term_only,
        "the second term, (1 − Y) log(1 − A2), is missing: it is the cost of the examples labelled 0",
    ),
    Mistake(
        cost_second_term_only,
        "the first term, Y log(A2), is missing: it is the cost of the examples labelled 1",
    ),
    Mistake(
        cost_log_of_labels,
        "the log of the wrong term: the second term is (1 − Y) log(1 − A2), not log(1 − Y) (which is log(0) "
        "for every label 1)",
    ),
    Mistake(cost_logs_swapped, "the two logs are swapped: Y goes with log(A2), and (1 − Y) with log(1 − A2)"),
    Mistake(cost_log10, "`np.log10` is the base-10 logarithm; cross-entropy uses the natural log, `np.log`"),
    Mistake(cost_squared_error, "this is the mean squared error; the cost of this lesson is the cross-entropy"),
    Mistake(
        cost_two_minus_a2,
        "`log(2 - A2)`: the probability of label 0 is 1 − A2, so the term is `np.log(1 - A2)`",
    ),
    Mistake(
        cost_fixed_eps,
        "a fixed `eps = 1e-15` does nothing in float32, where `1 - 1e-15` rounds to 1.0 and `np.log(1 - A2)` "
        "is `log(0)`; use the dtype's own `eps = np.finfo(A2.dtype).eps`",
    ),
    Mistake(
        cost_article_unclipped,
        "a prediction of exactly 0 or 1 makes `np.log(0)`: `0 * log(0)` is nan, and a certain wrong answer "
        "costs inf; clip first, `A2 = np.clip(A2, eps, 1 - eps)` with `eps = np.finfo(A2.dtype).eps`",
    ),
    Mistake(
        cost_as_matrix,
        "`np.dot` of a row (1, m) and a column (m, 1) is a (1, 1) matrix, not a number: wrap the result in "
        "`float(...)`",
    ),
    Mistake(
        cost_dot_products,
        "`float(...)` turns only a 1-element array into a number",
        shown_by="raises",
        outcome="your code raised",
    ),
    Mistake(
        cost_mean_over_every_entry,
        "`np.mean` over every entry divides by n_y × m; the cost sums over the outputs and divides by m "
        "only: `-np.sum(...) / m`",
    ),
)

# --- fixed_cost ----------------------------------------------------------------


def fixed_nothing(A2, Y):
    m = A2.shape[0]
    eps = np.finfo(A2.dtype).eps
    A2 = np.clip(A2, eps, 1 - eps)
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(2 - A2)) / m)


def fixed_only_log(A2, Y):
    m = A2.shape[0]
    eps = np.finfo(A2.dtype).eps
    A2 = np.clip(A2, eps, 1 - eps)
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)


def fixed_only_m(A2, Y):
    m = A2.shape[1]
    eps = np.finfo(A2.dtype).eps
    A2 = np.clip(A2, eps, 1 - eps)
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(2 - A2)) / m)


def fixed_returns_array(A2, Y):
    m = A2.shape[1]
    eps = np.finfo(A2.dtype).eps
    A2 = np.clip(A2, eps, 1 - eps)
    return -np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2), axis=1, keepdims=True) / m


def fixed_mean_of_the_wrong_thing(A2, Y):
    eps = np.finfo(A2.dtype).eps
    A2 = np.clip(A2, eps, 1 - eps)
    return float(-np.mean(Y * np.log(A2)) - np.mean(np.log(1 - A2)))


def fixed_clip_removed(A2, Y):
    m = A2.shape[1]
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)


def fixed_eps_changed(A2, Y):
    m = A2.shape[1]
    A2 = np.clip(A2, 1e-15, 1 - 1e-15)
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)


FIXED_COST_MISTAKES = (
    Mistake(fixed_nothing, "both bugs are still there: `m = A2.shape[0]` and `np.log(2 - A2)`"),
    Mistake(
        fixed_only_log,
        "one bug is still there: `A2.shape[0]` is n_y, the number of outputs (1 here); the number of "
        "examples is `A2.shape[1]`",
    ),
    Mistake(
        fixed_only_m,
        "one bug is still there: `log(2 - A2)`; the probability of label 0 is 1 − A2, so the term is `np.log(1 - A2)`",
    ),
    Mistake(
        fixed_returns_array,
        "`np.sum(..., axis=1, keepdims=True)` keeps a (1, 1) array; the cost is one number: sum every "
        "entry with `np.sum(...)` and no axis, or wrap the result in `float(...)`",
    ),
    Mistake(
        fixed_mean_of_the_wrong_thing,
        "`np.mean(np.log(1 - A2))` lost the (1 − Y) factor: every example then pays log(1 − A2), also those "
        "labelled 1; keep the formula's two terms, `Y * np.log(A2) + (1 - Y) * np.log(1 - A2)`",
    ),
    Mistake(
        fixed_eps_changed,
        "a fixed `eps = 1e-15` does nothing in float32, where `1 - 1e-15` rounds to 1.0 and `np.log(1 - A2)` "
        "is `log(0)`; keep the dtype's own `eps = np.finfo(A2.dtype).eps`",
    ),
    Mistake(
        fixed_clip_removed,
        "the clip was removed too: a prediction of exactly 0 or 1 makes `np.log(0)`; keep "
        "`A2 = np.clip(A2, eps, 1 - eps)`",
    ),
)

#: the compute_cost mistakes a fixed_cost answer can make too (not those the starter code rules out).
_SHARED = tuple(
    mistake
    for mistake in COST_MISTAKES
    # the starter's other lines rule out these three; and cost_no_mean, cost_as_matrix give what
    # fixed_only_log and fixed_returns_array give (one cause each: those of the starter's own lines)
    if mistake.fn not in (cost_two_minus_a2, cost_fixed_eps, cost_article_unclipped, cost_no_mean, cost_as_matrix)
)

MISTAKES = {"compute_cost": COST_MISTAKES, "fixed_cost": FIXED_COST_MISTAKES + _SHARED}
