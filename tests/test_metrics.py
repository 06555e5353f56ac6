"""Tests of nnlib.metrics: hand-worked numbers, a brute-force reference, edge cases."""

import subprocess
import sys

import numpy as np
import pytest

from nnlib import metrics
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

# A hand-worked binary case, example by example (t = true, p = predicted):
#   i : 0  1  2  3  4  5  6  7  8  9
#   t : 1  1  1  1  0  0  0  0  0  1
#   p : 1  1  0  1  0  1  0  0  1  1
#       TP TP FN TP TN FP TN TN FP TP
# TP = 4, FP = 2, FN = 1, TN = 3
#   accuracy  = (TP + TN) / 10 = 7 / 10       = 0.7
#   precision = TP / (TP + FP) = 4 / 6        = 0.6667
#   recall    = TP / (TP + FN) = 4 / 5        = 0.8
#   F1        = 2 P R / (P + R) = 8 / 11      = 0.7273
# Class 0 seen as the positive class: precision 3 / 4, recall 3 / 5, F1 2/3.
Y_TRUE = np.array([[1, 1, 1, 1, 0, 0, 0, 0, 0, 1]])
Y_PRED = np.array([[1, 1, 0, 1, 0, 1, 0, 0, 1, 1]])


def test_binary_hand_worked():
    assert accuracy(Y_TRUE, Y_PRED) == pytest.approx(0.7)
    assert precision(Y_TRUE, Y_PRED) == pytest.approx(4 / 6)
    assert recall(Y_TRUE, Y_PRED) == pytest.approx(4 / 5)
    assert f1_score(Y_TRUE, Y_PRED) == pytest.approx(8 / 11)
    for value in (
        accuracy(Y_TRUE, Y_PRED),
        precision(Y_TRUE, Y_PRED),
        recall(Y_TRUE, Y_PRED),
        f1_score(Y_TRUE, Y_PRED),
    ):
        assert type(value) is float


def test_binary_confusion_matrix_by_hand():
    C = confusion_matrix(Y_TRUE, Y_PRED)
    # rows = true, columns = predicted: [[TN, FP], [FN, TP]]
    np.testing.assert_array_equal(C, [[3, 2], [1, 4]])
    assert C.dtype == np.int64 and C.shape == (2, 2)


def test_per_class_and_macro_by_hand():
    np.testing.assert_allclose(precision(Y_TRUE, Y_PRED, average=None), [3 / 4, 4 / 6])
    np.testing.assert_allclose(recall(Y_TRUE, Y_PRED, average=None), [3 / 5, 4 / 5])
    np.testing.assert_allclose(f1_score(Y_TRUE, Y_PRED, average=None), [2 / 3, 8 / 11])
    assert f1_score(Y_TRUE, Y_PRED, average="macro") == pytest.approx((2 / 3 + 8 / 11) / 2)


def _brute_force(y_true, y_pred, n_classes):
    """Per-class precision, recall, F1 counted with plain Python loops."""
    result = {"precision": [], "recall": [], "f1": []}
    for k in range(n_classes):
        tp = sum(1 for t, p in zip(y_true, y_pred) if t == k and p == k)
        fp = sum(1 for t, p in zip(y_true, y_pred) if t != k and p == k)
        fn = sum(1 for t, p in zip(y_true, y_pred) if t == k and p != k)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        result["precision"].append(prec)
        result["recall"].append(rec)
        result["f1"].append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return result


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_three_classes_match_brute_force(seed):
    rng = np.random.default_rng(seed)
    y_true = rng.integers(0, 3, 40)
    y_pred = np.where(rng.random(40) < 0.6, y_true, rng.integers(0, 3, 40))
    expected = _brute_force(y_true.tolist(), y_pred.tolist(), 3)
    for name, function in (("precision", precision), ("recall", recall), ("f1", f1_score)):
        per_class = function(y_true.reshape(1, -1), y_pred.reshape(1, -1), average=None)
        assert per_class.shape == (3,)
        np.testing.assert_allclose(per_class, expected[name], rtol=1e-12)
        macro = function(y_true, y_pred, average="macro")
        assert type(macro) is float
        assert macro == pytest.approx(np.mean(expected[name]))
    C = confusion_matrix(y_true, y_pred)
    for i in range(3):
        for j in range(3):
            assert C[i, j] == sum(1 for t, p in zip(y_true, y_pred) if t == i and p == j)
    assert accuracy(y_true, y_pred) == pytest.approx(np.trace(C) / 40)


def test_binary_average_refuses_more_than_two_classes():
    with pytest.raises(ValueError, match=r"average='macro'.*average=None"):
        precision([0, 1, 2], [0, 1, 1])


def test_unknown_average_lists_choices():
    with pytest.raises(ValueError, match=r"unknown average 'micro'.*'binary', 'macro', None"):
        recall(Y_TRUE, Y_PRED, average="micro")


def test_zero_division_gives_zero_silently():
    # class 1 is never predicted: precision 0/0 -> 0; recall 0/2 = 0; F1 -> 0
    with np.errstate(all="raise"):
        assert precision([0, 1, 1], [0, 0, 0]) == 0.0
        assert recall([0, 1, 1], [0, 0, 0]) == 0.0
        assert f1_score([0, 1, 1], [0, 0, 0]) == 0.0
        # class 1 is predicted but never true: recall 0/0 -> 0
        assert recall([0, 0, 0], [0, 1, 1]) == 0.0
        # only class 0 anywhere: class 1 does not exist, every score 0
        assert f1_score([0, 0], [0, 0]) == 0.0
        np.testing.assert_array_equal(precision([0, 1], [0, 0], average=None), [0.5, 0.0])


def test_n_classes_adds_missing_classes():
    C = confusion_matrix([0, 1], [1, 1], n_classes=4)
    assert C.shape == (4, 4) and C.sum() == 2
    per_class = recall([0, 1], [1, 1], average=None, n_classes=4)
    np.testing.assert_array_equal(per_class, [0.0, 1.0, 0.0, 0.0])
    # "macro" is the mean of the per-class values, absent classes included
    assert recall([0, 1], [1, 1], average="macro", n_classes=4) == 0.25


def test_n_classes_too_small_or_bad():
    with pytest.raises(ValueError, match=r"n_classes=2 but the labels go up to 2"):
        confusion_matrix([0, 2], [0, 1], n_classes=2)
    with pytest.raises(TypeError, match="n_classes must be an integer"):
        confusion_matrix([0, 1], [0, 1], n_classes=2.0)


@pytest.mark.parametrize("function", [accuracy, confusion_matrix, precision, recall, f1_score])
def test_row_and_vector_give_the_same(function):
    np.testing.assert_array_equal(function(Y_TRUE, Y_PRED), function(Y_TRUE.ravel(), Y_PRED.ravel()))
    np.testing.assert_array_equal(function(Y_TRUE, Y_PRED), function(Y_TRUE.ravel(), Y_PRED))


@pytest.mark.parametrize(
    "convert",
    [
        lambda y: y.astype(np.int32),
        lambda y: y.astype(np.uint8),
        lambda y: y.astype(bool),
        lambda y: y.astype(np.float64),
        lambda y: y.astype(np.float32),
        lambda y: y.tolist(),
    ],
)
def test_label_dtypes(convert):
    assert accuracy(convert(Y_TRUE), convert(Y_PRED)) == pytest.approx(0.7)
    assert f1_score(convert(Y_TRUE), Y_PRED) == pytest.approx(8 / 11)


def test_probabilities_rejected_with_a_hint():
    with pytest.raises(ValueError, match=r"y_pred must hold whole-number class indices, got 0\.7.*A > 0\.5"):
        accuracy([0, 1], [0.0, 0.7])
    with pytest.raises(ValueError, match="got nan"):
        accuracy([0, 1], [0.0, np.nan])


def test_negative_labels_rejected():
    with pytest.raises(ValueError, match="y_true must hold class indices >= 0, got -1"):
        accuracy([-1, 1], [0, 1])


def test_one_hot_rejected():
    one_hot = np.eye(3)[:, [0, 1, 2, 1]]  # (3, 4)
    with pytest.raises(ValueError, match=r"y_true .* got shape \(3, 4\).*argmax\(axis=0\).*from_one_hot"):
        accuracy(one_hot, [0, 1, 2, 1])
    with pytest.raises(ValueError, match=r"y_pred .*argmax\(axis=0\)"):
        confusion_matrix([0, 1, 2, 1], one_hot)


def test_other_bad_shapes_and_types():
    with pytest.raises(ValueError, match="at least one example"):
        accuracy([], [])
    with pytest.raises(ValueError, match=r"shape \(1, m\) or \(m,\), got shape \(\)"):
        accuracy(1, 1)
    with pytest.raises(TypeError, match="y_true must be a numpy array of class indices, got NoneType"):
        accuracy(None, [1])
    with pytest.raises(TypeError, match="y_pred must hold integer class indices"):
        accuracy([0], ["b"])


def test_mismatched_lengths_name_both_shapes():
    message = r"same number of examples, got y_true.shape=\(1, 10\) and y_pred.shape=\(9,\)"
    for function in (accuracy, confusion_matrix, precision, classification_report):
        with pytest.raises(ValueError, match=message):
            function(Y_TRUE, Y_PRED.ravel()[:9])


def test_classification_report_exact_text():
    report = classification_report(Y_TRUE, Y_PRED)
    # class 0: P 3/4, R 3/5, F1 2/3; class 1: P 4/6, R 4/5, F1 8/11 (see the top of this file)
    expected = "\n".join(
        [
            "           precision     recall   f1-score    support",
            "0              0.750      0.600      0.667          5",
            "1              0.667      0.800      0.727          5",
            "",
            "accuracy                             0.700         10",
            "macro avg      0.708      0.700      0.697         10",
        ]
    )
    assert report == expected


def test_classification_report_class_names():
    report = classification_report([0, 1, 2], [0, 2, 2], class_names=["cat", "dog", "bird", "fish"])
    lines = report.splitlines()
    assert [line.split()[0] for line in lines[1:5]] == ["cat", "dog", "bird", "fish"]
    assert lines[4].split()[1:] == ["0.000", "0.000", "0.000", "0"]  # fish: absent, support 0
    assert len({len(line) for line in lines if line}) == 1  # columns aligned
    with pytest.raises(ValueError, match="class_names has 2 names but the labels go up to 2"):
        classification_report([0, 1, 2], [0, 2, 2], class_names=["cat", "dog"])
    with pytest.raises(TypeError, match="class_names must be a list"):
        classification_report([0, 1], [0, 1], class_names="cd")


def test_registry_binary_and_multiclass():
    assert set(METRICS) == {"accuracy", "precision", "recall", "f1"}
    assert METRICS["accuracy"] is accuracy
    # 0/1 labels: the binary value of class 1
    assert METRICS["precision"](Y_TRUE, Y_PRED) == precision(Y_TRUE, Y_PRED)
    assert METRICS["recall"](Y_TRUE, Y_PRED) == recall(Y_TRUE, Y_PRED)
    assert METRICS["f1"](Y_TRUE, Y_PRED) == f1_score(Y_TRUE, Y_PRED)
    # three classes: the macro average, where "binary" would refuse
    y_true, y_pred = [0, 1, 2, 2], [0, 2, 2, 1]
    assert METRICS["f1"](y_true, y_pred) == f1_score(y_true, y_pred, average="macro")
    assert METRICS["precision"](y_true, y_pred) == precision(y_true, y_pred, average="macro")
    for name, metric in METRICS.items():
        assert type(metric(y_true, y_pred)) is float
        assert get_metric(name) is metric


def test_get_metric_errors_and_passthrough():
    with pytest.raises(ValueError, match="unknown metric 'auc'; choose one of 'accuracy', 'precision', 'recall', 'f1'"):
        get_metric("auc")
    with pytest.raises(ValueError, match="unknown metric"):
        get_metric(["f1"])
    custom = lambda y_true, y_pred: 1.0  # noqa: E731
    assert get_metric(custom) is custom


def test_inputs_not_mutated():
    y_true, y_pred = Y_TRUE.copy(), Y_PRED.astype(float)
    before = y_pred.copy()
    classification_report(y_true, y_pred)
    np.testing.assert_array_equal(y_true, Y_TRUE)
    np.testing.assert_array_equal(y_pred, before)


def test_all_public_names_exist():
    for name in metrics.__all__:
        assert hasattr(metrics, name)


def test_metrics_does_not_import_matplotlib():
    code = "import sys, nnlib.metrics; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- lesson 16: per-class scores in one call, and the F1-best threshold --------------------------------


def test_precision_recall_f1_agree_with_the_averaged_functions():
    from nnlib.metrics import f1_score, precision, precision_recall_f1, recall

    rng = np.random.default_rng(0)
    y_true, y_pred = rng.integers(0, 4, size=50), rng.integers(0, 4, size=50)
    p, r, f = precision_recall_f1(y_true, y_pred, n_classes=5)
    assert p.shape == r.shape == f.shape == (5,)
    np.testing.assert_allclose(p, precision(y_true, y_pred, average=None, n_classes=5))
    np.testing.assert_allclose(r, recall(y_true, y_pred, average=None, n_classes=5))
    np.testing.assert_allclose(f, f1_score(y_true, y_pred, average=None, n_classes=5))
    assert p[4] == r[4] == f[4] == 0.0  # a class never seen: 0, not NaN


def _f1_at(threshold, p, y):
    predicted = p >= threshold
    tp = np.sum(predicted & (y == 1))
    return 2 * tp / (predicted.sum() + (y == 1).sum())


def test_best_threshold_beats_every_candidate_and_takes_the_smallest_of_ties():
    from nnlib.metrics import best_threshold

    rng = np.random.default_rng(1)
    for _ in range(20):
        y = (rng.random(40) < 0.3).astype(int)
        p = np.round(np.clip(0.3 * y + rng.random(40) * 0.7, 0, 1), 2)  # rounding makes ties likely
        t = best_threshold(p.reshape(1, -1), y.reshape(1, -1))
        scores = {c: _f1_at(c, p, y) for c in np.unique(p)}
        best = max(scores.values())
        assert scores[t] == best
        assert t == min(c for c, score in scores.items() if score == best)


def test_best_threshold_on_a_hand_worked_example():
    from nnlib.metrics import best_threshold

    # t = 0.35 predicts 3 positives with both true ones: F1 = 2*2 / (3 + 2) = 0.8, the best
    assert best_threshold([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]) == 0.35
    # F1 = 2/3 at t = 0.9 (one predicted, right) and at t = 0.6 (four predicted, both positives): the smaller wins
    assert best_threshold([0.9, 0.8, 0.7, 0.6, 0.1], [1, 0, 0, 1, 0]) == 0.6


def test_best_threshold_refuses_bad_input():
    from nnlib.metrics import best_threshold

    with pytest.raises(ValueError, match="same number of examples"):
        best_threshold([0.1, 0.2], [0, 1, 1])
    with pytest.raises(ValueError, match="labels must be 0 or 1"):
        best_threshold([0.1, 0.2], [0, 2])
