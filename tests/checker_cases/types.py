"""The shape of a checker-test table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Wrong:
    """A wrong answer, what is wrong with it (the test id), and a phrase the message must contain."""

    name: str
    fn: Callable
    says: str
    outcome: str = "failed"


@dataclass(frozen=True)
class Cases:
    textbook: Callable
    wrong: list[Wrong] = field(default_factory=list)
