"""Lesson 12, Regularisation: `l2_cost`, `l2_gradient`, `l1_gradient`, `dropout_forward`, `dropout_backward`.

The penalties are compared with the reference on parameter dicts of one to
three layers (biases present, and never penalised). Dropout's mask is random:
the exercise names the draw, ``rng.random(A.shape) < keep_prob``, so the
masks are compared exactly for a seeded generator; the properties then say
what is wrong in words (the share kept, the scaling, the generator used).
"""

from __future__ import annotations

import numpy as np

from nnlib import regularization
from nnlib.checks.exercise import ArrayOutput, Case, Exercise, FloatOutput
from nnlib.checks.expect import Failure, expect_array, expect_sequence

_RNG = np.random.default_rng(12)


def _parameters(sizes, seed):
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(sizes)):
        parameters[f"W{l}"] = rng.normal(size=(sizes[l], sizes[l - 1]))
        parameters[f"b{l}"] = rng.normal(size=(sizes[l], 1))  # non-zero, so that penalising them shows
    return parameters


L2_COST = Exercise(
    "l2_cost",
    reference=regularization.l2_cost,
    hints=(
        "Add up the squares of every entry of every weight matrix W1 .. WL (not the biases), then multiply by "
        "lambd / (2 m).",
        "`L = len(parameters) // 2` layers; `np.sum(np.square(parameters[f'W{l}']))` for l = 1 .. L.",
        "`return float(lambd / (2 * m) * sum(np.sum(np.square(parameters[f'W{l}'])) for l in range(1, L + 1)))`",
    ),
    cases=(
        Case("two layers [2, 3, 1], lambd = 0.7, m = 5", (_parameters([2, 3, 1], 1), 0.7, 5)),
        Case("three layers [4, 5, 3, 2], lambd = 0.1, m = 20", (_parameters([4, 5, 3, 2], 2), 0.1, 20)),
        Case("one layer [3, 1], lambd = 2.0, m = 1", (_parameters([3, 1], 3), 2.0, 1)),
        Case("lambd = 0: no penalty", (_parameters([2, 3, 1], 4), 0.0, 10)),
    ),
    compare=FloatOutput("cost"),
)


def _gradient_cases():
    W = _RNG.normal(size=(3, 4))
    W[0, 0] = 0.0  # an exact zero, where the L1 slope is taken as 0
    return (
        Case("W (3, 4) with one exact 0, lambd = 0.7, m = 5", (W, 0.7, 5)),
        Case("W (1, 6), lambd = 0.1, m = 20", (_RNG.normal(size=(1, 6)), 0.1, 20)),
        Case("lambd = 0", (_RNG.normal(size=(2, 2)), 0.0, 4)),
        Case(
            "float32 W (2, 3), lambd = 1.0, m = 2 (the output must be float32 too)",
            (_RNG.normal(size=(2, 3)).astype(np.float32), 1.0, 2),
            rtol=1e-5,
            atol=1e-7,
        ),
    )


L2_GRADIENT = Exercise(
    "l2_gradient",
    reference=regularization.l2_gradient,
    hints=(
        "Differentiate (lambd / (2m)) Σ w² with respect to one weight w.",
        "d/dw of w² is 2w, and the 2 cancels the 1/2.",
        "`return lambd / m * W`",
    ),
    cases=_gradient_cases(),
    compare=ArrayOutput("dW_penalty", same_dtype=True),
)


L1_GRADIENT = Exercise(
    "l1_gradient",
    reference=regularization.l1_gradient,
    hints=(
        "Differentiate (lambd / m) Σ |w| with respect to one weight w: |w| has slope +1 for w > 0 and −1 for w < 0.",
        "`np.sign(W)` is +1, −1, or 0 where W is exactly 0 (this course takes the slope of |w| at 0 as 0).",
        "`return lambd / m * np.sign(W)`",
    ),
    cases=_gradient_cases(),
    compare=ArrayOutput("dW_penalty", same_dtype=True),
    no_warnings="a division by 0 where a weight is exactly 0 (`W / np.abs(W)` is 0 / 0 there): `np.sign(W)` "
    "gives the slope, 0 at 0",
)


_DROPOUT_TESTS = (
    ("A (5, 8), keep_prob = 0.8, rng = np.random.default_rng(0)", np.abs(_RNG.normal(size=(5, 8))), 0.8, 0),
    ("A (3, 4), keep_prob = 0.5, rng = np.random.default_rng(1)", np.abs(_RNG.normal(size=(3, 4))), 0.5, 1),
    ("keep_prob = 1: nothing dropped, rng = np.random.default_rng(2)", np.abs(_RNG.normal(size=(2, 3))), 1.0, 2),
    (
        "float32 A (4, 5), keep_prob = 0.6, rng = np.random.default_rng(3) (the outputs must be float32 too)",
        np.abs(_RNG.normal(size=(4, 5))).astype(np.float32),
        0.6,
        3,
    ),
    ("A = ones (200, 100), keep_prob = 0.7, rng = np.random.default_rng(5)", np.ones((200, 100)), 0.7, 5),
)


def _dropout_cause(A, keep_prob, seed, A_dropped, D, expected_D) -> str | None:
    """Why a learner's (A_dropped, D) of the right shapes differs from the reference's, if a known reason fits."""
    draws = np.random.default_rng(seed).random(A.shape)
    kept = A_dropped != 0
    if np.allclose(D, expected_D * keep_prob * keep_prob, rtol=1e-5):
        return "the kept units are multiplied by keep_prob; inverted dropout divides them by keep_prob"
    if keep_prob < 1 and kept.any() and np.allclose(A_dropped[kept], A[kept], rtol=1e-5):
        return (
            "the kept activations are not scaled: inverted dropout divides them by keep_prob, so that each "
            "activation keeps its expected value (and prediction needs no change)"
        )
    if keep_prob != 0.5 and np.array_equal(kept, (draws > keep_prob) & (A != 0)):  # at 0.5 it is a fair coin
        return "the mask is the wrong way round: `rng.random(A.shape) > keep_prob` keeps a share 1 − keep_prob"
    return None


def _unexplained_cause(trial, name, A, keep_prob, seed, D) -> str:
    twin = trial.call(name + ", again", A, keep_prob, np.random.default_rng(seed))
    if isinstance(twin, tuple) and len(twin) == 2 and isinstance(twin[1], np.ndarray) and np.array_equal(twin[1], D):
        return (
            "draw the mask with one call `rng.random(A.shape) < keep_prob` from the `rng` you are given "
            "(other calls draw other numbers)"
        )
    return "the same `rng` seed gave a different mask: draw from the `rng` you are given; `np.random.rand` ignores it"


def _dropout_properties(trial) -> None:
    for name, A, keep_prob, seed in _DROPOUT_TESTS:
        received = trial.call(name, A, keep_prob, np.random.default_rng(seed))
        A_dropped, D = expect_sequence(received, ("A_dropped", "D"), "(A_dropped, D)")
        expected_A, expected_D = regularization.dropout_forward(A, keep_prob, np.random.default_rng(seed))
        if isinstance(D, np.ndarray) and D.dtype.kind == "b":
            raise Failure(
                "`D` is a boolean mask; return the scaled mask, 0 or 1 / keep_prob",
                cause="the backward pass multiplies by D, so D carries the 1 / keep_prob too: "
                "`D = (rng.random(A.shape) < keep_prob) / keep_prob`",
            )
        if isinstance(D, np.ndarray) and D.shape != A.shape and D.ndim == 2 and D.shape[1] == 1:
            raise Failure(
                f"`D` has shape {D.shape} but must have A's shape {A.shape}",
                cause="draw one number per entry, `rng.random(A.shape)`: every example drops its own units",
            )
        swapped = isinstance(A_dropped, np.ndarray) and A_dropped.shape == A.shape
        if swapped and np.array_equal(A_dropped, expected_D) and not np.array_equal(expected_A, expected_D):
            raise Failure("the outputs are in the wrong order", cause="return `A_dropped, D`, in that order")
        tol = {"rtol": 1e-5, "atol": 1e-7} if A.dtype == np.float32 else {}
        for value, expected, what in ((A_dropped, expected_A, "A_dropped"), (D, expected_D, "D")):
            try:
                expect_array(value, expected, what, same_dtype=True, **tol)
            except Failure as failure:
                if "entries" in failure.problem and isinstance(D, np.ndarray) and D.shape == A.shape:
                    failure.cause = _dropout_cause(A, keep_prob, seed, A_dropped, D, expected_D)
                    if failure.cause is None:
                        failure.cause = _unexplained_cause(trial, name, A, keep_prob, seed, D)
                        failure.test = name  # the failing call, not the second one made to diagnose it
                raise


_DROPOUT_HINTS = (
    "Draw one uniform number per entry of A, keep the entries whose number is below keep_prob, and divide the kept "
    "ones by keep_prob.",
    "`D = (rng.random(A.shape) < keep_prob) / keep_prob` is the scaled mask (0 or 1 / keep_prob); keep A's dtype "
    "with `.astype(A.dtype)`.",
    "`D = ((rng.random(A.shape) < keep_prob) / keep_prob).astype(A.dtype)`, then `return A * D, D`",
)

DROPOUT_FORWARD = Exercise(
    "dropout_forward",
    reference=regularization.dropout_forward,
    hints=_DROPOUT_HINTS,
    properties=_dropout_properties,
)


def _dropout_backward_cases():
    cases = []
    for name, shape, keep_prob, dtype in (
        ("dA (5, 8), D from keep_prob = 0.8", (5, 8), 0.8, np.float64),
        ("dA (3, 4), D from keep_prob = 0.5", (3, 4), 0.5, np.float64),
        ("dA (2, 3), keep_prob = 1 (nothing dropped)", (2, 3), 1.0, np.float64),
        ("float32 dA (4, 5), D from keep_prob = 0.6 (the output must be float32 too)", (4, 5), 0.6, np.float32),
    ):
        D = regularization.dropout_mask(shape, keep_prob, np.random.default_rng(len(cases)), dtype)
        dA = _RNG.normal(size=shape).astype(dtype)
        tol = {"rtol": 1e-5, "atol": 1e-7} if dtype == np.float32 else {}
        cases.append(Case(name, (dA, D), **tol))
    return tuple(cases)


DROPOUT_BACKWARD = Exercise(
    "dropout_backward",
    reference=regularization.dropout_backward,
    hints=(
        "A dropped unit did not take part in the forward pass, so it gets no gradient; a kept one was multiplied "
        "by 1 / keep_prob, so its gradient is too.",
        "Both facts are in D: it is 0 for dropped units and 1 / keep_prob for kept ones.",
        "`return dA * D`",
    ),
    cases=_dropout_backward_cases(),
    compare=ArrayOutput("dA_masked", same_dtype=True),
    no_warnings="dividing by D divides by 0 for every dropped unit: multiply by D, don't divide, `dA * D`",
)

EXERCISES = [L2_COST, L2_GRADIENT, L1_GRADIENT, DROPOUT_FORWARD, DROPOUT_BACKWARD]
