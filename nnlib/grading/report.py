"""The class report: ``grades.csv``, ``summary.csv`` and ``index.html``, rewritten after every learner.

- ``grades.csv``: one row per learner × exercise: learner, lesson, exercise,
  outcome, points, max_points, and the first line of the check's message.
- ``summary.csv``: one row per learner: points, passed exercises, the
  notebooks graded, and what the grader noticed (renamed, duplicate,
  unreadable notebooks, cells stopped, kernels restarted).
- ``index.html``: the class at a glance: a learner × exercise table coloured
  by outcome (each cell's title is the check's first line), the hardest
  exercises, and the most common causes of failure.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

__all__ = ["write_report", "write_failures", "write_private", "first_line", "COLOURS"]

COLOURS = {
    "passed": "#c8e6c9",
    "review": "#ffe082",
    "failed": "#ffcdd2",
    "your code raised": "#ffab91",
    "not done yet": "#fff3c4",
    "missing": "#e0e0e0",
    "not submitted": "#f5f5f5",
    "unreadable notebook": "#d1c4e9",
    "could not run": "#b0bec5",
}


def first_line(message: str) -> str:
    return (message or "").strip().splitlines()[0] if (message or "").strip() else ""


def write_failures(out: Path, failures: list[str]) -> None:
    """Keep the grader's failures in ``REPORT/failures.json``, for ``merge`` to join with other shards'."""
    write_private(out / "failures.json", json.dumps(failures, indent=1))


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` at once (a reader never sees half a file), readable by the grader alone."""
    partial = path.with_name(path.name + ".part")
    with open(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", encoding="utf-8") as file:
        file.write(text)
    os.chmod(partial, 0o600)
    os.replace(partial, path)


def _csv(rows: list[list]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def _cause(message: str) -> str | None:
    """The likely cause named in a check's message, else its first line without the exercise's name."""
    match = re.search(r"^\s*likely cause:\s*(.+)$", message or "", flags=re.M)
    if match:
        return match.group(1).strip()
    line = first_line(message)
    return re.sub(r"^[✗✓…] \w+: ", "", line) or None


def write_report(out: Path, results: list[dict], failures: list[str], containment: list[str] = ()) -> None:
    """Write the three report files for ``results`` (one dict per learner, see :mod:`nnlib.grading.learner`);
    ``containment`` says what contained the kernels (shown in ``index.html``)."""
    write_private(out / "grades.csv", _csv(_grades_table(results)))
    write_private(out / "summary.csv", _csv(_summary_table(results)))
    write_private(out / "index.html", _html(results, failures, containment))


def _totals(rows: list[dict]) -> tuple[float, float]:
    """The points a learner scored over ``rows``, and the points there were to score."""
    return sum(row["points"] for row in rows), sum(row["max_points"] for row in rows)


def _grades_table(results: list[dict]) -> list[list]:
    """``grades.csv``: a header, then one line per learner × exercise."""
    header = ["learner", "lesson", "exercise", "outcome", "points", "max_points", "message"]
    return [header] + [
        [
            row["learner"],
            row["lesson"],
            row["exercise"],
            row["outcome"],
            f"{row['points']:g}",
            f"{row['max_points']:g}",
            first_line(row["message"]),
        ]
        for result in results
        for row in result["rows"]
    ]


def _summary_table(results: list[dict]) -> list[list]:
    """``summary.csv``: a header, then one line per learner."""
    header = ["learner", "points", "max_points", "passed", "exercises", "seconds", "problems"]
    lines = [header]
    for result in results:
        rows = result["rows"]
        points, total = _totals(rows)
        passed = sum(row["outcome"] == "passed" for row in rows)
        problems = "; ".join(result.get("problems", []))
        lines.append(
            [result["learner"], f"{points:g}", f"{total:g}", passed, len(rows), result.get("seconds", ""), problems]
        )
    return lines


# The page's counting: data, no HTML.

NOT_ATTEMPTED = ("not submitted", "unreadable notebook")
FAILED = ("failed", "your code raised")


@dataclass
class _Tally:
    """What the page counts over the class.

    ``exercises`` holds ``(lesson, exercise)`` pairs in the order first met;
    ``attempted`` and ``passed`` count, per exercise, the learners who
    submitted its lesson and those who passed it; ``causes`` counts the
    likely causes of the failures.
    """

    exercises: list[tuple[str, str]]
    attempted: Counter = field(default_factory=Counter)
    passed: Counter = field(default_factory=Counter)
    causes: Counter = field(default_factory=Counter)

    def pass_rate(self, exercise: str) -> float:
        return self.passed[exercise] / self.attempted[exercise]

    def hardest(self, count: int = 10) -> list[str]:
        """The ``count`` exercises with the lowest pass rate (ties by name)."""
        return sorted(self.attempted, key=lambda exercise: (self.pass_rate(exercise), exercise))[:count]


def _tally(results: list[dict]) -> _Tally:
    """Count the rows of ``results`` for the page."""
    rows = [row for result in results for row in result["rows"]]
    tally = _Tally(exercises=list(dict.fromkeys((row["lesson"], row["exercise"]) for row in rows)))
    for row in rows:
        if row["outcome"] in NOT_ATTEMPTED:
            continue
        tally.attempted[row["exercise"]] += 1
        tally.passed[row["exercise"]] += row["outcome"] == "passed"
        cause = _cause(row["message"]) if row["outcome"] in FAILED else None
        if cause:
            tally.causes[cause] += 1
    return tally


# The page's rendering: a template filled with pieces of HTML.

SYMBOLS = {"passed": "✓", "review": "?", "not submitted": "", "not done yet": "…"}  # any other outcome: ✗

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Grades</title>
<style>
body {{ font-family: sans-serif; margin: 1.5em; color: #222 }}
table {{ border-collapse: collapse; margin-bottom: 1.5em }}
td, th {{ border: 1px solid #ccc; padding: 2px 6px; text-align: center; font-size: 13px }}
th .v {{ writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap }}
th.l, td.p {{ text-align: left }} td.p {{ font-size: 11px; color: #555; max-width: 40em }}
td.n {{ text-align: right; white-space: nowrap }}
</style></head><body>
<h1>Grades: {learners} learners</h1>
<p>{legend}</p>
<p>Hover over a cell for the check's first line; each learner's name opens their feedback notebooks.</p>
<table><tr><th>learner</th>{head}<th>points</th><th>noticed</th></tr>
{body}
</table>
<h2>Hardest exercises</h2>
<p>Among the learners who submitted the lesson (a stub not done yet counts as not passed).</p>
<table><tr><th>exercise</th><th>passed / submitted</th></tr>{hardest}</table>
<h2>Most common causes of failure</h2>
<table><tr><th>learners</th><th>cause</th></tr>{causes}</table>
{failures}
</body></html>
"""


def _html(results: list[dict], failures: list[str], containment: list[str] = ()) -> str:
    """``index.html``: the template :data:`PAGE` filled with the counts of :func:`_tally`."""
    tally = _tally(results)
    return PAGE.format(
        learners=len(results),
        legend=" ".join(
            f'<span style="background:{colour}; padding:1px 6px; margin-right:4px">{escape(outcome)}</span>'
            for outcome, colour in COLOURS.items()
        ),
        head="".join(
            f'<th title="{escape(lesson)}"><div class="v">{escape(exercise)}</div></th>'
            for lesson, exercise in tally.exercises
        ),
        body="".join(_learner_line(result, tally.exercises) for result in results),
        hardest="".join(_hardest_line(tally, exercise) for exercise in tally.hardest()),
        causes="".join(
            f"<tr><td class='n'>{count}</td><td>{escape(cause)}</td></tr>"
            for cause, count in tally.causes.most_common(10)
        ),
        failures=_failures_section(failures) + _containment_section(containment),
    )


def _containment_section(lines: list[str]) -> str:
    if not lines:
        return ""
    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    return f"<h2>How the kernels were contained</h2>\n<ul>{items}</ul>\n"


def _hardest_line(tally: _Tally, exercise: str) -> str:
    passes = f"{tally.passed[exercise]}/{tally.attempted[exercise]}"
    return f"<tr><td>{escape(exercise)}</td><td class='n'>{passes}</td></tr>"


def _failures_section(failures: list[str]) -> str:
    """The grader's failures as a list under a heading; nothing when there were none."""
    if not failures:
        return ""
    return f"<h2>Grader failures</h2><ul>{''.join(f'<li>{escape(failure)}</li>' for failure in failures)}</ul>"


def _learner_line(result: dict, exercises: list[tuple[str, str]]) -> str:
    """One learner's line of the table: name, a cell per exercise, points, what was noticed."""
    by_exercise = {row["exercise"]: row for row in result["rows"]}
    cells = "".join(_outcome_cell(by_exercise.get(exercise)) for _, exercise in exercises)
    points, total = _totals(result["rows"])
    problems = "<br>".join(escape(problem) for problem in result.get("problems", []))
    learner = escape(result["learner"])
    return (
        f'<tr><th class="l"><a href="feedback/{learner}/">{learner}</a></th>'
        f'{cells}<td class="n">{points:g}/{total:g}</td><td class="p">{problems}</td></tr>'
    )


def _outcome_cell(row: dict | None) -> str:
    """A table cell coloured by the row's outcome, titled with the check's first line (empty without a row)."""
    if row is None:
        return "<td></td>"
    outcome = row["outcome"]
    return (
        f'<td style="background:{COLOURS.get(outcome, "#fff")}" '
        f'title="{escape(outcome)}: {escape(first_line(row["message"]))}">{SYMBOLS.get(outcome, "✗")}</td>'
    )
