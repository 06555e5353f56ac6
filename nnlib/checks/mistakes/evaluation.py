"""Known mistakes of lesson 16, Evaluating a classifier: `confusion_matrix`, `precision_recall_f1`,
`best_threshold`."""

from __future__ import annotations

import numpy as np

from nnlib.checks.exercise import Mistake

# --- confusion_matrix --------------------------------------------------------


def confusion_transposed(y_true, y_pred, n_classes):
    C = np.zeros((n_classes, n_classes), dtype=int)
    for t, p in zip(np.ravel(y_true), np.ravel(y_pred)):
        C[p, t] += 1
    return C


def confusion_fancy_assignment(y_true, y_pred, n_classes):
    C = np.zeros((n_classes, n_classes), dtype=int)
    C[np.ravel(y_true), np.ravel(y_pred)] += 1
    return C


def confusion_loop_over_rows(y_true, y_pred, n_classes):
    C = np.zeros((n_classes, n_classes), dtype=int)
    for t, p in zip(y_true, y_pred):  # a (1, m) row: one iteration, on whole arrays
        C[t, p] += 1
    return C


def confusion_size_from_labels(y_true, y_pred, n_classes):
    K = max(np.max(y_true), np.max(y_pred)) + 1
    C = np.zeros((K, K), dtype=int)
    for t, p in zip(np.ravel(y_true), np.ravel(y_pred)):
        C[t, p] += 1
    return C


def confusion_fractions(y_true, y_pred, n_classes):
    C = np.zeros((n_classes, n_classes))
    for t, p in zip(np.ravel(y_true), np.ravel(y_pred)):
        C[t, p] += 1
    return C / np.maximum(C.sum(axis=1, keepdims=True), 1)


def confusion_diagonal_only(y_true, y_pred, n_classes):
    C = np.zeros((n_classes, n_classes), dtype=int)
    for t, p in zip(np.ravel(y_true), np.ravel(y_pred)):
        if t == p:
            C[t, t] += 1
    return C


def confusion_errors_only(y_true, y_pred, n_classes):
    C = np.zeros((n_classes, n_classes), dtype=int)
    for t, p in zip(np.ravel(y_true), np.ravel(y_pred)):
        if t != p:
            C[t, p] += 1
    return C


def confusion_off_by_one(y_true, y_pred, n_classes):
    C = np.zeros((n_classes + 1, n_classes + 1), dtype=int)
    for t, p in zip(np.ravel(y_true), np.ravel(y_pred)):
        C[t + 1, p + 1] += 1
    return C


def confusion_list(y_true, y_pred, n_classes):
    C = [[0] * n_classes for _ in range(n_classes)]
    for t, p in zip(np.ravel(y_true), np.ravel(y_pred)):
        C[t][p] += 1
    return C


def confusion_flattens_in_place(y_true, y_pred, n_classes):
    y_true.shape = (-1,)  # reshapes the caller's array
    y_pred.shape = (-1,)
    C = np.zeros((n_classes, n_classes), dtype=int)
    np.add.at(C, (y_true, y_pred), 1)
    return C


def confusion_two_classes(y_true, y_pred, n_classes):
    C = np.zeros((2, 2), dtype=int)
    for t, p in zip(np.ravel(y_true), np.ravel(y_pred)):
        C[t, p] += 1
    return C


def confusion_true_labels_twice(y_true, y_pred, n_classes):
    C = np.zeros((n_classes, n_classes), dtype=int)
    for t, p in zip(np.ravel(y_true), np.ravel(y_true)):
        C[t, p] += 1
    return C


# --- precision_recall_f1 -----------------------------------------------------


def _matrix(y_true, y_pred, n_classes):
    C = np.zeros((n_classes, n_classes))
    np.add.at(C, (np.ravel(y_true), np.ravel(y_pred)), 1)
    return C


def _safe(a, b):
    return np.divide(a, b, out=np.zeros(len(a)), where=b > 0)


def scores_sums_swapped(y_true, y_pred, n_classes):
    C = _matrix(y_true, y_pred, n_classes)
    precision, recall = _safe(np.diag(C), C.sum(axis=1)), _safe(np.diag(C), C.sum(axis=0))
    return precision, recall, _safe(2 * precision * recall, precision + recall)


def scores_returned_in_other_order(y_true, y_pred, n_classes):
    C = _matrix(y_true, y_pred, n_classes)
    precision, recall = _safe(np.diag(C), C.sum(axis=0)), _safe(np.diag(C), C.sum(axis=1))
    return recall, precision, _safe(2 * precision * recall, precision + recall)


def scores_arithmetic_mean(y_true, y_pred, n_classes):
    C = _matrix(y_true, y_pred, n_classes)
    precision, recall = _safe(np.diag(C), C.sum(axis=0)), _safe(np.diag(C), C.sum(axis=1))
    return precision, recall, (precision + recall) / 2


def scores_f1_without_2(y_true, y_pred, n_classes):
    C = _matrix(y_true, y_pred, n_classes)
    precision, recall = _safe(np.diag(C), C.sum(axis=0)), _safe(np.diag(C), C.sum(axis=1))
    return precision, recall, _safe(precision * recall, precision + recall)


def scores_plain_division(y_true, y_pred, n_classes):
    C = _matrix(y_true, y_pred, n_classes)
    precision, recall = np.diag(C) / C.sum(axis=0), np.diag(C) / C.sum(axis=1)
    return precision, recall, 2 * precision * recall / (precision + recall)


def scores_warnings_silenced(y_true, y_pred, n_classes):
    C = _matrix(y_true, y_pred, n_classes)
    with np.errstate(divide="ignore", invalid="ignore"):
        precision, recall = np.diag(C) / C.sum(axis=0), np.diag(C) / C.sum(axis=1)
        return precision, recall, 2 * precision * recall / (precision + recall)


def scores_nan_f1(y_true, y_pred, n_classes):
    C = _matrix(y_true, y_pred, n_classes)
    precision, recall = _safe(np.diag(C), C.sum(axis=0)), _safe(np.diag(C), C.sum(axis=1))
    with np.errstate(invalid="ignore"):
        return precision, recall, 2 * precision * recall / (precision + recall)


def scores_macro(y_true, y_pred, n_classes):
    C = _matrix(y_true, y_pred, n_classes)
    precision, recall = _safe(np.diag(C), C.sum(axis=0)), _safe(np.diag(C), C.sum(axis=1))
    f1 = _safe(2 * precision * recall, precision + recall)
    return float(precision.mean()), float(recall.mean()), float(f1.mean())


def scores_accuracy_everywhere(y_true, y_pred, n_classes):
    accuracy = np.mean(np.ravel(y_true) == np.ravel(y_pred))
    return np.full(n_classes, accuracy), np.full(n_classes, accuracy), np.full(n_classes, accuracy)


def scores_two_outputs(y_true, y_pred, n_classes):
    C = _matrix(y_true, y_pred, n_classes)
    return _safe(np.diag(C), C.sum(axis=0)), _safe(np.diag(C), C.sum(axis=1))


def scores_class_1_only(y_true, y_pred, n_classes):
    y_true, y_pred = np.ravel(y_true), np.ravel(y_pred)
    tp = np.sum((y_pred == 1) & (y_true == 1))
    precision, recall = tp / max(np.sum(y_pred == 1), 1), tp / max(np.sum(y_true == 1), 1)
    return precision, recall, 2 * precision * recall / max(precision + recall, 1e-12)


def scores_classes_from_labels(y_true, y_pred, n_classes):
    K = int(max(np.max(y_true), np.max(y_pred))) + 1
    C = _matrix(y_true, y_pred, K)
    precision, recall = _safe(np.diag(C), C.sum(axis=0)), _safe(np.diag(C), C.sum(axis=1))
    return precision, recall, _safe(2 * precision * recall, precision + recall)


def scores_integer_division(y_true, y_pred, n_classes):
    C = np.zeros((n_classes, n_classes), dtype=int)
    np.add.at(C, (np.ravel(y_true), np.ravel(y_pred)), 1)
    tp = np.diag(C)
    precision, recall = tp // np.maximum(C.sum(axis=0), 1), tp // np.maximum(C.sum(axis=1), 1)
    return precision, recall, 2 * precision * recall // np.maximum(precision + recall, 1)


def scores_divided_by_m(y_true, y_pred, n_classes):
    C = _matrix(y_true, y_pred, n_classes)
    m = C.sum()
    precision, recall = np.diag(C) / m, _safe(np.diag(C), C.sum(axis=1))
    return precision, recall, _safe(2 * precision * recall, precision + recall)


# --- best_threshold ----------------------------------------------------------


def _f1(p, y, t, strict=False):
    predicted = p > t if strict else p >= t
    return 2 * np.sum(predicted & (y == 1)) / (predicted.sum() + np.sum(y == 1))


def threshold_strict(probabilities, labels):
    p, y = np.ravel(probabilities), np.ravel(labels)
    best_t, best_f1 = None, -1.0
    for t in np.unique(p):
        predicted = p > t
        tp = np.sum(predicted & (y == 1))
        f1 = 2 * tp / (predicted.sum() + np.sum(y == 1))
        if f1 > best_f1:
            best_t, best_f1 = t, f1
    return float(best_t)


def threshold_ties_to_largest(probabilities, labels):
    p, y = np.ravel(probabilities), np.ravel(labels)
    best_t, best_f1 = None, -1.0
    for t in np.unique(p):
        f1 = _f1(p, y, t)
        if f1 >= best_f1:
            best_t, best_f1 = t, f1
    return float(best_t)


def threshold_accuracy(probabilities, labels):
    p, y = np.ravel(probabilities), np.ravel(labels)
    candidates = np.unique(p)
    accuracies = [np.mean((p >= t) == (y == 1)) for t in candidates]
    return float(candidates[int(np.argmax(accuracies))])


def threshold_returns_f1(probabilities, labels):
    p, y = np.ravel(probabilities), np.ravel(labels)
    return float(max(_f1(p, y, t) for t in np.unique(p)))


def threshold_grid(probabilities, labels):
    p, y = np.ravel(probabilities), np.ravel(labels)
    grid = np.linspace(0, 1, 101)
    return float(grid[int(np.argmax([_f1(p, y, t) for t in grid]))])


def threshold_index(probabilities, labels):
    p, y = np.ravel(probabilities), np.ravel(labels)
    return int(np.argmax([_f1(p, y, t) for t in np.unique(p)]))


def threshold_half(probabilities, labels):
    return 0.5


def threshold_precision(probabilities, labels):
    p, y = np.ravel(probabilities), np.ravel(labels)
    candidates = np.unique(p)
    precisions = [np.sum((p >= t) & (y == 1)) / np.sum(p >= t) for t in candidates]
    return float(candidates[int(np.argmax(precisions))])


def threshold_recall(probabilities, labels):
    p, y = np.ravel(probabilities), np.ravel(labels)
    candidates = np.unique(p)
    recalls = [np.sum((p >= t) & (y == 1)) / max(np.sum(y == 1), 1) for t in candidates]
    return float(candidates[int(np.argmax(recalls))])


def threshold_arguments_swapped(labels, probabilities):
    p, y = np.ravel(probabilities), np.ravel(labels)
    candidates = np.unique(p)
    return float(candidates[int(np.argmax([_f1(p, y, t) for t in candidates]))])


def threshold_none_without_positives(probabilities, labels):
    p, y = np.ravel(probabilities), np.ravel(labels)
    best_t, best_f1 = None, 0.0
    for t in np.unique(p):
        f1 = _f1(p, y, t)
        if f1 > best_f1:
            best_t, best_f1 = float(t), f1
    return best_t


def threshold_float_of_none(probabilities, labels):
    p, y = np.ravel(probabilities), np.ravel(labels)
    best_t, best_f1 = None, 0.0
    for t in np.unique(p):
        f1 = _f1(p, y, t)
        if f1 > best_f1:
            best_t, best_f1 = t, f1
    return float(best_t)


# Spellings of one mistake (the same output): one cause that names them.
_COUNTED_ONCE = (
    "a repeated (true, predicted) pair is counted only once: `C[y_true, y_pred] += 1` with arrays does not "
    "add up repeats (and a `for` loop over a (1, m) row runs once, on whole rows). Flatten the labels with "
    "`np.ravel` and add one example at a time (or use `np.add.at`)"
)
_SWAPPED = (
    "precision and recall are swapped (the two sums exchanged, or the results returned as recall, precision): "
    "precision divides by the column sum (everything *predicted* as k), recall by the row sum (everything truly "
    "k); return `(precision, recall, f1)`"
)
_NO_WARNING = (
    "a class never predicted (or never present) makes a 0 / 0: report 0.0 there, without a warning, "
    "`np.divide(tp, predicted, out=np.zeros(K), where=predicted > 0)`"
)

MISTAKES = {
    "confusion_matrix": (
        Mistake(
            confusion_transposed,
            "rows and columns are swapped: the rows are the *true* classes, the columns the predicted ones, "
            "`C[true, predicted]`",
        ),
        Mistake(confusion_fancy_assignment, _COUNTED_ONCE),
        Mistake(confusion_loop_over_rows, _COUNTED_ONCE),
        Mistake(
            confusion_size_from_labels,
            "the size comes from the largest label seen, not from `n_classes`: classes that do not appear still "
            "need their row and column",
        ),
        Mistake(confusion_fractions, "these are fractions of each row; the confusion matrix holds counts"),
        Mistake(
            confusion_diagonal_only,
            "only the right predictions are counted: every example adds 1 at `C[true, predicted]`, the wrong "
            "ones too (they are the entries off the diagonal)",
        ),
        Mistake(
            confusion_errors_only,
            "only the wrong predictions are counted: the right ones belong on the diagonal, `C[k, k]`",
        ),
        Mistake(
            confusion_off_by_one,
            "the labels are shifted by one: class k is row and column k (counting from 0), `C[t, p]`, not "
            "`C[t + 1, p + 1]`, and the matrix is (n_classes, n_classes)",
        ),
        Mistake(
            confusion_list,
            "a list of lists: start from the array `np.zeros((n_classes, n_classes), dtype=int)` and return it",
        ),
        Mistake(confusion_flattens_in_place, "changed its argument `y_true` in place", shown_by="mutation"),
        Mistake(confusion_two_classes, "IndexError", shown_by="raises", outcome="your code raised"),
        Mistake(
            confusion_true_labels_twice,
            "both indices come from `y_true`, so every example lands on the diagonal: the column is the "
            "*predicted* class, `zip(np.ravel(y_true), np.ravel(y_pred))`",
        ),
    ),
    "precision_recall_f1": (
        Mistake(scores_sums_swapped, _SWAPPED),
        Mistake(scores_returned_in_other_order, _SWAPPED),
        Mistake(
            scores_arithmetic_mean,
            "F1 is the *harmonic* mean 2PR / (P + R), not the average (P + R) / 2",
        ),
        Mistake(scores_f1_without_2, "F1 is 2PR / (P + R): the factor 2 is missing"),
        Mistake(scores_plain_division, _NO_WARNING, shown_by="warning", says="a class never predicted"),
        Mistake(
            scores_warnings_silenced,
            "a zero denominator gives nan (silencing the warning does not remove it): a class never predicted "
            "(or never present) gets 0.0, e.g. `np.divide(tp, predicted, out=np.zeros(K), where=predicted > 0)`",
        ),
        Mistake(
            scores_nan_f1,
            "precision and recall are right, but F1 is 0 / 0 = nan where both are 0: report 0.0 there, "
            "`np.divide(2 * precision * recall, total, out=np.zeros(K), where=total > 0)`",
        ),
        Mistake(
            scores_macro,
            "these are averages over the classes (macro scores); return each class's value, three arrays of shape (K,)",
        ),
        Mistake(
            scores_accuracy_everywhere,
            "this is the accuracy, repeated for every class; precision and recall of class k come from column k "
            "and row k of the confusion matrix",
        ),
        Mistake(scores_two_outputs, "F1 is missing: return all three, `precision, recall, f1`"),
        Mistake(
            scores_class_1_only,
            "these are the scores of class 1 alone (the yes/no case); compute them for every class k = 0 .. K − 1, "
            "as arrays of shape (K,)",
        ),
        Mistake(
            scores_classes_from_labels,
            "the number of classes comes from the largest label seen, not from `n_classes`: a class that does not "
            "appear still gets its (0.0) scores",
        ),
        Mistake(
            scores_integer_division,
            "`//` is integer division (3 // 4 is 0): divide with `/` (or `np.divide`), which gives floats",
        ),
        Mistake(
            scores_divided_by_m,
            "precision divides the true positives by m, every example; it divides by the number *predicted* as "
            "k, the column sum `C.sum(axis=0)`",
        ),
    ),
    "best_threshold": (
        Mistake(
            threshold_strict,
            "`probabilities > t` leaves out the examples at exactly t: predict 1 where `probabilities >= t`",
        ),
        Mistake(
            threshold_ties_to_largest,
            "among thresholds with equal F1 the smallest must win: keep a new candidate only when its F1 is "
            "strictly larger (`>`, not `>=`), going through the candidates in increasing order",
        ),
        Mistake(threshold_accuracy, "this threshold maximises the accuracy; the exercise asks for the largest F1"),
        Mistake(threshold_returns_f1, "this is the best F1 value itself; return the threshold that reaches it"),
        Mistake(
            threshold_grid,
            "the candidates are a grid of thresholds; the exercise's candidates are the distinct probabilities, "
            "`np.unique(probabilities)`, and the answer is one of them",
        ),
        Mistake(
            threshold_index,
            "this is the best threshold's position among the candidates; return the threshold itself, "
            "`candidates[index]`",
        ),
        Mistake(
            threshold_half,
            "0.5 is the default threshold; the exercise asks for the one with the largest F1 on these data",
        ),
        Mistake(
            threshold_precision,
            "this threshold maximises the precision (a high threshold flags few examples, all sure ones); the "
            "exercise asks for the largest F1, which weighs precision and recall together",
        ),
        Mistake(
            threshold_recall,
            "this threshold maximises the recall (the smallest threshold flags every example); the exercise asks "
            "for the largest F1, which weighs precision and recall together",
        ),
        Mistake(
            threshold_arguments_swapped,
            "the arguments are taken in the wrong order: the function is `best_threshold(probabilities, labels)`",
        ),
        Mistake(
            threshold_none_without_positives,
            "no label is 1, so F1 is 0 at every threshold",
            shown_by="property",
        ),
        Mistake(threshold_float_of_none, "NoneType", shown_by="raises", outcome="your code raised"),
    ),
}
