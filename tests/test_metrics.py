"""Metrics: hand-worked binary numbers, a 3-class case against a brute-force loop,
zero divisions, label layouts, and the registry."""

import numpy as np
import pytest

from nnlib.metrics import (
    METRICS,
    accuracy,
    classification_report,
    confusion_matrix,
    f1_score,
    get_metric,
    precision,
    recall,
)

# 10 examples. Positives (1) at positions 0-3; predicted 1 at positions 0, 1, 4, 5, 6.
#   TP = 2 (0, 1)   FN = 2 (2, 3)   FP = 3 (4, 5, 6)   TN = 3 (7, 8, 9)
Y_TRUE = np.array([[1, 1, 1, 1, 0, 0, 0, 0, 0, 0]])
Y_PRED = np.array([[1, 1, 0, 0, 1, 1, 1, 0, 0, 0]])


def test_binary_case_by_hand():
    assert accuracy(Y_TRUE, Y_PRED) == pytest.approx(0.5)  # (TP + TN) / 10
    np.testing.assert_array_equal(confusion_matrix(Y_TRUE, Y_PRED), [[3, 3], [2, 2]])
    assert precision(Y_TRUE, Y_PRED) == pytest.approx(2 / 5)  # TP / (TP + FP)
    assert recall(Y_TRUE, Y_PRED) == pytest.approx(2 / 4)  # TP / (TP + FN)
    assert f1_score(Y_TRUE, Y_PRED) == pytest.approx(2 * 0.4 * 0.5 / 0.9)
    assert type(precision(Y_TRUE, Y_PRED)) is float


def test_three_classes_against_a_brute_force_loop():
    rng = np.random.default_rng(0)
    y_true = rng.integers(0, 3, 200)
    y_pred = np.where(rng.random(200) < 0.7, y_true, rng.integers(0, 3, 200))
    for k in range(3):
        tp = sum(1 for t, p in zip(y_true, y_pred) if t == k and p == k)
        predicted = sum(1 for p in y_pred if p == k)
        actual = sum(1 for t in y_true if t == k)
        expected_p, expected_r = tp / predicted, tp / actual
        assert precision(y_true, y_pred, average=None)[k] == pytest.approx(expected_p)
        assert recall(y_true, y_pred, average=None)[k] == pytest.approx(expected_r)
        assert f1_score(y_true, y_pred, average=None)[k] == pytest.approx(
            2 * expected_p * expected_r / (expected_p + expected_r))
    assert precision(y_true, y_pred, average="macro") == pytest.approx(precision(y_true, y_pred, average=None).mean())
    C = confusion_matrix(y_true, y_pred)
    for i in range(3):
        for j in range(3):
            assert C[i, j] == sum(1 for t, p in zip(y_true, y_pred) if t == i and p == j)


def test_undefined_ratios_are_zero_and_silent():
    # class 1 never predicted (precision 0/0) and class 2 never present (recall 0/0)
    y_true, y_pred = np.array([0, 1, 0]), np.array([0, 0, 2])
    np.testing.assert_array_equal(precision(y_true, y_pred, average=None), [0.5, 0.0, 0.0])
    np.testing.assert_array_equal(recall(y_true, y_pred, average=None), [0.5, 0.0, 0.0])
    np.testing.assert_array_equal(f1_score(y_true, y_pred, average=None), [0.5, 0.0, 0.0])
    assert precision(np.array([1, 1]), np.array([0, 0])) == 0.0


def test_rows_vectors_and_whole_number_floats_agree():
    assert accuracy(Y_TRUE, Y_PRED) == accuracy(Y_TRUE[0], Y_PRED[0].astype(float))
    assert f1_score(Y_TRUE, Y_PRED) == f1_score(Y_TRUE[0], Y_PRED[0])


def test_n_classes_adds_missing_classes():
    C = confusion_matrix([0, 1], [0, 1], n_classes=4)
    assert C.shape == (4, 4) and C.sum() == 2
    with pytest.raises(ValueError, match="n_classes=2 but the labels go up to 3"):
        confusion_matrix([0, 3], [0, 1], n_classes=2)


def test_binary_average_refuses_more_than_two_classes():
    with pytest.raises(ValueError, match="average='binary' scores class 1.*use average='macro'"):
        precision([0, 1, 2], [0, 1, 2])


def test_report_lists_every_class_and_the_averages():
    report = classification_report(Y_TRUE, Y_PRED, class_names=["negative", "positive"])
    lines = report.splitlines()
    assert lines[0].split() == ["precision", "recall", "f1-score", "support"]
    assert lines[1].split() == ["negative", "0.600", "0.500", "0.545", "6"]
    assert lines[2].split() == ["positive", "0.400", "0.500", "0.444", "4"]
    assert lines[4].split() == ["accuracy", "0.500", "10"]
    assert lines[5].split() == ["macro", "avg", "0.500", "0.500", "0.495", "10"]


def test_registry_picks_binary_or_macro():
    assert METRICS["precision"](Y_TRUE, Y_PRED) == precision(Y_TRUE, Y_PRED)
    y_true, y_pred = np.array([0, 1, 2, 2]), np.array([0, 2, 2, 2])
    assert METRICS["f1"](y_true, y_pred) == f1_score(y_true, y_pred, average="macro")
    assert get_metric("accuracy") is accuracy
    with pytest.raises(ValueError, match="unknown metric 'auc'; choose one of 'accuracy', 'precision'"):
        get_metric("auc")


@pytest.mark.parametrize(
    "y_true, y_pred, error, message",
    [
        (np.eye(3), np.eye(3), ValueError, r"one-hot labels .* convert with y_true.argmax\(axis=0\)"),
        ([0, 1, 1], [0, 1], ValueError, r"same number of examples, got y_true.shape=\(3,\) and y_pred.shape=\(2,\)"),
        ([0, 1], [0.2, 0.9], ValueError, r"whole-number class indices, got 0.2; turn probabilities into labels"),
        ([0, -1], [0, 1], ValueError, "class indices >= 0, got -1"),
        (None, [0], TypeError, "y_true must be a numpy array of class indices, got NoneType"),
        (["a"], [0], TypeError, "y_true must hold integer class indices"),
        ([], [], ValueError, "at least one example"),
    ],
)
def test_bad_labels_get_clear_errors(y_true, y_pred, error, message):
    with pytest.raises(error, match=message):
        accuracy(y_true, y_pred)
