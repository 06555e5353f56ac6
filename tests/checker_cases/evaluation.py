"""Lesson 16: confusion_matrix, precision_recall_f1, best_threshold: right answers written differently.

The wrong answers are in the catalogue, nnlib/checks/mistakes/evaluation.py.
"""

import numpy as np


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


def scores_nan_to_num(y_true, y_pred, n_classes):
    y_true, y_pred = np.ravel(y_true), np.ravel(y_pred)
    classes = np.arange(n_classes)[:, None]
    tp = np.sum((y_pred == classes) & (y_true == classes), axis=1)
    predicted, actual = np.sum(y_pred == classes, axis=1), np.sum(y_true == classes, axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.nan_to_num(tp / predicted)
        recall = np.nan_to_num(tp / actual)
        f1 = np.nan_to_num(2 * precision * recall / (precision + recall))
    return precision, recall, f1


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


def threshold_broadcast(probabilities, labels):
    p, y = np.ravel(probabilities), np.ravel(labels) == 1
    candidates = np.sort(np.unique(p))
    predicted = p[None, :] >= candidates[:, None]
    f1 = 2 * (predicted & y).sum(axis=1) / (predicted.sum(axis=1) + y.sum())
    return float(candidates[np.argmax(f1)])


CORRECT = {
    "confusion_matrix": [confusion_textbook, confusion_add_at, confusion_bincount],
    "precision_recall_f1": [scores_textbook, scores_from_matrix, scores_nan_to_num],
    "best_threshold": [threshold_textbook, threshold_via_precision_recall, threshold_broadcast],
}
