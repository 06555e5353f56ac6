"""Calling a learner's function with its output captured, and saying what its exception means.

Shared by the two places that call a learner's function: :meth:`Trial.call
<nnlib.checks.trial.Trial.call>` (a check, in the learner's own process) and
:func:`nnlib.grading.kernel_side.serve` (the grader's agent in a learner's
kernel). :func:`call_captured` makes the call with everything printed (stdout
and stderr, in order) and every warning captured, and keeps the exception the
learner's code raised instead of raising it; :attr:`Captured.status` classifies
that exception:

- ``"not done"``: ``NotImplementedError``, the untouched stub or an unfinished
  function it calls (:func:`unfinished_name` names it);
- ``"interrupted"``: ``KeyboardInterrupt``: someone pressed Ctrl-C, or the
  grader interrupted the kernel; not the learner's error;
- ``"raised"``: anything else; :func:`learner_line` finds the line of the
  learner's code it came from.
"""

from __future__ import annotations

import contextlib
import io
import linecache
import traceback
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

__all__ = [
    "OK",
    "NOT_DONE",
    "INTERRUPTED",
    "RAISED",
    "Captured",
    "call_captured",
    "learner_line",
    "call_site",
    "unfinished_name",
    "warning_line",
]

OK = "ok"
NOT_DONE = "not done"
INTERRUPTED = "interrupted"
RAISED = "raised"

# Frames from numpy or the standard library are not the learner's code, nor are nnlib's own.
_LIBRARY_DIRS = tuple(str(Path(module.__file__).resolve().parent) for module in (np, contextlib))
_NNLIB_DIR = str(Path(__file__).resolve().parent.parent)


@dataclass
class Captured:
    """One call of a learner's function: what it returned or raised, printed and warned.

    ``error`` is the exception the call raised (``None`` when it returned
    ``output``); ``printed`` is its stdout and stderr together, in order;
    ``warnings`` are the warnings it raised, every one (none filtered away).
    """

    output: object = None
    error: BaseException | None = None
    printed: str = ""
    warnings: list[warnings.WarningMessage] = field(default_factory=list)

    @property
    def status(self) -> str:
        """:data:`OK`, :data:`NOT_DONE`, :data:`INTERRUPTED` or :data:`RAISED` (see the module's notes)."""
        if self.error is None:
            return OK
        if isinstance(self.error, NotImplementedError):
            return NOT_DONE
        if isinstance(self.error, KeyboardInterrupt):
            return INTERRUPTED
        return RAISED


def call_captured(
    fn: Callable,
    args: Sequence = (),
    kwargs: Mapping | None = None,
    *,
    within: contextlib.AbstractContextManager | None = None,
) -> Captured:
    """Call ``fn(*args, **kwargs)`` with its printing and warnings captured, and keep what it raised.

    ``within`` is a context manager entered around the call alone, inside
    the capture (e.g. a time limit). Every exception is kept in
    :attr:`Captured.error`, a ``BaseException`` too, so that a learner's
    ``sys.exit()`` cannot end the caller; the caller decides what to raise.
    """
    captured = Captured()
    stream = io.StringIO()
    with (
        warnings.catch_warnings(record=True) as caught,
        contextlib.redirect_stdout(stream),
        contextlib.redirect_stderr(stream),
    ):
        warnings.simplefilter("always")
        try:
            with within or contextlib.nullcontext():
                captured.output = fn(*args, **(kwargs or {}))
        except BaseException as error:  # the learner's error, whatever it is, is data for the caller
            captured.error = error
    captured.printed = stream.getvalue()
    captured.warnings = list(caught)
    return captured


def unfinished_name(error: NotImplementedError) -> str:
    """The name of the unfinished function that raised ``error``.

    An untouched stub raises :class:`~nnlib.checks.NotDoneYet`, which knows
    its exercise's id; a plain ``NotImplementedError`` is named after the
    function in which it was raised.
    """
    return getattr(error, "exercise_id", None) or traceback.extract_tb(error.__traceback__)[-1].name


def learner_line(error: BaseException, fn: Callable) -> str | None:
    """``"line 4: `Z = W @ X + b`"``: the deepest line of the learner's own code in ``error``'s traceback.

    The learner's code is ``fn``'s file when the traceback passes through it,
    else any file outside numpy, the standard library and nnlib; ``None``
    when there is none. A line in another function than ``fn`` names it.
    """
    frames = traceback.extract_tb(error.__traceback__)
    own_file = getattr(getattr(fn, "__code__", None), "co_filename", None)
    mine = [f for f in frames if f.filename == own_file] or [
        f for f in frames if not f.filename.startswith(_LIBRARY_DIRS + (_NNLIB_DIR,))
    ]
    if not mine:
        return None
    frame = mine[-1]
    if frame.name == getattr(fn, "__name__", None):
        return _quoted(frame, f"line {frame.lineno}")
    return _quoted(frame, f"line {frame.lineno} (in `{frame.name}`)")


def call_site(error: BaseException, fn: Callable) -> str | None:
    """``"line 6: `return update(...)`"``: the line of ``fn`` itself from which ``error`` came.

    Falls back on :func:`learner_line` when ``fn``'s own code is not in the
    traceback.
    """
    code = getattr(fn, "__code__", None)
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if code is not None and (frame.filename, frame.name) == (code.co_filename, code.co_name)
    ]
    if not frames:
        return learner_line(error, fn)
    return _quoted(frames[-1], f"line {frames[-1].lineno}")


def _quoted(frame: traceback.FrameSummary, where: str) -> str:
    """``where`` followed by the frame's line of code, when it can be read."""
    line = (frame.line or linecache.getline(frame.filename, frame.lineno)).strip()
    return f"{where}: `{line}`" if line else where


def warning_line(warning: warnings.WarningMessage, fn: Callable) -> str | None:
    """``"line 3: `return 1 / (1 + np.exp(-Z))`"``: the line of the learner's code that raised ``warning``.

    ``None`` when the warning came from elsewhere (numpy, nnlib) or its line cannot be read. A line in
    another function than ``fn`` names that function when it can tell.
    """
    filename = getattr(warning, "filename", None) or ""
    if filename.startswith(_LIBRARY_DIRS + (_NNLIB_DIR,)):
        return None
    line = linecache.getline(filename, warning.lineno).strip() if warning.lineno else ""
    if not line:
        return None
    own_file = getattr(getattr(fn, "__code__", None), "co_filename", None)
    return f"line {warning.lineno}: `{line}`" if filename == own_file else f"`{line}`"
