"""The playground without a browser: its session (data, network, slices), its pictures, and its widgets' wiring."""

import asyncio
import io
import subprocess
import sys
from pathlib import Path

import nbformat
import numpy as np
import PIL.Image
import pytest
from matplotlib.contour import ContourSet
from matplotlib.text import Text

from nnlib import course
from nnlib.deep import forward_prop
from nnlib.visual.playground import Playground
from nnlib.visual.playground.figure import PlaygroundFigure, UnitsFigure, pixel_width
from nnlib.visual.playground.session import DATASETS, PlaygroundSession, PlaygroundSettings

ROOT = Path(__file__).resolve().parents[2]
SMALL = dict(m=120, hidden_layers=(4,), batch_size=20)


# --- the session -----------------------------------------------------------------------------------


@pytest.mark.parametrize("dataset", list(DATASETS))
def test_every_data_set_is_split_and_trained_on(dataset):
    session = PlaygroundSession(dataset=dataset, **SMALL)
    assert session.X_train.shape == (2, 96) and session.Y_train.shape == (1, 96)
    assert session.X_val.shape == (2, 24) and set(np.unique(session.Y_val)) <= {0, 1}
    assert session.train_slice()
    assert session.epoch == 1
    assert set(session.history) == {"loss", "accuracy", "val_loss", "val_accuracy"}
    assert all(len(values) == 1 for values in session.history.values())


def test_training_is_deterministic_with_a_seed_and_learns_the_moons():
    a, b = (PlaygroundSession(dataset="moons", noise=0.1, **SMALL, learning_rate=0.3) for _ in range(2))
    for _ in range(40):
        a.train_slice()
        b.train_slice()
    assert a.history == b.history
    assert a.last()["accuracy"] > 0.85 and a.history["loss"][-1] < a.history["loss"][0]


def test_changes_reset_as_the_tf_playground_does():
    session = PlaygroundSession(**SMALL)
    session.train_slice()
    data, weights = session.X_train, session.parameters["W1"].copy()
    assert session.update(learning_rate=0.1, l2=0.01, keep_prob=0.8, batch_size=5) == "nothing"
    assert session.epoch == 1 and session.X_train is data  # the network keeps learning
    assert session.update(activation="relu") == "network"
    assert session.epoch == 0 and session.X_train is data and not np.array_equal(session.parameters["W1"], weights)
    assert session.update(hidden_layers=(3, 2)) == "network"
    assert [session.parameters[f"W{l}"].shape for l in (1, 2, 3)] == [(3, 2), (2, 3), (1, 2)]
    assert session.update(noise=0.3) == "data"
    assert session.X_train is not data and session.epoch == 0
    assert session.update(noise=0.3) == "nothing"  # the same value changes nothing


def test_reset_draws_new_weights_but_repeats_with_the_seed():
    first = PlaygroundSession(**SMALL)
    w0 = first.parameters["W1"].copy()
    first.reset()
    assert not np.array_equal(first.parameters["W1"], w0)
    assert np.array_equal(PlaygroundSession(**SMALL).parameters["W1"], w0)


def test_probabilities_and_hidden_outputs_come_from_the_network():
    session = PlaygroundSession(**{**SMALL, "hidden_layers": (3, 2)})
    points = np.random.default_rng(0).normal(size=(2, 7))
    A, _ = forward_prop(points, session.parameters, hidden_activation="tanh")
    assert np.allclose(session.probabilities(points), A)
    outputs = session.hidden_outputs(points)
    assert [o.shape for o in outputs] == [(3, 7), (2, 7)]
    assert np.allclose(outputs[0], np.tanh(session.parameters["W1"] @ points + session.parameters["b1"]))


def test_divergence_stops_training_with_a_message():
    session = PlaygroundSession(**SMALL)
    session.parameters["W1"][:] = np.nan
    assert not session.train_slice()
    assert "diverged" in session.diverged
    assert not session.train_slice() and session.epoch == 0
    session.reset()
    assert session.diverged is None and session.train_slice()


def test_bad_settings_name_the_setting():
    with pytest.raises(ValueError, match="dataset"):
        PlaygroundSettings(dataset="swiss roll")
    with pytest.raises(ValueError, match="keep_prob"):
        PlaygroundSettings(keep_prob=0)
    with pytest.raises(TypeError, match="hidden_layers"):
        PlaygroundSettings(hidden_layers=8)
    with pytest.raises(ValueError, match=r"hidden_layers\[1\]"):
        PlaygroundSettings(hidden_layers=(4, 0))
    session = PlaygroundSession(**SMALL)
    with pytest.raises(TypeError, match="unknown playground setting"):
        session.update(learnig_rate=0.1)
    with pytest.raises(ValueError, match="points"):
        session.probabilities(np.zeros((3, 4)))


# --- the pictures -------------------------------------------------------------------------------------


def test_the_figure_shows_the_boundary_points_and_curves():
    session = PlaygroundSession(**SMALL, learning_rate=0.3)
    view = PlaygroundFigure()
    view.update(session)
    first = view.png()
    assert first.startswith(b"\x89PNG")
    for _ in range(20):
        session.train_slice()
    view.update(session)
    assert view.png() != first
    P = view.image.get_array()
    assert P.shape == view.G1.shape and 0 <= P.min() < 0.5 < P.max() <= 1
    assert isinstance(view.contour, ContourSet)
    assert [len(points.get_offsets()) for points in view.points] == [96, 24]
    xdata, ydata = view.curves["val_loss"].get_data()
    assert list(xdata) == list(range(1, 21)) and list(ydata) == session.history["val_loss"]
    assert view.loss_ax.get_xlim()[1] >= 20  # the epoch axis grew


def test_units_figure_has_one_picture_per_hidden_unit():
    session = PlaygroundSession(**{**SMALL, "hidden_layers": (3, 2)})
    units = UnitsFigure()
    units.update(session)
    assert len(units.images) == 2 and units.png().startswith(b"\x89PNG")
    for layer, unit in [(1, 0), (1, 2), (2, 1)]:
        output = session.hidden_outputs(units.grid)[layer - 1][unit].reshape(30, 30)[::-1]  # top row first
        assert np.allclose(units.unit_picture(layer, unit), output)  # the outputs themselves, on a colour scale
    session.update(hidden_layers=(4,))
    units.update(session)
    assert len(units.images) == 1 and np.ma.getmaskarray(units.images[0].get_array()).sum() == 3 * 30  # the gaps


@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_each_layer_of_hidden_units_has_a_colour_bar_with_numbers(activation):
    session = PlaygroundSession(**{**SMALL, "hidden_layers": (5, 5), "activation": activation})
    units = UnitsFigure()
    for _ in range(3):
        session.train_slice()
    units.update(session)
    units.png()
    for image, colorbar, scale, A in zip(
        units.images, units.colorbars, units.scales, session.hidden_outputs(units.grid)
    ):
        assert colorbar.mappable is image and image.get_clim() == (-scale, scale)
        assert colorbar.ax.get_title(loc="left") == "output"
        labels = [label.get_text() for label in colorbar.ax.get_yticklabels()]
        assert labels == [f"{-scale:g}".replace("-", "\u2212"), "0", f"{scale:g}"]
        assert np.quantile(np.abs(A), 0.98) <= scale  # the scale covers the outputs (all but a few hot spots)
        assert scale / 5 <= max(np.quantile(np.abs(A), 0.98), 0.01)  # and is not much larger: a round number


def test_a_colour_scale_is_round_and_changes_only_when_it_must():
    from nnlib.visual.playground.figure import _colour_scale

    assert [_colour_scale(x, None) for x in (0.0, 0.3, 0.9, 1.0, 1.3, 4.2, 17.0)] == [0.01, 0.5, 1, 1, 2, 5, 20]
    assert _colour_scale(0.9, 1.0) == 1.0 and _colour_scale(0.3, 1.0) == 1.0  # outputs fell a little: kept
    assert _colour_scale(0.2, 1.0) == 0.2 and _colour_scale(1.1, 1.0) == 2  # well below, or outgrown: changed


def visible_texts(figure) -> list:
    """The texts a figure's PNG shows (not the ticks of an axis switched off: they are not drawn)."""
    figure.canvas.draw()
    hidden = {
        id(text) for ax in figure.axes if not ax.axison for axis in (ax.xaxis, ax.yaxis) for text in axis.findobj(Text)
    }
    return [
        text
        for text in figure.findobj(Text)
        if text.get_visible() and text.get_text().strip() and id(text) not in hidden
    ]


@pytest.mark.parametrize("hidden_layers", [(8, 8), (16, 16, 16, 16), (5, 7), (1,), ()])
def test_every_text_of_the_pictures_is_readable_at_the_size_shown(hidden_layers):
    """The pictures are shown at the size they are drawn (the browser test checks it): 12 px text is 12 px on screen."""
    playground = Playground(**{**SMALL, "hidden_layers": hidden_layers})
    playground.show_units.value = True
    for figure in (playground.view.figure, playground.units_view.figure):
        texts = visible_texts(figure)
        assert texts
        small = {text.get_text() for text in texts if text.get_fontsize() * figure.dpi / 72 < 11.9}
        assert not small, f"text smaller than 12 px: {sorted(small)}"
    width = pixel_width(playground.view.figure)
    assert width == 624 and pixel_width(playground.units_view.figure) <= width  # one above the other, in 624 px
    for image in (playground.image, playground.units_image):  # each widget as wide as its PNG: never scaled
        assert image.layout.width == f"{PIL.Image.open(io.BytesIO(image.value)).width}px"


# --- the widgets ----------------------------------------------------------------------------------------


@pytest.fixture
def playground():
    return Playground(**SMALL)


def test_step_and_reset_buttons(playground):
    first = playground.image.value
    playground.step_button.click()
    assert playground.session.epoch == 1 and playground.image.value != first
    assert "epoch 1" in playground.status.value and "validation" in playground.status.value
    playground.reset_button.click()
    assert playground.session.epoch == 0 and "epoch 0" in playground.status.value


def test_controls_change_the_session(playground):
    playground.train(3)
    playground.controls["learning_rate"].value = 0.3
    assert playground.session.settings.learning_rate == 0.3 and playground.session.epoch == 3
    playground.controls["dataset"].value = "circles"
    assert playground.session.settings.dataset == "circles" and playground.session.epoch == 0
    playground.controls["n_hidden_layers"].value = 2
    playground.controls["units"].value = 5
    assert playground.session.settings.hidden_layers == (5, 5)
    playground.controls["n_hidden_layers"].value = 0
    assert playground.session.settings.layer_dims == [2, 1]  # logistic regression
    playground.controls["validation_fraction"].value = 0.5
    assert playground.session.X_val.shape[1] == 60


def test_hidden_units_are_drawn_only_when_asked(playground):
    assert bytes(playground.units_image.value) == b"" and playground.units_box.layout.display == "none"
    playground.show_units.value = True
    assert bytes(playground.units_image.value).startswith(b"\x89PNG") and playground.units_box.layout.display == ""


def test_play_trains_in_slices_until_pause(playground):
    async def play_then_pause():
        playground.play_button.click()
        assert playground.playing and playground.play_button.disabled
        while playground.session.epoch < 3:
            await asyncio.sleep(0.001)
        playground.pause_button.click()
        await playground._task
        return playground.session.epoch

    epochs = asyncio.run(play_then_pause())
    assert not playground.playing and not playground.play_button.disabled
    assert playground.session.epoch == epochs  # nothing more after Pause
    assert "paused" in playground.status.value


def test_play_without_an_event_loop_says_so(playground):
    playground.play_button.click()
    assert not playground.playing and playground.session.epoch == 0
    assert "Play needs a running Jupyter kernel" in playground.status.value


def test_snapshot_is_a_static_png(playground):
    playground.train(2)
    snapshot = playground.snapshot().data
    assert snapshot.startswith(b"\x89PNG") and len(snapshot) < len(playground.view.png())
    assert PIL.Image.open(io.BytesIO(snapshot)).size == PIL.Image.open(io.BytesIO(playground.view.png())).size


def test_display_data_says_what_a_page_without_widgets_would_show(playground):
    bundle = playground._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"].startswith("Playground(PlaygroundSession(flower, 2-4-1 tanh, epoch=0), paused)")
    assert "live widget" in bundle["text/plain"]


# --- the appendix notebook ----------------------------------------------------------------------------

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def test_widget_cells_are_tagged_and_a_static_picture_is_kept():
    solution = nbformat.read(ROOT / "solutions" / "90_playground.ipynb", as_version=4)
    shown = [
        cell for cell in solution.cells if any(WIDGET_VIEW in out.get("data", {}) for out in cell.get("outputs", []))
    ]
    assert len(shown) == 4  # the playground and three explorers
    assert all("nbval-ignore-output" in cell.metadata.get("tags", []) for cell in shown)
    assert any("image/png" in out.get("data", {}) for cell in solution.cells for out in cell.get("outputs", []))
    assert "widgets" not in solution.metadata  # no widget state stored, even in the solutions


def test_no_widget_state_reaches_the_student_notebook(tmp_path):
    solution = nbformat.read(ROOT / "solutions" / "90_playground.ipynb", as_version=4)
    solution.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {"x": {}}}}
    student = course.student_version(solution, "90_playground.ipynb")
    text = nbformat.writes(student)
    assert "widget-state" not in text and WIDGET_VIEW not in text
    assert all(not cell.get("outputs") for cell in student.cells)
    shipped = (ROOT / "notebooks" / "90_playground.ipynb").read_text()
    assert "widget-state" not in shipped and WIDGET_VIEW not in shipped


def test_the_session_needs_neither_matplotlib_nor_ipywidgets():
    # The session module on its own, without its package's __init__ (the widgets).
    code = """
import sys, types, nnlib.visual
package = types.ModuleType("nnlib.visual.playground")
package.__path__ = [nnlib.visual.__path__[0] + "/playground"]
sys.modules[package.__name__] = package
import nnlib.visual.playground.session
print([m for m in ("matplotlib", "ipywidgets") if m in sys.modules])
"""
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "[]\n"


def test_an_error_during_play_stops_it_and_is_shown(playground, monkeypatch):
    def broken():
        raise ValueError("something broke")

    monkeypatch.setattr(playground.session, "train_slice", broken)

    async def play():
        playground.play_button.click()
        await playground._task

    asyncio.run(play())
    assert not playground.playing and "Play stopped: ValueError: something broke" in playground.status.value


@pytest.mark.parametrize("hidden_layers", [(), (32,), (6, 5, 4, 3, 2)])
def test_the_sliders_can_show_the_network_it_was_made_with(hidden_layers):
    playground = Playground(hidden_layers=hidden_layers, m=60)
    assert playground.session.settings.hidden_layers == hidden_layers
    assert playground.controls["n_hidden_layers"].value == len(hidden_layers)
    assert playground.controls["units"].value == max(hidden_layers, default=4)
