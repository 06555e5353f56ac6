"""A student notebook run untouched prints what its solution does (a rule of the ``notebook_policy`` plugin).

A lesson's text quotes the numbers its solution printed. A learner who has
not done an exercise runs the course's version of it, so every cell of the
untouched student notebook must print the same text as the solution's cell
(under the sanitising nbval applies, tests/nbval_sanitize.cfg): otherwise
the lesson describes a run the learner does not see.

nbval already executes every student notebook in ``make test``; this plugin
compares the outputs of that run with the stored outputs of the solution's
cell with the same id, so nothing is executed twice. Left out:

- cells stopped by "not done yet" (the exercise cells' "Try it" calls, and
  the checks, which say "not done yet" where the solution shows a ✓);
- cells nbval does not compare (tagged ``nbval-ignore-output``: timings,
  widgets, anything that depends on the machine);
- the lines where ``use`` says whose version runs: "Using your `x`" in the
  solution, "Using the course's `x`" in the student's run.
"""

from __future__ import annotations

import copy
import re
from functools import cache
from pathlib import Path

import nbformat
from nbval.plugin import coalesce_streams

from nnlib.checks.notdone import NotDoneYet

# ``use`` names whose version runs: yours in the solution, the course's in an untouched notebook.
WHOSE_VERSION = re.compile(
    r"^Using (your `\w+` \(it passes its check\)|the course's `\w+` here, because yours .*)\.$", re.M
)
NOT_DONE = "not done yet"


@cache
def _solution_cells(student_path: Path) -> dict[str, nbformat.NotebookNode]:
    """The code cells of the solution a student notebook was built from, by cell id."""
    path = student_path.parent.parent / "solutions" / student_path.name
    if not path.exists():
        return {}
    notebook = nbformat.read(path, as_version=4)
    return {cell.id: cell for cell in notebook.cells if cell.cell_type == "code"}


def stopped_by_not_done_yet(outputs) -> bool:
    """Whether a cell's outputs show an exercise not done yet: its error, or a check saying so."""
    for output in outputs:
        if output.get("output_type") == "error" and output.get("ename") == NotDoneYet.__name__:
            return True
        texts = [output.get("text", "")] + [str(value) for value in output.get("data", {}).values()]
        if any(NOT_DONE in text for text in texts):
            return True
    return False


def _without_whose_version(outputs):
    """A copy of ``outputs`` with ``use``'s "Using ..." lines masked."""
    masked = copy.deepcopy(outputs)
    for output in masked:
        if "text" in output:
            output["text"] = WHOSE_VERSION.sub("Using the exercise's version.", output["text"])
    return masked


def differences(item, ran, solution_cell) -> str | None:
    """How a student notebook cell's outputs ``ran`` (whose-version lines masked) differ from its solution's."""
    stored = _without_whose_version(coalesce_streams(copy.deepcopy(solution_cell.outputs)))
    if item.compare_outputs(ran, stored):
        return None
    return "\n".join(item.comparison_traceback)


def mismatch(item) -> str | None:
    """Why a student notebook cell nbval ran does not print what its solution's cell stored (None when it does)."""
    solution_cell = _solution_cells(item.path).get(item.cell.get("id"))
    if solution_cell is None or not item.options.get("check") or item.test_outputs is None:
        return None
    ran = _without_whose_version(item.test_outputs)
    if stopped_by_not_done_yet(ran):
        return None
    found = differences(item, ran, solution_cell)
    if not found:
        return None
    return (
        f"{item.path.name}, {item.name}: run untouched (every exercise the course's version), this cell prints "
        "something other than the solution's stored output, which the lesson's text describes.\n"
        "Make the solution's exercise code agree with nnlib's reference (or let the experiment use the course's "
        f"version and say so), then re-execute the solution.\n{found}"
    )
