"""Grade one learner: every notebook in its own sandboxed kernel, every exercise judged in the grader.

Run by the class grader as a process of its own per learner (so a grader
failure on one submission cannot take the others down)::

    python -m nnlib.grading.learner --name NAME --submission PATH --out REPORT [--uid U] [--unsafe] [--timeout S]

It writes ``REPORT/results/NAME.json`` (the rows and the problems found)
and ``REPORT/feedback/NAME/LESSON.ipynb``: the learner's notebook, executed,
with each check's full message under its exercise. Its files are private
(mode 0600), and its own address space is limited (:data:`GRADER_MEMORY`),
since it unpacks what kernels send.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import json
import os
import re
import resource
import shutil
import tempfile
import time
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat

from nnlib.checks.registry import get_exercise
from nnlib.checks.result import CheckResult
from nnlib.grading.budget import learner_budget
from nnlib.grading.cells import cell_limit, skipped
from nnlib.grading.kernel import KernelSession
from nnlib.grading.kernel_side import MIME
from nnlib.grading.lessons import LessonMap, Submitted, identify, lessons
from nnlib.grading.pool import KernelPool
from nnlib.grading.remote import COULD_NOT_RUN, MISSING, check_in_kernel, source_function
from nnlib.grading.sandbox import Limits, Sandbox

__all__ = ["Row", "grade_learner", "safe_name", "extract_zip", "NOT_SUBMITTED", "UNREADABLE"]

NOT_SUBMITTED = "not submitted"
UNREADABLE = "unreadable notebook"
MAX_ZIP_BYTES = 200 * 2**20
GRADER_MEMORY = 6 * 2**30  # address space of this process (RLIMIT_AS): what kernels send cannot exhaust the machine


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


def _grader_output(remark: str):
    """A stderr output in which the grader says what it did to a cell."""
    return nbformat.v4.new_output("stream", name="stderr", text=f"[grader: {remark}]\n")


def _trouble(ran, limit: float) -> tuple[str, str] | None:
    """What went wrong in a cell run ``ran`` with time ``limit``: a note for the report and a remark for the
    cell; ``None`` when nothing did."""
    if ran.status == "timeout":
        return f"stopped after {limit:g} s", f"stopped after {limit:g} s"
    if ran.status == "died" or ran.error.startswith("MemoryError"):
        why = "the kernel died" if ran.status == "died" else "it ran out of memory"
        return f"{why} (a new kernel ran the cells before it again)", f"{why} here"
    return None


SKIPPED = "not run: the course's own cell, unchanged, which no exercise needs"


def run_cells(
    session: KernelSession,
    notebook,
    name: str,
    notes: list[str],
    *,
    cell_timeout: float,
    notebook_timeout: float,
    lesson: str | None = None,
) -> list[tuple[int, str]]:
    """Run ``notebook``'s code cells in order, keeping each one's outputs in it; return the cells run.

    Each cell gets ``cell_timeout`` seconds, or less for a cell of ``lesson``
    the course knows (:func:`nnlib.grading.cells.cell_limit`), all of them,
    replays after restarts included, ``notebook_timeout``; the course's own
    plots and experiments, unchanged, are not run
    (:func:`nnlib.grading.cells.skipped`). A cell stopped, a kernel that died
    and a notebook out of time are added to ``notes``. Returns
    ``(number, source)`` of every cell run, numbered among all of the
    notebook's cells from 1.
    """
    started = time.monotonic()
    session.deadline = started + notebook_timeout  # restarts and their replays count against it too
    cells: list[tuple[int, str]] = []
    for number, cell in enumerate(notebook.cells, start=1):
        if cell.cell_type != "code":
            continue
        cell.outputs, cell.execution_count = [], None
        if session.given_up:
            notes.append(f"{name}: the kernel was restarted {session.restarts} times; not run from cell {number} on")
            break
        if lesson and skipped(lesson, cell.source):
            cell.outputs.append(_grader_output(SKIPPED))
            continue
        left = notebook_timeout - (time.monotonic() - started)
        if left <= 0:
            notes.append(f"{name}: the notebook's time limit ({notebook_timeout:g} s) ran out at cell {number}")
            break
        limit = min(cell_limit(lesson or "", cell.get("id"), cell_timeout, cell.source), left)
        ran = session.run_cell(cell.source, limit)
        cells.append((number, cell.source))
        cell.execution_count = len(cells)
        cell.outputs = ran.outputs
        if ran.dropped:
            cell.outputs.append(_grader_output(f"{ran.dropped} characters of output not kept"))
        trouble = _trouble(ran, limit)
        if trouble:
            note, remark = trouble
            notes.append(f"{name}, cell {number}: {note}")
            cell.outputs.append(_grader_output(remark))
    return cells


OWN_VERDICT_MARKS = ("✓", "✗")


def _output_text(output) -> str:
    """The text an output shows (a stream's, or its plain, HTML and markdown data)."""
    if output.get("output_type") == "stream":
        return str(output.get("text", ""))
    data = output.get("data", {})
    return "".join(str(data.get(kind, "")) for kind in ("text/plain", "text/html", "text/markdown"))


def mark_own_verdicts(notebook) -> None:
    """After every cell whose outputs show a ✓ or ✗, say that the notebook printed them, not the grader."""
    for cell in notebook.cells:
        if cell.cell_type != "code" or not any(
            mark in _output_text(output) for output in cell.get("outputs", []) for mark in OWN_VERDICT_MARKS
        ):
            continue
        cell.outputs.append(
            _grader_output(
                "the ✓/✗ above were shown by the notebook itself, in the learner's kernel; they are not the grade, "
                "which is in the 'Grader' cells"
            )
        )


def _row(
    learner: str, lesson: str, exercise_id: str, outcome: str, result: CheckResult | None, given_up: int = 0
) -> Row:
    """The report's row for exercise ``exercise_id``, checked with ``outcome`` and ``result`` (``given_up``: the
    restarts after which the notebook's kernel was given up, if it was)."""
    if result is not None:
        message = result.message
    elif given_up:
        message = f"not checked: the kernel was restarted {given_up} times and then given up"
    elif outcome == MISSING:
        message = f"`{exercise_id}` is not defined in the notebook"
    else:
        message = "the kernel did not answer"
    points = _points(exercise_id)
    return Row(learner, lesson, exercise_id, outcome, points if outcome == "passed" else 0.0, points, message)


def check_exercises(
    session: KernelSession,
    learner: str,
    item: Submitted,
    cells: list[tuple[int, str]],
    notes: list[str],
    *,
    cell_timeout: float,
) -> list[Row]:
    """Check each exercise of ``item``'s lesson against the learner's function in ``session``'s kernel.

    A kernel that died is restarted; one that cannot answer the grader is
    restarted once per notebook (noted) and asked again.
    """
    rows: list[Row] = []
    restarted_unanswering = False
    for exercise_id in lessons()[item.lesson]:
        if not session.alive():
            session.restart(cell_timeout)
        outcome, result = check_in_kernel(session, exercise_id, cells, item.name)
        if outcome == COULD_NOT_RUN and not restarted_unanswering and not session.given_up:  # one fresh kernel, once
            restarted_unanswering = True
            session.restart(cell_timeout)
            notes.append(
                f"{item.name}: the kernel did not answer the grader about `{exercise_id}` (was nnlib patched?); "
                "restarted it"
            )
            outcome, result = check_in_kernel(session, exercise_id, cells, item.name)
        given_up = session.restarts if session.given_up else 0
        rows.append(_row(learner, item.lesson, exercise_id, outcome, result, given_up=given_up))
    return rows


def _feedback_cell(exercise_id: str, outcome: str, message: str):
    text = message or outcome
    return nbformat.v4.new_markdown_cell(
        f"**Grader — `{exercise_id}`: {outcome}**\n\n```\n{text}\n```", metadata={"nnlib": {"feedback": exercise_id}}
    )


def insert_feedback(notebook, rows: list[Row], cells: list[tuple[int, str]], name: str) -> None:
    """Insert each row's message as a cell right after the cell that defines its exercise (at the end when
    none does); ``cells`` are the ``(number, source)`` of the cells run, of notebook ``name``."""
    places = {}
    for row in rows:
        found = source_function(row.exercise, cells, name)
        places[row.exercise] = found.cell if found else None
    # From the end backwards, so that each insertion leaves the places still to fill where they were.
    for row in sorted(rows, key=lambda row: -(places.get(row.exercise) or 10**6)):
        where = places.get(row.exercise)
        cell = _feedback_cell(row.exercise, row.outcome, row.message)
        notebook.cells.insert(where if where is not None else len(notebook.cells), cell)


def grade_notebook(
    learner: str, item: Submitted, session: KernelSession, *, cell_timeout: float, notebook_timeout: float
) -> tuple[list[Row], object, list[str]]:
    """Run ``item``'s notebook in ``session`` (a fresh kernel of its own) and check its lesson's exercises: rows,
    feedback notebook, notes."""
    notes: list[str] = []
    notebook = copy.deepcopy(item.notebook)
    session.sandbox.add(item.path, f"{item.lesson}.ipynb")
    cells = run_cells(
        session,
        notebook,
        item.name,
        notes,
        cell_timeout=cell_timeout,
        notebook_timeout=notebook_timeout,
        lesson=item.lesson,
    )
    rows = check_exercises(session, learner, item, cells, notes, cell_timeout=cell_timeout)
    mark_own_verdicts(notebook)
    insert_feedback(notebook, rows, cells, item.name)
    return rows, notebook, notes


def _submitted_folder(submission: Path, unpacked: Path, problems: list[str]) -> Path:
    """The folder of ``submission``'s notebooks: itself, or a ``.zip`` extracted into ``unpacked``."""
    if not (submission.is_file() and submission.suffix == ".zip"):
        return submission
    try:
        return extract_zip(submission, unpacked)
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        problems.append(f"{submission.name}: not a usable zip archive ({error})")
        return unpacked


@dataclass
class _Grading:
    """One learner's grading as it goes: the rows, what was noticed, and the grader's own failures."""

    learner: str
    rows: list[Row] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    grader_errors: list[str] = field(default_factory=list)

    def ungraded(self, lesson: str, exercise_ids: list[str], outcome: str, message: str) -> None:
        """A row with ``outcome``, ``message`` and no points for each exercise of ``lesson``."""
        self.rows += [Row(self.learner, lesson, e, outcome, 0.0, _points(e), message) for e in exercise_ids]

    def found(self, lessons_found: LessonMap) -> None:
        """Note what identifying the learner's notebooks noticed."""
        self.problems += lessons_found.problems
        if not lessons_found.graded and not lessons_found.unreadable:
            self.problems.append("no notebook of this course was found")

    def result(self, seconds: float) -> dict:
        """The learner's result, as ``REPORT/results/NAME.json`` holds it."""
        return {
            "learner": self.learner,
            "rows": [asdict(row) for row in self.rows],
            "problems": list(dict.fromkeys(self.problems + self.grader_errors)),
            "grader_errors": self.grader_errors,
            "seconds": round(seconds, 1),
        }


def grade_learner(
    name: str,
    submission: Path,
    out: Path,
    *,
    uid: int | None,
    cell_timeout: float = 60.0,
    notebook_timeout: float = 600.0,
    limits: Limits | None = None,
    contained: bool = True,
    hidden: list[Path] = (),
) -> dict:
    """Grade one learner's folder or ``.zip``; write its feedback notebooks; return its rows and problems.

    The kernels run as ``uid`` (``None``: the grader's user), under bubblewrap
    when ``contained``, with the folders ``hidden`` out of their sight; with a
    user id, all of its processes share one memory budget (a cgroup or a watchdog, :func:`learner_budget`).
    Each notebook gets a fresh kernel of its own, started (under bubblewrap) while
    the notebook before it runs (:class:`~nnlib.grading.pool.KernelPool`)."""
    started = time.monotonic()
    grading = _Grading(name)
    limits = limits or Limits()
    watchdog = learner_budget(uid, limits.memory_mb, limits.processes) if uid is not None else None
    cgroup = watchdog.cgroup if watchdog else None
    pool = KernelPool(lambda: Sandbox(uid, limits, contained=contained, hidden=hidden, cgroup=cgroup), MIME)
    with (
        tempfile.TemporaryDirectory(prefix="nnlib-submission-") as unpacked,
        watchdog or contextlib.nullcontext(),
        pool,
    ):
        found = identify(_submitted_folder(submission, Path(unpacked), grading.problems))
        grading.found(found)
        to_grade = [lesson for lesson in lessons() if lesson in found.graded]
        for lesson, exercise_ids in lessons().items():
            item = found.graded.get(lesson)
            if item is None:
                outcome = UNREADABLE if lesson in found.unreadable else NOT_SUBMITTED
                grading.ungraded(lesson, exercise_ids, outcome, found.unreadable.get(lesson, ""))
                continue
            session = None
            try:
                # A kernel that cannot start is the grader's failure (raised), not the learner's.
                session = pool.take(another=lesson != to_grade[-1])
                grading.problems += session.sandbox.notes
                rows, notebook, notes = grade_notebook(
                    name, item, session, cell_timeout=cell_timeout, notebook_timeout=notebook_timeout
                )
            except Exception as error:  # noqa: BLE001  (a grader bug on one notebook: say so, grade the rest)
                failure = f"{item.name}: the grader failed: {type(error).__name__}: {error}"
                grading.grader_errors.append(failure)
                grading.ungraded(lesson, exercise_ids, COULD_NOT_RUN, failure)
                continue
            finally:
                if session is not None:
                    pool.discard(session)
                grading.problems += [f"{item.name}: {note}" for note in (watchdog.take_notes() if watchdog else [])]
            grading.rows += rows
            grading.problems += notes
            _write_feedback(notebook, out / "feedback" / safe_name(name) / f"{lesson}.ipynb")
    grading.problems += watchdog.take_notes() if watchdog else []  # what emptying its cgroup ran into
    return grading.result(time.monotonic() - started)


def _write_feedback(notebook, path: Path) -> None:
    """Write a feedback notebook, making its folder when needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nnlib.grading.learner")
    parser.add_argument("--name", required=True)
    parser.add_argument("--submission", required=True, type=Path)
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--uid", type=int, default=None)
    parser.add_argument("--unsafe", action="store_true", help="kernels without bubblewrap")
    parser.add_argument("--hide", type=Path, action="append", default=[], help="a folder kernels must not see")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--notebook-timeout", type=float, default=600.0)
    parser.add_argument("--memory-mb", type=int, default=Limits.memory_mb)
    args = parser.parse_args(argv)
    os.umask(0o077)  # the report's files: the grader's alone
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(
        resource.RLIMIT_AS, (GRADER_MEMORY if hard == resource.RLIM_INFINITY else min(hard, GRADER_MEMORY), hard)
    )
    result = grade_learner(
        args.name,
        args.submission,
        args.out,
        uid=args.uid,
        contained=not args.unsafe,
        hidden=[args.submission.parent, args.out, *args.hide],
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
