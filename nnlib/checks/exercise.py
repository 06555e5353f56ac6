"""What an exercise is, as data: its reference, its test cases, how outputs compare, its hints.

A lesson's battery module (in :mod:`nnlib.checks.lessons`) holds a list
``EXERCISES`` of :class:`Exercise` objects. Most of an exercise is data:

- ``cases``, a list of :class:`Case` (a name and plain-data arguments), on which
  the learner's function and the reference are both called, by shared code
  (:func:`run_battery`), and their outputs compared by ``compare``;
- ``properties``, optional code for what cases cannot say: finite
  differences, reproducibility with a seed, statistics of random draws, the
  source code (e.g. no Python loop left).

The lesson an exercise belongs to is not written here: the registry
(:mod:`nnlib.checks.registry`) knows each battery module's lesson.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from nnlib.checks.expect import expect_array, expect_float, expect_sequence

__all__ = [
    "Case",
    "Mistake",
    "SHOWN_BY",
    "Exercise",
    "ArrayOutput",
    "FloatOutput",
    "ArrayTupleOutput",
    "exercise_signature",
    "run_battery",
]


@dataclass(frozen=True)
class Case:
    """One test input: what it is called in messages, the arguments, the tolerances.

    Attributes
    ----------
    name : str
        Shown to the learner as the failing test, e.g. ``"one example (m = 1)"``.
    args : tuple
        Positional arguments: plain data (arrays, dicts of arrays, numbers,
        strings, numpy Generators), so that another process can rebuild them.
    kwargs : dict
        Keyword arguments, plain data too.
    rtol, atol : float
        Tolerances of the comparison with the reference's output.
    m : int, optional
        The number of examples, when it lets a missing ``/ m`` be named.
    """

    name: str
    args: tuple = ()
    kwargs: Mapping = field(default_factory=dict)
    rtol: float = 1e-6
    atol: float = 1e-9
    m: int | None = None


#: how a known mistake is recognised: by its output, or by the property check that catches it.
SHOWN_BY = ("output", "mutation", "dtype", "seed", "source", "warning", "raises", "property")


@dataclass(frozen=True)
class Mistake:
    """A realistic wrong version of an exercise, and what to tell a learner who made it.

    The course's catalogue of known mistakes (:mod:`nnlib.checks.mistakes`)
    holds these, one per realistic error; the checker tests run every entry
    as if a learner had written it, and require the check to name its cause.

    Attributes
    ----------
    fn : callable
        The wrong answer, written as a learner would write it, taking the
        exercise's arguments.
    cause : str
        What is wrong and how to fix it, in the words the failure shows.
    name : str
        Unique within the exercise (default: ``fn``'s name).
    shown_by : str
        ``"output"``: the check recognises the mistake by reproduction, when
        the learner's output on the failing test equals ``fn``'s, and names
        ``cause``. Anything else (one of :data:`SHOWN_BY`) names the property
        check that catches it (mutating an input, a dtype, a seed, the source
        code, a warning, an exception); ``fn`` is then not replayed.
    says : str
        For a mistake not shown by its output: a phrase the failure message
        contains (default: ``cause``).
    outcome : str
        The check's outcome for this answer: ``"failed"`` or ``"your code raised"``
        (:class:`~nnlib.checks.result.Outcome` values).
    """

    fn: Callable
    cause: str
    name: str = ""
    shown_by: str = "output"
    says: str = ""
    outcome: str = "failed"

    def __post_init__(self):
        if not self.name:
            object.__setattr__(self, "name", getattr(self.fn, "__name__", "<mistake>"))
        if self.shown_by not in SHOWN_BY:
            raise ValueError(f"mistake {self.name!r}: shown_by must be one of {SHOWN_BY}, got {self.shown_by!r}")
        if self.says and self.shown_by == "output":
            raise ValueError(f"mistake {self.name!r}: a mistake shown by its output is named by its cause, not `says`")
        if self.outcome not in ("failed", "your code raised"):
            raise ValueError(
                f"mistake {self.name!r}: outcome must be 'failed' or 'your code raised', got {self.outcome!r}"
            )

    @property
    def message_says(self) -> str:
        """The phrase a check's message must contain for this mistake: its cause, or ``says``."""
        return self.says or self.cause


@dataclass(frozen=True)
class ArrayOutput:
    """Compare an array output with the reference's: shape, float dtype, values.

    ``same_dtype`` also requires the reference's exact dtype (float32 in, float32 out).
    """

    name: str
    same_dtype: bool = False

    def __call__(self, received, expected, case: Case) -> None:
        expect_array(
            received, expected, self.name, rtol=case.rtol, atol=case.atol, m=case.m, same_dtype=self.same_dtype
        )


@dataclass(frozen=True)
class FloatOutput:
    """Compare a single-number output (a Python float) with the reference's."""

    name: str

    def __call__(self, received, expected, case: Case) -> None:
        expect_float(received, expected, self.name, rtol=case.rtol, atol=case.atol)


@dataclass(frozen=True)
class ArrayTupleOutput:
    """Compare a tuple of arrays, e.g. ``(a_next, y_t)``, item by item with the reference's."""

    names: tuple[str, ...]

    def __call__(self, received, expected, case: Case) -> None:
        outputs = expect_sequence(received, self.names, f"({', '.join(self.names)})")
        for output, reference, name in zip(outputs, expected, self.names):
            expect_array(output, reference, name, rtol=case.rtol, atol=case.atol, m=case.m)


@dataclass(frozen=True)
class Exercise:
    """One exercise: its id, reference, test cases and properties, hints and known mistakes.

    Attributes
    ----------
    id : str
        The function name the learner writes, unique across the course.
    reference : callable
        nnlib's implementation, the oracle of the cases.
    hints : tuple of str
        From a nudge to nearly the answer (at least two).
    cases : tuple of Case
        Inputs on which the learner's output must match the reference's.
    compare : callable, optional
        ``compare(received, expected, case)`` raises
        :class:`~nnlib.checks.expect.Failure` at the first difference.
        Required when there are cases.
    properties : callable, optional
        ``properties(trial)``: the tests that are not "same output as the
        reference on this input", run after the cases.
    before_cases : callable, optional
        ``before_cases(trial)``: tests run before the cases, for a cause that
        only several calls together can name (e.g. two option names swapped,
        which the first failing case alone cannot tell from one option ignored).
    no_warnings : str, optional
        The likely cause named when the function raises any numpy warning
        (every numpy ``RuntimeWarning`` fails a check, in every exercise;
        without this or ``warning_causes``, the failure says what the warning
        means and on which line).
    warning_causes : mapping of str to str
        The likely cause for a warning whose message starts with the key,
        e.g. ``{"overflow encountered in exp": "..."}``: a cause named only
        for the warning it explains.
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
    arguments : tuple of str
        The arguments the lesson's exercise cell shows, when the reference
        takes more (e.g. ``backprop(AL, Y, caches)`` of a reference that also
        takes activation names and penalties); empty means all of them.
    lesson : str
        The lesson's notebook name, e.g. ``"00_welcome"``; set by the registry.
    """

    id: str
    reference: Callable
    hints: tuple[str, ...]
    cases: tuple[Case, ...] = ()
    compare: Callable | None = None
    properties: Callable | None = None
    before_cases: Callable | None = None
    no_warnings: str | None = None
    warning_causes: Mapping[str, str] = field(default_factory=dict)
    mistakes: tuple[Mistake, ...] = ()
    time_limit: float = 5.0
    may_modify: tuple[str, ...] = ()
    pass_as_is: tuple[str, ...] = ()
    points: float = 1.0
    arguments: tuple[str, ...] = ()
    lesson: str = ""

    def __post_init__(self):
        if len(self.hints) < 2:
            raise ValueError(f"exercise {self.id!r} needs at least two hints, from a nudge to nearly the answer")
        if self.cases and self.compare is None:
            raise ValueError(f"exercise {self.id!r} has cases but no `compare`")
        if not self.cases and self.properties is None:
            raise ValueError(f"exercise {self.id!r} tests nothing: give it cases or properties")
        for name in ("hints", "cases", "mistakes", "may_modify", "pass_as_is", "arguments"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        exercise_signature(self.reference, self.arguments)  # a bad list of arguments fails here, at import

    @property
    def all_warning_causes(self) -> dict[str, str]:
        """``warning_causes``, with ``no_warnings`` as the cause for any other warning (key ``""``)."""
        return {**({"": self.no_warnings} if self.no_warnings else {}), **self.warning_causes}

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


def run_battery(exercise: Exercise, trial) -> None:
    """Run the tests before the cases, every case, then the properties; raise at the first thing that is wrong.

    The reference is called on the same arguments as the learner's function
    (each gets its own copies), and ``exercise.compare`` compares the outputs.
    """
    if exercise.before_cases is not None:
        exercise.before_cases(trial)
    for case in exercise.cases:
        received = trial.call(case.name, *case.args, **case.kwargs)  # a numpy warning fails here
        expected = exercise.reference(*case.args, **case.kwargs)
        exercise.compare(received, expected, case)
    if exercise.properties is not None:
        exercise.properties(trial)
