"""Lesson 17: conv2d, rnn_cell_forward: right answers written differently.

The wrong answers are in the catalogue, nnlib/checks/mistakes/architectures.py.
"""

import numpy as np


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


def rnn_einsum(x_t, a_prev, parameters):
    p = parameters
    z = np.einsum("ij,jm->im", p["Wax"], x_t) + np.einsum("ij,jm->im", p["Waa"], a_prev) + p["ba"]
    a_next = np.tanh(z)
    return a_next, np.einsum("ij,jm->im", p["Wya"], a_next) + p["by"]


CORRECT = {
    "conv2d": [conv_textbook, conv_over_filter_entries, conv_sliding_windows],
    "rnn_cell_forward": [rnn_textbook, rnn_stacked, rnn_einsum],
}
