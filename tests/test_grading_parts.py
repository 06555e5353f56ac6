"""The grader's parts, without a kernel: data on the wire, lessons of notebooks, zips, the report."""

from __future__ import annotations

import base64
import io
import pickle
import zipfile
from pathlib import Path

import nbformat
import numpy as np
import pytest

from nnlib.grading import wire
from nnlib.grading.learner import extract_zip
from nnlib.grading.lessons import identify, lessons
from nnlib.grading.remote import source_function
from nnlib.grading.report import write_report

ROOT = Path(__file__).resolve().parent.parent


def test_data_travels_both_ways_with_types_kept():
    rng = np.random.default_rng(3)
    value = {
        "A": np.arange(6.0).reshape(2, 3),
        "ints": np.array([[1, 2]], dtype=np.int32),
        "pair": (1, 2.5, float("nan"), float("-inf"), 10**30),
        "list": [True, None, "text", np.float32(1.5)],
        "rng": rng,
    }
    back = wire.unpack(wire.pack(value))
    assert set(back) == set(value)
    np.testing.assert_array_equal(back["A"], value["A"])
    assert back["ints"].dtype == np.int32
    assert back["pair"][:2] == (1, 2.5) and np.isnan(back["pair"][2]) and back["pair"][3] == -np.inf
    assert back["pair"][4] == 10**30
    assert back["list"][:3] == [True, None, "text"] and back["list"][3] == np.float32(1.5)
    assert back["rng"].standard_normal() == np.random.default_rng(3).standard_normal()


def test_what_is_not_data_arrives_as_a_description():
    back = wire.unpack(wire.pack({"f": len, "obj": object(), "arr": np.array([object()])}))
    assert type(back["f"]).__name__ == "builtin_function_or_method"
    assert isinstance(back["obj"], wire.Opaque) and isinstance(back["arr"], wire.Opaque)
    callables = []
    packed = wire.pack([len], callables)
    assert callables == [len]
    assert wire.unpack(packed, callable_factory=lambda ref: ("called back", ref)) == [("called back", 0)]


def test_pickles_and_garbage_are_refused():
    evil = io.BytesIO()
    np.savez(evil, __tree__=np.frombuffer(b'{"t": "array", "ref": "a0"}', dtype=np.uint8), a0=np.array([object()]))
    with pytest.raises(wire.WireError):
        wire.unpack(base64.b64encode(evil.getvalue()).decode())
    with pytest.raises(wire.WireError):
        wire.unpack(base64.b64encode(pickle.dumps({"x": 1})).decode())
    for garbage in ("", "not base64!", 42):
        with pytest.raises(wire.WireError):
            wire.unpack(garbage)


def student(lesson: str):
    return nbformat.read(ROOT / "notebooks" / f"{lesson}.ipynb", as_version=4)


def test_lessons_are_known_by_metadata_then_name_then_code(tmp_path):
    nbformat.write(student("02_activations"), tmp_path / "Untitled.ipynb")
    bare = student("00_welcome")
    bare.metadata = {}
    nbformat.write(bare, tmp_path / "bob_00_welcome.ipynb")
    code_only = student("01_initialization")
    code_only.metadata = {}
    nbformat.write(code_only, tmp_path / "homework.ipynb")
    nbformat.write(student("02_activations"), tmp_path / "03_forward_propagation.ipynb")
    (tmp_path / "notes.ipynb").write_text(nbformat.writes(nbformat.v4.new_notebook()))
    (tmp_path / "cut.ipynb").write_text('{"cells": [')
    (tmp_path / "link.ipynb").symlink_to(ROOT / "notebooks" / "04_cost.ipynb")
    found = identify(tmp_path)
    assert {lesson: item.name for lesson, item in found.graded.items()} == {
        "00_welcome": "bob_00_welcome.ipynb",
        "01_initialization": "homework.ipynb",
        "02_activations": "03_forward_propagation.ipynb",
    }
    text = "\n".join(found.problems)
    assert "bob_00_welcome.ipynb: no lesson in its metadata; recognised as 00_welcome from its file name" in text
    assert "homework.ipynb: no lesson in its metadata or name; recognised as 01_initialization" in text
    assert "03_forward_propagation.ipynb: holds lesson 02_activations (from its metadata)" in text
    assert "lesson 02_activations was submitted more than once: graded 03_forward_propagation.ipynb" in text
    assert "notes.ipynb: not a notebook of this course" in text
    assert "cut.ipynb: not valid JSON" in text
    assert "link.ipynb: a link or not a regular file; not graded" in text


def test_zips_cannot_write_outside_their_folder(tmp_path):
    archive = tmp_path / "learner.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("../../outside.ipynb", "{}")
        zipped.writestr("/abs/inside.ipynb", "{}")
        zipped.writestr("readme.txt", "x")
    into = tmp_path / "into"
    into.mkdir()
    extract_zip(archive, into)
    assert sorted(path.name for path in into.iterdir()) == ["inside.ipynb", "outside.ipynb"]
    assert not (tmp_path.parent / "outside.ipynb").exists()


def test_the_source_of_an_exercise_is_read_from_its_cell_without_running_it():
    cells = [
        (3, "%matplotlib inline\nimport os\nos.remove('/nothing')\n\ndef sigmoid(Z):\n    for z in Z:\n        pass\n")
    ]
    function = source_function("sigmoid", cells, "lesson.ipynb")
    assert function.cell == 3 and function.__code__.co_varnames[0] == "Z"
    from nnlib.checks.source import python_loops

    assert python_loops(function) == ["line 6: `for z in Z:`"]
    assert source_function("relu", cells, "lesson.ipynb") is None


def test_the_report_files(tmp_path):
    rows = [
        {
            "learner": "ada",
            "lesson": "00_welcome",
            "exercise": e,
            "outcome": o,
            "points": p,
            "max_points": 1.0,
            "message": m,
        }
        for e, o, p, m in [
            ("layer_sizes", "passed", 1.0, "✓ layer_sizes: passed"),
            ("weighted_sums", "failed", 0.0, "✗ weighted_sums: wrong\n    likely cause: the bias is missing"),
        ]
    ]
    write_report(tmp_path, [{"learner": "ada", "rows": rows, "problems": ["x.ipynb: renamed"]}], [])
    grades = (tmp_path / "grades.csv").read_text().splitlines()
    assert grades[0] == "learner,lesson,exercise,outcome,points,max_points,message"
    assert grades[2] == "ada,00_welcome,weighted_sums,failed,0,1,✗ weighted_sums: wrong"
    assert (tmp_path / "summary.csv").read_text().splitlines()[1] == "ada,1,2,1,2,,x.ipynb: renamed"
    page = (tmp_path / "index.html").read_text()
    assert "the bias is missing" in page and "weighted_sums" in page and "#ffcdd2" in page
    assert list(lessons())[0] == "00_welcome"


def a_class_of_every_outcome() -> tuple[list[dict], list[str]]:
    """Three learners whose rows cover every outcome, HTML to escape, causes to count and a missing row."""

    def row(learner, lesson, exercise, outcome, points, message):
        return dict(
            learner=learner,
            lesson=lesson,
            exercise=exercise,
            outcome=outcome,
            points=points,
            max_points=1.0,
            message=message,
        )

    bias = "✗ weighted_sums: wrong values\n    likely cause: the bias `b` is missing"
    ada = [
        row("ada", "00_welcome", "layer_sizes", "passed", 1.0, "✓ layer_sizes: passed (5 test inputs)"),
        row("ada", "00_welcome", "weighted_sums", "failed", 0.0, bias),
        row(
            "ada",
            "01_initialization",
            "initialize_parameters",
            "your code raised",
            0.0,
            "✗ initialize_parameters: ValueError: shapes (3,2) & <4,1> not aligned",
        ),
        row("ada", "02_activations", "sigmoid", "not done yet", 0.0, "… sigmoid: not done yet"),
    ]
    bob = [
        row("bob", "00_welcome", "layer_sizes", "missing", 0.0, "`layer_sizes` is not defined in the notebook"),
        row("bob", "00_welcome", "weighted_sums", "failed", 0.0, bias),
        row("bob", "01_initialization", "initialize_parameters", "could not run", 0.0, "the kernel did not answer"),
        row("bob", "02_activations", "sigmoid", "passed", 0.5, "✓ sigmoid: passed"),
        row("bob", "03_forward", "relu", "surprising & new", 0.0, ""),
    ]
    eve = [
        row("<eve>", "00_welcome", "layer_sizes", "not submitted", 0.0, ""),
        row("<eve>", "00_welcome", "weighted_sums", "unreadable notebook", 0.0, "Notebook is not valid JSON"),
        row("<eve>", "02_activations", "sigmoid", "failed", 0.0, '✗ sigmoid: overflow "warning" for z = -1000'),
    ]
    results = [
        {"learner": "ada", "rows": ada, "problems": ["x.ipynb: renamed", "cell 4: stopped after 8 s"], "seconds": 3.5},
        {"learner": "bob", "rows": bob, "problems": [], "seconds": 12.0},
        {"learner": "<eve>", "rows": eve},
    ]
    return results, ["carol: grading took longer than 900 s", "dan: <no result written>"]


@pytest.mark.parametrize("name", ["grades.csv", "summary.csv", "index.html"])
def test_the_report_is_byte_for_byte_the_stored_one(tmp_path, name):
    # The stored files were written by the report before its counting and its template were separated.
    results, failures = a_class_of_every_outcome()
    write_report(tmp_path, results, failures)
    assert (tmp_path / name).read_bytes() == (ROOT / "tests" / "report_snapshot" / name).read_bytes()


def test_the_classroom_workflow_is_the_generated_one_with_a_test_per_exercise():
    import yaml

    from nnlib.checks import exercise_ids
    from nnlib.checks.registry import get_exercise
    from nnlib.course.workflow import workflow_text

    path = ROOT / ".github" / "workflows" / "classroom.yml"
    assert path.read_text() == workflow_text(), "run `python -m nnlib.course classroom-workflow > " + str(path) + "`"
    steps = yaml.safe_load(workflow_text())["jobs"]["run-autograding-tests"]["steps"]
    tests = {step["id"]: step["with"] for step in steps if "autograding-command-grader" in step.get("uses", "")}
    assert list(tests) == exercise_ids()
    for exercise_id, options in tests.items():
        assert options["command"] == f"python -m nnlib.course passed report {exercise_id}"
        assert options["max-score"] == get_exercise(exercise_id).points
    install = next(step["run"] for step in steps if step.get("name") == "Install the grader")
    assert "./course[test]" in install and "submission" not in install


def test_passed_exits_0_only_for_a_passed_exercise(tmp_path, capsys):
    from nnlib import course

    rows = [
        {
            "learner": "ada",
            "lesson": "00_welcome",
            "exercise": e,
            "outcome": o,
            "points": p,
            "max_points": 1.0,
            "message": e,
        }
        for e, o, p in [("layer_sizes", "passed", 1.0), ("weighted_sums", "failed", 0.0)]
    ]
    write_report(tmp_path, [{"learner": "ada", "rows": rows}], [])
    assert course.main(["passed", str(tmp_path), "layer_sizes"]) == 0
    assert course.main(["passed", str(tmp_path), "weighted_sums"]) == 1
    assert course.main(["passed", str(tmp_path), "sigmoid"]) == 2
    assert course.main(["passed", str(tmp_path / "nowhere"), "sigmoid"]) == 2
    assert "weighted_sums: failed (0/1 points)" in capsys.readouterr().out
