"""Lesson 17, Architectures: `conv2d` and `rnn_cell_forward`."""

from __future__ import annotations

import numpy as np

from nnlib import activations, conv, recurrent
from nnlib.checks.exercise import ArrayOutput, ArrayTupleOutput, Case, Exercise, Mistake

_RNG = np.random.default_rng(171)


def _correlate(image, kernel, flip=False, rows=None, columns=None, combine="multiply"):
    """A 'valid' slide of ``kernel`` over ``image`` with one familiar change."""
    kernel = np.flip(kernel) if flip else kernel
    kh, kw = kernel.shape
    rows = image.shape[0] - kh + 1 if rows is None else rows
    columns = image.shape[1] - kw + 1 if columns is None else columns
    out = np.zeros((rows, columns))
    for i in range(rows):
        for j in range(columns):
            window = image[i : i + kh, j : j + kw]
            if combine == "multiply":
                out[i, j] = np.sum(window * kernel)
            elif combine == "sums":
                out[i, j] = np.sum(window) * np.sum(kernel)
            else:
                out[i, j] = np.sum(window @ kernel.T if window.shape[1] == kernel.shape[1] else np.nan)
    return out


def _same(image, kernel):
    kh, kw = kernel.shape
    padded = np.pad(image, ((kh // 2, (kh - 1) // 2), (kw // 2, (kw - 1) // 2)))
    return _correlate(padded, kernel)


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
    mistakes=(
        Mistake(
            lambda image, kernel: _correlate(image, kernel, flip=True),
            "the filter is flipped: what deep learning calls a convolution slides the filter as it is "
            "(a cross-correlation), `np.sum(window * kernel)`",
        ),
        Mistake(
            _same,
            "this is a 'same' convolution, padded to the image's size; 'valid' keeps the filter inside the image, "
            "an output of (H − kh + 1, W − kw + 1)",
        ),
        Mistake(
            lambda image, kernel: _correlate(
                image, kernel, rows=image.shape[0] - kernel.shape[0], columns=image.shape[1] - kernel.shape[1]
            ),  # fmt: skip
            "one position short: there are H − kh + 1 positions for the filter, `range(H - kh + 1)`",
        ),
        Mistake(
            lambda image, kernel: _correlate(image, kernel, combine="sums"),
            "the window's sum times the filter's sum is not the convolution: multiply entry by entry, then sum, "
            "`np.sum(window * kernel)`",
        ),
        Mistake(
            lambda image, kernel: _correlate(image, kernel, combine="matmul"),
            "`@` is a matrix product; the convolution multiplies entry by entry, `window * kernel`, then sums",
        ),
    ),
)


def _rnn_parameters(n_x: int, n_a: int, n_y: int, scale: float = 0.7) -> dict:
    shapes = {"Wax": (n_a, n_x), "Waa": (n_a, n_a), "ba": (n_a, 1), "Wya": (n_y, n_a), "by": (n_y, 1)}
    return {key: _RNG.normal(scale=scale, size=shape) for key, shape in shapes.items()}


def _rnn_case(name: str, n_x: int, n_a: int, n_y: int, m: int, zero_state: bool = False, scale: float = 0.7):
    a_prev = np.zeros((n_a, m)) if zero_state else _RNG.normal(size=(n_a, m))
    return Case(name, (_RNG.normal(size=(n_x, m)), a_prev, _rnn_parameters(n_x, n_a, n_y, scale)), atol=1e-10)


def _cell(x_t, a_prev, p, g=np.tanh, swap=False, bias=True, memory=True, out_from="new", out_g=None):
    Wx, Wa = (p["Waa"], p["Wax"]) if swap else (p["Wax"], p["Waa"])
    z = Wx @ x_t + (Wa @ a_prev if memory else 0) + (p["ba"] if bias else 0)
    a_next = g(z)
    y_t = p["Wya"] @ (a_next if out_from == "new" else a_prev) + p["by"]
    return a_next, (out_g(y_t) if out_g else y_t)


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
    mistakes=(
        Mistake(lambda x, a, p: _cell(x, a, p, g=activations.sigmoid), "the state uses tanh, not the sigmoid"),
        Mistake(
            lambda x, a, p: _cell(x, a, p, g=lambda z: np.maximum(z, 0)),
            "the state uses tanh, not ReLU",
        ),
        Mistake(
            lambda x, a, p: _cell(x, a, p, swap=True),
            "`Wax` and `Waa` are swapped: `Wax` multiplies the input `x_t`, `Waa` the previous state `a_prev`",
        ),
        Mistake(lambda x, a, p: _cell(x, a, p, bias=False), "the bias `ba` is missing inside the tanh"),
        Mistake(
            lambda x, a, p: _cell(x, a, p, memory=False),
            "the previous state is left out: `Waa @ a_prev` is what gives the cell its memory",
        ),
        Mistake(
            lambda x, a, p: _cell(x, a, p, out_from="old"),
            "the output is computed from the previous state; use the new one, `Wya @ a_next + by`",
        ),
        Mistake(
            lambda x, a, p: _cell(x, a, p, out_g=np.tanh),
            "the output `y_t` is the score `Wya @ a_next + by` itself, with no activation on it",
        ),
        Mistake(
            lambda x, a, p: _cell(x, a, p, out_g=activations.softmax),
            "the output `y_t` is the score `Wya @ a_next + by` itself, with no activation on it",
        ),
    ),
)

EXERCISES = [CONV2D, RNN_CELL_FORWARD]
