"""Lesson 17: conv2d, rnn_cell_forward."""

import numpy as np

from checker_cases.types import Cases, Wrong


def conv_textbook(image, kernel):
    H, W = image.shape
    kh, kw = kernel.shape
    out = np.zeros((H - kh + 1, W - kw + 1))
    for i in range(H - kh + 1):
        for j in range(W - kw + 1):
            out[i, j] = np.sum(image[i : i + kh, j : j + kw] * kernel)
    return out


def conv_over_filter_entries(image, kernel):
    kh, kw = kernel.shape
    rows, columns = image.shape[0] - kh + 1, image.shape[1] - kw + 1
    out = np.zeros((rows, columns))
    for u in range(kh):
        for v in range(kw):
            out += kernel[u, v] * image[u : u + rows, v : v + columns]
    return out


def conv_sliding_windows(image, kernel):
    windows = np.lib.stride_tricks.sliding_window_view(image, kernel.shape)
    return np.tensordot(windows, kernel, axes=([2, 3], [0, 1]))


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


def conv_transposed(image, kernel):
    return conv_textbook(image, kernel).T


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


def conv_no_sum(image, kernel):
    return _slide(image, kernel, *_valid_size(image, kernel), lambda window, k: np.max(window * k))


def rnn_textbook(x_t, a_prev, parameters):
    Wax, Waa, Wya = parameters["Wax"], parameters["Waa"], parameters["Wya"]
    ba, by = parameters["ba"], parameters["by"]
    a_next = np.tanh(np.dot(Waa, a_prev) + np.dot(Wax, x_t) + ba)
    yt_pred = np.dot(Wya, a_next) + by
    return a_next, yt_pred


def rnn_stacked(x_t, a_prev, parameters):
    W = np.hstack([parameters["Waa"], parameters["Wax"]])
    a_next = np.tanh(W @ np.vstack([a_prev, x_t]) + parameters["ba"])
    return a_next, parameters["Wya"] @ a_next + parameters["by"]


def _rnn(x_t, a_prev, p, g=np.tanh, bias=True, memory=True, old=False, out=None, swap=False):
    Wx, Wa = (p["Waa"], p["Wax"]) if swap else (p["Wax"], p["Waa"])
    a_next = g(Wx @ x_t + (Wa @ a_prev if memory else 0) + (p["ba"] if bias else 0))
    y_t = p["Wya"] @ (a_prev if old else a_next) + p["by"]
    return a_next, y_t if out is None else out(y_t)


def rnn_sigmoid(x_t, a_prev, parameters):
    return _rnn(x_t, a_prev, parameters, g=lambda z: 1 / (1 + np.exp(-z)))


def rnn_relu(x_t, a_prev, parameters):
    return _rnn(x_t, a_prev, parameters, g=lambda z: np.maximum(0, z))


def rnn_swapped(x_t, a_prev, parameters):
    return _rnn(x_t, a_prev, parameters, swap=True)


def rnn_no_bias(x_t, a_prev, parameters):
    return _rnn(x_t, a_prev, parameters, bias=False)


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


CASES = {
    "conv2d": Cases(
        [conv_textbook, conv_over_filter_entries, conv_sliding_windows],
        [
            Wrong("filter flipped", conv_flipped, "the filter is flipped"),
            Wrong("same padding", conv_same_padding, "this is a 'same' convolution"),
            Wrong("one position short", conv_one_short, "one position short"),
            Wrong("product of sums", conv_product_of_sums, "the window's sum times the filter's sum"),
            Wrong("matrix product", conv_matrix_product, "`@` is a matrix product"),
            Wrong("output transposed", conv_transposed, "transpose"),
            Wrong("stride = filter size", conv_stride_of_filter_size, "must have shape (6, 6)"),
            Wrong("kh and kw swapped", conv_sizes_swapped, "shapes do not fit together", "your code raised"),
            Wrong("max instead of sum", conv_no_sum, "entries are wrong"),
        ],
    ),
    "rnn_cell_forward": Cases(
        [rnn_textbook, rnn_stacked],
        [
            Wrong("sigmoid", rnn_sigmoid, "not the sigmoid"),
            Wrong("ReLU", rnn_relu, "not ReLU"),
            Wrong("Wax and Waa swapped", rnn_swapped, "shapes do not fit together", "your code raised"),
            Wrong("no bias", rnn_no_bias, "the bias `ba` is missing"),
            Wrong("no memory", rnn_no_memory, "the previous state is left out"),
            Wrong("output from the old state", rnn_output_from_old_state, "computed from the previous state"),
            Wrong("tanh on the output", rnn_tanh_output, "with no activation on it"),
            Wrong("softmax on the output", rnn_softmax_output, "with no activation on it"),
            Wrong("outputs swapped", rnn_outputs_swapped, "`a_next` has shape"),
            Wrong("the state only", rnn_state_only, "must return a tuple (a_next, y_t)"),
        ],
    ),
}
