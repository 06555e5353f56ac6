"""Lesson 11, Initialisation, vanishing and exploding gradients: `xavier_init`, `he_init`.

Weights are random, so the battery checks them twice: exactly, against the
reference's draws from a generator with the same seed (the exercise text
names the one call to use, ``rng.standard_normal((n_out, n_in))``, so the
comparison is fair), and statistically, on a large draw, to name the cause
when the values differ (``n_out`` for ``n_in``, a variance used as a
standard deviation, the other scheme, a uniform draw, ``np.random``).
"""

from __future__ import annotations

import numpy as np

from nnlib import initializers
from nnlib.checks.diagnose import describe
from nnlib.checks.exercise import Exercise
from nnlib.checks.expect import Failure

_SHAPES = (
    ("n_out = 4, n_in = 3", 4, 3),
    ("a column: n_out = 5, n_in = 1", 5, 1),
    ("a row: n_out = 1, n_in = 6", 1, 6),
    ("a square layer: n_out = n_in = 8", 8, 8),
)
_BIG = ("a large layer, for the statistics: n_out = 300, n_in = 120", 300, 120)


def _expect_weights(W, n_out: int, n_in: int) -> np.ndarray:
    if not isinstance(W, np.ndarray):
        raise Failure(f"`W` must be a numpy array of shape ({n_out}, {n_in})", received=describe(W))
    if W.shape != (n_out, n_in):
        cause = None
        if W.shape == (n_in, n_out):
            cause = "it is transposed: a weight matrix has one row per unit of its layer, `(n_out, n_in)`"
        raise Failure(
            f"`W` has shape {W.shape} but must have shape ({n_out}, {n_in})",
            expected=str((n_out, n_in)),
            received=str(W.shape),
            cause=cause,
        )
    if W.dtype != np.float64:
        raise Failure(f"`W` holds {W.dtype} values but must hold float64", received=str(W.dtype))
    if not np.all(np.isfinite(W)):
        raise Failure("`W` contains NaN or infinite values", cause="check for a division by zero")
    return W


def _scale_cause(W: np.ndarray, n_out: int, n_in: int, gain: float) -> str | None:
    """Name the scale a wrong large draw ``W`` (n_out, n_in) was made with, by its standard deviation."""
    std = float(W.std())
    if W.min() >= 0:
        return (
            "every entry is positive: `rng.random` draws uniformly from [0, 1); draw from a normal distribution "
            "centred on 0 with `rng.standard_normal((n_out, n_in))`"
        )
    other = {1.0: ("he_init", 2.0), 2.0: ("xavier_init", 1.0)}[gain]
    candidates = [
        (np.sqrt(gain / n_out), "the scale uses `n_out`; it must use `n_in`, the number of inputs each unit adds up"),
        (
            gain / n_in,
            f"{gain:g} / n_in is the variance: the standard deviation is its square root, `np.sqrt({gain:g} / n_in)`",
        ),
        (
            np.sqrt(2.0 / (n_in + n_out)),
            "this is Glorot's average of n_in and n_out; this lesson's scheme uses "
            f"n_in alone: `np.sqrt({gain:g} / n_in)`",
        ),
        (
            np.sqrt(other[1] / n_in),
            f"this is the scale of `{other[0]}`, Var(W) = {other[1]:g} / n_in; this one has Var(W) = {gain:g} / n_in",
        ),
        (1.0, f"the draws are not scaled: multiply them by `np.sqrt({gain:g} / n_in)`"),
        (0.01, "this is part 1's 0.01 scale; the point of this scheme is a scale that depends on n_in"),
    ]
    for expected_std, cause in candidates:
        if abs(std - expected_std) < 0.03 * expected_std:
            return cause
    return None


def _fan_in_properties(reference, gain: float):
    def properties(trial) -> None:
        for case, n_out, n_in in _SHAPES:
            _expect_weights(
                trial.call(f"{case}, rng = np.random.default_rng(0)", n_out, n_in, np.random.default_rng(0)),
                n_out,
                n_in,
            )
        case, n_out, n_in = _BIG
        W = _expect_weights(
            trial.call(f"{case}, rng = np.random.default_rng(1)", n_out, n_in, np.random.default_rng(1)), n_out, n_in
        )
        expected = reference(n_out, n_in, np.random.default_rng(1))
        if np.allclose(W, expected, rtol=1e-12, atol=0):
            again = trial.call(f"{case}, rng = np.random.default_rng(2)", n_out, n_in, np.random.default_rng(2))
            if isinstance(again, np.ndarray) and np.array_equal(again, W):
                raise Failure(
                    "two generators with different seeds gave the same weights",
                    cause="draw from the `rng` you are given; don't seed a generator of your own",
                )
            return
        std, target = float(W.std()), float(np.sqrt(gain / n_in))
        cause = _scale_cause(W, n_out, n_in, gain)
        if cause is not None or abs(std - target) > 0.03 * target:
            raise Failure(
                f"the entries of `W` have standard deviation {std:.3g}, but must have about {target:.3g}",
                expected=f"entries drawn from N(0, {gain:g} / n_in): standard deviation sqrt({gain:g} / {n_in}) "
                f"= {target:.3g}",
                received=f"standard deviation {std:.3g}",
                cause=cause,
            )
        if abs(float(W.mean())) > 5 * target / np.sqrt(W.size):
            raise Failure(
                f"the entries of `W` have mean {float(W.mean()):.3g}, but must be centred on 0",
                cause="draw from a normal distribution centred on 0, then scale it; don't add an offset",
            )
        twin = trial.call(f"{case}, rng = np.random.default_rng(1) again", n_out, n_in, np.random.default_rng(1))
        if not (isinstance(twin, np.ndarray) and np.array_equal(twin, W)):
            raise Failure(
                "the same `rng` seed gave different weights",
                cause="draw from the generator you are given, `rng.standard_normal(...)`; `np.random.randn` "
                "and `np.random.normal` ignore it",
            )
        other = trial.call(f"{case}, rng = np.random.default_rng(2)", n_out, n_in, np.random.default_rng(2))
        if isinstance(other, np.ndarray) and np.array_equal(other, W):
            raise Failure(
                "two generators with different seeds gave the same weights",
                cause="draw from the `rng` you are given; don't seed a generator of your own",
            )
        raise Failure(
            "the scale is right, but the draws are not the ones the lesson asks for",
            expected=f"`rng.standard_normal((n_out, n_in)) * np.sqrt({gain:g} / n_in)` with the given `rng`",
            cause="draw all the entries with one call `rng.standard_normal((n_out, n_in))` (not `(n_in, n_out)` "
            "transposed, not one row at a time), then scale them",
        )

    return properties


XAVIER_INIT = Exercise(
    "xavier_init",
    reference=initializers.xavier_init,
    hints=(
        "Draw a standard normal matrix of shape (n_out, n_in) from `rng`, then scale it so that its variance is "
        "1 / n_in.",
        "Scaling by a number s multiplies the variance by s², so the scale is the square root: `np.sqrt(1 / n_in)`.",
        "`return rng.standard_normal((n_out, n_in)) * np.sqrt(1 / n_in)`",
    ),
    properties=_fan_in_properties(initializers.xavier_init, 1.0),
)

HE_INIT = Exercise(
    "he_init",
    reference=initializers.he_init,
    hints=(
        "Like `xavier_init`, with twice the variance: 2 / n_in, because ReLU zeroes about half of its inputs.",
        "The standard deviation is the square root of the variance: `np.sqrt(2 / n_in)`.",
        "`return rng.standard_normal((n_out, n_in)) * np.sqrt(2 / n_in)`",
    ),
    properties=_fan_in_properties(initializers.he_init, 2.0),
)

EXERCISES = [XAVIER_INIT, HE_INIT]
