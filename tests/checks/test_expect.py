"""nnlib.checks.expect: comparisons that raise a Failure naming the first difference."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib.checks.expect import Failure, expect_array, expect_dict, expect_float, expect_int, expect_sequence


def failure_of(function, *args, **kwargs) -> Failure:
    with pytest.raises(Failure) as info:
        function(*args, **kwargs)
    return info.value


def test_expect_array_names_the_worst_entry():
    expected = np.zeros((2, 3))
    received = expected.copy()
    received[1, 2], received[0, 1] = 5.0, 0.5
    failure = failure_of(expect_array, received, expected, "dW1")
    assert failure.problem == "`dW1` has the right shape, but 2 of its 6 entries are wrong"
    assert failure.expected.startswith("dW1[1, 2] = 0.0")
    assert failure.received == "dW1[1, 2] = 5.0"


def test_expect_array_nan_and_types():
    expected = np.ones((2, 2))
    assert "NaN at index [0, 1]" in failure_of(expect_array, np.array([[1, np.nan], [1, 1]]), expected, "A").problem
    assert "Python list" in failure_of(expect_array, [[1.0]], expected, "A").cause
    expect_array(expected.copy(), expected, "A")  # passes silently


def test_expect_scalars_sequences_and_dicts():
    assert "plain Python float" in failure_of(expect_float, np.array([[0.3]]), 0.3, "cost").problem
    expect_float(np.float64(0.3), 0.3, "cost")
    assert "`/` makes floats" in failure_of(expect_int, 2.0, 2, "n_x").cause
    assert failure_of(expect_int, 2.0, 2, "n_x").received == "2.0"
    assert "returned 2 values but must return 3" in failure_of(expect_sequence, (1, 2), "abc", "(a, b, c)").problem
    failure = failure_of(expect_dict, {"dW1": 1, "dW2 ": 2}, ["dW1", "dW2"], "grads")
    assert "no key 'dW2'" in failure.problem and "'dW2 ' instead" in failure.cause


def test_heuristic_causes_only_where_their_condition_holds():
    from nnlib.checks.expect import Failure, expect_array, expect_float

    def cause_of(call):
        with pytest.raises(Failure) as caught:
            call()
        return caught.value.cause

    # float(...) turns a 1-element array into a number; on a (2, 2) or (5,) array it raises: no such advice
    assert "float(...)" in cause_of(lambda: expect_float(np.array([[0.5]]), 0.5, "cost"))
    assert cause_of(lambda: expect_float(np.ones((2, 2)), 0.5, "cost")) is None
    assert cause_of(lambda: expect_float(np.ones(5), 0.5, "cost")) is None
    # a tuple such as (cache, Z) is not "a Python list"; a list of the right numbers is
    expected = np.array([[1.0, 2.0], [3.0, 4.0]])
    assert cause_of(lambda: expect_array(((1, 2), expected), expected, "Z")) is None
    assert "not a Python list" in cause_of(lambda: expect_array([[1.0, 2.0], [3.0, 4.0]], expected, "Z"))
    # one number for an array: named a reduction over every axis only when it is the sum or the mean
    column = np.array([[1.0], [3.0]])
    assert "the mean of all the expected entries" in cause_of(lambda: expect_array(2.0, column, "db"))
    assert "the sum of all the expected entries" in cause_of(lambda: expect_array(np.array([[4.0]]), column, "db"))
    assert cause_of(lambda: expect_array(7.0, column, "db")) is None
