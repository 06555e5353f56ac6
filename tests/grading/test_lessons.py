"""nnlib.grading.lessons: which lesson a notebook is, zips kept in their folder, a source read unrun."""

from __future__ import annotations

import zipfile
from pathlib import Path

import nbformat

from nnlib.grading.learner import extract_zip
from nnlib.grading.lessons import identify
from nnlib.grading.remote import source_function

ROOT = Path(__file__).resolve().parents[2]


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
