"""Plots: each returns what it drew on, draws what it should, and refuses bad input clearly."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.colors import to_rgba
from matplotlib.contour import ContourSet
from matplotlib.figure import Figure

from nnlib.training import History
from nnlib.visual.plotting import (
    WRONG_COLOR,
    class_colors,
    plot_confusion_matrix,
    plot_decision_boundary,
    plot_digits,
    plot_gradient_check,
    plot_histogram_grid,
    plot_histories,
    plot_history,
    plot_loss_curve,
)


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
        history.record(
            epoch,
            {
                "loss": 1 / epoch,
                "accuracy": 0.5 + epoch / 20,
                "val_loss": 1.2 / epoch,
                "val_accuracy": 0.5 + epoch / 25,
            },
        )
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


def test_history_one_metric_into_one_given_axes_of_a_larger_figure():
    """Lesson 12's use: the loss of a run, train and validation, in one panel of its own figure."""
    history = History()
    for epoch in range(1, 41):
        history.record(epoch, {"loss": 1 / epoch, "accuracy": 0.9, "val_loss": 2 / epoch, "val_accuracy": 0.8})
    fig, (ax_loss, ax_other) = plt.subplots(1, 2)
    assert plot_history(history, metrics="loss", axes=[ax_loss]) is fig
    assert not ax_other.lines  # nothing drawn outside the given Axes
    train, validation = ax_loss.lines
    np.testing.assert_array_equal(train.get_xdata(), history.epochs)
    np.testing.assert_allclose(validation.get_ydata(), [2 / e for e in range(1, 41)])
    assert train.get_marker() == "None"  # 40 epochs: a plain line, no markers
    assert [t.get_text() for t in ax_loss.get_legend().get_texts()] == ["train", "validation"]
    assert (ax_loss.get_xlabel(), ax_loss.get_ylabel(), ax_loss.get_title()) == ("epoch", "loss", "Loss")


def test_histories_one_curve_per_run_same_colour_in_every_panel():
    short = History()
    for epoch in range(1, 4):
        short.record(epoch, {"loss": 1.0 / epoch, "accuracy": 0.2 * epoch})
    runs = {"He": short, "too small": {"loss": [0.7] * 50, "accuracy": [0.5] * 50}}
    fig = plot_histories(runs, metrics=["loss", "accuracy"])
    assert isinstance(fig, Figure)
    loss_ax, accuracy_ax = fig.axes
    assert [len(ax.lines) for ax in fig.axes] == [2, 2]
    np.testing.assert_array_equal(loss_ax.lines[0].get_xdata(), [1, 2, 3])
    np.testing.assert_allclose(accuracy_ax.lines[0].get_ydata(), [0.2, 0.4, 0.6])
    np.testing.assert_array_equal(loss_ax.lines[1].get_xdata(), np.arange(1, 51))  # runs of any length
    assert [line.get_marker() for line in loss_ax.lines] == ["o", "None"]  # markers on short curves only
    for run in range(2):
        assert loss_ax.lines[run].get_color() == accuracy_ax.lines[run].get_color()
    assert loss_ax.lines[0].get_color() != loss_ax.lines[1].get_color()
    assert [t.get_text() for t in loss_ax.get_legend().get_texts()] == ["He", "too small"]
    assert accuracy_ax.get_legend() is None  # one legend names the runs of every panel
    assert [ax.get_ylabel() for ax in fig.axes] == ["training loss", "training accuracy"]
    assert all(ax.get_xlabel() == "epoch" for ax in fig.axes)


def test_histories_validation_metric_into_given_axes_and_bad_input():
    runs = {"a": {"loss": [1.0, 0.5], "val_loss": [1.2, 0.9]}, "b": {"loss": [2.0, 1.0], "val_loss": [2.5, 1.5]}}
    fig, ax = plt.subplots()
    assert plot_histories(runs, "val_loss", axes=[ax]) is fig
    assert ax.get_ylabel() == "validation loss"
    np.testing.assert_allclose(ax.lines[1].get_ydata(), [2.5, 1.5])
    with pytest.raises(ValueError, match="unknown metric of run 'b' 'accuracy'"):
        plot_histories({"a": {"loss": [1.0], "accuracy": [0.5]}, "b": {"loss": [1.0]}}, ["loss", "accuracy"])
    with pytest.raises(TypeError, match="runs must be a dict"):
        plot_histories([{"loss": [1.0]}])
    with pytest.raises(ValueError, match="runs is empty"):
        plot_histories({})


def probe_rows(rng):
    """Two schemes x three layers of values, like lesson 11's probes."""
    return {
        scheme: {f"relu, layer {l}": scale * rng.standard_normal((5, 40)) for l in (1, 8, 15)}
        for scheme, scale in (("too small", 0.01), ("He", 1.0))
    }


def test_histogram_grid_rows_columns_labels_and_data():
    rows = probe_rows(np.random.default_rng(0))
    fig = plot_histogram_grid(rows, xlabel="activation value", title="Activations", bins=12)
    assert isinstance(fig, Figure) and fig._suptitle.get_text() == "Activations"
    assert len(fig.axes) == 6
    top, bottom = fig.axes[:3], fig.axes[3:]
    assert [ax.get_subplotspec().rowspan.start for ax in fig.axes] == [0, 0, 0, 1, 1, 1]
    assert [ax.get_ylabel() for ax in fig.axes] == ["too small", "", "", "He", "", ""]
    assert [ax.get_xlabel() for ax in top] == ["", "", ""]
    assert [ax.get_xlabel() for ax in bottom] == ["activation value"] * 3
    values = rows["He"]["relu, layer 8"]
    assert bottom[1].get_title() == f"relu, layer 8\nstd {values.std():.1e}"
    assert all(len(ax.patches) == 12 and not ax.get_yticks().size for ax in fig.axes)
    heights = [patch.get_height() for patch in bottom[1].patches]
    np.testing.assert_array_equal(heights, np.histogram(values, bins=12)[0])  # every value, counted once
    assert len({ax.patches[0].get_facecolor() for ax in fig.axes}) == 1  # one shared style


def test_histogram_grid_leaves_out_and_counts_non_finite_values():
    fig = plot_histogram_grid({"diverged": {"A1": [1.0, 3.0, np.nan], "A2": [np.inf, np.nan]}}, bins=4)
    first, second = fig.axes
    assert first.get_title() == "A1\nstd 1.0e+00, 1 non-finite left out"
    assert sum(patch.get_height() for patch in first.patches) == 2
    assert second.get_title() == "A2, 2 non-finite left out" and not second.patches
    assert [text.get_text() for text in second.texts] == ["no finite values"]


def test_histogram_grid_draws_into_given_axes():
    fig, axes = plt.subplots(2, 3)
    assert plot_histogram_grid(probe_rows(np.random.default_rng(1)), axes=axes) is fig
    assert all(ax.patches for ax in axes.ravel())
    with pytest.raises(ValueError, match="axes must hold 6 Axes"):
        plot_histogram_grid(probe_rows(np.random.default_rng(1)), axes=axes[0])


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
        (
            lambda: plot_decision_boundary(right_half, np.ones((3, 4)), np.ones((1, 4), int)),
            ValueError,
            r"X must have shape \(2, m\), got \(3, 4\)",
        ),
        (
            lambda: plot_decision_boundary(lambda P: None, np.ones((2, 4)), np.ones((1, 4), int)),
            TypeError,
            "predict returned None: did you forget `return`?",
        ),
        (
            lambda: plot_decision_boundary(right_half, np.ones((2, 4)), np.ones((1, 3), int)),
            ValueError,
            r"Y must hold one label per column of X \(m=4\)",
        ),
        (lambda: plot_history([1, 2]), TypeError, "history must be a History"),
        (lambda: plot_history({"loss": [1.0, 2.0], "val_loss": [1.0]}), ValueError, "one value per epoch"),
        (lambda: plot_digits(np.ones((5, 64))), ValueError, r"X must have shape \(64, m\).*transposed\? pass X.T"),
        (lambda: plot_confusion_matrix(np.ones((2, 3))), ValueError, r"cm must have shape \(K=2, K=2\), got \(2, 3\)"),
        (lambda: plot_histogram_grid([np.ones(3)]), TypeError, "rows must be a dict like .*, got list"),
        (lambda: plot_histogram_grid({}), ValueError, "rows is empty"),
        (lambda: plot_histogram_grid({"He": np.ones(3)}), TypeError, "every row must be a dict"),
        (
            lambda: plot_histogram_grid({"a": {"x": [1.0]}, "b": {}}),
            ValueError,
            r"every row must hold the same number of arrays \(at least one\), got \[1, 0\]",
        ),
        (lambda: plot_histogram_grid({"a": {"x": [1.0]}}, bins=0), ValueError, "bins must be > 0"),
        (lambda: plot_loss_curve([]), ValueError, "costs must be a non-empty list"),
    ],
)
def test_bad_arguments_get_clear_errors(call, error, message):
    with pytest.raises(error, match=message):
        call()


def _filled_contours(ax):
    (filled,) = [c for c in ax.collections if isinstance(c, ContourSet) and c.filled]
    return filled


def _region_color(ax, point):
    """The fill colour of the contour band containing ``point`` (data coordinates)."""
    filled = _filled_contours(ax)
    bands = [i for i, path in enumerate(filled.get_paths()) if path.contains_point(point)]
    assert len(bands) == 1, bands
    return tuple(filled.get_facecolor()[bands[0]][:3])


def test_decision_boundary_bands_match_predict_at_grid_points():
    X = np.array([[-2.0, -1.0, 1.0, 2.0], [0.0, 1.0, -1.0, 0.5]])
    ax = plot_decision_boundary(right_half, X, [0, 0, 1, 1], resolution=60)
    colors = class_colors(2)
    for point in ((-1.7, 0.8), (-0.5, -1.2), (0.6, 1.1), (2.2, -1.0)):
        k = int(right_half(np.array(point).reshape(2, 1))[0, 0])
        np.testing.assert_allclose(_region_color(ax, point), colors[k])
    assert ax.get_title() == "Decision boundary"
    assert len([c for c in ax.collections if isinstance(c, PathCollection)]) == 2  # one scatter per class


def test_decision_boundary_multiclass_scores_and_probabilities():
    centers = np.array([[0.0, 3.0, 1.5], [0.0, 0.0, 2.5]])  # (2, 3)

    def nearest_center_scores(P):  # (3, k): minus squared distance to each center
        return -((P[:, None, :] - centers[:, :, None]) ** 2).sum(axis=0)

    ax = plot_decision_boundary(nearest_center_scores, centers, [0, 1, 2], resolution=80, title="Blobs")
    assert ax.get_title() == "Blobs"
    colors = class_colors(3)
    for k in range(3):
        np.testing.assert_allclose(_region_color(ax, tuple(centers[:, k])), colors[k])
    # probabilities of class 1, shape (k,): thresholded at 0.5
    ax = plot_decision_boundary(lambda P: 1 / (1 + np.exp(-4 * P[1])), centers[:, :2], [0, 1], resolution=40)
    np.testing.assert_allclose(_region_color(ax, (1.0, 0.3)), class_colors(2)[1])
    np.testing.assert_allclose(_region_color(ax, (1.0, -0.3)), class_colors(2)[0])


def test_decision_boundary_draws_into_the_given_axes():
    fig, ax = plt.subplots()
    X = np.array([[-1.0, 1.0], [0.0, 0.0]])
    assert plot_decision_boundary(right_half, X, [[0, 1]], ax=ax, resolution=10) is ax


def test_decision_boundary_covers_the_points_it_is_given_too():
    fig, ax = plt.subplots()
    X = np.array([[-1.0, 1.0], [0.0, 0.0]])
    plot_decision_boundary(right_half, X, [[0, 1]], ax=ax, resolution=10, padding=0.5, cover=[[0.0], [-3.0]])
    assert ax.collections[0].get_datalim(ax.transData).y0 == pytest.approx(-3.5)
    with pytest.raises(ValueError, match="cover"):
        plot_decision_boundary(right_half, X, [[0, 1]], cover=np.zeros((3, 2)))


def test_decision_boundary_refuses_a_wrongly_shaped_prediction():
    X = np.array([[-1.0, 1.0], [0.0, 0.0]])
    with pytest.raises(
        ValueError,
        match=r"predict must return one value per column of its input: "
        r"shape \(1, 100\) or \(100,\), got \(100, 1\)",
    ):
        plot_decision_boundary(lambda P: (P[0] > 0).reshape(-1, 1), X, [0, 1], resolution=10)
    with pytest.raises(TypeError, match="predict must be a function"):
        plot_decision_boundary(np.ones(3), X, [0, 1])


def test_history_without_validation_or_best_epoch():
    history = History()
    for epoch in range(1, 4):
        history.record(epoch, {"loss": 1.0 / epoch, "accuracy": 0.3 * epoch})
    fig = plot_history(history, metrics=["accuracy", "loss"])
    accuracy_ax, loss_ax = fig.axes
    assert accuracy_ax.get_title() == "Accuracy" and len(accuracy_ax.lines) == 1
    assert [t.get_text() for t in loss_ax.get_legend().get_texts()] == ["train"]
    np.testing.assert_array_equal(loss_ax.lines[0].get_xdata(), [1, 2, 3])
    with pytest.raises(ValueError, match="no values yet"):
        plot_history(History())
    with pytest.raises(ValueError, match="axes must hold 2 Axes"):
        plot_history(history, axes=plt.subplots(1, 3)[1])


def test_confusion_matrix_layout_colorbar_and_normalised_empty_row():
    ax = plot_confusion_matrix(np.array([[2, 0, 1], [0, 0, 0], [1, 0, 3]]), normalize=True)
    assert len(ax.figure.axes) == 2  # the matrix and its colorbar
    assert [t.get_text() for t in ax.texts[3:6]] == ["0.00", "0.00", "0.00"]  # no examples: stays 0
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0", "1", "2"]
    assert ax.get_title() == "Confusion matrix (rows sum to 1)"
    with pytest.raises(ValueError, match="class_names must hold K=3 names, got 2"):
        plot_confusion_matrix(np.eye(3), class_names=["a", "b"])
    with pytest.raises(ValueError, match="counts >= 0"):
        plot_confusion_matrix(-np.eye(2))


def test_digits_with_labels_only_and_defaults():
    X = np.random.default_rng(1).random((64, 25))
    fig = plot_digits(X, labels=np.arange(25) % 10)
    shown = [ax for ax in fig.axes if ax.images]
    assert len(shown) == 20  # the first 20 by default
    assert [ax.get_title() for ax in shown[:3]] == ["0", "1", "2"]
    assert not any(ax.axison for ax in fig.axes)
    assert shown[0].images[0].get_array().shape == (8, 8)
    fig = plot_digits(X[:16], n=3, shape=(4, 4))
    assert [ax.get_title() for ax in fig.axes if ax.images] == ["", "", ""]
    with pytest.raises(ValueError, match="n=30 but X has only m=25 images"):
        plot_digits(X, n=30)
    with pytest.raises(ValueError, match=r"predictions must hold one label per column of X \(m=25\)"):
        plot_digits(X, predictions=[1, 2])


def test_loss_curve_defaults_and_bad_input():
    ax = plot_loss_curve(np.linspace(1, 0.1, 50))
    assert isinstance(ax, Axes) and ax.get_title() == "Cost during training"
    np.testing.assert_array_equal(ax.lines[0].get_xdata(), np.arange(50))
    with pytest.raises(ValueError, match=r"got shape \(2, 2\)"):
        plot_loss_curve(np.ones((2, 2)))
    with pytest.raises(TypeError, match="every must be an integer"):
        plot_loss_curve([1.0], every=0.5)


def test_nothing_calls_show(monkeypatch):
    def refuse():
        raise AssertionError("plt.show() called inside nnlib.visual.plotting")

    monkeypatch.setattr(plt, "show", refuse)
    X = np.array([[-1.0, 1.0], [0.0, 0.0]])
    plot_decision_boundary(right_half, X, [0, 1], resolution=10)
    plot_history({"loss": [1.0, 0.5]})
    plot_histories({"run": {"loss": [1.0, 0.5]}})
    plot_histogram_grid({"He": {"A1": np.ones(3)}})
    plot_confusion_matrix(np.eye(2))
    plot_digits(np.ones((64, 2)))
    plot_loss_curve([1.0])


def test_plot_gradient_check_draws_one_bar_per_pass_and_gradient_and_the_two_thresholds():
    errors = {"yours": [1e-9, 0.0, 2e-8], "without / m": [0.5, 0.4, 0.9]}
    ax = plot_gradient_check(errors, ["dW1", "db1", "dW2"], colors=["tab:green", "tab:red"])
    bars = ax.patches
    assert len(bars) == 6
    heights = [bar.get_height() for bar in bars]
    assert heights[:3] == [1e-9, 1e-12, 2e-8]  # an exact 0 is drawn at the axis' bottom
    assert heights[3:] == [0.5, 0.4, 0.9]
    assert bars[0].get_x() < bars[3].get_x() < bars[1].get_x()  # side by side, grouped per gradient
    assert [line.get_ydata()[0] for line in ax.get_lines()] == [1e-7, 1e-3]
    assert ax.get_yscale() == "log"
    assert [label.get_text() for label in ax.get_xticklabels()] == ["dW1", "db1", "dW2"]
    legend = [text.get_text() for text in ax.get_legend().get_texts()]
    assert legend == ["1e-7: correct below", "1e-3: a bug above", "yours", "without / m"]
    plt.close(ax.figure)


def test_plot_gradient_check_names_a_wrong_number_of_errors():
    with pytest.raises(ValueError, match=r"errors\['yours'\] must hold 2 values \(one per label\), got 3"):
        plot_gradient_check({"yours": [1, 2, 3]}, ["dW1", "db1"])
    with pytest.raises(TypeError, match="errors must be a dict like"):
        plot_gradient_check([], ["dW1"])
    with pytest.raises(ValueError, match="errors is empty: give at least one backward pass"):
        plot_gradient_check({}, ["dW1"])
