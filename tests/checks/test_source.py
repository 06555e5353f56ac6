"""nnlib.checks.source: reading a learner's source for loops."""

from __future__ import annotations

import numpy as np

from nnlib.checks.source import python_loops, source_text


def mean_right(A):
    return A.mean(axis=1, keepdims=True)


def test_python_loops_reads_the_source():
    def looped(X):
        total = 0
        for x in X:
            total += x
        return [t for t in range(3)]

    first = looped.__code__.co_firstlineno
    assert python_loops(looped) == [
        f"line {first + 2}: `for x in X:`",
        f"line {first + 4}: `return [t for t in range(3)]`",
    ]
    assert python_loops(mean_right) == []
    assert python_loops(np.mean) is None or isinstance(python_loops(np.mean), list)
    assert python_loops(len) is None
    assert source_text(len) is None
    assert source_text(mean_right).startswith("def mean_right(A):")
