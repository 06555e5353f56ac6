"""How often a check names a wrong answer's own cause: the exact-cause rate over tests/checker_cases.

Run from ``tests/``: ``../.venv/bin/python -m checks.diagnosis_rate`` (``--list`` also prints every
wrong answer that is not named by its own cause).

Every wrong answer of every exercise is run through its check, as a learner's answer would be. It is
**caught** when the check fails it with its expected outcome ("failed" or "your code raised"). It is
**named** (diagnosed with its own cause) when:

- a catalogue entry shown by its output (``nnlib/checks/mistakes``): the failure's "likely cause" line
  is that entry's cause, word for word (the learner's output was reproduced);
- a catalogue entry caught by a property check (mutation, dtype, seed, source, warning, raises): the
  message contains its ``says`` phrase (what that property check says about it).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass

from checker_cases import CASES

from nnlib.checks import run
from nnlib.checks.registry import get_exercise

__all__ = ["Verdict", "verdict", "verdicts", "main"]


@dataclass(frozen=True)
class Verdict:
    """One wrong answer's result: its lesson, exercise and name, whether it was caught and named."""

    lesson: str
    exercise: str
    name: str
    caught: bool
    named: bool
    message: str


def verdict(exercise_id: str, wrong) -> Verdict:
    """Run one wrong answer (a ``checker_cases.Wrong``) through its check, and judge the message."""
    result = run(exercise_id, wrong.fn)
    caught = not result.passed and result.outcome.value == wrong.outcome
    causes = [text for label, text in result.details if label == "likely cause"]
    named = wrong.says in causes if wrong.shown_by == "output" else wrong.says in result.message
    return Verdict(get_exercise(exercise_id).lesson, exercise_id, wrong.name, caught, caught and named, result.message)


def verdicts(cases=CASES) -> list[Verdict]:
    """Every wrong answer's verdict, in course order."""
    return [verdict(exercise_id, wrong) for exercise_id, table in cases.items() for wrong in table.wrong]


def _rate(part: int, whole: int) -> str:
    return f"{part:4d}/{whole:<4d} {part / whole:6.1%}" if whole else "   -"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print every wrong answer not named by its own cause")
    options = parser.parse_args(argv)
    results = verdicts()
    by_lesson = defaultdict(list)
    for result in results:
        by_lesson[result.lesson].append(result)
    print(f"{'lesson':26} {'caught':>17} {'named (exact cause)':>22}")
    for lesson, items in by_lesson.items():
        caught, named = sum(v.caught for v in items), sum(v.named for v in items)
        print(f"{lesson:26} {_rate(caught, len(items)):>17} {_rate(named, len(items)):>22}")
    caught, named = sum(v.caught for v in results), sum(v.named for v in results)
    print(f"{'total':26} {_rate(caught, len(results)):>17} {_rate(named, len(results)):>22}")
    if options.list:
        for result in results:
            if not result.named:
                status = "NOT CAUGHT" if not result.caught else "not named"
                print(f"\n[{status}] {result.exercise}: {result.name}\n    " + result.message.replace("\n", "\n    "))
    return 0


if __name__ == "__main__":
    sys.exit(main())
