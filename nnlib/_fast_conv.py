"""The convolutional and max-pooling layers nnlib trains with: one matrix product per layer.

Private, like ``_fast``: the lesson's readable versions, plain loops over the output positions,
are ``nnlib.conv.conv_forward``, ``conv_backward``, ``max_pool_forward`` and ``max_pool_backward``;
``tests/test_fast_conv.py`` holds these to them. Same shapes, same gradient convention (``dZ`` per
example, ``dW`` and ``db`` averaged over the m examples), different caches.

How: ``sliding_window_view`` gives every (kh, kw) window of the padded images as a view; copied
into a matrix of one row per (image, position) and one column per (channel, filter entry) (often
called *im2col*), the whole layer is ``windows @ W.reshape(F, -1).T``. Backwards, ``dW`` is the
transposed product, and ``dA_prev`` is a 'full' convolution of ``dZ`` (padded by ``kh - 1`` and
``kw - 1``) with the filters turned by 180° and their channel axes swapped: the same forward code.
Max-pooling reshapes the maps into blocks and takes ``argmax`` per block (the first maximum in
row-major order on ties, as the loops do).
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

__all__ = ["conv_forward", "conv_backward", "max_pool_forward", "max_pool_backward"]


def _window_matrix(A_pad: np.ndarray, kh: int, kw: int) -> np.ndarray:
    """Every (kh, kw) window of ``A_pad`` (m, C, Hp, Wp) as a row: (m * H_out * W_out, C * kh * kw)."""
    windows = sliding_window_view(A_pad, (kh, kw), axis=(2, 3))  # (m, C, H_out, W_out, kh, kw), a view
    m, C, H_out, W_out = windows.shape[:4]
    return windows.transpose(0, 2, 3, 1, 4, 5).reshape(m * H_out * W_out, C * kh * kw)


def _correlate(A_pad: np.ndarray, W: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The 'valid' cross-correlation of ``A_pad`` (m, C, Hp, Wp) with ``W`` (F, C, kh, kw), no bias:
    (m, F, H_out, W_out), and the window matrix it was computed from."""
    F, _, kh, kw = W.shape
    m, H_out, W_out = A_pad.shape[0], A_pad.shape[2] - kh + 1, A_pad.shape[3] - kw + 1
    columns = _window_matrix(A_pad, kh, kw)
    Z = (columns @ W.reshape(F, -1).T).reshape(m, H_out, W_out, F).transpose(0, 3, 1, 2)
    return Z, columns


def _pad(A: np.ndarray, rows: int, columns: int) -> np.ndarray:
    if rows == 0 and columns == 0:
        return A
    return np.pad(A, ((0, 0), (0, 0), (rows, rows), (columns, columns)))


def conv_forward(A_prev: np.ndarray, W: np.ndarray, b: np.ndarray, pad: int = 0):
    """``nnlib.conv.conv_forward`` with one matrix product: Z (m, F, H_out, W_out) and a cache."""
    Z, columns = _correlate(_pad(A_prev, pad, pad), W)
    return Z + b, (A_prev.shape, W, pad, columns)


def conv_backward(dZ: np.ndarray, cache, need_dA_prev: bool = True):
    """``nnlib.conv.conv_backward`` with matrix products: dA_prev (or None), dW, db.

    ``need_dA_prev=False`` skips the gradient of the input (nobody needs the gradient of the data).
    """
    A_shape, W, pad, columns = cache
    m, F, H_out, W_out = dZ.shape
    _, C, kh, kw = W.shape
    dZ_rows = dZ.transpose(0, 2, 3, 1).reshape(m * H_out * W_out, F)
    dW = (dZ_rows.T @ columns).reshape(W.shape) / m
    db = dZ.sum(axis=(0, 2, 3)).reshape(F, 1, 1) / m
    if not need_dA_prev:
        return None, dW, db
    turned = np.ascontiguousarray(W[:, :, ::-1, ::-1].transpose(1, 0, 2, 3))  # (C, F, kh, kw)
    dA_pad, _ = _correlate(_pad(dZ, kh - 1, kw - 1), turned)  # (m, C, H + 2 pad, W + 2 pad)
    H, W_in = A_shape[2], A_shape[3]
    return dA_pad[:, :, pad : pad + H, pad : pad + W_in], dW, db


def max_pool_forward(A: np.ndarray, size: int = 2):
    """``nnlib.conv.max_pool_forward`` without loops: P (m, C, H // size, W // size) and a cache."""
    m, C, H, W = A.shape
    H_out, W_out = H // size, W // size
    blocks = A[:, :, : H_out * size, : W_out * size].reshape(m, C, H_out, size, W_out, size)
    blocks = blocks.transpose(0, 1, 2, 4, 3, 5).reshape(m, C, H_out, W_out, size * size)
    first_max = blocks.argmax(axis=-1)[..., None]  # row-major within each block: the first maximum on ties
    P = np.take_along_axis(blocks, first_max, axis=-1)[..., 0]
    return P, (A.shape, size, first_max)


def max_pool_backward(dP: np.ndarray, cache) -> np.ndarray:
    """``nnlib.conv.max_pool_backward`` without loops: dA (m, C, H, W)."""
    (m, C, H, W), size, first_max = cache
    H_out, W_out = dP.shape[2], dP.shape[3]
    blocks = np.zeros((m, C, H_out, W_out, size * size), dtype=dP.dtype)
    np.put_along_axis(blocks, first_max, dP[..., None], axis=-1)
    dA = np.zeros((m, C, H, W), dtype=dP.dtype)
    dA[:, :, : H_out * size, : W_out * size] = (
        blocks.reshape(m, C, H_out, W_out, size, size)
        .transpose(0, 1, 2, 4, 3, 5)
        .reshape(m, C, H_out * size, W_out * size)
    )
    return dA
