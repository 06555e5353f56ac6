"""Check an exercise in the grader's process while the learner's function runs in the learner's kernel.

The exercise's battery runs here, through the usual :func:`nnlib.checks.run`,
on a :class:`KernelFunction`: a callable that forwards each call to the
kernel as data, and turns the kernel's data reply back into what a local
call would have given (the output, changes to the arguments, printing,
warnings, an exception of the same type). Every comparison, and so every
verdict, happens here, out of the learner's reach.

Checks that read the learner's code (a loop left in ``weighted_sums``, the
parameters of ``initialize_parameters``) read the cell of the notebook file
that defines the function graded (:mod:`nnlib.grading.authorship` finds it,
and says when the function is not the learner's own ``def``), compiled
without running it into a function object that only carries the code and its lines.
"""

from __future__ import annotations

import ast
import builtins
import dataclasses
import types
import warnings

import numpy as np

from nnlib.checks import run
from nnlib.checks.capture import NOT_DONE, OK, RAISED
from nnlib.checks.result import CheckResult, Outcome
from nnlib.grading.authorship import cell_code, compiled_function, examine, judged
from nnlib.grading.kernel import KernelSession
from nnlib.grading.kernel_side import CALLBACK
from nnlib.grading.wire import TooLarge, WireError, opaque, pack, unpack

__all__ = ["KernelFunction", "source_function", "check_in_kernel", "MISSING", "COULD_NOT_RUN"]

MISSING = "missing"
COULD_NOT_RUN = "could not run"
CALL_BACKSTOP = 120.0  # seconds; each check's own time limit normally stops a call long before


class KernelDied(Exception):
    """The kernel stopped while running the learner's function."""


class ReplyTooLarge(Exception):
    """The kernel's reply was refused for its size (or compressed data), before it was unpacked."""


def source_function(name: str, cells: list[tuple[int, str]], notebook: str) -> types.FunctionType | None:
    """The last top-level ``def name`` in ``cells`` (``(number, source)`` pairs), compiled, never run.

    The returned function has the learner's code object, so ``inspect`` reads
    its source, lines and parameter names (not its default values); calling
    it is never needed and never done. Its ``cell`` attribute is the cell's number.
    """
    for number, source in reversed(cells):
        try:
            tree = ast.parse(cell_code(source))
        except SyntaxError:
            continue
        defs = [node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name == name]
        if defs:
            first = min([defs[-1].lineno] + [decorator.lineno for decorator in defs[-1].decorator_list])
            return compiled_function(source, number, notebook, first)
    return None


def _signature_function(name: str, parameters: list[str]) -> types.FunctionType | None:
    """A function with the learner's parameter names and nothing else, when its cell cannot be found."""
    plain = [p for p in parameters if p.isidentifier() and not p.startswith("_")]
    if len(plain) != len(parameters) or not name.isidentifier():
        return None
    module = compile(f"def {name}({', '.join(plain)}):\n    pass\n", f"<{name}: source not found>", "exec")
    return types.FunctionType(module.co_consts[0], {}, name)


def _exception(kind: str, message: str) -> BaseException:
    """An exception whose type has the name ``kind`` (a subclass of the builtin one, when there is one)."""
    base = getattr(builtins, kind, None)
    if not (isinstance(base, type) and issubclass(base, Exception)):
        base = Exception
    cls = type(kind if kind.isidentifier() else "Error", (base,), {"__str__": lambda self: message})
    return cls.__new__(cls)


def _restore(target, value) -> None:
    """Put ``value`` (what the kernel's copy of an argument became) into ``target`` in place, where possible."""
    if isinstance(target, np.ndarray) and isinstance(value, np.ndarray):
        if target.shape == value.shape and target.dtype == value.dtype:
            np.copyto(target, value)
    elif isinstance(target, dict) and isinstance(value, dict):
        target.clear()
        target.update(value)
    elif isinstance(target, list) and isinstance(value, list):
        target[:] = value


def _restore_arguments(arguments: dict, args: tuple, kwargs: dict) -> None:
    """Put into ``args`` and ``kwargs`` what the kernel's copies of them became (``{"args", "kwargs"}``)."""
    for target, value in zip(args, arguments.get("args") or []):
        _restore(target, value)
    for name, value in (arguments.get("kwargs") or {}).items():
        if name in kwargs:
            _restore(kwargs[name], value)


def _print_and_warn(reply: dict) -> None:
    """Print what the learner's function printed in the kernel, and raise the warnings it raised there."""
    printed = reply.get("printed")
    if isinstance(printed, str) and printed:
        print(printed, end="")
    for warning in reply.get("warnings") or []:
        category = getattr(builtins, str(warning.get("category")), None)
        if not (isinstance(category, type) and issubclass(category, Warning)):
            category = UserWarning
        warnings.warn_explicit(str(warning.get("message", "")), category, "<your function>", 1)


def _reply(payloads: list, oversized: int = 0) -> dict:
    """The agent's reply among the data a call published: the last payload that unpacks to one."""
    refused = None
    for payload in reversed(payloads):
        try:
            candidate = unpack(payload)
        except TooLarge as error:
            refused = str(error)
            continue
        except WireError:
            continue
        if isinstance(candidate, dict) and "status" in candidate:
            return candidate
    if oversized or refused:
        reason = refused or f"{oversized} characters, more than the grader accepts"
        raise ReplyTooLarge(f"the reply of your function was refused, too large for the grader ({reason})")
    raise KernelDied("the kernel stopped while running your function (os._exit, a crash, or a limit?)")


class KernelFunction:
    """The learner's function ``name`` in ``session``'s kernel, callable here.

    ``__wrapped__`` is the function compiled from the notebook (for
    ``inspect``), so source-reading checks see the learner's cell.
    """

    def __init__(self, session: KernelSession, name: str, source: types.FunctionType | None):
        self.session = session
        self.__name__ = name
        self.last_location: str | None = None
        if source is not None:
            self.__wrapped__ = source
            self.__code__ = source.__code__

    def __call__(self, *args, **kwargs):
        callables: list = []
        request = pack({"args": list(args), "kwargs": kwargs}, callables)
        code = f"__import__('nnlib.grading.kernel_side', fromlist=['serve']).serve({self.__name__!r}, {request!r})"

        def answer(prompt: str) -> str:
            return self._callback(prompt, callables, args, kwargs)

        try:
            ran = self.session.run_code(code, CALL_BACKSTOP, on_input=answer)
        except BaseException:  # the check's time limit (or Ctrl-C): stop the kernel's call too
            self.session.interrupt()
            raise
        return self._as_local_call(_reply(ran.data, ran.oversized), args, kwargs)

    def _as_local_call(self, reply: dict, args: tuple, kwargs: dict):
        """What calling the function here would have done: raise what it raised, or change the arguments,
        print and warn as it did, and return its output."""
        status = reply.get("status")
        if status == NOT_DONE:
            unfinished = NotImplementedError()
            name = reply.get("unfinished")
            unfinished.exercise_id = name if isinstance(name, str) and name.isidentifier() else self.__name__
            raise unfinished
        if status == RAISED:
            error = reply.get("error") or {}
            self.last_location = error.get("location") if isinstance(error.get("location"), str) else None
            raise _exception(str(error.get("type", "Exception")), str(error.get("message", "")))
        if status == "unpackable":
            return opaque("unsendable", "a value that could not be sent back")
        if status != OK:
            raise KernelDied(f"the call ended with status {status!r}")
        _restore_arguments(reply.get("arguments") or {}, args, kwargs)
        _print_and_warn(reply)
        return reply.get("output")

    def _callback(self, prompt: str, callables: list, args: tuple, kwargs: dict) -> str:
        """Evaluate one of the grader's callables for the kernel, on the arrays as the kernel has them now."""
        try:
            request = unpack(prompt.removeprefix(CALLBACK))
            for key, value in (request.get("arrays") or {}).items():
                target = args[int(key)] if key.isdigit() and int(key) < len(args) else kwargs.get(key)
                _restore(target, value)
            function = callables[int(request["ref"])]
            return pack(function(*request.get("args", []), **request.get("kwargs", {})))
        except Exception:  # noqa: BLE001  (a malformed request gets a value that fails the check, not a crash)
            return pack(float("nan"))


def check_in_kernel(
    session: KernelSession, exercise_id: str, cells: list[tuple[int, str]], notebook: str
) -> tuple[str, CheckResult | None]:
    """Check exercise ``exercise_id`` against the learner's function in ``session``'s kernel.

    Returns ``(outcome, result)``: the outcome's words, and the check's result
    (``None`` when the function is missing or the kernel could not answer).
    """
    described = session.run_code(
        f"__import__('nnlib.grading.kernel_side', fromlist=['describe']).describe({exercise_id!r})", 30
    )
    info = None
    for payload in reversed(described.data):
        try:
            info = unpack(payload)
            break
        except WireError:
            continue
    if not isinstance(info, dict):
        return COULD_NOT_RUN, None
    if not info.get("exists"):
        return MISSING, None
    if not info.get("callable"):
        result = run(exercise_id, opaque(str(info.get("type", "object"))))
        return result.outcome.value, result
    examined = examine(exercise_id, info.get("origin"), cells, notebook)
    parameters = [str(p) for p in info.get("parameters") or []]
    # The checks that read code read the function graded, wherever the notebook defines it; none when no cell does.
    function = KernelFunction(session, exercise_id, examined.source or _signature_function(exercise_id, parameters))
    result = run(exercise_id, function)
    if result.outcome is Outcome.RAISED and function.last_location:
        details = list(result.details)
        details.insert(1 if details and details[0][0] == "test" else 0, ("where", function.last_location))
        result = dataclasses.replace(result, details=tuple(details))
    return judged(result.outcome.value, result, examined)
