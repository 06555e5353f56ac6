"""Which lesson each submitted notebook holds: from the metadata the build writes, else its name, else its code.

The build writes ``metadata["nnlib"]["lesson"]`` (and ``generated_from``)
into every student notebook, and JupyterLab keeps notebook metadata when a
learner saves or renames, so a notebook is recognised whatever its file
name. Without that metadata the file name is tried (``alice_02_activations``),
then the exercises the notebook defines; each of these is said in the report,
as are unreadable, unknown, duplicate and renamed notebooks.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from nnlib.checks.registry import exercise_ids, get_exercise

__all__ = ["Submitted", "LessonMap", "lessons", "identify", "MAX_NOTEBOOK_BYTES"]

MAX_NOTEBOOK_BYTES = 50 * 2**20


def lessons() -> dict[str, list[str]]:
    """Every lesson with exercises, in course order: ``{"00_welcome": ["layer_sizes", …], …}``."""
    found: dict[str, list[str]] = {}
    for exercise_id in exercise_ids():
        found.setdefault(get_exercise(exercise_id).lesson, []).append(exercise_id)
    return found


@dataclass
class Submitted:
    """One notebook of a learner's submission, its lesson (or ``None``) and how that lesson was found."""

    path: Path
    name: str
    lesson: str | None = None
    how: str = ""
    notebook: object = None


@dataclass
class LessonMap:
    """A learner's notebooks by lesson, and what the report must say about the rest."""

    graded: dict[str, Submitted] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    unreadable: dict[str, str] = field(default_factory=dict)  # lesson guessed from the name -> why


def _from_name(stem: str, known: list[str]) -> str | None:
    for lesson in known:
        if lesson in stem:
            return lesson
    match = re.search(r"(?:^|[^0-9])([0-9]{2})(?:[^0-9]|$)", stem)
    if match:
        numbered = [lesson for lesson in known if lesson.startswith(match.group(1) + "_")]
        return numbered[0] if numbered else None
    return None


def _from_metadata(notebook, known: list[str]) -> str | None:
    meta = notebook.metadata.get("nnlib", {})
    if not isinstance(meta, dict):
        return None
    lesson = meta.get("lesson") or Path(str(meta.get("generated_from", ""))).stem
    return lesson if lesson in known else None


def _from_code(notebook, known: dict[str, list[str]]) -> str | None:
    defined = set()
    for cell in notebook.cells:
        if cell.get("cell_type") != "code":
            continue
        try:
            tree = ast.parse(
                "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in cell.source.split("\n"))
            )
        except SyntaxError:
            continue
        defined |= {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    scores = {lesson: len(defined & set(ids)) for lesson, ids in known.items()}
    best = max(scores, key=scores.get, default=None)
    return best if best is not None and scores[best] > 0 else None


def _read(path: Path):
    if path.stat().st_size > MAX_NOTEBOOK_BYTES:
        raise ValueError(f"larger than {MAX_NOTEBOOK_BYTES // 2**20} MB")
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"not valid JSON ({error.msg}, line {error.lineno})") from None
    if not isinstance(data, dict) or "cells" not in data:
        raise ValueError("JSON, but not a notebook (no cells)")
    try:
        notebook = nbformat.reads(text, as_version=4)
        nbformat.validate(notebook)
    except Exception as error:  # noqa: BLE001  (nbformat raises many kinds; all mean "not a valid notebook")
        raise ValueError(f"not a valid notebook ({type(error).__name__}: {str(error).splitlines()[0][:120]})") from None
    return notebook


def _lesson_of(notebook, name: str, by_name: str | None, known: dict[str, list[str]]) -> tuple[str | None, str, str]:
    """The lesson of the readable notebook ``name``, how it was found, and what the report must say about it.

    The metadata wins; else the file name (``by_name``); else the exercises
    the notebook defines. Returns ``(None, "", why)`` when none tells.
    """
    by_metadata = _from_metadata(notebook, list(known))
    if by_metadata:
        problem = ""
        if by_name and by_name != by_metadata:
            problem = (
                f"{name}: holds lesson {by_metadata} (from its metadata) but is named like lesson {by_name}; "
                f"graded as {by_metadata}"
            )
        return by_metadata, "metadata", problem
    if by_name:
        return by_name, "file name", f"{name}: no lesson in its metadata; recognised as {by_name} from its file name"
    by_code = _from_code(notebook, known)
    if by_code:
        problem = f"{name}: no lesson in its metadata or name; recognised as {by_code} from the exercises it defines"
        return by_code, "exercises", problem
    return None, "", f"{name}: not a notebook of this course (no lesson found); not graded"


def _submitted(path: Path, folder: Path, known: dict[str, list[str]], result: LessonMap) -> Submitted | None:
    """The notebook at ``path`` with its lesson, or ``None`` when it cannot be graded; problems go to ``result``."""
    name = path.relative_to(folder).as_posix()
    if path.is_symlink() or not path.is_file() or folder.resolve() not in path.resolve().parents:
        result.problems.append(f"{name}: a link or not a regular file; not graded")
        return None
    by_name = _from_name(path.stem, list(known))
    try:
        notebook = _read(path)
    except (ValueError, OSError) as error:
        result.problems.append(f"{name}: {error}; not graded")
        if by_name:
            result.unreadable.setdefault(by_name, f"{name}: {error}")
        return None
    lesson, how, problem = _lesson_of(notebook, name, by_name, known)
    if problem:
        result.problems.append(problem)
    return Submitted(path, name, lesson, how, notebook) if lesson else None


def _choose(lesson: str, items: list[Submitted], result: LessonMap) -> None:
    """Grade one of the notebooks ``items`` submitted for ``lesson``, saying which were left out."""
    # Prefer a notebook whose name agrees with its lesson, then the first by name.
    items.sort(key=lambda item: (lesson not in Path(item.name).stem, item.name))
    result.graded[lesson] = items[0]
    result.unreadable.pop(lesson, None)
    if len(items) > 1:
        others = ", ".join(item.name for item in items[1:])
        result.problems.append(f"lesson {lesson} was submitted more than once: graded {items[0].name}, not {others}")


def identify(folder: Path) -> LessonMap:
    """The lessons of every ``.ipynb`` under ``folder`` (checkpoints skipped), with the problems found."""
    known = lessons()
    result = LessonMap()
    candidates: dict[str, list[Submitted]] = {}
    for path in sorted(path for path in folder.rglob("*.ipynb") if ".ipynb_checkpoints" not in path.parts):
        item = _submitted(path, folder, known, result)
        if item is not None:
            candidates.setdefault(item.lesson, []).append(item)
    for lesson, items in candidates.items():
        _choose(lesson, items, result)
    return result
