"""Lesson 16, Evaluating a classifier: `confusion_matrix`, `precision_recall_f1`, `best_threshold`."""

from __future__ import annotations

import numpy as np

from nnlib import metrics
from nnlib.checks.exercise import ArrayOutput, ArrayTupleOutput, Case, Exercise, FloatOutput
from nnlib.checks.expect import Failure

_RNG = np.random.default_rng(161)


def _labels(K: int, m: int, accuracy: float = 0.7, row: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """True and predicted labels in 0 .. K-1 (each present), the predictions right about `accuracy` of the time."""
    y_true = np.concatenate([np.arange(K), _RNG.integers(0, K, size=m - K)])
    y_pred = np.where(_RNG.random(m) < accuracy, y_true, _RNG.integers(0, K, size=m))
    return (y_true.reshape(1, -1), y_pred.reshape(1, -1)) if row else (y_true, y_pred)


_HAND = (np.array([1, 0, 1, 1, 0, 0, 1, 0, 0, 1]), np.array([1, 0, 0, 1, 0, 1, 1, 0, 0, 0]), 2)

CONFUSION_MATRIX = Exercise(
    "confusion_matrix",
    reference=metrics.confusion_matrix,
    hints=(
        "C[i, j] counts the examples whose true class is i and whose predicted class is j: one count per example. "
        "Rows are true classes, columns predicted ones; the diagonal holds the right answers.",
        "Flatten both label arrays with `np.ravel`, start from `np.zeros((n_classes, n_classes), dtype=int)` and "
        "add 1 at `[t, p]` for every pair. Careful: `C[y_true, y_pred] += 1` counts a repeated pair only once.",
        "`C = np.zeros((n_classes, n_classes), dtype=int)`; `for t, p in zip(np.ravel(y_true), np.ravel(y_pred)): "
        "C[t, p] += 1`; `return C` (or `np.add.at(C, (y_true, y_pred), 1)`).",
    ),
    cases=(
        Case("the lesson's 10 yes/no predictions (n_classes = 2)", _HAND),
        Case("3 classes, 30 examples, vectors (m,)", (*_labels(3, 30), 3)),
        Case("10 classes, 60 examples, rows (1, m)", (*_labels(10, 60, row=True), 10)),
        Case("n_classes = 5, but the labels only use 0 .. 2", (*_labels(3, 12), 5)),
        Case("one example: true 2, predicted 0", (np.array([2]), np.array([0]), 3)),
        Case("every prediction right", (np.array([0, 1, 2, 2, 1]), np.array([0, 1, 2, 2, 1]), 3)),
    ),
    compare=ArrayOutput("C"),
)


_SCORES = ArrayTupleOutput(("precision", "recall", "f1"))


def _compare_scores(received, expected, case: Case) -> None:
    if isinstance(received, (tuple, list)):
        for output, reference, name in zip(received, expected, _SCORES.names):
            if isinstance(output, (float, np.floating)):
                raise Failure(
                    f"`{name}` is a single number but must be an array with one value per class, "
                    f"shape {reference.shape}",
                    cause="no averaging: return each class's value, read off the confusion matrix's diagonal, "
                    "rows and columns",
                )
    _SCORES(received, expected, case)


PRECISION_RECALL_F1 = Exercise(
    "precision_recall_f1",
    reference=metrics.precision_recall_f1,
    hints=(
        "Build the confusion matrix C first. For class k: precision = C[k, k] / (sum of column k, everything "
        "predicted k); recall = C[k, k] / (sum of row k, everything truly k); F1 = 2PR / (P + R).",
        "`np.diag(C)`, `C.sum(axis=0)` and `C.sum(axis=1)` give all K values at once. Where a denominator is 0, "
        "the value is 0.0: `np.divide(a, b, out=np.zeros(K), where=b > 0)`.",
        "`tp = np.diag(C)`; `precision = np.divide(tp, C.sum(axis=0), out=np.zeros(K), where=C.sum(axis=0) > 0)`; "
        "the same for recall with `axis=1`; then `f1 = np.divide(2 * precision * recall, precision + recall, "
        "out=np.zeros(K), where=precision + recall > 0)`; return `(precision, recall, f1)`.",
    ),
    cases=(
        Case("the lesson's 10 yes/no predictions (n_classes = 2)", _HAND, rtol=1e-9),
        Case("3 classes, 30 examples", (*_labels(3, 30), 3), rtol=1e-9),
        Case("10 classes, 80 examples, rows (1, m)", (*_labels(10, 80, row=True), 10), rtol=1e-9),
        Case(
            "class 2 is never predicted (its precision is 0 / 0, reported as 0.0)",
            (np.array([0, 1, 2, 2, 1, 0]), np.array([0, 1, 1, 0, 1, 0]), 3),
            rtol=1e-9,
        ),
        Case("n_classes = 4, class 3 absent and never predicted", (np.array([0, 1, 2, 1]), np.array([0, 2, 2, 1]), 4)),
        Case("class 1 always wrong: precision and recall both 0", (np.array([0, 1, 0]), np.array([1, 0, 0]), 2)),
    ),
    compare=_compare_scores,
    no_warnings="a class never predicted (or never present) makes a 0 / 0: report 0.0 there, without a warning, "
    "`np.divide(tp, predicted, out=np.zeros(K), where=predicted > 0)`",
)


def _threshold_case(name: str, m: int, positives: float, row: bool = False) -> Case:
    y = (_RNG.random(m) < positives).astype(int)
    y[:2] = (0, 1)
    p = np.clip(0.35 * y + 0.65 * _RNG.random(m), 0.0, 1.0)
    return Case(name, (p.reshape(1, -1), y.reshape(1, -1)) if row else (p, y), rtol=0, atol=0)


_NO_POSITIVE = (np.array([0.3, 0.9, 0.2, 0.6]), np.array([0, 0, 0, 0]))


def _no_positive_label(trial) -> None:
    """No label is 1: F1 is 0 at every threshold, so the tie rule picks the smallest probability."""
    case = Case("no label is 1: p = [0.3, 0.9, 0.2, 0.6], labels [0, 0, 0, 0]", _NO_POSITIVE, rtol=0, atol=0)
    try:
        received = trial.call(case.name, *case.args)
    except Failure as failure:
        if failure.problem != "it returned `None`":
            raise
        raise Failure(
            "it returned `None` when no label is 1",
            cause="no label is 1, so F1 is 0 at every threshold and the answer is the smallest one (a tie goes to "
            "the smallest), not `None`; a loop that starts from `best_f1 = 0` and keeps a candidate only when "
            "`f1 > best_f1` never keeps one: start from `best_f1 = -1.0`",
            diagnosable=False,
        ) from None
    FloatOutput("threshold")(received, metrics.best_threshold(*case.args), case)


BEST_THRESHOLD = Exercise(
    "best_threshold",
    reference=metrics.best_threshold,
    hints=(
        "Try every distinct probability as the threshold t (predict 1 where probability >= t), compute F1 for "
        "each, and return the t with the largest F1; among equal F1 values, the smallest t.",
        "`np.unique(probabilities)` lists the candidates in increasing order. For one t: `predicted = "
        "probabilities >= t`, `tp = np.sum(predicted & (labels == 1))`, and F1 = 2·tp / (predicted.sum() + "
        "positives). Keep a candidate only if its F1 is strictly larger than the best so far.",
        "`best_t, best_f1 = None, -1.0`; `for t in np.unique(p): pred = p >= t; tp = np.sum(pred & (y == 1)); "
        "f1 = 2 * tp / (pred.sum() + np.sum(y == 1)); if f1 > best_f1: best_t, best_f1 = t, f1`; "
        "`return float(best_t)` (with `p, y = np.ravel(probabilities), np.ravel(labels)`).",
    ),
    cases=(
        Case(
            "10 examples: p = [0.18, 0.92, 0.41, 0.32, 0.81, 0.16, 0.71, 0.22, 0.4, 0.26], "
            "labels [0, 1, 0, 0, 0, 0, 1, 1, 0, 1]",
            (
                np.array([0.18, 0.92, 0.41, 0.32, 0.81, 0.16, 0.71, 0.22, 0.4, 0.26]),
                np.array([0, 1, 0, 0, 0, 0, 1, 1, 0, 1]),
            ),
            rtol=0,
            atol=0,
        ),
        Case(
            "the lesson's example: p = [0.1, 0.4, 0.35, 0.8], labels [0, 0, 1, 1]",
            (np.array([0.1, 0.4, 0.35, 0.8]), np.array([0, 0, 1, 1])),
            rtol=0,
            atol=0,
        ),  # fmt: skip
        Case(
            "8 examples: p = [0.95, 0.5, 0.56, 0.61, 0.57, 0.8, 0.26, 0.32], labels [0, 1, 0, 1, 0, 1, 1, 0]",
            (np.array([0.95, 0.5, 0.56, 0.61, 0.57, 0.8, 0.26, 0.32]), np.array([0, 1, 0, 1, 0, 1, 1, 0])),
            rtol=0,
            atol=0,
        ),
        _threshold_case("40 examples, about half positive", 40, 0.5),
        _threshold_case("60 examples, about 1 in 6 positive, rows (1, m)", 60, 0.15, row=True),
        Case(
            "a tie: F1 = 2/3 at t = 0.9 and at t = 0.6; the smaller wins",
            (np.array([0.9, 0.8, 0.7, 0.6, 0.1]), np.array([1, 0, 0, 1, 0])),
            rtol=0,
            atol=0,
        ),
        Case(
            "repeated probabilities: p = [0.2, 0.2, 0.7, 0.7, 0.9], labels [0, 1, 1, 0, 1]",
            (np.array([0.2, 0.2, 0.7, 0.7, 0.9]), np.array([0, 1, 1, 0, 1])),
            rtol=0,
            atol=0,
        ),
        _threshold_case("300 examples, about 1 in 10 positive", 300, 0.1),
    ),
    compare=FloatOutput("threshold"),
    properties=_no_positive_label,
)

EXERCISES = [CONFUSION_MATRIX, PRECISION_RECALL_F1, BEST_THRESHOLD]
