"""Lesson 18: conv_forward, conv_backward, max_pool_forward, max_pool_backward."""

import numpy as np

from checker_cases.types import Cases, Wrong

# --- conv_forward: right ---------------------------------------------------------------------------


def conv_textbook(A_prev, W, b, pad=0):
    # One loop per index, as the deeplearning.ai assignment writes it (in our (m, C, H, W) layout).
    m, C, H, W_prev = A_prev.shape
    F, _, kh, kw = W.shape
    A_pad = np.pad(A_prev, ((0, 0), (0, 0), (pad, pad), (pad, pad)), mode="constant", constant_values=0)
    H_out, W_out = H + 2 * pad - kh + 1, W_prev + 2 * pad - kw + 1
    Z = np.zeros((m, F, H_out, W_out), dtype=A_prev.dtype)
    for i in range(m):
        for h in range(H_out):
            for w in range(W_out):
                for f in range(F):
                    a_slice = A_pad[i, :, h : h + kh, w : w + kw]
                    Z[i, f, h, w] = np.sum(a_slice * W[f]) + b[f].item()
    return Z, (A_prev, W, b, pad)


def conv_einsum(A_prev, W, b, pad=0):
    A_pad = np.pad(A_prev, [(0, 0), (0, 0), (pad, pad), (pad, pad)])
    windows = np.lib.stride_tricks.sliding_window_view(A_pad, W.shape[2:], axis=(2, 3))
    Z = np.einsum("nchwuv,fcuv->nfhw", windows, W) + b
    return Z, (A_prev, W, b, pad)


def conv_im2col(A_prev, W, b, pad=0):
    m = A_prev.shape[0]
    F, C, kh, kw = W.shape
    A_pad = np.pad(A_prev, [(0, 0), (0, 0), (pad, pad), (pad, pad)])
    H_out, W_out = A_pad.shape[2] - kh + 1, A_pad.shape[3] - kw + 1
    columns = np.empty((C * kh * kw, m * H_out * W_out), dtype=A_prev.dtype)
    row = 0
    for c in range(C):
        for u in range(kh):
            for v in range(kw):
                columns[row] = A_pad[:, c, u : u + H_out, v : v + W_out].reshape(-1)
                row += 1
    Z = (W.reshape(F, -1) @ columns).reshape(F, m, H_out, W_out).transpose(1, 0, 2, 3) + b
    return Z, (A_prev, W, b, pad)


def conv_over_filter_entries(A_prev, W, b, pad=0):
    # Loops over the filter's entries instead of the output's positions.
    A_pad = np.pad(A_prev, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    kh, kw = W.shape[2:]
    H_out, W_out = A_pad.shape[2] - kh + 1, A_pad.shape[3] - kw + 1
    Z = np.zeros((A_prev.shape[0], W.shape[0], H_out, W_out), dtype=A_prev.dtype) + b
    for u in range(kh):
        for v in range(kw):
            shifted = A_pad[:, :, u : u + H_out, v : v + W_out]  # (m, C, H_out, W_out)
            Z += np.tensordot(shifted, W[:, :, u, v], axes=([1], [1])).transpose(0, 3, 1, 2)
    return Z, (A_prev, W, b, pad)


# --- conv_forward: wrong ---------------------------------------------------------------------------


def _conv_loops(A_pad, W, b, H_out, W_out, combine, dtype=None):
    m, F = A_pad.shape[0], W.shape[0]
    kh, kw = W.shape[2:]
    Z = np.zeros((m, F, H_out, W_out), dtype=dtype or A_pad.dtype)
    for i in range(H_out):
        for j in range(W_out):
            window = A_pad[:, :, i : i + kh, j : j + kw]
            for f in range(F):
                Z[:, f, i, j] = combine(window, W, f) + b[f, 0, 0]
    return Z


def _sizes(A_pad, W):
    return A_pad.shape[2] - W.shape[2] + 1, A_pad.shape[3] - W.shape[3] + 1


def _pad_hw(A, pad):
    return np.pad(A, ((0, 0), (0, 0), (pad, pad), (pad, pad)))


def _windowed(window, W, f):
    return np.sum(window * W[f], axis=(1, 2, 3))


def conv_true_convolution(A_prev, W, b, pad=0):
    A_pad = _pad_hw(A_prev, pad)
    flipped = np.flip(W, axis=(2, 3))
    return _conv_loops(A_pad, flipped, b, *_sizes(A_pad, W), _windowed), (A_prev, W, b, pad)


def conv_no_bias(A_prev, W, b, pad=0):
    A_pad = _pad_hw(A_prev, pad)
    return _conv_loops(A_pad, W, np.zeros_like(b), *_sizes(A_pad, W), _windowed), (A_prev, W, b, pad)


def _conv_each_example(A_pad, A_prev, W, b, pad):
    """One image at a time over ``A_pad``, padded however the caller padded it; sizes from ``A_pad``."""
    m, F = A_prev.shape[0], W.shape[0]
    kh, kw = W.shape[2:]
    H_out, W_out = A_pad.shape[2] - kh + 1, A_pad.shape[3] - kw + 1
    Z = np.zeros((m, F, H_out, W_out))
    for n in range(m):
        for i in range(H_out):
            for j in range(W_out):
                for f in range(F):
                    Z[n, f, i, j] = np.sum(A_pad[n, :, i : i + kh, j : j + kw] * W[f]) + b[f, 0, 0]
    return Z, (A_prev, W, b, pad)


def conv_padding_like_nhwc(A_prev, W, b, pad=0):
    # The (m, H, W, C) assignment's padding, kept for (m, C, H, W) images.
    return _conv_each_example(np.pad(A_prev, ((0, 0), (pad, pad), (pad, pad), (0, 0))), A_prev, W, b, pad)


def conv_pad_every_axis(A_prev, W, b, pad=0):
    return _conv_each_example(np.pad(A_prev, pad), A_prev, W, b, pad)


def conv_pad_ignored(A_prev, W, b, pad=0):
    return _conv_loops(A_prev, W, b, *_sizes(A_prev, W), _windowed), (A_prev, W, b, pad)


def conv_pad_after_only(A_prev, W, b, pad=0):
    A_pad = np.pad(A_prev, ((0, 0), (0, 0), (0, 2 * pad), (0, 2 * pad)))
    return _conv_loops(A_pad, W, b, *_sizes(A_pad, W), _windowed), (A_prev, W, b, pad)


def conv_edge_padding(A_prev, W, b, pad=0):
    A_pad = np.pad(A_prev, ((0, 0), (0, 0), (pad, pad), (pad, pad)), mode="edge")
    return _conv_loops(A_pad, W, b, *_sizes(A_pad, W), _windowed), (A_prev, W, b, pad)


def conv_one_short(A_prev, W, b, pad=0):
    A_pad = _pad_hw(A_prev, pad)
    H_out, W_out = _sizes(A_pad, W)
    return _conv_loops(A_pad, W, b, H_out - 1, W_out - 1, _windowed), (A_prev, W, b, pad)


def conv_float64_output(A_prev, W, b, pad=0):
    A_pad = _pad_hw(A_prev, pad)
    return _conv_loops(A_pad, W, b, *_sizes(A_pad, W), _windowed, dtype=np.float64), (A_prev, W, b, pad)


def conv_mean_of_window(A_prev, W, b, pad=0):
    A_pad = _pad_hw(A_prev, pad)
    mean = lambda window, W, f: np.mean(window * W[f], axis=(1, 2, 3))  # noqa: E731
    return _conv_loops(A_pad, W, b, *_sizes(A_pad, W), mean), (A_prev, W, b, pad)


def conv_every_filter(A_prev, W, b, pad=0):
    A_pad = _pad_hw(A_prev, pad)
    every = lambda window, W, f: np.sum(window[:, None] * W[None], axis=(1, 2, 3, 4))  # noqa: E731
    return _conv_loops(A_pad, W, b, *_sizes(A_pad, W), every), (A_prev, W, b, pad)


def conv_caches_padded_images(A_prev, W, b, pad=0):
    A_pad = _pad_hw(A_prev, pad)
    return _conv_loops(A_pad, W, b, *_sizes(A_pad, W), _windowed), (A_pad, W, b, pad)


def conv_cache_without_pad(A_prev, W, b, pad=0):
    A_pad = _pad_hw(A_prev, pad)
    return _conv_loops(A_pad, W, b, *_sizes(A_pad, W), _windowed), (A_prev, W, b)


def conv_Z_only(A_prev, W, b, pad=0):
    A_pad = _pad_hw(A_prev, pad)
    return _conv_loops(A_pad, W, b, *_sizes(A_pad, W), _windowed)


# --- conv_backward: right --------------------------------------------------------------------------


def conv_backward_textbook(dZ, cache):
    A_prev, W, b, pad = cache
    m, C, H, W_prev = A_prev.shape
    F, _, kh, kw = W.shape
    _, _, H_out, W_out = dZ.shape
    A_pad = np.pad(A_prev, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    dA_pad = np.zeros_like(A_pad)
    dW = np.zeros_like(W)
    db = np.zeros_like(b)
    for i in range(m):
        for h in range(H_out):
            for w in range(W_out):
                for f in range(F):
                    dA_pad[i, :, h : h + kh, w : w + kw] += W[f] * dZ[i, f, h, w]
                    dW[f] += A_pad[i, :, h : h + kh, w : w + kw] * dZ[i, f, h, w]
                    db[f] += dZ[i, f, h, w]
    dA_prev = dA_pad[:, :, pad : pad + H, pad : pad + W_prev]
    return dA_prev, dW / m, db / m


def conv_backward_einsum(dZ, cache):
    A_prev, W, b, pad = cache
    m, F, kh, kw = A_prev.shape[0], W.shape[0], W.shape[2], W.shape[3]
    A_pad = np.pad(A_prev, [(0, 0), (0, 0), (pad, pad), (pad, pad)])
    windows = np.lib.stride_tricks.sliding_window_view(A_pad, (kh, kw), axis=(2, 3))
    dW = np.einsum("nfhw,nchwuv->fcuv", dZ, windows) / m
    db = dZ.sum(axis=(0, 2, 3), keepdims=True)[0][:, :, None] / m
    dZ_full = np.pad(dZ, [(0, 0), (0, 0), (kh - 1, kh - 1), (kw - 1, kw - 1)])
    full_windows = np.lib.stride_tricks.sliding_window_view(dZ_full, (kh, kw), axis=(2, 3))
    dA_pad = np.einsum("nfhwuv,fcuv->nchw", full_windows, W[:, :, ::-1, ::-1])
    H, W_prev = A_prev.shape[2:]
    return dA_pad[:, :, pad : pad + H, pad : pad + W_prev], dW, db.reshape(F, 1, 1)


def conv_backward_over_filter_entries(dZ, cache):
    # Loops over the filter's entries: each entry (u, v) met the shifted images.
    A_prev, W, b, pad = cache
    m = A_prev.shape[0]
    kh, kw = W.shape[2:]
    H_out, W_out = dZ.shape[2:]
    A_pad = np.pad(A_prev, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    dA_pad, dW = np.zeros_like(A_pad), np.zeros_like(W)
    for u in range(kh):
        for v in range(kw):
            shifted = A_pad[:, :, u : u + H_out, v : v + W_out]
            dW[:, :, u, v] = np.einsum("nfhw,nchw->fc", dZ, shifted) / m
            dA_pad[:, :, u : u + H_out, v : v + W_out] += np.einsum("nfhw,fc->nchw", dZ, W[:, :, u, v])
    db = np.mean(np.sum(dZ, axis=(2, 3)), axis=0).reshape(-1, 1, 1)
    return dA_pad[:, :, pad : pad + A_prev.shape[2], pad : pad + A_prev.shape[3]], dW, db


# --- conv_backward: wrong --------------------------------------------------------------------------


def _backward_loops(dZ, cache, flip=False, overwrite=False):
    """dA_pad (uncropped), dW summed over the examples, the padded images."""
    A_prev, W, b, pad = cache
    F, kh, kw = W.shape[0], W.shape[2], W.shape[3]
    A_pad = _pad_hw(A_prev, pad)
    kernels = W[:, :, ::-1, ::-1] if flip else W
    dA_pad, dW = np.zeros_like(A_pad), np.zeros_like(W)
    for i in range(dZ.shape[2]):
        for j in range(dZ.shape[3]):
            for f in range(F):
                dz = dZ[:, f, i, j][:, None, None, None]
                if overwrite:
                    dA_pad[:, :, i : i + kh, j : j + kw] = dz * kernels[f]
                else:
                    dA_pad[:, :, i : i + kh, j : j + kw] += dz * kernels[f]
                dW[f] += np.sum(dz * A_pad[:, :, i : i + kh, j : j + kw], axis=0)
    return dA_pad, dW


def _crop(dA_pad, cache):
    A_prev, pad = cache[0], cache[3]
    return dA_pad[:, :, pad : pad + A_prev.shape[2], pad : pad + A_prev.shape[3]]


def _db(dZ):
    return dZ.sum(axis=(0, 2, 3)).reshape(-1, 1, 1) / dZ.shape[0]


def backward_no_average(dZ, cache):
    dA_pad, dW = _backward_loops(dZ, cache)
    return _crop(dA_pad, cache), dW, dZ.sum(axis=(0, 2, 3)).reshape(-1, 1, 1)


def backward_dW_summed(dZ, cache):
    dA_pad, dW = _backward_loops(dZ, cache)
    return _crop(dA_pad, cache), dW, _db(dZ)


def backward_db_summed(dZ, cache):
    dA_pad, dW = _backward_loops(dZ, cache)
    return _crop(dA_pad, cache), dW / dZ.shape[0], dZ.sum(axis=(0, 2, 3)).reshape(-1, 1, 1)


def backward_db_flat(dZ, cache):
    dA_pad, dW = _backward_loops(dZ, cache)
    return _crop(dA_pad, cache), dW / dZ.shape[0], dZ.sum(axis=(0, 2, 3)) / dZ.shape[0]


def backward_db_wrong_axes(dZ, cache):
    dA_pad, dW = _backward_loops(dZ, cache)
    return _crop(dA_pad, cache), dW / dZ.shape[0], dZ.sum(axis=(1, 2, 3)) / dZ.shape[0]


def backward_dA_not_cropped(dZ, cache):
    dA_pad, dW = _backward_loops(dZ, cache)
    return dA_pad, dW / dZ.shape[0], _db(dZ)


def backward_crop_minus_pad(dZ, cache):
    dA_pad, dW = _backward_loops(dZ, cache)
    pad = cache[3]
    return dA_pad[:, :, pad:-pad, pad:-pad], dW / dZ.shape[0], _db(dZ)


def backward_dA_averaged(dZ, cache):
    dA_pad, dW = _backward_loops(dZ, cache)
    m = dZ.shape[0]
    return _crop(dA_pad, cache) / m, dW / m, _db(dZ)


def backward_flipped_filters(dZ, cache):
    dA_pad, dW = _backward_loops(dZ, cache, flip=True)
    return _crop(dA_pad, cache), dW / dZ.shape[0], _db(dZ)


def backward_overwrites(dZ, cache):
    dA_pad, dW = _backward_loops(dZ, cache, overwrite=True)
    return _crop(dA_pad, cache), dW / dZ.shape[0], _db(dZ)


def backward_wrong_order(dZ, cache):
    dA_pad, dW = _backward_loops(dZ, cache)
    return dW / dZ.shape[0], _db(dZ), _crop(dA_pad, cache)


def backward_float64(dZ, cache):
    dA_pad, dW = _backward_loops(dZ.astype(np.float64), cache)
    return _crop(dA_pad, cache).astype(np.float64), dW.astype(np.float64) / dZ.shape[0], _db(dZ.astype(np.float64))


def backward_scales_dZ_in_place(dZ, cache):
    dZ /= dZ.shape[0]  # "average first", on the caller's array
    dA_pad, dW = _backward_loops(dZ, cache)
    return _crop(dA_pad, cache) * dZ.shape[0], dW, dZ.sum(axis=(0, 2, 3)).reshape(-1, 1, 1)


# --- max_pool_forward: right -----------------------------------------------------------------------


def pool_textbook(A, size=2):
    m, C, H, W = A.shape
    H_out, W_out = (H - size) // size + 1, (W - size) // size + 1
    P = np.zeros((m, C, H_out, W_out), dtype=A.dtype)
    for i in range(m):
        for c in range(C):
            for h in range(H_out):
                for w in range(W_out):
                    P[i, c, h, w] = np.max(A[i, c, h * size : h * size + size, w * size : w * size + size])
    return P, (A, size)


def pool_reshape(A, size=2):
    m, C, H, W = A.shape
    H_out, W_out = H // size, W // size
    blocks = A[:, :, : H_out * size, : W_out * size].reshape(m, C, H_out, size, W_out, size)
    return blocks.max(axis=(3, 5)), (A, size)


def pool_strided_maximum(A, size=2):
    # The largest of the size² strided sub-grids, entry by entry.
    H_out, W_out = A.shape[2] // size, A.shape[3] // size
    P = np.full((*A.shape[:2], H_out, W_out), -np.inf, dtype=A.dtype)
    for u in range(size):
        for v in range(size):
            P = np.maximum(P, A[:, :, u : u + H_out * size : size, v : v + W_out * size : size])
    return P, (A, size)


# --- max_pool_forward: wrong -----------------------------------------------------------------------


def _pool_loops(A, size, H_out, W_out, start, side, reduce=np.max, dtype=None):
    P = np.zeros((A.shape[0], A.shape[1], H_out, W_out), dtype=dtype or A.dtype)
    for i in range(H_out):
        for j in range(W_out):
            P[:, :, i, j] = reduce(A[:, :, start(i) : start(i) + side, start(j) : start(j) + side], axis=(2, 3))
    return P, (A, size)


def pool_overlapping(A, size=2):
    H_out, W_out = A.shape[2] - size + 1, A.shape[3] - size + 1
    return _pool_loops(A, size, H_out, W_out, lambda i: i, size)


def pool_starts_at_i(A, size=2):
    return _pool_loops(A, size, A.shape[2] // size, A.shape[3] // size, lambda i: i, size)


def pool_average(A, size=2):
    return _pool_loops(A, size, A.shape[2] // size, A.shape[3] // size, lambda i: i * size, size, np.mean)


def pool_sum(A, size=2):
    return _pool_loops(A, size, A.shape[2] // size, A.shape[3] // size, lambda i: i * size, size, np.sum)


def pool_always_two(A, size=2):
    return _pool_loops(A, size, A.shape[2] // 2, A.shape[3] // 2, lambda i: i * 2, 2)


def pool_partial_blocks(A, size=2):
    H_out, W_out = int(np.ceil(A.shape[2] / size)), int(np.ceil(A.shape[3] / size))
    return _pool_loops(A, size, H_out, W_out, lambda i: i * size, size)


def pool_reshape_wrong_axes(A, size=2):
    m, C, H, W = A.shape
    blocks = A[:, :, : H // size * size, : W // size * size].reshape(m, C, H // size, size, W // size, size)
    return blocks.max(axis=(2, 4)), (A, size)


def pool_float64(A, size=2):
    return _pool_loops(A, size, A.shape[2] // size, A.shape[3] // size, lambda i: i * size, size, dtype=np.float64)


def pool_argmax(A, size=2):
    m, C, H, W = A.shape
    P = np.zeros((m, C, H // size, W // size), dtype=int)
    for n in range(m):
        for c in range(C):
            for i in range(H // size):
                for j in range(W // size):
                    P[n, c, i, j] = np.argmax(A[n, c, i * size : (i + 1) * size, j * size : (j + 1) * size])
    return P, (A, size)


def pool_caches_output(A, size=2):
    P, _ = pool_reshape(A, size)
    return P, (P, size)


def pool_P_only(A, size=2):
    return pool_reshape(A, size)[0]


# --- max_pool_backward: right ----------------------------------------------------------------------


def unpool_textbook(dP, cache):
    A, size = cache
    m, C, H_out, W_out = dP.shape
    dA = np.zeros_like(A)
    for i in range(m):
        for c in range(C):
            for h in range(H_out):
                for w in range(W_out):
                    a_slice = A[i, c, h * size : h * size + size, w * size : w * size + size]
                    mask = np.zeros(a_slice.shape, dtype=bool)
                    mask.flat[np.argmax(a_slice)] = True  # the first maximum only
                    dA[i, c, h * size : h * size + size, w * size : w * size + size] += mask * dP[i, c, h, w]
    return dA


def unpool_argmax_reshape(dP, cache):
    A, size = cache
    m, C, H_out, W_out = dP.shape
    blocks = A[:, :, : H_out * size, : W_out * size].reshape(m, C, H_out, size, W_out, size)
    flat = blocks.transpose(0, 1, 2, 4, 3, 5).reshape(m, C, H_out, W_out, size * size)
    first = flat.argmax(axis=-1)
    grads = np.zeros(flat.shape, dtype=dP.dtype)
    np.put_along_axis(grads, first[..., None], dP[..., None], axis=-1)
    dA = np.zeros_like(A, dtype=np.result_type(A, dP))
    dA[:, :, : H_out * size, : W_out * size] = (
        grads.reshape(m, C, H_out, W_out, size, size).transpose(0, 1, 2, 4, 3, 5).reshape(m, C, H_out * size, -1)
    )
    return dA


def unpool_first_match_claims(dP, cache):
    # Every position equal to the block's maximum, but each block's gradient taken once: later ties get nothing.
    A, size = cache
    dA = np.zeros_like(A)
    for n in range(dP.shape[0]):
        for c in range(dP.shape[1]):
            for i in range(dP.shape[2]):
                for j in range(dP.shape[3]):
                    block = A[n, c, i * size : (i + 1) * size, j * size : (j + 1) * size]
                    done = False
                    for u in range(size):
                        for v in range(size):
                            if not done and block[u, v] == block.max():
                                dA[n, c, i * size + u, j * size + v] = dP[n, c, i, j]
                                done = True
    return dA


# --- max_pool_backward: wrong ----------------------------------------------------------------------


def _unpool(dP, cache, share, side=None, start=None):
    """dA from ``share(block, dp)``, the gradient one block sends to its entries."""
    A, size = cache
    side = side or size
    start = start or (lambda i: i * side)
    dA = np.zeros_like(A)
    for n in range(dP.shape[0]):
        for c in range(dP.shape[1]):
            for i in range(dP.shape[2]):
                for j in range(dP.shape[3]):
                    rows, cols = slice(start(i), start(i) + side), slice(start(j), start(j) + side)
                    dA[n, c, rows, cols] += share(A[n, c, rows, cols], dP[n, c, i, j])
    return dA


def _first(block):
    mask = np.zeros(block.shape)
    mask.flat[np.argmax(block)] = 1
    return mask


def unpool_every_tie(dP, cache):
    return _unpool(dP, cache, lambda block, dp: (block == np.max(block)) * dp)


def unpool_last_tie(dP, cache):
    def last(block, dp):
        mask = np.zeros(block.shape)
        for u in range(block.shape[0]):
            for v in range(block.shape[1]):
                if block[u, v] == block.max():
                    mask[:] = 0
                    mask[u, v] = 1
        return mask * dp

    return _unpool(dP, cache, last)


def unpool_whole_block(dP, cache):
    return _unpool(dP, cache, lambda block, dp: np.ones_like(block) * dp)


def unpool_average(dP, cache):
    return _unpool(dP, cache, lambda block, dp: np.full(block.shape, dp / block.size))


def unpool_mask_only(dP, cache):
    return _unpool(dP, cache, lambda block, dp: _first(block))


def unpool_divided_by_m(dP, cache):
    return _unpool(dP, cache, lambda block, dp: _first(block) * dp) / dP.shape[0]


def unpool_row_column_swapped(dP, cache):
    def swapped(block, dp):
        k = np.argmax(block)
        mask = np.zeros(block.shape)
        mask[k % block.shape[1], k // block.shape[1]] = dp
        return mask

    return _unpool(dP, cache, swapped)


def unpool_starts_at_i(dP, cache):
    return _unpool(dP, cache, lambda block, dp: _first(block) * dp, start=lambda i: i)


def unpool_always_two(dP, cache):
    return _unpool(dP, cache, lambda block, dp: _first(block) * dp, side=2)


def unpool_float64(dP, cache):
    A, size = cache
    return _unpool(dP, (A.astype(np.float64), size), lambda block, dp: _first(block) * dp)


def unpool_marks_the_cache(dP, cache):
    # The mask built in place, in the cached maps themselves.
    A, size = cache
    dA = np.zeros_like(A)
    for n in range(dP.shape[0]):
        for c in range(dP.shape[1]):
            for i in range(dP.shape[2]):
                for j in range(dP.shape[3]):
                    block = A[n, c, i * size : (i + 1) * size, j * size : (j + 1) * size]
                    k = np.argmax(block)
                    block[...] = 0
                    block.flat[k] = 1
                    dA[n, c, i * size : (i + 1) * size, j * size : (j + 1) * size] = block * dP[n, c, i, j]
    return dA


def unpool_cropped_shape(dP, cache):
    A, size = cache
    H, W = dP.shape[2] * size, dP.shape[3] * size
    return _unpool(dP, cache, lambda block, dp: _first(block) * dp)[:, :, :H, :W]


CASES = {
    "conv_forward": Cases(
        [conv_textbook, conv_einsum, conv_im2col, conv_over_filter_entries],
        [
            Wrong("true convolution (flipped filters)", conv_true_convolution, "the filters are flipped"),
            Wrong("no bias", conv_no_bias, "the bias is missing"),
            Wrong("padding of (m, H, W, C) images", conv_padding_like_nhwc, "as for images stored (m, H, W, C)"),
            Wrong("np.pad(A_prev, pad): every axis", conv_pad_every_axis, "pads every axis"),
            Wrong("pad ignored", conv_pad_ignored, "the padding is missing"),
            Wrong("all the padding after the image", conv_pad_after_only, "all the padding went after the image"),
            Wrong("edge padding", conv_edge_padding, "it must be zeros"),
            Wrong("one position short", conv_one_short, "one position short"),
            Wrong("float64 output for float32 input", conv_float64_output, "`Z` is float64 but must be float32"),
            Wrong("mean of the window", conv_mean_of_window, "is averaged; add it up"),
            Wrong("every filter in every output", conv_every_filter, "adds up all F filters"),
            Wrong("cache holds the padded images", conv_caches_padded_images, "the images unpadded"),
            Wrong("cache without pad", conv_cache_without_pad, "the cache must be the tuple (A_prev, W, b, pad)"),
            Wrong("Z without the cache", conv_Z_only, "must return a tuple (Z, cache)"),
        ],
    ),
    "conv_backward": Cases(
        [conv_backward_textbook, conv_backward_einsum, conv_backward_over_filter_entries],
        [
            Wrong("dW and db not averaged", backward_no_average, "are not averaged over the m examples"),
            Wrong("dW summed, not averaged", backward_dW_summed, "`dW` is summed over the examples"),
            Wrong("db summed, not averaged", backward_db_summed, "`db` is summed over the examples"),
            Wrong("db of shape (F,)", backward_db_flat, "`db` has the bias's shape (F, 1, 1)"),
            Wrong("db summed over the wrong axes", backward_db_wrong_axes, "sum over the examples and the positions"),
            Wrong("dA_prev with its padding", backward_dA_not_cropped, "cut the padding off"),
            Wrong("cropped with pad:-pad", backward_crop_minus_pad, "`pad:-pad` is `0:0`"),
            Wrong("dA_prev averaged", backward_dA_averaged, "`dA_prev` must not be divided by m"),
            Wrong(
                "filters flipped on the way back", backward_flipped_filters, "the filters are flipped on the way back"
            ),
            Wrong("= instead of +=", backward_overwrites, "add each share with `+=`"),
            Wrong("gradients in the wrong order", backward_wrong_order, "returned in the wrong order"),
            Wrong("float64 for float32 input", backward_float64, "but must be float32"),
            Wrong("dZ divided in place", backward_scales_dZ_in_place, "changed its argument `dZ` in place"),
        ],
    ),
    "max_pool_forward": Cases(
        [pool_textbook, pool_reshape, pool_strided_maximum],
        [
            Wrong("overlapping windows", pool_overlapping, "the blocks overlap"),
            Wrong("block starts at (i, j)", pool_starts_at_i, "starts at row `i * size`"),
            Wrong("average pooling", pool_average, "this is average pooling"),
            Wrong("sum pooling", pool_sum, "the block is summed"),
            Wrong("always 2×2", pool_always_two, "the blocks are always 2×2"),
            Wrong("partial blocks kept", pool_partial_blocks, "fills no whole block is left out"),
            Wrong("reshape, max over the wrong axes", pool_reshape_wrong_axes, "take `max(axis=(3, 5))`"),
            Wrong("float64 for float32 input", pool_float64, "`P` is float64 but must be float32"),
            Wrong("argmax instead of max", pool_argmax, "holds int64 values but must hold floats"),
            Wrong("cache holds the output", pool_caches_output, "`return P, (A, size)`"),
            Wrong("P without the cache", pool_P_only, "must return a tuple (P, cache)"),
        ],
    ),
    "max_pool_backward": Cases(
        [unpool_textbook, unpool_argmax_reshape, unpool_first_match_claims],
        [
            Wrong("every tie gets the gradient", unpool_every_tie, "on ties every maximum got the gradient"),
            Wrong("the last maximum on ties", unpool_last_tie, "went to the last maximum"),
            Wrong("the whole block", unpool_whole_block, "every entry of the block got the gradient"),
            Wrong("average pooling's gradient", unpool_average, "average pooling's gradient"),
            Wrong("the mask without dP", unpool_mask_only, "the maximum's position gets 1"),
            Wrong("divided by m", unpool_divided_by_m, "no `/ m`"),
            Wrong("row and column swapped", unpool_row_column_swapped, "row and column are swapped"),
            Wrong("block starts at (i, j)", unpool_starts_at_i, "starts at row `i * size`"),
            Wrong("always 2×2", unpool_always_two, "the blocks are always 2×2"),
            Wrong("float64 for float32 input", unpool_float64, "`dA` is float64 but must be float32"),
            Wrong("mask written into the cache", unpool_marks_the_cache, "changed its argument `cache` in place"),
            Wrong(
                "leftover rows dropped from dA",
                unpool_cropped_shape,
                "with 0 in the rows and columns that fill no block",
            ),
        ],
    ),
}
