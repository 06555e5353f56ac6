"""Learner-style answers for every exercise, used by ``tests/test_checkers.py``.

Each lesson's module defines ``CASES``: for each exercise id, the textbook
version (written as the source articles would write it), and realistic wrong
versions, each with a phrase its failure message must contain (the cause).
The wrong versions are written the way a learner would write them, not
copied from the checker's own list of known mistakes.
"""

from checker_cases import (
    activation,
    activation_functions,
    architectures,
    backprop,
    cost,
    deep_backward,
    deep_forward,
    deep_initialization,
    deep_model,
    evaluation,
    forward,
    initialization,
    loss_choice,
    monitoring,
    optimisers,
    regularization,
    training,
    welcome,
)
from checker_cases.types import Cases, Wrong

CASES: dict = {
    **welcome.CASES,
    **initialization.CASES,
    **activation.CASES,
    **forward.CASES,
    **cost.CASES,
    **backprop.CASES,
    **training.CASES,
    **deep_forward.CASES,
    **deep_backward.CASES,
    **deep_model.CASES,
    **activation_functions.CASES,
    **deep_initialization.CASES,
    **regularization.CASES,
    **monitoring.CASES,
    **loss_choice.CASES,
    **optimisers.CASES,
    **evaluation.CASES,
    **architectures.CASES,
}

__all__ = ["CASES", "Cases", "Wrong"]
