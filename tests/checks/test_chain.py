"""Chained exercises: a learner's function that calls another of their exercises which is wrong."""

from __future__ import annotations

import linecache
import textwrap

import numpy as np

from nnlib.checks import Outcome, run
from nnlib.checks.chain import called_exercises, with_replaced


def cell(source: str) -> dict:
    """Run ``source`` as a notebook cell would (its own globals, its source readable); return the globals."""
    source = textwrap.dedent(source)
    filename = f"<cell {abs(hash(source))}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    namespace = {"np": np, "__name__": "learner"}
    exec(compile(source, filename, "exec"), namespace)
    return namespace


SIGMOID_SIGN = """
def sigmoid(Z):
    return 1 / (1 + np.exp(Z))
"""


def test_called_exercises_and_with_replaced():
    learner = cell(
        SIGMOID_SIGN
        + """
def twice(Z):
    return [sigmoid(z) for z in (Z, Z)]
"""
    )
    assert list(called_exercises(learner["twice"], ["sigmoid", "relu"])) == ["sigmoid"]
    right = with_replaced(learner["twice"], {"sigmoid": lambda Z: 1 / (1 + np.exp(-Z))})
    assert np.isclose(right(np.array([0.0, 1.0]))[1][1], 1 / (1 + np.exp(-1.0)))
    assert np.isclose(learner["twice"](np.array([1.0]))[0][0], 1 / (1 + np.exp(1.0)))  # the original is unchanged
    assert called_exercises(np.exp, ["sigmoid"]) == {}


def test_forward_propagation_that_is_right_but_calls_a_wrong_sigmoid():
    learner = cell(
        SIGMOID_SIGN
        + """
def forward_propagation(X, parameters):
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = sigmoid(Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
"""
    )
    result = run("forward_propagation", learner["forward_propagation"])
    assert result.outcome is Outcome.FAILED
    assert result.summary == "your `forward_propagation` is right; the `sigmoid` it calls is not"
    details = dict(result.details)
    assert details["`sigmoid`'s check"].startswith("`A` has the right shape")
    assert 'check("sigmoid", sigmoid)' in details["likely cause"]


def test_precision_recall_f1_that_is_right_but_calls_a_wrong_confusion_matrix():
    learner = cell(
        """
def confusion_matrix(y_true, y_pred, n_classes=None):
    n = n_classes or int(max(y_true.max(), y_pred.max())) + 1
    C = np.zeros((n, n), dtype=int)
    for t, p in zip(y_true.ravel(), y_pred.ravel()):
        C[p, t] += 1  # rows and columns swapped
    return C

def precision_recall_f1(y_true, y_pred, n_classes=None):
    C = confusion_matrix(y_true, y_pred, n_classes)
    true_positives = np.diag(C).astype(float)
    predicted, actual = C.sum(axis=0), C.sum(axis=1)
    precision = np.divide(true_positives, predicted, out=np.zeros(len(C)), where=predicted > 0)
    recall = np.divide(true_positives, actual, out=np.zeros(len(C)), where=actual > 0)
    total = precision + recall
    f1 = np.divide(2 * precision * recall, total, out=np.zeros(len(C)), where=total > 0)
    return precision, recall, f1
"""
    )
    result = run("precision_recall_f1", learner["precision_recall_f1"])
    assert result.outcome is Outcome.FAILED, result.message
    assert result.summary == "your `precision_recall_f1` is right; the `confusion_matrix` it calls is not"
    assert 'check("confusion_matrix", confusion_matrix)' in dict(result.details)["likely cause"]


def test_forward_prop_that_is_right_but_calls_a_wrong_layer():
    learner = cell(
        """
def linear_activation_forward(A_prev, W, b, activation="relu"):
    Z = W @ A_prev + b
    A = 1 / (1 + np.exp(-Z)) if activation == "sigmoid" else np.maximum(0, Z)
    return A, (A_prev, W, b)  # the cache lacks Z

def forward_prop(X, parameters):
    caches, A = [], X
    L = len(parameters) // 2
    for l in range(1, L + 1):
        activation = "sigmoid" if l == L else "relu"
        A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], activation)
        caches.append(cache)
    return A, caches
"""
    )
    result = run("forward_prop", learner["forward_prop"])
    assert result.outcome is Outcome.FAILED, result.message
    assert result.summary == "your `forward_prop` is right; the `linear_activation_forward` it calls is not"


def test_a_wrong_function_calling_a_wrong_exercise_gets_its_own_failure():
    learner = cell(
        SIGMOID_SIGN
        + """
def forward_propagation(X, parameters):
    Z1 = parameters["W1"] @ X
    A1 = sigmoid(Z1)
    Z2 = parameters["W2"] @ A1
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
"""
    )
    result = run("forward_propagation", learner["forward_propagation"])
    assert "is right" not in result.summary
