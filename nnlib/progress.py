"""Training progress: a widget bar in Jupyter, plain text elsewhere, live curves, or silence.

Used by ``nnlib.training.fit``. A reporter is told ``update(epoch, logs)``
after every epoch (``logs`` maps metric names such as ``"loss"`` or
``"val_accuracy"`` to floats) and ``close()`` at the end.

:class:`LivePlot` (introduced in lesson 13) redraws loss and accuracy curves,
train and validation, while ``fit`` runs. Inside a Jupyter kernel its figure
is shown once and its picture replaced in place every ``every`` epochs (one
output, so a notebook keeps a single final figure). Anywhere else (a script,
a test, a headless run) nothing is shown or printed while training; the figure
is still drawn and kept in ``.fig``, its lines holding every recorded value.
Shown, each picture stays at least ``pause`` seconds (``LIVE_PAUSE``, or the
environment's ``NNLIB_LIVE_PAUSE``), so that a run of a second or two can be
watched; the tests and ``python -m nnlib.course execute`` set it to 0.
matplotlib and ipywidgets are imported only by the reporters that draw.
"""

from __future__ import annotations

import io
import os
import sys
import time

from nnlib._validation import check_choice

__all__ = ["format_logs", "TextProgress", "WidgetProgress", "LivePlot", "NullProgress", "make_progress"]

MODES = ("auto", "widget", "text", "live", "none")

#: the shortest time, in seconds, a shown LivePlot picture stays before the next replaces it
LIVE_PAUSE = 0.4
#: the environment variable that overrides LIVE_PAUSE (0 in tests and when executing the solutions)
LIVE_PAUSE_VARIABLE = "NNLIB_LIVE_PAUSE"


def live_pause() -> float:
    """Seconds a shown LivePlot picture stays at least: ``NNLIB_LIVE_PAUSE`` if set, else ``LIVE_PAUSE``."""
    text = os.environ.get(LIVE_PAUSE_VARIABLE, "")
    try:
        return max(0.0, float(text)) if text else LIVE_PAUSE
    except ValueError:
        return LIVE_PAUSE


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


_COLORS = {"train": "tab:blue", "val": "tab:orange"}


class LivePlot:
    """Training curves that redraw themselves: one panel per metric, train and validation lines.

    Parameters
    ----------
    total : int, the number of epochs (the x-axis range)
    every : int, optional; redraw every ``every`` epochs (about 10 redraws by default)
    show : bool, optional; display and refresh the figure in Jupyter. Default: only inside a
        Jupyter kernel.
    pause : float, optional; seconds each shown picture stays at least (default :func:`live_pause`)

    Attributes
    ----------
    epochs : list of int, the epochs recorded
    values : dict name -> list of float, e.g. ``"loss"``, ``"val_loss"``, ``"accuracy"``
    fig : matplotlib Figure, created at the first update
    """

    def __init__(self, total: int, every: int | None = None, show: bool | None = None, pause: float | None = None):
        self.total = int(total)
        self.pause = live_pause() if pause is None else float(pause)
        self._shown_at = 0.0  # time.monotonic() of the last picture shown
        self.every = int(every) if every else max(1, self.total // 10)
        self.show = _in_jupyter_kernel() if show is None else bool(show)
        self.epochs: list[int] = []
        self.values: dict[str, list[float]] = {}
        self.fig = None  # a matplotlib Figure, made at the first update
        self._lines: dict[str, object] = {}
        self._handle = None
        self._drawn = 0  # epochs recorded at the last redraw

    def __repr__(self) -> str:
        return f"LivePlot(total={self.total}, every={self.every}, recorded={len(self.epochs)} epochs)"

    def _metrics(self) -> list[str]:
        return [name for name in self.values if not name.startswith("val_")]

    def _build(self) -> None:
        from matplotlib.figure import Figure  # imported here: text progress needs no matplotlib

        metrics = self._metrics()
        self.fig = Figure(figsize=(5.2 * len(metrics), 3.6), layout="constrained")
        axes = self.fig.subplots(1, len(metrics), squeeze=False)[0]
        for ax, metric in zip(axes, metrics):
            for kind, name in (("train", metric), ("val", f"val_{metric}")):
                if name in self.values:
                    (self._lines[name],) = ax.plot([], [], lw=2, color=_COLORS[kind], label=f"{kind} {metric}")
            ax.set_xlim(0, max(self.total, 1))
            ax.set_xlabel("epoch")
            ax.set_ylabel(metric)
            ax.set_title(metric)
            ax.grid(alpha=0.3)
            ax.legend()

    def _redraw(self) -> None:
        self._drawn = len(self.epochs)
        for name, line in self._lines.items():
            line.set_data(self.epochs, self.values[name])
        for ax in self.fig.axes:
            ax.relim()
            ax.autoscale_view(scalex=False)
        if self.show:
            from IPython.display import Image, display

            buffer = io.BytesIO()
            self.fig.savefig(buffer, format="png", dpi=80)
            picture = Image(data=buffer.getvalue(), format="png")
            time.sleep(max(0.0, self._shown_at + self.pause - time.monotonic()))  # let the last one be seen
            if self._handle is None:
                self._handle = display(picture, display_id=True)
            else:
                self._handle.update(picture)
            self._shown_at = time.monotonic()

    def update(self, epoch: int, logs: dict[str, float]) -> None:
        """Record one epoch's metrics; redraw every ``every`` epochs and at the last one."""
        self.epochs.append(int(epoch))
        for name, value in logs.items():
            self.values.setdefault(name, []).append(float(value))
        if self.fig is None:
            self._build()
        if epoch % self.every == 0 or epoch == self.total:
            self._redraw()

    def close(self) -> None:
        """Draw the final curves (the last epoch may not have been drawn, e.g. after early stopping)."""
        if self.fig is not None and self._drawn != len(self.epochs):
            self._redraw()


def make_progress(mode: str | bool, total: int):
    """A reporter for ``total`` epochs.

    ``mode``: ``"auto"`` (a widget inside a Jupyter kernel, text otherwise),
    ``"widget"``, ``"text"``, ``"live"`` (training curves redrawn in Jupyter,
    :class:`nnlib.progress.LivePlot`), or ``"none"`` / ``False`` for silence; a
    reporter object (with ``update`` and ``close``) is returned as it is
    (``True`` means ``"auto"``).
    """
    if hasattr(mode, "update") and hasattr(mode, "close"):
        return mode  # a reporter object, e.g. nnlib.progress.LivePlot(total, every=5)
    mode = {True: "auto", False: "none", None: "none"}.get(mode, mode)
    check_choice(mode, "progress", MODES)
    if mode == "auto":
        mode = "widget" if _in_jupyter_kernel() else "text"
    if mode == "widget":
        return WidgetProgress(total)
    if mode == "text":
        return TextProgress(total)
    if mode == "live":
        return LivePlot(total)
    return NullProgress()
