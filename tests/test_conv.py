"""nnlib.conv: conv2d against a loop over positions, feature_maps against conv2d, max_pool; lesson 18's layers
against conv2d and finite differences; validation."""

import numpy as np
import pytest

from nnlib.conv import (
    conv2d,
    conv_backward,
    conv_forward,
    conv_output_size,
    feature_maps,
    max_pool,
    max_pool_backward,
    max_pool_forward,
)
from nnlib.gradcheck import numerical_gradient, relative_error


def conv2d_loops(image, kernel):
    kh, kw = kernel.shape
    out = np.zeros((image.shape[0] - kh + 1, image.shape[1] - kw + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(image[i : i + kh, j : j + kw] * kernel)
    return out


@pytest.mark.parametrize(("image_shape", "kernel_shape"), [((8, 8), (3, 3)), ((5, 7), (2, 4)), ((3, 3), (3, 3))])
def test_conv2d_matches_a_loop_over_positions(image_shape, kernel_shape):
    rng = np.random.default_rng(0)
    image, kernel = rng.normal(size=image_shape), rng.normal(size=kernel_shape)
    out = conv2d(image, kernel)
    assert out.shape == (image_shape[0] - kernel_shape[0] + 1, image_shape[1] - kernel_shape[1] + 1)
    np.testing.assert_allclose(out, conv2d_loops(image, kernel), rtol=1e-12, atol=1e-12)


def test_conv2d_is_not_flipped_and_keeps_float32():
    image = np.zeros((3, 3), dtype=np.float32)
    image[0, 0] = 1.0
    kernel = np.arange(4, dtype=np.float32).reshape(2, 2)
    out = conv2d(image, kernel)
    assert out.dtype == np.float32
    assert out[0, 0] == kernel[0, 0]  # cross-correlation: the filter's top-left meets the image's top-left


def test_conv2d_is_shift_equivariant():
    rng = np.random.default_rng(1)
    image, kernel = rng.normal(size=(8, 8)), rng.normal(size=(3, 3))
    shifted = np.roll(image, 1, axis=1)
    np.testing.assert_allclose(conv2d(shifted, kernel)[:, 1:], conv2d(image, kernel)[:, :-1], atol=1e-12)


def test_feature_maps_apply_conv2d_to_every_image_and_filter():
    rng = np.random.default_rng(2)
    images, kernels = rng.normal(size=(4, 8, 8)), rng.normal(size=(3, 3, 3))
    maps = feature_maps(images, kernels)
    assert maps.shape == (4, 3, 6, 6)
    for i in range(4):
        for c in range(3):
            np.testing.assert_allclose(maps[i, c], conv2d(images[i], kernels[c]), atol=1e-12)


def test_max_pool_takes_the_largest_of_each_block_and_drops_leftovers():
    maps = np.arange(25.0).reshape(5, 5)
    np.testing.assert_array_equal(max_pool(maps, 2), [[6.0, 8.0], [16.0, 18.0]])
    assert max_pool(np.zeros((2, 3, 6, 6)), 3).shape == (2, 3, 2, 2)


@pytest.mark.parametrize(
    ("image", "kernel", "message"),
    [
        (np.zeros(8), np.zeros((3, 3)), "image must be a 2-D array"),
        (np.zeros((8, 8)), np.zeros(3), "kernel must be a 2-D array"),
        (np.zeros((2, 8)), np.zeros((3, 3)), "must fit inside"),
        ("image", np.zeros((3, 3)), "image must be a numpy array"),
    ],
)
def test_conv2d_bad_input_names_the_argument(image, kernel, message):
    with pytest.raises((ValueError, TypeError), match=message):
        conv2d(image, kernel)


def test_feature_maps_and_max_pool_bad_input():
    with pytest.raises(ValueError, match=r"images must have shape \(m, H, W\)"):
        feature_maps(np.zeros((8, 8)), np.zeros((1, 3, 3)))
    with pytest.raises(ValueError, match=r"kernels must have shape \(k, kh, kw\)"):
        feature_maps(np.zeros((1, 8, 8)), np.zeros((3, 3)))
    with pytest.raises(ValueError, match="size must be an integer"):
        max_pool(np.zeros((4, 4)), 0)


# --- lesson 18: conv_forward, conv_backward, max_pool_forward, max_pool_backward ---------------------


def _layer(rng, m=2, C=2, H=5, W=6, F=3, kh=3, kw=2):
    return rng.normal(size=(m, C, H, W)), rng.normal(size=(F, C, kh, kw)), rng.normal(size=(F, 1, 1))


@pytest.mark.parametrize("pad", [0, 1, 2])
def test_conv_forward_is_conv2d_summed_over_channels_plus_the_bias(pad):
    rng = np.random.default_rng(3)
    A_prev, W, b = _layer(rng)
    Z, cache = conv_forward(A_prev, W, b, pad)
    assert Z.shape == (2, 3, conv_output_size(5, 3, pad), conv_output_size(6, 2, pad))
    padded = np.pad(A_prev, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    for n in range(2):
        for f in range(3):
            expected = sum(conv2d(padded[n, c], W[f, c]) for c in range(2)) + b[f, 0, 0]
            np.testing.assert_allclose(Z[n, f], expected, atol=1e-12)
    assert cache[0] is A_prev and cache[1] is W and cache[2] is b and cache[3] == pad


@pytest.mark.parametrize("pad", [0, 1, 2])
def test_conv_backward_matches_finite_differences(pad):
    """J = mean over the examples of sum(Z * G): dZ = G per example, dW and db are dJ/dW and dJ/db, and
    dA_prev (per example) is m * dJ/dA_prev."""
    rng = np.random.default_rng(4)
    A_prev, W, b = _layer(rng)
    m = A_prev.shape[0]
    G = rng.normal(size=conv_forward(A_prev, W, b, pad)[0].shape)

    def cost():
        return float(np.sum(conv_forward(A_prev, W, b, pad)[0] * G) / m)

    dA_prev, dW, db = conv_backward(G, conv_forward(A_prev, W, b, pad)[1])
    assert relative_error(dW, numerical_gradient(cost, W)) < 1e-8
    assert relative_error(db, numerical_gradient(cost, b)) < 1e-8
    assert relative_error(dA_prev, m * numerical_gradient(cost, A_prev)) < 1e-8


def test_conv_keeps_float32():
    rng = np.random.default_rng(5)
    A_prev, W, b = (array.astype(np.float32) for array in _layer(rng))
    Z, cache = conv_forward(A_prev, W, b, 1)
    assert Z.dtype == np.float32
    assert all(gradient.dtype == np.float32 for gradient in conv_backward(np.ones_like(Z), cache))


def test_max_pool_forward_agrees_with_max_pool_and_keeps_what_backward_needs():
    rng = np.random.default_rng(6)
    A = rng.normal(size=(2, 3, 5, 7))
    P, cache = max_pool_forward(A, 2)
    np.testing.assert_array_equal(P, max_pool(A, 2))
    assert cache[0] is A and cache[1] == 2


def test_max_pool_backward_sends_the_gradient_to_the_first_maximum():
    A = np.array([[[[1.0, 3.0, 0.0, 0.0], [3.0, 2.0, 0.0, 0.0], [5.0, 1.0, 2.0, 2.0], [0.0, 0.0, 2.0, 1.0]]]])
    dA = max_pool_backward(np.array([[[[10.0, 20.0], [30.0, 40.0]]]]), max_pool_forward(A, 2)[1])
    expected = np.zeros((1, 1, 4, 4))
    expected[0, 0, 0, 1], expected[0, 0, 0, 2], expected[0, 0, 2, 0], expected[0, 0, 2, 2] = 10, 20, 30, 40
    np.testing.assert_array_equal(dA, expected)


def test_max_pool_backward_matches_finite_differences_without_ties():
    rng = np.random.default_rng(7)
    A = rng.permutation(2 * 2 * 5 * 6).reshape(2, 2, 5, 6) / 10.0  # distinct values: no ties, no kinks
    G = rng.normal(size=(2, 2, 2, 3))

    def cost():
        return float(np.sum(max_pool_forward(A, 2)[0] * G))

    dA = max_pool_backward(G, max_pool_forward(A, 2)[1])
    assert relative_error(dA, numerical_gradient(cost, A, eps=1e-4)) < 1e-8
    assert not dA[:, :, 4].any()  # the left-out row gets 0


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: conv_forward(np.zeros((1, 8, 8)), np.zeros((2, 1, 3, 3)), np.zeros((2, 1, 1))), "A_prev must be"),
        (lambda: conv_forward(np.zeros((1, 2, 8, 8)), np.zeros((2, 1, 3, 3)), np.zeros((2, 1, 1))), "W must have"),
        (lambda: conv_forward(np.zeros((1, 1, 8, 8)), np.zeros((2, 1, 3, 3)), np.zeros((2, 1))), "b must be"),
        (lambda: conv_forward(np.zeros((1, 1, 2, 2)), np.zeros((2, 1, 3, 3)), np.zeros((2, 1, 1))), "must fit"),
        (lambda: conv_forward(np.zeros((1, 1, 4, 4)), np.zeros((2, 1, 3, 3)), np.zeros((2, 1, 1)), -1), "pad must"),
        (lambda: conv_backward(np.zeros((1, 2, 2, 2)), (np.zeros((1, 1, 4, 4)), np.zeros((2, 1, 3, 3)))), "cache"),
        (
            lambda: conv_backward(
                np.zeros((1, 2, 3, 3)), (np.zeros((1, 1, 4, 4)), np.zeros((2, 1, 3, 3)), np.zeros((2, 1, 1)), 0)
            ),
            r"dZ must have the shape of the layer's output Z, \(1, 2, 2, 2\)",
        ),
        (lambda: max_pool_forward(np.zeros((1, 1, 4, 4)), 5), "must fit inside"),
        (lambda: max_pool_forward(np.zeros((4, 4)), 2), "A must be"),
        (
            lambda: max_pool_backward(np.zeros((1, 1, 3, 3)), (np.zeros((1, 1, 4, 4)), 2)),
            r"dP must have .* \(1, 1, 2, 2\)",
        ),
    ],
)
def test_lesson_18_layers_name_a_bad_argument(call, message):
    with pytest.raises((ValueError, TypeError), match=message):
        call()
