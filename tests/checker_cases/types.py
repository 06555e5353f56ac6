"""The shape of a checker-test table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Wrong:
    """A wrong answer, what is wrong with it (the test id), and a phrase the message must contain.

    ``shown_by`` is ``"output"`` when the check must name the cause by reproducing the answer's output (a
    catalogue entry of :mod:`nnlib.checks.mistakes`), else how the check sees it (see ``Mistake.shown_by``).
    """

    name: str
    fn: Callable
    says: str
    outcome: str = "failed"
    shown_by: str = "output"


@dataclass(frozen=True)
class Cases:
    """An exercise's checker cases.

    ``correct`` holds right answers written differently from nnlib's reference (the source articles' textbook
    version first, then loops instead of vectorised code, ``np.dot`` instead of ``@``, equivalent formulas);
    ``wrong`` the realistic wrong answers.
    """

    correct: list[Callable]
    wrong: list[Wrong] = field(default_factory=list)

    @property
    def textbook(self) -> Callable:
        return self.correct[0]
