"""nnlib.checks.diagnose: how two values differ, and the likely cause."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib.checks.diagnose import describe, first_difference, same, shape_cause, value_cause


@pytest.mark.parametrize(
    "received, expected, says",
    [
        ((5, 3), (3, 5), "transposed"),
        ((4,), (4, 1), "keepdims=True"),
        ((), (4, 1), "a single number"),
        ((1, 7), (4, 1), "axis 0 (the rows) instead of axis 1"),
        ((4, 7), (4, 1), "one column per example"),
        ((4, 4), (4,), None),
        ((4, 4), (4, 1), "broadcasts to (n, n)"),
    ],
)
def test_shape_cause(received, expected, says):
    cause = shape_cause(received, expected)
    assert (cause is None) if says is None else (says in cause)


def test_value_cause():
    expected = np.array([[1.0, -2.0], [3.0, 0.5]])
    assert "sign is flipped" in value_cause(-expected, expected)
    assert "m = 8 times too large" in value_cause(8 * expected, expected, m=8)
    assert "divided by `m` twice" in value_cause(expected / 8, expected, m=8)
    assert "transpose" in value_cause(expected.T, expected)
    assert "all zeros" in value_cause(0 * expected, expected)
    assert "off by the same amount (0.5)" in value_cause(expected + 0.5, expected)
    assert "2.5 times the expected" in value_cause(2.5 * expected, expected)
    assert value_cause(expected + np.array([[0.1, 0.0], [0.0, 0.0]]), expected) is None
    assert value_cause(np.array([5.2]), np.array([1.0])) is None  # one number: no "every entry" talk
    assert "sign is flipped" in value_cause(np.array([-1.0]), np.array([1.0]))


def test_same_and_first_difference():
    assert same((1, np.float64(2.0)), [1, 2.0])
    assert not same((2.0, 4, 1.0), (2, 4, 1))  # floats where ints are due are a different mistake
    assert same({"a": np.ones(2)}, {"a": np.ones(2) + 1e-12})
    assert not same(np.ones((2, 1)), np.ones(2))
    assert first_difference(np.ones(3), np.ones(3)) is None
    assert first_difference({"W": np.ones(2)}, {"W": np.array([1.0, 3.0])}) == "['W']: entry [1] was 1.0, now 3.0"
    assert first_difference([np.ones(2), np.zeros(2)], [np.ones(2)]) == "its length 2 became 1"  # a list popped
    assert describe(np.array([[1.0, 2.0]])) == "array of shape (1, 2), dtype float64 = [[1., 2.]]"
