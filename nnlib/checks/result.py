"""What a check says: its outcome and a message, as plain text and as HTML.

A :class:`CheckResult` is what :func:`nnlib.checks.run` returns. It renders
itself: ``str(result)`` is the plain text (for a terminal, a grader's report
or a test), and Jupyter shows ``_repr_html_``: one green line when the
exercise passes, an amber line when it is not done yet, and a red box
otherwise, naming the test, what was expected, what came back and the likely
cause.
"""

from __future__ import annotations

import enum
import html
import re
from dataclasses import dataclass, field

__all__ = ["Outcome", "CheckResult", "code_spans"]


class Outcome(enum.Enum):
    """The four ways a check can end."""

    PASSED = "passed"
    FAILED = "failed"
    NOT_DONE = "not done yet"
    RAISED = "your code raised"


_SYMBOL = {Outcome.PASSED: "✓", Outcome.FAILED: "✗", Outcome.NOT_DONE: "…", Outcome.RAISED: "✗"}
_COLOUR = {  # border / text colours that read well on a light and on a dark theme
    Outcome.PASSED: "#2e7d32",
    Outcome.FAILED: "#c62828",
    Outcome.NOT_DONE: "#b26a00",
    Outcome.RAISED: "#c62828",
}


@dataclass(frozen=True)
class CheckResult:
    """The outcome of checking one exercise.

    Attributes
    ----------
    exercise_id : str
        The exercise, e.g. ``"layer_sizes"``.
    outcome : Outcome
    summary : str
        One line: what happened, e.g. ``"passed 6 tests"`` or
        ``"`Z` has shape (8, 3) but must be (3, 8)"``.
    details : tuple of (label, text)
        Labelled lines under the summary: the test that failed, expected,
        received, likely cause, inputs.
    notes : tuple of str
        Remarks that do not change the outcome (e.g. a warning your code
        produced while it passed).
    inputs : dict
        The arguments of the call that failed or raised (copies), so that
        ``fn(**result.inputs)`` reproduces it. Empty when it passed.
    """

    exercise_id: str
    outcome: Outcome
    summary: str
    details: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()
    inputs: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def passed(self) -> bool:
        return self.outcome is Outcome.PASSED

    @property
    def message(self) -> str:
        """The whole result as plain text (the same as ``str(result)``)."""
        return str(self)

    def _headline(self) -> str:
        return f"{_SYMBOL[self.outcome]} {self.exercise_id}: {self.summary}"

    def __str__(self) -> str:
        lines = [self._headline()]
        width = max((len(label) for label, _ in self.details), default=0)
        for label, text in self.details:
            body = text.replace("\n", "\n" + " " * (width + 6))
            lines.append(f"    {label + ':':<{width + 1}} {body}")
        lines.extend(f"    note: {note}" for note in self.notes)
        if self.outcome in (Outcome.FAILED, Outcome.RAISED):
            lines.append(
                f'    stuck? hint("{self.exercise_id}") gives a nudge; fix the exercise cell, run it, then this check.'
            )
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<CheckResult {self.exercise_id}: {self.outcome.value}>"

    def _repr_pretty_(self, printer, cycle) -> None:  # IPython's plain-text display
        printer.text(str(self))

    def _repr_html_(self) -> str:
        colour = _COLOUR[self.outcome]
        head = f"<b>{_SYMBOL[self.outcome]} {html.escape(self.exercise_id)}</b>: {code_spans(self.summary)}"
        if not self.details and not self.notes:
            return f'<div style="color:{colour}; margin:2px 0">{head}</div>'
        rows = "".join(
            f'<tr><td style="text-align:left; vertical-align:top; padding:1px 12px 1px 0; white-space:nowrap">'
            f"{html.escape(label)}</td>"
            f'<td style="text-align:left; padding:1px 0">'
            f'<span style="white-space:pre-wrap">{code_spans(text)}</span></td></tr>'
            for label, text in self.details
        )
        rows += "".join(
            f'<tr><td style="text-align:left; vertical-align:top; padding:1px 12px 1px 0">note</td>'
            f'<td style="text-align:left">{code_spans(note)}</td></tr>'
            for note in self.notes
        )
        footer = ""
        if self.outcome in (Outcome.FAILED, Outcome.RAISED):
            footer = (
                f'<div style="margin-top:4px; opacity:0.8">Stuck? <code>hint("{html.escape(self.exercise_id)}")</code> '
                "gives a nudge. Fix the exercise cell, run it, then run this check again.</div>"
            )
        return (
            f'<div style="border-left:4px solid {colour}; padding:4px 10px; margin:4px 0">'
            f'<div style="color:{colour}">{head}</div>'
            f'<table style="margin:4px 0 0 0; border-collapse:collapse">{rows}</table>{footer}</div>'
        )


def code_spans(text: str) -> str:
    """HTML-escape ``text`` and turn ```like this``` into ``<code>`` spans."""
    parts = re.split(r"`([^`]+)`", text)
    return "".join(
        f"<code>{html.escape(part)}</code>" if index % 2 else html.escape(part) for index, part in enumerate(parts)
    )
