"""nnlib.grading.authorship: the function graded is the learner's own `def`, and never nnlib's reference.

Unit tests read cells' syntax; one grading run (lesson 00, two at a time) tries each way of passing
off the reference or someone else's function: a reference imported into the body, source exec'd from
`inspect.getsource`, a `functools.partial`, nnlib's function itself, a rebound name, and a decoy `def`.
"""

from __future__ import annotations

import csv
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
import pytest

from nnlib.checks import exercise_ids
from nnlib.checks.registry import get_exercise
from nnlib.checks.result import CheckResult, Outcome
from nnlib.grading.authorship import (
    REVIEW,
    Examined,
    _reaching_in_syntax,
    accept,
    examine,
    judged,
    kernel_file_name,
    read_accept_list,
)

ROOT = Path(__file__).resolve().parents[2]
STUB = "    # YOUR CODE HERE\n    raise NotDoneYet()"
RIGHT = "    return W @ X + b"
DEF = "def weighted_sums(W, b, X):\n"


def reaches(*cells: str) -> list[str]:
    """The syntax concerns about the last cell's `def weighted_sums`, the cells numbered from 1."""
    import ast

    numbered = list(enumerate(cells, start=1))
    node = next(n for n in ast.walk(ast.parse(cells[-1])) if isinstance(n, ast.FunctionDef))
    return _reaching_in_syntax("weighted_sums", node, numbered, len(cells))


@pytest.mark.parametrize(
    "cells",
    [
        ("from nnlib.shapes import weighted_sums as ws", DEF + "    return ws(W, b, X)"),
        ("import nnlib.shapes", DEF + "    return nnlib.shapes.weighted_sums(W, b, X)"),
        ("import nnlib", DEF + "    return nnlib.shapes.weighted_sums(W, b, X)"),
        ("from nnlib import shapes as s", DEF + "    f = s.weighted_sums\n    return f(W, b, X)"),
        ("from nnlib.checks import reference", DEF + "    return reference('weighted_sums')(W, b, X)"),
        ("from nnlib.checks import use", DEF + "    return use('weighted_sums', None)(W, b, X)"),
        ("import nnlib.checks.registry as r", DEF + "    return r.get_exercise('weighted_sums').reference(W, b, X)"),
        ("import nnlib.shapes\nsaved = nnlib.shapes.weighted_sums", DEF + "    return saved(W, b, X)"),
        ("", DEF + "    from nnlib.shapes import weighted_sums as ws\n    return ws(W, b, X)"),
        ("", DEF + "    return __import__('nnlib.shapes').shapes.weighted_sums(W, b, X)"),
    ],
)
def test_a_body_that_reaches_the_reference_is_found(cells):
    found = reaches(*cells)
    assert len(found) == 1 and "reaches nnlib's own `weighted_sums`" in found[0], found


@pytest.mark.parametrize(
    "cells",
    [
        ("from nnlib.shapes import weighted_sums as ws", DEF + RIGHT),  # imported, never used by the function
        ("from nnlib.shapes import layer_sizes", DEF + "    layer_sizes(X, X)\n" + RIGHT),  # another exercise's
        ("from nnlib.shapes import weighted_sums as ws\nws = print", DEF + "    ws()\n" + RIGHT),  # rebound since
        ("from nnlib.checks import use", DEF + "    use('layer_sizes', None)\n" + RIGHT),
    ],
)
def test_a_body_that_does_not_reach_the_reference_is_left_alone(cells):
    assert reaches(*cells) == []


def test_no_solution_reaches_its_own_reference():
    """The course's own exercise cells (the solutions) raise no concern, in every lesson."""
    import ast

    for path in sorted((ROOT / "solutions").glob("[0-9][0-9]_*.ipynb")):
        cells = [
            (n, c.source) for n, c in enumerate(nbformat.read(path, as_version=4).cells, 1) if c.cell_type == "code"
        ]
        for number, source in cells:
            tree = ast.parse(
                "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.split("\n"))
            )
            for node in tree.body:
                if isinstance(node, ast.FunctionDef) and node.name in exercise_ids():
                    assert _reaching_in_syntax(node.name, node, cells, number) == [], (path.name, node.name)


def origin_of(source: str, line: int = 1, **more) -> dict:
    return {"function": True, "type": "function", "file": f"/tmp/ipykernel_1/{kernel_file_name(source)}", "line": line}


def test_the_kernels_cell_file_names_the_cell_and_its_def():
    cells = [(3, "def weighted_sums_loop(W, b, X):\n    return 0"), (5, DEF + RIGHT)]
    mine = examine("weighted_sums", origin_of(cells[1][1]), cells, "00.ipynb")
    assert mine.concerns == [] and mine.source.cell == 5 and mine.source.__name__ == "weighted_sums"
    rebound = examine("weighted_sums", origin_of(cells[0][1]), cells, "00.ipynb")
    assert rebound.concerns == [
        "`weighted_sums` is the function `weighted_sums_loop` of cell 3, not a `def weighted_sums`"
    ]
    assert rebound.source.__name__ == "weighted_sums_loop"  # the code-reading checks read the function graded
    elsewhere = examine("weighted_sums", {"function": True, "file": "<string>", "line": 1}, cells, "00.ipynb")
    assert "does not come from a cell" in elsewhere.concerns[0] and elsewhere.source is None
    partial = examine("weighted_sums", {"function": False, "type": "partial"}, cells, "00.ipynb")
    assert partial.concerns == [
        "`weighted_sums` is a partial object, not a function defined with `def weighted_sums` in 00.ipynb"
    ]


def test_a_passing_check_with_a_concern_is_a_review_and_an_accept_list_passes_it(tmp_path):
    passed = CheckResult("weighted_sums", Outcome.PASSED, "passed 6 tests")
    outcome, result = judged("passed", passed, Examined(None, ["it is nnlib's"]))
    assert outcome == REVIEW and "needs review: it is nnlib's" in result.message
    failed = CheckResult("weighted_sums", Outcome.FAILED, "still loops")
    assert judged("failed", failed, Examined(None, ["x"]))[0] == "failed"
    assert judged("passed", passed, Examined(None, [])) == ("passed", passed)
    listing = tmp_path / "accept.txt"
    listing.write_text("# reviewed on Monday\nada weighted_sums\nbob *  # all of bob's\n")
    accepted = read_accept_list(listing)
    assert accepted == {("ada", "weighted_sums"), ("bob", "*")}
    row = {"exercise": "weighted_sums", "outcome": REVIEW, "points": 0.0, "max_points": 1.0, "message": "m"}
    for learner, outcome in [("ada", "passed"), ("bob", "passed"), ("eve", REVIEW)]:
        assert accept({"learner": learner, "rows": [row]}, accepted)["rows"][0]["outcome"] == outcome


# --- one grading run with every attack ---------------------------------------------------------------------

REFERENCE_SOURCE = (
    "import inspect, nnlib.shapes\n"
    "source = inspect.getsource(nnlib.shapes.weighted_sums)\n"
    "exec(source[source.index('def '):], globals())"
)
ATTACKS = {
    # the course's own check cell is not run when grading (unchanged, tagged grading-skip): the learner's copy is
    "honest": ({"weighted_sums": RIGHT}, ['check("weighted_sums", weighted_sums)  # once more, in a cell of mine']),
    "reference_import": ({"weighted_sums": "    return ws(W, b, X)"}, ["from nnlib.shapes import weighted_sums as ws"]),
    "getsource_exec": ({"weighted_sums": RIGHT}, [REFERENCE_SOURCE]),
    "partial": (
        {"weighted_sums": RIGHT},
        ["import functools, nnlib.shapes\nweighted_sums = functools.partial(nnlib.shapes.weighted_sums)"],
    ),
    "nnlib_itself": ({"weighted_sums": RIGHT}, ["from nnlib.shapes import weighted_sums"]),
    "rebound": ({"weighted_sums": STUB}, ["def my_sums(W, b, X):\n    return W @ X + b\n\n\nweighted_sums = my_sums"]),
    "decoy": (
        {"weighted_sums": RIGHT},
        [
            "def _with_a_loop(W, b, X):\n    Z = np.zeros((W.shape[0], X.shape[1]))\n"
            "    for i in range(X.shape[1]):\n        Z[:, i] = W @ X[:, i] + b[:, 0]\n    return Z\n\n\n"
            "weighted_sums = _with_a_loop"
        ],
    ),
}


def attacked(bodies: dict[str, str], extra_cells: list[str]):
    """Lesson 00's student notebook with ``bodies`` written and ``extra_cells`` right after `weighted_sums`."""
    notebook = nbformat.read(ROOT / "notebooks" / "00_welcome.ipynb", as_version=4)
    position = None
    for number, cell in enumerate(notebook.cells):
        for exercise_id, body in bodies.items():
            if cell.source.startswith(f"def {exercise_id}("):
                cell.source = cell.source.replace(STUB, body)
                position = number + 1
    for offset, source in enumerate(extra_cells):
        notebook.cells.insert(position + offset, nbformat.v4.new_code_cell(source))
    return notebook


@pytest.fixture(scope="module")
def graded():
    holder = tempfile.TemporaryDirectory(prefix="nnlib-authorship-test-")
    base = Path(holder.name)
    for learner, (bodies, cells) in ATTACKS.items():
        (base / "class" / learner).mkdir(parents=True)
        nbformat.write(attacked(bodies, cells), base / "class" / learner / "00_welcome.ipynb")
    (base / "accept.txt").write_text("reference_import weighted_sums\n")
    finished = subprocess.run(
        [sys.executable, "-m", "nnlib.course", "grade", str(base / "class"), "--out", str(base / "report")]
        + ["--jobs", "2", "--timeout", "20", "--accept", str(base / "accept.txt"), "--quiet"],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    with (base / "report" / "grades.csv").open(encoding="utf-8") as lines:
        rows = list(csv.DictReader(lines))
    feedback = nbformat.read(base / "report" / "feedback" / "honest" / "00_welcome.ipynb", as_version=4)
    yield {"finished": finished, "rows": rows, "feedback": feedback}
    holder.cleanup()


def row(graded, learner: str, exercise: str = "weighted_sums") -> dict:
    return next(r for r in graded["rows"] if r["learner"] == learner and r["exercise"] == exercise)


def test_the_run_grades_everyone(graded):
    assert graded["finished"].returncode == 0, graded["finished"].stderr
    assert {r["learner"] for r in graded["rows"]} == set(ATTACKS)


def test_the_honest_learner_passes(graded):
    assert row(graded, "honest")["outcome"] == "passed"


@pytest.mark.parametrize(
    "learner, reason",
    [
        ("getsource_exec", "`weighted_sums`'s code does not come from a cell of 00_welcome.ipynb"),
        ("partial", "`weighted_sums` is a partial object, not a function defined with `def weighted_sums`"),
        ("nnlib_itself", "`weighted_sums` is nnlib's own `weighted_sums`"),
        ("rebound", "`weighted_sums` is the function `my_sums` of cell"),
    ],
)
def test_someone_elses_function_is_a_review_with_no_points_and_the_reason(graded, learner, reason):
    mine = row(graded, learner)
    assert (mine["outcome"], mine["points"]) == (REVIEW, "0"), mine
    assert reason in mine["message"], mine["message"]
    assert row(graded, learner, "layer_sizes")["outcome"] == "not done yet"  # the others are graded as usual


def test_an_accepted_review_passes(graded):
    mine = row(graded, "reference_import")
    assert (mine["outcome"], mine["points"]) == ("passed", "1")
    assert mine["message"].startswith(
        "accepted by the instructor: ✓ weighted_sums: passed its checks, but needs review"
    )
    assert "reaches nnlib's own `weighted_sums` (line 3: `ws`)" in mine["message"]


def test_a_decoy_def_does_not_hide_the_loop_of_the_function_graded(graded):
    mine = row(graded, "decoy")
    assert mine["outcome"] == "failed" and "still loops in Python" in mine["message"], mine


def test_the_notebooks_own_check_marks_are_marked_as_the_learners(graded):
    remarks = [
        "".join(output.get("text", ""))
        for cell in graded["feedback"].cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.get("name") == "stderr"
    ]
    assert any("the ✓/✗ above were shown by the notebook itself" in remark for remark in remarks)


def test_every_exercise_has_a_reference_the_checks_know():
    assert all(get_exercise(e).reference is not None for e in exercise_ids())
