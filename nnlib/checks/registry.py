"""The course's exercises, by id, in course order.

The registry owns the ordered list of lessons, :data:`LESSONS`: each
lesson's notebook name and the module in :mod:`nnlib.checks.lessons` that
holds its battery, a list ``EXERCISES`` of
:class:`~nnlib.checks.exercise.Exercise`. The lesson modules never import
this one, so there is no import cycle and no import-order side effect: the
order of :func:`exercise_ids` is the order of :data:`LESSONS`, then the
order of each module's ``EXERCISES``.

Adding a lesson is one line in :data:`LESSON_NOTEBOOKS` plus its battery module,
named after the notebook (``12_regularization`` -> ``lessons/regularization.py``).
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Mapping

from nnlib.checks.exercise import Case, Exercise, Mistake

__all__ = [
    "LESSON_NOTEBOOKS",
    "LESSONS",
    "Case",
    "Exercise",
    "Mistake",
    "collect",
    "known_mistakes",
    "get_exercise",
    "exercise_ids",
]

#: the lessons that have exercises, in course order, by notebook name (``solutions/<name>.ipynb``).
LESSON_NOTEBOOKS: tuple[str, ...] = (
    "00_welcome",
    "01_initialization",
    "02_activations",
    "03_forward_propagation",
    "04_cost",
    "05_backpropagation",
    "06_training",
    "07_l_layer_forward",
    "08_l_layer_backward",
    "09_l_layer_model",
    "10_activation_functions",
    "11_initialization_depth",
    "12_regularization",
    "13_monitoring",
    "14_choosing_the_loss",
    "15_hyperparameters",
    "16_evaluation",
    "17_architectures",
    "18_convolutional_networks",
    "19_recurrent_networks",
)

#: notebook name -> battery module in ``nnlib.checks.lessons``: the notebook's name without its number.
LESSONS: dict[str, str] = {name: name.split("_", 1)[1] for name in LESSON_NOTEBOOKS}


def collect(lessons: Mapping[str, str]) -> dict[str, Exercise]:
    """Every exercise of ``lessons`` (notebook name -> battery module), by id, each told its lesson."""
    exercises: dict[str, Exercise] = {}
    for lesson, module_name in lessons.items():
        module = importlib.import_module(f"nnlib.checks.lessons.{module_name}")
        catalogue = known_mistakes(module_name)
        for exercise in module.EXERCISES:
            if exercise.id in exercises:
                raise ValueError(
                    f"exercise id {exercise.id!r} is registered twice (lessons "
                    f"{exercises[exercise.id].lesson} and {lesson})"
                )
            mistakes = tuple(catalogue.get(exercise.id, ())) + exercise.mistakes
            exercises[exercise.id] = dataclasses.replace(exercise, lesson=lesson, mistakes=mistakes)
        unknown = set(catalogue) - {exercise.id for exercise in module.EXERCISES}
        if unknown:
            raise ValueError(
                f"nnlib.checks.mistakes.{module_name} lists mistakes of unknown exercises {sorted(unknown)}"
            )
    return exercises


def known_mistakes(module_name: str) -> Mapping[str, tuple[Mistake, ...]]:
    """The catalogue of known mistakes of one lesson: exercise id -> its :class:`Mistake` entries.

    They live in ``nnlib/checks/mistakes/<module_name>.py`` as ``MISTAKES``;
    a lesson without such a module has none there.
    """
    try:
        module = importlib.import_module(f"nnlib.checks.mistakes.{module_name}")
    except ModuleNotFoundError as error:
        if error.name != f"nnlib.checks.mistakes.{module_name}":
            raise
        return {}
    for exercise_id, entries in module.MISTAKES.items():
        names = [mistake.name for mistake in entries]
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise ValueError(f"{exercise_id}: known mistakes named twice: {repeated}")
    return module.MISTAKES


_EXERCISES: dict[str, Exercise] = {}


def _exercises() -> dict[str, Exercise]:
    if not _EXERCISES:
        _EXERCISES.update(collect(LESSONS))
    return _EXERCISES


def exercise_ids() -> list[str]:
    """Every exercise id, in course order."""
    return list(_exercises())


def get_exercise(exercise_id: str) -> Exercise:
    """The exercise called ``exercise_id``; a ``ValueError`` lists the valid ids otherwise."""
    exercises = _exercises()
    if not isinstance(exercise_id, str) or exercise_id not in exercises:
        raise ValueError(f"unknown exercise id {exercise_id!r}; the course has: {', '.join(exercises)}")
    return exercises[exercise_id]
