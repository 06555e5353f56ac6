"""nnlib.course.progress: a learner's own notebooks graded, a table per lesson and progress.html."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat

from nnlib.course.progress import lesson_table, progress

ROOT = Path(__file__).resolve().parents[2]
STUB = "    # YOUR CODE HERE\n    raise NotDoneYet()"


def test_the_table_counts_passed_failed_and_not_done():
    rows = [
        {"lesson": "00_welcome", "exercise": "layer_sizes", "outcome": "passed", "message": ""},
        {"lesson": "00_welcome", "exercise": "weighted_sums", "outcome": "your code raised", "message": ""},
        {"lesson": "00_welcome", "exercise": "mean_over_examples", "outcome": "not done yet", "message": ""},
    ]
    lines = lesson_table(rows).splitlines()
    assert lines[0].split() == ["lesson", "passed", "failed", "not", "done", "to", "do"]
    assert lines[1].split()[:4] == ["00_welcome", "1/3", "1", "1"]
    assert "weighted_sums (your code raised), mean_over_examples (not done yet)" in lines[1]


def test_progress_grades_the_notebooks_worked_in(tmp_path, capsys):
    (tmp_path / "notebooks").mkdir()
    for lesson in ("00_welcome", "01_initialization"):
        shutil.copy(ROOT / "notebooks" / f"{lesson}.ipynb", tmp_path / "notebooks")
    welcome = nbformat.read(tmp_path / "notebooks" / "00_welcome.ipynb", as_version=4)
    for cell in welcome.cells:
        if cell.source.startswith("def layer_sizes("):
            cell.source = cell.source.replace(STUB, "    return X.shape[0], hidden_size, Y.shape[0]")
    nbformat.write(welcome, tmp_path / "notebooks" / "00_welcome.ipynb")
    assert progress(tmp_path, jobs=1) == 0
    out = capsys.readouterr().out
    lines = {line.split()[0]: line for line in out.splitlines() if line.strip()}
    assert lines["00_welcome"].split()[1:4] == ["1/3", "0", "2"]
    assert lines["01_initialization"].split()[1:4] == ["0/1", "0", "1"]  # untouched: not run, not done
    page = (tmp_path / "progress.html").read_text()
    assert "Your progress: 1 of" in page and "✓ layer_sizes" in page
