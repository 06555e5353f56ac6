"""nnlib.course: student notebooks from solutions, the sync check, execution, grading, and the nbval policy."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from nnlib import course
from nnlib.checks import exercise_ids
from nnlib.checks.registry import get_exercise

ROOT = Path(__file__).resolve().parents[2]


TESTS = Path(__file__).resolve().parents[1]


EXERCISE_CELL = '''\
def double(x):
    """Twice x."""
    ### BEGIN SOLUTION
    y = 2 * x
    return y
    ### END SOLUTION'''


def solution_notebook(*sources: str, run: bool = True):
    notebook = nbformat.v4.new_notebook()
    notebook.cells.append(nbformat.v4.new_markdown_cell("# A lesson"))
    for number, source in enumerate(sources):
        cell = nbformat.v4.new_code_cell(
            source,
            metadata={"tags": ["raises-exception"], "scrolled": True, "execution": {"iopub.status.busy": "2026"}},
        )
        if run:
            cell.execution_count = number + 1
            cell.outputs = [nbformat.v4.new_output("stream", text="42\n")]
        notebook.cells.append(cell)
    notebook.metadata["widgets"] = {"state": {}}
    return notebook


@pytest.fixture
def course_root(tmp_path):
    (tmp_path / "solutions").mkdir()
    nbformat.write(solution_notebook(EXERCISE_CELL, "print(double(21))"), tmp_path / "solutions" / "01_double.ipynb")
    return tmp_path


def test_strip_solutions_keeps_the_indentation():
    assert course.strip_solutions(EXERCISE_CELL) == (
        'def double(x):\n    """Twice x."""\n    # YOUR CODE HERE\n    raise NotDoneYet()'
    )


def test_strip_solutions_leaves_other_code_alone():
    assert course.strip_solutions("x = 1\nprint(x)") == "x = 1\nprint(x)"


@pytest.mark.parametrize(
    "source, says",
    [
        ("### BEGIN SOLUTION\nx = 1", "never closed"),
        ("x = 1\n### END SOLUTION", "without a ### BEGIN SOLUTION"),
        ("### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION", "inside another"),
    ],
)
def test_strip_solutions_refuses_broken_markers(source, says):
    with pytest.raises(course.CourseError, match=says):
        course.strip_solutions(source, "lesson.ipynb, cell 3")


def test_student_version_is_clean():
    solution = solution_notebook(EXERCISE_CELL, "print(double(21))")
    before = nbformat.writes(solution)
    student = course.student_version(solution, "01_double.ipynb")
    assert nbformat.writes(solution) == before  # the source is untouched
    code = [cell for cell in student.cells if cell.cell_type == "code"]
    assert "BEGIN SOLUTION" not in code[1].source and "2 * x" not in code[1].source
    assert all(cell.outputs == [] and cell.execution_count is None for cell in code)
    assert all(dict(cell.metadata) == {"tags": ["raises-exception"]} for cell in code[1:])
    assert [cell.id for cell in student.cells] == ["nnlib-links", "nnlib-install"] + [c.id for c in solution.cells]
    assert "colab.research.google.com" in student.cells[0].source and "mybinder.org" in student.cells[0].source
    assert student.cells[1].source == course.INSTALL_CELL
    assert student.metadata["nnlib"]["lesson"] == "01_double"
    assert "widgets" not in student.metadata
    assert student.metadata["nnlib"]["generated_from"] == "solutions/01_double.ipynb"
    nbformat.validate(student)


def test_markers_in_markdown_are_refused():
    solution = solution_notebook()
    solution.cells.append(nbformat.v4.new_markdown_cell("### BEGIN SOLUTION\nthe answer\n### END SOLUTION"))
    with pytest.raises(course.CourseError, match="code cells only"):
        course.student_version(solution, "01_x.ipynb")


def test_build_writes_then_leaves_unchanged(course_root):
    assert course.build(course_root).written == ["01_double.ipynb"]
    assert course.check_build(course_root) == []
    assert course.build(course_root).unchanged == ["01_double.ipynb"]


def test_build_never_overwrites_a_learners_work(course_root):
    course.build(course_root)
    student_path = course_root / "notebooks" / "01_double.ipynb"
    student = nbformat.read(student_path, as_version=4)
    student.cells[3].source = student.cells[3].source.replace("raise NotDoneYet()", "return x + x")
    nbformat.write(student, student_path)
    worked = student_path.read_text()

    solution_path = course_root / "solutions" / "01_double.ipynb"
    solution = nbformat.read(solution_path, as_version=4)
    solution.cells[0].source = "# A lesson, revised"
    nbformat.write(solution, solution_path)

    with pytest.raises(course.CourseError, match="may hold a learner's work"):
        course.build(course_root)
    assert student_path.read_text() == worked

    course.build(course_root, force=True)
    backups = list((course_root / "notebooks" / "backup").glob("01_double.*.ipynb"))
    assert len(backups) == 1 and backups[0].read_text() == worked
    assert course.check_build(course_root) == []


def test_build_overwrites_an_untouched_stale_notebook(course_root):
    course.build(course_root)
    solution_path = course_root / "solutions" / "01_double.ipynb"
    solution = nbformat.read(solution_path, as_version=4)
    solution.cells[0].source = "# A lesson, revised"
    nbformat.write(solution, solution_path)
    assert course.check_build(course_root) == ["notebooks/01_double.ipynb is stale; run `python -m nnlib.course build`"]
    assert course.build(course_root).written == ["01_double.ipynb"]
    assert not (course_root / "notebooks" / "backup").exists()


def test_check_build_reports_every_problem(course_root):
    assert course.check_build(course_root) == [
        "notebooks/01_double.ipynb is missing; run `python -m nnlib.course build`"
    ]
    course.build(course_root)
    (course_root / "notebooks" / "02_orphan.ipynb").write_text("{} BEGIN SOLUTION")
    nbformat.write(solution_notebook("x = 1", run=False), course_root / "solutions" / "03_unrun.ipynb")
    problems = course.check_build(course_root)
    assert "notebooks/02_orphan.ipynb has no source in solutions/" in problems
    assert "notebooks/02_orphan.ipynb contains a solution marker" in problems
    assert any(p.startswith("solutions/03_unrun.ipynb: 1 code cells have not been run") for p in problems)
    assert "notebooks/03_unrun.ipynb is missing; run `python -m nnlib.course build`" in problems


def test_command_line_build_check(course_root, capsys):
    assert course.main(["--root", str(course_root), "build", "--check"]) == 1
    assert "missing" in capsys.readouterr().err
    assert course.main(["--root", str(course_root), "build"]) == 0
    assert course.main(["--root", str(course_root), "build", "--check"]) == 0
    assert "in sync" in capsys.readouterr().out


def test_the_course_notebooks_are_in_sync():
    """`python -m nnlib.course build --check` on this repository (git's copy of a notebook a learner changed)."""
    notes = []
    assert course.check_build(ROOT, notes) == []
    for note in notes:
        print(note)


def test_check_build_compares_a_learners_notebook_through_git(course_root):
    course.build(course_root)
    subprocess.run(["git", "init", "-q", str(course_root)], check=True)
    subprocess.run(["git", "-C", str(course_root), "-c", "user.name=t", "-c", "user.email=t@t", "add", "."], check=True)
    subprocess.run(
        ["git", "-C", str(course_root), "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"], check=True
    )
    student_path = course_root / "notebooks" / "01_double.ipynb"
    student = nbformat.read(student_path, as_version=4)
    student.cells[3].source = student.cells[3].source.replace("raise NotDoneYet()", "return x + x")
    nbformat.write(student, student_path)
    notes = []
    assert course.check_build(course_root, notes) == []
    assert notes == ["notebooks/01_double.ipynb holds your work, so git's committed copy was checked instead"]


def checked_exercises(path: Path) -> list[str]:
    notebook = nbformat.read(path, as_version=4)
    return [
        match
        for cell in notebook.cells
        if cell.cell_type == "code"
        for match in re.findall(r'^check\("(\w+)", \1\)', cell.source, flags=re.M)
    ]


def test_every_exercise_is_posed_and_checked_in_its_lesson_in_course_order():
    posed = []
    for path in sorted((ROOT / "solutions").glob("[0-9][0-9]_*.ipynb")):
        for exercise_id in checked_exercises(path):
            assert get_exercise(exercise_id).lesson == path.stem, exercise_id
            posed.append(exercise_id)
    assert posed == exercise_ids()


def test_every_solution_passes_its_own_check():
    for path in sorted((ROOT / "solutions").glob("[0-9][0-9]_*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            match = re.match(r'check\("(\w+)", \1\)', cell.source)
            if match:
                shown = "".join(output.get("data", {}).get("text/plain", "") for output in cell.outputs)
                assert shown.startswith(f"✓ {match.group(1)}: passed"), (path.name, shown)


def test_every_exercise_cell_in_the_student_notebooks_is_a_stub():
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        text = path.read_text()
        if course.holds_work(path):  # a learner's copy: check what the build committed
            text = course.committed_text(ROOT, f"notebooks/{path.name}") or pytest.skip(f"{path.name} holds work")
        notebook = nbformat.reads(text, as_version=4)
        for exercise_id in checked_exercises(path):
            definition = next(cell.source for cell in notebook.cells if cell.source.startswith(f"def {exercise_id}("))
            assert "# YOUR CODE HERE\n    raise NotDoneYet()" in definition


def test_execute_stores_outputs_without_timing(course_root):
    assert course.execute(course_root, ["01_double"]) == ["01_double.ipynb"]
    notebook = nbformat.read(course_root / "solutions" / "01_double.ipynb", as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code[1].outputs[0]["text"] == "42\n"
    assert all("execution" not in cell.metadata for cell in code)
    assert "widgets" not in notebook.metadata
    with pytest.raises(course.CourseError, match="no solution notebook named 99_nothing"):
        course.execute(course_root, ["99_nothing"])


def run_student_notebooks(root: Path) -> subprocess.CompletedProcess:
    """nbval on ``root/notebooks`` with the course's notebook policy, in a fresh pytest."""
    (root / "pytest.ini").write_text("[pytest]\n")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "notebook_policy", "--nbval", "--nbval-current-env"]
        + ["-p", "no:cacheprovider", str(root / "notebooks")],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(TESTS)},
    )


@pytest.mark.parametrize(
    "source, passes",
    [
        ("from nnlib.checks import NotDoneYet\nraise NotDoneYet('x')", True),
        ("undefined_name + 1", False),
    ],
)
def test_student_notebooks_may_raise_only_not_done_yet(tmp_path, source, passes):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    notebook = nbformat.v4.new_notebook()
    notebook.cells.append(nbformat.v4.new_code_cell(source, metadata={"tags": ["raises-exception"]}))
    nbformat.write(notebook, folder / "01_x.ipynb")
    result = run_student_notebooks(tmp_path)
    assert (result.returncode == 0) is passes, result.stdout + result.stderr
    if not passes:
        assert "the cell raised NameError" in result.stdout
        assert "the only error allowed is NotDoneYet" in result.stdout


def test_merge_streams_joins_adjacent_chunks_of_one_stream_only():
    stream = nbformat.v4.new_output
    outputs = [
        stream("stream", name="stdout", text="a\n"),
        stream("stream", name="stdout", text="b\n"),
        stream("stream", name="stderr", text="warning\n"),
        stream("stream", name="stdout", text="c\n"),
        stream("display_data", data={"text/plain": "x"}),
        stream("stream", name="stdout", text="d\n"),
    ]
    merged = course.merge_streams(outputs)
    assert [(output.get("name"), output.get("text")) for output in merged] == [
        ("stdout", "a\nb\n"),
        ("stderr", "warning\n"),
        ("stdout", "c\n"),
        (None, None),
        ("stdout", "d\n"),
    ]


@pytest.mark.parametrize(
    "source, stored, passes",
    [
        ("print(42)", "42\n", True),
        ("print(41)", "42\n", False),  # the lesson's text would describe a run the learner does not see
        ('print("Using the course\'s `f` here, because yours is not done yet.")\nprint(1)', None, True),
        ('print("not done yet")\nprint(2)', "1\n", True),  # stopped by "not done yet": left out
    ],
)
def test_an_untouched_student_notebook_prints_what_its_solution_stored(tmp_path, source, stored, passes):
    if stored is None:
        stored = "Using your `f` (it passes its check).\n1\n"
    cell = nbformat.v4.new_code_cell(source)
    solution = nbformat.v4.new_notebook(cells=[cell])
    cell.execution_count = 1
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=stored)]
    for folder in ("solutions", "notebooks"):
        (tmp_path / folder).mkdir()
    nbformat.write(solution, tmp_path / "solutions" / "01_x.ipynb")
    cell.execution_count, cell.outputs = None, []
    nbformat.write(solution, tmp_path / "notebooks" / "01_x.ipynb")
    result = run_student_notebooks(tmp_path)
    assert (result.returncode == 0) is passes, result.stdout + result.stderr
    if not passes:
        assert "prints something other than the solution's stored output" in result.stdout


def test_a_skipped_cell_may_not_bind_what_a_later_cell_reads():
    from nnlib.course.notebooks import skip_problems
    from nnlib.grading.cells import SKIP_TAG

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell("results = [1, 2]\nfig = None", metadata={"tags": [SKIP_TAG]}),
        nbformat.v4.new_code_cell("for fig in range(2):\n    print(fig)"),  # binds fig itself: fine
        nbformat.v4.new_code_cell("print(results)", metadata={"tags": [SKIP_TAG]}),  # skipped too: fine
        nbformat.v4.new_code_cell("total = sum(results)"),
    ]
    problems = skip_problems(notebook, "99_example.ipynb")
    assert problems[0] == f"solutions/99_example.ipynb, cell 1: tagged {SKIP_TAG} but binds results, which cell 4 uses"
    assert len([p for p in problems if "binds" in p]) == 1


def test_the_badges_are_pictures_shipped_with_the_course():
    import re

    student = nbformat.read(ROOT / "notebooks" / "00_welcome.ipynb", as_version=4)
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", student.cells[0].source)
    assert len(pictures) == 2
    for picture in pictures:
        assert not picture.startswith("http"), picture
        assert (ROOT / "notebooks" / picture).resolve().is_file(), picture
