"""Classification metrics: accuracy, confusion matrix, precision, recall, F1.

Introduced in: part 1's first network (accuracy); the evaluation lesson on
the handwritten digits (confusion matrix, precision, recall, F1, report).

Labels are class indices ``0 .. K-1``, given either as a row of shape
``(1, m)`` (one column per example, like ``Y`` everywhere in the course) or
as a vector of shape ``(m,)``; both give the same results. Any integer or
boolean dtype works, and so does a float array whose values are whole
numbers. One-hot labels of shape ``(K, m)`` must first be turned into
indices with ``Y.argmax(axis=0)``.

One truth: precision, recall and F1 are all read off the confusion matrix
``C`` (rows = true class, columns = predicted class)::

    TP_k = C[k, k]    predicted_k = sum over column k    support_k = sum over row k
    precision_k = TP_k / predicted_k      recall_k = TP_k / support_k
    F1_k = 2 * precision_k * recall_k / (precision_k + recall_k)

A ratio whose denominator is 0 (a class never predicted, never present, or
with precision and recall both 0) is reported as 0.0, without a warning.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Callable, NamedTuple

import numpy as np

from nnlib._validation import as_float_array, as_labels, check_choice, check_positive, checked

__all__ = [
    "accuracy",
    "confusion_matrix",
    "precision",
    "recall",
    "f1_score",
    "classification_report",
    "METRICS",
    "get_metric",
    "precision_recall_f1",
    "best_threshold",
]

AVERAGES = ("binary", "macro", None)


def _check_pair(y_true, y_pred) -> tuple[np.ndarray, np.ndarray]:
    """Both label arrays as int64 vectors of the same length ``m``."""
    true = as_labels(y_true, "y_true")
    pred = as_labels(y_pred, "y_pred")
    if true.size != pred.size:
        raise ValueError(
            "y_true and y_pred must hold the same number of examples, "
            f"got y_true.shape={np.shape(y_true)} and y_pred.shape={np.shape(y_pred)}"
        )
    return true, pred


def accuracy(y_true, y_pred) -> float:
    """Fraction of examples whose predicted class equals the true class.

    ``accuracy = mean(y_pred == y_true)``

    Parameters
    ----------
    y_true : int array of shape (1, m) or (m,), the true class indices
    y_pred : int array of shape (1, m) or (m,), the predicted class indices

    Returns
    -------
    accuracy : float in [0, 1]
    """
    true, pred = _check_pair(y_true, y_pred)
    return float(np.mean(true == pred))


def _confusion(true: np.ndarray, pred: np.ndarray, n_classes: int) -> np.ndarray:
    """Count each (true, predicted) pair: one ``bincount`` over ``true * K + pred``."""
    counts = np.bincount(true * n_classes + pred, minlength=n_classes * n_classes)
    return counts.reshape(n_classes, n_classes).astype(np.int64, copy=False)


def _check_labels(arguments: dict) -> None:
    """``y_true`` and ``y_pred`` as int64 vectors (m,); ``n_classes``, when given, above every label."""
    arguments["y_true"], arguments["y_pred"] = true, pred = _check_pair(arguments["y_true"], arguments["y_pred"])
    n_classes = arguments["n_classes"]
    if n_classes is not None:
        check_positive(n_classes, "n_classes", integer=True)
        seen = 1 + int(max(true.max(), pred.max()))
        if seen > n_classes:
            raise ValueError(
                f"n_classes={n_classes} but the labels go up to {seen - 1}; labels must lie in 0..{n_classes - 1}"
            )
        arguments["n_classes"] = int(n_classes)


@checked(_check_labels)
def confusion_matrix(y_true, y_pred, n_classes: int | None = None) -> np.ndarray:
    """Count how often each true class is predicted as each class.

    ``C[i, j]`` = number of examples of true class ``i`` predicted as class ``j``;
    the diagonal holds the correct predictions.

    Parameters
    ----------
    y_true : int array of shape (1, m) or (m,), the true class indices
    y_pred : int array of shape (1, m) or (m,), the predicted class indices
    n_classes : int, optional
        ``K``; by default 1 + the largest label in ``y_true`` or ``y_pred``.
        Give it to include classes that happen to be missing from both.

    Returns
    -------
    C : int64 array of shape (K, K), rows = true class, columns = predicted class
    """
    if n_classes is None:
        n_classes = 1 + int(max(y_true.max(), y_pred.max()))
    return _confusion(y_true, y_pred, n_classes)


def _safe_divide(numerator, denominator) -> np.ndarray:
    """``numerator / denominator`` elementwise, 0.0 where the denominator is 0."""
    out = np.zeros(np.shape(numerator), dtype=np.float64)
    np.divide(numerator, denominator, out=out, where=denominator != 0)
    return out


class _Scores(NamedTuple):
    precision: np.ndarray  # (K,)
    recall: np.ndarray  # (K,)
    f1: np.ndarray  # (K,)
    support: np.ndarray  # (K,) true examples per class


def _per_class(C: np.ndarray) -> _Scores:
    """Precision, recall, F1 and support of every class, read off ``C`` (K, K)."""
    true_positives = np.diag(C)
    support = C.sum(axis=1)
    precision_ = _safe_divide(true_positives, C.sum(axis=0))
    recall_ = _safe_divide(true_positives, support)
    f1 = _safe_divide(2 * precision_ * recall_, precision_ + recall_)
    return _Scores(precision_, recall_, f1, support)


def _score(which: str, y_true, y_pred, average, n_classes):
    """One of precision / recall / f1, averaged as asked ("auto": binary for 0/1 labels)."""
    C = confusion_matrix(y_true, y_pred, n_classes)
    present = np.flatnonzero(C.sum(axis=0) + C.sum(axis=1))
    if average == "auto":
        average = "binary" if present.max() <= 1 else "macro"
    values = getattr(_per_class(C), which)
    if average is None:
        return values
    if average == "macro":
        return float(values.mean())
    if present.max() > 1:
        raise ValueError(
            "average='binary' scores class 1 (positive) against class 0, but the labels "
            f"hold the classes {present.tolist()}; use average='macro' for the mean over "
            "classes or average=None for one value per class"
        )
    return float(values[1]) if values.size > 1 else 0.0


_AVERAGE_DOC = """
    Parameters
    ----------
    y_true : int array of shape (1, m) or (m,), the true class indices
    y_pred : int array of shape (1, m) or (m,), the predicted class indices
    average : {"binary", "macro", None}
        "binary": the value for class 1 (labels must be 0 and 1);
        "macro": the unweighted mean over the K classes;
        None: one value per class.
    n_classes : int, optional
        ``K``; by default 1 + the largest label seen. A class missing from
        both ``y_true`` and ``y_pred`` scores 0.0 and still counts in "macro".

    Returns
    -------
    float, or array of shape (K,) when ``average`` is None
        A class whose denominator is 0 gets 0.0 (no warning).
"""


def precision(y_true, y_pred, average: str | None = "binary", n_classes: int | None = None):
    """Of the examples predicted as class k, the fraction that truly are k.

    ``precision_k = TP_k / (TP_k + FP_k) = C[k, k] / C[:, k].sum()``
    """
    check_choice(average, "average", AVERAGES)
    return _score("precision", y_true, y_pred, average, n_classes)


def recall(y_true, y_pred, average: str | None = "binary", n_classes: int | None = None):
    """Of the examples of true class k, the fraction predicted as k.

    ``recall_k = TP_k / (TP_k + FN_k) = C[k, k] / C[k, :].sum()``
    """
    check_choice(average, "average", AVERAGES)
    return _score("recall", y_true, y_pred, average, n_classes)


def f1_score(y_true, y_pred, average: str | None = "binary", n_classes: int | None = None):
    """Harmonic mean of precision and recall, per class.

    ``F1_k = 2 * precision_k * recall_k / (precision_k + recall_k)``
    (with "macro", the mean of the per-class F1 values).
    """
    check_choice(average, "average", AVERAGES)
    return _score("f1", y_true, y_pred, average, n_classes)


for _function in (precision, recall, f1_score):
    if _function.__doc__:  # None under python -OO
        _function.__doc__ += _AVERAGE_DOC
del _function


def classification_report(y_true, y_pred, class_names=None) -> str:
    """A text table of per-class precision, recall, F1 and support.

    Below the classes come the accuracy and the macro average (the plain
    mean of each column, support = m). Numbers have 3 decimals.

    Parameters
    ----------
    y_true : int array of shape (1, m) or (m,), the true class indices
    y_pred : int array of shape (1, m) or (m,), the predicted class indices
    class_names : sequence of K str, optional
        Row names, class ``k`` is ``class_names[k]``; by default "0", "1", ...
        When given, all ``K = len(class_names)`` classes get a row.

    Returns
    -------
    report : str, ready to ``print``
    """
    true, pred = _check_pair(y_true, y_pred)
    n_classes = 1 + int(max(true.max(), pred.max()))
    if class_names is None:
        names = [str(k) for k in range(n_classes)]
    else:
        if isinstance(class_names, (str, bytes, Mapping)) or not hasattr(class_names, "__len__"):
            raise TypeError(f"class_names must be a list of names, one per class, got {type(class_names).__name__}")
        names = [str(name) for name in class_names]
        if len(names) < n_classes:
            raise ValueError(
                f"class_names has {len(names)} names but the labels go up to {n_classes - 1} ({n_classes} classes)"
            )
        n_classes = len(names)
    scores = _per_class(_confusion(true, pred, n_classes))

    width = max(len("macro avg"), *(len(name) for name in names))
    columns = ("precision", "recall", "f1-score", "support")
    lines = [" " * width + "".join(f"{column:>11}" for column in columns)]
    for k, name in enumerate(names):
        values = (scores.precision[k], scores.recall[k], scores.f1[k])
        lines.append(f"{name:<{width}}" + "".join(f"{v:11.3f}" for v in values) + f"{scores.support[k]:11d}")
    lines.append("")
    lines.append(f"{'accuracy':<{width}}" + " " * 22 + f"{accuracy(true, pred):11.3f}{true.size:11d}")
    means = (scores.precision.mean(), scores.recall.mean(), scores.f1.mean())
    lines.append(f"{'macro avg':<{width}}" + "".join(f"{v:11.3f}" for v in means) + f"{true.size:11d}")
    return "\n".join(lines)


def _auto_averaged(which: str) -> Callable[[np.ndarray, np.ndarray], float]:
    """``which`` as a ``(y_true, y_pred) -> float`` metric: binary for 0/1 labels, else macro."""

    def metric(y_true, y_pred) -> float:
        return _score(which, y_true, y_pred, "auto", None)

    metric.__name__ = metric.__qualname__ = which
    metric.__doc__ = f"{which} of class 1 when the labels are 0/1, else its macro average over classes."
    return metric


METRICS: dict[str, Callable[[np.ndarray, np.ndarray], float]] = {
    "accuracy": accuracy,
    "precision": _auto_averaged("precision"),
    "recall": _auto_averaged("recall"),
    "f1": _auto_averaged("f1"),
}


def get_metric(name: str | Callable) -> Callable[[np.ndarray, np.ndarray], float]:
    """Look up a metric ``(y_true, y_pred) -> float`` by name; a callable passes through.

    Precision, recall and F1 from the registry score class 1 when only labels
    0 and 1 occur, and take the macro average otherwise, so a training loop
    can log them for any classification task. An unknown name lists the
    valid ones.
    """
    if callable(name):
        return name
    return METRICS[check_choice(name, "metric", METRICS)]


def precision_recall_f1(y_true, y_pred, n_classes: int | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Precision, recall and F1 of every class, read off the confusion matrix.

    ``precision_k = C[k, k] / C[:, k].sum()``, ``recall_k = C[k, k] / C[k, :].sum()``,
    ``F1_k = 2 * precision_k * recall_k / (precision_k + recall_k)``; a ratio
    whose denominator is 0 is 0.0 (no warning).

    Introduced in: lesson 16 (evaluating a classifier).

    Parameters
    ----------
    y_true : int array of shape (1, m) or (m,), the true class indices
    y_pred : int array of shape (1, m) or (m,), the predicted class indices
    n_classes : int K, optional; by default 1 + the largest label seen

    Returns
    -------
    precision, recall, f1 : float64 arrays of shape (K,)
    """
    scores = _per_class(confusion_matrix(y_true, y_pred, n_classes))
    return scores.precision, scores.recall, scores.f1


def _check_scores(arguments: dict) -> None:
    """``probabilities`` as a float vector (m,), ``labels`` as an int64 vector of 0s and 1s (m,)."""
    probabilities, labels = arguments["probabilities"], arguments["labels"]
    p = as_float_array(probabilities, "probabilities").ravel()
    y = as_labels(labels, "labels")
    if p.size != y.size:
        raise ValueError(
            f"probabilities and labels must hold the same number of examples, got shapes "
            f"{np.shape(probabilities)} and {np.shape(labels)}"
        )
    if y.size and y.max() > 1:
        raise ValueError(f"labels must be 0 or 1, got a label {y.max()}")
    arguments["probabilities"], arguments["labels"] = p, y


@checked(_check_scores)
def best_threshold(probabilities, labels) -> float:
    """The decision threshold that maximises F1 of class 1 on the given (validation) data.

    The candidates are the distinct values in ``probabilities``; at threshold
    ``t`` an example is predicted positive when ``probability >= t``. Between
    two neighbouring candidates the predictions do not change, so no other
    threshold does better. F1 is ``2 TP / (2 TP + FP + FN)`` (0.0 when there
    is no true positive). Ties go to the **smallest** threshold.

    Introduced in: lesson 16 (evaluating a classifier).

    Parameters
    ----------
    probabilities : float array of shape (1, m) or (m,), predicted P(y = 1)
    labels : array of the same size, true labels 0 or 1

    Returns
    -------
    threshold : float, one of the values in ``probabilities``
    """
    p, y = probabilities, labels
    thresholds = np.unique(p)  # ascending
    predicted = p.size - np.searchsorted(np.sort(p), thresholds, side="left")  # count of p >= t
    positives = np.sort(p[y == 1])
    true_positives = positives.size - np.searchsorted(positives, thresholds, side="left")
    f1 = 2 * true_positives / (predicted + positives.size)  # = 2 TP / (2 TP + FP + FN); predicted >= 1
    return float(thresholds[np.argmax(f1)])  # argmax: the first, i.e. smallest, of equal values
