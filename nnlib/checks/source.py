"""Reading a learner's source code: where it still loops in Python.

Used by exercises whose point is to vectorise: the values can be right while
the function still walks over the examples one by one.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Callable

__all__ = ["source_text", "python_loops"]

_LOOPS = (ast.For, ast.AsyncFor, ast.While, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def source_text(fn: Callable) -> str | None:
    """``fn``'s source code, or ``None`` when it cannot be read (a builtin, code typed at a prompt)."""
    try:
        return inspect.getsource(fn)
    except (OSError, TypeError):
        return None


def python_loops(fn: Callable) -> list[str] | None:
    """The loops in ``fn``'s source, as ``"line N: <code>"``; ``None`` when the source cannot be read.

    Line numbers are those of the file (in Jupyter, of the cell) that
    defines ``fn``, as in a traceback.
    """
    try:
        lines, first = inspect.getsourcelines(fn)
        tree = ast.parse(textwrap.dedent("".join(lines)))
    except (OSError, TypeError, SyntaxError, IndentationError):
        return None
    first = max(first, 1)
    found = sorted({node.lineno for node in ast.walk(tree) if isinstance(node, _LOOPS)})
    return [f"line {first + number - 1}: `{lines[number - 1].strip()}`" for number in found]
