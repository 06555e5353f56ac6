"""Known mistakes of lesson 01, Initialising parameters: `initialize_parameters`.

Weights are random: no output can be reproduced, so every mistake here is caught by a property check
(shapes, zero biases, broken symmetry, the statistics of a large draw, the seed), whose message
contains the entry's phrase.
"""

from __future__ import annotations

import numpy as np

from nnlib.checks.exercise import Mistake


def init_zeros(input_size, hidden_size, output_size, rng=None):
    return {
        "W1": np.zeros((hidden_size, input_size)),
        "b1": np.zeros((hidden_size, 1)),
        "W2": np.zeros((output_size, hidden_size)),
        "b2": np.zeros((output_size, 1)),
    }


def init_transposed(input_size, hidden_size, output_size, rng=None):
    rng = np.random.default_rng(rng)
    return {
        "W1": rng.standard_normal((input_size, hidden_size)) * 0.01,
        "b1": np.zeros((hidden_size, 1)),
        "W2": rng.standard_normal((hidden_size, output_size)) * 0.01,
        "b2": np.zeros((output_size, 1)),
    }


def init_unscaled(input_size, hidden_size, output_size, rng=None):
    rng = np.random.default_rng(rng)
    return {
        "W1": rng.standard_normal((hidden_size, input_size)),
        "b1": np.zeros((hidden_size, 1)),
        "W2": rng.standard_normal((output_size, hidden_size)),
        "b2": np.zeros((output_size, 1)),
    }


def init_uniform(input_size, hidden_size, output_size, rng=None):
    return {
        "W1": np.random.rand(hidden_size, input_size) * 0.01,
        "b1": np.zeros((hidden_size, 1)),
        "W2": np.random.rand(output_size, hidden_size) * 0.01,
        "b2": np.zeros((output_size, 1)),
    }


def init_flat_bias(input_size, hidden_size, output_size, rng=None):
    rng = np.random.default_rng(rng)
    return {
        "W1": rng.standard_normal((hidden_size, input_size)) * 0.01,
        "b1": np.zeros(hidden_size),
        "W2": rng.standard_normal((output_size, hidden_size)) * 0.01,
        "b2": np.zeros(output_size),
    }


def init_random_bias(input_size, hidden_size, output_size, rng=None):
    rng = np.random.default_rng(rng)
    return {
        "W1": rng.standard_normal((hidden_size, input_size)) * 0.01,
        "b1": rng.standard_normal((hidden_size, 1)) * 0.01,
        "W2": rng.standard_normal((output_size, hidden_size)) * 0.01,
        "b2": rng.standard_normal((output_size, 1)) * 0.01,
    }


def init_seeded_inside(input_size, hidden_size, output_size, rng=None):
    rng = np.random.default_rng(1)
    return {
        "W1": rng.standard_normal((hidden_size, input_size)) * 0.01,
        "b1": np.zeros((hidden_size, 1)),
        "W2": rng.standard_normal((output_size, hidden_size)) * 0.01,
        "b2": np.zeros((output_size, 1)),
    }


def init_ignores_rng(input_size, hidden_size, output_size, rng=None):
    return {
        "W1": np.random.randn(hidden_size, input_size) * 0.01,
        "b1": np.zeros((hidden_size, 1)),
        "W2": np.random.randn(output_size, hidden_size) * 0.01,
        "b2": np.zeros((output_size, 1)),
    }


def init_lowercase_keys(input_size, hidden_size, output_size, rng=None):
    rng = np.random.default_rng(rng)
    return {
        "w1": rng.standard_normal((hidden_size, input_size)) * 0.01,
        "b1": np.zeros((hidden_size, 1)),
        "w2": rng.standard_normal((output_size, hidden_size)) * 0.01,
        "b2": np.zeros((output_size, 1)),
    }


def init_same_rows(input_size, hidden_size, output_size, rng=None):
    rng = np.random.default_rng(rng)
    row = rng.standard_normal((1, input_size)) * 0.01
    return {
        "W1": np.repeat(row, hidden_size, axis=0),
        "b1": np.zeros((hidden_size, 1)),
        "W2": rng.standard_normal((output_size, hidden_size)) * 0.01,
        "b2": np.zeros((output_size, 1)),
    }


def init_no_rng_argument(input_size, hidden_size, output_size):
    W1 = np.random.randn(hidden_size, input_size) * 0.01
    W2 = np.random.randn(output_size, hidden_size) * 0.01
    return {"W1": W1, "b1": np.zeros((hidden_size, 1)), "W2": W2, "b2": np.zeros((output_size, 1))}


def init_int_seed_ignored(input_size, hidden_size, output_size, rng=None):
    if not isinstance(rng, np.random.Generator):
        rng = np.random.default_rng()
    return {
        "W1": rng.standard_normal((hidden_size, input_size)) * 0.01,
        "b1": np.zeros((hidden_size, 1)),
        "W2": rng.standard_normal((output_size, hidden_size)) * 0.01,
        "b2": np.zeros((output_size, 1)),
    }


def init_w2_drawn_first(input_size, hidden_size, output_size, rng=None):
    rng = np.random.default_rng(rng)
    W2 = rng.standard_normal((output_size, hidden_size)) * 0.01
    W1 = rng.standard_normal((hidden_size, input_size)) * 0.01
    return {"W1": W1, "b1": np.zeros((hidden_size, 1)), "W2": W2, "b2": np.zeros((output_size, 1))}


MISTAKES = {
    "initialize_parameters": (
        Mistake(init_zeros, "(symmetry)", shown_by="property"),
        Mistake(init_transposed, "a weight matrix has one row per unit", shown_by="property"),
        Mistake(init_unscaled, "multiply the standard normal draws by 0.01", shown_by="property"),
        Mistake(init_uniform, "`np.random.rand` draws uniformly from [0, 1)", shown_by="property"),
        Mistake(init_flat_bias, "note the double parentheses", shown_by="property"),
        Mistake(
            init_random_bias,
            "random weights already break the symmetry, so the biases can start at",
            shown_by="property",
        ),
        Mistake(init_seeded_inside, "leave the seed to the caller", shown_by="seed"),
        Mistake(init_ignores_rng, "the same `rng` seed gave different weights", shown_by="seed"),
        Mistake(init_lowercase_keys, "'w1' instead", shown_by="property"),
        Mistake(init_same_rows, "identical rows make identical units", shown_by="property"),
        Mistake(
            init_no_rng_argument,
            "must take the arguments `initialize_parameters(input_size, hidden_size, output_size, rng)`",
            shown_by="raises",
            outcome="your code raised",
        ),
        Mistake(init_int_seed_ignored, "an int seeds a new generator the same way every time", shown_by="seed"),
        Mistake(init_w2_drawn_first, "draw `W1` first, then `W2`", shown_by="seed"),
    ),
}
