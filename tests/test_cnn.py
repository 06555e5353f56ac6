"""nnlib.cnn: the small convolutional network's gradients against finite differences, and training."""

import numpy as np

from nnlib.cnn import cnn_backward, cnn_forward, fit_cnn, init_cnn, predict_cnn, random_shifts
from nnlib.datasets import load_digits, one_hot, shift_images
from nnlib.gradcheck import numerical_gradient, relative_error
from nnlib.losses import categorical_cross_entropy


def test_init_cnn_shapes_and_dtype():
    parameters = init_cnn((2, 6, 6), n_filters=4, kernel_size=3, n_classes=5, pad=1, pool=2, rng=0, dtype=np.float32)
    assert {key: value.shape for key, value in parameters.items()} == {
        "W1": (4, 2, 3, 3),
        "b1": (4, 1, 1),
        "W2": (5, 4 * 3 * 3),
        "b2": (5, 1),
    }
    assert all(value.dtype == np.float32 for value in parameters.values())


def test_cnn_gradients_match_finite_differences():
    rng = np.random.default_rng(0)
    images = rng.normal(size=(5, 2, 6, 6))
    Y = one_hot(rng.integers(0, 3, size=5), 3)
    parameters = init_cnn((2, 6, 6), n_filters=3, n_classes=3, rng=rng)
    parameters["b1"] += 0.1  # away from the ReLU's kink

    def cost():
        return categorical_cross_entropy(cnn_forward(images, parameters)[0], Y)

    AL, caches = cnn_forward(images, parameters)
    grads = cnn_backward(AL, Y, caches)
    for key in ("W2", "b2", "W1", "b1"):
        assert relative_error(grads["d" + key], numerical_gradient(cost, parameters[key])) < 1e-7, key


def test_fit_cnn_learns_the_digits_and_keeps_float32():
    X, labels = load_digits(dtype=np.float32)
    images, Y = X.T.reshape(-1, 1, 8, 8), one_hot(labels, 10, dtype=np.float32)
    train, test = slice(0, 1200), slice(1200, None)
    parameters = init_cnn(n_filters=8, rng=0, dtype=np.float32)
    parameters, history = fit_cnn(images[train], Y[:, train], parameters, epochs=4, rng=0)
    assert all(value.dtype == np.float32 for value in parameters.values())
    assert history["loss"][-1] < history["loss"][0] and len(history["seconds"]) == 4
    assert np.mean(predict_cnn(images[test], parameters) == labels[0, test]) > 0.85


def test_random_shifts_move_each_image_by_at_most_one_pixel():
    images = np.arange(2 * 16, dtype=float).reshape(2, 1, 4, 4) + 1
    moved = random_shifts(images, np.random.default_rng(0), 1)
    for image, result in zip(images, moved):
        assert any(
            np.array_equal(result[0], shift_images(image[0], rows, columns))
            for rows in (-1, 0, 1)
            for columns in (-1, 0, 1)
        )


def test_shift_images_moves_and_fills_with_zeros():
    image = np.arange(1.0, 10.0).reshape(3, 3)
    np.testing.assert_array_equal(shift_images(image, 0, 1), [[0, 1, 2], [0, 4, 5], [0, 7, 8]])
    np.testing.assert_array_equal(shift_images(image, -1, 0), [[4, 5, 6], [7, 8, 9], [0, 0, 0]])
    np.testing.assert_array_equal(shift_images(image[None], 0, 0)[0], image)
