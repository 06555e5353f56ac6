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
import html
import io
import os
import re
from collections import Counter
from pathlib import Path

__all__ = ["write_report", "first_line", "COLOURS"]

COLOURS = {
    "passed": "#c8e6c9",
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


def _write(path: Path, text: str) -> None:
    partial = path.with_name(path.name + ".part")
    partial.write_text(text, encoding="utf-8")
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


def write_report(out: Path, results: list[dict], failures: list[str]) -> None:
    """Write the three report files for ``results`` (one dict per learner, see :mod:`nnlib.grading.learner`)."""
    rows = [row for result in results for row in result["rows"]]
    _write(
        out / "grades.csv",
        _csv(
            [["learner", "lesson", "exercise", "outcome", "points", "max_points", "message"]]
            + [
                [
                    r["learner"],
                    r["lesson"],
                    r["exercise"],
                    r["outcome"],
                    f"{r['points']:g}",
                    f"{r['max_points']:g}",
                    first_line(r["message"]),
                ]
                for r in rows
            ]
        ),
    )
    summary = [["learner", "points", "max_points", "passed", "exercises", "seconds", "problems"]]
    for result in results:
        mine = result["rows"]
        summary.append(
            [
                result["learner"],
                f"{sum(r['points'] for r in mine):g}",
                f"{sum(r['max_points'] for r in mine):g}",
                sum(r["outcome"] == "passed" for r in mine),
                len(mine),
                result.get("seconds", ""),
                "; ".join(result.get("problems", [])),
            ]
        )
    _write(out / "summary.csv", _csv(summary))
    _write(out / "index.html", _html(results, failures))


def _html(results: list[dict], failures: list[str]) -> str:
    exercises: list[tuple[str, str]] = []
    for result in results:
        for row in result["rows"]:
            if (row["lesson"], row["exercise"]) not in exercises:
                exercises.append((row["lesson"], row["exercise"]))
    esc = html.escape
    head = "".join(
        f'<th title="{esc(lesson)}"><div class="v">{esc(exercise)}</div></th>' for lesson, exercise in exercises
    )
    body = []
    for result in results:
        by_exercise = {row["exercise"]: row for row in result["rows"]}
        cells = []
        for _, exercise in exercises:
            row = by_exercise.get(exercise)
            if row is None:
                cells.append("<td></td>")
                continue
            symbol = {"passed": "✓", "not submitted": "", "not done yet": "…"}.get(row["outcome"], "✗")
            cells.append(
                f'<td style="background:{COLOURS.get(row["outcome"], "#fff")}" '
                f'title="{esc(row["outcome"])}: {esc(first_line(row["message"]))}">{symbol}</td>'
            )
        points = sum(r["points"] for r in result["rows"])
        total = sum(r["max_points"] for r in result["rows"])
        problems = "<br>".join(esc(p) for p in result.get("problems", []))
        body.append(
            f'<tr><th class="l"><a href="feedback/{esc(result["learner"])}/">{esc(result["learner"])}</a></th>'
            f'{"".join(cells)}<td class="n">{points:g}/{total:g}</td><td class="p">{problems}</td></tr>'
        )
    attempted = Counter()
    passed = Counter()
    causes = Counter()
    for result in results:
        for row in result["rows"]:
            if row["outcome"] in ("not submitted", "unreadable notebook"):
                continue
            attempted[row["exercise"]] += 1
            passed[row["exercise"]] += row["outcome"] == "passed"
            if row["outcome"] in ("failed", "your code raised"):
                cause = _cause(row["message"])
                if cause:
                    causes[cause] += 1
    hardest = sorted(attempted, key=lambda e: (passed[e] / attempted[e], e))[:10]
    hard_rows = "".join(f"<tr><td>{esc(e)}</td><td class='n'>{passed[e]}/{attempted[e]}</td></tr>" for e in hardest)
    cause_rows = "".join(f"<tr><td class='n'>{n}</td><td>{esc(c)}</td></tr>" for c, n in causes.most_common(10))
    legend = " ".join(
        f'<span style="background:{colour}; padding:1px 6px; margin-right:4px">{esc(outcome)}</span>'
        for outcome, colour in COLOURS.items()
    )
    failed = "".join(f"<li>{esc(f)}</li>" for f in failures)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Grades</title>
<style>
body {{ font-family: sans-serif; margin: 1.5em; color: #222 }}
table {{ border-collapse: collapse; margin-bottom: 1.5em }}
td, th {{ border: 1px solid #ccc; padding: 2px 6px; text-align: center; font-size: 13px }}
th .v {{ writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap }}
th.l, td.p {{ text-align: left }} td.p {{ font-size: 11px; color: #555; max-width: 40em }}
td.n {{ text-align: right; white-space: nowrap }}
</style></head><body>
<h1>Grades: {len(results)} learners</h1>
<p>{legend}</p>
<p>Hover over a cell for the check's first line; each learner's name opens their feedback notebooks.</p>
<table><tr><th>learner</th>{head}<th>points</th><th>noticed</th></tr>
{"".join(body)}
</table>
<h2>Hardest exercises</h2>
<p>Among the learners who submitted the lesson (a stub not done yet counts as not passed).</p>
<table><tr><th>exercise</th><th>passed / submitted</th></tr>{hard_rows}</table>
<h2>Most common causes of failure</h2>
<table><tr><th>learners</th><th>cause</th></tr>{cause_rows}</table>
{f"<h2>Grader failures</h2><ul>{failed}</ul>" if failures else ""}
</body></html>
"""
