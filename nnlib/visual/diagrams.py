"""Pictures of a network's architecture, drawn from its ``layer_dims``.

Introduced in: lesson 07 (the L-layer network and the shapes of its arrays).

Like :mod:`nnlib.visual.plotting`, every function returns the ``Axes`` it drew
on, accepts ``ax=`` to draw into an existing one, and never calls ``plt.show()``.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.patches import Circle

from nnlib._validation import check_positive

__all__ = ["draw_network"]

INPUT_COLOR = "tab:gray"
HIDDEN_COLOR = "tab:blue"
OUTPUT_COLOR = "tab:orange"
EDGE_COLOR = "0.75"
UNIT_RADIUS = 0.18
COLUMN_GAP = 3.0  # room between two layers for their labels, in units of the gap between two units


def _check_layer_dims(layer_dims) -> list[int]:
    """``layer_dims`` as a list of positive ints, at least two of them, or a clear error."""
    if isinstance(layer_dims, (str, bytes)) or not hasattr(layer_dims, "__len__"):
        raise TypeError(f"layer_dims must be a list of layer sizes like [3, 4, 1], got {type(layer_dims).__name__}")
    if len(layer_dims) < 2:
        raise ValueError(f"layer_dims must list the input size and at least one layer, got {list(layer_dims)}")
    return [int(check_positive(n, f"layer_dims[{l}]", integer=True)) for l, n in enumerate(layer_dims)]


def _layer_label(l: int, layer_dims: list[int], hidden_activation: str, output_activation: str) -> str:
    """The text under layer ``l``: its role and the shapes of its arrays."""
    n = layer_dims[l]
    if l == 0:
        return f"layer 0: input\nX = A0  ({n}, m)"
    L = len(layer_dims) - 1
    role = f"output, {output_activation}" if l == L else f"hidden, {hidden_activation}"
    return f"layer {l}: {role}\nW{l} ({n}, {layer_dims[l - 1]})\nb{l} ({n}, 1)\nZ{l}, A{l} ({n}, m)"


def draw_network(layer_dims, ax=None, hidden_activation: str = "ReLU", output_activation: str = "sigmoid") -> Axes:
    """Draw a fully connected network: its units, their connections and its arrays' shapes.

    Layer ``l`` is a column of ``n_l`` circles (input grey, hidden blue,
    output orange), every unit joined to every unit of the next layer.
    Under each column: the layer's role and the shapes of ``W[l] (n_l, n_{l-1})``,
    ``b[l] (n_l, 1)`` and ``Z[l], A[l] (n_l, m)``.

    Parameters
    ----------
    layer_dims : sequence of int ``[n_0, n_1, ..., n_L]``, at least two sizes
        (the input and one layer); a few units per layer reads best
    ax : matplotlib Axes, optional; a new figure sized to the network when None
    hidden_activation, output_activation : str, the names written under the layers

    Returns
    -------
    ax : the Axes drawn on (axis off, equal aspect)
    """
    layer_dims = _check_layer_dims(layer_dims)
    L, tallest = len(layer_dims) - 1, max(layer_dims)
    if ax is None:
        _, ax = plt.subplots(figsize=(2.5 * (L + 1), 1.9 + 0.9 * tallest))
    elif not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes or None, got {type(ax).__name__}")

    # unit i of layer l, centred vertically around 0
    positions = [[(COLUMN_GAP * l, (n - 1) / 2 - i) for i in range(n)] for l, n in enumerate(layer_dims)]
    for left, right in zip(positions[:-1], positions[1:]):
        for x0, y0 in left:
            for x1, y1 in right:
                ax.plot([x0, x1], [y0, y1], color=EDGE_COLOR, lw=0.8, zorder=1)
    for l, column in enumerate(positions):
        color = INPUT_COLOR if l == 0 else (OUTPUT_COLOR if l == L else HIDDEN_COLOR)
        for center in column:
            ax.add_patch(Circle(center, UNIT_RADIUS, color=color, zorder=2))
        label = _layer_label(l, layer_dims, hidden_activation, output_activation)
        ax.text(COLUMN_GAP * l, -tallest / 2 - 0.2, label, ha="center", va="top", fontsize=10, family="monospace")
    ax.set_xlim(-1.4, COLUMN_GAP * L + 1.4)
    ax.set_ylim(-tallest / 2 - 1.7, tallest / 2 + 0.1)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax
