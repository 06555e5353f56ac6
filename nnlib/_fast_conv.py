"""The convolutional and max-pooling layers nnlib trains with: one matrix product per layer.

Private, like ``_fast``: the lesson's readable versions, plain loops over the output positions,
are ``nnlib.conv.conv_forward``, ``conv_backward``, ``max_pool_forward`` and ``max_pool_backward``;
``tests/test_fast_conv.py`` holds these to them. Same shapes, same gradient convention (``dZ`` per
example, ``dW`` and ``db`` averaged over the m examples), different caches.

How: the images are padded and stored channels last, ``(m, H + 2 pad, W + 2 pad, C)``;
``sliding_window_view`` gives every (kh, kw) window as a view; copied into a matrix of one row per
(image, position) and one column per (filter entry, channel) (often called *im2col*), the whole
layer is one product, ``windows @ filters`` with the filters as a (kh * kw * C, F) matrix.
Backwards, ``dW`` is the transposed product, and ``dA_prev`` adds kh * kw shifted blocks, one
product of ``dZ`` with each filter entry's (F, C) slice.
Max-pooling reshapes the maps into blocks and takes ``argmax`` per block (the first maximum in
row-major order on ties, as the loops do).
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

__all__ = ["conv_forward", "conv_backward", "max_pool_forward", "max_pool_backward"]


def _padded_channels_last(A: np.ndarray, pad: int) -> np.ndarray:
    """``A`` (m, C, H, W) zero-padded and stored channels last, (m, H + 2 pad, W + 2 pad, C): one copy for both."""
    m, C, H, W = A.shape
    padded = np.zeros((m, H + 2 * pad, W + 2 * pad, C), dtype=A.dtype)
    padded[:, pad : pad + H, pad : pad + W, :] = A.transpose(0, 2, 3, 1)
    return padded


def _filter_matrix(W: np.ndarray) -> np.ndarray:
    """The filters (F, C, kh, kw) as a matrix (kh * kw * C, F), rows in the window matrix's column order."""
    F, C, kh, kw = W.shape
    return W.transpose(2, 3, 1, 0).reshape(kh * kw * C, F)


def conv_forward(A_prev: np.ndarray, W: np.ndarray, b: np.ndarray, pad: int = 0):
    """``nnlib.conv.conv_forward`` with one matrix product: Z (m, F, H_out, W_out) and a cache.

    Channels last inside (each window's entries are then runs of C contiguous numbers); ``Z`` is
    returned as a transposed view of the product, in the lesson's (m, F, H_out, W_out) order.
    """
    F, C, kh, kw = W.shape
    A_pad = _padded_channels_last(A_prev, pad)
    m, H_out, W_out = A_pad.shape[0], A_pad.shape[1] - kh + 1, A_pad.shape[2] - kw + 1
    windows = sliding_window_view(A_pad, (kh, kw), axis=(1, 2))  # (m, H_out, W_out, C, kh, kw), a view
    columns = windows.transpose(0, 1, 2, 4, 5, 3).reshape(m * H_out * W_out, kh * kw * C)  # the one copy
    Z_rows = columns @ _filter_matrix(W)  # (m * H_out * W_out, F)
    Z_rows += b.reshape(1, F)
    return Z_rows.reshape(m, H_out, W_out, F).transpose(0, 3, 1, 2), (A_prev.shape, W, pad, columns)


def conv_backward(dZ: np.ndarray, cache, need_dA_prev: bool = True):
    """``nnlib.conv.conv_backward`` with matrix products: dA_prev (or None), dW, db.

    ``dW`` is the window matrix's transpose times ``dZ``; for ``dA_prev``, each filter entry (u, v)
    sends ``dZ @ W[:, :, u, v]`` back to the pixels it met (kh * kw shifted blocks, added), then the
    padding is cropped.
    ``need_dA_prev=False`` skips it (nobody needs the gradient of the data).
    """
    (m, C, H, W_in), W, pad, columns = cache
    F, _, kh, kw = W.shape
    H_out, W_out = dZ.shape[2], dZ.shape[3]
    dZ_rows = dZ.transpose(0, 2, 3, 1).reshape(m * H_out * W_out, F)  # free when dZ came from conv_forward's view
    dW = (columns.T @ dZ_rows).reshape(kh, kw, C, F).transpose(3, 2, 0, 1) / m
    db = (np.ones(dZ_rows.shape[0], dtype=dZ_rows.dtype) @ dZ_rows).reshape(F, 1, 1) / m  # a sum over rows, by BLAS
    if not need_dA_prev:
        return None, dW, db
    # One product per filter entry (u, v), stacked: (kh * kw, m * H_out * W_out, C), each a contiguous block.
    window_grads = np.matmul(dZ_rows, W.transpose(2, 3, 0, 1).reshape(kh * kw, F, C))
    window_grads = window_grads.reshape(kh, kw, m, H_out, W_out, C)
    dA_pad = np.zeros((m, H + 2 * pad, W_in + 2 * pad, C), dtype=window_grads.dtype)
    for u in range(kh):
        for v in range(kw):
            dA_pad[:, u : u + H_out, v : v + W_out, :] += window_grads[u, v]
    return dA_pad[:, pad : pad + H, pad : pad + W_in, :].transpose(0, 3, 1, 2), dW, db


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
