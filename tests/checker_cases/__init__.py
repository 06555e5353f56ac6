"""Learner-style answers for every exercise, used by ``tests/checks/test_lessons.py``.

Each lesson's module defines ``CASES``: for each exercise id, the textbook
version (written as the source articles would write it), and realistic wrong
versions, each with a phrase its failure message must contain (the cause).
The wrong versions are written the way a learner would write them, not
copied from the checker's own list of known mistakes.
"""

import importlib

from checker_cases.types import Cases, Wrong
from nnlib.checks.registry import LESSONS

#: every exercise id -> its cases, from the module named like the lesson's battery, in course order.
CASES: dict = {}
for _module in LESSONS.values():
    CASES.update(importlib.import_module(f"checker_cases.{_module}").CASES)

__all__ = ["CASES", "Cases", "Wrong"]
