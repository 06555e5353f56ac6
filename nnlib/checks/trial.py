"""Calling a learner's function safely, once per test input.

:class:`Trial` is the only way a battery of tests reaches the learner's
function. Each call

- passes deep copies of the arguments, then compares them with the originals,
  so a function that changes its input in place is caught (and cannot spoil
  the next test);
- captures anything printed, and any warning raised, instead of showing it;
- stops the function after a time limit (in the main thread, where Jupyter
  and pytest run code; elsewhere there is no limit);
- turns every way the call can go wrong into a signal that
  :func:`nnlib.checks.run` reports: :class:`~nnlib.checks.expect.Failure`
  (returned ``None``, ran too long, changed an input),
  :class:`LearnerRaised` (the function raised) and :class:`LearnerNotDone`
  (the untouched stub, or a stub that it calls).
"""

from __future__ import annotations

import contextlib
import copy
import inspect
import io
import linecache
import signal
import threading
import traceback
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nnlib.checks.diagnose import brief, first_difference
from nnlib.checks.expect import Failure
from nnlib.checks.source import python_loops, source_text

__all__ = ["Trial", "Call", "LearnerRaised", "LearnerNotDone", "split_arguments"]

# Frames from numpy or the standard library are not the learner's code, nor are nnlib's own.
_LIBRARY_DIRS = tuple(str(Path(module.__file__).resolve().parent) for module in (np, contextlib))
_NNLIB_DIR = str(Path(__file__).resolve().parent.parent)


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
    """

    def __init__(self, fn: Callable, signature: inspect.Signature, *, time_limit: float, may_modify=(), pass_as_is=()):
        self.fn = fn
        self.signature = signature
        self.time_limit = time_limit
        self.may_modify = tuple(may_modify)
        self.pass_as_is = tuple(pass_as_is)
        self.calls = 0
        self.last: Call | None = None
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
        self.last = Call(case, given)
        positional, keywords = split_arguments(self.signature, given)
        self.calls += 1
        stdout = io.StringIO()
        with (
            warnings.catch_warnings(record=True) as caught,
            contextlib.redirect_stdout(stdout),
            contextlib.redirect_stderr(stdout),
        ):
            warnings.simplefilter("always")
            try:
                with _time_limit(self.time_limit):
                    output = self.fn(*positional, **keywords)
            except NotImplementedError as error:
                inner = _unfinished_inner(error, self.fn)
                raise LearnerNotDone(inner, self.last, inner and _call_site(error, self.fn)) from None
            except _TimeUp:
                raise Failure(
                    f"it did not finish within {self.time_limit:g} s",
                    cause="an endless loop (a `while` whose condition never changes?), or a Python loop "
                    "over a very large input; vectorise it with numpy",
                    diagnosable=False,
                ) from None
            except KeyboardInterrupt:
                raise
            except BaseException as error:  # the learner's error, whatever it is, is reported, not raised
                raise LearnerRaised(error, self.last, _location(error, self.fn)) from None
        self.last.output = output
        self.last_stdout = stdout.getvalue()
        self._printed = self._printed or bool(self.last_stdout)
        self.last_warnings = list(dict.fromkeys(f"{w.category.__name__}: {w.message}" for w in caught))
        for warning in self.last_warnings:
            self.note(f'your code warned on test "{case}": {warning}')
        self._check_unchanged(originals, given)
        if output is None:
            raise Failure("it returned `None`", cause="did you forget `return`?", diagnosable=False)
        return output

    def _check_unchanged(self, originals: dict, given: dict) -> None:
        for name, original in originals.items():
            if name in self.may_modify:
                continue
            where = first_difference(original, given[name])
            if where is None:
                continue
            if name in self.pass_as_is:
                cause = f"put every entry of `{name}` back as it was after using it"
            elif isinstance(original, Mapping):
                cause = (
                    f"a function should not modify its inputs: `{name}[key] = ...` or `{name}[key] -= ...` "
                    f"changes the caller's dict; build and return a new dict"
                )
            else:
                cause = (
                    f"a function should not modify its inputs: `A = A * 2` makes a new array, "
                    f"while `A *= 2` or `A[...] = ...` changes the caller's `{name}`"
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


def _location(error: BaseException, fn: Callable) -> str | None:
    """``"line 4: Z = W @ X + b"`` for the deepest line of the learner's own code in the traceback."""
    frames = traceback.extract_tb(error.__traceback__)
    own_file = getattr(getattr(fn, "__code__", None), "co_filename", None)
    mine = [f for f in frames if f.filename == own_file] or [
        f for f in frames if not f.filename.startswith(_LIBRARY_DIRS + (_NNLIB_DIR,))
    ]
    if not mine:
        return None
    frame = mine[-1]
    line = (frame.line or linecache.getline(frame.filename, frame.lineno)).strip()
    where = (
        f"line {frame.lineno}"
        if frame.name == getattr(fn, "__name__", None)
        else f"line {frame.lineno} (in `{frame.name}`)"
    )
    return f"{where}: `{line}`" if line else where


def _call_site(error: BaseException, fn: Callable) -> str | None:
    """``"line 6: return update(...)"``: the line of ``fn`` itself from which the error came, when known."""
    code = getattr(fn, "__code__", None)
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if code is not None and (frame.filename, frame.name) == (code.co_filename, code.co_name)
    ]
    if not frames:
        return _location(error, fn)
    frame = frames[-1]
    line = (frame.line or linecache.getline(frame.filename, frame.lineno)).strip()
    return f"line {frame.lineno}: `{line}`" if line else f"line {frame.lineno}"


def _unfinished_inner(error: NotImplementedError, fn: Callable) -> str | None:
    """The name of the unfinished function that raised ``error``, when it is not ``fn`` itself.

    An untouched stub raises :class:`~nnlib.checks.NotDoneYet`, which knows its
    function's name; a plain ``NotImplementedError`` is named after the frame
    that raised it.
    """
    deepest = traceback.extract_tb(error.__traceback__)[-1]
    code = getattr(fn, "__code__", None)
    if code is not None and (deepest.filename, deepest.name) == (code.co_filename, code.co_name):
        return None  # fn's own body raised: fn is the stub
    name = getattr(error, "exercise_id", None) or deepest.name
    return None if name == getattr(fn, "__name__", None) else name
