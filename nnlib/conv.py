"""Convolution: one small filter slid over an image, the same weights at every position.

Introduced in: lesson 17 (architectures: feedforward, convolutional, recurrent).

What deep-learning libraries call a convolution is, strictly, a
cross-correlation: the filter is not flipped. With an image ``X`` (H, W) and a
filter ``K`` (kh, kw), the 'valid' output (the filter stays inside the image,
stride 1) has shape (H - kh + 1, W - kw + 1)::

    out[i, j] = sum over (u, v) of X[i + u, j + v] * K[u, v]

``conv2d`` is lesson 17's exercise; ``feature_maps`` applies several filters
to many images at once with the same windows.

Lesson 18 (convolutional networks) adds a convolutional layer and a max-pooling
layer, forward and backward, written as plain loops over the output positions so
that a learner can follow them: ``conv_forward``, ``conv_backward``,
``max_pool_forward``, ``max_pool_backward``. Images are ``(m, C, H, W)``, filters
``(F, C, kh, kw)``, biases ``(F, 1, 1)``; stride 1, zero padding. Gradients follow
the course's convention (``nnlib.deep.linear_backward``): ``dZ`` and ``dA`` are per
example, ``dW`` and ``db`` are averaged over the m examples. The layers nnlib
trains with compute the same numbers with one matrix product each
(``nnlib._fast_conv``); a test holds the two to each other.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from nnlib._validation import Check, arrays, as_float_array, checked

__all__ = [
    "conv2d",
    "feature_maps",
    "max_pool",
    "conv_output_size",
    "conv_forward",
    "conv_backward",
    "max_pool_forward",
    "max_pool_backward",
]


def _windows(images: np.ndarray, kernel_shape: tuple[int, int]) -> np.ndarray:
    """Every (kh, kw) window of the last two axes: (..., H - kh + 1, W - kw + 1, kh, kw), a view."""
    return sliding_window_view(images, kernel_shape, axis=(-2, -1))


def _filter_fits(images: str, kernels: str) -> Check:
    """A check that the filters ``kernels`` fit inside ``images``, as a 'valid' convolution needs."""

    def check(arguments: dict) -> None:
        (H, W), (kh, kw) = arguments[images].shape[-2:], arguments[kernels].shape[-2:]
        if kh > H or kw > W:
            raise ValueError(f"the filter ({kh}, {kw}) must fit inside the {images} {(H, W)} for a 'valid' convolution")

    return check


def _check_stacks(arguments: dict) -> None:
    for name, spec in (("images", "(m, H, W)"), ("kernels", "(k, kh, kw)")):
        arguments[name] = as_float_array(arguments[name], name)
        if arguments[name].ndim != 3:
            raise ValueError(f"{name} must have shape {spec}, got shape {arguments[name].shape}")


@checked(arrays(image=("H", "W"), kernel=("kh", "kw")), _filter_fits("image", "kernel"))
def conv2d(image, kernel) -> np.ndarray:
    """The 'valid' 2-D convolution (cross-correlation, stride 1) of one image with one filter.

    ``out[i, j] = sum(image[i:i + kh, j:j + kw] * kernel)``

    Parameters
    ----------
    image : array of shape (H, W)
    kernel : array of shape (kh, kw), kh <= H and kw <= W

    Returns
    -------
    out : array of shape (H - kh + 1, W - kw + 1), in the inputs' common float dtype
    """
    return np.einsum("ijuv,uv->ij", _windows(image, kernel.shape), kernel)


@checked(_check_stacks, _filter_fits("images", "kernels"))
def feature_maps(images, kernels) -> np.ndarray:
    """Every filter slid over every image ('valid', stride 1): ``conv2d`` in bulk.

    Parameters
    ----------
    images : array of shape (m, H, W)
    kernels : array of shape (k, kh, kw)

    Returns
    -------
    maps : array of shape (m, k, H - kh + 1, W - kw + 1); ``maps[i, c] = conv2d(images[i], kernels[c])``
    """
    return np.einsum("mijuv,kuv->mkij", _windows(images, kernels.shape[1:]), kernels, optimize=True)


def max_pool(maps, size: int = 2) -> np.ndarray:
    """The largest value of each non-overlapping ``size`` x ``size`` block of the last two axes.

    Rows and columns that do not fill a whole block at the end are dropped.

    Parameters
    ----------
    maps : array of shape (..., H, W)
    size : int >= 1

    Returns
    -------
    pooled : array of shape (..., H // size, W // size)
    """
    maps = as_float_array(maps, "maps")
    if maps.ndim < 2:
        raise ValueError(f"maps must have at least 2 axes (..., H, W), got shape {maps.shape}")
    if isinstance(size, bool) or not isinstance(size, (int, np.integer)) or size < 1:
        raise ValueError(f"size must be an integer >= 1, got {size!r}")
    H, W = maps.shape[-2] // size, maps.shape[-1] // size
    blocks = maps[..., : H * size, : W * size].reshape(*maps.shape[:-2], H, size, W, size)
    return blocks.max(axis=(-3, -1))


# --- lesson 18: a convolutional layer and max-pooling, forward and backward ---------------------------


def conv_output_size(size: int, kernel: int, pad: int = 0) -> int:
    """The number of positions of a filter of ``kernel`` entries along an axis of ``size``, padded by
    ``pad`` on both sides, stride 1: ``size + 2 * pad - kernel + 1``."""
    return size + 2 * pad - kernel + 1


def _check_pad(arguments: dict) -> None:
    pad = arguments["pad"]
    if isinstance(pad, bool) or not isinstance(pad, (int, np.integer)) or pad < 0:
        raise ValueError(f"pad must be an integer >= 0, got {pad!r}")
    (H, W), (kh, kw) = arguments["A_prev"].shape[2:], arguments["W"].shape[2:]
    if kh > H + 2 * pad or kw > W + 2 * pad:
        raise ValueError(f"the filters ({kh}, {kw}) must fit inside the padded images {(H + 2 * pad, W + 2 * pad)}")


def _check_conv_cache(arguments: dict) -> None:
    cache = arguments["cache"]
    if not isinstance(cache, (tuple, list)) or len(cache) != 4:
        raise ValueError("cache must be the tuple (A_prev, W, b, pad) that conv_forward returned")
    parts = dict(zip(("A_prev", "W", "b", "pad"), cache))
    arrays(A_prev=("m", "C", "H", "W"), W=("F", "C", "kh", "kw"), b=("F", 1, 1))(parts)
    _check_pad(parts)
    arguments["cache"] = tuple(parts.values())
    dZ = arguments["dZ"] = as_float_array(arguments["dZ"], "dZ")
    (m, _, H, W), (F, _, kh, kw), pad = parts["A_prev"].shape, parts["W"].shape, parts["pad"]
    expected = (m, F, conv_output_size(H, kh, pad), conv_output_size(W, kw, pad))
    if dZ.shape != expected:
        raise ValueError(f"dZ must have the shape of the layer's output Z, {expected}, got {dZ.shape}")


def _pad_images(A: np.ndarray, pad: int) -> np.ndarray:
    """Zeros around the last two axes (the rows and columns) of ``A`` (m, C, H, W): (m, C, H + 2 pad, W + 2 pad)."""
    return np.pad(A, ((0, 0), (0, 0), (pad, pad), (pad, pad)))


@checked(arrays(A_prev=("m", "C", "H", "W"), W=("F", "C", "kh", "kw"), b=("F", 1, 1)), _check_pad)
def conv_forward(A_prev, W, b, pad=0):
    """A convolutional layer: every filter slid over the zero-padded images, plus its bias.

    ``Z[n, f, i, j] = sum(A_pad[n, :, i:i + kh, j:j + kw] * W[f]) + b[f]`` (a cross-correlation,
    stride 1), where ``A_pad`` is ``A_prev`` with ``pad`` rows and columns of zeros on every side.

    Parameters
    ----------
    A_prev : array (m, C, H, W), m images of C channels
    W : array (F, C, kh, kw), F filters, each with one (kh, kw) slice per channel
    b : array (F, 1, 1), one bias per filter
    pad : int >= 0, zero rows and columns added on each side of every image

    Returns
    -------
    Z : array (m, F, H + 2 pad - kh + 1, W + 2 pad - kw + 1)
    cache : tuple (A_prev, W, b, pad), what ``conv_backward`` needs
    """
    m, F, kh, kw = A_prev.shape[0], W.shape[0], W.shape[2], W.shape[3]
    A_pad = _pad_images(A_prev, pad)
    H_out, W_out = A_pad.shape[2] - kh + 1, A_pad.shape[3] - kw + 1
    Z = np.zeros((m, F, H_out, W_out), dtype=np.result_type(A_prev, W, b))
    for i in range(H_out):
        for j in range(W_out):
            window = A_pad[:, :, i : i + kh, j : j + kw]  # (m, C, kh, kw): every image's window at (i, j)
            for f in range(F):
                Z[:, f, i, j] = np.sum(window * W[f], axis=(1, 2, 3)) + b[f, 0, 0]
    return Z, (A_prev, W, b, pad)


@checked(_check_conv_cache)
def conv_backward(dZ, cache):
    """The gradients of a convolutional layer, from ``dZ``, the gradient of its output (per example).

    Each output ``Z[n, f, i, j]`` came from one window and one filter, so its gradient flows back to
    both: ``W[f] * dZ[n, f, i, j]`` is added to the window of ``dA_pad``, and the window times
    ``dZ[n, f, i, j]`` to ``dW[f]``. The padding's gradient is cut off at the end. As in
    ``linear_backward``, ``dW`` and ``db`` are averaged over the m examples and ``dA_prev`` is not.

    Parameters
    ----------
    dZ : array (m, F, H_out, W_out), the gradient of the loss of each example with respect to ``Z``
    cache : tuple (A_prev, W, b, pad) from ``conv_forward``

    Returns
    -------
    dA_prev : array (m, C, H, W), per example
    dW : array (F, C, kh, kw), averaged over the m examples
    db : array (F, 1, 1), ``dZ`` summed over the examples and positions, divided by m
    """
    A_prev, W, b, pad = cache
    m, H, W_in = A_prev.shape[0], A_prev.shape[2], A_prev.shape[3]
    F, kh, kw = W.shape[0], W.shape[2], W.shape[3]
    A_pad = _pad_images(A_prev, pad)
    dA_pad = np.zeros(A_pad.shape, dtype=np.result_type(dZ, W))
    dW = np.zeros(W.shape, dtype=np.result_type(dZ, A_prev))
    for i in range(dZ.shape[2]):
        for j in range(dZ.shape[3]):
            window = A_pad[:, :, i : i + kh, j : j + kw]  # (m, C, kh, kw)
            for f in range(F):
                dz = dZ[:, f, i, j].reshape(m, 1, 1, 1)  # one number per example
                dA_pad[:, :, i : i + kh, j : j + kw] += dz * W[f]
                dW[f] += np.sum(dz * window, axis=0)
    dW = dW / m
    db = np.sum(dZ, axis=(0, 2, 3)).reshape(F, 1, 1) / m
    dA_prev = dA_pad[:, :, pad : pad + H, pad : pad + W_in]
    return dA_prev, dW, db


def _check_size(arguments: dict) -> None:
    size, A = arguments["size"], arguments["A"]
    if isinstance(size, bool) or not isinstance(size, (int, np.integer)) or size < 1:
        raise ValueError(f"size must be an integer >= 1, got {size!r}")
    if size > min(A.shape[2:]):
        raise ValueError(f"the blocks ({size}, {size}) must fit inside the maps {A.shape[2:]}")


def _check_pool_cache(arguments: dict) -> None:
    cache = arguments["cache"]
    if not isinstance(cache, (tuple, list)) or len(cache) != 2:
        raise ValueError("cache must be the tuple (A, size) that max_pool_forward returned")
    parts = dict(zip(("A", "size"), cache))
    arrays(A=("m", "C", "H", "W"))(parts)
    _check_size(parts)
    arguments["cache"] = tuple(parts.values())
    dP = arguments["dP"] = as_float_array(arguments["dP"], "dP")
    (m, C, H, W), size = parts["A"].shape, parts["size"]
    if dP.shape != (m, C, H // size, W // size):
        raise ValueError(f"dP must have the shape of the pooled maps P, {(m, C, H // size, W // size)}, got {dP.shape}")


@checked(arrays(A=("m", "C", "H", "W")), _check_size)
def max_pool_forward(A, size=2):
    """Max-pooling: the largest value of each non-overlapping ``size`` x ``size`` block of every map.

    ``P[n, c, i, j] = max(A[n, c, i*size:(i + 1)*size, j*size:(j + 1)*size])``. Rows and columns that do
    not fill a whole block at the end are left out.

    Parameters
    ----------
    A : array (m, C, H, W)
    size : int >= 1, the side of a block (and the step between blocks)

    Returns
    -------
    P : array (m, C, H // size, W // size), in A's dtype
    cache : tuple (A, size), what ``max_pool_backward`` needs
    """
    m, C = A.shape[0], A.shape[1]
    H_out, W_out = A.shape[2] // size, A.shape[3] // size
    P = np.zeros((m, C, H_out, W_out), dtype=A.dtype)
    for i in range(H_out):
        for j in range(W_out):
            block = A[:, :, i * size : (i + 1) * size, j * size : (j + 1) * size]  # (m, C, size, size)
            P[:, :, i, j] = np.max(block, axis=(2, 3))
    return P, (A, size)


@checked(_check_pool_cache)
def max_pool_backward(dP, cache):
    """The gradient of max-pooling: each block's gradient goes to the position of its maximum.

    Only the largest entry of a block reached the output, so only it gets the block's ``dP``; the
    other entries, and the rows and columns left out, get 0. On ties the first maximum in row-major
    order (the one ``np.argmax`` of the flattened block finds) takes it all. Per example, as ``dP``.

    Parameters
    ----------
    dP : array (m, C, H // size, W // size), the gradient of the pooled maps
    cache : tuple (A, size) from ``max_pool_forward``

    Returns
    -------
    dA : array (m, C, H, W)
    """
    A, size = cache
    m, C = A.shape[0], A.shape[1]
    dA = np.zeros(A.shape, dtype=np.result_type(dP, A))
    for i in range(dP.shape[2]):
        for j in range(dP.shape[3]):
            for n in range(m):
                for c in range(C):
                    block = A[n, c, i * size : (i + 1) * size, j * size : (j + 1) * size]
                    u, v = np.unravel_index(np.argmax(block), block.shape)  # the first maximum, row by row
                    dA[n, c, i * size + u, j * size + v] = dP[n, c, i, j]
    return dA
