"""Skipping the course's tagged cells changes nothing that grading or a learner's feedback depends on.

The grader does not run a cell tagged ``grading-skip`` whose text is the course's (plots, experiments
and in-notebook checks that no later cell needs: :mod:`nnlib.grading.cells`). ``build --check`` makes
sure that a tagged cell binds no name that a later untagged cell reads; what it cannot see (a tagged
cell that changes an object in place, or draws from a generator a later cell uses) this test finds by
running the whole course: a learner who solved every lesson passes every exercise, and every cell the
grader ran printed what the solution's cell printed.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from nnlib.course.notebooks import solved_version
from nnlib.grading.cells import SKIP_TAG
from nnlib.grading.learner import SKIPPED, grade_learner
from nnlib.grading.lessons import lessons
from nnlib.grading.sandbox import bwrap_problem

ROOT = Path(__file__).resolve().parents[2]
ADDRESS = re.compile(r"0x[0-9a-fA-F]+")  # as tests/nbval_sanitize.cfg


def _printed(outputs) -> str:
    """What ``outputs`` show as text (streams, results' plain text, errors), the grader's own remarks left out."""
    parts = []
    for output in outputs:
        kind = output.get("output_type")
        if kind == "stream" and not output.get("text", "").startswith("[grader:"):
            parts.append(output["text"])
        elif kind == "execute_result":
            parts.append(str(output.get("data", {}).get("text/plain", "")))
        elif kind == "error":
            parts.append(f"{output.get('ename')}: {output.get('evalue')}")
    return ADDRESS.sub("0xADDRESS", "".join(parts))


def test_a_solved_course_passes_and_every_cell_run_prints_what_the_solution_printed(tmp_path):
    submission, report = tmp_path / "learner", tmp_path / "report"
    submission.mkdir()
    solutions = {}
    for lesson in lessons():
        solutions[lesson] = nbformat.read(ROOT / "solutions" / f"{lesson}.ipynb", as_version=4)
        nbformat.write(solved_version(solutions[lesson], f"{lesson}.ipynb"), submission / f"{lesson}.ipynb")

    result = grade_learner("learner", submission, report, uid=None, contained=bwrap_problem() is None)

    assert [row for row in result["rows"] if row["outcome"] != "passed"] == []
    assert result["problems"] == []
    ran, skipped, differing = 0, 0, []
    for lesson, solution in solutions.items():
        by_id = {cell.get("id"): cell for cell in solution.cells if cell.cell_type == "code"}
        feedback = nbformat.read(report / "feedback" / "learner" / f"{lesson}.ipynb", as_version=4)
        for cell in feedback.cells:
            stored = by_id.get(cell.get("id"))
            if cell.cell_type != "code" or stored is None:
                continue
            if any(SKIPPED in output.get("text", "") for output in cell.outputs):
                assert SKIP_TAG in stored.metadata.get("tags", []), f"{lesson} {cell.id} skipped but not tagged"
                skipped += 1
                continue
            assert SKIP_TAG not in stored.metadata.get("tags", []), f"{lesson} {cell.id}: tagged, yet it ran"
            if "nbval-ignore-output" in stored.metadata.get("tags", []):
                continue
            ran += 1
            if _printed(cell.outputs) != _printed(stored.outputs):
                differing.append(
                    f"{lesson}, cell {cell.id}:\n  solution: {_printed(stored.outputs)[:300]!r}\n"
                    f"  graded:   {_printed(cell.outputs)[:300]!r}"
                )
    assert ran > 50 and skipped > 100
    assert differing == [], "\n".join(differing)
