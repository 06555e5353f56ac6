"""The playground: train a small network on nnlib, watching it learn, with widgets (like the TF Playground).

Introduced in: the playground appendix (90), usable any time after lesson 06.

In a notebook::

    from nnlib.visual.playground import Playground
    pg = Playground()        # optional settings, e.g. Playground(dataset="xor", hidden_layers=(4,))
    pg                       # the controls, Play / Pause / Step / Reset, and the live pictures

Pick a data set, the hidden layers, the activation, the initialiser, the
learning rate, the batch size, L2 and dropout; press **Play** and the
decision boundary, the loss and the accuracy (training and validation)
move as the network trains. Training runs in slices of
``epochs_per_slice`` epochs: after each slice the picture is redrawn and
the kernel is free to answer the buttons, so **Pause** stops it at once.

Changing a data control draws new data and a new network; changing the
network (layers, activation, initialiser, optimizer) starts a new network;
learning rate, batch size, L2, dropout and epochs per slice apply from the
next slice on (see :mod:`nnlib.visual.playground.session`).

Without a browser (tests, scripts) the same object works: set a control's
``value``, call :meth:`Playground.step` or :meth:`Playground.train`, click a
button with ``button.click()``, and read ``pg.session`` and ``pg.view``.
"""

from __future__ import annotations

import asyncio

import ipywidgets as widgets

from nnlib.visual.playground.figure import PlaygroundFigure, UnitsFigure, pixel_width
from nnlib.visual.playground.session import (
    DATASETS,
    HIDDEN_ACTIVATIONS,
    INITIALIZER_NAMES,
    OPTIMIZER_NAMES,
    PlaygroundSession,
    PlaygroundSettings,
)
from nnlib.visual.widgets import compact_png, widget_bundle

__all__ = ["Playground", "LEARNING_RATES", "BATCH_SIZES", "L2_STRENGTHS"]

LEARNING_RATES = (0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
BATCH_SIZES = (1, 2, 5, 10, 20, 50, 100, 500)
L2_STRENGTHS = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
PAUSE_SECONDS = 0.005  # between two slices of Play: the kernel answers widget messages here
STYLE = {"description_width": "120px"}
LAYOUT = widgets.Layout(width="330px")


def _picture_layout(figure) -> widgets.Layout:
    """A picture widget's layout: the figure's own pixel width, its height following, narrower only if it must."""
    return widgets.Layout(width=f"{pixel_width(figure)}px", height="auto", max_width="100%")


def _nearest(options, value):
    """The option closest to ``value`` (a slider of fixed steps must start on one of them)."""
    return min(options, key=lambda option: abs(option - value))


class Playground:
    """A TensorFlow-Playground-like trainer for a 2-input, 1-output network, on nnlib.

    Parameters
    ----------
    settings : PlaygroundSettings, optional; the defaults when None
    **changes : settings to change, e.g. ``dataset="spirals"``, ``hidden_layers=(8, 8, 8)``

    Attributes
    ----------
    session : PlaygroundSession, the data, the network and its history
    controls : dict setting name -> widget (``hidden_layers`` is two widgets:
        ``n_hidden_layers`` and ``units``; moving either gives every hidden layer the same units)
    play_button, pause_button, step_button, reset_button : widgets.Button
    status : widgets.HTML, the epoch counter and the latest metrics
    view : PlaygroundFigure; ``image`` its ``widgets.Image``
    units_view : UnitsFigure; ``units_image`` its ``widgets.Image`` (shown with "hidden units")
    playing : bool, whether Play is running
    widget : widgets.Box, what a notebook displays
    """

    def __init__(self, settings: PlaygroundSettings | None = None, **changes):
        self.session = PlaygroundSession(settings, **changes)
        self.view = PlaygroundFigure()
        self.units_view = UnitsFigure()
        self.playing = False
        self._task = None
        self.error = None
        self._build_controls()
        self._build_buttons()
        self.status = widgets.HTML()
        self.status.add_class("nnlib-playground-status")
        # each picture shown at the width it is drawn (never stretched or shrunk), unless the window is narrower
        self.image = widgets.Image(format="png", layout=_picture_layout(self.view.figure))
        self.image.add_class("nnlib-playground-image")
        self.units_image = widgets.Image(format="png", layout=_picture_layout(self.units_view.figure))
        self.units_image.add_class("nnlib-playground-units")
        self.units_box = widgets.VBox(
            [
                widgets.HTML(
                    "<b>What each hidden unit outputs</b> over the plane: a row per layer, its scale at the right"
                ),
                self.units_image,
            ]
        )
        self.units_box.layout.display = "none"
        panels = widgets.VBox(
            [
                widgets.HTML("<b>Data</b>"),
                *(self.controls[name] for name in ("dataset", "noise", "validation_fraction", "seed")),
                widgets.HTML("<b>Network</b>"),
                *(self.controls[name] for name in ("n_hidden_layers", "units", "activation", "initializer")),
                widgets.HTML("<b>Training</b>"),
                *(
                    self.controls[name]
                    for name in ("optimizer", "learning_rate", "batch_size", "l2", "keep_prob", "epochs_per_slice")
                ),
                self.show_units,
            ]
        )
        panels.layout = widgets.Layout(min_width="340px", flex="0 0 auto")
        buttons = widgets.HBox([self.play_button, self.pause_button, self.step_button, self.reset_button])
        right = widgets.VBox([buttons, self.status, self.image, self.units_box])
        self.widget = widgets.HBox([panels, right])
        self.widget.add_class("nnlib-playground")
        self.redraw()

    # --- widgets --------------------------------------------------------------------------------

    def _build_controls(self) -> None:
        s = self.session.settings
        hidden = s.hidden_layers
        c = {
            "dataset": widgets.Dropdown(options=list(DATASETS), value=s.dataset, description="data set"),
            "noise": widgets.FloatSlider(value=s.noise, min=0.0, max=0.5, step=0.05, description="noise"),
            "validation_fraction": widgets.FloatSlider(
                value=s.validation_fraction, min=0.1, max=0.5, step=0.05, description="validation share"
            ),
            "seed": widgets.BoundedIntText(value=s.seed, min=0, max=10**6, description="seed"),
            "n_hidden_layers": widgets.IntSlider(
                value=len(hidden), min=0, max=max(4, len(hidden)), description="hidden layers"
            ),
            "units": widgets.IntSlider(
                value=max(hidden, default=4), min=1, max=max((16, *hidden)), description="units per layer"
            ),
            "activation": widgets.Dropdown(options=HIDDEN_ACTIVATIONS, value=s.activation, description="activation"),
            "initializer": widgets.Dropdown(options=INITIALIZER_NAMES, value=s.initializer, description="initialiser"),
            "optimizer": widgets.Dropdown(options=OPTIMIZER_NAMES, value=s.optimizer, description="optimizer"),
            "learning_rate": widgets.SelectionSlider(
                options=LEARNING_RATES, value=_nearest(LEARNING_RATES, s.learning_rate), description="learning rate"
            ),
            "batch_size": widgets.SelectionSlider(
                options=BATCH_SIZES, value=_nearest(BATCH_SIZES, s.batch_size), description="batch size"
            ),
            "l2": widgets.SelectionSlider(options=L2_STRENGTHS, value=_nearest(L2_STRENGTHS, s.l2), description="L2"),
            "keep_prob": widgets.FloatSlider(
                value=s.keep_prob, min=0.5, max=1.0, step=0.05, description="dropout: keep"
            ),
            "epochs_per_slice": widgets.IntSlider(
                value=s.epochs_per_slice, min=1, max=20, description="epochs per frame"
            ),
        }
        for name, control in c.items():
            control.style, control.layout = STYLE, LAYOUT
            control.add_class(f"nnlib-control-{name}")
            control.observe(self._control_changed, names="value")
        self.controls = c
        self.show_units = widgets.Checkbox(value=False, description="show hidden units", style=STYLE, layout=LAYOUT)
        self.show_units.observe(self._units_toggled, names="value")
        # The sliders must show what the session uses: settle on the options' values.
        self._apply(learning_rate=c["learning_rate"].value, batch_size=c["batch_size"].value, l2=c["l2"].value)

    def _build_buttons(self) -> None:
        def button(label, icon, handler, name):
            b = widgets.Button(description=label, icon=icon, layout=widgets.Layout(width="90px"))
            b.add_class(f"nnlib-{name}")
            b.on_click(lambda _: handler())
            return b

        self.play_button = button("Play", "play", self.play, "play")
        self.pause_button = button("Pause", "pause", self.pause, "pause")
        self.step_button = button("Step", "step-forward", self.step, "step")
        self.reset_button = button("Reset", "undo", self.reset, "reset")
        self._show_playing()

    def _show_playing(self) -> None:
        self.play_button.disabled = self.playing
        self.pause_button.disabled = not self.playing
        self.play_button.button_style = "" if self.playing else "success"

    # --- changes ----------------------------------------------------------------------------------

    def _hidden_layers(self) -> tuple[int, ...]:
        return (self.controls["units"].value,) * self.controls["n_hidden_layers"].value

    def _control_changed(self, change) -> None:
        name = next(key for key, control in self.controls.items() if control is change["owner"])
        if name in ("n_hidden_layers", "units"):
            self._apply(hidden_layers=self._hidden_layers())
        else:
            self._apply(**{name: change["new"]})

    def _apply(self, **changes) -> None:
        try:
            started_again = self.session.update(**changes)
        except (TypeError, ValueError) as error:
            self.error = str(error)
        else:
            self.error = None
            if started_again != "nothing":
                self.view.reset_axes()
        if hasattr(self, "image"):
            self.redraw()

    def _units_toggled(self, change) -> None:
        self.units_box.layout.display = "" if change["new"] else "none"
        self.redraw()

    # --- actions ---------------------------------------------------------------------------------

    def step(self) -> bool:
        """Train one slice and redraw; False when training has diverged (then Play stops)."""
        trained = self.session.train_slice()
        self.redraw()
        return trained

    def train(self, epochs: int) -> None:
        """Train for at least ``epochs`` more epochs (whole slices) and redraw once, e.g. for a static picture."""
        target = self.session.epoch + epochs
        while self.session.epoch < target and self.session.train_slice():
            pass
        self.redraw()

    def reset(self) -> None:
        """New initial weights on the same data; the history starts again (Play goes on if playing)."""
        self.session.reset()
        self.view.reset_axes()
        self.redraw()

    def play(self) -> None:
        """Train slice after slice until Pause (or divergence), yielding to the kernel between slices.

        Needs a running asyncio event loop, as in a Jupyter kernel; without
        one (plain Python), the status says so and nothing runs.
        """
        if self.playing:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.error = "Play needs a running Jupyter kernel; use Step or train() here"
            self.redraw()
            return
        self.playing = True
        self._show_playing()
        self._task = loop.create_task(self._play())

    async def _play(self) -> None:
        try:
            while self.playing and self.step():
                await asyncio.sleep(PAUSE_SECONDS)
        except Exception as error:  # shown in the status line: a task's exception would go unseen
            self.error = f"Play stopped: {type(error).__name__}: {error}"
        finally:
            self.playing = False
            self._show_playing()
            self.redraw()

    def pause(self) -> None:
        """Stop Play after the current slice."""
        self.playing = False
        self._show_playing()

    # --- pictures ----------------------------------------------------------------------------------

    def redraw(self) -> None:
        """Update the status line and the pictures from the session."""
        self.view.update(self.session)
        self.image.value = self.view.png()
        if self.show_units.value:
            self.units_view.update(self.session)
            self.units_image.value = self.units_view.png()
            self.units_image.layout.width = f"{pixel_width(self.units_view.figure)}px"  # its size follows the network
        self.status.value = self.status_text()

    def status_text(self) -> str:
        """The epoch counter and the latest metrics, as HTML."""
        session = self.session
        last = session.last()
        text = f"<b>epoch {session.epoch}</b> · " + ("<b>playing</b>" if self.playing else "paused")
        if "loss" in last:  # the metrics on a line of their own, so that neither line wraps
            validation = f" / validation {last['val_loss']:.3f}" if "val_loss" in last else ""
            metrics = f"loss: training {last['loss']:.3f}{validation}"
            validation = f" / validation {last['val_accuracy']:.1%}" if "val_accuracy" in last else ""
            text += f"<br>{metrics} · accuracy: training {last['accuracy']:.1%}{validation}"
        problem = session.diverged or self.error
        if problem:
            text += f'<br><span style="color:#d62728">{problem}</span>'
        return text

    def snapshot(self):
        """The current picture as an ``IPython.display.Image`` (a static copy that stays in a saved notebook)."""
        from IPython.display import Image

        return Image(data=compact_png(self.view.png()), format="png")

    def _repr_mimebundle_(self, **kwargs):
        return widget_bundle(self.widget, repr(self))

    def __repr__(self) -> str:
        return f"Playground({self.session!r}, {'playing' if self.playing else 'paused'})"
