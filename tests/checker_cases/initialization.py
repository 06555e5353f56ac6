"""Lesson 01: initialize_parameters."""

import numpy as np

from checker_cases.types import Cases, Wrong


def initialize_parameters_textbook(input_size, hidden_size, output_size, rng=None):
    rng = np.random.default_rng(rng)
    W1 = rng.standard_normal((hidden_size, input_size)) * 0.01
    b1 = np.zeros((hidden_size, 1))
    W2 = rng.standard_normal((output_size, hidden_size)) * 0.01
    b2 = np.zeros((output_size, 1))
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    return parameters


def init_normal_with_scale(input_size, hidden_size, output_size, rng=None):
    generator = np.random.default_rng(rng)
    parameters = {}
    for layer, (n_out, n_in) in enumerate([(hidden_size, input_size), (output_size, hidden_size)], start=1):
        parameters[f"W{layer}"] = generator.normal(0.0, 0.01, size=(n_out, n_in))
        parameters[f"b{layer}"] = np.zeros((n_out, 1))
    return parameters


def init_divided_by_100(input_size, hidden_size, output_size, rng=None):
    rng = np.random.default_rng(rng)
    W1 = rng.standard_normal(size=hidden_size * input_size).reshape(hidden_size, input_size) / 100
    W2 = rng.standard_normal(size=output_size * hidden_size).reshape(output_size, hidden_size) / 100
    return dict(W1=W1, b1=np.zeros((hidden_size, 1)), W2=W2, b2=np.zeros((output_size, 1)))


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


CASES = {
    "initialize_parameters": Cases(
        [initialize_parameters_textbook, init_normal_with_scale, init_divided_by_100],
        [
            Wrong("all-zero weights", init_zeros, "(symmetry)"),
            Wrong("weights transposed", init_transposed, "a weight matrix has one row per unit"),
            Wrong("weights not scaled", init_unscaled, "multiply the standard normal draws by 0.01"),
            Wrong("uniform draws", init_uniform, "`np.random.rand` draws uniformly from [0, 1)"),
            Wrong("1-D biases", init_flat_bias, "note the double parentheses"),
            Wrong("random biases", init_random_bias, "`b1` must start at zero"),
            Wrong("seeded inside", init_seeded_inside, "leave the seed to the caller"),
            Wrong("rng ignored", init_ignores_rng, "the same `rng` seed gave different weights"),
            Wrong("lower-case keys", init_lowercase_keys, "'w1' instead"),
            Wrong("identical rows", init_same_rows, "every row of `W1` is the same"),
            Wrong(
                "no rng argument",
                init_no_rng_argument,
                "must take the arguments `initialize_parameters(input_size, hidden_size, output_size, rng)`",
                outcome="your code raised",
            ),
            Wrong("an int seed ignored", init_int_seed_ignored, "an int seed `rng = 7` must give the same weights"),
            Wrong("W2 drawn before W1", init_w2_drawn_first, "draw `W1` first, then `W2`"),
        ],
    ),
}
