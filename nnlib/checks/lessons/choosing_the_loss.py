"""Lesson 14, Choosing the loss; many classes: `mse_cost`, `softmax`, `one_hot`, `categorical_cross_entropy`."""

from __future__ import annotations

import numpy as np

from nnlib import activations, datasets, losses
from nnlib.checks.exercise import ArrayOutput, Case, Exercise, FloatOutput

_RNG = np.random.default_rng(141)
_RNG2 = np.random.default_rng(142)  # for cases added later, so that the others keep their values
_F32 = {"rtol": 1e-5, "atol": 1e-7}


SOFTMAX = Exercise(
    "softmax",
    reference=activations.softmax,
    hints=(
        "Each column holds one example's K scores: exponentiate, then divide by the column's total, so every "
        "column sums to 1. For huge scores, subtract each column's largest score first: the result is the same.",
        "`Z.max(axis=0, keepdims=True)` is the (1, m) row of column maxima; `np.exp(Z - that)` never overflows. "
        "Then divide by `E.sum(axis=0, keepdims=True)`.",
        "`E = np.exp(Z - Z.max(axis=0, keepdims=True))`, then `return E / E.sum(axis=0, keepdims=True)`.",
    ),
    cases=(
        Case("3 classes, 4 examples, moderate scores", (_RNG.normal(scale=2.0, size=(3, 4)),), atol=1e-12),
        Case("10 classes, 6 examples", (_RNG.normal(scale=3.0, size=(10, 6)),), atol=1e-12),
        Case("one example (m = 1): [[1], [2], [3]]", (np.array([[1.0], [2.0], [3.0]]),), atol=1e-12),
        Case("a square case, 3 classes and 3 examples", (_RNG.normal(scale=2.0, size=(3, 3)),), atol=1e-12),
        Case("equal scores in a column give equal probabilities", (np.array([[5.0, 0.0], [5.0, 1.0]]),), atol=1e-12),
        Case(
            "float32 scores (the output must be float32 too)",
            (_RNG.normal(scale=2.0, size=(4, 3)).astype(np.float32),),
            **_F32,
        ),
        Case(
            "huge scores: [[1000, -1000], [1001, -1002], [999, -1001]]",
            (np.array([[1000.0, -1000.0], [1001.0, -1002.0], [999.0, -1001.0]]),),
            atol=1e-12,
        ),
        Case(
            "a column spanning 2000: [[1000, 1], [-1000, 2], [0, 3]]",
            (np.array([[1000.0, 1.0], [-1000.0, 2.0], [0.0, 3.0]]),),
            atol=1e-12,
        ),
        Case(
            "columns on very different scales: [[800, -800], [799, -801]]",
            (np.array([[800.0, -800.0], [799.0, -801.0]]),),
            atol=1e-12,
        ),
    ),
    compare=ArrayOutput("A", same_dtype=True),
    no_warnings="`np.exp` of a large score overflows (inf / inf = nan) or every entry of a column underflows "
    "to 0 (0 / 0 = nan): subtract each column's own maximum, `Z - Z.max(axis=0, keepdims=True)`, before `np.exp`",
)


def _probabilities(K: int, m: int, dtype=np.float64) -> np.ndarray:
    return activations.softmax(_RNG.normal(scale=2.0, size=(K, m))).astype(dtype)


def _targets(K: int, m: int, dtype=np.float64) -> np.ndarray:
    labels = _RNG.integers(0, K, size=m)
    labels[: min(K, m)] = np.arange(min(K, m))  # every class present when m >= K
    return datasets.one_hot(labels, K, dtype=dtype)


_CE_EXACT = (np.array([[0.0, 1.0, 0.3], [1.0, 0.0, 0.7], [0.0, 0.0, 0.0]]), np.eye(3)[:, [1, 1, 0]])

CATEGORICAL_CROSS_ENTROPY = Exercise(
    "categorical_cross_entropy",
    reference=losses.categorical_cross_entropy,
    hints=(
        "For one example the loss is −log of the probability given to its true class; the cost averages that "
        "over the m examples. With one-hot Y, Σ_k y_k log(a_k) picks exactly that term.",
        "`Y * np.log(A)` is zero except at the true classes; sum every entry and divide by m = `Y.shape[1]`. "
        "Clip first so that `np.log` never sees 0.",
        "`eps = np.finfo(A.dtype).eps`; `A = np.clip(A, eps, 1 - eps)`; "
        "`return float(-np.sum(Y * np.log(A)) / Y.shape[1])`.",
    ),
    cases=(
        Case("3 classes, 5 examples", (_probabilities(3, 5), _targets(3, 5)), rtol=1e-7),
        Case("10 classes, 20 examples", (_probabilities(10, 20), _targets(10, 20)), rtol=1e-7),
        Case("one example (m = 1)", (_probabilities(4, 1), _targets(4, 1)), rtol=1e-7),
        Case(
            "float32 probabilities and targets",
            (_probabilities(3, 6, np.float32), _targets(3, 6, np.float32)),
            rtol=1e-5,
        ),
        Case(
            "confident predictions, right and wrong, with probabilities of exactly 0 and 1: "
            "A = [[0, 1, 0.3], [1, 0, 0.7], [0, 0, 0]], true classes 1, 1, 0",
            _CE_EXACT,
            rtol=0.05,  # about -log(eps) / 3 for the sure miss; a somewhat different eps is fine, inf or nan is not
        ),
        Case(
            "the same in float32: eps = np.finfo(np.float32).eps, as lesson 04's cost",
            tuple(array.astype(np.float32) for array in _CE_EXACT),
            rtol=0.05,
        ),
    ),
    compare=FloatOutput("cost"),
    no_warnings="a probability of exactly 0 reaches `np.log` (log(0) = -inf, and 0 × -inf = nan): clip first, "
    "`A = np.clip(A, eps, 1 - eps)` with `eps = np.finfo(A.dtype).eps`",
)


ONE_HOT = Exercise(
    "one_hot",
    reference=datasets.one_hot,
    hints=(
        "The result has one row per class and one column per example: column i is all zeros except a 1 in the "
        "row of example i's label.",
        "Start from `np.zeros((n_classes, m))` (floats) with m = `labels.size`; flatten the labels with "
        "`np.ravel(labels)`; set one entry per column with fancy indexing: rows = the labels, columns = "
        "`np.arange(m)`.",
        "`labels = np.ravel(labels)`; `Y = np.zeros((n_classes, labels.size))`; "
        "`Y[labels, np.arange(labels.size)] = 1`; `return Y`.",
    ),
    cases=(
        Case("a row of labels (1, 6), 4 classes", (np.array([[0, 3, 1, 2, 3, 0]]), 4)),
        Case("a vector of labels (5,), 3 classes", (np.array([2, 0, 1, 1, 2]), 3)),
        Case(
            "10 classes, labels 0 .. 5 only (the last classes do not appear)", (np.array([[5, 0, 1, 2, 3, 4, 5]]), 10)
        ),
        Case("one example: labels [[2]], 3 classes", (np.array([[2]]), 3)),
        Case("a square case: 3 labels, 3 classes", (np.array([[2, 0, 1]]), 3)),
        Case("every label the same", (np.array([[1, 1, 1, 1]]), 2)),
    ),
    compare=ArrayOutput("Y"),
)


MSE_COST = Exercise(
    "mse_cost",
    reference=losses.mse_cost,
    hints=(
        "Square every error A − Y, add them all up, and divide by m, the number of examples (the columns).",
        "`np.sum((A - Y) ** 2)` adds every squared error, over the output rows too; m is `Y.shape[1]`. "
        "Return a Python float.",
        "`return float(np.sum((A - Y) ** 2) / Y.shape[1])`",
    ),
    cases=(
        Case("three outputs (n_y = 3), 5 examples", (_RNG2.normal(size=(3, 5)), _RNG2.normal(size=(3, 5))), rtol=1e-9),
        Case("one output, 5 examples", (_RNG.normal(size=(1, 5)), _RNG.normal(size=(1, 5))), rtol=1e-9),
        Case("two outputs (n_y = 2), 4 examples", (_RNG.normal(size=(2, 4)), _RNG.normal(size=(2, 4))), rtol=1e-9),
        Case("one example (m = 1)", (np.array([[1.5]]), np.array([[-0.5]])), rtol=1e-9),
        Case("perfect predictions: the cost is 0", (np.array([[1.0, 2.0, 3.0]]),) * 2),
        Case(
            "float32 predictions and targets",
            (_RNG.normal(size=(1, 6)).astype(np.float32), _RNG.normal(size=(1, 6)).astype(np.float32)),
            rtol=1e-5,
        ),
        Case("100 examples", (_RNG.normal(size=(1, 100)), _RNG.normal(size=(1, 100))), rtol=1e-9),
    ),
    compare=FloatOutput("cost"),
)

EXERCISES = [MSE_COST, SOFTMAX, ONE_HOT, CATEGORICAL_CROSS_ENTROPY]
