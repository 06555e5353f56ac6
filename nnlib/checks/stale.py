"""Is the function being checked older than the last run of its exercise cell?

When an exercise cell fails before it reaches its ``def`` (a SyntaxError, or
an error on a line above the ``def``), the name still holds the function
from an earlier run, and a check would silently test that one. IPython's
history holds every cell that ran, failed ones included, so the most recent
cell that defines ``def <name>(`` at its top level can be compared with the
function's own source: when that cell does not contain it, the function is
stale, and :func:`stale_reason` says why. Outside IPython, and for functions
imported from a module, it says nothing.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Sequence

from nnlib.checks.source import source_text

__all__ = ["stale_reason", "cell_history"]


def cell_history(shell) -> Sequence[str]:
    """The raw input cells that ran in ``shell`` (an IPython shell), oldest first; empty when unknown."""
    manager = getattr(shell, "history_manager", None)
    history = getattr(manager, "input_hist_raw", None)
    if history is None:
        history = getattr(shell, "user_ns", {}).get("In", [])
    return history if isinstance(history, Sequence) else []


def _ipython():
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with the course
        return None
    return get_ipython()


def _lines(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines())


def stale_reason(fn: Callable, shell=None) -> str | None:
    """Why ``fn`` is not the version in the last cell that defines it, or ``None`` when it is (or cannot tell).

    Parameters
    ----------
    fn : callable
        The function about to be checked.
    shell : IPython shell, optional
        The running shell by default; ``None`` outside IPython (then nothing is stale).

    Returns
    -------
    reason : str or None
        E.g. ``"the last run of its cell (In [7]) stopped with a SyntaxError on line 3 (…), so …"``.
    """
    shell = _ipython() if shell is None else shell
    name = getattr(fn, "__name__", "")
    if shell is None or not name.isidentifier() or getattr(fn, "__module__", None) != "__main__":
        return None  # only functions defined in the notebook's cells live in its history
    source = source_text(fn)
    if source is None:
        return None
    definition = re.compile(rf"^(async\s+)?def\s+{re.escape(name)}\s*\(", re.MULTILINE)
    history = cell_history(shell)
    for number in range(len(history) - 1, -1, -1):
        cell = history[number]
        if isinstance(cell, str) and definition.search(cell):
            break
    else:
        return None
    if _lines(source) in _lines(cell):
        return None
    where = f"the last run of its cell (In [{number}])"
    try:
        transform = getattr(shell, "transform_cell", None)
        ast.parse(transform(cell) if callable(transform) else cell)
    except SyntaxError as error:
        return (
            f"{where} stopped with a {type(error).__name__} on line {error.lineno} ({error.msg}), "
            f"so `{name}` is still the version from an earlier run"
        )
    return (
        f"{where} raised an error before it reached `def {name}(`, so `{name}` is still the version from an earlier run"
    )
