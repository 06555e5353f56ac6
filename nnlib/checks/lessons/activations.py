"""Lesson 02, The sigmoid and other activations: `sigmoid`, `sigmoid_derivative`, `stable_sigmoid`.

The known mistakes are in the catalogue, nnlib/checks/mistakes/activations.py.
"""

from __future__ import annotations

import numpy as np

from nnlib import activations, shallow
from nnlib.checks.exercise import ArrayOutput, Case, Exercise
from nnlib.checks.expect import Failure

_RNG = np.random.default_rng(21)
_F32 = {"rtol": 1e-5, "atol": 1e-7}

SIGMOID_CASES = (
    Case("a (3, 4) array of moderate values", (_RNG.normal(scale=3.0, size=(3, 4)),), atol=1e-12),
    Case("a (1, 5) row through 0: [-2, -1, 0, 1, 2]", (np.array([[-2.0, -1.0, 0.0, 1.0, 2.0]]),), atol=1e-12),
    Case("one value: [[0.5]]", (np.array([[0.5]]),), atol=1e-12),
    Case("a 1-D array (any shape must work)", (np.linspace(-8, 8, 9),), atol=1e-12),
    Case(
        "float32 input: [[-3, -0.5, 0, 0.5, 3]] (the output must be float32 too)",
        (np.array([[-3.0, -0.5, 0.0, 0.5, 3.0]], dtype=np.float32),),
        **_F32,
    ),
    Case("saturated: [[-40, -20, 20, 40]]", (np.array([[-40.0, -20.0, 20.0, 40.0]]),), atol=1e-12),
)

_SIGMOID_HINTS = (
    "σ(z) = 1 / (1 + e^(−z)). numpy's `np.exp` works on a whole array at once.",
    "`np.exp(-Z)` is e^(−z) for every entry; add 1, then take 1 over it, all with array arithmetic.",
    "`return 1 / (1 + np.exp(-Z))`",
)


SIGMOID = Exercise(
    "sigmoid",
    reference=activations.sigmoid,
    hints=_SIGMOID_HINTS,
    cases=SIGMOID_CASES,
    compare=ArrayOutput("A", same_dtype=True),
)


SIGMOID_DERIVATIVE = Exercise(
    "sigmoid_derivative",
    reference=shallow.sigmoid_derivative,
    hints=(
        "The argument is the sigmoid's *output* A = σ(Z), not Z. Write σ'(z) using σ(z) only.",
        "σ'(z) = σ(z) (1 − σ(z)), and σ(z) is A.",
        "`return A * (1 - A)`",
    ),
    cases=(
        Case("sigmoid outputs of a (3, 4) array", (_RNG.uniform(0.01, 0.99, size=(3, 4)),), atol=1e-15),
        Case("A = 0.5, where the slope is largest (0.25)", (np.array([[0.5]]),), atol=1e-15),
        Case("A = 0 and A = 1, where the slope is 0", (np.array([[0.0, 1.0]]),), atol=1e-15),
        Case("saturated outputs: [[1e-9, 0.999999999]]", (np.array([[1e-9, 1 - 1e-9]]),), atol=1e-15),
        Case("a 1-D array", (np.linspace(0.05, 0.95, 7),), atol=1e-15),
        Case(
            "float32 input: [[0.1, 0.5, 0.9]] (the output must be float32 too)",
            (np.array([[0.1, 0.5, 0.9]], dtype=np.float32),),
            **_F32,
        ),
    ),
    compare=ArrayOutput("dA_dZ", same_dtype=True),
)


_HIDING = ("errstate", "seterr", "catch_warnings", "filterwarnings", "simplefilter")


def _avoids_rather_than_hides_warnings(trial) -> None:
    source = trial.source() or ""
    hidden = [word for word in _HIDING if word in source]
    if hidden:
        raise Failure(
            "the values are right, but the warnings are switched off rather than avoided",
            test="reading your code",
            received=f"it uses `{hidden[0]}`",
            cause="the overflow still happens (you just don't hear about it); rewrite the formula so that "
            "`np.exp` never sees a large positive number",
            diagnosable=False,
        )


STABLE_SIGMOID = Exercise(
    "stable_sigmoid",
    reference=activations.sigmoid,
    hints=(
        "`np.exp(x)` overflows only for large positive x. Arrange things so that `np.exp` only ever sees numbers ≤ 0.",
        "For z ≥ 0, 1 / (1 + e^(−z)) is safe. For z < 0, multiply top and bottom by e^z: e^z / (1 + e^z), "
        "also safe. Both only need e^(−|z|).",
        "`E = np.exp(-np.abs(Z))`, then `return np.where(Z >= 0, 1 / (1 + E), E / (1 + E))`: `E` is never "
        "larger than 1, so neither branch can overflow.",
    ),
    cases=SIGMOID_CASES
    + (
        Case(
            "large |z|: [[-1000, -710, -40, 40, 710, 1000]]",
            (np.array([[-1000.0, -710.0, -40.0, 40.0, 710.0, 1000.0]]),),
            atol=1e-12,
        ),
        Case(
            "float32 input: [[-100, -50, 0, 50, 100]] (float32 overflows at e^89)",
            (np.array([[-100.0, -50.0, 0.0, 50.0, 100.0]], dtype=np.float32),),
            **_F32,
        ),
        Case(
            "the extremes of float32: [[-3.4e38, -89, 89, 3.4e38]]",
            (np.array([[-3.4e38, -89.0, 89.0, 3.4e38]], dtype=np.float32),),
            **_F32,
        ),
        Case("the extremes of float64: [[-1.7e308, 1.7e308]]", (np.array([[-1.7e308, 1.7e308]]),), atol=1e-12),
    ),
    compare=ArrayOutput("A", same_dtype=True),
    warning_causes={
        "overflow encountered in exp": "`np.exp` of a large positive number overflows; compute `np.exp` only of "
        "−|z|. Note that `np.where(cond, a, b)` computes both `a` and `b` on every entry, so a branch that is not "
        "chosen still overflows"
    },
    properties=_avoids_rather_than_hides_warnings,
)

EXERCISES = [SIGMOID, SIGMOID_DERIVATIVE, STABLE_SIGMOID]
