"""nnlib.checks.exercise: every exercise is complete, its cases are plain data, tests before cases speak first."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from nnlib.checks import exercise_ids, registry


def test_an_exercise_needs_two_hints_something_to_test_and_a_unique_id():
    with pytest.raises(ValueError, match="at least two hints"):
        registry.Exercise("new_one", reference=len, hints=("only one",), properties=print)
    with pytest.raises(ValueError, match="tests nothing"):
        registry.Exercise("new_one", reference=len, hints=("a", "b"))
    with pytest.raises(ValueError, match="registered twice"):
        registry.collect({"00_welcome": "welcome", "00_again": "welcome"})


def test_tests_before_the_cases_speak_first_and_arguments_cut_the_signature():
    from nnlib.checks.exercise import ArrayOutput, Case, Exercise, run_battery
    from nnlib.checks.expect import Failure
    from nnlib.checks.trial import Trial

    def scale(A, factor=2.0, *, clip=None):
        return factor * A

    order = []

    def before(trial):
        order.append("before")
        if not np.array_equal(trial.call("zeros", np.zeros((1, 2))), np.zeros((1, 2))):
            raise Failure("zeros must stay zeros", cause="no constant added")

    exercise = Exercise(
        "scale",
        reference=scale,
        hints=("Times the factor.", "`return factor * A`"),
        arguments=("A", "factor"),
        before_cases=before,
        cases=(Case("ones", (np.ones((1, 2)), 3.0)),),
        compare=ArrayOutput("scaled"),
        properties=lambda trial: order.append("properties"),
    )
    assert list(exercise.signature.parameters) == ["A", "factor"]
    run_battery(exercise, Trial(lambda A, factor=2.0: factor * A, exercise.signature, time_limit=5.0))
    assert order == ["before", "properties"]
    with pytest.raises(Failure, match="zeros must stay zeros"):
        run_battery(exercise, Trial(lambda A, factor=2.0: factor * A + 1, exercise.signature, time_limit=5.0))
    with pytest.raises(ValueError, match="takes no argument"):
        dataclasses.replace(exercise, arguments=("A", "scale_by"))


def test_cases_are_plain_data():
    def plain(value) -> bool:
        if isinstance(value, dict):
            return all(isinstance(key, str) and plain(item) for key, item in value.items())
        if isinstance(value, (tuple, list)):
            return all(plain(item) for item in value)
        return isinstance(value, (np.ndarray, float, int, str, np.random.Generator)) or value is None

    for exercise_id in exercise_ids():
        for case in registry.get_exercise(exercise_id).cases:
            assert plain(case.args) and plain(dict(case.kwargs)), (exercise_id, case.name)


def test_every_exercise_is_complete():
    for exercise_id in exercise_ids():
        exercise = registry.get_exercise(exercise_id)
        assert callable(exercise.reference)
        assert len(exercise.hints) >= 2
        assert all(hint_text.strip() for hint_text in exercise.hints)
