"""The convolutional and max-pooling layers nnlib trains with: one matrix product per layer.

Private, like ``_fast``: the lesson's readable versions, plain loops over the output positions,
are ``nnlib.conv.conv_forward``, ``conv_backward``, ``max_pool_forward`` and ``max_pool_backward``;
``tests/test_fast_conv.py`` holds these to them. Same shapes, same gradient convention (``dZ`` per
example, ``dW`` and ``db`` averaged over the m examples), different caches.

How: the images are padded and stored channels last, ``(m, H + 2 pad, W + 2 pad, C)``;
``sliding_window_view`` gives every (kh, kw) window as a view; copied into a matrix of one row per
(image, position) and one column per (filter entry, channel) (often called *im2col*), plus a
column of 1s for the bias, the whole layer is one product, ``windows @ filters`` with the filters
as a (kh * kw * C + 1, F) matrix. Backwards, ``dW`` and ``db`` are the transposed product, image by
image; ``dA_prev`` adds kh * kw shifted blocks, one per filter entry, on a flat grid of the images
where each shift is one slice (``_image_gradient``). The products are taken image by image (one
call of ``np.matmul`` on the stack of images): each is then small enough for OpenBLAS to compute on
the calling thread. One product for the whole batch goes to OpenBLAS's threads, which keep spinning
for a while after each call; on a 2-core machine shared with other work, the whole step took 2 to
5 times longer that way (benchmarks/RESULTS.md).
Max-pooling reshapes the maps into blocks and takes ``argmax`` per block (the first maximum in
row-major order on ties, as the loops do).
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

__all__ = ["conv_forward", "conv_backward", "max_pool_forward", "max_pool_backward"]

_BLOCK_BYTES = 1 << 20  # gradients formed at a time, small enough to stay in a core's cache (``_image_gradient``)


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

    Channels last inside (each window's entries are then runs of C contiguous numbers). Each row
    of the window matrix ends with a 1, whose weight is the bias: the product adds ``b`` too.
    ``Z`` is returned as a transposed view of the product, in the lesson's (m, F, H_out, W_out) order.
    """
    F, C, kh, kw = W.shape
    A_pad = _padded_channels_last(A_prev, pad)
    m, H_out, W_out = A_pad.shape[0], A_pad.shape[1] - kh + 1, A_pad.shape[2] - kw + 1
    windows = sliding_window_view(A_pad, (kh, kw), axis=(1, 2))  # (m, H_out, W_out, C, kh, kw), a view
    columns = np.empty((m * H_out * W_out, kh * kw * C + 1), dtype=A_prev.dtype)
    columns[:, -1] = 1
    columns[:, :-1].reshape(m, H_out, W_out, kh, kw, C)[...] = windows.transpose(0, 1, 2, 4, 5, 3)  # the one copy
    filters = np.concatenate([_filter_matrix(W), b.reshape(1, F)])  # (kh * kw * C + 1, F)
    Z_rows = np.matmul(columns.reshape(m, H_out * W_out, -1), filters)  # image by image: small products
    return Z_rows.reshape(m, H_out, W_out, F).transpose(0, 3, 1, 2), (A_prev.shape, W, pad, columns)


def conv_backward(dZ: np.ndarray, cache, need_dA_prev: bool = True):
    """``nnlib.conv.conv_backward`` with matrix products: dA_prev (or None), dW, db.

    Image by image, ``dZ`` (F, positions) times the image's rows of the window matrix (positions,
    kh * kw * C + 1), summed over the images, gives ``dW`` and, in its last column (the weight of
    the 1s), ``db``. ``dA_prev`` comes from ``_image_gradient``.
    ``need_dA_prev=False`` skips it (nobody needs the gradient of the data).
    """
    (m, C, H, W_in), W, pad, columns = cache
    F, _, kh, kw = W.shape
    H_out, W_out = dZ.shape[2], dZ.shape[3]
    dZ_maps = dZ.reshape(m, F, H_out * W_out)  # a view when dZ is contiguous, as it comes from the next layer
    grads = np.matmul(dZ_maps, columns.reshape(m, H_out * W_out, -1)).sum(axis=0) / m  # (F, kh * kw * C + 1)
    dW = grads[:, :-1].reshape(F, kh, kw, C).transpose(0, 3, 1, 2)
    db = grads[:, -1].reshape(F, 1, 1)
    if not need_dA_prev:
        return None, dW, db
    return _image_gradient(dZ, W, (m, C, H, W_in), pad), dW, db


def _shared_padding_grid(H: int, W: int, H_out: int, W_out: int, pad: int) -> tuple[int, int]:
    """The rows and columns (Hg, Wg) each image takes in ``_image_gradient``'s flat grid.

    Each image is followed by at least ``pad`` zero rows and ``pad`` zero columns, which are also
    the padding above and to the left of the next image (and of the next row): (H + pad, W + pad),
    widened where the output is larger, so that every output position has a cell of its own.
    """
    return max(H + pad, H_out), max(W + pad, W_out)


def _image_gradient(dZ: np.ndarray, W: np.ndarray, image_shape: tuple, pad: int) -> np.ndarray:
    """``dA_prev`` (m, C, H, W): each filter entry's share of ``dZ`` added back to the pixels it met.

    The images are laid out in one flat grid of cells per channel (``_shared_padding_grid``):
    output position (i, j) of image n is cell ``q = n * Hg * Wg + i * Wg + j``, and the padded
    pixel that filter entry (u, v) met there is cell ``q + u * Wg + v`` (the pixels start at cell
    ``pad * Wg + pad``). So filter entry (u, v)'s gradients, ``W[:, :, u, v].T @ dZ_grid`` (C, cells),
    go back to the pixels by one addition of rows shifted by ``u * Wg + v``. Cells that are no
    output position hold 0 in ``dZ_grid`` and add nothing. The products are taken image by image,
    for a group of images whose gradients fill about ``_BLOCK_BYTES``, added while in the cache.
    """
    m, C, H, W_in = image_shape
    F, _, kh, kw = W.shape
    H_out, W_out = dZ.shape[2], dZ.shape[3]
    Hg, Wg = _shared_padding_grid(H, W_in, H_out, W_out, pad)
    cells, first = Hg * Wg, pad * Wg + pad  # cells per image; the cell of image 0's pixel (0, 0)
    shifts = [u * Wg + v for u in range(kh) for v in range(kw)]
    dtype = np.result_type(dZ, W)
    dZ_grid = np.zeros((F, m, Hg, Wg), dtype=dtype)
    dZ_grid[:, :, :H_out, :W_out] = dZ.transpose(1, 0, 2, 3)
    dZ_grid = dZ_grid.reshape(F, m, cells)
    entries = W.transpose(2, 3, 1, 0).reshape(kh * kw * C, F)  # row (u, v, c) is W[:, c, u, v]
    dA_grid = np.zeros((C, m * cells + max(shifts[-1], first)), dtype=dtype)
    group = max(1, min(m, _BLOCK_BYTES // (kh * kw * C * cells * dtype.itemsize)))  # images at a time
    grads = np.empty((kh * kw * C, group, cells), dtype=dtype)  # filter entry and channel, image, cell
    for start in range(0, m, group):
        n = min(group, m - start)
        np.matmul(entries, dZ_grid[:, start : start + n].transpose(1, 0, 2), out=grads[:, :n].transpose(1, 0, 2))
        for k, shift in enumerate(shifts):
            begin = start * cells + shift
            dA_grid[:, begin : begin + n * cells] += grads[k * C : (k + 1) * C, :n].reshape(C, n * cells)
    pixels = dA_grid[:, first : first + m * cells].reshape(C, m, Hg, Wg)[:, :, :H, :W_in]
    return pixels.transpose(1, 0, 2, 3)


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
