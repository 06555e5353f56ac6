"""Run an exercise's tests on a learner's function, show the result, fall back when needed.

- :func:`run` returns a :class:`~nnlib.checks.result.CheckResult`; it never
  raises because of what the learner's function does.
- :func:`check` shows that result in the notebook (a ✓ line or a ✗ box).
- :func:`hint` shows the exercise's hints one level at a time.
- :func:`use` returns the learner's function when it passes and nnlib's
  reference otherwise, and says which, so a notebook never gets stuck.
- :func:`reference` is nnlib's version of an exercise.
"""

from __future__ import annotations

import copy
import warnings
import weakref
from collections.abc import Callable

import numpy as np

from nnlib.checks.diagnose import describe, same
from nnlib.checks.exercise import Exercise, run_battery
from nnlib.checks.expect import Failure
from nnlib.checks.registry import get_exercise
from nnlib.checks.result import CheckResult, Outcome, code_spans
from nnlib.checks.stale import stale_reason
from nnlib.checks.trial import LearnerNotDone, LearnerRaised, Trial, split_arguments

__all__ = ["run", "check", "hint", "use", "reference"]


def reference(exercise_id: str) -> Callable:
    """nnlib's reference implementation of exercise ``exercise_id``."""
    return get_exercise(exercise_id).reference


def run(exercise_id: str, fn) -> CheckResult:
    """Test ``fn`` as exercise ``exercise_id`` and return the result (``.passed``, ``.message``).

    The learner's function is called once per test input, on copies of the
    inputs, with printing captured and a time limit; whatever it does
    (raises, returns ``None`` or the wrong type, mutates its inputs, loops
    forever), the result says so and this function returns normally. Only an
    unknown ``exercise_id`` raises (``ValueError``). In IPython, a function
    older than the last run of its cell (which failed before redefining it)
    is not tested: the result says so.
    """
    exercise = get_exercise(exercise_id)
    stale = _stale_result(exercise_id, fn)
    if stale is not None:
        return stale
    if not callable(fn):
        return CheckResult(
            exercise_id,
            Outcome.FAILED,
            f"expected your function, got {describe(fn)}",
            (
                (
                    "likely cause",
                    f'pass the function itself, without calling it: `check("{exercise_id}", {exercise_id})`',
                ),
            ),
        )
    if fn is exercise.reference:
        return CheckResult(
            exercise_id,
            Outcome.FAILED,
            "this is the course's own version, not yours",
            (
                (
                    "likely cause",
                    f"the name `{exercise_id}` was replaced by the course's version; "
                    "run your exercise cell again, then this check",
                ),
            ),
        )
    trial = Trial(
        fn,
        exercise.signature,
        time_limit=exercise.time_limit,
        may_modify=exercise.may_modify,
        pass_as_is=exercise.pass_as_is,
    )
    try:
        run_battery(exercise, trial)
    except LearnerNotDone as not_done:
        if not_done.inner:
            return _inner_not_done_result(exercise, trial, not_done)
        return CheckResult(
            exercise_id,
            Outcome.NOT_DONE,
            "not done yet. Write it where it says # YOUR CODE HERE, run that cell, then this one.",
        )
    except LearnerRaised as raised:
        return _raised_result(exercise, trial, raised)
    except Failure as failure:
        return _failed_result(exercise, trial, failure)
    except Exception as error:  # noqa: BLE001  (a check must never crash in a learner's notebook)
        return CheckResult(
            exercise_id,
            Outcome.FAILED,
            f"the check could not finish: {type(error).__name__}: {error}",
            (
                ("test", trial.last.case if trial.last else "before the first test"),
                (
                    "note",
                    "this happened while examining what your function returned; if your function looks "
                    "right, it is a bug in the course: please report it",
                ),
            ),
            inputs=trial.last.arguments if trial.last else {},
        )
    notes = list(trial.notes)
    if trial.printed:
        notes.append("your function printed something while it was tested; the checks hid it")
    return CheckResult(exercise_id, Outcome.PASSED, f"passed ({trial.calls} test inputs)", notes=tuple(notes))


_STALE = "this is an older version of"


def _stale_result(exercise_id: str, fn) -> CheckResult | None:
    """A failed result when ``fn`` is older than the last run of its cell, else ``None``."""
    reason = stale_reason(fn) if callable(fn) else None
    if reason is None:
        return None
    name = getattr(fn, "__name__", exercise_id)
    return CheckResult(
        exercise_id,
        Outcome.FAILED,
        f"{_STALE} `{name}`, not the one in its cell: nothing was tested",
        (
            ("why", reason),
            ("likely cause", "fix the error in the exercise cell and run it again (Shift-Enter), then this check"),
        ),
    )


def _inner_not_done_result(exercise: Exercise, trial: Trial, not_done: LearnerNotDone) -> CheckResult:
    details = [("test", not_done.call.case)] if not_done.call else []
    if not_done.location:
        details.append(("where", not_done.location))
    details.append(
        (
            "likely cause",
            f"`{not_done.inner}` is still the untouched stub: write it in its own exercise cell and run that "
            f"cell (or call the version the lesson prepared for you), then run this check again",
        )
    )
    return CheckResult(
        exercise.id,
        Outcome.RAISED,
        f"your `{exercise.id}` calls `{not_done.inner}`, which is not done yet",
        tuple(details),
        trial.notes,
        inputs=not_done.call.arguments if not_done.call else {},
    )


def _failed_result(exercise: Exercise, trial: Trial, failure: Failure) -> CheckResult:
    cause = failure.cause
    if failure.diagnosable and trial.last is not None and trial.last.output is not None:
        cause = _diagnose(exercise, trial) or cause
    test = failure.test or (trial.last.case if trial.last else None)
    details = [("test", test)] if test else []
    details += [
        (label, text)
        for label, text in (("expected", failure.expected), ("received", failure.received), ("likely cause", cause))
        if text
    ]
    if trial.last and not failure.test:
        details.append(("inputs", trial.describe_inputs()))
    return CheckResult(
        exercise.id,
        Outcome.FAILED,
        failure.problem,
        tuple(details),
        trial.notes,
        inputs=trial.last.arguments if trial.last else {},
    )


def _raised_result(exercise: Exercise, trial: Trial, raised: LearnerRaised) -> CheckResult:
    error = raised.error
    details = [("test", raised.call.case)]
    if raised.location:
        details.append(("where", raised.location))
    cause = _raise_cause(error, exercise)
    if cause:
        details.append(("likely cause", cause))
    details.append(("inputs", trial.describe_inputs()))
    message = str(error).strip().splitlines()[0] if str(error).strip() else ""
    summary = f"your code raised {type(error).__name__}" + (f": {message}" if message else "")
    return CheckResult(exercise.id, Outcome.RAISED, summary, tuple(details), trial.notes, inputs=raised.call.arguments)


def _raise_cause(error: BaseException, exercise: Exercise) -> str | None:
    text = str(error)
    if isinstance(error, ValueError) and any(
        word in text for word in ("broadcast", "matmul", "aligned", "same shape", "must have shape")
    ):
        return (
            "two arrays' shapes do not fit together on that line: print their `.shape` and compare them "
            "with the shapes in the exercise's description"
        )
    if isinstance(error, TypeError) and ("positional argument" in text or "keyword argument" in text):
        parameters = ", ".join(exercise.signature.parameters)
        return f"the function must take the arguments `{exercise.id}({parameters})`"
    if isinstance(error, KeyError):
        return "a dict has no such key: print its `.keys()`; key names are case- and space-sensitive"
    if isinstance(error, NameError):
        return "a name used inside your function is not defined: a typo, or a cell above not run yet?"
    if isinstance(error, TypeError) and (
        "length-1 arrays" in text or "0-dimensional arrays" in text or "size-1 arrays" in text
    ):
        return (
            "the `math` module works on single numbers; on arrays use numpy's functions (`np.exp`, `np.log`). "
            "`float(x)` and `int(x)` also need one number: take it out of an array by indexing every axis "
            "(`b[f, 0, 0]`) or with `.item()`"
        )
    if isinstance(error, IndexError) and "tuple index" in text:
        return "`.shape` has one entry per axis: a 2-D array's shape is `(rows, columns)`"
    return None


def _diagnose(exercise: Exercise, trial: Trial) -> str | None:
    """The cause of the first known mistake whose output matches the learner's on the failing test."""
    for mistake in exercise.mistakes:
        arguments = {
            name: value if name in exercise.pass_as_is else copy.deepcopy(value)
            for name, value in trial.last.arguments.items()
        }
        try:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                positional, keywords = split_arguments(exercise.signature, arguments)
                wrong = mistake.fn(*positional, **keywords)
        except Exception:  # noqa: BLE001  (a mistake that cannot run on this input simply does not match)
            continue
        if same(wrong, trial.last.output):
            return mistake.cause
    return None


# The last result for each (learner's function, exercise), so that `use` after
# `check` does not test the same function twice.
_RESULTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _cached_run(exercise_id: str, fn) -> CheckResult:
    stale = _stale_result(exercise_id, fn)  # before the cache: the cell may have failed since the last check
    if stale is not None:
        return stale
    try:
        results = _RESULTS.setdefault(fn, {})
    except TypeError:  # not weak-referenceable (a builtin, say): no caching
        return run(exercise_id, fn)
    if exercise_id not in results:
        results[exercise_id] = run(exercise_id, fn)
    return results[exercise_id]


def _show(value) -> None:
    """Display ``value`` richly in IPython, as plain text elsewhere."""
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython comes with the course
        get_ipython = None
    if get_ipython is not None and get_ipython() is not None:
        display(value)
    else:
        print(value)


def check(exercise_id: str, fn) -> None:
    """Test ``fn`` as exercise ``exercise_id`` and show the result: a ✓ line or a ✗ box."""
    _show(_cached_run(exercise_id, fn))


def use(exercise_id: str, fn) -> Callable:
    """Return ``fn`` if it passes exercise ``exercise_id``'s check, else nnlib's reference; say which.

    This is how a lesson stays runnable: later cells call what ``use``
    returns, so an unfinished exercise never breaks them.
    """
    exercise = get_exercise(exercise_id)
    result = _cached_run(exercise_id, fn)
    if result.passed:
        print(f"Using your `{exercise_id}` (it passes its check).")
        return fn
    reason = "does not pass its check yet"
    if result.outcome is Outcome.NOT_DONE:
        reason = "is not done yet"
    elif result.summary.startswith(_STALE):
        reason = "is an older version than its cell, whose last run failed"
    print(f"Using the course's `{exercise_id}` here, because yours {reason}.")
    return exercise.reference


class _Hint:
    """One hint, rendered as plain text or HTML."""

    def __init__(self, exercise_id: str, level: int, hints: tuple[str, ...]):
        self.exercise_id, self.level, self.hints = exercise_id, level, hints

    def __str__(self) -> str:
        more = (
            f' (hint("{self.exercise_id}") again for the next)' if self.level < len(self.hints) else " (the last one)"
        )
        return f"Hint {self.level} of {len(self.hints)} for {self.exercise_id}{more}: {self.hints[self.level - 1]}"

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(str(self))

    def _repr_html_(self) -> str:
        more = "run it again for the next" if self.level < len(self.hints) else "the last one"
        return (
            f'<div style="border-left:4px solid #1565c0; padding:4px 10px; margin:4px 0">'
            f"<b>Hint {self.level} of {len(self.hints)}</b> for <code>{self.exercise_id}</code> "
            f'<span style="opacity:0.7">({more})</span><br>{code_spans(self.hints[self.level - 1])}</div>'
        )


_HINTS_SHOWN: dict[str, int] = {}


def hint(exercise_id: str, level: int | None = None) -> None:
    """Show a hint for ``exercise_id``: the next one each time, or hint number ``level`` (from 1)."""
    hints = get_exercise(exercise_id).hints
    if level is None:
        level = min(_HINTS_SHOWN.get(exercise_id, 0) + 1, len(hints))
    elif isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= len(hints):
        raise ValueError(f"level must be an int from 1 to {len(hints)} for {exercise_id!r}, got {level!r}")
    _HINTS_SHOWN[exercise_id] = max(_HINTS_SHOWN.get(exercise_id, 0), level)
    _show(_Hint(exercise_id, level, hints))
