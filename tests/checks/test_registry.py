"""nnlib.checks.registry: exercise ids in course order, references, and the lesson list."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib import shapes
from nnlib.checks import exercise_ids, reference, registry, run


def mean_right(A):
    return A.mean(axis=1, keepdims=True)


def test_exercise_ids_are_unique_and_in_course_order():
    ids = exercise_ids()
    assert ids[:3] == ["layer_sizes", "weighted_sums", "mean_over_examples"]
    assert len(ids) == len(set(ids))


def test_reference_is_nnlibs_function():
    assert reference("weighted_sums") is shapes.weighted_sums


def test_unknown_exercise_id_lists_the_valid_ones():
    with pytest.raises(ValueError, match="unknown exercise id 'sigmod'.*layer_sizes"):
        run("sigmod", mean_right)


def test_the_registry_owns_the_lesson_order_and_names_each_exercises_lesson():
    assert list(registry.LESSONS)[:2] == ["00_welcome", "01_initialization"]
    lessons = [registry.get_exercise(exercise_id).lesson for exercise_id in exercise_ids()]
    assert lessons == sorted(lessons)  # course order
    assert set(lessons) == set(registry.LESSONS)
    assert registry.get_exercise("predict").lesson == "06_training"


def test_a_new_lesson_is_one_line_in_the_list_plus_its_battery_module(monkeypatch):
    import sys
    import types

    from nnlib.checks.exercise import ArrayOutput, Case

    battery = types.ModuleType("nnlib.checks.lessons.doubling")
    battery.EXERCISES = [
        registry.Exercise(
            "double",
            reference=lambda A: 2 * A,
            hints=("Twice each entry.", "`return 2 * A`"),
            cases=(Case("a (2, 3) array", (np.arange(6.0).reshape(2, 3),)),),
            compare=ArrayOutput("doubled"),
        )
    ]
    monkeypatch.setitem(sys.modules, battery.__name__, battery)
    exercises = registry.collect({**registry.LESSONS, "99_doubling": "doubling"})
    assert list(exercises)[-1] == "double" and exercises["double"].lesson == "99_doubling"
    monkeypatch.setattr(registry, "_EXERCISES", exercises)
    assert run("double", lambda A: A + A).passed
    assert "`doubled` has the right shape, but 4 of its 6 entries are wrong" in run("double", lambda A: A * A).message


def test_lesson_modules_do_not_import_the_registry():
    import importlib
    import inspect as inspect_module

    for module_name in registry.LESSONS.values():
        module = importlib.import_module(f"nnlib.checks.lessons.{module_name}")
        assert "nnlib.checks.registry" not in inspect_module.getsource(module), module_name
        assert all(isinstance(exercise, registry.Exercise) for exercise in module.EXERCISES)
