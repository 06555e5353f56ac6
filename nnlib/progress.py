"""Training progress: a widget bar in Jupyter, plain text elsewhere, or silence.

Used by ``nnlib.training.fit``. A reporter is told ``update(epoch, logs)``
after every epoch (``logs`` maps metric names such as ``"loss"`` or
``"val_accuracy"`` to floats) and ``close()`` at the end.
"""

from __future__ import annotations

import sys

from nnlib._validation import check_choice

__all__ = ["format_logs", "TextProgress", "WidgetProgress", "NullProgress", "make_progress"]

MODES = ("auto", "widget", "text", "live", "none")


def format_logs(logs: dict[str, float]) -> str:
    """``"loss 0.3421  accuracy 0.9100"``: metrics rounded to 4 decimals."""
    return "  ".join(f"{name} {value:.4f}" for name, value in logs.items())


class NullProgress:
    """Reports nothing."""

    def update(self, epoch: int, logs: dict[str, float]) -> None:
        pass

    def close(self) -> None:
        pass


class TextProgress:
    """Prints one line about every ``total / lines`` epochs, and the last one."""

    def __init__(self, total: int, lines: int = 10, stream=None):
        self.total = total
        self.every = max(1, total // lines)
        self.stream = stream if stream is not None else sys.stdout
        self.width = len(str(total))

    def update(self, epoch: int, logs: dict[str, float]) -> None:
        if epoch % self.every == 0 or epoch == self.total or epoch == 1:
            print(f"epoch {epoch:>{self.width}}/{self.total}  {format_logs(logs)}", file=self.stream)

    def close(self) -> None:
        pass


class WidgetProgress:
    """An ipywidgets progress bar with the latest metrics beside it."""

    def __init__(self, total: int):
        import ipywidgets
        from IPython.display import display

        self.total = total
        self.every = max(1, total // 100)
        self.bar = ipywidgets.IntProgress(value=0, min=0, max=total, description="epoch 0")
        self.label = ipywidgets.HTML(value="")
        self.box = ipywidgets.HBox([self.bar, self.label])
        display(self.box)

    def update(self, epoch: int, logs: dict[str, float]) -> None:
        if epoch % self.every == 0 or epoch == self.total:
            self.bar.value = epoch
            self.bar.description = f"epoch {epoch}"
            self.label.value = f"<code>{format_logs(logs)}</code>"

    def close(self) -> None:
        self.bar.bar_style = "success"


def _in_jupyter_kernel() -> bool:
    shell = sys.modules.get("IPython") and sys.modules["IPython"].get_ipython()
    return shell is not None and shell is not False and type(shell).__name__ == "ZMQInteractiveShell"


def make_progress(mode: str | bool, total: int):
    """A reporter for ``total`` epochs.

    ``mode``: ``"auto"`` (a widget inside a Jupyter kernel, text otherwise),
    ``"widget"``, ``"text"``, ``"live"`` (training curves redrawn in Jupyter,
    :class:`nnlib.live.LivePlot`), or ``"none"`` / ``False`` for silence; a
    reporter object (with ``update`` and ``close``) is returned as it is
    (``True`` means ``"auto"``).
    """
    if hasattr(mode, "update") and hasattr(mode, "close"):
        return mode  # a reporter object, e.g. nnlib.live.LivePlot(total, every=5)
    mode = {True: "auto", False: "none", None: "none"}.get(mode, mode)
    check_choice(mode, "progress", MODES)
    if mode == "auto":
        mode = "widget" if _in_jupyter_kernel() else "text"
    if mode == "widget":
        return WidgetProgress(total)
    if mode == "text":
        return TextProgress(total)
    if mode == "live":
        from nnlib.live import LivePlot

        return LivePlot(total)
    return NullProgress()
