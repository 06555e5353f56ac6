"""Widget plumbing shared by the playground and the lesson explorers.

Introduced in: the lesson explorers (02, 06) and the playground appendix (90).

Pictures are drawn by matplotlib on an off-screen Agg ``Figure`` (never
through ``pyplot``, so nothing is shown twice and nothing depends on the
notebook's backend) and sent to the browser as PNG bytes in an
``ipywidgets.Image``. That works the same in JupyterLab, in a headless
kernel and in plain Python, where tests set a slider's ``value`` and read
the figure's artists.

An explorer is a *pure* drawing function of its controls,
``draw(fig, **values)``, wired to widgets by :class:`Explorer`: every change
of a control clears the figure and calls ``draw`` again.
"""

from __future__ import annotations

import io

import ipywidgets as widgets
import PIL.Image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

__all__ = ["DPI", "new_figure", "png_bytes", "compact_png", "Blitter", "widget_bundle", "FigureImage", "Explorer"]

DPI = 80  # small PNGs: quick to draw, encode and send


def new_figure(figsize: tuple[float, float], dpi: int = DPI, layout: str | None = "constrained") -> Figure:
    """An off-screen figure of ``figsize`` inches, with a light background and ``layout`` (a matplotlib layout)."""
    fig = Figure(figsize=figsize, dpi=dpi, layout=layout, facecolor="white")
    FigureCanvasAgg(fig)
    return fig


def _encode_png(canvas: FigureCanvasAgg, compress_level: int = 1) -> bytes:
    """What the canvas holds now, as PNG bytes; level 1 (the default) is a quick encode, 9 the smallest file."""
    buffer = io.BytesIO()
    PIL.Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba()).convert("RGB").save(
        buffer, format="png", compress_level=compress_level
    )
    return buffer.getvalue()


def compact_png(data: bytes, colors: int = 128) -> bytes:
    """The PNG ``data`` again with a palette of ``colors`` colours: about a third of the size, for a picture to keep."""
    image = PIL.Image.open(io.BytesIO(data)).convert("RGB").quantize(colors)
    buffer = io.BytesIO()
    image.save(buffer, format="png", optimize=True)
    return buffer.getvalue()


def png_bytes(fig: Figure) -> bytes:
    """Render the whole figure and return it as PNG bytes."""
    fig.canvas.draw()
    return _encode_png(fig.canvas)


class Blitter:
    """Quick frames of a figure whose changing parts are few: redraw only those on a saved background.

    The artists that change from frame to frame are marked ``animated``, so a
    full render (text, ticks, legends: most of the cost) leaves them out and
    is saved as the background; a frame restores it and draws the changing
    artists on top. Call :meth:`invalidate` when something else changed
    (axis limits, titles, a new data set). The figure's layout engine, if any,
    places the axes at the first full render only; set it again after adding
    or removing axes.

    Parameters
    ----------
    figure : matplotlib Figure with an Agg canvas (see :func:`new_figure`)
    """

    def __init__(self, figure: Figure):
        self.figure = figure
        self._background = None
        self.full_renders = 0

    def invalidate(self) -> None:
        """The next frame renders everything again."""
        self._background = None

    def png(self, artists, compress_level: int = 1) -> bytes:
        """A frame: the background (rendered again when invalidated) with ``artists`` drawn on it, as PNG."""
        canvas = self.figure.canvas
        if self._background is None:
            canvas.draw()
            # The layout is worked out once: later full renders keep the axes where they are
            # (constrained layout would otherwise cost about half of every full render).
            if self.figure.get_layout_engine() is not None:
                self.figure.set_layout_engine("none")
            self._background = canvas.copy_from_bbox(self.figure.bbox)
            self.full_renders += 1
        else:
            canvas.restore_region(self._background)
        for artist in artists:
            artist.axes.draw_artist(artist)
        return _encode_png(canvas, compress_level)


def widget_bundle(widget, text: str) -> dict:
    """The widget's display data with ``text`` as its plain-text form.

    The plain text is what a page that cannot run widgets shows (GitHub, a
    saved notebook): one line saying what would be there, instead of the
    whole tree of child widgets.
    """
    bundle = dict(widget._repr_mimebundle_() or {})
    bundle["text/plain"] = f"{text} (a live widget: run the notebook in Jupyter to use it)"
    return bundle


class FigureImage:
    """A figure and the ``ipywidgets.Image`` that shows it; :meth:`show` sends the current picture.

    Parameters
    ----------
    figsize : (width, height) in inches
    dpi : dots per inch of the PNG
    """

    def __init__(self, figsize: tuple[float, float], dpi: int = DPI):
        self.figure = new_figure(figsize, dpi)
        width, height = (round(size * dpi) for size in figsize)
        self.image = widgets.Image(format="png", width=width, height=height)
        self.image.add_class("nnlib-figure")
        self.frames = 0

    def show(self) -> None:
        """Render the figure and put it in the image widget."""
        self.image.value = png_bytes(self.figure)
        self.frames += 1


class Explorer:
    """Controls, a status line and a picture redrawn by ``draw(fig, **values)`` whenever a control changes.

    Parameters
    ----------
    draw : callable ``draw(fig, **values) -> str or None``
        Draws on the (cleared) figure; what it returns is shown below the
        controls (e.g. a verdict), in a ``widgets.HTML``.
    controls : dict name -> ipywidgets ValueWidget, the keyword arguments of ``draw``
    figsize : (width, height) of the figure in inches
    title : str, optional; shown above the controls

    Attributes
    ----------
    controls : the dict of control widgets
    status : widgets.HTML, what the last ``draw`` returned
    view : FigureImage, the figure and its image widget
    widget : widgets.VBox, what a notebook displays
    """

    def __init__(self, draw, controls: dict, figsize: tuple[float, float], title: str | None = None):
        if not callable(draw):
            raise TypeError(f"draw must be a function draw(fig, **values), got {type(draw).__name__}")
        if not isinstance(controls, dict) or not controls:
            raise TypeError("controls must be a non-empty dict name -> widget")
        self.draw, self.controls = draw, controls
        self.view = FigureImage(figsize)
        self.status = widgets.HTML()
        self.status.add_class("nnlib-status")
        parts = [widgets.HTML(f"<b>{title}</b>")] if title else []
        parts += [*controls.values(), self.status, self.view.image]
        self.widget = widgets.VBox(parts)
        self.widget.add_class("nnlib-explorer")
        for control in controls.values():
            control.observe(self._changed, names="value")
        self.redraw()

    def values(self) -> dict:
        """The controls' current values, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def redraw(self) -> None:
        """Clear the figure, call ``draw`` with the current values, and show the result."""
        self.view.figure.clear()
        message = self.draw(self.view.figure, **self.values())
        self.view.show()
        self.status.value = message or ""

    def _changed(self, change) -> None:
        self.redraw()

    @property
    def figure(self) -> Figure:
        return self.view.figure

    def _repr_mimebundle_(self, **kwargs):
        return widget_bundle(self.widget, repr(self))

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={value!r}" for name, value in self.values().items())
        return f"Explorer({getattr(self.draw, '__name__', 'draw')}: {values})"
