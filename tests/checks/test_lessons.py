"""Every exercise's checker: passes the reference and correct answers written differently (the
textbook version, loops, other formulas), reports the untouched stub as not done, and fails
realistic wrong answers naming the cause."""

from __future__ import annotations

import importlib

import numpy as np
import pytest
from checker_cases import CASES

from nnlib.checks import NotDoneYet, Outcome, exercise_ids, reference, run
from nnlib.checks.registry import LESSONS

WRONG = [(exercise_id, wrong) for exercise_id, cases in CASES.items() for wrong in cases.wrong]
CORRECT = [(exercise_id, fn) for exercise_id, cases in CASES.items() for fn in cases.correct]


def test_every_exercise_has_at_least_ten_wrong_answers_and_three_correct_forms():
    assert list(CASES) == exercise_ids()
    for exercise_id, cases in CASES.items():
        assert len(cases.wrong) >= 10, exercise_id
        assert len(cases.correct) >= 3, exercise_id
        assert len({wrong.name for wrong in cases.wrong}) == len(cases.wrong), exercise_id


@pytest.mark.parametrize("module_name", list(LESSONS.values()))
def test_the_battery_keeps_no_known_mistakes_outside_the_catalogue(module_name):
    """One source: the battery modules list no mistakes of their own; the catalogue holds them all."""
    battery = importlib.import_module(f"nnlib.checks.lessons.{module_name}")
    assert all(not exercise.mistakes for exercise in battery.EXERCISES), module_name


@pytest.mark.parametrize("exercise_id", exercise_ids())
def test_reference_passes(exercise_id):
    # A thin wrapper, since run() refuses the reference object itself (a learner's name replaced by it).
    fn = reference(exercise_id)
    result = run(exercise_id, lambda *args, **kwargs: fn(*args, **kwargs))
    assert result.passed, result.message


@pytest.mark.parametrize(("exercise_id", "fn"), CORRECT, ids=[f"{e}: {fn.__name__}" for e, fn in CORRECT])
def test_correct_forms_pass(exercise_id, fn):
    result = run(exercise_id, fn)
    assert result.passed, result.message


@pytest.mark.parametrize("exercise_id", exercise_ids())
def test_untouched_stub_is_not_done_yet(exercise_id):
    def stub(*args):
        # YOUR CODE HERE
        raise NotDoneYet()

    result = run(exercise_id, stub)
    assert result.outcome is Outcome.NOT_DONE
    assert not result.passed
    assert "not done yet" in result.message


@pytest.mark.parametrize(("exercise_id", "wrong"), WRONG, ids=[f"{e}: {w.name}" for e, w in WRONG])
def test_wrong_answer_fails_and_names_the_cause(exercise_id, wrong):
    result = run(exercise_id, wrong.fn)
    assert not result.passed
    assert result.outcome.value == wrong.outcome, result.message
    assert wrong.says in result.message, result.message
    if wrong.shown_by == "output":  # named by reproducing its output: the cause is the failure's likely cause
        assert ("likely cause", wrong.says) in result.details, result.message


ODD_RETURNS = {
    "zero": 0,
    "a string": "done",
    "an empty list": [],
    "an empty dict": {},
    "a 0-d array": np.array(0.5),
    "a tuple of Nones": (None, None),
    "a dict of Nones": {
        "W1": None,
        "b1": None,
        "W2": None,
        "b2": None,
        "dW1": None,
        "db1": None,
        "dW2": None,
        "db2": None,
    },
    "a NaN array": np.full((1, 1), np.nan),
}


@pytest.mark.parametrize("exercise_id", exercise_ids())
@pytest.mark.parametrize("kind", list(ODD_RETURNS))
def test_odd_return_values_fail_with_a_message_never_crash_the_check(exercise_id, kind):
    result = run(exercise_id, lambda *args, **kwargs: ODD_RETURNS[kind])
    assert result.outcome is Outcome.FAILED, result.message
    assert "could not finish" not in result.message, result.message
