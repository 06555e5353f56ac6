"""Convolution: one small filter slid over an image, the same weights at every position.

Introduced in: lesson 17 (architectures: feedforward, convolutional, recurrent).

What deep-learning libraries call a convolution is, strictly, a
cross-correlation: the filter is not flipped. With an image ``X`` (H, W) and a
filter ``K`` (kh, kw), the 'valid' output (the filter stays inside the image,
stride 1) has shape (H - kh + 1, W - kw + 1)::

    out[i, j] = sum over (u, v) of X[i + u, j + v] * K[u, v]

``conv2d`` is the lesson's exercise; ``feature_maps`` applies several filters
to many images at once with the same windows.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from nnlib._validation import Check, arrays, as_float_array, checked

__all__ = ["conv2d", "feature_maps", "max_pool"]


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
