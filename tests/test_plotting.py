"""Plots: each returns what it drew on, draws what it should, and refuses bad input clearly."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure

from nnlib.deep import forward_prop
from nnlib.initializers import init_params
from nnlib.plotting import (
    WRONG_COLOR,
    class_colors,
    plot_activation_histograms,
    plot_confusion_matrix,
    plot_decision_boundary,
    plot_digits,
    plot_gradient_histograms,
    plot_history,
    plot_layer_histograms,
    plot_loss_curve,
)
from nnlib.training import History


def right_half(P):
    return (P[0] > 0).astype(int).reshape(1, -1)


def test_decision_boundary_colours_follow_predict():
    X = np.array([[-2.0, -1.0, 1.0, 2.0], [0.0, 1.0, -1.0, 0.5]])
    Y = np.array([[0, 0, 1, 1]])
    ax = plot_decision_boundary(right_half, X, Y, resolution=50, padding=0.0)
    assert isinstance(ax, Axes)
    assert ax.get_xlabel() == "$x_1$" and ax.get_ylabel() == "$x_2$"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["class 0", "class 1"]
    # Render, then read the pixel colour at a data point on each side.
    fig = ax.figure
    fig.canvas.draw()
    image = np.asarray(fig.canvas.buffer_rgba())
    height = image.shape[0]
    colors = class_colors(2)
    for x, k in ((-1.5, 0), (1.5, 1)):
        px, py = ax.transData.transform((x, -0.8))
        pixel = image[int(height - py), int(px), :3] / 255
        # a light (alpha 0.3 over white) version of the class colour
        expected = 0.3 * np.array(colors[k]) + 0.7
        np.testing.assert_allclose(pixel, expected, atol=0.03)


def test_decision_boundary_accepts_probabilities_and_class_scores():
    X = np.array([[-1.0, 1.0, 0.5], [0.0, 0.0, 1.0]])
    Y = np.array([0, 1, 2])
    plot_decision_boundary(lambda P: np.vstack([P[0] < 0, P[0] >= 0, P[1] > 0.9]).astype(float), X, Y, resolution=20)
    plot_decision_boundary(lambda P: 1 / (1 + np.exp(-P[0])), X[:, :2], Y[:2], resolution=20)


def test_history_panels_curves_and_best_epoch():
    history = History()
    for epoch in range(1, 6):
        history.record(epoch, {"loss": 1 / epoch, "accuracy": 0.5 + epoch / 20,
                               "val_loss": 1.2 / epoch, "val_accuracy": 0.5 + epoch / 25})
    history.best_epoch = 4
    fig = plot_history(history)
    assert isinstance(fig, Figure)
    loss_ax, accuracy_ax = fig.axes
    assert loss_ax.get_title() == "Loss" and accuracy_ax.get_ylabel() == "accuracy"
    assert loss_ax.get_xlabel() == "epoch"
    labels = [t.get_text() for t in loss_ax.get_legend().get_texts()]
    assert labels == ["train", "validation", "best epoch"]
    np.testing.assert_allclose(loss_ax.lines[1].get_ydata(), [1.2 / e for e in range(1, 6)])


def test_history_from_a_plain_dict_and_one_metric():
    fig = plot_history({"loss": [3.0, 2.0, 1.0]}, metrics="loss")
    (ax,) = fig.axes
    np.testing.assert_array_equal(ax.lines[0].get_xdata(), [1, 2, 3])
    with pytest.raises(ValueError, match="unknown metric 'f1'"):
        plot_history({"loss": [1.0]}, metrics="f1")


def test_layer_histograms_from_a_forward_pass_and_gradients():
    X = np.random.default_rng(0).standard_normal((3, 50))
    parameters = init_params([3, 6, 5, 1], "he", np.random.default_rng(0))
    _, caches = forward_prop(X, parameters)
    fig = plot_activation_histograms(caches)
    titles = [ax.get_title().splitlines()[0] for ax in fig.axes if ax.patches]
    assert titles == ["layer 1 (relu)", "layer 2 (relu)", "layer 3 (sigmoid)"]
    grads = {"dW2": np.ones((2, 2)), "db1": np.zeros((2, 1)), "dW1": np.arange(4.0), "dW10": np.zeros(3)}
    fig = plot_gradient_histograms(grads)
    assert [ax.get_title().splitlines()[0] for ax in fig.axes if ax.patches] == ["dW1", "dW2", "dW10"]


def test_layer_histogram_titles_carry_mean_and_std_and_count_non_finite():
    fig = plot_layer_histograms({"A1": np.array([1.0, 3.0, np.nan])}, bins=4)
    title = fig.axes[0].get_title()
    assert "mean 2, std 1" in title and "1 non-finite values" in title
    assert sum(p.get_height() for p in fig.axes[0].patches) == 2


def test_confusion_matrix_cells_show_the_counts():
    cm = np.array([[5, 1], [0, 9]])
    ax = plot_confusion_matrix(cm, class_names=["cat", "dog"])
    assert isinstance(ax, Axes)
    assert sorted(t.get_text() for t in ax.texts) == sorted(["5", "1", "0", "9"])
    assert ax.get_xlabel() == "predicted" and ax.get_ylabel() == "true"
    dark = next(t for t in ax.texts if t.get_text() == "9")
    light = next(t for t in ax.texts if t.get_text() == "0")
    assert dark.get_color() == "white" and light.get_color() == "black"
    ax = plot_confusion_matrix(cm, normalize=True)
    assert sorted(t.get_text() for t in ax.texts) == sorted(["0.83", "0.17", "0.00", "1.00"])


def test_digits_grid_marks_wrong_predictions_in_red():
    X = np.random.default_rng(0).random((64, 12))
    labels = np.arange(12) % 10
    predictions = labels.copy()
    predictions[[2, 5]] = 9
    fig = plot_digits(X, labels, predictions, n=12, n_cols=6)
    shown = [ax for ax in fig.axes if ax.images]
    assert len(shown) == 12
    red = [ax.get_title() for ax in shown if to_rgba(ax.title.get_color()) == to_rgba(WRONG_COLOR)]
    assert red == ["9/2", "9/5"]
    assert fig._suptitle.get_text() == "predicted/true: 2 of 12 wrong (red)"


def test_loss_curve_uses_the_recording_interval():
    ax = plot_loss_curve([0.7, 0.5, 0.4], every=100)
    np.testing.assert_array_equal(ax.lines[0].get_xdata(), [0, 100, 200])
    assert ax.get_xlabel() == "iteration" and ax.get_ylabel() == "cost"


def test_drawing_into_given_axes():
    fig, ax = plt.subplots()
    assert plot_loss_curve([1.0, 0.5], ax=ax) is ax
    fig, axes = plt.subplots(1, 2)
    assert plot_history({"loss": [1.0], "accuracy": [0.5]}, axes=axes) is fig


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: plot_decision_boundary(right_half, np.ones((3, 4)), np.ones((1, 4), int)), ValueError,
         r"X must have shape \(2, m\), got \(3, 4\)"),
        (lambda: plot_decision_boundary(lambda P: None, np.ones((2, 4)), np.ones((1, 4), int)), TypeError,
         "predict returned None: did you forget `return`?"),
        (lambda: plot_decision_boundary(right_half, np.ones((2, 4)), np.ones((1, 3), int)), ValueError,
         r"Y must hold one label per column of X \(m=4\)"),
        (lambda: plot_history([1, 2]), TypeError, "history must be a History"),
        (lambda: plot_history({"loss": [1.0, 2.0], "val_loss": [1.0]}), ValueError, "one value per epoch"),
        (lambda: plot_digits(np.ones((5, 64))), ValueError, r"X must have shape \(64, m\).*transposed\? pass X.T"),
        (lambda: plot_confusion_matrix(np.ones((2, 3))), ValueError, r"cm must have shape \(K=2, K=2\), got \(2, 3\)"),
        (lambda: plot_gradient_histograms({"db1": np.ones(2)}), ValueError, "grads has no weight gradients"),
        (lambda: plot_loss_curve([]), ValueError, "costs must be a non-empty list"),
    ],
)
def test_bad_arguments_get_clear_errors(call, error, message):
    with pytest.raises(error, match=message):
        call()
