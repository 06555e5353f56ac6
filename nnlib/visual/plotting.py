"""The course's pictures: decision boundaries, training curves, histograms, digits.

Introduced in: part 1 (cost curve, decision boundary of the first network);
lesson 11 (histograms of activations and gradients per layer and scheme,
training curves of several runs); lessons 12-13 (training and validation
curves); the digits lessons (digit grids, confusion matrix).

Every function draws with matplotlib on a light background and returns what
it drew on: the ``Axes`` for a one-panel plot (which also accepts ``ax=`` to
draw into an existing panel), the ``Figure`` for a multi-panel one. Nothing
calls ``plt.show()``, so the functions work without a display (Agg) and a
notebook shows the figure once. Arrays follow the course layout: examples are
columns, ``X`` has shape ``(n_x, m)``, labels ``Y`` shape ``(1, m)`` or
``(m,)``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from nnlib._validation import as_float_array, as_labels, check_choice, check_positive, check_shape
from nnlib.labels import output_to_labels

__all__ = [
    "plot_decision_boundary",
    "boundary_grid",
    "plot_history",
    "plot_histories",
    "plot_histogram_grid",
    "plot_confusion_matrix",
    "plot_digits",
    "plot_loss_curve",
    "plot_gradient_check",
    "class_colors",
]

TRAIN_COLOR = "#1f77b4"  # blue
VALIDATION_COLOR = "#ff7f0e"  # orange
BEST_EPOCH_COLOR = "0.35"  # dark grey
HISTOGRAM_COLOR = "tab:blue"
GRID_DPI = 80  # a grid of many small panels: a lighter picture in the notebook
WRONG_COLOR = "#d62728"  # red
FEW_POINTS = 30  # draw markers on curves with at most this many points
HISTORY_PANEL = (4.6, 3.4)  # inches, one panel of training curves


def class_colors(n_classes: int) -> list[tuple[float, float, float]]:
    """One distinct colour per class: tab10, or tab20 beyond 10 classes (then cycling)."""
    palette = plt.get_cmap("tab10" if n_classes <= 10 else "tab20").colors
    return [palette[k % len(palette)] for k in range(n_classes)]


def _check_filled_dict(value, name: str, example: str, entry: str) -> None:
    """A ``TypeError`` unless ``value`` is a dict (shaped like ``example``), a ``ValueError`` when it is empty."""
    if not isinstance(value, Mapping):
        raise TypeError(f"{name} must be a dict like {example}, got {type(value).__name__}")
    if not value:
        raise ValueError(f"{name} is empty: give at least one {entry}")


def _one_axes(ax, figsize: tuple[float, float]) -> Axes:
    """``ax`` itself, or the single Axes of a new figure of ``figsize`` inches."""
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
        return ax
    if not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes or None, got {type(ax).__name__}")
    return ax


def _panels(n: int, axes, n_cols: int, panel_size: tuple[float, float], dpi: float | None = None):
    """``(figure, list of n Axes)``: the given ``axes``, or a new grid of ``n_cols`` columns."""
    if axes is None:
        n_cols = min(n, n_cols)
        n_rows = math.ceil(n / n_cols)
        width, height = panel_size
        fig, grid = plt.subplots(
            n_rows,
            n_cols,
            figsize=(width * n_cols, height * n_rows),
            layout="constrained",
            squeeze=False,
            dpi=dpi,
        )
        flat = list(grid.ravel())
        for unused in flat[n:]:
            unused.set_axis_off()
        return fig, flat[:n]
    flat = list(np.ravel(np.asarray(axes, dtype=object)))
    if not all(isinstance(ax, Axes) for ax in flat):
        raise TypeError("axes must be a sequence of matplotlib Axes or None")
    if len(flat) != n:
        raise ValueError(f"axes must hold {n} Axes (one per panel), got {len(flat)}")
    return flat[0].figure, flat


def _axis_range(values: np.ndarray, padding: float, resolution: int) -> np.ndarray:
    """``resolution`` points from ``min - padding`` to ``max + padding`` (never empty)."""
    low, high = values.min() - padding, values.max() + padding
    if high - low <= 0:
        low, high = low - 0.5, high + 0.5
    return np.linspace(low, high, resolution)


def _predicted_classes(output, k: int) -> np.ndarray:
    """Turn ``predict``'s output on ``k`` points into int class labels of shape (k,).

    Accepts labels or class-1 probabilities of shape (1, k) or (k,) (thresholded
    at 0.5), or class scores of shape (K, k) (arg-maxed over the rows).
    """
    if output is None:
        raise TypeError("predict returned None: did you forget `return`?")
    output = np.asarray(output)
    if output.dtype.kind not in "biuf":
        raise TypeError(f"predict must return numbers, got an array of dtype {output.dtype}")
    if output.ndim == 2 and output.shape[0] > 1 and output.shape[1] == k:
        return output_to_labels(output, "softmax")[0]
    if output.shape not in ((k,), (1, k)):
        raise ValueError(
            f"predict must return one value per column of its input: shape (1, {k}) or ({k},), got {output.shape}"
        )
    output = output.reshape(-1)
    is_probability = output.dtype.kind == "f" and np.all((output >= 0) & (output <= 1))
    if is_probability and np.any(output != np.round(output)):
        return output_to_labels(output, "sigmoid")
    return as_labels(output, "predict's output")


def boundary_grid(X: np.ndarray, padding: float = 0.5, resolution: int = 200):
    """The grid of points a decision boundary is drawn on: the range of ``X`` plus ``padding``.

    Parameters
    ----------
    X : float array of shape (2, m), the data points, one per column
    padding : float >= 0, margin around the data, in data units
    resolution : int > 0, grid points per axis

    Returns
    -------
    G1, G2 : arrays of shape (resolution, resolution), the grid's coordinates (``np.meshgrid``)
    grid : array of shape (2, resolution**2), the same points as columns, row by row of the grid
    """
    G1, G2 = np.meshgrid(_axis_range(X[0], padding, resolution), _axis_range(X[1], padding, resolution))
    return G1, G2, np.vstack([G1.ravel(), G2.ravel()])


def plot_decision_boundary(
    predict, X, Y, ax=None, resolution: int = 200, padding: float = 0.5, title: str | None = None, cover=None
) -> Axes:
    """Colour the plane by the class ``predict`` gives it, and draw the data on top.

    ``predict`` is evaluated on a ``resolution x resolution`` grid covering
    the range of ``X`` plus ``padding`` on every side; regions are filled
    with a light version of each class's colour, points use the full colour.

    Parameters
    ----------
    predict : callable
        ``predict(P)`` with ``P`` of shape (2, k), one point per column,
        returns class labels of shape (1, k) or (k,); probabilities of
        class 1 (thresholded at 0.5) or class scores of shape (K, k)
        (arg-maxed) also work.
    X : array of shape (2, m), the points, one per column
    Y : int array of shape (1, m) or (m,), their class labels
    ax : matplotlib Axes, optional; a new figure when None
    resolution : int, grid points per axis
    padding : float, margin around the data, in data units
    title : str, optional; "Decision boundary" by default
    cover : array of shape (2, k), optional: more points the coloured plane must
        reach (e.g. validation points drawn on top afterwards); not drawn

    Returns
    -------
    ax : the Axes drawn on
    """
    if not callable(predict):
        raise TypeError(f"predict must be a function of X, got {type(predict).__name__}")
    X = as_float_array(X, "X")
    m = check_shape(X, "X", (2, "m"))["m"]
    labels = as_labels(Y, "Y")
    if labels.size != m:
        raise ValueError(f"Y must hold one label per column of X (m={m}), got shape {np.shape(Y)}")
    check_positive(resolution, "resolution", integer=True)
    check_positive(padding, "padding", allow_zero=True)

    extent = X
    if cover is not None:
        cover = as_float_array(cover, "cover")
        check_shape(cover, "cover", (2, "k"))
        extent = np.concatenate([X, cover], axis=1)
    G1, G2, grid = boundary_grid(extent, padding, resolution)
    regions = _predicted_classes(predict(grid), grid.shape[1]).reshape(G1.shape)

    n_classes = max(2, 1 + int(max(labels.max(), regions.max())))
    colors = class_colors(n_classes)
    ax = _one_axes(ax, (5.5, 4.5))
    levels = np.arange(n_classes + 1) - 0.5  # class k fills the band (k - 0.5, k + 0.5)
    ax.contourf(G1, G2, regions, levels=levels, colors=colors, alpha=0.3)
    if np.unique(regions).size > 1:
        ax.contour(G1, G2, regions, levels=levels[1:-1], colors="0.3", linewidths=0.8)
    for k in np.unique(labels):
        ax.scatter(
            X[0, labels == k],
            X[1, labels == k],
            s=22,
            color=colors[k],
            edgecolors="black",
            linewidths=0.4,
            label=f"class {k}",
        )
    ax.set(xlabel="$x_1$", ylabel="$x_2$", title=title or "Decision boundary")
    ax.legend(loc="best", framealpha=0.9)
    return ax


def _history_series(history) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """``(epochs, {name: values})`` from a History or a dict of lists, all checked."""
    if isinstance(history, Mapping):
        metrics, epochs = history, None
    elif isinstance(getattr(history, "metrics", None), Mapping):
        metrics, epochs = history.metrics, getattr(history, "epochs", None)
    else:
        raise TypeError(
            "history must be a History (with .epochs and .metrics) or a dict of lists "
            f"like {{'loss': [...], 'val_loss': [...]}}, got {type(history).__name__}"
        )
    series = {name: as_float_array(values, f"history[{name!r}]").reshape(-1) for name, values in metrics.items()}
    if not series or all(values.size == 0 for values in series.values()):
        raise ValueError("history holds no values yet: train for at least one epoch first")
    if epochs is None:
        epochs = np.arange(1, len(next(iter(series.values()))) + 1)
    epochs = np.asarray(epochs)
    for name, values in series.items():
        if values.size != epochs.size:
            raise ValueError(
                f"history[{name!r}] has {values.size} values but there are "
                f"{epochs.size} epochs: every metric needs one value per epoch"
            )
    return epochs, series


def plot_history(history, metrics=None, axes=None) -> Figure:
    """Training curves: one panel per metric, train and validation together.

    A metric "x" is drawn from ``history["x"]`` (train) and ``history["val_x"]``
    (validation, when recorded); "loss" comes first. When ``history`` has a
    ``best_epoch`` (e.g. from early stopping) it is marked by a dashed line.

    Parameters
    ----------
    history : History or dict of lists
        A History with ``.epochs`` (list of 1-based epoch numbers),
        ``.metrics`` (dict name -> list of floats, one per epoch) and
        optionally ``.best_epoch``; or a plain dict of lists (epochs 1..n).
    metrics : str or list of str, optional
        The metrics to show, without "val_" (e.g. ["loss"]); all by default.
    axes : sequence of matplotlib Axes, optional
        One Axes per shown metric; a new figure when None.

    Returns
    -------
    fig : the Figure drawn on
    """
    epochs, series = _history_series(history)
    families = []
    for name in series:
        family = name.removeprefix("val_")
        if family not in families:
            families.append(family)
    families.sort(key=lambda family: family != "loss")  # stable: loss first
    if metrics is not None:
        metrics = [metrics] if isinstance(metrics, str) else list(metrics)
        families = [check_choice(name, "metric", families) for name in metrics]
    best_epoch = getattr(history, "best_epoch", None)

    fig, panels = _panels(len(families), axes, n_cols=3, panel_size=HISTORY_PANEL)
    for ax, family in zip(panels, families):
        for name, label, color in ((family, "train", TRAIN_COLOR), (f"val_{family}", "validation", VALIDATION_COLOR)):
            if name in series:
                _epoch_curve(ax, epochs, series[name], label=label, color=color)
        if best_epoch is not None:
            ax.axvline(best_epoch, color=BEST_EPOCH_COLOR, linestyle="--", linewidth=1, label="best epoch")
        ax.set(ylabel=family, title=family.replace("_", " ").capitalize())
        ax.legend(framealpha=0.9)
    return fig


def plot_histories(runs, metrics="loss", axes=None) -> Figure:
    """Several training runs compared: one panel per metric, one curve per run.

    Each run keeps its colour in every panel, so one legend (in the first
    panel) names them all. A metric "val_x" is labelled "validation x", any
    other "training x".

    Parameters
    ----------
    runs : dict name -> History or dict of lists
        One entry per run, each read as :func:`plot_history` reads it,
        e.g. ``{"Xavier": history_xavier, "He": history_he}``; runs may have
        different numbers of epochs.
    metrics : str or list of str
        The recorded names to draw, e.g. "loss", ["loss", "accuracy"] or "val_loss".
    axes : sequence of matplotlib Axes, optional
        One Axes per metric; a new figure when None.

    Returns
    -------
    fig : the Figure drawn on

    Introduced in: lesson 11 (training curves by initialization scheme).
    """
    _check_filled_dict(runs, "runs", "{'He': history, 'Xavier': history}", "run to draw")
    metrics = [metrics] if isinstance(metrics, str) else list(metrics)
    series = {name: _history_series(history) for name, history in runs.items()}
    for name, (_, recorded) in series.items():
        for metric in metrics:
            check_choice(metric, f"metric of run {name!r}", list(recorded))

    fig, panels = _panels(len(metrics), axes, n_cols=3, panel_size=HISTORY_PANEL)
    for ax, metric in zip(panels, metrics):
        for name, (epochs, recorded) in series.items():
            _epoch_curve(ax, epochs, recorded[metric], label=str(name))
        split = "validation" if metric.startswith("val_") else "training"
        ax.set_ylabel(f"{split} {metric.removeprefix('val_').replace('_', ' ')}")
    panels[0].legend(framealpha=0.9)
    return fig


def _epoch_curve(ax: Axes, epochs: np.ndarray, values: np.ndarray, label: str, color=None) -> None:
    """One metric against the epoch number: markers on short curves, whole epochs on the x axis."""
    marker = "o" if epochs.size <= FEW_POINTS else None
    ax.plot(epochs, values, color=color, marker=marker, markersize=3, linewidth=1.6, label=label)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(alpha=0.3)
    ax.set_xlabel("epoch")


def plot_histogram_grid(rows, xlabel: str = "value", title: str | None = None, bins: int = 30, axes=None) -> Figure:
    """A grid of histograms: one row per entry of ``rows``, one column per array in a row.

    Each panel is titled by its column label and the standard deviation of
    its values; the row label sits on the left of the row. Bar heights are
    counts (no y ticks: the shapes are compared, not the counts). Non-finite
    values (a diverging network) are left out and counted in the title.

    Parameters
    ----------
    rows : dict row label -> dict column label -> array of any shape
        Every row with the same number of arrays, e.g. one row per
        initialization scheme: ``{"He": {"layer 1": A1, "layer 8": A8}, ...}``.
    xlabel : str, what the values are, written under the bottom row
    title : str, optional; the figure's title
    bins : int, bars per histogram
    axes : array of matplotlib Axes, optional; one per panel, row by row
        (e.g. of shape (n_rows, n_cols)); a new figure when None

    Returns
    -------
    fig : the Figure drawn on

    Introduced in: lesson 11 (activations and gradients across depth).
    """
    _check_filled_dict(rows, "rows", "{'He': {'layer 1': A1}}", "row of arrays to draw")
    if not all(isinstance(row, Mapping) for row in rows.values()):
        raise TypeError("every row must be a dict column label -> array, like {'layer 1': A1}")
    lengths = [len(row) for row in rows.values()]
    n_cols = lengths[0]
    if n_cols == 0 or lengths.count(n_cols) != len(lengths):
        raise ValueError(f"every row must hold the same number of arrays (at least one), got {lengths}")
    check_positive(bins, "bins", integer=True)

    fig, panels = _panels(len(rows) * n_cols, axes, n_cols=n_cols, panel_size=(2.0, 1.8), dpi=GRID_DPI)
    cells = ((row_label, column, array) for row_label, row in rows.items() for column, array in row.items())
    for index, (ax, (row_label, column, array)) in enumerate(zip(panels, cells)):
        values = as_float_array(array, f"rows[{row_label!r}][{column!r}]").reshape(-1)
        finite = values[np.isfinite(values)]
        heading = str(column)
        if finite.size:
            ax.hist(finite, bins=bins, color=HISTOGRAM_COLOR)
            heading += f"\nstd {float(finite.std()):.1e}"
        else:
            ax.text(0.5, 0.5, "no finite values", transform=ax.transAxes, ha="center", va="center", color=WRONG_COLOR)
        if finite.size < values.size:
            heading += f", {values.size - finite.size} non-finite left out"
        ax.set_title(heading, fontsize=9)
        ax.set_yticks([])
        ax.tick_params(labelsize=7)
        if index % n_cols == 0:
            ax.set_ylabel(str(row_label))
        if index >= len(panels) - n_cols:
            ax.set_xlabel(xlabel)
    if title:
        fig.suptitle(title)
    return fig


def _text_color(rgba) -> str:
    """Black or white, whichever reads better on a background of colour ``rgba``."""
    red, green, blue = rgba[:3]
    return "black" if 0.2126 * red + 0.7152 * green + 0.0722 * blue > 0.5 else "white"


def plot_confusion_matrix(cm, class_names=None, normalize: bool = False, ax=None) -> Axes:
    """Draw a confusion matrix as a heat map with its numbers in the cells.

    Parameters
    ----------
    cm : array of shape (K, K)
        Counts, rows = true class, columns = predicted class, as returned
        by :func:`nnlib.metrics.confusion_matrix`.
    class_names : sequence of K str, optional; "0", "1", ... by default
    normalize : bool
        Show each row as fractions of its true class (rows sum to 1; a row
        without examples stays 0) instead of counts.
    ax : matplotlib Axes, optional; a new figure when None

    Returns
    -------
    ax : the Axes drawn on (a colorbar is added next to it)
    """
    C = as_float_array(cm, "cm")
    n_classes = check_shape(C, "cm", ("K", "K"))["K"]
    if not np.all(np.isfinite(C)) or np.any(C < 0):
        raise ValueError("cm must hold counts >= 0 (finite numbers)")
    names = [str(k) for k in range(n_classes)] if class_names is None else [str(n) for n in class_names]
    if len(names) != n_classes:
        raise ValueError(f"class_names must hold K={n_classes} names, got {len(names)}")
    if normalize:
        values = C / np.maximum(C.sum(axis=1, keepdims=True), 1)  # an empty row stays 0
        cell_format, vmax = "{:.2f}", 1.0
    else:
        values = C
        integral = np.all(C == np.round(C))
        cell_format, vmax = ("{:.0f}" if integral else "{:.3g}"), max(C.max(), 1.0)

    side = 2.0 + 0.4 * n_classes
    ax = _one_axes(ax, (side + 1.4, side))
    image = ax.imshow(values, cmap="Blues", vmin=0, vmax=vmax)
    fontsize = 10 if n_classes <= 10 else 7
    for i in range(n_classes):
        for j in range(n_classes):
            ax.text(
                j,
                i,
                cell_format.format(values[i, j]),
                ha="center",
                va="center",
                fontsize=fontsize,
                color=_text_color(image.cmap(image.norm(values[i, j]))),
            )
    rotate = 45 if max(len(name) for name in names) * n_classes > 30 else 0
    ax.set_xticks(range(n_classes), labels=names, rotation=rotate, ha="right" if rotate else "center")
    ax.set_yticks(range(n_classes), labels=names)
    ax.set(xlabel="predicted", ylabel="true", title="Confusion matrix" + (" (rows sum to 1)" if normalize else ""))
    ax.figure.colorbar(image, ax=ax, label="fraction" if normalize else "count", shrink=0.85)
    return ax


def plot_digits(
    X, labels=None, predictions=None, n: int | None = None, n_cols: int = 10, shape: tuple[int, int] = (8, 8)
) -> Figure:
    """A grid of small images, one per column of ``X``, titled by their labels.

    With ``predictions`` and ``labels`` each title reads "predicted/true",
    wrong predictions in red.

    Parameters
    ----------
    X : array of shape (h * w, m), one flattened (row by row) image per column
    labels : int array of shape (1, m) or (m,), optional; the true classes
    predictions : int array of shape (1, m) or (m,), optional; the predicted classes
    n : int, optional; how many images, from the first; min(m, 20) by default
    n_cols : int, images per row
    shape : (h, w), the image size; (8, 8) for the course's digits

    Returns
    -------
    fig : the Figure drawn on
    """
    if (
        not isinstance(shape, tuple)
        or len(shape) != 2
        or not all(isinstance(s, (int, np.integer)) and s > 0 for s in shape)
    ):
        raise ValueError(f"shape must be a pair of positive ints (h, w), got {shape!r}")
    X = as_float_array(X, "X")
    pixels = shape[0] * shape[1]
    if X.ndim == 2 and X.shape[0] != pixels and X.shape[1] == pixels:
        raise ValueError(
            f"X must have shape ({pixels}, m), one image per column, got {X.shape}: "
            "transposed? pass X.T (examples are columns)"
        )
    m = check_shape(X, "X", (pixels, "m"))["m"]
    n = min(m, 20) if n is None else check_positive(n, "n", integer=True)
    if n > m:
        raise ValueError(f"n={n} but X has only m={m} images")
    check_positive(n_cols, "n_cols", integer=True)
    given = {}
    for name, value in (("labels", labels), ("predictions", predictions)):
        if value is not None:
            given[name] = as_labels(value, name)
            if given[name].size != m:
                raise ValueError(f"{name} must hold one label per column of X (m={m}), got shape {np.shape(value)}")
    true, predicted = given.get("labels"), given.get("predictions")

    fig, panels = _panels(n, None, n_cols=n_cols, panel_size=(0.85, 1.0))
    shown = X[:, :n]
    for i, ax in enumerate(panels):
        ax.imshow(
            shown[:, i].reshape(shape), cmap="gray_r", vmin=shown.min(), vmax=shown.max(), interpolation="nearest"
        )
        ax.set_axis_off()
        if true is not None and predicted is not None:
            wrong = predicted[i] != true[i]
            ax.set_title(
                f"{predicted[i]}/{true[i]}",
                fontsize=9,
                color=WRONG_COLOR if wrong else "black",
                fontweight="bold" if wrong else "normal",
            )
        elif true is not None or predicted is not None:
            ax.set_title(str((true if predicted is None else predicted)[i]), fontsize=9)
    if true is not None and predicted is not None:
        n_wrong = int(np.sum(predicted[:n] != true[:n]))
        fig.suptitle(f"predicted/true: {n_wrong} of {n} wrong (red)", fontsize=10)
    return fig


def plot_loss_curve(costs, ax=None, every: int = 1, title: str | None = None) -> Axes:
    """The cost against the iteration number, for a simple training loop.

    Parameters
    ----------
    costs : list of float of length n, recorded every ``every`` iterations
        (``costs[i]`` was recorded at iteration ``i * every``)
    ax : matplotlib Axes, optional; a new figure when None
    every : int, iterations between two recorded costs
    title : str, optional; "Cost during training" by default

    Returns
    -------
    ax : the Axes drawn on
    """
    costs = as_float_array(costs, "costs")
    if costs.ndim != 1 or costs.size == 0:
        raise ValueError(f"costs must be a non-empty list of floats, got shape {costs.shape}")
    check_positive(every, "every", integer=True)
    ax = _one_axes(ax, (5.0, 3.5))
    ax.plot(
        np.arange(costs.size) * every,
        costs,
        color=TRAIN_COLOR,
        linewidth=1.6,
        marker="o" if costs.size <= FEW_POINTS else None,
        markersize=3,
    )
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(alpha=0.3)
    ax.set(xlabel="iteration", ylabel="cost", title=title or "Cost during training")
    return ax


GRADIENT_CORRECT = 1e-7  # a relative error below this: the backward pass is right
GRADIENT_BUG = 1e-3  # above this: a bug
SMALLEST_ERROR = 1e-12  # where an exact 0 is drawn on the log axis


def plot_gradient_check(
    errors, labels, colors=None, ylim=(SMALLEST_ERROR, 1e1), legend_below: bool = False, ax=None
) -> Axes:
    """Gradient checks of several backward passes side by side: relative errors on a log axis.

    Introduced in: lesson 05 (backpropagation); lesson 08 uses it per layer.

    Parameters
    ----------
    errors : dict name -> sequence of k floats, each backward pass's relative error (against finite
        differences) for each of the k gradients or layers
    labels : sequence of k str, the names under each group of bars ("dW1", "layer 2", ...)
    colors : sequence of colours, one per backward pass, optional
    ylim : (bottom, top) of the log axis; errors below the bottom (an exact 0) are drawn at it
    legend_below : bool, the legend under the axes instead of at their top
    ax : matplotlib Axes, optional; a new figure when None

    Returns
    -------
    ax : the Axes drawn on, with dashed lines at 1e-7 (correct below) and 1e-3 (a bug above)
    """
    _check_filled_dict(errors, "errors", "{'yours': [1e-9, 2e-9]}", "backward pass")
    labels = list(labels)
    for name, values in errors.items():
        if len(values) != len(labels):
            raise ValueError(f"errors[{name!r}] must hold {len(labels)} values (one per label), got {len(values)}")
    ax = _one_axes(ax, (9.0, 4.0))
    width = 0.78 / len(errors)
    positions = np.arange(len(labels))
    colors = colors or [None] * len(errors)
    for i, ((name, values), color) in enumerate(zip(errors.items(), colors)):
        heights = np.maximum(np.asarray(values, dtype=float), ylim[0])
        ax.bar(positions + (i - (len(errors) - 1) / 2) * width, heights, width, color=color, label=name)
    ax.axhline(GRADIENT_CORRECT, color="tab:green", ls="--", lw=1, label="1e-7: correct below")
    ax.axhline(GRADIENT_BUG, color="tab:red", ls="--", lw=1, label="1e-3: a bug above")
    ax.set_yscale("log")
    ax.set_ylim(*ylim)
    ax.set_xticks(positions, labels)
    ax.set_ylabel("relative error vs finite differences (log scale)")
    placement = {"loc": "upper center", "bbox_to_anchor": (0.5, -0.22)} if legend_below else {"loc": "upper center"}
    ax.legend(ncols=3, fontsize=9, **placement)
    return ax
