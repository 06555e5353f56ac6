"""Chained exercises: a learner's function that calls another of their exercises.

``precision_recall_f1`` may call the learner's own ``confusion_matrix``,
``forward_prop`` their ``linear_activation_forward``, ``model`` their
``backprop``. When such a function fails its check, the fault may be the
callee's. :func:`called_exercises` finds which exercises a function calls
(the global names its code reads, the way the learner's notebook cell
resolves them), and :func:`with_replaced` makes a copy of the function whose
globals hold other objects under those names (the course's versions), so
that the check can run it again: if it then passes, the function itself is
right and the callee is not.

Only plain Python functions have globals; anything else (a builtin, a
function running in another process) calls no exercise as far as this
module can tell.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Collection, Mapping

__all__ = ["called_exercises", "with_replaced"]


def _global_names(code: types.CodeType) -> set[str]:
    """The global names ``code`` reads, its nested functions' and comprehensions' too."""
    names = set(code.co_names)
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            names |= _global_names(constant)
    return names


def called_exercises(fn: Callable, exercise_ids: Collection[str]) -> dict[str, Callable]:
    """The exercises ``fn`` calls by their global name: exercise id -> the function that name holds.

    Only names of ``exercise_ids`` that ``fn``'s code reads and that its globals bind to a callable
    count, in the order of ``exercise_ids``.
    """
    code = getattr(fn, "__code__", None)
    namespace = getattr(fn, "__globals__", None)
    if not isinstance(code, types.CodeType) or not isinstance(namespace, Mapping):
        return {}
    read = _global_names(code)
    return {
        name: namespace[name]
        for name in exercise_ids
        if name in read and name != fn.__name__ and callable(namespace.get(name))
    }


def with_replaced(fn: types.FunctionType, replacements: Mapping[str, Callable]) -> types.FunctionType:
    """A copy of ``fn`` that finds ``replacements`` under their names instead of its globals' values.

    ``fn`` itself and its globals are left as they were: the copy reads a copy of the globals.
    """
    namespace = {**fn.__globals__, **replacements}
    copy = types.FunctionType(fn.__code__, namespace, fn.__name__, fn.__defaults__, fn.__closure__)
    copy.__kwdefaults__ = fn.__kwdefaults__
    copy.__qualname__ = fn.__qualname__
    copy.__module__ = fn.__module__
    copy.__doc__ = fn.__doc__
    return copy
