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
from matplotlib.ticker import FuncFormatter, MaxNLocator

from nnlib.visual.plotting import TRAIN_COLOR, VALIDATION_COLOR, boundary_grid, class_colors
from nnlib.visual.widgets import Blitter, new_figure

__all__ = [
    "GRID_RESOLUTION",
    "FIGURE_INCHES",
    "TEXT_PIXELS",
    "pixel_width",
    "text_points",
    "probability_colormap",
    "PlaygroundFigure",
    "UnitsFigure",
]

GRID_RESOLUTION = 60  # grid points per axis of the live boundary
UNIT_RESOLUTION = 30  # grid points per axis of each hidden unit's picture
EPOCH_AXIS_START = 16  # epochs on the curves' axis at first; it doubles when full
#: the main picture's size in inches: 624 x 320 px at the widgets' 80 dpi, the width of JupyterLab's output
#: area in a 1400 px window, so that it is shown at the size it is drawn (not shrunk, its titles unreadable)
FIGURE_INCHES = (7.8, 4.0)
#: the size of every text in the pictures, in pixels (a font size, as CSS gives it): the pictures are shown
#: at the size they are drawn, so this is what the screen shows (a browser's default text is 14 to 16 px)
TEXT_PIXELS = 12
TITLE_PIXELS = 13
# the hidden units' picture, in pixels: a unit's picture at most, the margins, the band above each
# layer's row for its title, the colour bar's distance from the pictures, its width and the room
# for its numbers; the figure is never narrower than UNITS_MIN_WIDTH (its titles must fit)
UNIT_PIXELS = 64
UNITS_MARGIN, UNITS_TITLE = 8, 22
UNITS_BAR_GAP, UNITS_BAR_WIDTH, UNITS_BAR_TEXT = 10, 12, 56
UNITS_MIN_WIDTH = 240
#: a layer's colour scale covers this share of its outputs' magnitudes (the rest, a few hot spots of a
#: ReLU, take the colour bar's end colours): one extreme value would otherwise wash every picture out
SCALE_QUANTILE = 0.98


def pixel_width(figure: Figure) -> int:
    """The width in pixels of ``figure``'s PNG: the width its picture widget shows it at, so it is never scaled."""
    return round(figure.get_figwidth() * figure.dpi)


def text_points(pixels: float, figure: Figure) -> float:
    """The font size in points whose text is ``pixels`` tall (its em) in ``figure``'s PNG."""
    return pixels * 72 / figure.dpi


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
        text, title = text_points(TEXT_PIXELS, self.figure), text_points(TITLE_PIXELS, self.figure)
        for ax, family in ((self.loss_ax, "loss"), (self.accuracy_ax, "accuracy")):
            for prefix, label, color in (("", "train", TRAIN_COLOR), ("val_", "validation", VALIDATION_COLOR)):
                (line,) = ax.plot([], [], color=color, linewidth=1.6, label=label, animated=True)
                self.curves[prefix + family] = line
            ax.grid(alpha=0.3)
            ax.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
            ax.yaxis.set_major_locator(MaxNLocator(nbins=4))
            ax.tick_params(labelsize=text)
            ax.set_ylabel(family, fontsize=text)
        self.loss_ax.set(xlim=(0, EPOCH_AXIS_START), ylim=(0, 1))
        self.loss_ax.tick_params(labelbottom=False)
        self.loss_ax.set_title("loss (cross-entropy)", fontsize=title)
        self.accuracy_ax.set(ylim=(0.4, 1.01))
        self.accuracy_ax.set_xlabel("epoch", fontsize=text)
        self.accuracy_ax.set_title("accuracy", fontsize=title)
        self.loss_ax.legend(loc="upper right", fontsize=text)
        # the shading carries a value, P(class 1): its scale, drawn once (it never changes)
        scale = ScalarMappable(norm=Normalize(0, 1), cmap=probability_colormap())
        colorbar = self.figure.colorbar(scale, ax=self.boundary_ax, fraction=0.05, pad=0.02, ticks=[0, 0.5, 1])
        colorbar.set_label("P(class 1)", fontsize=text)
        colorbar.ax.tick_params(labelsize=text)

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
        ax.set(xlim=self.image.get_extent()[:2], ylim=self.image.get_extent()[2:])
        text = text_points(TEXT_PIXELS, self.figure)
        ax.set_xlabel("$x_1$", fontsize=text)
        ax.set_ylabel("$x_2$", fontsize=text)
        ax.tick_params(labelsize=text)
        ax.set_title("P(class 1): ● training, ◆ validation", fontsize=text_points(TITLE_PIXELS, self.figure))
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
    """What each hidden unit outputs over the plane: one row per hidden layer, one small picture per unit.

    A layer's units share one colour scale, shown by the colour bar at the
    end of its row (red positive, blue negative, white 0, as the TensorFlow
    Playground draws its neurons), so the colours are the outputs
    themselves. The scale is a round number (1, 2 or 5 times a power of ten)
    that covers ``SCALE_QUANTILE`` of the layer's outputs (larger ones take
    the end colours, as the colour bar's pointed ends say); it grows with the
    outputs and shrinks only when they fall well below it, so the colour
    bars (and the full render they need) change rarely.
    Each layer is one image, its units' pictures side by side, which keeps a
    frame cheap however many units there are. The figure is at most as wide
    as the main picture, so the two are shown one above the other, each at
    the size it is drawn.

    Parameters
    ----------
    figure : matplotlib Figure, optional; a new off-screen one when None

    Attributes
    ----------
    images : list of AxesImage, one per hidden layer
    colorbars : list of Colorbar, one per hidden layer
    scales : list of float, the largest |output| each layer's colours show
    """

    def __init__(self, figure: Figure | None = None):
        self.figure = figure if figure is not None else new_figure((2.0, 2.0), layout=None)
        self.blitter = Blitter(self.figure)
        self._layout = None
        self.images, self.colorbars, self.scales = [], [], []

    def _set_layout(self, session) -> None:
        """Size the figure for ``session``'s hidden layers and make each layer's row (once per network)."""
        self.figure.clear()
        hidden, activation = session.settings.hidden_layers, session.settings.activation
        widest = max(hidden, default=1)
        bar_room = UNITS_BAR_GAP + UNITS_BAR_WIDTH + UNITS_BAR_TEXT
        room = FIGURE_INCHES[0] * self.figure.dpi - UNITS_MARGIN - bar_room
        self._side = min(UNIT_PIXELS, room / (widest + (widest - 1) / UNIT_RESOLUTION))  # a picture's side, px
        row = UNITS_TITLE + self._side + UNITS_MARGIN
        # whole pixels, so that the PNG is as wide as its widget (see pixel_width)
        width = math.ceil(max(UNITS_MIN_WIDTH, UNITS_MARGIN + self._tiles_width(widest) + bar_room))
        self.figure.set_size_inches(width / self.figure.dpi, math.ceil(row * max(len(hidden), 1)) / self.figure.dpi)
        X_all = np.hstack([session.X_train, session.X_val])
        _, _, self.grid = boundary_grid(X_all, padding=0.3, resolution=UNIT_RESOLUTION)
        self.images, self.colorbars, self.scales = [], [], []
        if not hidden:
            self.figure.text(0.5, 0.5, "no hidden layer", ha="center", va="center", fontsize=self._text_points())
        bar_left = UNITS_MARGIN + self._tiles_width(widest) + UNITS_BAR_GAP
        for l, n in enumerate(hidden):
            top = self._pixel_height() - l * row - UNITS_TITLE  # the pictures' top edge, in pixels from the bottom
            self._add_row(f"layer {l + 1}: {n} {activation} {'unit' if n == 1 else 'units'}", n, top, bar_left)
        # three numbers on a colour bar when they fit beside it, else its two ends (white is 0)
        self._tick_steps = (-1, 0, 1) if self._side >= 4 * TEXT_PIXELS else (-1, 1)
        self._layout = (id(session.X_train), hidden, activation)
        self.blitter.invalidate()

    def _add_row(self, title: str, n: int, top: float, bar_left: float) -> None:
        """A layer's row: the image of its ``n`` pictures and its colour bar at ``bar_left``, below ``top`` (px)."""
        side, text = self._side, self._text_points()
        ax = self.figure.add_axes(self._box(UNITS_MARGIN, top - side, self._tiles_width(n), side))
        image = ax.imshow(
            np.full((UNIT_RESOLUTION, n * (UNIT_RESOLUTION + 1) - 1), np.nan),
            cmap=matplotlib.colormaps["RdBu_r"].with_extremes(bad="0.75"),  # grey gaps between the pictures
            vmin=-1,
            vmax=1,
            aspect="auto",
            origin="upper",
            interpolation="nearest",
            animated=True,
        )
        ax.set_axis_off()
        ax.set_title(title, loc="left", fontsize=text)
        bar = self.figure.add_axes(self._box(bar_left, top - side, UNITS_BAR_WIDTH, side))
        colorbar = self.figure.colorbar(image, cax=bar, extend="both", format=_signed)
        bar.tick_params(labelsize=text, length=3, pad=2)
        bar.set_title("output", loc="left", fontsize=text)
        self.images.append(image)
        self.colorbars.append(colorbar)
        self.scales.append(None)

    def _tiles_width(self, n: int) -> float:
        """The width in pixels of ``n`` pictures side by side, with the gaps between them (one grid step)."""
        return n * self._side + (n - 1) * self._side / UNIT_RESOLUTION

    def _pixel_height(self) -> int:
        return round(self.figure.get_figheight() * self.figure.dpi)

    def _box(self, left: float, bottom: float, width: float, height: float) -> list[float]:
        """A box given in pixels from the figure's bottom left, as figure fractions (for ``add_axes``)."""
        figure_width, figure_height = pixel_width(self.figure), self._pixel_height()
        return [left / figure_width, bottom / figure_height, width / figure_width, height / figure_height]

    def _text_points(self) -> float:
        return text_points(TEXT_PIXELS, self.figure)

    def update(self, session) -> None:
        """Update every unit's picture, and each layer's colour scale when it must change, from ``session``."""
        if self._layout != (id(session.X_train), session.settings.hidden_layers, session.settings.activation):
            self._set_layout(session)
        size = UNIT_RESOLUTION
        for l, (image, A) in enumerate(zip(self.images, session.hidden_outputs(self.grid))):
            tiles = np.ma.filled(image.get_array(), np.nan).astype(float)  # the gaps stay NaN (grey)
            for j, output in enumerate(A):
                # the grid runs bottom-up; flip each picture so that up is up with origin="upper"
                tiles[:, j * (size + 1) : j * (size + 1) + size] = output.reshape(size, size)[::-1]
            image.set_data(tiles)
            scale = _colour_scale(float(np.quantile(np.abs(A), SCALE_QUANTILE)), self.scales[l])
            if scale != self.scales[l]:
                self.scales[l] = scale
                image.set_clim(-scale, scale)
                self.colorbars[l].set_ticks([step * scale for step in self._tick_steps])
                self.blitter.invalidate()

    def unit_picture(self, layer: int, unit: int) -> np.ndarray:
        """Hidden unit ``unit`` (from 0) of layer ``layer`` (from 1) as drawn: its outputs, (30, 30), top row first."""
        size = UNIT_RESOLUTION
        tiles = np.ma.filled(self.images[layer - 1].get_array(), np.nan)
        return tiles[:, unit * (size + 1) : unit * (size + 1) + size]

    def png(self) -> bytes:
        """The current pictures as PNG bytes."""
        return self.blitter.png(self.images)


def _round_up(value: float) -> float:
    """The smallest of 1, 2 or 5 times a power of ten that is at least ``value`` (at least 0.01)."""
    value = max(value, 0.01)
    power = 10.0 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= value * (1 - 1e-9))


def _colour_scale(largest: float, scale: float | None) -> float:
    """A layer's colour scale for outputs up to ``largest``: ``scale`` unless they outgrow it or fall to a quarter."""
    fitting = _round_up(largest)
    return fitting if scale is None or largest > scale or fitting <= scale / 4 else scale


@FuncFormatter
def _signed(value, _position=None) -> str:
    """A colour bar's number, with a true minus sign: -0.5 is "−0.5"."""
    return f"{value:g}".replace("-", "\u2212")
