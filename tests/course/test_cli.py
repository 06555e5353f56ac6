"""nnlib.course.cli: `passed` exits 0 only for a passed exercise."""

from __future__ import annotations

from nnlib.grading.report import write_report


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
