"""Test inputs shared by the lessons' batteries: parameters, labels and probabilities, all seeded."""

from __future__ import annotations

import numpy as np

from nnlib.shallow import forward_propagation


def two_layer_parameters(rng: np.random.Generator, n_x: int, n_h: int, n_y: int, scale: float = 1.0) -> dict:
    """W1 (n_h, n_x), b1 (n_h, 1), W2 (n_y, n_h), b2 (n_y, 1), entries N(0, scale²): large enough that
    every unit's output varies (unlike a fresh 0.01-scaled network, where everything is about 0.5)."""
    return {
        "W1": rng.normal(scale=scale, size=(n_h, n_x)),
        "b1": rng.normal(scale=scale, size=(n_h, 1)),
        "W2": rng.normal(scale=scale, size=(n_y, n_h)),
        "b2": rng.normal(scale=scale, size=(n_y, 1)),
    }


def labels(rng: np.random.Generator, n_y: int, m: int, kind: str = "random") -> np.ndarray:
    """Labels (n_y, m) of 0.0 and 1.0: random (both classes present when m > 1), all zeros or all ones."""
    if kind == "zeros":
        return np.zeros((n_y, m))
    if kind == "ones":
        return np.ones((n_y, m))
    Y = (rng.random((n_y, m)) < 0.5).astype(float)
    if m > 1:
        Y[:, 0], Y[:, 1] = 0.0, 1.0
    return Y


def probabilities(rng: np.random.Generator, shape: tuple[int, ...], low: float = 0.02, high: float = 0.98):
    """Predicted probabilities, uniform in [low, high]."""
    return rng.uniform(low, high, size=shape)


def network_case(
    rng: np.random.Generator, n_x: int, n_h: int, n_y: int, m: int, label_kind: str = "random", scale: float = 1.0
):
    """Inputs X, labels Y, parameters and the reference forward pass's cache, for one test."""
    parameters = two_layer_parameters(rng, n_x, n_h, n_y, scale)
    X = rng.normal(size=(n_x, m))
    Y = labels(rng, n_y, m, label_kind)
    _, cache = forward_propagation(X, parameters)
    return X, Y, parameters, cache
