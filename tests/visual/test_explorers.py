"""The lesson explorers: their numbers, their pictures, and their sliders' wiring (no browser)."""

import numpy as np
import pytest

from nnlib.activations import sigmoid
from nnlib.visual import explorers
from nnlib.visual.explorers import LOSS_CURVES, describe_path, gradient_descent_path, sigmoid_curve
from nnlib.visual.widgets import new_figure


def test_sigmoid_curve_slope_matches_finite_differences():
    x = np.linspace(-6, 6, 61)
    h = 1e-6
    for w, b in [(1.0, 0.0), (3.0, -2.0), (-2.5, 1.0), (0.0, 4.0)]:
        a, slope = sigmoid_curve(w, b, x)
        numeric = (sigmoid_curve(w, b, x + h)[0] - sigmoid_curve(w, b, x - h)[0]) / (2 * h)
        assert np.allclose(a, sigmoid(w * x + b))
        assert np.allclose(slope, numeric, atol=1e-8)


def test_sigmoid_explorer_moves_the_midpoint_with_the_sliders():
    explorer = explorers.sigmoid_explorer()
    first = explorer.view.image.value
    explorer.controls["w"].value = 2.0
    explorer.controls["b"].value = -3.0
    assert "x = −b/w = 1.50" in explorer.status.value and "w/4 = 0.500" in explorer.status.value
    assert explorer.view.image.value != first
    top = explorer.figure.axes[0]
    curve = top.lines[1].get_ydata()
    assert np.allclose(curve, sigmoid(2.0 * top.lines[1].get_xdata() - 3.0))
    explorer.controls["w"].value = 0.0
    assert "for every x" in explorer.status.value


def test_gradient_descent_path_on_the_bowl_follows_the_rate():
    bowl = LOSS_CURVES["bowl"]
    path = gradient_descent_path(bowl, 0.5, start=-1.0, n_steps=3)
    assert np.allclose(path, [-1.0, 0.0, 0.5, 0.75])  # w - 0.5 (w - 1): halfway to 1 each step
    assert "sliding" in describe_path(bowl, gradient_descent_path(bowl, 0.9, -2.0, 30))
    assert "at the lowest point" in describe_path(bowl, gradient_descent_path(bowl, 0.9, -2.0, 30))
    assert "zig-zagging" in describe_path(bowl, gradient_descent_path(bowl, 1.5, -2.0, 30))
    assert describe_path(bowl, gradient_descent_path(bowl, 2.2, -2.0, 15)).startswith("diverging")
    far = gradient_descent_path(bowl, 3.0, -2.0, 200)
    assert far.size < 201 and describe_path(bowl, far).startswith("diverged")


def test_the_two_valleys_curve_has_its_minimum_and_a_trap():
    curve = LOSS_CURVES["two valleys"]
    assert abs(curve.gradient(curve.minimum)) < 1e-6
    w = np.linspace(-2.2, 2.2, 4001)
    assert abs(w[np.argmin(curve.loss(w))] - curve.minimum) < 2e-3
    trapped = gradient_descent_path(curve, 0.1, start=1.5, n_steps=300)
    assert "not the lowest" in describe_path(curve, trapped)


def test_learning_rate_explorer_redraws_the_steps():
    explorer = explorers.learning_rate_explorer()
    explorer.controls["learning_rate"].value = 1.5
    assert "zig-zagging" in explorer.status.value
    steps = explorer.figure.axes[0].lines[1].get_xdata()
    assert np.allclose(steps, gradient_descent_path(LOSS_CURVES["bowl"], 1.5, -2.0, 15))
    explorer.controls["n_steps"].value = 3
    assert len(explorer.figure.axes[0].lines[1].get_xdata()) == 4
    with pytest.raises(ValueError, match="learning_rate"):
        gradient_descent_path(LOSS_CURVES["bowl"], 0.0, 0.0, 3)


def test_learning_rate_slider_reads_what_the_title_says():
    explorer = explorers.learning_rate_explorer()
    slider = explorer.controls["learning_rate"]
    for rate in explorers.LEARNING_RATES:
        slider.value = rate
        assert explorer.figure.axes[0].get_title() == f"bowl, learning rate {slider.label}"
    assert explorers.learning_rate_explorer().controls["learning_rate"].value == 0.3  # no snapping to 0.316


def test_hidden_size_explorer_trains_lesson_06s_network(monkeypatch):
    calls = []
    real = explorers.nn_model

    def counted(*args, **kwargs):
        calls.append(kwargs["hidden_size"])
        return real(*args, **kwargs)

    monkeypatch.setattr(explorers, "nn_model", counted)
    monkeypatch.setattr(explorers, "_trained", {})
    explorer = explorers.hidden_size_explorer()
    explorer.controls["num_iterations"].value = 500
    explorer.controls["hidden_size"].value = 1
    explorer.controls["hidden_size"].value = 4
    explorer.controls["hidden_size"].value = 1  # kept: not trained again
    assert calls == [4, 4, 1]  # 4 at 2000 and at 500 iterations, then 1 at 500
    assert "1 hidden units, 500 iterations: training accuracy" in explorer.status.value
    assert explorer.figure.axes[0].get_title().startswith("n_h = 1: ")


def test_draw_functions_are_pure_functions_of_their_controls():
    one, two = new_figure((6, 4)), new_figure((6, 4))
    assert explorers.draw_learning_rate(one, 0.3, -1.0, 10) == explorers.draw_learning_rate(two, 0.3, -1.0, 10)
    assert np.array_equal(one.axes[0].lines[1].get_xydata(), two.axes[0].lines[1].get_xydata())
