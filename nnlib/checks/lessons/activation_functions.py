"""Lesson 10, Activation functions: `relu`, `relu_backward`, `leaky_relu`, `tanh_backward`.

Every function works entry by entry, so the cases are arrays of every shape
the course uses (a layer's ``(n, m)``, one value, a 1-D array), with exact
zeros (where ReLU's slope is a convention), large values, and float32 inputs
whose dtype the output must keep.
"""

from __future__ import annotations

import numpy as np

from nnlib import activations
from nnlib.checks.exercise import ArrayOutput, Case, Exercise

_RNG = np.random.default_rng(10)
_F32 = {"rtol": 1e-5, "atol": 1e-7}
_ROW = np.array([[-2.0, -1.0, 0.0, 1.0, 2.0]])


def _z_cases(name: str = "Z") -> tuple[tuple[str, np.ndarray, dict], ...]:
    """(test name, Z, tolerances) for the forward functions; the backward ones pair each with a dA."""
    return (
        (f"a (3, 4) {name} of moderate values", _RNG.normal(scale=3.0, size=(3, 4)), {}),
        (f"a (1, 5) row through 0: {name} = [[-2, -1, 0, 1, 2]]", _ROW, {}),
        (f"one value: {name} = [[-0.5]]", np.array([[-0.5]]), {}),
        (f"a 1-D {name} (any shape must work)", np.linspace(-4, 4, 9), {}),
        (f"every entry negative: {name} = [[-3, -1e-3, -1e3]]", np.array([[-3.0, -1e-3, -1e3]]), {}),
        (f"large values: {name} = [[-1e6, 1e6]]", np.array([[-1e6, 1e6]]), {}),
        (
            f"float32 input: {name} = [[-3, -0.5, 0, 0.5, 3]] (the output must be float32 too)",
            np.array([[-3.0, -0.5, 0.0, 0.5, 3.0]], dtype=np.float32),
            _F32,
        ),
    )


def _forward_cases(**kwargs) -> tuple[Case, ...]:
    return tuple(Case(name, (Z.copy(),), kwargs, **tol) for name, Z, tol in _z_cases())


def _backward_cases() -> tuple[Case, ...]:
    cases = []
    for name, Z, tol in _z_cases():
        dA = _RNG.normal(size=Z.shape).astype(Z.dtype)
        cases.append(Case(name + ", with a random upstream gradient dA", (dA, Z.copy()), **tol))
    return tuple(cases)


RELU = Exercise(
    "relu",
    reference=activations.relu,
    hints=(
        "ReLU keeps positive entries and replaces the negative ones with 0, entry by entry.",
        "`np.maximum(a, b)` takes the larger of two arrays (or an array and a number) entry by entry; "
        "`np.max` is something else: the largest entry along an axis.",
        "`return np.maximum(Z, 0)`",
    ),
    cases=_forward_cases(),
    compare=ArrayOutput("A", same_dtype=True),
)


RELU_BACKWARD = Exercise(
    "relu_backward",
    reference=activations.relu_backward,
    hints=(
        "dZ = dA · g'(Z), entry by entry. ReLU's slope is 1 where Z > 0 and 0 elsewhere (at Z = 0 exactly, this "
        "course takes 0).",
        "`Z > 0` is a boolean array; multiplying by it keeps dA where it is True and gives 0 elsewhere.",
        "`return dA * (Z > 0)`",
    ),
    cases=_backward_cases(),
    compare=ArrayOutput("dZ", same_dtype=True),
)


def _leaky_cases() -> tuple[Case, ...]:
    default = _forward_cases()
    return default + (
        Case("slope = 0.1: Z = [[-2, -1, 0, 1, 2]]", (_ROW.copy(),), {"slope": 0.1}),
        Case(
            "slope = 0.2, float32 input: Z = [[-3, -0.5, 0.5, 3]]",
            (np.array([[-3.0, -0.5, 0.5, 3.0]], dtype=np.float32),),
            {"slope": 0.2},
            **_F32,
        ),
    )


LEAKY_RELU = Exercise(
    "leaky_relu",
    reference=activations.leaky_relu,
    hints=(
        "Positive entries stay as they are; negative ones are multiplied by `slope` (0.01 unless told).",
        "`np.where(condition, a, b)` takes `a` where the condition holds and `b` elsewhere, entry by entry.",
        "`return np.where(Z > 0, Z, slope * Z)`",
    ),
    cases=_leaky_cases(),
    compare=ArrayOutput("A", same_dtype=True),
)


TANH_BACKWARD = Exercise(
    "tanh_backward",
    reference=activations.tanh_backward,
    hints=(
        "dZ = dA · tanh'(Z), entry by entry, and tanh'(z) = 1 − tanh(z)².",
        "The argument is Z, the layer's input, not its output: compute `T = np.tanh(Z)` first.",
        "`return dA * (1 - np.tanh(Z) ** 2)`",
    ),
    cases=_backward_cases(),
    compare=ArrayOutput("dZ", same_dtype=True),
)

EXERCISES = [RELU, RELU_BACKWARD, LEAKY_RELU, TANH_BACKWARD]
