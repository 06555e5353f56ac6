"""Lesson 17, Architectures: `conv2d` and `rnn_cell_forward`."""

from __future__ import annotations

import numpy as np

from nnlib import conv, recurrent
from nnlib.checks.exercise import ArrayOutput, ArrayTupleOutput, Case, Exercise

_RNG = np.random.default_rng(171)


CONV2D = Exercise(
    "conv2d",
    reference=conv.conv2d,
    hints=(
        "Slide the filter over every position where it fits inside the image. At each position, multiply the "
        "window under the filter by the filter, entry by entry, and add everything up: one output number.",
        "With an image (H, W) and a filter (kh, kw) the output has H − kh + 1 rows and W − kw + 1 columns. The "
        "window at (i, j) is `image[i:i + kh, j:j + kw]`.",
        "`kh, kw = kernel.shape`; `out = np.zeros((image.shape[0] - kh + 1, image.shape[1] - kw + 1))`; "
        "two loops over i and j with `out[i, j] = np.sum(image[i:i + kh, j:j + kw] * kernel)`; `return out`.",
    ),
    cases=(
        Case("an 8×8 image, a 3×3 filter", (_RNG.normal(size=(8, 8)), _RNG.normal(size=(3, 3))), atol=1e-10),
        Case(
            "a 5×7 image, a 2×4 filter (not square)", (_RNG.normal(size=(5, 7)), _RNG.normal(size=(2, 4))), atol=1e-10
        ),
        Case(
            "the filter as large as the image: one output",
            (_RNG.normal(size=(3, 3)), _RNG.normal(size=(3, 3))),
            atol=1e-10,
        ),  # fmt: skip
        Case("a 1×1 filter: every pixel times 2", (_RNG.normal(size=(4, 5)), np.array([[2.0]])), atol=1e-10),
        Case(
            "a digit-like image and a vertical-edge filter [[1, 0, -1]] * 3 rows",
            (_RNG.uniform(0, 1, size=(8, 8)), np.array([[1.0, 0.0, -1.0]] * 3)),
            atol=1e-10,
        ),
        Case("a 6×4 image, a 3×1 filter", (_RNG.normal(size=(6, 4)), _RNG.normal(size=(3, 1))), atol=1e-10),
    ),
    compare=ArrayOutput("out"),
)


def _rnn_parameters(n_x: int, n_a: int, n_y: int, scale: float = 0.7) -> dict:
    shapes = {"Wax": (n_a, n_x), "Waa": (n_a, n_a), "ba": (n_a, 1), "Wya": (n_y, n_a), "by": (n_y, 1)}
    return {key: _RNG.normal(scale=scale, size=shape) for key, shape in shapes.items()}


def _rnn_case(name: str, n_x: int, n_a: int, n_y: int, m: int, zero_state: bool = False, scale: float = 0.7):
    a_prev = np.zeros((n_a, m)) if zero_state else _RNG.normal(size=(n_a, m))
    return Case(name, (_RNG.normal(size=(n_x, m)), a_prev, _rnn_parameters(n_x, n_a, n_y, scale)), atol=1e-10)


RNN_CELL_FORWARD = Exercise(
    "rnn_cell_forward",
    reference=recurrent.rnn_cell_forward,
    hints=(
        "Two lines: the new state mixes the input and the previous state, then squashes with tanh; the output is a "
        "linear function of the new state.",
        "`a_next = np.tanh(Wax @ x_t + Waa @ a_prev + ba)` with the arrays from `parameters`; `y_t = Wya @ a_next "
        "+ by`, with no activation. Return both, in that order.",
        "`p = parameters`; `a_next = np.tanh(p['Wax'] @ x_t + p['Waa'] @ a_prev + p['ba'])`; "
        "`return a_next, p['Wya'] @ a_next + p['by']`",
    ),
    cases=(
        _rnn_case("n_x = 3, n_a = 5, n_y = 2, m = 4 sequences", 3, 5, 2, 4),
        _rnn_case("n_x = n_a = 3 (square weights), n_y = 1, m = 2", 3, 3, 1, 2),
        _rnn_case("the first step: a_prev all zeros", 2, 4, 2, 3, zero_state=True),
        _rnn_case("one sequence (m = 1)", 4, 3, 3, 1),
        _rnn_case("large weights: tanh saturates", 3, 4, 2, 5, scale=5.0),
    ),
    compare=ArrayTupleOutput(("a_next", "y_t")),
)

EXERCISES = [CONV2D, RNN_CELL_FORWARD]
