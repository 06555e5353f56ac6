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
import inspect
import warnings
import weakref
from collections.abc import Callable

import numpy as np

from nnlib.checks.chain import called_exercises, with_replaced
from nnlib.checks.diagnose import describe, same
from nnlib.checks.exercise import Exercise, run_battery
from nnlib.checks.expect import Failure
from nnlib.checks.registry import exercise_ids, get_exercise
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
    result = _battery_result(exercise, fn)
    if result.outcome in (Outcome.FAILED, Outcome.RAISED):
        return _chained_result(exercise, fn, result) or result
    return result


def _battery_result(exercise: Exercise, fn) -> CheckResult:
    """The result of ``exercise``'s battery on ``fn``, a callable that is not the reference."""
    exercise_id = exercise.id
    trial = Trial(
        fn,
        exercise.signature,
        time_limit=exercise.time_limit,
        may_modify=exercise.may_modify,
        pass_as_is=exercise.pass_as_is,
        warning_causes=exercise.all_warning_causes,
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

# The exercises whose chained check is running, so that two exercises that call each other stop.
_CHAINING: set[str] = set()


def _chained_result(exercise: Exercise, fn, result: CheckResult) -> CheckResult | None:
    """When ``fn`` fails but calls other exercises of the learner's that fail their own checks, and passes
    with the course's versions of those in their place: a result that says so. ``None`` otherwise."""
    if exercise.id in _CHAINING:
        return None
    _CHAINING.add(exercise.id)
    try:
        failing = {
            name: callee_result
            for name, callee in called_exercises(fn, exercise_ids()).items()
            if callee is not get_exercise(name).reference
            and not (callee_result := _cached_run(name, callee)).passed
            and callee_result.outcome is not Outcome.NOT_DONE
        }
        if not failing:
            return None
        replaced = with_replaced(fn, {name: get_exercise(name).reference for name in failing})
        if not _battery_result(exercise, replaced).passed:
            return None
    finally:
        _CHAINING.discard(exercise.id)
    names = " and ".join(f"`{name}`" for name in failing)
    verb = "is" if len(failing) == 1 else "are"
    details = [
        (
            "why",
            f"with the course's {names} in {'its' if len(failing) == 1 else 'their'} place, your "
            f"`{exercise.id}` passes every test; with yours, it failed as below",
        )
    ]
    details += [(f"`{name}`'s check", callee_result.summary) for name, callee_result in failing.items()]
    details.append(
        (
            "likely cause",
            "fix "
            + " and ".join(f'`{name}` (`check("{name}", {name})` shows what is wrong)' for name in failing)
            + f"; your `{exercise.id}` needs nothing else",
        )
    )
    details += [(f"with your {names}", f"{result.summary}")]
    return CheckResult(
        exercise.id,
        result.outcome,
        f"your `{exercise.id}` is right; the {names} it calls {verb} not",
        tuple(details),
        result.notes,
        inputs=result.inputs,
    )


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
    cause, reproduced = failure.cause, None
    if failure.diagnosable and trial.last is not None and trial.last.output is not None:
        reproduced = _diagnose(exercise, trial)
        cause = reproduced or cause
    test = failure.test or (trial.last.case if trial.last else None)
    details = [("test", test)] if test else []
    if failure.where:
        details.append(("where", failure.where))
    details += [
        (label, text) for label, text in (("expected", failure.expected), ("received", failure.received)) if text
    ]
    if reproduced:
        details.append(("diagnosis", "your output on this test is exactly what the known mistake below gives"))
    if cause:
        details.append(("likely cause", cause))
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
    cause = _raise_cause(error, exercise, trial.fn, raised.call.arguments, raised.location)
    if cause:
        details.append(("likely cause", cause))
    details.append(("inputs", trial.describe_inputs()))
    message = str(error).strip().splitlines()[0] if str(error).strip() else ""
    summary = f"your code raised {type(error).__name__}" + (f": {message}" if message else "")
    return CheckResult(exercise.id, Outcome.RAISED, summary, tuple(details), trial.notes, inputs=raised.call.arguments)


def _takes_the_call(fn, exercise: Exercise, arguments: dict) -> bool:
    """Whether ``fn``'s own signature demonstrably accepts the call the check made with ``arguments``
    (``False`` when it cannot tell: no signature, or a ``*args`` one, as a function in another process has)."""
    try:
        signature = inspect.signature(fn)
    except (TypeError, ValueError):
        return False
    if any(p.kind is inspect.Parameter.VAR_POSITIONAL for p in signature.parameters.values()):
        return False
    positional, keywords = split_arguments(exercise.signature, arguments)
    try:
        signature.bind(*positional, **keywords)
    except TypeError:
        return False
    return True


def _raise_cause(error: BaseException, exercise: Exercise, fn=None, arguments=None, location=None) -> str | None:
    text = str(error)
    if isinstance(error, ValueError) and any(
        word in text for word in ("broadcast", "matmul", "aligned", "same shape", "must have shape")
    ):
        return (
            "two arrays' shapes do not fit together on that line: print their `.shape` and compare them "
            "with the shapes in the exercise's description"
        )
    if isinstance(error, TypeError) and ("positional argument" in text or "keyword argument" in text):
        if not _takes_the_call(fn, exercise, arguments):  # else the error is from a call inside the function
            parameters = ", ".join(exercise.signature.parameters)
            return f"the function must take the arguments `{exercise.id}({parameters})`"
        return None
    if isinstance(error, KeyError):
        return "a dict has no such key: print its `.keys()`; key names are case- and space-sensitive"
    if isinstance(error, NameError):
        return "a name used inside your function is not defined: a typo, or a cell above not run yet?"
    if isinstance(error, TypeError) and (
        "length-1 arrays" in text or "0-dimensional arrays" in text or "size-1 arrays" in text
    ):
        if "math." in (location or ""):
            return "the `math` module works on single numbers; on arrays use numpy's functions (`np.exp`, `np.log`)"
        for convert in ("float", "int"):
            if f"{convert}(" in (location or ""):
                return f"`{convert}(...)` turns only a 1-element array into a number; this array has more entries"
        return None
    if isinstance(error, IndexError) and "tuple index" in text:
        return "`.shape` has one entry per axis: a 2-D array's shape is `(rows, columns)`"
    return None


def _diagnose(exercise: Exercise, trial: Trial) -> str | None:
    """The cause of the first known mistake whose output matches the learner's on the failing test.

    A mistake whose output on this test is the reference's cannot explain a failure here (the
    learner's output may be right and the failure about something else, e.g. a warning): it is skipped.
    """
    mistakes = [mistake for mistake in exercise.mistakes if mistake.shown_by == "output"]
    if not mistakes:
        return None
    failing = trial.last
    right = _quiet_call(exercise, exercise.reference, _replayed(exercise, failing))
    candidates = []
    for mistake in mistakes:
        wrong = _quiet_call(exercise, mistake.fn, _replayed(exercise, failing))
        if wrong is not _COULD_NOT_RUN and same(wrong, failing.output) and not same(wrong, right):
            candidates.append(mistake)
    # Several reproduce this test (e.g. every unclipped cost gives nan on a prediction of 0): the one that
    # also gives what the learner's function gave on the tests before it is the learner's.
    for mistake in candidates if len(candidates) > 1 else ():
        earlier = trial.history[:-1]
        if all(same(_quiet_call(exercise, mistake.fn, _replayed(exercise, call)), call.output) for call in earlier):
            return mistake.cause
    return candidates[0].cause if candidates else None


def _replayed(exercise: Exercise, call) -> dict:
    """The arguments of ``call`` as they were before it (a generator not yet drawn from); those passed as
    they are (a function and the array it reads) are the very objects."""
    before = call.before if call.before is not None else call.arguments
    return {name: call.arguments[name] if name in exercise.pass_as_is else value for name, value in before.items()}


_COULD_NOT_RUN = object()


def _quiet_call(exercise: Exercise, fn: Callable, arguments: dict):
    """``fn`` called on copies of ``arguments`` (as the exercise passes them), warnings silenced;
    :data:`_COULD_NOT_RUN` when it raises."""
    arguments = {
        name: value if name in exercise.pass_as_is else copy.deepcopy(value) for name, value in arguments.items()
    }
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            positional, keywords = split_arguments(exercise.signature, arguments)
            return fn(*positional, **keywords)
    except Exception:  # noqa: BLE001  (a mistake that cannot run on this input simply does not match)
        return _COULD_NOT_RUN


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
