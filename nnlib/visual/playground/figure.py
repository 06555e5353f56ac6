"""The playground's pictures: the decision boundary with the data, the learning curves, the hidden units.

Introduced in: the playground appendix (90).

:class:`PlaygroundFigure` makes its artists once and then only changes their
data, so a frame costs one forward pass on the grid, one contour and one
render; :class:`UnitsFigure` draws what each hidden unit outputs over the
plane, one small picture per unit, as the TensorFlow Playground does.
Both draw a :class:`~nnlib.visual.playground.session.PlaygroundSession`.
"""

from __future__ import annotations

import math

import matplotlib
import numpy as np
from matplotlib.cm import ScalarMappable
from matplotlib.colors import LinearSegmentedColormap, Normalize, to_rgb
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from nnlib.visual.plotting import TRAIN_COLOR, VALIDATION_COLOR, boundary_grid, class_colors
from nnlib.visual.widgets import Blitter, new_figure

__all__ = ["GRID_RESOLUTION", "FIGURE_INCHES", "pixel_width", "probability_colormap", "PlaygroundFigure", "UnitsFigure"]

GRID_RESOLUTION = 60  # grid points per axis of the live boundary
UNIT_RESOLUTION = 30  # grid points per axis of each hidden unit's picture
UNIT_INCHES = 0.8  # side of one hidden unit's picture
EPOCH_AXIS_START = 16  # epochs on the curves' axis at first; it doubles when full
#: the main picture's size in inches: 624 x 288 px at the widgets' 80 dpi, the width of JupyterLab's output
#: area in a 1400 px window, so that it is shown at the size it is drawn (not shrunk, its titles unreadable)
FIGURE_INCHES = (7.8, 3.6)


def pixel_width(figure: Figure) -> int:
    """The width in pixels of ``figure``'s PNG: the width its picture widget shows it at, so it is never scaled."""
    return round(figure.get_figwidth() * figure.dpi)


def probability_colormap() -> LinearSegmentedColormap:
    """Light class-0 colour at P = 0, white at 0.5, light class-1 colour at 1 (as the points' colours)."""
    light = [0.45 * np.array(to_rgb(color)) + 0.55 for color in class_colors(2)]
    return LinearSegmentedColormap.from_list("nnlib_probability", [light[0], (1, 1, 1), light[1]])


def _extent(G1: np.ndarray, G2: np.ndarray) -> tuple[float, float, float, float]:
    return float(G1.min()), float(G1.max()), float(G2.min()), float(G2.max())


class PlaygroundFigure:
    """Three panels: P(class 1) over the plane with the points, the loss, and the accuracy.

    Only the image, the boundary, the points and the curves change from frame
    to frame (see :class:`~nnlib.visual.widgets.Blitter`); the axes are rendered
    again only when their limits grow (the epoch axis doubles when full).
    Numbers (epoch, losses) are not drawn: the user interface prints them.

    Parameters
    ----------
    figure : matplotlib Figure, optional; a new off-screen one (``FIGURE_INCHES``) when None

    Attributes
    ----------
    figure : the Figure drawn on
    boundary_ax, loss_ax, accuracy_ax : its Axes
    image : the AxesImage of P(class 1) on the grid
    contour : the ContourSet of the boundary P = 0.5, or None when the network predicts one class everywhere
    curves : dict history name -> Line2D
    """

    def __init__(self, figure: Figure | None = None):
        self.figure = figure if figure is not None else new_figure(FIGURE_INCHES)
        self.blitter = Blitter(self.figure)
        grid = self.figure.add_gridspec(2, 2, width_ratios=(1.15, 1))
        self.boundary_ax = self.figure.add_subplot(grid[:, 0])
        self.loss_ax = self.figure.add_subplot(grid[0, 1])
        self.accuracy_ax = self.figure.add_subplot(grid[1, 1], sharex=self.loss_ax)
        self._data_id = None
        self.contour = None
        self.image = None
        self.points = []
        self.curves = {}
        for ax, family in ((self.loss_ax, "loss"), (self.accuracy_ax, "accuracy")):
            for prefix, label, color in (("", "train", TRAIN_COLOR), ("val_", "validation", VALIDATION_COLOR)):
                (line,) = ax.plot([], [], color=color, linewidth=1.6, label=label, animated=True)
                self.curves[prefix + family] = line
            ax.grid(alpha=0.3)
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        self.loss_ax.set(ylabel="loss", xlim=(0, EPOCH_AXIS_START), ylim=(0, 1))
        self.loss_ax.tick_params(labelbottom=False)
        self.loss_ax.set_title("loss (cross-entropy)", fontsize=9)
        self.accuracy_ax.set(xlabel="epoch", ylabel="accuracy", ylim=(0.4, 1.01))
        self.accuracy_ax.set_title("accuracy", fontsize=9)
        self.loss_ax.legend(loc="upper right", fontsize=8)
        # the shading carries a value, P(class 1): its scale, drawn once (it never changes)
        scale = ScalarMappable(norm=Normalize(0, 1), cmap=probability_colormap())
        colorbar = self.figure.colorbar(scale, ax=self.boundary_ax, fraction=0.05, pad=0.02, ticks=[0, 0.5, 1])
        colorbar.set_label("P(class 1)", fontsize=8)
        colorbar.ax.tick_params(labelsize=8)

    def _set_data(self, session) -> None:
        """Points, grid and image for a new data set (done once per data set)."""
        ax = self.boundary_ax
        ax.clear()
        X_all = np.hstack([session.X_train, session.X_val])
        self.G1, self.G2, self.grid = boundary_grid(X_all, padding=0.3, resolution=GRID_RESOLUTION)
        self.image = ax.imshow(
            np.full(self.G1.shape, 0.5),
            extent=_extent(self.G1, self.G2),
            origin="lower",
            cmap=probability_colormap(),
            vmin=0,
            vmax=1,
            interpolation="bilinear",
            aspect="auto",
            animated=True,
        )
        colors = class_colors(2)
        self.points = []
        for X, Y, marker, edge in (
            (session.X_train, session.Y_train, "o", "white"),
            (session.X_val, session.Y_val, "D", "black"),
        ):
            labels = Y.reshape(-1).astype(int)
            self.points.append(
                ax.scatter(
                    X[0],
                    X[1],
                    s=14,
                    marker=marker,
                    c=[colors[k] for k in labels],
                    edgecolors=edge,
                    linewidths=0.5,
                    animated=True,
                )
            )
        ax.set(xlabel="$x_1$", ylabel="$x_2$", xlim=self.image.get_extent()[:2], ylim=self.image.get_extent()[2:])
        ax.set_title("P(class 1): ● training, ◆ validation", fontsize=9)
        self.contour = None
        self._data_id = id(session.X_train)
        self.blitter.invalidate()

    def update(self, session) -> None:
        """Bring every panel's artists up to date with ``session`` (new data are noticed and drawn)."""
        if self._data_id != id(session.X_train):
            self._set_data(session)
        P = session.probabilities(self.grid).reshape(self.G1.shape)
        self.image.set_data(P)
        if self.contour is not None:
            self.contour.remove()
            self.contour = None
        if P.min() < 0.5 < P.max():
            self.contour = self.boundary_ax.contour(self.G1, self.G2, P, levels=[0.5], colors="0.2", linewidths=1.2)
            self.contour.set_animated(True)
        epochs = np.arange(1, session.epoch + 1)
        for name, line in self.curves.items():
            values = session.history.get(name, [])
            line.set_data(epochs[: len(values)], values)
        self._grow_axes(session)

    def _grow_axes(self, session) -> None:
        """Widen the epoch axis (doubling) and raise the loss axis when the curves leave them."""
        right = self.loss_ax.get_xlim()[1]
        epoch_axis = right if session.epoch <= right else 2 ** math.ceil(math.log2(session.epoch))
        if session.epoch <= EPOCH_AXIS_START:
            epoch_axis = EPOCH_AXIS_START
        losses = [value for name in ("loss", "val_loss") for value in session.history.get(name, [])[-50:]]
        top = self.loss_ax.get_ylim()[1]
        highest = max(losses, default=0.0)
        if np.isfinite(highest) and highest > top:
            top = min(2 ** math.ceil(math.log2(highest * 1.05)), 64.0)
        if (epoch_axis, top) != (right, self.loss_ax.get_ylim()[1]):
            self.loss_ax.set_xlim(0, epoch_axis)
            self.loss_ax.set_ylim(0, top)
            self.blitter.invalidate()

    def reset_axes(self) -> None:
        """Shrink the curves' axes back to their start (after a reset of the network)."""
        self.loss_ax.set_xlim(0, EPOCH_AXIS_START)
        self.loss_ax.set_ylim(0, 1)
        self.blitter.invalidate()

    def artists(self) -> list:
        """The artists that change from frame to frame, in drawing order."""
        changing = [self.image] + ([self.contour] if self.contour is not None else []) + self.points
        return changing + list(self.curves.values())

    def png(self, compress_level: int = 1) -> bytes:
        """The current frame as PNG bytes (``compress_level`` 1: quick; 9: small)."""
        return self.blitter.png(self.artists(), compress_level)


class UnitsFigure:
    """One small picture per hidden unit: its output over the plane (layers as columns).

    Each layer is one image: its units' pictures stacked top to bottom, each
    scaled to its own largest magnitude (red positive, blue negative, white 0),
    as the TensorFlow Playground draws its neurons. One image per layer keeps a
    frame cheap however many units there are.

    Parameters
    ----------
    figure : matplotlib Figure, optional; a new off-screen one when None

    Attributes
    ----------
    images : list of AxesImage, one per hidden layer
    """

    def __init__(self, figure: Figure | None = None):
        self.figure = figure if figure is not None else new_figure((2.0, 2.0), layout=None)
        self.blitter = Blitter(self.figure)
        self._layout = None
        self.images = []

    def _set_layout(self, session) -> None:
        self.figure.clear()
        hidden = session.settings.hidden_layers
        rows = max(hidden, default=1)
        width, height = max(1.8, UNIT_INCHES * len(hidden) + 0.3), UNIT_INCHES * rows + 0.35
        self.figure.set_size_inches(width, height)
        X_all = np.hstack([session.X_train, session.X_val])
        _, _, self.grid = boundary_grid(X_all, padding=0.3, resolution=UNIT_RESOLUTION)
        self.images = []
        if not hidden:
            self.figure.text(0.5, 0.5, "no hidden layer", ha="center", va="center")
        else:
            axes = self.figure.subplots(1, len(hidden), squeeze=False)[0]
            self.figure.subplots_adjust(
                left=0.1 / width, right=1 - 0.1 / width, bottom=0.05 / height, top=1 - 0.3 / height, wspace=0.1
            )
            cmap = matplotlib.colormaps["RdBu_r"].with_extremes(bad="white")
            for l, (ax, n) in enumerate(zip(axes, hidden)):
                tiles = np.full((rows * (UNIT_RESOLUTION + 1), UNIT_RESOLUTION), np.nan)
                image = ax.imshow(
                    tiles,
                    cmap=cmap,
                    vmin=-1,
                    vmax=1,
                    aspect="auto",
                    origin="upper",
                    interpolation="nearest",
                    animated=True,
                )
                ax.set_axis_off()
                ax.set_title(f"layer {l + 1}: {n}", fontsize=8)
                self.images.append(image)
        self._layout = (id(session.X_train), hidden, session.settings.activation)
        self.blitter.invalidate()

    def update(self, session) -> None:
        """Update every unit's picture from ``session``'s current parameters."""
        if self._layout != (id(session.X_train), session.settings.hidden_layers, session.settings.activation):
            self._set_layout(session)
        size = UNIT_RESOLUTION
        for image, A in zip(self.images, session.hidden_outputs(self.grid)):
            tiles = np.ma.filled(image.get_array(), np.nan).astype(float)  # the gaps stay NaN (white)
            for j, row in enumerate(A):
                scale = max(float(np.abs(row).max()), 1e-12)
                # the grid runs bottom-up; flip each picture so that up is up with origin="upper"
                tiles[j * (size + 1) : j * (size + 1) + size] = (row / scale).reshape(size, size)[::-1]
            image.set_data(tiles)

    def unit_picture(self, layer: int, unit: int) -> np.ndarray:
        """Hidden unit ``unit`` (from 0) of layer ``layer`` (from 1) as drawn: (30, 30), top row first."""
        size = UNIT_RESOLUTION
        tiles = np.ma.filled(self.images[layer - 1].get_array(), np.nan)
        return tiles[unit * (size + 1) : unit * (size + 1) + size]

    def png(self) -> bytes:
        """The current pictures as PNG bytes."""
        return self.blitter.png(self.images)
