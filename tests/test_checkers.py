"""Every exercise's checker: passes the reference, the textbook version and the solution notebook's
code, reports the untouched stub as not done, and fails realistic wrong answers naming the cause."""

from __future__ import annotations

import pytest
from checker_cases import CASES

from nnlib.checks import NotDoneYet, Outcome, exercise_ids, reference, run

WRONG = [(exercise_id, wrong) for exercise_id, cases in CASES.items() for wrong in cases.wrong]


def test_every_exercise_has_checker_cases_with_at_least_six_wrong_answers():
    assert list(CASES) == exercise_ids()
    for exercise_id, cases in CASES.items():
        assert len(cases.wrong) >= 6, exercise_id


@pytest.mark.parametrize("exercise_id", exercise_ids())
def test_reference_passes(exercise_id):
    # A thin wrapper, since run() refuses the reference object itself (a learner's name replaced by it).
    fn = reference(exercise_id)
    result = run(exercise_id, lambda *args, **kwargs: fn(*args, **kwargs))
    assert result.passed, result.message


@pytest.mark.parametrize("exercise_id", exercise_ids())
def test_textbook_version_passes(exercise_id):
    result = run(exercise_id, CASES[exercise_id].textbook)
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
