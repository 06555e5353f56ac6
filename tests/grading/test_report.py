"""nnlib.grading.report: the report's files, byte for byte the stored snapshot."""

from __future__ import annotations

from pathlib import Path

import pytest

from nnlib.grading.lessons import lessons
from nnlib.grading.report import write_report

ROOT = Path(__file__).resolve().parents[2]


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
    assert (tmp_path / name).read_bytes() == (Path(__file__).parent / "report_snapshot" / name).read_bytes()
