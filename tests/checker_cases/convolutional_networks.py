"""Lesson 18: conv_forward, conv_backward, max_pool_forward, max_pool_backward: right answers written differently.

The wrong answers are in the catalogue, nnlib/checks/mistakes/convolutional_networks.py.
"""

import numpy as np

# --- conv_forward ---------------------------------------------------------------------------------


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


# --- conv_backward --------------------------------------------------------------------------------


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


# --- max_pool_forward -----------------------------------------------------------------------------


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


# --- max_pool_backward ----------------------------------------------------------------------------


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


CORRECT = {
    "conv_forward": [conv_textbook, conv_einsum, conv_im2col, conv_over_filter_entries],
    "conv_backward": [conv_backward_textbook, conv_backward_einsum, conv_backward_over_filter_entries],
    "max_pool_forward": [pool_textbook, pool_reshape, pool_strided_maximum],
    "max_pool_backward": [unpool_textbook, unpool_argmax_reshape, unpool_first_match_claims],
}
