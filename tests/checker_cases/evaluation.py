"""Lesson 16: confusion_matrix, precision_recall_f1, best_threshold."""

import numpy as np

from checker_cases.types import Cases, Wrong


def confusion_textbook(y_true, y_pred, n_classes):
    C = np.zeros((n_classes, n_classes), dtype=int)
    for t, p in zip(np.ravel(y_true), np.ravel(y_pred)):
        C[t, p] += 1
    return C


def confusion_add_at(y_true, y_pred, n_classes):
    C = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(C, (np.ravel(y_true), np.ravel(y_pred)), 1)
    return C


def confusion_bincount(y_true, y_pred, n_classes):
    index = np.ravel(y_true) * n_classes + np.ravel(y_pred)
    return np.bincount(index, minlength=n_classes**2).reshape(n_classes, n_classes)


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
    C = confusion_textbook(y_true, y_pred, n_classes).astype(float)
    return C / np.maximum(C.sum(axis=1, keepdims=True), 1)


def confusion_diagonal_only(y_true, y_pred, n_classes):
    C = np.zeros((n_classes, n_classes), dtype=int)
    for t, p in zip(np.ravel(y_true), np.ravel(y_pred)):
        if t == p:
            C[t, t] += 1
    return C


def confusion_off_by_one(y_true, y_pred, n_classes):
    C = np.zeros((n_classes + 1, n_classes + 1), dtype=int)
    for t, p in zip(np.ravel(y_true), np.ravel(y_pred)):
        C[t + 1, p + 1] += 1
    return C


def confusion_list(y_true, y_pred, n_classes):
    return confusion_textbook(y_true, y_pred, n_classes).tolist()


def confusion_counts_only_errors(y_true, y_pred, n_classes):
    C = np.zeros((n_classes, n_classes), dtype=int)
    for t, p in zip(np.ravel(y_true), np.ravel(y_pred)):
        if t != p:
            C[t, p] += 1
    return C


def scores_textbook(y_true, y_pred, n_classes):
    y_true, y_pred = np.ravel(y_true), np.ravel(y_pred)
    precision, recall, f1 = np.zeros(n_classes), np.zeros(n_classes), np.zeros(n_classes)
    for k in range(n_classes):
        tp = np.sum((y_pred == k) & (y_true == k))
        fp = np.sum((y_pred == k) & (y_true != k))
        fn = np.sum((y_pred != k) & (y_true == k))
        precision[k] = tp / (tp + fp) if tp + fp > 0 else 0.0
        recall[k] = tp / (tp + fn) if tp + fn > 0 else 0.0
        f1[k] = 2 * precision[k] * recall[k] / (precision[k] + recall[k]) if precision[k] + recall[k] > 0 else 0.0
    return precision, recall, f1


def scores_from_matrix(y_true, y_pred, n_classes):
    C = np.zeros((n_classes, n_classes))
    np.add.at(C, (np.ravel(y_true), np.ravel(y_pred)), 1)
    tp = np.diag(C)
    predicted, actual = C.sum(axis=0), C.sum(axis=1)
    precision = np.divide(tp, predicted, out=np.zeros(n_classes), where=predicted > 0)
    recall = np.divide(tp, actual, out=np.zeros(n_classes), where=actual > 0)
    f1 = np.divide(2 * tp, predicted + actual, out=np.zeros(n_classes), where=predicted + actual > 0)
    return precision, recall, f1


def _matrix(y_true, y_pred, n_classes):
    C = np.zeros((n_classes, n_classes))
    np.add.at(C, (np.ravel(y_true), np.ravel(y_pred)), 1)
    return C


def _safe(a, b):
    return np.divide(a, b, out=np.zeros(len(a)), where=b > 0)


def scores_swapped(y_true, y_pred, n_classes):
    C = _matrix(y_true, y_pred, n_classes)
    precision, recall = _safe(np.diag(C), C.sum(axis=1)), _safe(np.diag(C), C.sum(axis=0))
    return precision, recall, _safe(2 * precision * recall, precision + recall)


def scores_arithmetic_mean(y_true, y_pred, n_classes):
    C = _matrix(y_true, y_pred, n_classes)
    precision, recall = _safe(np.diag(C), C.sum(axis=0)), _safe(np.diag(C), C.sum(axis=1))
    return precision, recall, (precision + recall) / 2


def scores_nan(y_true, y_pred, n_classes):
    C = _matrix(y_true, y_pred, n_classes)
    precision, recall = np.diag(C) / C.sum(axis=0), np.diag(C) / C.sum(axis=1)
    return precision, recall, 2 * precision * recall / (precision + recall)


def scores_nan_f1(y_true, y_pred, n_classes):
    C = _matrix(y_true, y_pred, n_classes)
    precision, recall = _safe(np.diag(C), C.sum(axis=0)), _safe(np.diag(C), C.sum(axis=1))
    with np.errstate(invalid="ignore"):
        return precision, recall, 2 * precision * recall / (precision + recall)


def scores_macro(y_true, y_pred, n_classes):
    precision, recall, f1 = scores_from_matrix(y_true, y_pred, n_classes)
    return float(precision.mean()), float(recall.mean()), float(f1.mean())


def scores_accuracy_everywhere(y_true, y_pred, n_classes):
    accuracy = np.mean(np.ravel(y_true) == np.ravel(y_pred))
    return np.full(n_classes, accuracy), np.full(n_classes, accuracy), np.full(n_classes, accuracy)


def scores_order(y_true, y_pred, n_classes):
    precision, recall, f1 = scores_from_matrix(y_true, y_pred, n_classes)
    return recall, precision, f1


def scores_two_outputs(y_true, y_pred, n_classes):
    return scores_from_matrix(y_true, y_pred, n_classes)[:2]


def scores_one_class(y_true, y_pred, n_classes):
    y_true, y_pred = np.ravel(y_true), np.ravel(y_pred)
    tp = np.sum((y_pred == 1) & (y_true == 1))
    precision, recall = tp / max(np.sum(y_pred == 1), 1), tp / max(np.sum(y_true == 1), 1)
    return precision, recall, 2 * precision * recall / max(precision + recall, 1e-12)


def threshold_textbook(probabilities, labels):
    p, y = np.ravel(probabilities), np.ravel(labels)
    best_t, best_f1 = None, -1.0
    for t in np.unique(p):
        predicted = p >= t
        tp = np.sum(predicted & (y == 1))
        f1 = 2 * tp / (predicted.sum() + np.sum(y == 1))
        if f1 > best_f1:
            best_t, best_f1 = t, f1
    return float(best_t)


def threshold_via_precision_recall(probabilities, labels):
    p, y = np.ravel(probabilities), np.ravel(labels)
    scores = []
    for t in np.unique(p):
        predicted = p >= t
        tp = np.sum(predicted & (y == 1))
        precision = tp / predicted.sum()
        recall = tp / max(np.sum(y == 1), 1)
        scores.append(0.0 if tp == 0 else 2 * precision * recall / (precision + recall))
    return float(np.unique(p)[int(np.argmax(scores))])


def _threshold_loop(probabilities, labels, strict=False, keep_ties=False, candidates=None):
    """The textbook loop with a learner's change: `>` for `>=`, `>=` for `>` on F1, or other candidates."""
    p, y = np.ravel(probabilities), np.ravel(labels)
    best_t, best_f1 = 0.5, -1.0
    for t in np.unique(p) if candidates is None else candidates:
        predicted = p > t if strict else p >= t
        tp = np.sum(predicted & (y == 1))
        f1 = 2 * tp / (predicted.sum() + np.sum(y == 1))
        if f1 > best_f1 or (keep_ties and f1 == best_f1):
            best_t, best_f1 = t, f1
    return float(best_t)


def threshold_strict(probabilities, labels):
    return _threshold_loop(probabilities, labels, strict=True)


def threshold_ties_to_largest(probabilities, labels):
    return _threshold_loop(probabilities, labels, keep_ties=True)


def threshold_accuracy(probabilities, labels):
    p, y = np.ravel(probabilities), np.ravel(labels)
    candidates = np.unique(p)
    accuracies = [np.mean((p >= t) == (y == 1)) for t in candidates]
    return float(candidates[int(np.argmax(accuracies))])


def threshold_returns_f1(probabilities, labels):
    p, y = np.ravel(probabilities), np.ravel(labels)
    return float(max(2 * np.sum((p >= t) & (y == 1)) / (np.sum(p >= t) + np.sum(y == 1)) for t in np.unique(p)))


def threshold_grid(probabilities, labels):
    return _threshold_loop(probabilities, labels, candidates=np.linspace(0, 1, 101))


def threshold_index(probabilities, labels):
    p, y = np.ravel(probabilities), np.ravel(labels)
    f1 = [2 * np.sum((p >= t) & (y == 1)) / (np.sum(p >= t) + np.sum(y == 1)) for t in np.unique(p)]
    return int(np.argmax(f1))


def threshold_half(probabilities, labels):
    return 0.5


def threshold_precision(probabilities, labels):
    p, y = np.ravel(probabilities), np.ravel(labels)
    candidates = np.unique(p)
    precisions = [np.sum((p >= t) & (y == 1)) / np.sum(p >= t) for t in candidates]
    return float(candidates[int(np.argmax(precisions))])


CASES = {
    "confusion_matrix": Cases(
        [confusion_textbook, confusion_add_at, confusion_bincount],
        [
            Wrong("rows are predictions", confusion_transposed, "rows and columns are swapped"),
            Wrong("fancy-index += 1", confusion_fancy_assignment, "counted only once"),
            Wrong("a loop over (1, m) rows", confusion_loop_over_rows, "counted only once"),
            Wrong("size from the labels", confusion_size_from_labels, "classes that do not appear"),
            Wrong("fractions", confusion_fractions, "the confusion matrix holds counts"),
            Wrong("the diagonal only", confusion_diagonal_only, "entries are wrong"),
            Wrong("the errors only", confusion_counts_only_errors, "entries are wrong"),
            Wrong("labels shifted by one", confusion_off_by_one, "must have shape (2, 2)"),
            Wrong("a list of lists", confusion_list, "not a Python list"),
        ],
    ),
    "precision_recall_f1": Cases(
        [scores_textbook, scores_from_matrix],
        [
            Wrong("precision and recall swapped", scores_swapped, "precision and recall are swapped"),
            Wrong("arithmetic mean", scores_arithmetic_mean, "the *harmonic* mean"),
            Wrong("nan for 0 / 0", scores_nan, "a zero denominator gives nan"),
            Wrong("nan F1 only", scores_nan_f1, "`f1` contains NaN"),
            Wrong("macro averages", scores_macro, "must be an array with one value per class"),
            Wrong("accuracy everywhere", scores_accuracy_everywhere, "entries are wrong"),
            Wrong("recall returned first", scores_order, "precision and recall are swapped"),
            Wrong("two outputs", scores_two_outputs, "must return 3"),
            Wrong("class 1 only", scores_one_class, "must be an array with one value per class"),
        ],
    ),
    "best_threshold": Cases(
        [threshold_textbook, threshold_via_precision_recall],
        [
            Wrong("> instead of >=", threshold_strict, "leaves out the examples at exactly t"),
            Wrong("ties to the largest", threshold_ties_to_largest, "the smallest must win"),
            Wrong("maximises accuracy", threshold_accuracy, "maximises the accuracy"),
            Wrong("returns the F1", threshold_returns_f1, "this is the best F1 value itself"),
            Wrong("a grid of 101 thresholds", threshold_grid, "`threshold` has the wrong value"),
            Wrong("returns the index", threshold_index, "`threshold` has the wrong value"),
            Wrong("always 0.5", threshold_half, "`threshold` has the wrong value"),
            Wrong("maximises precision", threshold_precision, "`threshold` has the wrong value"),
        ],
    ),
}
