"""A live training plot: loss and accuracy curves, train and validation, redrawn while ``fit`` runs.

Introduced in: lesson 13 (monitoring training). Used through
``fit(..., progress="live")`` (see :func:`nnlib.progress.make_progress`), or
directly as a progress reporter: ``update(epoch, logs)`` after every epoch,
``close()`` at the end.

Inside a Jupyter kernel the figure is shown once and its picture replaced in
place every ``every`` epochs (one output, so a notebook keeps a single final
figure). Anywhere else (a script, a test, a headless run) nothing is shown
or printed while training; the figure is still drawn and kept in ``.fig``,
its lines holding every recorded value.
"""

from __future__ import annotations

import io

from matplotlib.figure import Figure

__all__ = ["LivePlot"]

_COLORS = {"train": "tab:blue", "val": "tab:orange"}


class LivePlot:
    """Training curves that redraw themselves: one panel per metric, train and validation lines.

    Parameters
    ----------
    total : int, the number of epochs (the x-axis range)
    every : int, optional; redraw every ``every`` epochs (about 10 redraws by default)
    show : bool, optional; display and refresh the figure in Jupyter. Default: only inside a
        Jupyter kernel.

    Attributes
    ----------
    epochs : list of int, the epochs recorded
    values : dict name -> list of float, e.g. ``"loss"``, ``"val_loss"``, ``"accuracy"``
    fig : matplotlib Figure, created at the first update
    """

    def __init__(self, total: int, every: int | None = None, show: bool | None = None):
        from nnlib.progress import _in_jupyter_kernel

        self.total = int(total)
        self.every = int(every) if every else max(1, self.total // 10)
        self.show = _in_jupyter_kernel() if show is None else bool(show)
        self.epochs: list[int] = []
        self.values: dict[str, list[float]] = {}
        self.fig: Figure | None = None
        self._lines: dict[str, object] = {}
        self._handle = None
        self._drawn = 0  # epochs recorded at the last redraw

    def __repr__(self) -> str:
        return f"LivePlot(total={self.total}, every={self.every}, recorded={len(self.epochs)} epochs)"

    def _metrics(self) -> list[str]:
        return [name for name in self.values if not name.startswith("val_")]

    def _build(self) -> None:
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
            if self._handle is None:
                self._handle = display(picture, display_id=True)
            else:
                self._handle.update(picture)

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
