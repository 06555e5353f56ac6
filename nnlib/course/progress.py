"""A learner's own progress: the class grader run over your ``notebooks/``, a table per lesson, ``progress.html``.

``make progress`` (or ``python -m nnlib.course progress``) grades every
notebook you have worked in with the same engine an instructor uses (each in
a fresh kernel, the checks judged outside it), prints one line per lesson
(passed / failed / not done) with the exercises still to do, and writes
``progress.html`` next to ``notebooks/``. A notebook unchanged since it was
generated is not run: its exercises are not done.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from html import escape
from pathlib import Path

from nnlib.course.notebooks import holds_work

__all__ = ["progress", "lesson_table", "progress_page", "STATUS"]

DONE, FAILED, NOT_DONE = "passed", "failed", "not done"
# How each of the grader's outcomes counts for a learner.
STATUS = {"passed": DONE, "not done yet": NOT_DONE, "not submitted": NOT_DONE, "missing": NOT_DONE}
COLOURS = {DONE: "#c8e6c9", FAILED: "#ffcdd2", NOT_DONE: "#f5f5f5"}


def _status(outcome: str) -> str:
    return STATUS.get(outcome, FAILED)


def _worked_in(notebooks: Path) -> list[Path]:
    """The student notebooks in ``notebooks`` that changed since they were generated."""
    return [path for path in sorted(notebooks.glob("[0-9][0-9]_*.ipynb")) if holds_work(path)]


def _grade(worked: list[Path], jobs: int | None) -> list[dict]:
    """Grade each notebook in ``worked`` as a learner of its own (so that ``jobs`` lessons run at once);
    return every row of the lessons graded."""
    from nnlib.grading import grade_class
    from nnlib.grading.sandbox import bwrap_problem

    with tempfile.TemporaryDirectory(prefix="nnlib-progress-") as scratch:
        submissions, report = Path(scratch) / "notebooks", Path(scratch) / "report"
        for path in worked:
            (submissions / path.stem).mkdir(parents=True)
            shutil.copy(path, submissions / path.stem / path.name)
        # Your own code on your own machine: contained when bubblewrap is there, run as you otherwise.
        result = grade_class(submissions, report, jobs=jobs, progress=True, unsafe=bwrap_problem() is not None)
    return [row for learner in result.results for row in learner["rows"] if row["lesson"] == learner["learner"]]


def lesson_table(rows: list[dict]) -> str:
    """One line per lesson: passed / failed / not done, and the exercises that are not passed."""
    lessons: dict[str, list[dict]] = {}
    for row in rows:
        lessons.setdefault(row["lesson"], []).append(row)
    lines = [f"{'lesson':<28}{'passed':>7}{'failed':>8}{'not done':>10}  to do"]
    for lesson, mine in lessons.items():
        counts = {status: sum(_status(row["outcome"]) == status for row in mine) for status in (DONE, FAILED, NOT_DONE)}
        to_do = ", ".join(f"{row['exercise']} ({row['outcome']})" for row in mine if _status(row["outcome"]) != DONE)
        lines.append(
            f"{lesson:<28}{counts[DONE]:>4}/{len(mine):<2}{counts[FAILED]:>8}{counts[NOT_DONE]:>10}  {to_do}".rstrip()
        )
    passed = sum(_status(row["outcome"]) == DONE for row in rows)
    lines.append(f"{'all':<28}{passed:>4}/{len(rows):<2}")
    return "\n".join(lines)


def progress_page(rows: list[dict]) -> str:
    """``progress.html``: every exercise by lesson, coloured by its status, with the check's message."""
    body = []
    for row in rows:
        status = _status(row["outcome"])
        body.append(
            f'<tr style="background:{COLOURS[status]}"><td>{escape(row["lesson"])}</td>'
            f"<td>{escape(row['exercise'])}</td><td>{escape(row['outcome'])}</td>"
            f"<td><pre>{escape(row['message'] or '')}</pre></td></tr>"
        )
    passed = sum(_status(row["outcome"]) == DONE for row in rows)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Your progress</title>\n'
        "<style>body { font-family: sans-serif; margin: 1.5em } td, th { border: 1px solid #ccc; padding: 2px 6px;"
        " vertical-align: top } table { border-collapse: collapse } pre { margin: 0; white-space: pre-wrap }"
        "</style></head><body>\n"
        f"<h1>Your progress: {passed} of {len(rows)} exercises passed</h1>\n"
        "<table><tr><th>lesson</th><th>exercise</th><th>outcome</th><th>the check says</th></tr>\n"
        + "\n".join(body)
        + "\n</table></body></html>\n"
    )


def _untouched_rows(lesson: str, exercise_ids: list[str]) -> list[dict]:
    message = "the notebook is as it was generated: nothing written yet"
    return [{"lesson": lesson, "exercise": e, "outcome": "not done yet", "message": message} for e in exercise_ids]


def progress(root: Path | str = ".", *, jobs: int | None = None) -> int:
    """Grade ``root/notebooks``, print the table, write ``root/progress.html``; 0 once done."""
    from nnlib.grading.lessons import lessons

    root = Path(root)
    notebooks = root / "notebooks"
    if not notebooks.is_dir():
        print(f"error: no notebooks/ folder in {root.resolve()}", file=sys.stderr)
        return 2
    worked = _worked_in(notebooks)
    graded = _grade(worked, jobs) if worked else []
    by_lesson = {row["lesson"] for row in graded}
    rows = []
    for lesson, exercise_ids in lessons().items():
        if lesson in by_lesson:
            rows += [row for row in graded if row["lesson"] == lesson]
        else:
            rows += _untouched_rows(lesson, exercise_ids)
    print(lesson_table(rows))
    page = root / "progress.html"
    page.write_text(progress_page(rows), encoding="utf-8")
    print(f"details: {page.resolve()}")
    return 0
