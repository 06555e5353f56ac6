"""Known mistakes of lesson 17, Architectures: `conv2d`, `rnn_cell_forward`."""

from __future__ import annotations

import numpy as np

from nnlib.checks.exercise import Mistake

# --- conv2d ------------------------------------------------------------------


def _slide(image, kernel, rows, columns, value):
    kh, kw = kernel.shape
    out = np.zeros((rows, columns))
    for i in range(rows):
        for j in range(columns):
            out[i, j] = value(image[i : i + kh, j : j + kw], kernel)
    return out


def _valid_size(image, kernel):
    return image.shape[0] - kernel.shape[0] + 1, image.shape[1] - kernel.shape[1] + 1


def conv_flipped(image, kernel):
    return _slide(image, kernel, *_valid_size(image, kernel), lambda window, k: np.sum(window * k[::-1, ::-1]))


def conv_same_padding(image, kernel):
    kh, kw = kernel.shape
    padded = np.pad(image, ((kh // 2, (kh - 1) // 2), (kw // 2, (kw - 1) // 2)))
    return _slide(padded, kernel, *image.shape, lambda window, k: np.sum(window * k))


def conv_one_short(image, kernel):
    rows, columns = _valid_size(image, kernel)
    return _slide(image, kernel, rows - 1, columns - 1, lambda window, k: np.sum(window * k))


def conv_product_of_sums(image, kernel):
    return _slide(image, kernel, *_valid_size(image, kernel), lambda window, k: np.sum(window) * np.sum(k))


def conv_matrix_product(image, kernel):
    return _slide(image, kernel, *_valid_size(image, kernel), lambda window, k: np.sum(window @ k.T))


def conv_mean(image, kernel):
    return _slide(image, kernel, *_valid_size(image, kernel), lambda window, k: np.mean(window * k))


def conv_max(image, kernel):
    return _slide(image, kernel, *_valid_size(image, kernel), lambda window, k: np.max(window * k))


def conv_transposed(image, kernel):
    rows, columns = _valid_size(image, kernel)
    return _slide(image, kernel, rows, columns, lambda window, k: np.sum(window * k)).T


def conv_stride_of_filter_size(image, kernel):
    kh, kw = kernel.shape
    rows, columns = image.shape[0] // kh, image.shape[1] // kw
    out = np.zeros((rows, columns))
    for i in range(rows):
        for j in range(columns):
            out[i, j] = np.sum(image[i * kh : (i + 1) * kh, j * kw : (j + 1) * kw] * kernel)
    return out


def conv_sizes_swapped(image, kernel):
    kh, kw = kernel.shape
    out = np.zeros((image.shape[0] - kh + 1, image.shape[1] - kw + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(image[i : i + kw, j : j + kh] * kernel)
    return out


def conv_int_output(image, kernel):
    kh, kw = kernel.shape
    out = np.zeros((image.shape[0] - kh + 1, image.shape[1] - kw + 1), dtype=int)
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(image[i : i + kh, j : j + kw] * kernel)
    return out


# --- rnn_cell_forward --------------------------------------------------------


def _rnn(x_t, a_prev, p, g=np.tanh, bias=True, memory=True, old=False, out=None, out_bias=True):
    a_next = g(p["Wax"] @ x_t + (p["Waa"] @ a_prev if memory else 0) + (p["ba"] if bias else 0))
    y_t = p["Wya"] @ (a_prev if old else a_next) + (p["by"] if out_bias else 0)
    return a_next, y_t if out is None else out(y_t)


def rnn_sigmoid(x_t, a_prev, parameters):
    return _rnn(x_t, a_prev, parameters, g=lambda z: 1 / (1 + np.exp(-z)))


def rnn_relu(x_t, a_prev, parameters):
    return _rnn(x_t, a_prev, parameters, g=lambda z: np.maximum(0, z))


def rnn_swapped(x_t, a_prev, parameters):
    p = parameters
    a_next = np.tanh(p["Waa"] @ x_t + p["Wax"] @ a_prev + p["ba"])
    return a_next, p["Wya"] @ a_next + p["by"]


def rnn_elementwise(x_t, a_prev, parameters):
    p = parameters
    a_next = np.tanh(p["Wax"] * x_t + p["Waa"] * a_prev + p["ba"])
    return a_next, p["Wya"] * a_next + p["by"]


def rnn_no_bias(x_t, a_prev, parameters):
    return _rnn(x_t, a_prev, parameters, bias=False)


def rnn_no_output_bias(x_t, a_prev, parameters):
    return _rnn(x_t, a_prev, parameters, out_bias=False)


def rnn_no_memory(x_t, a_prev, parameters):
    return _rnn(x_t, a_prev, parameters, memory=False)


def rnn_output_from_old_state(x_t, a_prev, parameters):
    return _rnn(x_t, a_prev, parameters, old=True)


def rnn_tanh_output(x_t, a_prev, parameters):
    return _rnn(x_t, a_prev, parameters, out=np.tanh)


def rnn_softmax_output(x_t, a_prev, parameters):
    return _rnn(x_t, a_prev, parameters, out=lambda z: np.exp(z) / np.sum(np.exp(z), axis=0, keepdims=True))


def rnn_outputs_swapped(x_t, a_prev, parameters):
    a_next, y_t = _rnn(x_t, a_prev, parameters)
    return y_t, a_next


def rnn_state_only(x_t, a_prev, parameters):
    return _rnn(x_t, a_prev, parameters)[0]


_NO_ACTIVATION_ON_Y = "the output `y_t` is the score `Wya @ a_next + by` itself, with no activation on it"
_SHAPES = "shapes do not fit together"

MISTAKES = {
    "conv2d": (
        Mistake(
            conv_flipped,
            "the filter is flipped: what deep learning calls a convolution slides the filter as it is "
            "(a cross-correlation), `np.sum(window * kernel)`",
        ),
        Mistake(
            conv_same_padding,
            "this is a 'same' convolution, padded to the image's size; 'valid' keeps the filter inside the image, "
            "an output of (H − kh + 1, W − kw + 1)",
        ),
        Mistake(
            conv_one_short, "one position short: there are H − kh + 1 positions for the filter, `range(H - kh + 1)`"
        ),
        Mistake(
            conv_product_of_sums,
            "the window's sum times the filter's sum is not the convolution: multiply entry by entry, then sum, "
            "`np.sum(window * kernel)`",
        ),
        Mistake(
            conv_matrix_product,
            "`@` is a matrix product; the convolution multiplies entry by entry, `window * kernel`, then sums",
        ),
        Mistake(
            conv_mean,
            "`np.mean` divides the sum by kh × kw, the filter's size; each output is the plain sum "
            "`np.sum(window * kernel)`",
        ),
        Mistake(conv_max, "`np.max` keeps the largest product only; each output is the sum of all of them, `np.sum`"),
        Mistake(
            conv_transposed,
            "the output is transposed: row i of the output is the filter's position i down the image, `out[i, j]`",
        ),
        Mistake(
            conv_stride_of_filter_size,
            "the filter jumps by its own size (a stride of kh, kw, as in pooling); a 'valid' convolution moves it "
            "one pixel at a time, `image[i:i + kh, j:j + kw]` for every i and j",
        ),
        Mistake(conv_sizes_swapped, _SHAPES, shown_by="raises", outcome="your code raised"),
        Mistake(
            conv_int_output,
            "`dtype=int` makes an int array, so every sum is cut to an integer: `np.zeros(shape)` holds floats",
        ),
    ),
    "rnn_cell_forward": (
        Mistake(rnn_sigmoid, "the state uses tanh, not the sigmoid"),
        Mistake(rnn_relu, "the state uses tanh, not ReLU"),
        Mistake(rnn_swapped, _SHAPES, shown_by="raises", outcome="your code raised"),
        Mistake(rnn_elementwise, _SHAPES, shown_by="raises", outcome="your code raised"),
        Mistake(rnn_no_bias, "the bias `ba` is missing inside the tanh"),
        Mistake(rnn_no_output_bias, "the bias `by` of the output is missing: `y_t = Wya @ a_next + by`"),
        Mistake(rnn_no_memory, "the previous state is left out: `Waa @ a_prev` is what gives the cell its memory"),
        Mistake(
            rnn_output_from_old_state,
            "the output is computed from the previous state; use the new one, `Wya @ a_next + by`",
        ),
        Mistake(rnn_tanh_output, _NO_ACTIVATION_ON_Y),
        Mistake(rnn_softmax_output, _NO_ACTIVATION_ON_Y),
        Mistake(rnn_outputs_swapped, "the two results are swapped: return `a_next, y_t`, in that order"),
        Mistake(rnn_state_only, "`y_t` is missing: return both, `a_next, y_t`"),
    ),
}
