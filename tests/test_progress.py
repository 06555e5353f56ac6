"""Progress reporting: text lines, the widget bar (headless), the live plot, and the mode switch.

Headless, the live plot shows and prints nothing, and its lines hold the recorded values.
"""

import io

import numpy as np
import pytest

from nnlib import progress
from nnlib.datasets import make_moons
from nnlib.initializers import init_params
from nnlib.progress import LivePlot, NullProgress, TextProgress, WidgetProgress, format_logs, make_progress
from nnlib.training import fit


def test_format_logs_rounds_to_four_decimals():
    assert format_logs({"loss": 0.123456, "val_accuracy": 0.9}) == "loss 0.1235  val_accuracy 0.9000"


def test_text_progress_prints_about_ten_lines_including_first_and_last():
    out = io.StringIO()
    progress = TextProgress(total=95, stream=out)
    for epoch in range(1, 96):
        progress.update(epoch, {"loss": 1 / epoch})
    lines = out.getvalue().splitlines()
    assert lines[0] == "epoch  1/95  loss 1.0000"
    assert lines[-1] == "epoch 95/95  loss 0.0105"
    assert 9 <= len(lines) <= 12


def test_widget_progress_moves_the_bar_and_shows_the_metrics(capsys):
    progress = WidgetProgress(total=4)
    for epoch in range(1, 5):
        progress.update(epoch, {"loss": 0.5 / epoch})
    progress.close()
    capsys.readouterr()  # outside a kernel, display() prints the widget's repr
    assert progress.bar.value == 4 and progress.bar.max == 4
    assert progress.bar.description == "epoch 4"
    assert "loss 0.1250" in progress.label.value
    assert progress.bar.bar_style == "success"


def test_modes():
    assert isinstance(make_progress("none", 5), NullProgress)
    assert isinstance(make_progress(False, 5), NullProgress)
    assert isinstance(make_progress("text", 5), TextProgress)
    assert isinstance(make_progress("auto", 5), TextProgress)  # not inside a Jupyter kernel here
    with pytest.raises(
        ValueError, match="unknown progress 'fancy'; choose one of 'auto', 'widget', 'text', 'live', 'none'"
    ):
        make_progress("fancy", 5)


def test_lines_hold_every_recorded_value_after_training(capsys):
    X, Y = make_moons(m=60, rng=np.random.default_rng(0))
    X_val, Y_val = make_moons(m=30, rng=np.random.default_rng(1))
    live = LivePlot(total=12, every=5, show=False)
    parameters = init_params([2, 4, 1], "he", np.random.default_rng(2))
    _, history = fit(
        X, Y, parameters, epochs=12, validation_data=(X_val, Y_val), progress=live, rng=np.random.default_rng(3)
    )
    assert capsys.readouterr().out == ""
    assert live.epochs == list(range(1, 13))
    lines = {line.get_label(): line for ax in live.fig.axes for line in ax.get_lines()}
    assert set(lines) == {"train loss", "val loss", "train accuracy", "val accuracy"}
    np.testing.assert_allclose(lines["val loss"].get_ydata(), history["val_loss"])
    np.testing.assert_allclose(lines["train accuracy"].get_ydata(), history["accuracy"])
    np.testing.assert_array_equal(lines["train loss"].get_xdata(), history.epochs)


def test_close_draws_epochs_after_the_last_redraw():
    live = LivePlot(total=100, every=50, show=False)
    for epoch in range(1, 8):  # stopped early, before any scheduled redraw
        live.update(epoch, {"loss": 1.0 / epoch})
    live.close()
    (line,) = live.fig.axes[0].get_lines()
    assert list(line.get_xdata()) == list(range(1, 8))
    assert line.get_ydata()[-1] == pytest.approx(1 / 7)


def test_make_progress_live_outside_jupyter_is_a_quiet_live_plot(capsys):
    reporter = make_progress("live", 10)
    assert isinstance(reporter, LivePlot) and not reporter.show
    reporter.update(1, {"loss": 0.5})
    reporter.close()
    assert capsys.readouterr().out == ""


def test_in_jupyter_it_shows_one_picture_and_replaces_it(monkeypatch):
    import IPython.display

    shown = []

    class Handle:
        def update(self, picture):
            shown.append(("update", picture))

    def display(picture, display_id=False):
        shown.append(("display", picture))
        return Handle()

    monkeypatch.setattr(IPython.display, "display", display)
    live = LivePlot(total=4, every=2, show=True)
    for epoch in range(1, 5):
        live.update(epoch, {"loss": 1.0 / epoch, "val_loss": 1.1 / epoch})
    live.close()
    assert [kind for kind, _ in shown] == ["display", "update"]  # epochs 2 and 4; close() has nothing new
    assert all(picture.data[:4] == b"\x89PNG" for _, picture in shown)


def test_live_plot_keeps_each_shown_picture_for_its_pause(monkeypatch):
    import IPython.display

    class Handle:
        def update(self, picture):
            pass

    monkeypatch.setattr(IPython.display, "display", lambda picture, display_id=False: Handle())
    clock, slept = [100.0], []

    def sleep(seconds):
        slept.append(seconds)
        clock[0] += seconds

    monkeypatch.setattr(progress.time, "sleep", sleep)
    monkeypatch.setattr(progress.time, "monotonic", lambda: clock[0])
    live = LivePlot(total=4, every=1, show=True, pause=0.5)
    for epoch in range(1, 5):
        clock[0] += 0.1  # an epoch of training
        live.update(epoch, {"loss": 1.0 / epoch})
    assert slept == pytest.approx([0.0, 0.4, 0.4, 0.4])  # the first picture has none to wait for
    assert LivePlot(total=4, show=False, pause=0.5).pause == 0.5


def test_live_pause_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("NNLIB_LIVE_PAUSE", "0")
    assert progress.live_pause() == 0.0 and LivePlot(total=3).pause == 0.0
    monkeypatch.setenv("NNLIB_LIVE_PAUSE", "not a number")
    assert progress.live_pause() == progress.LIVE_PAUSE
    monkeypatch.delenv("NNLIB_LIVE_PAUSE")
    assert progress.live_pause() == progress.LIVE_PAUSE
