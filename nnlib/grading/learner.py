"""Grade one learner: every notebook in its own sandboxed kernel, every exercise judged in the grader.

Run by the class grader as a process of its own per learner (so a grader
failure on one submission cannot take the others down)::

    python -m nnlib.grading.learner --name NAME --submission PATH --out REPORT --slot N [--timeout S]

It writes ``REPORT/results/NAME.json`` (the rows and the problems found)
and ``REPORT/feedback/NAME/LESSON.ipynb``: the learner's notebook, executed,
with each check's full message under its exercise.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import shutil
import tempfile
import time
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path

import nbformat

from nnlib.checks.registry import get_exercise
from nnlib.grading.kernel import KernelSession
from nnlib.grading.kernel_side import MIME
from nnlib.grading.lessons import LessonMap, Submitted, identify, lessons
from nnlib.grading.remote import COULD_NOT_RUN, MISSING, check_in_kernel, source_function
from nnlib.grading.sandbox import Limits, Sandbox

__all__ = ["Row", "grade_learner", "safe_name", "extract_zip", "NOT_SUBMITTED", "UNREADABLE"]

NOT_SUBMITTED = "not submitted"
UNREADABLE = "unreadable notebook"
MAX_ZIP_BYTES = 200 * 2**20


@dataclass
class Row:
    """One learner × exercise line of the report."""

    learner: str
    lesson: str
    exercise: str
    outcome: str
    points: float
    max_points: float
    message: str


def safe_name(text: str) -> str:
    """``text`` as a file name: letters, digits, ``-``, ``_`` and ``.`` only."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("._") or "learner"


def extract_zip(archive: Path, into: Path) -> Path:
    """Extract the notebooks of ``archive`` into ``into``, refusing paths that leave it and oversized archives."""
    with zipfile.ZipFile(archive) as zipped:
        members = [m for m in zipped.infolist() if m.filename.endswith(".ipynb") and not m.is_dir()]
        if sum(m.file_size for m in members) > MAX_ZIP_BYTES:
            raise ValueError(f"{archive.name} holds more than {MAX_ZIP_BYTES // 2**20} MB of notebooks")
        for number, member in enumerate(members):
            name = safe_name(Path(member.filename).name)
            target = into / f"{number:03d}-{name}" if (into / name).exists() else into / name
            with zipped.open(member) as source, open(target, "wb") as sink:
                shutil.copyfileobj(source, sink)
    return into


def _points(exercise_id: str) -> float:
    return float(get_exercise(exercise_id).points)


def _feedback_cell(exercise_id: str, outcome: str, message: str):
    text = message or outcome
    return nbformat.v4.new_markdown_cell(
        f"**Grader — `{exercise_id}`: {outcome}**\n\n```\n{text}\n```", metadata={"nnlib": {"feedback": exercise_id}}
    )


def grade_notebook(
    learner: str, item: Submitted, sandbox: Sandbox, *, cell_timeout: float, notebook_timeout: float
) -> tuple[list[Row], object, list[str]]:
    """Run ``item``'s notebook in a fresh kernel and check its lesson's exercises: rows, feedback notebook, notes."""
    notes: list[str] = []
    notebook = copy.deepcopy(item.notebook)
    sandbox.add(item.path, f"{item.lesson}.ipynb")
    session = KernelSession(sandbox, MIME)
    exercise_ids = lessons()[item.lesson]
    rows: list[Row] = []
    session.start()  # a kernel that cannot start is the grader's failure (raised), not the learner's
    started = time.monotonic()
    cells: list[tuple[int, str]] = []
    count = 0
    try:
        for number, cell in enumerate(notebook.cells, start=1):
            if cell.cell_type != "code":
                continue
            cell.outputs, cell.execution_count = [], None
            left = notebook_timeout - (time.monotonic() - started)
            if left <= 0:
                notes.append(
                    f"{item.name}: the notebook's time limit ({notebook_timeout:g} s) ran out at cell {number}"
                )
                break
            count += 1
            ran = session.run_cell(cell.source, min(cell_timeout, left))
            cell.execution_count = count
            cell.outputs = ran.outputs
            cells.append((number, cell.source))
            if ran.dropped:
                cell.outputs.append(
                    nbformat.v4.new_output(
                        "stream", name="stderr", text=f"[grader: {ran.dropped} characters of output not kept]\n"
                    )
                )
            if ran.status == "timeout":
                notes.append(f"{item.name}, cell {number}: stopped after {min(cell_timeout, left):g} s")
                cell.outputs.append(
                    nbformat.v4.new_output(
                        "stream", name="stderr", text=f"[grader: stopped after {min(cell_timeout, left):g} s]\n"
                    )
                )
            elif ran.status == "died" or ran.error.startswith("MemoryError"):
                why = "the kernel died" if ran.status == "died" else "it ran out of memory"
                notes.append(f"{item.name}, cell {number}: {why} (a new kernel ran the cells before it again)")
                cell.outputs.append(nbformat.v4.new_output("stream", name="stderr", text=f"[grader: {why} here]\n"))
        places = {}
        silent = False
        for exercise_id in exercise_ids:
            if not session.alive():
                session.restart(cell_timeout)
            outcome, result = check_in_kernel(session, exercise_id, cells, item.name)
            if outcome == COULD_NOT_RUN and not silent:  # a kernel too broken to answer: one fresh one, once
                silent = True
                session.restart(cell_timeout)
                notes.append(
                    f"{item.name}: the kernel did not answer the grader about `{exercise_id}` (was nnlib patched?); "
                    "restarted it"
                )
                outcome, result = check_in_kernel(session, exercise_id, cells, item.name)
            message = (
                result.message
                if result is not None
                else (
                    f"`{exercise_id}` is not defined in the notebook"
                    if outcome == MISSING
                    else "the kernel did not answer"
                )
            )
            points = _points(exercise_id)
            rows.append(
                Row(learner, item.lesson, exercise_id, outcome, points if outcome == "passed" else 0.0, points, message)
            )
            found = source_function(exercise_id, cells, item.name)
            places[exercise_id] = found.cell if found else None
        for row in sorted(rows, key=lambda row: -(places.get(row.exercise) or 10**6)):
            cell = _feedback_cell(row.exercise, row.outcome, row.message)
            where = places.get(row.exercise)
            notebook.cells.insert(where if where is not None else len(notebook.cells), cell)
    finally:
        session.stop()
    return rows, notebook, notes


def grade_learner(
    name: str,
    submission: Path,
    out: Path,
    *,
    slot: int,
    cell_timeout: float = 60.0,
    notebook_timeout: float = 600.0,
    limits: Limits | None = None,
) -> dict:
    """Grade one learner's folder or ``.zip``; write its feedback notebooks; return its rows and problems."""
    started = time.monotonic()
    problems: list[str] = []
    grader_errors: list[str] = []
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="nnlib-submission-") as unpacked:
        folder = submission
        if submission.is_file() and submission.suffix == ".zip":
            try:
                folder = extract_zip(submission, Path(unpacked))
            except (zipfile.BadZipFile, ValueError, OSError) as error:
                problems.append(f"{submission.name}: not a usable zip archive ({error})")
                folder = Path(unpacked)
        found: LessonMap = identify(folder)
        problems += found.problems
        if not found.graded and not found.unreadable:
            problems.append("no notebook of this course was found")
        feedback = out / "feedback" / safe_name(name)
        for lesson, exercise_ids in lessons().items():
            item = found.graded.get(lesson)
            if item is None:
                outcome = UNREADABLE if lesson in found.unreadable else NOT_SUBMITTED
                why = found.unreadable.get(lesson, "")
                rows += [Row(name, lesson, e, outcome, 0.0, _points(e), why) for e in exercise_ids]
                continue
            sandbox = Sandbox(slot, limits or Limits())
            problems += sandbox.notes
            try:
                graded, notebook, notes = grade_notebook(
                    name, item, sandbox, cell_timeout=cell_timeout, notebook_timeout=notebook_timeout
                )
            except Exception as error:  # noqa: BLE001  (a grader bug on one notebook: say so, grade the rest)
                failure = f"{item.name}: the grader failed: {type(error).__name__}: {error}"
                grader_errors.append(failure)
                rows += [Row(name, lesson, e, COULD_NOT_RUN, 0.0, _points(e), failure) for e in exercise_ids]
                continue
            finally:
                sandbox.remove()
            rows += graded
            problems += notes
            feedback.mkdir(parents=True, exist_ok=True)
            nbformat.write(notebook, feedback / f"{lesson}.ipynb")
    return {
        "learner": name,
        "rows": [asdict(row) for row in rows],
        "problems": list(dict.fromkeys(problems + grader_errors)),
        "grader_errors": grader_errors,
        "seconds": round(time.monotonic() - started, 1),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nnlib.grading.learner")
    parser.add_argument("--name", required=True)
    parser.add_argument("--submission", required=True, type=Path)
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--slot", required=True, type=int)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--notebook-timeout", type=float, default=600.0)
    parser.add_argument("--memory-mb", type=int, default=Limits.memory_mb)
    args = parser.parse_args(argv)
    result = grade_learner(
        args.name,
        args.submission,
        args.out,
        slot=args.slot,
        cell_timeout=args.timeout,
        notebook_timeout=args.notebook_timeout,
        limits=Limits(memory_mb=args.memory_mb),
    )
    target = args.out / "results" / f"{safe_name(args.name)}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    partial.write_text(json.dumps(result))
    partial.replace(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
