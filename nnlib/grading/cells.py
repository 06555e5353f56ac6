"""What the grader knows about the course's own cells: how long each took in the solution run, which to skip.

``lesson_cells.json`` (next to this module) holds, per lesson, the seconds
each code cell of the solution took when ``python -m nnlib.course execute``
last ran it (by cell id, which the student notebook keeps), and the hashes
of the cells tagged :data:`SKIP_TAG` in ``solutions/``: plots and experiments
that no exercise needs. ``execute`` writes the times, ``build`` the hashes, and
``build --check`` fails when the hashes are stale.

When grading, a learner's cell whose text is exactly a tagged cell's is not
run (it is the course's, and nothing later needs it), and a cell the course
knows gets :func:`cell_limit`: five times its solution time plus five seconds,
never more than ``--timeout`` (a cell that imports or defines keeps ``--timeout``),
so that an endless loop in a function called by the course's cells costs
seconds, not minutes.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import json
from pathlib import Path

__all__ = ["SKIP_TAG", "LESSON_CELLS", "source_hash", "lesson_cells", "cell_limit", "skipped", "write_lesson"]

SKIP_TAG = "grading-skip"
LESSON_CELLS = Path(__file__).with_name("lesson_cells.json")
FACTOR, MARGIN = (
    5.0,
    5.0,
)  # a course cell's time limit: FACTOR × its solution time + MARGIN seconds (room for a busy machine)


def source_hash(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]


@functools.cache
def lesson_cells() -> dict:
    """``{lesson: {"seconds": {cell id: s}, "skip": [source hash, …]}}``; empty when the file is missing."""
    try:
        return json.loads(LESSON_CELLS.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _defines(source: str) -> bool:
    """Whether a cell imports or defines something at its top level (what later cells and exercises need)."""
    try:
        tree = ast.parse("\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.split("\n")))
    except SyntaxError:
        return False
    kinds = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    return any(isinstance(node, kinds) for node in tree.body)


def cell_limit(lesson: str, cell_id: str | None, ceiling: float, source: str = "") -> float:
    """The time limit of cell ``cell_id`` (text ``source``) of ``lesson``: from its solution time, at most
    ``ceiling``. A cell that imports or defines something keeps ``ceiling``: on a busy machine its imports
    may take longer than in the solution run, and stopping it would leave later cells without them."""
    seconds = lesson_cells().get(lesson, {}).get("seconds", {}).get(cell_id or "")
    if seconds is None or _defines(source):
        return ceiling
    return min(ceiling, FACTOR * float(seconds) + MARGIN)


def skipped(lesson: str, source: str) -> bool:
    """Whether a cell with text ``source`` is one of ``lesson``'s cells that grading need not run."""
    return source_hash(source) in lesson_cells().get(lesson, {}).get("skip", [])


def write_lesson(lesson: str, *, seconds: dict[str, float] | None = None, skip: list[str] | None = None) -> None:
    """Record ``lesson``'s cell times and/or skipped hashes in ``lesson_cells.json`` (the rest kept)."""
    data = dict(lesson_cells())
    entry = dict(data.get(lesson, {}))
    if seconds is not None:
        entry["seconds"] = seconds
    if skip is not None:
        entry["skip"] = sorted(skip)
    data[lesson] = entry
    LESSON_CELLS.write_text(json.dumps(dict(sorted(data.items())), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    lesson_cells.cache_clear()
