"""nnlib.checks.notdone: 'not done yet' names the function and renders as one line."""

from __future__ import annotations

import os

import numpy as np
import pytest

from nnlib.checks import NotDoneYet
from nnlib.checks.notdone import FULL_TRACEBACKS_VARIABLE


def test_full_traceback_variable_is_not_set_in_ci():
    # Stored notebook outputs assume the friendly one-line "not done yet".
    assert os.environ.get(FULL_TRACEBACKS_VARIABLE, "") in ("", "0")


def test_not_done_yet_names_the_function_and_renders_as_one_line(monkeypatch):
    monkeypatch.delenv(FULL_TRACEBACKS_VARIABLE, raising=False)

    def sigmoid(Z):
        raise NotDoneYet()

    with pytest.raises(NotDoneYet) as info:
        sigmoid(0)
    assert isinstance(info.value, NotImplementedError)
    assert info.value.exercise_id == "sigmoid"
    assert info.value._render_traceback_() == [
        "… `sigmoid` is not done yet: write it in its exercise cell (where it says # YOUR CODE HERE) and run that cell."
    ]


def test_not_done_yet_full_traceback_on_request(monkeypatch):
    monkeypatch.setenv(FULL_TRACEBACKS_VARIABLE, "1")
    try:
        raise NotDoneYet("sigmoid")
    except NotDoneYet as error:
        lines = error._render_traceback_()
    assert lines[0].startswith("Traceback")
    assert any("raise NotDoneYet" in line for line in lines)


def test_not_done_yet_outside_a_function():
    assert str(NotDoneYet("<module>")).startswith("This exercise is not done yet")


def sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


sigmoid.__module__ = "__main__"  # as if defined in a notebook cell
