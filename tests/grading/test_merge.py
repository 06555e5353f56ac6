"""nnlib.grading.merge and `grade --shard`: shards merged give the report one run gives."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from nnlib.grading.classroom import GradingError, shard_of

ROOT = Path(__file__).resolve().parents[2]
STUB = "    # YOUR CODE HERE\n    raise NotDoneYet()"
BODIES = {
    "ada": {"layer_sizes": "    return X.shape[0], hidden_size, Y.shape[0]"},
    "bob": {"weighted_sums": "    return W @ X + b"},
    "cy": {"layer_sizes": "    return X.shape[1], hidden_size, Y.shape[1]"},
}


def test_a_shard_is_every_nth_learner_by_name():
    learners = [(name, Path(name)) for name in "abcde"]
    assert [name for name, _ in shard_of(learners, (1, 2))] == ["a", "c", "e"]
    assert [name for name, _ in shard_of(learners, (2, 2))] == ["b", "d"]
    assert shard_of(learners, None) == learners
    with pytest.raises(GradingError):
        shard_of(learners, (3, 2))


def grade(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "nnlib.course", *args], capture_output=True, text=True, timeout=600, cwd=ROOT
    )


def table(path: Path, drop: str | None = None) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [{k: v for k, v in row.items() if k != drop} for row in csv.DictReader(lines)]


def test_shards_merged_are_one_run(tmp_path):
    student = nbformat.read(ROOT / "notebooks" / "00_welcome.ipynb", as_version=4)
    for learner, bodies in BODIES.items():
        notebook = nbformat.from_dict(student)
        for cell in notebook.cells:
            for exercise_id, body in bodies.items():
                if cell.source.startswith(f"def {exercise_id}("):
                    cell.source = cell.source.replace(STUB, body)
        (tmp_path / "class" / learner).mkdir(parents=True)
        nbformat.write(notebook, tmp_path / "class" / learner / "00_welcome.ipynb")
    common = ["--jobs", "2", "--timeout", "20", "--quiet"]
    whole = grade("grade", str(tmp_path / "class"), "--out", str(tmp_path / "whole"), *common)
    assert whole.returncode == 0, whole.stderr
    for shard in ("1/2", "2/2", "3/3"):
        part = grade(
            "grade",
            str(tmp_path / "class"),
            "--out",
            str(tmp_path / shard.replace("/", "of")),
            "--shard",
            shard,
            *common,
        )
        assert part.returncode == 0, part.stderr
    assert {row["learner"] for row in table(tmp_path / "1of2" / "grades.csv")} == {"ada", "cy"}
    merged = grade("merge", str(tmp_path / "1of2"), str(tmp_path / "2of2"), "--out", str(tmp_path / "merged"))
    assert merged.returncode == 0 and "merged 3 learners from 2 reports" in merged.stdout, merged.stderr
    assert table(tmp_path / "merged" / "grades.csv") == table(tmp_path / "whole" / "grades.csv")
    seconds = "seconds"  # the one column that differs from run to run
    assert table(tmp_path / "merged" / "summary.csv", seconds) == table(tmp_path / "whole" / "summary.csv", seconds)
    assert sorted(p.name for p in (tmp_path / "merged" / "feedback").iterdir()) == sorted(BODIES)
    overlapping = grade("merge", str(tmp_path / "1of2"), str(tmp_path / "whole"), "--out", str(tmp_path / "bad"))
    assert overlapping.returncode == 2 and "more than one report" in overlapping.stderr
    assert {row["learner"] for row in table(tmp_path / "3of3" / "grades.csv")} == {"cy"}  # the third of three
