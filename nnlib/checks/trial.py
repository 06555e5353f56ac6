"""Calling a learner's function safely, once per test input.

:class:`Trial` is the only way a battery of tests reaches the learner's
function. Each call

- passes deep copies of the arguments, then compares them with the originals,
  so a function that changes its input in place is caught (and cannot spoil
  the next test);
- captures anything printed, and any warning raised, instead of showing it;
  a numpy ``RuntimeWarning`` (overflow, division by zero, invalid value) fails
  the test, in every exercise: the course's inputs are ones the exercise
  promises to handle, and a warning there is a bug the learner should hear of;
- stops the function after a time limit (in the main thread, where Jupyter
  and pytest run code; elsewhere there is no limit);
- turns every way the call can go wrong into a signal that
  :func:`nnlib.checks.run` reports: :class:`~nnlib.checks.expect.Failure`
  (returned ``None``, ran too long, changed an input, warned),
  :class:`LearnerRaised` (the function raised) and :class:`LearnerNotDone`
  (the untouched stub, or a stub that it calls).
"""

from __future__ import annotations

import contextlib
import copy
import inspect
import signal
import threading
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from nnlib.checks.capture import (
    INTERRUPTED,
    NOT_DONE,
    RAISED,
    Captured,
    call_captured,
    call_site,
    learner_line,
    unfinished_name,
    warning_line,
)
from nnlib.checks.diagnose import brief, first_difference, warning_meaning
from nnlib.checks.expect import Failure
from nnlib.checks.source import python_loops, source_text

__all__ = ["Trial", "Call", "LearnerRaised", "LearnerNotDone", "split_arguments"]


class LearnerRaised(Exception):
    """The learner's function raised ``error`` on ``call``; ``location`` is the line, when known."""

    def __init__(self, error: BaseException, call: Call, location: str | None):
        super().__init__(f"{type(error).__name__}: {error}")
        self.error = error
        self.call = call
        self.location = location


class LearnerNotDone(Exception):
    """The learner's function raised ``NotImplementedError``: the exercise is still the stub.

    ``inner`` names the unfinished function when it is another one that the
    learner's function calls (e.g. ``update_parameters`` inside ``nn_model``),
    and ``call`` and ``location`` say where; ``inner`` is ``None`` when the
    function itself is the stub.
    """

    def __init__(self, inner: str | None = None, call: Call | None = None, location: str | None = None):
        super().__init__(inner or "")
        self.inner = inner
        self.call = call
        self.location = location


class _TimeUp(BaseException):
    """Raised inside the learner's code when its time is up.

    A BaseException, so a learner's ``except Exception`` cannot swallow it.
    """


@dataclass
class Call:
    """One call of the learner's function: the test's name, the arguments by name, and what came back."""

    case: str
    arguments: dict
    output: object = None
    before: dict | None = None  # the arguments as they were before the call (a random generator not yet drawn from)


class Trial:
    """Calls ``fn`` on the tests of one exercise and remembers the last call.

    The public API a battery uses (and nothing else: a battery never calls
    the learner's function directly or reads its globals, so that another
    process can stand in for this object):

    - ``call(case, *args, **kwargs)``: call the function on copies of plain-data
      arguments and return its output (see :meth:`call`);
    - ``last_stdout``, ``last_warnings``: what the last call printed and warned;
    - ``printed``: whether any call so far printed; ``ignore_printing()`` forgets
      it when printing was asked for;
    - ``notes``: remarks for the result that do not change the outcome;
      ``note(text)`` adds one, ``forget_notes(case)`` drops those about a test;
    - ``source()`` and ``python_loops()``: the function's source code and the
      Python loops in it (``None`` when the source cannot be read);
    - ``calls``, ``last`` and ``describe_inputs()``: for the result's message.

    Parameters
    ----------
    fn : callable
        The learner's function.
    signature : inspect.Signature
        The exercise's signature (the reference's), used to name the arguments.
    time_limit : float
        Seconds one call may take.
    may_modify : tuple of str
        Arguments the function is allowed to change in place.
    pass_as_is : tuple of str
        Arguments passed without copying, because the function is meant to
        work on that very object (e.g. nudge an array that a closure reads);
        they must still come back unchanged.
    warning_causes : mapping of str to str
        The exercise's own cause for a numpy warning whose message starts
        with the key (``""`` for any warning), e.g. ``{"overflow encountered
        in exp": "compute np.exp only of -|z|"}``; otherwise the failure says
        what the warning means, and where.
    """

    def __init__(
        self,
        fn: Callable,
        signature: inspect.Signature,
        *,
        time_limit: float,
        may_modify=(),
        pass_as_is=(),
        warning_causes: Mapping[str, str] | None = None,
    ):
        self.fn = fn
        self.warning_causes = dict(warning_causes or {})
        self.signature = signature
        self.time_limit = time_limit
        self.may_modify = tuple(may_modify)
        self.pass_as_is = tuple(pass_as_is)
        self.calls = 0
        self.last: Call | None = None
        self.history: list[Call] = []  # every call, in order (the last one is ``last``)
        self.last_warnings: list[str] = []
        self.last_stdout = ""
        self._notes: list[str] = []
        self._printed = False

    @property
    def notes(self) -> tuple[str, ...]:
        """Remarks that do not change the outcome, in the order they were made."""
        return tuple(self._notes)

    def note(self, text: str) -> None:
        """Add a remark to the result (once, however often it is made)."""
        if text not in self._notes:
            self._notes.append(text)

    def forget_notes(self, case: str) -> None:
        """Drop the notes about test ``case``, when a failure or a better note already says it."""
        self._notes[:] = [note for note in self._notes if f'"{case}"' not in note]

    @property
    def printed(self) -> bool:
        """Whether the function printed anything during the calls so far."""
        return self._printed

    def ignore_printing(self) -> None:
        """Forget that the function printed (after a test that asked it to print)."""
        self._printed = False

    def source(self) -> str | None:
        """The function's source code, or ``None`` when it cannot be read."""
        return source_text(self.fn)

    def python_loops(self) -> list[str] | None:
        """The Python loops in the function's source, as ``"line N: <code>"``; ``None`` without source."""
        return python_loops(self.fn)

    def call(self, case: str, *args, **kwargs):
        """Call the learner's function on copies of ``args``; return its output.

        ``case`` names the test in messages, e.g. ``"one example (m = 1)"``.
        """
        bound = self.signature.bind(*args, **kwargs)
        originals = copy.deepcopy(dict(bound.arguments))  # a snapshot, to see what the call changed
        given = {
            name: value if name in self.pass_as_is else copy.deepcopy(value) for name, value in bound.arguments.items()
        }
        self.last = Call(case, given, before=originals)
        self.history.append(self.last)
        positional, keywords = split_arguments(self.signature, given)
        self.calls += 1
        captured = call_captured(self.fn, positional, keywords, within=_time_limit(self.time_limit))
        self._raise_for(captured)
        self.last.output = captured.output
        self.last_stdout = captured.printed
        self._printed = self._printed or bool(self.last_stdout)
        self.last_warnings = list(dict.fromkeys(f"{w.category.__name__}: {w.message}" for w in captured.warnings))
        self._check_unchanged(originals, given)
        self._fail_on_runtime_warning(captured.warnings)
        for warning in self.last_warnings:
            self.note(f'your code warned on test "{case}": {warning}')
        if captured.output is None:
            raise Failure("it returned `None`", cause="did you forget `return`?", diagnosable=False)
        return captured.output

    def _raise_for(self, captured: Captured) -> None:
        """Raise the signal for what the learner's call raised, if anything (see the module's notes)."""
        error = captured.error
        if isinstance(error, _TimeUp):
            raise Failure(
                f"it did not finish within {self.time_limit:g} s",
                cause="an endless loop (a `while` whose condition never changes?), or a Python loop "
                "over a very large input; vectorise it with numpy",
                diagnosable=False,
            )
        if captured.status == INTERRUPTED:
            raise error
        if captured.status == NOT_DONE:
            inner = _unfinished_inner(error, self.fn)
            raise LearnerNotDone(inner, self.last, inner and call_site(error, self.fn))
        if captured.status == RAISED:  # the learner's error, whatever it is, is reported, not raised
            raise LearnerRaised(error, self.last, learner_line(error, self.fn))

    def _fail_on_runtime_warning(self, caught: list) -> None:
        """Raise :class:`Failure` for the first numpy ``RuntimeWarning`` the call raised, if any."""
        warning = next((w for w in caught if issubclass(w.category, RuntimeWarning)), None)
        if warning is None:
            return
        message = str(warning.message)
        cause = next(
            (cause for start, cause in self.warning_causes.items() if start and message.startswith(start)),
            self.warning_causes.get(""),
        )
        if cause is None:
            meaning = warning_meaning(message)
            cause = (
                f"{meaning + ' on this input; ' if meaning else ''}every check fails on a numpy warning: "
                f"the test's inputs are ones the exercise must handle, so change the computation rather "
                f"than switch the warning off"
            )
        where = warning_line(warning, self.fn)
        raise Failure(
            f"numpy warned on this input: {warning.category.__name__}: {message}",
            where=where,
            cause=cause,  # unless a known mistake that gives a wrong output reproduces this one
        )

    def _check_unchanged(self, originals: dict, given: dict) -> None:
        for name, original in originals.items():
            if name in self.may_modify:
                continue
            where = first_difference(original, given[name])
            if where is None:
                continue
            cause = (
                f"put every entry of `{name}` back as it was after using it"
                if name in self.pass_as_is
                else _mutation_cause(name, original)
            )
            raise Failure(f"it changed its argument `{name}` in place ({where})", cause=cause, diagnosable=False)

    def describe_inputs(self) -> str:
        """The last call's arguments, briefly: ``"W (3, 5), b (3, 1), X (5, 8)"``."""
        if self.last is None:
            return ""
        return ", ".join(
            f"{name} {brief(value)}" if isinstance(value, np.ndarray) else f"{name} = {brief(value)}"
            for name, value in self.last.arguments.items()
        )


def _mutation_cause(name: str, original) -> str:
    """Why argument ``name`` (``original`` before the call) changed, in the words of its type."""
    if isinstance(original, Mapping):
        return (
            f"a function should not modify its inputs: `{name}[key] = ...` replaces an entry of the caller's "
            f"dict, `{name}.pop(key)` removes one, and `{name}[key] -= ...` (or `A *= ...` on an array read "
            f"from it) changes the caller's array; compute new arrays (`A = A - x`) and return a new dict"
        )
    if isinstance(original, list):
        return (
            f"a function should not modify its inputs: `{name}.pop()`, `.append(...)`, `.reverse()`, "
            f"`del {name}[i]` or `{name}[i] = ...` (or `-=` on an array inside it) changes the caller's list; "
            f"read its items by index, in a `for` loop or with `reversed({name})`, or work on a copy, `list({name})`"
        )
    return (
        f"a function should not modify its inputs: `A = A * 2` makes a new array, "
        f"while `A *= 2` or `A[...] = ...` changes the caller's `{name}`"
    )


def split_arguments(signature: inspect.Signature, arguments: dict) -> tuple[list, dict]:
    """Pass arguments by position while they follow the signature's order (so a learner's own parameter
    names don't matter), and by name after the first one left out or from the first keyword-only one."""
    positional, keywords = [], {}
    names = iter(signature.parameters.values())
    by_position = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    for name, value in arguments.items():
        parameter = next(names, None)
        if not keywords and parameter is not None and parameter.name == name and parameter.kind in by_position:
            positional.append(value)
        else:
            keywords[name] = value
    return positional, keywords


@contextlib.contextmanager
def _time_limit(seconds: float):
    """Raise :class:`_TimeUp` in the running code after ``seconds`` (main thread only)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def time_up(signum, frame):
        raise _TimeUp()

    previous = signal.signal(signal.SIGALRM, time_up)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _unfinished_inner(error: NotImplementedError, fn: Callable) -> str | None:
    """The name of the unfinished function that raised ``error`` (see
    :func:`~nnlib.checks.capture.unfinished_name`), when it is not ``fn`` itself."""
    deepest = traceback.extract_tb(error.__traceback__)[-1]
    code = getattr(fn, "__code__", None)
    if code is not None and (deepest.filename, deepest.name) == (code.co_filename, code.co_name):
        return None  # fn's own body raised: fn is the stub
    name = unfinished_name(error)
    return None if name == getattr(fn, "__name__", None) else name
