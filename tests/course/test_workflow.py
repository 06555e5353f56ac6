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
