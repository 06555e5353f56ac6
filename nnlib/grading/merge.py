"""Join the reports of several grading runs (shards of one class) into one report.

``python -m nnlib.course merge REPORT… --out MERGED`` reads each report's
``results/LEARNER.json`` (what each learner's grading wrote) and
``failures.json``, copies the feedback notebooks, and writes ``grades.csv``,
``summary.csv`` and ``index.html`` as one run over the whole class would.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from nnlib.grading.authorship import accept
from nnlib.grading.classroom import GradingError
from nnlib.grading.report import write_failures, write_report

__all__ = ["merge_reports"]


def _shard(report: Path) -> tuple[list[dict], list[str]]:
    """The learners' results and the grader's failures that the report folder ``report`` holds."""
    if not (report / "results").is_dir():
        raise GradingError(f"{report} is not a grading report (it has no results/ folder)")
    results = [json.loads(path.read_text(encoding="utf-8")) for path in sorted((report / "results").glob("*.json"))]
    failures_file = report / "failures.json"
    failures = json.loads(failures_file.read_text(encoding="utf-8")) if failures_file.exists() else []
    return results, failures


def merge_reports(
    reports: list[Path | str], out: Path | str, accepted: set[tuple[str, str]] = frozenset()
) -> tuple[list[dict], list[str]]:
    """Write one report in ``out`` from the shard reports ``reports``; return its results and failures.

    A learner graded in two shards is refused (the shards overlap).
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    os.chmod(out, 0o700)  # private, as the grader's own report is
    results: dict[str, dict] = {}
    failures: list[str] = []
    for report in map(Path, reports):
        shard_results, shard_failures = _shard(report)
        for result in shard_results:
            if result["learner"] in results:
                raise GradingError(f"{result['learner']} was graded in more than one report ({report} and another)")
            results[result["learner"]] = result
        failures += shard_failures
        if report.resolve() != out.resolve():
            for folder in ("results", "feedback"):
                if (report / folder).is_dir():
                    shutil.copytree(report / folder, out / folder, dirs_exist_ok=True)
    merged = [accept(results[learner], accepted) for learner in sorted(results)]
    write_report(out, merged, failures)
    write_failures(out, failures)
    return merged, failures
