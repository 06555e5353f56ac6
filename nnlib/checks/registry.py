"""The course's exercises, by id, in course order.

Each lesson's module in :mod:`nnlib.checks.lessons` registers its exercises
with the :func:`exercise` decorator, on the function that holds the
exercise's battery of tests. Importing :mod:`nnlib.checks.lessons` imports
the lessons in course order, which is the order of :func:`exercise_ids`.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Mistake", "Exercise", "exercise", "get_exercise", "exercise_ids"]


@dataclass(frozen=True)
class Mistake:
    """A familiar wrong version of an exercise, and what to tell a learner whose output matches it.

    ``fn`` takes the exercise's arguments; when the learner's output on a
    failing test equals ``fn``'s, the failure names ``cause``.
    """

    fn: Callable
    cause: str


@dataclass(frozen=True)
class Exercise:
    """One exercise: its id, lesson, reference, battery of tests, hints and known mistakes.

    Attributes
    ----------
    id : str
        The function name the learner writes, unique across the course.
    lesson : str
        The lesson's notebook name without extension, e.g. ``"00_welcome"``.
    reference : callable
        nnlib's implementation, the oracle of the battery.
    battery : callable
        ``battery(trial)`` calls the learner's function through ``trial`` on
        each test input and raises :class:`~nnlib.checks.expect.Failure` at
        the first thing that is wrong.
    hints : tuple of str
        From a nudge to nearly the answer.
    mistakes : tuple of Mistake
        Familiar wrong versions, to name the cause of a failure.
    time_limit : float
        Seconds one call of the learner's function may take.
    may_modify : tuple of str
        Arguments the function may change in place.
    pass_as_is : tuple of str
        Arguments passed to the function without copying (it must restore them).
    points : float
        What passing the exercise is worth when a class is graded.
    """

    id: str
    lesson: str
    reference: Callable
    battery: Callable
    hints: tuple[str, ...]
    mistakes: tuple[Mistake, ...] = ()
    time_limit: float = 5.0
    may_modify: tuple[str, ...] = ()
    pass_as_is: tuple[str, ...] = ()
    points: float = 1.0

    @property
    def signature(self) -> inspect.Signature:
        return inspect.signature(self.reference)


_EXERCISES: dict[str, Exercise] = {}


def exercise(
    id: str,
    *,
    lesson: str,
    reference: Callable,
    hints,
    mistakes=(),
    time_limit: float = 5.0,
    may_modify=(),
    pass_as_is=(),
    points: float = 1.0,
) -> Callable:
    """Register the decorated battery as the tests of exercise ``id``."""
    if len(hints) < 2:
        raise ValueError(f"exercise {id!r} needs at least two hints, from a nudge to nearly the answer")

    def register(battery: Callable) -> Callable:
        if id in _EXERCISES:
            raise ValueError(f"exercise id {id!r} is registered twice")
        _EXERCISES[id] = Exercise(
            id,
            lesson,
            reference,
            battery,
            tuple(hints),
            tuple(mistakes),
            time_limit,
            tuple(may_modify),
            tuple(pass_as_is),
            points,
        )
        return battery

    return register


def _load() -> None:
    import nnlib.checks.lessons  # noqa: F401  (registers every exercise, in course order)


def exercise_ids() -> list[str]:
    """Every exercise id, in course order."""
    _load()
    return list(_EXERCISES)


def get_exercise(exercise_id: str) -> Exercise:
    """The exercise called ``exercise_id``; a ``ValueError`` lists the valid ids otherwise."""
    _load()
    if not isinstance(exercise_id, str) or exercise_id not in _EXERCISES:
        raise ValueError(f"unknown exercise id {exercise_id!r}; the course has: {', '.join(_EXERCISES)}")
    return _EXERCISES[exercise_id]
