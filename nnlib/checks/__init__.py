"""Exercise checks: the feedback a learner gets on every exercise.

The contract (the grader and the tests rely on it)::

    exercise_ids()            -> the ids, in course order
    run(exercise_id, fn)      -> CheckResult with .passed and .message; never raises because of fn
    reference(exercise_id)    -> nnlib's version of the exercise
    check(exercise_id, fn)    -> shows run()'s result in the notebook: a ✓ line or a ✗ box

and, for the notebooks, ``hint(exercise_id)`` (the next hint each time),
``use(exercise_id, fn)`` (``fn`` when it passes, the reference otherwise,
saying which) and ``NotDoneYet``, the error an untouched exercise raises.

Each lesson's exercises live in a module of :mod:`nnlib.checks.lessons`, as
data (:mod:`nnlib.checks.exercise`); :mod:`nnlib.checks.registry` lists the
lessons in course order.
"""

from nnlib.checks.notdone import NotDoneYet
from nnlib.checks.registry import exercise_ids
from nnlib.checks.result import CheckResult, Outcome
from nnlib.checks.runner import check, hint, reference, run, use

__all__ = ["exercise_ids", "run", "reference", "check", "hint", "use", "NotDoneYet", "CheckResult", "Outcome"]
