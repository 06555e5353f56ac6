"""``python -m nnlib.course``: build, check and execute the lessons; grade a class.

::

    python -m nnlib.course build [--check] [--force]
    python -m nnlib.course execute [NAME…]
    python -m nnlib.course grade SUBMISSIONS --out REPORT [--jobs N] [--timeout S] [--notebook-timeout S]
                                 [--shard K/N] [--accept FILE] [--unsafe]
    python -m nnlib.course merge REPORT… --out MERGED [--accept FILE]  join the reports of shards
    python -m nnlib.course progress [--jobs N]                          grade your own notebooks/
    python -m nnlib.course passed REPORT EXERCISE [--learner NAME]   exit 0 when it passed (for CI)
    python -m nnlib.course classroom-workflow                         print the GitHub Classroom workflow

``grade`` exits 0 when every learner was graded (whatever the scores), 2 for
input it cannot use (no such folder, nothing to grade) and 1 when grading a
learner failed in the grader itself.
"""

from __future__ import annotations

import argparse
import os
import sys

from nnlib.course.notebooks import CourseError, build, check_build, execute

__all__ = ["main"]


def _shard(text: str) -> tuple[int, int]:
    """``"K/N"`` as ``(K, N)``, for ``--shard``."""
    try:
        number, count = (int(part) for part in text.split("/"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"--shard takes K/N, e.g. 1/4 (got {text!r})") from None
    if not 1 <= number <= count:
        raise argparse.ArgumentTypeError(f"--shard K/N needs 1 <= K <= N (got {text!r})")
    return number, count


def _accepted(args) -> set[tuple[str, str]]:
    from nnlib.grading.authorship import read_accept_list

    return read_accept_list(args.accept) if args.accept else set()


def _grade(args) -> int:
    from nnlib.grading import GradingError, grade_class

    try:
        result = grade_class(
            args.submissions,
            args.out,
            jobs=args.jobs,
            cell_timeout=args.timeout,
            notebook_timeout=args.notebook_timeout,
            memory_mb=args.memory_mb,
            progress=not args.quiet,
            unsafe=args.unsafe,
            shard=args.shard,
            accepted=_accepted(args),
        )
    except (GradingError, OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    learners = len(result.results)
    per = result.seconds / max(learners, 1)
    print(
        f"graded {learners} learners in {result.seconds:.0f} s "
        f"({per:.1f} s each, {args.jobs or os.cpu_count()} at once)"
    )
    print(f"report: {os.path.join(args.out, 'index.html')}, grades.csv, summary.csv, feedback/")
    for line in result.containment:
        print(line)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for failure in result.failures:
        print(f"error: {failure}", file=sys.stderr)
    return 1 if result.failures else 0


def _merge(args) -> int:
    from nnlib.grading import GradingError
    from nnlib.grading.merge import merge_reports

    try:
        results, failures = merge_reports(args.reports, args.out, _accepted(args))
    except (GradingError, OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"merged {len(results)} learners from {len(args.reports)} reports into {args.out}")
    for failure in failures:
        print(f"error: {failure}", file=sys.stderr)
    return 1 if failures else 0


def _progress(args) -> int:
    from nnlib.course.progress import progress

    return progress(args.root, jobs=args.jobs)


def _passed(args) -> int:
    import csv
    from pathlib import Path

    grades = Path(args.report) / "grades.csv"
    if not grades.exists():
        print(f"error: no {grades}; run `python -m nnlib.course grade` first", file=sys.stderr)
        return 2
    with grades.open(encoding="utf-8") as lines:
        rows = [
            row
            for row in csv.DictReader(lines)
            if row["exercise"] == args.exercise and (args.learner is None or row["learner"] == args.learner)
        ]
    if len(rows) != 1:
        print(f"error: {len(rows)} rows for {args.exercise} in {grades}; name the learner", file=sys.stderr)
        return 2
    row = rows[0]
    print(f"{row['exercise']}: {row['outcome']} ({row['points']}/{row['max_points']} points)")
    if row["message"]:
        print(row["message"])
    return 0 if row["outcome"] == "passed" else 1


def main(argv=None) -> int:
    """The command line: ``python -m nnlib.course {build,execute,grade} …``."""
    parser = argparse.ArgumentParser(prog="python -m nnlib.course", description=__doc__.split("\n")[0])
    parser.add_argument("--root", default=".", help="the course's top folder (default: here)")
    commands = parser.add_subparsers(dest="command", required=True)
    build_parser = commands.add_parser("build", help="write notebooks/ from solutions/")
    build_parser.add_argument("--check", action="store_true", help="only report whether notebooks/ is in sync")
    build_parser.add_argument(
        "--force", action="store_true", help="overwrite changed student notebooks (a copy goes to notebooks/backup/)"
    )
    execute_parser = commands.add_parser("execute", help="run solution notebooks and store their outputs")
    execute_parser.add_argument("names", nargs="*", help="notebook names, e.g. 00_welcome (default: all)")
    grade_parser = commands.add_parser("grade", help="grade a class: one folder or .zip of notebooks per learner")
    grade_parser.add_argument("submissions", help="a folder holding one folder (or .zip) per learner")
    grade_parser.add_argument("--out", required=True, help="the report folder (created)")
    grade_parser.add_argument("--jobs", type=int, default=None, help="learners graded at once (default: cores)")
    grade_parser.add_argument("--timeout", type=float, default=60.0, help="seconds per cell (default 60)")
    grade_parser.add_argument(
        "--notebook-timeout", type=float, default=600.0, help="seconds per notebook (default 600)"
    )
    grade_parser.add_argument("--memory-mb", type=int, default=None, help="memory per kernel (default 3072)")
    grade_parser.add_argument("--quiet", action="store_true", help="no progress bar")
    grade_parser.add_argument(
        "--unsafe", action="store_true", help="run the kernels without bubblewrap (uncontained: see the README)"
    )
    grade_parser.add_argument("--shard", type=_shard, default=None, help="grade the K-th of every N learners: K/N")
    grade_parser.add_argument(
        "--accept", default=None, help="a file of `LEARNER EXERCISE` lines whose reviews count as passed"
    )
    merge_parser = commands.add_parser("merge", help="join the reports of several shards into one")
    merge_parser.add_argument("reports", nargs="+", help="the shards' report folders")
    merge_parser.add_argument("--out", required=True, help="the merged report folder (created)")
    merge_parser.add_argument("--accept", default=None, help="as for grade")
    progress_parser = commands.add_parser("progress", help="grade your own notebooks/: a table per lesson")
    progress_parser.add_argument("--jobs", type=int, default=None, help="notebooks graded at once (default: cores)")
    passed_parser = commands.add_parser("passed", help="exit 0 when a graded exercise passed (for CI)")
    passed_parser.add_argument("report")
    passed_parser.add_argument("exercise")
    passed_parser.add_argument("--learner", default=None)
    commands.add_parser("classroom-workflow", help="print the GitHub Classroom autograding workflow")
    args = parser.parse_args(argv)
    if args.command == "grade":
        return _grade(args)
    if args.command == "merge":
        return _merge(args)
    if args.command == "progress":
        return _progress(args)
    if args.command == "passed":
        return _passed(args)
    if args.command == "classroom-workflow":
        from nnlib.course.workflow import workflow_text

        print(workflow_text(), end="")
        return 0
    try:
        if args.command == "build" and args.check:
            problems = check_build(args.root)
            for problem in problems:
                print(problem, file=sys.stderr)
            if not problems:
                print("notebooks/ is in sync with solutions/")
            return 1 if problems else 0
        if args.command == "build":
            report = build(args.root, force=args.force)
            print(f"wrote {len(report.written)} notebooks, {len(report.unchanged)} unchanged")
            return 0
        for name in execute(args.root, args.names):
            print(f"executed solutions/{name}")
        return 0
    except CourseError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
