"""A small convolutional network: convolution -> ReLU -> max-pooling -> dense -> softmax.

Introduced in: lesson 18 (convolutional networks), trained on the 8x8 digits.

Images are ``(m, C, H, W)``; the dense part keeps the course's columns (``features`` (n, m),
``Y`` (K, m) one-hot). The parameters are a dict like every other network's, so the course's
optimizers (``nnlib.optimizers``) train it unchanged::

    W1 (F, C, k, k), b1 (F, 1, 1)     the convolution's filters and biases
    W2 (K, F * H_p * W_p), b2 (K, 1)  the dense softmax layer on the pooled maps, flattened

Layers come from ``nnlib._fast_conv`` (the lesson's loops, vectorised) and ``nnlib.deep``;
gradients follow the course's convention: per example until ``dW`` and ``db``, which average.
"""

from __future__ import annotations

import time

import numpy as np

from nnlib import _fast_conv
from nnlib._validation import arrays, check_positive, check_rng, checked
from nnlib.activations import softmax
from nnlib.conv import conv_output_size
from nnlib.deep import linear_backward, linear_forward
from nnlib.losses import categorical_cross_entropy
from nnlib.optimizers import get_optimizer, mini_batch_indices

__all__ = ["init_cnn", "cnn_forward", "cnn_backward", "predict_cnn", "fit_cnn", "random_shifts"]


def _pooled_size(image_shape: tuple[int, int, int], kernel_size: int, pad: int, pool: int) -> tuple[int, int]:
    _, H, W = image_shape
    return conv_output_size(H, kernel_size, pad) // pool, conv_output_size(W, kernel_size, pad) // pool


def init_cnn(
    image_shape=(1, 8, 8), n_filters=8, kernel_size=3, n_classes=10, pad=1, pool=2, rng=None, dtype=np.float64
):
    """He-initialised parameters of the network (zero biases).

    Parameters
    ----------
    image_shape : (C, H, W) of one image
    n_filters, kernel_size : F filters of kernel_size x kernel_size
    n_classes : K, the softmax's outputs
    pad, pool : the convolution's zero padding, the pooling's block size
    rng : numpy Generator or seed; dtype : float dtype of every array

    Returns
    -------
    parameters : dict W1 (F, C, k, k), b1 (F, 1, 1), W2 (K, F * H_p * W_p), b2 (K, 1)
    """
    rng = check_rng(rng)
    C = image_shape[0]
    n_features = n_filters * int(np.prod(_pooled_size(image_shape, kernel_size, pad, pool)))
    fan_in = C * kernel_size * kernel_size
    return {
        "W1": (rng.standard_normal((n_filters, C, kernel_size, kernel_size)) * np.sqrt(2 / fan_in)).astype(dtype),
        "b1": np.zeros((n_filters, 1, 1), dtype=dtype),
        "W2": (rng.standard_normal((n_classes, n_features)) * np.sqrt(2 / n_features)).astype(dtype),
        "b2": np.zeros((n_classes, 1), dtype=dtype),
    }


@checked(arrays(images=("m", "C", "H", "W")))
def cnn_forward(images, parameters, pad=1, pool=2):
    """The forward pass: class probabilities (K, m), one column per image, and the caches.

    Parameters
    ----------
    images : array (m, C, H, W)
    parameters : dict from ``init_cnn``
    pad, pool : as given to ``init_cnn``

    Returns
    -------
    AL : array (K, m), softmax probabilities
    caches : tuple for ``cnn_backward``
    """
    Z1, conv_cache = _fast_conv.conv_forward(images, parameters["W1"], parameters["b1"], pad)
    A1 = np.maximum(Z1, 0)
    P1, pool_cache = _fast_conv.max_pool_forward(A1, pool)
    features = P1.reshape(P1.shape[0], -1).T  # (F * H_p * W_p, m): one column per image
    Z2, linear_cache = linear_forward(features, parameters["W2"], parameters["b2"])
    return softmax(Z2), (conv_cache, Z1, pool_cache, P1.shape, linear_cache)


def cnn_backward(AL, Y, caches) -> dict:
    """The gradients of the mean cross-entropy: ``dW1, db1, dW2, db2``.

    Softmax with cross-entropy gives ``dZ2 = AL - Y`` per example; from there back through the
    dense layer, the pooling (to each block's maximum), the ReLU (where ``Z1 > 0``) and the
    convolution. The images' own gradient is not computed.
    """
    conv_cache, Z1, pool_cache, pooled_shape, linear_cache = caches
    dfeatures, dW2, db2 = linear_backward(AL - Y, linear_cache)
    dA1 = _fast_conv.max_pool_backward(dfeatures.T.reshape(pooled_shape), pool_cache)
    _, dW1, db1 = _fast_conv.conv_backward(dA1 * (Z1 > 0), conv_cache, need_dA_prev=False)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def predict_cnn(images, parameters, pad=1, pool=2) -> np.ndarray:
    """The most probable class of each image: int array (m,)."""
    return cnn_forward(images, parameters, pad, pool)[0].argmax(axis=0)


def random_shifts(images, rng, largest=1) -> np.ndarray:
    """Each image moved by its own random number of rows and columns in ``-largest .. largest``.

    Data augmentation: blank (0) pixels come in, pixels that leave the frame are dropped.

    Parameters
    ----------
    images : array (m, C, H, W)
    rng : numpy Generator
    largest : int >= 0

    Returns
    -------
    moved : array (m, C, H, W)
    """
    m, _, H, W = images.shape
    padded = np.pad(images, ((0, 0), (0, 0), (largest, largest), (largest, largest)))
    rows, columns = rng.integers(0, 2 * largest + 1, size=(2, m))
    moved = np.empty_like(images)
    for i in range(m):
        moved[i] = padded[i, :, rows[i] : rows[i] + H, columns[i] : columns[i] + W]
    return moved


def fit_cnn(
    images,
    Y,
    parameters,
    optimizer="adam",
    learning_rate=0.003,
    epochs=10,
    batch_size=32,
    pad=1,
    pool=2,
    shift=0,
    rng=None,
):
    """Train the network with mini-batches and one of the course's optimizers.

    Parameters
    ----------
    images : array (m, C, H, W); Y : one-hot array (K, m)
    parameters : dict from ``init_cnn`` (updated in place, and returned)
    optimizer : "gd", "momentum", "adam" or an optimizer object; learning_rate : float > 0
    epochs, batch_size : ints > 0
    pad, pool : as given to ``init_cnn``
    shift : int >= 0; each epoch moves every training image by up to ``shift`` pixels (augmentation)
    rng : numpy Generator or seed, for the mini-batches and the shifts

    Returns
    -------
    parameters : dict, the trained parameters
    history : dict with "loss" (the mean training loss of each epoch) and "seconds" (each epoch's time)
    """
    check_positive(epochs, "epochs", integer=True)
    check_positive(shift, "shift", integer=True, allow_zero=True)
    rng = check_rng(rng)
    optimizer = get_optimizer(optimizer, learning_rate)
    history = {"loss": [], "seconds": []}
    for _ in range(epochs):
        started = time.perf_counter()
        inputs = random_shifts(images, rng, shift) if shift else images
        losses = []
        for batch in mini_batch_indices(images.shape[0], batch_size, rng):
            AL, caches = cnn_forward(inputs[batch], parameters, pad, pool)
            losses.append(categorical_cross_entropy(AL, Y[:, batch]) * len(batch))
            optimizer.step(parameters, cnn_backward(AL, Y[:, batch], caches))
        history["loss"].append(float(np.sum(losses) / images.shape[0]))
        history["seconds"].append(time.perf_counter() - started)
    return parameters, history
