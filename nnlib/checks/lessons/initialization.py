"""Lesson 01, Initialising parameters: `initialize_parameters`.

Weights are random, so the battery never compares values with the
reference: it checks keys, shapes, dtypes, zero biases, broken symmetry and
the statistics of a large draw (standard deviation about 0.01, mean about 0), and the seed: an int
and a Generator (:func:`~nnlib.checks.seeds.expect_seeds_work`). The known mistakes are in the
catalogue, nnlib/checks/mistakes/initialization.py.
"""

from __future__ import annotations

import numpy as np

from nnlib import initializers
from nnlib.checks.diagnose import describe
from nnlib.checks.exercise import Exercise
from nnlib.checks.expect import Failure, expect_dict, expect_float_array
from nnlib.checks.seeds import expect_seeds_work

KEYS = ("W1", "b1", "W2", "b2")


def _expect_symmetry_broken(W: np.ndarray, name: str) -> None:
    if not np.any(W):
        raise Failure(
            f"`{name}` is all zeros",
            cause=(
                "with equal weights every hidden unit computes the same thing and gets the same update, forever "
                "(symmetry); draw them at random: `rng.standard_normal(shape) * 0.01`"
            ),
        )
    if W.shape[0] > 1 and np.all(W == W[0]):
        raise Failure(
            f"every row of `{name}` is the same",
            cause=(
                "identical rows make identical units, which stay identical during training (symmetry); "
                "draw every entry independently at random"
            ),
        )


def _expect_small_normal(W: np.ndarray, name: str, tolerance: float) -> None:
    std, mean = float(W.std()), float(W.mean())
    if W.min() >= 0:
        raise Failure(
            f"every entry of `{name}` is positive",
            received=f"min {W.min():.3g}, mean {mean:.3g}",
            cause="`np.random.rand` draws uniformly from [0, 1); use a normal distribution centred "
            "on 0: `rng.standard_normal(shape) * 0.01` (or `np.random.randn(...) * 0.01`)",
        )
    if abs(std - 0.01) > tolerance * 0.01:
        cause = None
        if 0.5 < std < 2:
            cause = "the draws are not scaled: multiply the standard normal draws by 0.01"
        elif std < 0.005:
            cause = "the draws are scaled too much: multiply standard normal draws by 0.01 (not 0.001 or 0.0001)"
        raise Failure(
            f"the entries of `{name}` have standard deviation {std:.3g}, but must have about 0.01",
            expected="standard deviation 0.01 (weights drawn from N(0, 1), times 0.01)",
            received=f"standard deviation {std:.3g}",
            cause=cause,
        )
    if abs(mean) > 5 * 0.01 / np.sqrt(W.size):
        raise Failure(
            f"the entries of `{name}` have mean {mean:.3g}, but must be centred on 0",
            cause="draw from a normal distribution centred on 0, then scale it; don't add an offset",
        )


def _same_draws(first, second) -> bool:
    first, second = expect_dict(first, KEYS, "parameters"), expect_dict(second, KEYS, "parameters")
    return all(
        isinstance(first[key], np.ndarray)
        and isinstance(second[key], np.ndarray)
        and first[key].shape == second[key].shape
        and np.allclose(first[key], second[key], rtol=1e-12, atol=0)
        for key in ("W1", "W2")
    )


def _check_initialize_parameters(trial) -> None:
    cases = [
        ("the flower's network: input_size = 2, hidden_size = 4, output_size = 1", 2, 4, 1),
        ("input_size = 5, hidden_size = 3, output_size = 2", 5, 3, 2),
        ("one hidden unit: input_size = 3, hidden_size = 1, output_size = 1", 3, 1, 1),
        ("one input: input_size = 1, hidden_size = 3, output_size = 1", 1, 3, 1),
        ("a large network, for the statistics: input_size = 300, hidden_size = 200, output_size = 10", 300, 200, 10),
    ]
    for case, n_x, n_h, n_y in cases:
        parameters = expect_dict(trial.call(case, n_x, n_h, n_y), KEYS, "parameters")
        shapes = {"W1": (n_h, n_x), "b1": (n_h, 1), "W2": (n_y, n_h), "b2": (n_y, 1)}
        for key in KEYS:
            expect_float_array(parameters[key], shapes[key], key)
        for key in ("b1", "b2"):
            if np.any(parameters[key]):
                raise Failure(
                    f"`{key}` must start at zero",
                    received=describe(parameters[key])
                    if parameters[key].size <= 6
                    else f"{int(np.count_nonzero(parameters[key]))} non-zero entries",
                    cause="random weights already break the symmetry, so the biases can start at "
                    f"`np.zeros(({key[1]} rows, 1))`: use `np.zeros`",
                )
        for key in ("W1", "W2"):
            _expect_symmetry_broken(parameters[key], key)
    _expect_small_normal(parameters["W1"], "W1", tolerance=0.05)
    _expect_small_normal(parameters["W2"], "W2", tolerance=0.15)

    again = expect_dict(trial.call("a second call with the same sizes", 300, 200, 10), KEYS, "parameters")
    if np.array_equal(again["W1"], parameters["W1"]):
        raise Failure(
            "two calls returned the same weights",
            cause=(
                "the function seeds the random generator itself (e.g. `np.random.seed(1)` or "
                "`np.random.default_rng(0)` inside); leave the seed to the caller, through `rng`"
            ),
        )

    first = trial.call("rng = np.random.default_rng(7)", 3, 4, 2, rng=np.random.default_rng(7))
    second = trial.call("rng = np.random.default_rng(7), again", 3, 4, 2, rng=np.random.default_rng(7))
    if not _same_draws(first, second):
        raise Failure(
            "the same `rng` seed gave different weights",
            cause=(
                "draw from the generator you are given: `rng = np.random.default_rng(rng)`, then "
                "`rng.standard_normal(...)` (not `np.random.randn`, which ignores `rng`)"
            ),
        )
    if not _same_draws(first, initializers.initialize_parameters(3, 4, 2, rng=np.random.default_rng(7))):
        raise Failure(
            "with `rng = np.random.default_rng(7)` the weights are not the draws the lesson describes",
            expected="`W1` = the generator's first draws (hidden_size × input_size of them), then `W2`",
            cause="draw `W1` first, then `W2`, each with one `rng.standard_normal((rows, columns)) * 0.01`, "
            "from the generator `np.random.default_rng(rng)` gives back",
        )
    expect_seeds_work(trial, "input_size = 3, hidden_size = 4, output_size = 2", (3, 4, 2), agree=_same_draws)


INITIALIZE_PARAMETERS = Exercise(
    "initialize_parameters",
    reference=initializers.initialize_parameters,
    hints=(
        "Four arrays in a dict: `W1` is (hidden_size, input_size), one row per hidden unit; `b1` is "
        "(hidden_size, 1); `W2` is (output_size, hidden_size); `b2` is (output_size, 1).",
        "Weights: `rng.standard_normal((rows, columns)) * 0.01` with `rng = np.random.default_rng(rng)`. "
        "Biases: `np.zeros((rows, 1))`.",
        "`W1 = rng.standard_normal((hidden_size, input_size)) * 0.01`, `b1 = np.zeros((hidden_size, 1))`, the "
        'same for layer 2, then `return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}`.',
    ),
    properties=_check_initialize_parameters,
)

EXERCISES = [INITIALIZE_PARAMETERS]
