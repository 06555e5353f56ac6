"""The "not done yet" error that every untouched exercise raises.

A student notebook's exercise starts as a stub::

    def sigmoid(Z):
        # YOUR CODE HERE
        raise NotDoneYet()

Calling it shows one friendly line in Jupyter instead of a traceback, because
IPython draws an exception through its ``_render_traceback_`` method when it
has one. Set the environment variable ``NNLIB_FULL_TRACEBACKS=1`` to get the
ordinary traceback back.
"""

from __future__ import annotations

import os
import sys
import traceback

__all__ = ["NotDoneYet", "FULL_TRACEBACKS_VARIABLE"]

FULL_TRACEBACKS_VARIABLE = "NNLIB_FULL_TRACEBACKS"


class NotDoneYet(NotImplementedError):
    """Raised by an exercise that has not been written yet.

    Parameters
    ----------
    exercise_id : str, optional
        The exercise's name. By default, the name of the function that raised.
    """

    def __init__(self, exercise_id: str | None = None):
        if exercise_id is None:
            exercise_id = sys._getframe(1).f_code.co_name
        self.exercise_id = exercise_id
        what = "This exercise" if exercise_id.startswith("<") else f"`{exercise_id}`"
        super().__init__(
            f"{what} is not done yet: write it in its exercise cell (where it says # YOUR CODE HERE) and run that cell."
        )

    def _render_traceback_(self) -> list[str]:
        """What IPython prints instead of the traceback: one line, unless full tracebacks are asked for."""
        if os.environ.get(FULL_TRACEBACKS_VARIABLE, "").strip() not in ("", "0"):
            return "".join(traceback.format_exception(self)).rstrip("\n").split("\n")
        return [f"… {self.args[0]}"]
