"""Lesson explorers: a slider teaches faster than a paragraph.

Introduced in: lesson 02 (the sigmoid with a weight and a bias), lesson 06
(the learning rate on a 1-D loss curve; the hidden-layer size against the
decision boundary).

Each explorer is a pure function of its controls that draws on a figure
(``draw_...(fig, **values)``, returning a one-line verdict) plus the numbers
behind it (``sigmoid_curve``, ``gradient_descent_path``, ``describe_path``,
``train_hidden_size``), wired to widgets by a one-call builder
(``sigmoid_explorer()``, ``learning_rate_explorer()``,
``hidden_size_explorer()``) that a lesson displays in one cell.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from nnlib.activations import sigmoid
from nnlib.datasets import make_flower
from nnlib.shallow import nn_model, sigmoid_derivative
from nnlib.shallow import predict as shallow_predict
from nnlib.visual.plotting import TRAIN_COLOR, VALIDATION_COLOR, plot_decision_boundary, plot_loss_curve
from nnlib.visual.widgets import Explorer

__all__ = [
    "sigmoid_curve",
    "draw_sigmoid",
    "sigmoid_explorer",
    "LossCurve",
    "LOSS_CURVES",
    "gradient_descent_path",
    "describe_path",
    "draw_learning_rate",
    "learning_rate_explorer",
    "HIDDEN_SIZES",
    "LEARNING_RATES",
    "train_hidden_size",
    "draw_hidden_size",
    "hidden_size_explorer",
]

SATURATED = 4.6  # |z| beyond which sigmoid'(z) < 0.01: "flat" in lesson 02
CONTROL_STYLE = {"description_width": "110px"}
CONTROL_LAYOUT = widgets.Layout(width="420px")


def _controls(**controls) -> dict:
    for control in controls.values():
        control.style, control.layout = CONTROL_STYLE, CONTROL_LAYOUT
    return controls


# --- lesson 02: the sigmoid with a weight and a bias --------------------------------------------


def sigmoid_curve(w: float, b: float, x) -> tuple[np.ndarray, np.ndarray]:
    """One sigmoid unit of one input: ``a = sigmoid(w x + b)`` and its slope ``da/dx = w a (1 - a)``.

    Parameters
    ----------
    w, b : float, the weight and the bias
    x : array of shape (k,), the inputs

    Returns
    -------
    a : array (k,), the unit's output
    slope : array (k,), its derivative with respect to ``x`` (chain rule: ``w * sigmoid'(w x + b)``)
    """
    x = np.asarray(x, dtype=np.float64)
    a = sigmoid(w * x + b)
    return a, w * sigmoid_derivative(a)


def draw_sigmoid(fig: Figure, w: float = 1.0, b: float = 0.0) -> str:
    """Draw ``sigmoid(w x + b)`` and its slope on ``fig`` (two panels); return what the weight and bias did."""
    x = np.linspace(-6, 6, 481)
    a, slope = sigmoid_curve(w, b, x)
    top, bottom = fig.subplots(2, 1, sharex=True)
    top.plot(x, sigmoid(x), color="0.6", linestyle="--", linewidth=1, label="σ(x): w = 1, b = 0")
    top.plot(x, a, color=TRAIN_COLOR, linewidth=2, label=f"a = σ({w:g}·x + {b:g})")
    saturated = np.abs(w * x + b) > SATURATED
    top.fill_between(x, 0, 1, where=saturated, color="0.85", label="saturated: |wx + b| > 4.6")
    top.set(ylabel="a", ylim=(-0.03, 1.03), title="The unit's output")
    bottom.plot(x, slope, color=VALIDATION_COLOR, linewidth=2, label="da/dx = w·a(1 − a)")
    bottom.fill_between(x, min(0.0, slope.min()), max(0.0, slope.max()), where=saturated, color="0.85")
    bottom.axhline(0, color="0.5", linewidth=0.8)
    bottom.set(xlabel="input x", ylabel="da/dx", title="Its slope")
    if w != 0:
        midpoint = -b / w + 0.0  # + 0.0: no "-0.00"
        if -6 <= midpoint <= 6:
            for ax in (top, bottom):
                ax.axvline(midpoint, color="0.3", linestyle=":", linewidth=1)
            top.plot([midpoint], [0.5], "o", color="black", markersize=5, label=f"a = 0.5 at x = −b/w = {midpoint:.2f}")
    for ax in (top, bottom):
        ax.grid(alpha=0.3)
        ax.legend(loc="upper left", fontsize=8, framealpha=0.9)
    if w == 0:
        return f"w = 0: the output is σ(b) = {float(sigmoid(np.array(b))):.3f} for every x, and the slope is 0."
    flat = saturated.mean()
    return (
        f"Midpoint x = −b/w = {-b / w + 0.0:.2f}; steepest slope w/4 = {w / 4:.3f}; "
        f"saturated (σ'(wx + b) < 0.01) on {flat:.0%} of the inputs shown."
    )


def sigmoid_explorer() -> Explorer:
    """Lesson 02: sliders for the weight and the bias of ``sigmoid(w x + b)`` and its slope."""
    controls = _controls(
        w=widgets.FloatSlider(value=1.0, min=-5.0, max=5.0, step=0.25, description="weight w"),
        b=widgets.FloatSlider(value=0.0, min=-6.0, max=6.0, step=0.5, description="bias b"),
    )
    return Explorer(draw_sigmoid, controls, figsize=(6.4, 5.0), title="The sigmoid of w·x + b, and its slope")


# --- lesson 06: the learning rate on a 1-D loss curve ---------------------------------------------


class LossCurve(NamedTuple):
    """A loss of one weight: ``loss(w)``, its derivative ``gradient(w)``, and where it is lowest."""

    name: str
    loss: Callable[[np.ndarray], np.ndarray]
    gradient: Callable[[np.ndarray], np.ndarray]
    minimum: float
    plot_range: tuple[float, float]


LOSS_CURVES = {
    # curvature 1 everywhere: rates under 1 slide down, 1 to 2 zig-zag in, over 2 blow up
    "bowl": LossCurve("bowl", lambda w: 0.5 * (w - 1.0) ** 2, lambda w: w - 1.0, 1.0, (-3.0, 5.0)),
    # two valleys, the left one deeper: where gradient descent ends depends on the start and the rate
    "two valleys": LossCurve(
        "two valleys",
        lambda w: 0.25 * (w**2 - 1.0) ** 2 + 0.3 * w + 0.35,
        lambda w: w * (w**2 - 1.0) + 0.3,
        -1.1254188,  # the smaller root of w**3 - w + 0.3
        (-2.2, 2.2),
    ),
}
DIVERGED = 1e6  # |w| beyond this: the path has blown up


def gradient_descent_path(curve: LossCurve, learning_rate: float, start: float, n_steps: int) -> np.ndarray:
    """The weights visited by ``w := w - learning_rate * dJ/dw`` from ``start``.

    Returns
    -------
    path : array of shape (n_steps + 1,), ``path[0] = start``; shorter when
        ``|w|`` passes 1e6 (the path diverged; its last entry is that far value)
    """
    if not isinstance(curve, LossCurve):
        raise TypeError(f"curve must be a LossCurve (e.g. LOSS_CURVES['bowl']), got {type(curve).__name__}")
    if not learning_rate > 0:
        raise ValueError(f"learning_rate must be > 0, got {learning_rate}")
    path = [float(start)]
    for _ in range(int(n_steps)):
        w = path[-1] - learning_rate * float(curve.gradient(path[-1]))
        path.append(w)
        if not abs(w) < DIVERGED:
            break
    return np.array(path)


def describe_path(curve: LossCurve, path: np.ndarray) -> str:
    """What the path did, read from the path itself: diverged, zig-zagged or slid, and where it ended."""
    if not abs(path[-1]) < DIVERGED:
        return f"diverged: after {path.size - 1} steps |w| passed {DIVERGED:.0e}, each step overshooting further"
    steps = np.diff(path)
    moving = steps[np.abs(steps) > 1e-12]
    zigzag = moving.size > 1 and np.mean(np.sign(moving[1:]) != np.sign(moving[:-1])) > 0.5
    start_gap, end_gap = abs(path[0] - curve.minimum), abs(path[-1] - curve.minimum)
    where = f"w = {path[-1]:.3f}, loss {float(curve.loss(path[-1])):.4f}"
    if end_gap < 1e-3:
        found = "at the lowest point"
    elif np.abs(curve.gradient(path[-1])) < 1e-3:
        found = "stuck in a valley that is not the lowest"
    elif end_gap > start_gap and zigzag:
        return f"diverging: each zig-zag lands farther out; after {path.size - 1} steps: {where}"
    else:
        found = "still on its way"
    manner = "zig-zagging across the valley" if zigzag else "sliding down one side"
    return f"{manner}; after {path.size - 1} steps: {where}, {found}"


def draw_learning_rate(
    fig: Figure, learning_rate: float = 0.3, start: float = -2.0, n_steps: int = 15, curve: str = "bowl"
) -> str:
    """The loss curve with the gradient-descent steps drawn on it, and the loss per step; return the verdict."""
    loss_curve = LOSS_CURVES[curve]
    path = gradient_descent_path(loss_curve, learning_rate, start, n_steps)
    low, high = loss_curve.plot_range
    w = np.linspace(low, high, 400)
    ax_curve, ax_steps = fig.subplots(1, 2, width_ratios=(1.4, 1))
    ax_curve.plot(w, loss_curve.loss(w), color="0.35", linewidth=1.6, label="loss J(w)")
    shown = path[np.abs(path) < DIVERGED]
    ax_curve.plot(shown, loss_curve.loss(shown), "-o", color=VALIDATION_COLOR, markersize=4, linewidth=1, label="steps")
    ax_curve.plot([path[0]], [loss_curve.loss(path[0])], "o", color="black", markersize=7, label="start")
    top = float(loss_curve.loss(w).max())
    ax_curve.set(xlim=(low, high), ylim=(-0.05 * top, 1.05 * top), xlabel="weight w", ylabel="loss J(w)")
    ax_curve.set_title(f"{curve}, learning rate {learning_rate:g}", fontsize=10)
    ax_curve.legend(loc="upper center", fontsize=8)
    losses = loss_curve.loss(path)
    ax_steps.plot(np.arange(path.size), losses, "-o", color=TRAIN_COLOR, markersize=3)
    ax_steps.set(
        xlabel="step", ylabel="loss", yscale="log" if losses.max() > 100 * max(losses.min(), 1e-12) else "linear"
    )
    ax_steps.set_title("loss at each step", fontsize=10)
    for ax in (ax_curve, ax_steps):
        ax.grid(alpha=0.3)
    return describe_path(loss_curve, path)


#: the learning rates the explorer offers: exact values, so the slider's readout and the picture's title agree
#: (a log slider snaps 0.3 to 10**-0.5 = 0.316...); the bowl slides below 1, zig-zags from 1 to 2, blows up above 2
LEARNING_RATES = (0.01, 0.03, 0.1, 0.2, 0.3, 0.5, 0.8, 1.0, 1.2, 1.5, 1.8, 2.0, 2.1, 2.5, 3.0)


def learning_rate_explorer() -> Explorer:
    """Lesson 06: gradient descent on a 1-D loss, with the learning rate, the start and the steps as sliders."""
    controls = _controls(
        learning_rate=widgets.SelectionSlider(
            options=[(f"{rate:g}", rate) for rate in LEARNING_RATES], value=0.3, description="learning rate"
        ),
        start=widgets.FloatSlider(value=-2.0, min=-2.0, max=2.0, step=0.1, description="start w"),
        n_steps=widgets.IntSlider(value=15, min=1, max=50, description="steps"),
        curve=widgets.Dropdown(options=list(LOSS_CURVES), value="bowl", description="loss curve"),
    )
    return Explorer(draw_learning_rate, controls, figsize=(8.0, 3.6), title="The learning rate: steps on a loss curve")


# --- lesson 06: the hidden-layer size against the decision boundary ---------------------------------

HIDDEN_SIZES = (1, 2, 3, 4, 5, 10, 20, 50)
_trained: dict[tuple[int, int], tuple[dict, list[float]]] = {}


def _flower():
    return make_flower(rng=np.random.default_rng(1))  # lesson 06's data


def train_hidden_size(hidden_size: int, num_iterations: int = 2000) -> tuple[dict, list[float]]:
    """Lesson 06's network (``nn_model``, learning rate 1.2, seed 0) with ``hidden_size`` units on the flower.

    Results are kept, so moving a slider back costs nothing.

    Returns
    -------
    parameters : dict ``W1`` (n_h, 2), ``b1`` (n_h, 1), ``W2`` (1, n_h), ``b2`` (1, 1)
    costs : list of float, the cost every 100 iterations
    """
    key = (int(hidden_size), int(num_iterations))
    if key not in _trained:
        X, Y = _flower()
        _trained[key] = nn_model(
            X, Y, hidden_size=key[0], num_iterations=key[1], learning_rate=1.2, rng=np.random.default_rng(0)
        )
    return _trained[key]


def draw_hidden_size(fig: Figure, hidden_size: int = 4, num_iterations: int = 2000) -> str:
    """The flower's decision boundary and cost curve for ``hidden_size`` hidden units; return the accuracy."""
    parameters, costs = train_hidden_size(hidden_size, num_iterations)
    X, Y = _flower()
    accuracy = float(np.mean(shallow_predict(X, parameters) == Y))
    ax_boundary, ax_cost = fig.subplots(1, 2, width_ratios=(1.3, 1))
    plot_decision_boundary(
        lambda points: shallow_predict(points, parameters),
        X,
        Y,
        ax=ax_boundary,
        resolution=120,
        title=f"n_h = {hidden_size}: {accuracy:.2%} right",
    )
    ax_boundary.legend(loc="lower left", fontsize=8)
    plot_loss_curve(costs, ax=ax_cost, every=100, title="cost while training")
    return f"{hidden_size} hidden units, {num_iterations} iterations: training accuracy {accuracy:.2%}"


def hidden_size_explorer() -> Explorer:
    """Lesson 06: the number of hidden units against the decision boundary on the flower."""
    controls = _controls(
        hidden_size=widgets.SelectionSlider(options=HIDDEN_SIZES, value=4, description="hidden units n_h"),
        num_iterations=widgets.SelectionSlider(options=(500, 1000, 2000, 4000), value=2000, description="iterations"),
    )
    return Explorer(draw_hidden_size, controls, figsize=(9.0, 4.0), title="Hidden units and the decision boundary")
