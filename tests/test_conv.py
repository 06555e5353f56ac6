"""nnlib.conv: conv2d against a loop over positions, feature_maps against conv2d, max_pool, validation."""

import numpy as np
import pytest

from nnlib.conv import conv2d, feature_maps, max_pool


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
