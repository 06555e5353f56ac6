"""Seconds to grade a class: learners who did the whole course right, and the test suite's hostile class.

Two measurements, each the wall time of ``python -m nnlib.course grade … --jobs 2``:

- **the whole course, all correct**: ``--learners`` learners (8 by default), each with every
  lesson's student notebook filled in with the solutions' code (as a learner who solved
  everything would hand it in: the build's notebook, the solution regions written out);
- **the hostile class**: the class of ``tests/grading/test_classroom.py`` (right, half-done,
  wrong, looping, vandalising, forging, exiting, hogging learners), timed by that test's own
  grading run, whose line ``N s wall, M s CPU, load L`` it prints.

Prints the lines and writes the "grading_speed" section of ``RESULTS.md``. The machine's load
average is given with every figure: on a machine shared with other work, wall time measures
that work too.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from report import machine_lines, write_section

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nnlib.course.notebooks import solved_version  # noqa: E402  (after the path is set)
from nnlib.grading.lessons import lessons  # noqa: E402


def course_lessons() -> list[Path]:
    """The solution notebooks of the lessons the grader grades (the playground is not one)."""
    return [ROOT / "solutions" / f"{lesson}.ipynb" for lesson in lessons()]


def make_course_class(folder: Path, learners: int) -> None:
    """``learners`` folders in ``folder``, each with every graded lesson solved."""
    solved = {path.name: solved_version(nbformat.read(path, as_version=4), path.name) for path in course_lessons()}
    for number in range(learners):
        for name, notebook in solved.items():
            target = folder / f"learner{number:02d}" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(notebook, target)


def grade_seconds(submissions: Path, report: Path, jobs: int) -> tuple[float, tuple[float, float], list[dict]]:
    """Grade ``submissions``: wall seconds, the load average at the start and at the end, and ``summary.csv``'s
    rows."""
    load_before = os.getloadavg()[0]
    started = time.monotonic()
    finished = subprocess.run(
        [sys.executable, "-m", "nnlib.course", "grade", str(submissions), "--out", str(report)]
        + ["--jobs", str(jobs), "--quiet"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    seconds = time.monotonic() - started
    if finished.returncode not in (0, 1):  # 1: the grader failed on some learner (said below), the rest graded
        raise RuntimeError(f"grading failed ({finished.returncode}): {finished.stderr[-2000:]}")
    for line in finished.stderr.splitlines():
        if line.startswith("error: "):
            print(f"  grader {line}")
    with (report / "summary.csv").open(encoding="utf-8") as lines:
        summary = list(csv.DictReader(lines))
    with (report / "grades.csv").open(encoding="utf-8") as lines:
        for row in csv.DictReader(lines):
            if row["outcome"] != "passed":
                print(f"  not passed: {row['learner']} {row['exercise']}: {row['outcome']}: {row['message']}")
    for row in summary:
        if row["problems"]:
            print(f"  noticed for {row['learner']}: {row['problems'][:600]}")
    return seconds, (load_before, os.getloadavg()[0]), summary


def course_line(learners: int, jobs: int) -> str:
    """Grade ``learners`` learners × the whole course, all correct; one line saying how long it took."""
    with tempfile.TemporaryDirectory(prefix="nnlib-grading-speed-") as scratch:
        submissions, report = Path(scratch) / "class", Path(scratch) / "report"
        make_course_class(submissions, learners)
        os.chmod(submissions, 0o700)
        seconds, load, summary = grade_seconds(submissions, report, jobs)
    wrong = [row["learner"] for row in summary if row["points"] != row["max_points"]]
    each = [float(row["seconds"]) for row in summary]
    line = (
        f"{learners} learners × the whole course ({len(course_lessons())} lessons), all correct, --jobs {jobs}: "
        f"{seconds:.0f} s wall ({seconds / learners:.1f} s per learner); one learner's grading "
        f"{min(each):.0f}-{max(each):.0f} s; load average {load[0]:.1f} at the start, {load[1]:.1f} at the end"
    )
    return line + (f"; NOT all passed: {', '.join(wrong)}" if wrong else "")


def hostile_line() -> str:
    """Run the class test's grading (the test suite's hostile class); one line with its time."""
    finished = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider"]
        + ["tests/grading/test_classroom.py::test_the_class_is_graded_with_exit_0_in_time"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    timing = re.search(r"(\d+) s wall, (\d+) s CPU, load ([\d.]+)", finished.stdout)
    if not timing:
        return f"the hostile class: the test did not report its time ({finished.stdout[-500:]})"
    verdict = "passed" if finished.returncode == 0 else "FAILED"
    return (
        f"the hostile class of tests/grading/test_classroom.py, --jobs 2: {timing.group(1)} s wall, "
        f"{timing.group(2)} s CPU, load average {timing.group(3)} (the test {verdict})"
    )


def section(lines: list[str], note: str) -> str:
    body = [
        "## Grading a class (`benchmarks/grading_speed.py`)",
        "",
        "Wall time of `python -m nnlib.course grade` on this machine; goals: 8 learners × the whole course, "
        "all correct, in ≤ 120 s, and the hostile class in ≤ 150 s, with `--jobs 2` on 2 cores.",
        "",
        *machine_lines(["numpy", "ipykernel", "jupyter_client"]),
        "",
        *[f"- {line}" for line in lines],
    ]
    if note:
        body += ["", note]
    return "\n".join(body)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=8, help="learners × the whole course (default 8)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--skip-hostile", action="store_true", help="only the whole-course class")
    parser.add_argument("--note", default="", help="a sentence written under the lines (e.g. the machine's load)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    args = parser.parse_args(argv)
    lines = [course_line(args.learners, args.jobs)]
    print(lines[-1], flush=True)
    if not args.skip_hostile:
        lines.append(hostile_line())
        print(lines[-1], flush=True)
    if not args.no_write:
        write_section("grading_speed", section(lines, args.note))
    return 0


if __name__ == "__main__":
    sys.exit(main())
