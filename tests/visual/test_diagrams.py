"""Network diagrams: one circle per unit, one line per connection, the shapes written under each layer."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.patches import Circle

from nnlib.visual.diagrams import HIDDEN_COLOR, INPUT_COLOR, OUTPUT_COLOR, draw_network


def units(ax):
    return [patch for patch in ax.patches if isinstance(patch, Circle)]


def test_one_circle_per_unit_one_line_per_weight():
    ax = draw_network([3, 4, 4, 1])
    assert isinstance(ax, Axes) and not ax.axison
    assert len(units(ax)) == 3 + 4 + 4 + 1
    assert len(ax.lines) == 3 * 4 + 4 * 4 + 4 * 1  # one per entry of W1, W2, W3
    colors = [to_rgba(patch.get_facecolor()) for patch in units(ax)]
    expected = [INPUT_COLOR] * 3 + [HIDDEN_COLOR] * 8 + [OUTPUT_COLOR]
    assert colors == [to_rgba(color) for color in expected]


def test_layers_are_columns_centred_on_the_same_line():
    ax = draw_network([2, 3, 1])
    centers = np.array([patch.center for patch in units(ax)])
    columns = [centers[:2], centers[2:5], centers[5:]]
    assert [len(set(column[:, 0])) for column in columns] == [1, 1, 1]  # one x per layer
    assert columns[0][0, 0] < columns[1][0, 0] < columns[2][0, 0]  # input on the left
    np.testing.assert_allclose([column[:, 1].mean() for column in columns], 0)


def test_labels_carry_each_layers_role_and_shapes():
    ax = draw_network([3, 4, 1], hidden_activation="tanh")
    labels = [text.get_text() for text in ax.texts]
    assert labels == [
        "layer 0: input\nX = A0  (3, m)",
        "layer 1: hidden, tanh\nW1 (4, 3)\nb1 (4, 1)\nZ1, A1 (4, m)",
        "layer 2: output, sigmoid\nW2 (1, 4)\nb2 (1, 1)\nZ2, A2 (1, m)",
    ]


def test_draws_into_the_given_axes():
    fig, ax = plt.subplots()
    assert draw_network([2, 1], ax=ax) is ax
    assert len(units(ax)) == 3 and len(ax.lines) == 2


@pytest.mark.parametrize(
    "layer_dims, error, message",
    [
        ("341", TypeError, "layer_dims must be a list of layer sizes"),
        ([3], ValueError, "at least one layer"),
        ([3, 0, 1], ValueError, r"layer_dims\[1\] must be > 0"),
        ([3, 2.5], TypeError, r"layer_dims\[1\] must be an integer"),
    ],
)
def test_bad_layer_dims_get_clear_errors(layer_dims, error, message):
    with pytest.raises(error, match=message):
        draw_network(layer_dims)


def test_refuses_something_else_than_axes():
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes or None, got Figure"):
        draw_network([2, 1], ax=plt.figure())
