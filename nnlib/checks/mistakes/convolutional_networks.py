"""Known mistakes of lesson 18, Convolutional networks: `conv_forward`, `conv_backward`, `max_pool_forward`,
`max_pool_backward`."""

from __future__ import annotations

import numpy as np

from nnlib.checks.exercise import Mistake

# --- conv_forward --------------------------------------------------------------------------------


def _pad(A, pad):
    return np.pad(A, ((0, 0), (0, 0), (pad, pad), (pad, pad)))


def _filter_times_window(window, W, f):
    return np.sum(window * W[f])


def _slide(A_pad, W, b, H_out=None, W_out=None, value=_filter_times_window, dtype=None):
    """``Z[n, f, i, j] = value(window of image n at (i, j), W, f) + b[f]`` over images padded however the
    caller padded them (the sizes from ``A_pad`` unless given): ``Z`` (m, F, H_out, W_out)."""
    F, _, kh, kw = W.shape
    H_out = A_pad.shape[2] - kh + 1 if H_out is None else H_out
    W_out = A_pad.shape[3] - kw + 1 if W_out is None else W_out
    Z = np.zeros((A_pad.shape[0], F, H_out, W_out), dtype=dtype or A_pad.dtype)
    for n, f, i, j in np.ndindex(Z.shape):
        Z[n, f, i, j] = value(A_pad[n, :, i : i + kh, j : j + kw], W, f) + b[f, 0, 0]
    return Z


def conv_flipped_filters(A_prev, W, b, pad=0):
    return _slide(_pad(A_prev, pad), np.flip(W, axis=(2, 3)), b), (A_prev, W, b, pad)


def conv_no_bias(A_prev, W, b, pad=0):
    return _slide(_pad(A_prev, pad), W, np.zeros_like(b)), (A_prev, W, b, pad)


def conv_pad_like_channels_last(A_prev, W, b, pad=0):
    # The padding of the (m, H, W, C) assignment, kept for (m, C, H, W) images.
    A_pad = np.pad(A_prev, ((0, 0), (pad, pad), (pad, pad), (0, 0)))
    return _slide(A_pad, W, b), (A_prev, W, b, pad)


def conv_pad_every_axis(A_prev, W, b, pad=0):
    return _slide(np.pad(A_prev, pad), W, b), (A_prev, W, b, pad)


def conv_no_padding(A_prev, W, b, pad=0):
    return _slide(A_prev, W, b), (A_prev, W, b, pad)  # every window taken from `A_prev`, never padded


def conv_padding_in_the_corner(A_prev, W, b, pad=0):
    m, C, H, W_prev = A_prev.shape
    A_pad = np.zeros((m, C, H + 2 * pad, W_prev + 2 * pad), dtype=A_prev.dtype)
    A_pad[:, :, :H, :W_prev] = A_prev
    return _slide(A_pad, W, b), (A_prev, W, b, pad)


def conv_edge_padding(A_prev, W, b, pad=0):
    A_pad = np.pad(A_prev, ((0, 0), (0, 0), (pad, pad), (pad, pad)), mode="edge")
    return _slide(A_pad, W, b), (A_prev, W, b, pad)


def conv_one_short(A_prev, W, b, pad=0):
    H, W_prev, kh, kw = A_prev.shape[2], A_prev.shape[3], W.shape[2], W.shape[3]
    H_out, W_out = H + 2 * pad - kh, W_prev + 2 * pad - kw
    return _slide(_pad(A_prev, pad), W, b, H_out, W_out), (A_prev, W, b, pad)


def conv_sizes_without_padding(A_prev, W, b, pad=0):
    H, W_prev, kh, kw = A_prev.shape[2], A_prev.shape[3], W.shape[2], W.shape[3]
    H_out, W_out = H - kh + 1, W_prev - kw + 1
    return _slide(_pad(A_prev, pad), W, b, H_out, W_out), (A_prev, W, b, pad)


def conv_float64(A_prev, W, b, pad=0):
    # Z = np.zeros((m, F, H_out, W_out)): float64, whatever the images are.
    return _slide(_pad(A_prev, pad), W, b, dtype=np.float64), (A_prev, W, b, pad)


def conv_mean_of_window(A_prev, W, b, pad=0):
    def mean(window, W, f):
        return np.mean(window * W[f])

    return _slide(_pad(A_prev, pad), W, b, value=mean), (A_prev, W, b, pad)


def conv_every_filter(A_prev, W, b, pad=0):
    def every(window, W, f):
        return np.sum(window * W)  # `W`, not `W[f]`: (C, kh, kw) broadcasts against (F, C, kh, kw)

    return _slide(_pad(A_prev, pad), W, b, value=every), (A_prev, W, b, pad)


def conv_first_channel_only(A_prev, W, b, pad=0):
    def grey(window, W, f):
        return np.sum(window[0] * W[f, 0])

    return _slide(_pad(A_prev, pad), W, b, value=grey), (A_prev, W, b, pad)


def conv_channels_last_output(A_prev, W, b, pad=0):
    Z = _slide(_pad(A_prev, pad), W, b)
    return Z.transpose(0, 2, 3, 1), (A_prev, W, b, pad)  # Z as (m, H_out, W_out, F)


def conv_relu(A_prev, W, b, pad=0):
    return np.maximum(_slide(_pad(A_prev, pad), W, b), 0), (A_prev, W, b, pad)


def conv_caches_padded_images(A_prev, W, b, pad=0):
    A_pad = _pad(A_prev, pad)
    return _slide(A_pad, W, b), (A_pad, W, b, pad)


def conv_cache_without_pad(A_prev, W, b, pad=0):
    return _slide(_pad(A_prev, pad), W, b), (A_prev, W, b)


def conv_returns_Z_only(A_prev, W, b, pad=0):
    return _slide(_pad(A_prev, pad), W, b)


# --- conv_backward -------------------------------------------------------------------------------


def _sweep(dZ, A_pad, W, positions=None, flip=False, overwrite=(), swap=False, dtype=None):
    """``dA_pad`` (with its padding) and ``dW`` (summed over the examples), position by position of ``dZ``
    (the first ``positions`` rows and columns when given), with one familiar change."""
    m, F, kh, kw = dZ.shape[0], W.shape[0], W.shape[2], W.shape[3]
    kernels = np.flip(W, axis=(2, 3)) if flip else W
    dA_pad, dW = np.zeros(A_pad.shape, dtype=dtype or A_pad.dtype), np.zeros(W.shape, dtype=dtype or W.dtype)
    for i, j in np.ndindex(positions or dZ.shape[2:]):
        window = A_pad[:, :, i : i + kh, j : j + kw]
        for f in range(F):
            dz = dZ[:, f, i, j].reshape(m, 1, 1, 1)
            to_window, to_filter = dz * kernels[f], np.sum(dz * window, axis=0)
            if swap:
                to_window, to_filter = dz * window, np.sum(dz * kernels[f], axis=0)
            if "dA" in overwrite:
                dA_pad[:, :, i : i + kh, j : j + kw] = to_window
            else:
                dA_pad[:, :, i : i + kh, j : j + kw] += to_window
            dW[f] = to_filter if "dW" in overwrite else dW[f] + to_filter
    return dA_pad, dW


def _crop(dA_pad, A_prev, pad):
    return dA_pad[:, :, pad : pad + A_prev.shape[2], pad : pad + A_prev.shape[3]]


def _db(dZ, m):
    return np.sum(dZ, axis=(0, 2, 3)).reshape(-1, 1, 1) / m


def _backward(dZ, cache, **change):
    """``(dA_prev, dW, db)`` as the lesson asks, but for one ``change`` in the loop (options of :func:`_sweep`)."""
    A_prev, W, b, pad = cache
    m = dZ.shape[0]
    dA_pad, dW = _sweep(dZ, _pad(A_prev, pad), W, **change)
    return _crop(dA_pad, A_prev, pad), dW / m, _db(dZ, m)


def conv_back_not_averaged(dZ, cache):
    A_prev, W, b, pad = cache
    dA_pad, dW = _sweep(dZ, _pad(A_prev, pad), W)
    return _crop(dA_pad, A_prev, pad), dW, _db(dZ, 1)


def conv_back_dW_summed(dZ, cache):
    A_prev, W, b, pad = cache
    dA_pad, dW = _sweep(dZ, _pad(A_prev, pad), W)
    return _crop(dA_pad, A_prev, pad), dW, _db(dZ, dZ.shape[0])


def conv_back_db_summed(dZ, cache):
    A_prev, W, b, pad = cache
    dA_pad, dW = _sweep(dZ, _pad(A_prev, pad), W)
    return _crop(dA_pad, A_prev, pad), dW / dZ.shape[0], _db(dZ, 1)


def conv_back_m_from_channels(dZ, cache):
    A_prev, W, b, pad = cache
    m = A_prev.shape[1]  # lesson 08's habit: m in the columns
    dA_pad, dW = _sweep(dZ, _pad(A_prev, pad), W)
    return _crop(dA_pad, A_prev, pad), dW / m, _db(dZ, m)


def conv_back_db_flat(dZ, cache):
    A_prev, W, b, pad = cache
    dA_pad, dW = _sweep(dZ, _pad(A_prev, pad), W)
    return _crop(dA_pad, A_prev, pad), dW / dZ.shape[0], np.sum(dZ, axis=(0, 2, 3)) / dZ.shape[0]


def conv_back_db_keepdims(dZ, cache):
    A_prev, W, b, pad = cache
    m = dZ.shape[0]
    dA_pad, dW = _sweep(dZ, _pad(A_prev, pad), W)
    return _crop(dA_pad, A_prev, pad), dW / m, np.sum(dZ, axis=(0, 2, 3), keepdims=True) / m


def conv_back_db_axis_1(dZ, cache):
    A_prev, W, b, pad = cache
    m = dZ.shape[0]
    dA_pad, dW = _sweep(dZ, _pad(A_prev, pad), W)
    return _crop(dA_pad, A_prev, pad), dW / m, np.sum(dZ, axis=1, keepdims=True) / m


def conv_back_not_cropped(dZ, cache):
    A_prev, W, b, pad = cache
    dA_pad, dW = _sweep(dZ, _pad(A_prev, pad), W)
    return dA_pad, dW / dZ.shape[0], _db(dZ, dZ.shape[0])


def conv_back_crop_minus_pad(dZ, cache):
    A_prev, W, b, pad = cache
    dA_pad, dW = _sweep(dZ, _pad(A_prev, pad), W)
    return dA_pad[:, :, pad:-pad, pad:-pad], dW / dZ.shape[0], _db(dZ, dZ.shape[0])


def conv_back_crop_top_left(dZ, cache):
    A_prev, W, b, pad = cache
    H, W_prev = A_prev.shape[2:]
    dA_pad, dW = _sweep(dZ, _pad(A_prev, pad), W)
    return dA_pad[:, :, :H, :W_prev], dW / dZ.shape[0], _db(dZ, dZ.shape[0])


def conv_back_dA_averaged(dZ, cache):
    A_prev, W, b, pad = cache
    m = dZ.shape[0]
    dA_pad, dW = _sweep(dZ, _pad(A_prev, pad), W)
    return _crop(dA_pad, A_prev, pad) / m, dW / m, _db(dZ, m)


def conv_back_flipped_filters(dZ, cache):
    return _backward(dZ, cache, flip=True)


def conv_back_dA_overwritten(dZ, cache):
    return _backward(dZ, cache, overwrite=("dA",))


def conv_back_dW_overwritten(dZ, cache):
    return _backward(dZ, cache, overwrite=("dW",))


def conv_back_shares_swapped(dZ, cache):
    return _backward(dZ, cache, swap=True)


def conv_back_one_short(dZ, cache):
    A_prev, W, b, pad = cache
    H, W_prev, kh, kw = A_prev.shape[2], A_prev.shape[3], W.shape[2], W.shape[3]
    return _backward(dZ, cache, positions=(H + 2 * pad - kh, W_prev + 2 * pad - kw))  # the `+ 1` forgotten


def conv_back_wrong_order(dZ, cache):
    A_prev, W, b, pad = cache
    dA_pad, dW = _sweep(dZ, _pad(A_prev, pad), W)
    return dW / dZ.shape[0], _db(dZ, dZ.shape[0]), _crop(dA_pad, A_prev, pad)


def conv_back_float64(dZ, cache):
    # dA_pad = np.zeros(A_pad.shape), dW = np.zeros(W.shape): float64 whatever came in.
    return _backward(dZ, cache, dtype=np.float64)


def conv_back_scales_dZ_in_place(dZ, cache):
    A_prev, W, b, pad = cache
    m = dZ.shape[0]
    dZ /= m  # "average first", on the caller's array
    dA_pad, dW = _sweep(dZ, _pad(A_prev, pad), W)
    return _crop(dA_pad, A_prev, pad) * m, dW, _db(dZ, 1)


# --- max_pool_forward ----------------------------------------------------------------------------


def _pool(A, size, blocks=None, step=None, side=None, reduce=np.max, dtype=None):
    """``P[:, :, i, j]`` = ``reduce`` of the block of ``side`` rows and columns starting at ``(i * step, j * step)``,
    for ``blocks`` (rows, columns) blocks; by default, non-overlapping ``size``×``size`` blocks, the right ones."""
    side = side or size
    step = step or side
    H_p, W_p = blocks or (A.shape[2] // size, A.shape[3] // size)
    P = np.zeros((A.shape[0], A.shape[1], H_p, W_p), dtype=dtype or A.dtype)
    for i, j in np.ndindex(H_p, W_p):
        P[:, :, i, j] = reduce(A[:, :, i * step : i * step + side, j * step : j * step + side], axis=(2, 3))
    return P, (A, size)


def pool_overlapping(A, size=2):
    return _pool(A, size, blocks=(A.shape[2] - size + 1, A.shape[3] - size + 1), step=1)


def pool_starts_at_i(A, size=2):
    return _pool(A, size, step=1)


def pool_average(A, size=2):
    return _pool(A, size, reduce=np.mean)


def pool_sum(A, size=2):
    return _pool(A, size, reduce=np.sum)


def pool_always_two(A, size=2):
    return _pool(A, size, blocks=(A.shape[2] // 2, A.shape[3] // 2), side=2)


def pool_partial_blocks(A, size=2):
    return _pool(A, size, blocks=(int(np.ceil(A.shape[2] / size)), int(np.ceil(A.shape[3] / size))))


def pool_one_block_short(A, size=2):
    return _pool(A, size, blocks=((A.shape[2] - size) // size, (A.shape[3] - size) // size))


def pool_block_end_included(A, size=2):
    return _pool(A, size, step=size, side=size + 1)  # A[:, :, i * size:(i + 1) * size + 1, ...]


def pool_square_maps(A, size=2):
    return _pool(A, size, blocks=(A.shape[2] // size, A.shape[2] // size))


def pool_max_of_everything(A, size=2):
    def largest(blocks, axis):
        return np.max(blocks)  # no `axis`: one maximum over every image and channel

    return _pool(A, size, reduce=largest)


def pool_float64(A, size=2):
    # P = np.zeros((m, C, H // size, W // size)): float64, whatever the maps are.
    return _pool(A, size, dtype=np.float64)


def pool_argmax(A, size=2):
    m, C, H, W = A.shape
    P = np.zeros((m, C, H // size, W // size), dtype=A.dtype)
    for n, c, i, j in np.ndindex(P.shape):
        P[n, c, i, j] = np.argmax(A[n, c, i * size : (i + 1) * size, j * size : (j + 1) * size])
    return P, (A, size)


def pool_reshape_wrong_axes(A, size=2):
    m, C, H, W = A.shape
    blocks = A[:, :, : H // size * size, : W // size * size].reshape(m, C, H // size, size, W // size, size)
    return blocks.max(axis=(2, 4)), (A, size)


def pool_caches_output(A, size=2):
    P, _ = _pool(A, size)
    return P, (P, size)


def pool_returns_P_only(A, size=2):
    return _pool(A, size)[0]


# --- max_pool_backward ---------------------------------------------------------------------------


def _first_maximum(block):
    """1 at the block's first maximum (row by row), 0 elsewhere."""
    mask = np.zeros(block.shape, dtype=block.dtype)
    mask.flat[np.argmax(block)] = 1
    return mask


def _route(dP, cache, share, step=None, side=None):
    """``dA`` from ``share(block, dp)``, what block (i, j), ``side`` rows and columns from ``(i * step, j * step)``,
    sends back to its entries."""
    A, size = cache
    side = side or size
    step = step or side
    dA = np.zeros_like(A)
    for n, c, i, j in np.ndindex(dP.shape):
        rows, columns = slice(i * step, i * step + side), slice(j * step, j * step + side)
        dA[n, c, rows, columns] += share(A[n, c, rows, columns], dP[n, c, i, j])
    return dA


def pool_back_every_tie(dP, cache):
    return _route(dP, cache, lambda block, dp: (block == np.max(block)) * dp)


def pool_back_last_tie(dP, cache):
    def to_best(block, dp):
        best, u, v = block[0, 0], 0, 0
        for r, s in np.ndindex(block.shape):
            if block[r, s] >= best:  # `>=`: a later tie takes over
                best, u, v = block[r, s], r, s
        mask = np.zeros_like(block)
        mask[u, v] = dp
        return mask

    return _route(dP, cache, to_best)


def pool_back_whole_block(dP, cache):
    return _route(dP, cache, lambda block, dp: dp)


def pool_back_average(dP, cache):
    return _route(dP, cache, lambda block, dp: dp / block.size)


def pool_back_mask_only(dP, cache):
    return _route(dP, cache, lambda block, dp: _first_maximum(block))


def pool_back_starts_at_i(dP, cache):
    return _route(dP, cache, lambda block, dp: _first_maximum(block) * dp, step=1)


def pool_back_always_two(dP, cache):
    return _route(dP, cache, lambda block, dp: _first_maximum(block) * dp, side=2)


def _in_the_map(block, i, j, size):
    """Where block (i, j)'s first maximum is in the map: (row, column)."""
    u, v = np.unravel_index(np.argmax(block), block.shape)
    return i * size + u, j * size + v


def _unpool_into(dA, dP, A, size, place=_in_the_map):
    """``dP`` routed to the entry ``place(block, i, j, size)`` of each block, written into ``dA``, however it
    was made: with the defaults, the right answer."""
    for n, c, i, j in np.ndindex(dP.shape):
        row, column = place(A[n, c, i * size : (i + 1) * size, j * size : (j + 1) * size], i, j, size)
        dA[n, c, row, column] = dP[n, c, i, j]
    return dA


def pool_back_divided_by_m(dP, cache):
    A, size = cache
    return _unpool_into(np.zeros_like(A), dP, A, size) / dP.shape[0]


def pool_back_float64(dP, cache):
    A, size = cache
    return _unpool_into(np.zeros(A.shape), dP, A, size)  # np.zeros: float64, whatever the maps are


def pool_back_shape_from_dP(dP, cache):
    A, size = cache
    m, C, H_p, W_p = dP.shape
    return _unpool_into(np.zeros((m, C, H_p * size, W_p * size), dtype=A.dtype), dP, A, size)


def pool_back_zeros_like_dP(dP, cache):
    A, size = cache
    return _unpool_into(np.zeros_like(dP), dP, A, size)


def pool_back_row_column_swapped(dP, cache):
    def swapped(block, i, j, size):
        k = np.argmax(block)
        return i * size + k % size, j * size + k // size

    A, size = cache
    return _unpool_into(np.zeros_like(A), dP, A, size, place=swapped)


def pool_back_corner_forgotten(dP, cache):
    def inside_the_block(block, i, j, size):
        return np.unravel_index(np.argmax(block), block.shape)  # not offset by the block's corner

    A, size = cache
    return _unpool_into(np.zeros_like(A), dP, A, size, place=inside_the_block)


def pool_back_marks_the_cache(dP, cache):
    # The mask built in place, in the cached maps themselves.
    A, size = cache
    dA = np.zeros_like(A)
    for n, c, i, j in np.ndindex(dP.shape):
        block = A[n, c, i * size : (i + 1) * size, j * size : (j + 1) * size]
        k = np.argmax(block)
        block[...] = 0
        block.flat[k] = 1
        dA[n, c, i * size : (i + 1) * size, j * size : (j + 1) * size] = block * dP[n, c, i, j]
    return dA


_NOT_AVERAGED = "as `linear_backward` does: `dW` and `db` average over the m examples, `dA_prev` stays per example"

MISTAKES = {
    "conv_forward": (
        Mistake(
            conv_flipped_filters,
            "the filters are flipped (a convolution in the mathematician's sense); a convolutional layer slides "
            "each filter as it is, `np.sum(window * W[f])` (a cross-correlation)",
        ),
        Mistake(conv_no_bias, "the bias is missing: add `b[f]` to filter f's output"),
        Mistake(
            conv_pad_like_channels_last,
            "the padding went on the channels and the rows, as for images stored (m, H, W, C); here images are "
            "(m, C, H, W): pad axes 2 and 3, `((0, 0), (0, 0), (pad, pad), (pad, pad))`",
        ),
        Mistake(
            conv_pad_every_axis,
            "`np.pad(A_prev, pad)` pads every axis, the examples and the channels too: pad only the rows and "
            "columns, `((0, 0), (0, 0), (pad, pad), (pad, pad))`",
        ),
        Mistake(
            conv_no_padding,
            "the filters slid over the unpadded images: pad first, "
            "`A_pad = np.pad(A_prev, ((0, 0), (0, 0), (pad, pad), (pad, pad)))`, then take every window from "
            "`A_pad`, not from `A_prev`",
        ),
        Mistake(
            conv_padding_in_the_corner,
            "all the padding went after the images (they sit in the top-left corner of `A_pad`): `pad` zeros go on "
            "each side, so copy them to `A_pad[:, :, pad:pad + H, pad:pad + W]`, or use `np.pad` with `(pad, pad)`",
        ),
        Mistake(
            conv_edge_padding,
            "the padding repeats the edge pixels; it must be zeros (`np.pad`'s default mode, 'constant')",
        ),
        Mistake(
            conv_one_short,
            "one row and one column of positions short: the filter fits at `H + 2 * pad - kh + 1` rows of "
            "positions and `W + 2 * pad - kw + 1` columns, the last ones included",
        ),
        Mistake(
            conv_sizes_without_padding,
            "`H_out` and `W_out` leave the padding out: with `pad` zeros on each side there are "
            "`H + 2 * pad - kh + 1` rows of positions and `W + 2 * pad - kw + 1` columns",
        ),
        Mistake(conv_float64, "`Z` is float64 but must be float32", shown_by="dtype"),
        Mistake(conv_mean_of_window, "the window times the filter is averaged; add it up, `np.sum(window * W[f])`"),
        Mistake(
            conv_every_filter,
            "every output adds up all F filters (as `window * W` does, broadcasting over the filters): filter "
            "f's output uses only `W[f]`",
        ),
        Mistake(
            conv_first_channel_only,
            "only channel 0 is used: filter f has a slice for every channel and covers them all at once, "
            "`np.sum(A_pad[n, :, i:i + kh, j:j + kw] * W[f])`",
        ),
        Mistake(
            conv_channels_last_output,
            "`Z` is laid out (m, H_out, W_out, F), channels last; here the filters' maps are axis 1, "
            "`Z[n, f, i, j]` of shape (m, F, H_out, W_out)",
        ),
        Mistake(
            conv_relu,
            "the ReLU is applied: `conv_forward` returns `Z`, the sums plus the bias, before any activation "
            "(the network applies it after the layer)",
        ),
        Mistake(
            conv_caches_padded_images,
            "the cache holds the padded images; it keeps the layer's inputs as they came, `A_prev` unpadded: "
            "`return Z, (A_prev, W, b, pad)`",
        ),
        Mistake(
            conv_cache_without_pad,
            "`pad` is missing from the cache: the backward step needs it, to pad again and cut the padding off: "
            "`return Z, (A_prev, W, b, pad)`",
        ),
        Mistake(
            conv_returns_Z_only,
            "only `Z` is returned; the backward step needs the cache too: `return Z, (A_prev, W, b, pad)`",
        ),
    ),
    "conv_backward": (
        Mistake(
            conv_back_not_averaged,
            "`dW` and `db` are not averaged over the m examples: divide both by m, " + _NOT_AVERAGED,
        ),
        Mistake(
            conv_back_dW_summed, "`dW` is summed over the examples, not averaged: divide it by m, " + _NOT_AVERAGED
        ),
        Mistake(
            conv_back_db_summed, "`db` is summed over the examples, not averaged: divide it by m, " + _NOT_AVERAGED
        ),
        Mistake(
            conv_back_m_from_channels,
            "`dW` and `db` are divided by C, the number of channels (`A_prev.shape[1]`), not by m: here the "
            "examples are axis 0, so `m = A_prev.shape[0]` (or `dZ.shape[0]`)",
        ),
        Mistake(
            conv_back_db_flat,
            "`db` must have the bias's shape (F, 1, 1): `np.sum(dZ, axis=(0, 2, 3)).reshape(F, 1, 1) / m`",
        ),
        Mistake(
            conv_back_db_keepdims,
            "`keepdims=True` keeps all four axes, (1, F, 1, 1); the bias is (F, 1, 1): "
            "`np.sum(dZ, axis=(0, 2, 3)).reshape(F, 1, 1) / m`",
        ),
        Mistake(
            conv_back_db_axis_1,
            "`np.sum(dZ, axis=1, keepdims=True)` is lesson 08's `db`, where the examples were the columns; here "
            "axis 1 holds the filters: sum over the examples and the positions, "
            "`np.sum(dZ, axis=(0, 2, 3)).reshape(F, 1, 1) / m`",
        ),
        Mistake(
            conv_back_not_cropped,
            "this is the gradient of the padded images: cut the padding off, `dA_pad[:, :, pad:pad + H, pad:pad + W]`",
        ),
        Mistake(
            conv_back_crop_minus_pad,
            "with pad = 0, `pad:-pad` is `0:0`, an empty slice: crop with `pad:pad + H` and `pad:pad + W`",
        ),
        Mistake(
            conv_back_crop_top_left,
            "`dA_pad[:, :, :H, :W]` cuts the padding off the end only: it keeps the `pad` rows and columns of "
            "zeros at the start and drops real pixels; cut both sides, `dA_pad[:, :, pad:pad + H, pad:pad + W]`",
        ),
        Mistake(
            conv_back_dA_averaged,
            "`dA_prev` must not be divided by m: it stays per example, and the layer below averages once",
        ),
        Mistake(
            conv_back_flipped_filters,
            "the filters are flipped on the way back: in this loop each window gets `W[f]` as it is, times "
            "`dZ[n, f, i, j]` (only a 'full' convolution of dZ needs the filter turned by 180°)",
        ),
        Mistake(
            conv_back_dA_overwritten,
            "`dA_pad[...] = ...` overwrites what earlier positions sent: windows overlap, so add each share with `+=`",
        ),
        Mistake(
            conv_back_dW_overwritten,
            "`dW[f] = ...` keeps only the last position's share: the filter is used at every position, so add "
            "them all up with `dW[f] += ...`",
        ),
        Mistake(
            conv_back_shares_swapped,
            "the two shares are swapped: the window gets the filter times dZ, `dA_pad[...] += dz * W[f]`, and the "
            "filter gets the window times dZ, `dW[f] += np.sum(dz * window, axis=0)`",
        ),
        Mistake(
            conv_back_one_short,
            "the loops stop one position short of `dZ`'s last row and column: go over every position of `dZ`, "
            "`range(dZ.shape[2])` and `range(dZ.shape[3])`",
        ),
        Mistake(
            conv_back_wrong_order,
            "the gradients are returned as `(dW, db, dA_prev)`; return them in the order of the layer's inputs: "
            "`return dA_prev, dW, db`",
        ),
        Mistake(conv_back_float64, "`dA_prev` is float64 but must be float32", shown_by="dtype"),
        Mistake(conv_back_scales_dZ_in_place, "changed its argument `dZ` in place", shown_by="mutation"),
    ),
    "max_pool_forward": (
        Mistake(
            pool_overlapping,
            "the blocks overlap (they move by one pixel): max-pooling moves by `size`, so block (i, j) starts at "
            "row `i * size` and column `j * size`",
        ),
        Mistake(pool_starts_at_i, "block (i, j) starts at row `i * size` and column `j * size`, not at (i, j)"),
        Mistake(pool_average, "this is average pooling; take the largest entry, `np.max`"),
        Mistake(pool_sum, "the block is summed; take its largest entry, `np.max`"),
        Mistake(pool_always_two, "the blocks are always 2×2: use the `size` argument"),
        Mistake(
            pool_partial_blocks,
            "a row or column that fills no whole block is left out: `H // size` blocks, not the rounded-up count",
        ),
        Mistake(
            pool_one_block_short,
            "one block short in each direction: there are `H // size` blocks down and `W // size` across "
            "(`(H - size) // size + 1`, with the `+ 1`)",
        ),
        Mistake(
            pool_block_end_included,
            "each block takes `size + 1` rows and columns: the slice `i * size:(i + 1) * size` already stops "
            "before row `(i + 1) * size`, no `+ 1`",
        ),
        Mistake(
            pool_square_maps,
            "the maps are taken as square: the number of block columns is `W // size`, from the width "
            "`A.shape[3]`, not the height",
        ),
        Mistake(
            pool_max_of_everything,
            "`np.max(...)` without `axis` takes one maximum over every image and channel; each map's block has "
            "its own: `np.max(block, axis=(2, 3))`",
        ),
        Mistake(pool_float64, "`P` is float64 but must be float32", shown_by="dtype"),
        Mistake(
            pool_argmax,
            "`np.argmax` gives the position of the largest entry; the output is the largest entry itself, "
            "`np.max(block)`",
        ),
        Mistake(
            pool_reshape_wrong_axes,
            "after `reshape(m, C, H // size, size, W // size, size)` a block's entries are on axes 3 and 5: "
            "take `max(axis=(3, 5))`",
        ),
        Mistake(
            pool_caches_output,
            "the cache holds the output `P`; it keeps the inputs, for the backward step: `return P, (A, size)`",
        ),
        Mistake(
            pool_returns_P_only, "only `P` is returned; the backward step needs the cache too: `return P, (A, size)`"
        ),
    ),
    "max_pool_backward": (
        Mistake(
            pool_back_every_tie,
            "on ties every maximum got the gradient: only the first maximum (row by row) reached the output, "
            "`np.argmax(block)` finds it",
        ),
        Mistake(
            pool_back_last_tie,
            "on ties the gradient went to the last maximum; it goes to the first one, reading the block row by "
            "row, the one `np.argmax(block)` finds (a loop that moves on at every entry `>=` the best so far, or "
            "`==` the maximum, ends on the last)",
        ),
        Mistake(
            pool_back_whole_block,
            "every entry of the block got the gradient; only the block's maximum reached the output, so only it "
            "gets `dP`",
        ),
        Mistake(
            pool_back_average,
            "this is average pooling's gradient (`dP / size**2` everywhere); max-pooling sends all of `dP` to "
            "the block's maximum",
        ),
        Mistake(pool_back_mask_only, "the maximum's position gets 1; it gets the block's gradient, `dP[n, c, i, j]`"),
        Mistake(pool_back_divided_by_m, "max-pooling has no parameters: its gradient stays per example, with no `/ m`"),
        Mistake(
            pool_back_row_column_swapped,
            "row and column are swapped: flat index k of a block is row `k // size`, column `k % size` "
            "(or use `np.unravel_index(k, block.shape)`)",
        ),
        Mistake(
            pool_back_corner_forgotten,
            "(u, v) is the maximum's position inside its block; in the map it is row `i * size + u`, column "
            "`j * size + v`",
        ),
        Mistake(pool_back_starts_at_i, "block (i, j) starts at row `i * size` and column `j * size`, not at (i, j)"),
        Mistake(pool_back_always_two, "the blocks are always 2×2: use the cache's `size`"),
        Mistake(
            pool_back_shape_from_dP,
            "`dA` has the shape of `A`, with 0 in the rows and columns that fill no block (`dP`'s shape times "
            "`size` leaves them out): start from `np.zeros_like(A)`",
        ),
        Mistake(pool_back_float64, "`dA` is float64 but must be float32", shown_by="dtype"),
        Mistake(pool_back_zeros_like_dP, "IndexError", shown_by="raises", outcome="your code raised"),
        Mistake(pool_back_marks_the_cache, "changed its argument `cache` in place", shown_by="mutation"),
    ),
}
