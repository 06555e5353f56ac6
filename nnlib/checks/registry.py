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

__all__ = ["Mistake", "Exercise", "exercise", "exercise_signature", "get_exercise", "exercise_ids"]


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
    arguments : tuple of str
        The arguments the lesson's exercise cell shows, when the reference
        takes more (e.g. ``backprop(AL, Y, caches)`` of a reference that also
        takes activation names and penalties); empty means all of them.
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
    arguments: tuple[str, ...] = ()

    @property
    def signature(self) -> inspect.Signature:
        """The exercise's signature: the reference's, cut down to ``arguments`` when given."""
        return exercise_signature(self.reference, self.arguments)


def exercise_signature(reference: Callable, arguments=()) -> inspect.Signature:
    """The reference's signature with only ``arguments`` (all when empty).

    An argument that does not keep its position in the reference becomes
    keyword-only, so that it is passed by name (to the learner's function,
    which shows it, and to the reference, which has others before it).
    """
    full = inspect.signature(reference)
    if not arguments:
        return full
    unknown = [name for name in arguments if name not in full.parameters]
    if unknown:
        raise ValueError(f"{getattr(reference, '__name__', reference)!r} takes no argument(s) {unknown}")
    order = list(full.parameters)
    kept = [
        parameter if order.index(name) == position else parameter.replace(kind=inspect.Parameter.KEYWORD_ONLY)
        for position, (name, parameter) in enumerate((name, full.parameters[name]) for name in arguments)
    ]
    return full.replace(parameters=kept)


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
    arguments=(),
) -> Callable:
    """Register the decorated battery as the tests of exercise ``id``.

    ``arguments`` names the reference's arguments that the exercise takes,
    when it takes fewer than the reference (see :class:`Exercise`).
    """
    if len(hints) < 2:
        raise ValueError(f"exercise {id!r} needs at least two hints, from a nudge to nearly the answer")
    exercise_signature(reference, arguments)  # a bad list of arguments fails here, at import

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
            tuple(arguments),
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
