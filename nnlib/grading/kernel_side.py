"""The grader's agent inside a learner's kernel: call the learner's function on data, send back data.

The grader imports nothing from a kernel and trusts nothing it says: this
module only *computes* there. :func:`serve` unpacks the arguments the grader
sent (see :mod:`nnlib.grading.wire`), calls the learner's function on them
with its printing and warnings captured, and publishes one reply, as packed
data under :data:`MIME`: the status, the output, the arguments as they are
after the call (to catch changes in place), what was printed, the warnings,
and for an exception its type, message and line. The verdict is reached in
the grader's process, so a kernel that patches this module (or anything
else) can change what data comes back, never how it is judged.

A callable argument (``numerical_gradient(f, x)``'s ``f``) arrives as a
stand-in that asks the grader, over Jupyter's input channel, to evaluate the
real function on the current values of the call's array arguments.
"""

from __future__ import annotations

from nnlib.checks.capture import NOT_DONE, OK, RAISED, Captured, call_captured, learner_line, unfinished_name
from nnlib.grading.wire import pack, unpack

__all__ = ["MIME", "CALLBACK", "serve", "describe"]

MIME = "application/x-nnlib-grader+text"
CALLBACK = "nnlib-grader-callback:"
MAX_PRINTED = 20_000


def _publish(reply: dict) -> None:
    from IPython.display import display

    display({MIME: pack(reply)}, raw=True)


def describe(name: str) -> None:
    """Publish what ``name`` is in the learner's namespace: missing, not callable, or a function."""
    from IPython import get_ipython

    namespace = get_ipython().user_ns
    if name not in namespace:
        _publish({"exists": False})
        return
    value = namespace[name]
    module = getattr(value, "__module__", None)
    try:
        import inspect

        parameters = list(inspect.signature(value).parameters)
    except (TypeError, ValueError):
        parameters = []
    _publish(
        {
            "exists": True,
            "callable": callable(value),
            "type": type(value).__name__,
            "module": module if isinstance(module, str) else "",
            "parameters": [str(parameter) for parameter in parameters],
            "origin": origin(value, name),
        }
    )


def _reference_ids(exercise_id: str) -> set[int]:
    """The ids of nnlib's reference for ``exercise_id`` and of the functions it wraps (empty if unknown)."""
    try:
        from nnlib.checks import reference

        function = reference(exercise_id)
    except Exception:  # noqa: BLE001  (not an exercise, or nnlib broken by the notebook: nothing to compare)
        return set()
    found: set[int] = set()
    while function is not None and id(function) not in found:
        found.add(id(function))
        function = getattr(function, "__wrapped__", None)
    return found


def _through(value, path: str, names: set[str], targets: set[int], depth: int = 3) -> str | None:
    """``path`` when ``value`` is one of ``targets``, or the path to one through module attributes in ``names``."""
    import types

    if id(value) in targets:
        return path
    if depth == 0 or not isinstance(value, types.ModuleType):
        return None
    for name in sorted(names):
        found = _through(getattr(value, name, None), f"{path}.{name}", names, targets, depth - 1)
        if found:
            return found
    return None


def _reaches(function, targets: set[int]) -> list[str]:
    """The names through which ``function``'s code reaches one of ``targets``: the globals its code names
    (``nnlib.shapes.weighted_sums`` through modules), its defaults and its closure."""
    import types

    codes, names = [function.__code__], set()
    while codes:
        code = codes.pop()
        names.update(code.co_names)
        codes += [const for const in code.co_consts if isinstance(const, types.CodeType)]
    found = [
        path
        for name in sorted(names)
        if (path := _through(function.__globals__.get(name), name, names, targets)) is not None
    ]
    defaults = list(function.__defaults__ or ()) + list((function.__kwdefaults__ or {}).values())
    found += ["a default argument" for value in defaults if id(value) in targets]
    cells = zip(function.__code__.co_freevars, function.__closure__ or ())
    found += [name for name, cell in cells if id(getattr(cell, "cell_contents", None)) in targets]
    return found


def origin(value, exercise_id: str) -> dict:
    """Where ``value``'s code comes from: a plain function's file and first line, whether that is nnlib's
    own, and the names through which it reaches nnlib's reference for ``exercise_id``."""
    import os
    import types

    import nnlib

    described: dict = {"function": isinstance(value, types.FunctionType), "type": type(value).__name__}
    if not described["function"]:
        return described
    code = value.__code__
    package = os.path.dirname(os.path.abspath(nnlib.__file__)) + os.sep
    described.update(
        file=code.co_filename,
        line=code.co_firstlineno,
        qualname=str(getattr(value, "__qualname__", code.co_name)),
        nnlib=os.path.abspath(code.co_filename).startswith(package),
        reaches=_reaches(value, _reference_ids(exercise_id)),
    )
    return described


class _Callback:
    """Stands in for the grader's callable number ``ref``; the grader evaluates it on the current arrays."""

    def __init__(self, ref: int, call: dict):
        self.ref = ref
        self.call = call

    def __call__(self, *args, **kwargs):
        import numpy as np
        from IPython import get_ipython

        arrays = {
            str(index): value for index, value in enumerate(self.call["args"]) if isinstance(value, np.ndarray)
        } | {name: value for name, value in self.call["kwargs"].items() if isinstance(value, np.ndarray)}
        request = pack({"ref": self.ref, "args": list(args), "kwargs": kwargs, "arrays": arrays})
        answer = get_ipython().kernel.raw_input(CALLBACK + request)
        return unpack(answer)


def serve(name: str, request: str) -> None:
    """Call the learner's ``name`` on the packed ``request`` (``{"args", "kwargs"}``) and publish the reply."""
    from IPython import get_ipython

    call: dict = {}
    decoded = unpack(request, callable_factory=lambda ref: _Callback(ref, call))
    call.update(decoded)
    fn = get_ipython().user_ns.get(name)
    captured = call_captured(fn, call["args"], call["kwargs"])
    reply = {"status": captured.status, **_ending(captured, fn)}
    reply["arguments"] = {"args": call["args"], "kwargs": call["kwargs"]}
    reply["printed"] = captured.printed[:MAX_PRINTED]
    reply["warnings"] = [
        {"category": warning.category.__name__, "message": str(warning.message)[:500]}
        for warning in captured.warnings[:20]
    ]
    try:
        _publish(reply)
    except Exception as error:  # noqa: BLE001  (say what could not be sent rather than nothing)
        _publish({"status": "unpackable", "error": {"type": type(error).__name__, "message": str(error)[:500]}})


def _ending(captured: Captured, fn) -> dict:
    """The part of the reply that says how the call ended: its output, the unfinished function, or the error."""
    error = captured.error
    if captured.status == OK:
        return {"output": captured.output}
    if captured.status == NOT_DONE:  # the stub itself, or an unfinished function it calls
        return {"unfinished": unfinished_name(error)}
    if captured.status == RAISED:  # the learner's error, whatever it is, is reported as data
        return {
            "error": {"type": type(error).__name__, "message": str(error)[:2000], "location": learner_line(error, fn)}
        }
    return {}
