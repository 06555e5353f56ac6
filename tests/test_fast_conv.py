"""nnlib._fast_conv: the vectorised layers nnlib trains with, held to the lesson's loops (nnlib.conv)."""

import numpy as np
import pytest

from nnlib import _fast_conv, conv
from nnlib.gradcheck import numerical_gradient, relative_error


@pytest.mark.parametrize(
    ("shape", "filters", "pad"),
    [((3, 2, 5, 6), (4, 2, 3, 3), 0), ((2, 3, 4, 5), (2, 3, 2, 3), 2), ((1, 1, 8, 8), (8, 1, 3, 3), 1),
     ((2, 4, 3, 3), (3, 4, 1, 1), 0)],
)  # fmt: skip
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_conv_layer_matches_the_loops(shape, filters, pad, dtype):
    rng = np.random.default_rng(0)
    A_prev, W = rng.normal(size=shape).astype(dtype), rng.normal(size=filters).astype(dtype)
    b = rng.normal(size=(filters[0], 1, 1)).astype(dtype)
    tolerance = 1e-4 if dtype == np.float32 else 1e-12
    Z, cache = conv.conv_forward(A_prev, W, b, pad)
    Z_fast, cache_fast = _fast_conv.conv_forward(A_prev, W, b, pad)
    assert Z_fast.dtype == dtype
    np.testing.assert_allclose(Z_fast, Z, atol=tolerance)
    dZ = rng.normal(size=Z.shape).astype(dtype)
    for fast, loops in zip(_fast_conv.conv_backward(dZ, cache_fast), conv.conv_backward(dZ, cache)):
        assert fast.dtype == dtype and fast.shape == loops.shape
        np.testing.assert_allclose(fast, loops, atol=tolerance)
    dA_prev, dW, db = _fast_conv.conv_backward(dZ, cache_fast, need_dA_prev=False)
    assert dA_prev is None
    np.testing.assert_allclose(dW, conv.conv_backward(dZ, cache)[1], atol=tolerance)


@pytest.mark.parametrize(
    ("shape", "size"), [((2, 3, 4, 4), 2), ((2, 2, 5, 7), 2), ((1, 2, 6, 6), 3), ((2, 1, 3, 3), 1)]
)
@pytest.mark.parametrize("kind", ["normal", "ties"])
def test_max_pooling_matches_the_loops_ties_included(shape, size, kind):
    rng = np.random.default_rng(1)
    A = rng.normal(size=shape) if kind == "normal" else rng.integers(0, 2, size=shape).astype(float)
    P, cache = conv.max_pool_forward(A, size)
    P_fast, cache_fast = _fast_conv.max_pool_forward(A, size)
    np.testing.assert_array_equal(P_fast, P)
    dP = rng.normal(size=P.shape)
    np.testing.assert_array_equal(_fast_conv.max_pool_backward(dP, cache_fast), conv.max_pool_backward(dP, cache))


@pytest.mark.parametrize("block_bytes", [1, 6000, 1 << 20])  # 1, 2 (then 1) and all 3 images at a time
def test_image_gradient_in_groups_of_images_matches_the_loops(monkeypatch, block_bytes):
    """dA_prev formed a group of images at a time (the last group part-filled) equals the loops'; dZ may be a view."""
    monkeypatch.setattr(_fast_conv, "_BLOCK_BYTES", block_bytes)
    rng = np.random.default_rng(2)
    A_prev, W = rng.normal(size=(3, 2, 5, 4)), rng.normal(size=(3, 2, 3, 2))
    b = rng.normal(size=(3, 1, 1))
    Z, cache = conv.conv_forward(A_prev, W, b, 1)
    dZ = rng.normal(size=Z.shape[::-1]).T  # a transposed view
    _, cache_fast = _fast_conv.conv_forward(A_prev, W, b, 1)
    for fast, loops in zip(_fast_conv.conv_backward(dZ, cache_fast), conv.conv_backward(dZ, cache)):
        np.testing.assert_allclose(fast, loops, atol=1e-12)


@pytest.mark.parametrize(("filters", "pad"), [((3, 2, 3, 3), 1), ((2, 2, 2, 3), 2), ((2, 2, 3, 2), 0)])
def test_conv_layer_gradients_match_finite_differences(filters, pad):
    """J = mean over the examples of sum(Z * G): dW, db are dJ/dW, dJ/db and dA_prev is m * dJ/dA_prev."""
    rng = np.random.default_rng(3)
    A_prev, W, b = rng.normal(size=(3, 2, 5, 4)), rng.normal(size=filters), rng.normal(size=(filters[0], 1, 1))
    m = A_prev.shape[0]
    G = rng.normal(size=_fast_conv.conv_forward(A_prev, W, b, pad)[0].shape)

    def cost():
        return float(np.sum(_fast_conv.conv_forward(A_prev, W, b, pad)[0] * G) / m)

    dA_prev, dW, db = _fast_conv.conv_backward(G, _fast_conv.conv_forward(A_prev, W, b, pad)[1])
    assert relative_error(dW, numerical_gradient(cost, W)) < 1e-8
    assert relative_error(db, numerical_gradient(cost, b)) < 1e-8
    assert relative_error(dA_prev, m * numerical_gradient(cost, A_prev)) < 1e-8
