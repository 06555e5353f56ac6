"""Learner-style answers for every exercise, used by ``tests/checks/test_lessons.py``.

The wrong answers are the course's catalogue of known mistakes
(:mod:`nnlib.checks.mistakes`): one source for the check's diagnosis and
for these tests. Each lesson's module here holds ``CORRECT``: for each
exercise id, right answers written differently from nnlib's reference (the
textbook version first, as the source articles would write it).
"""

import importlib

from checker_cases.types import Cases, Wrong
from nnlib.checks.registry import LESSONS, known_mistakes

#: every exercise id -> its cases, from the module named like the lesson's battery, in course order.
CASES: dict = {}
for _module_name in LESSONS.values():
    _module = importlib.import_module(f"checker_cases.{_module_name}")
    _catalogue = known_mistakes(_module_name)
    for _exercise_id, _correct in _module.CORRECT.items():
        CASES[_exercise_id] = Cases(
            correct=list(_correct),
            wrong=[
                Wrong(mistake.name, mistake.fn, mistake.message_says, mistake.outcome, mistake.shown_by)
                for mistake in _catalogue.get(_exercise_id, ())
            ],
        )

__all__ = ["CASES", "Cases", "Wrong"]
