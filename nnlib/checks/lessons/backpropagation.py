"""Lesson 05, Backpropagation: `backward_propagation`, `numerical_gradient`, `relative_error`."""

from __future__ import annotations

import numpy as np

from nnlib import gradcheck, shallow
from nnlib.checks.exercise import Case, Exercise, FloatOutput
from nnlib.checks.expect import expect_array, expect_dict, expect_finite_differences
from nnlib.checks.lessons._inputs import network_case
from nnlib.checks.objectives import objective

_RNG = np.random.default_rng(51)
GRAD_KEYS = ("dW2", "db2", "dW1", "db1")  # in the order backpropagation computes them


def _compare_grads(received, expected, case: Case) -> None:
    grads = expect_dict(received, GRAD_KEYS, "grads")
    for key in GRAD_KEYS:
        expect_array(grads[key], expected[key], key, rtol=case.rtol, atol=case.atol, m=case.m)


def _backward_case(name: str, n_x: int, n_h: int, n_y: int, m: int, label_kind: str = "random") -> Case:
    X, Y, parameters, cache = network_case(_RNG, n_x, n_h, n_y, m, label_kind)
    return Case(name, (parameters, cache, X, Y), m=m)


def _matches_finite_differences(trial) -> None:
    """The gradients are those of the cost: compare with finite differences on a small network."""
    X, Y, parameters, cache = network_case(np.random.default_rng(54), 2, 3, 1, 4)
    grads = trial.call("finite differences of the cost, n_x = 2, n_h = 3, m = 4", parameters, cache, X, Y)
    grads = expect_dict(grads, GRAD_KEYS, "grads")
    for key in GRAD_KEYS:
        f, x = objective("network cost", X=X, Y=Y, parameters=parameters, key=key[1:])
        expect_finite_differences(grads[key], gradcheck.numerical_gradient(f, x), key)


BACKWARD_PROPAGATION = Exercise(
    "backward_propagation",
    reference=shallow.backward_propagation,
    hints=(
        "Go backwards: first the output layer (`dZ2`, `dW2`, `db2`), then the hidden layer (`dZ1`, `dW1`, "
        "`db1`). Each gradient has the shape of the array it belongs to.",
        "`dZ2 = A2 - Y`; `dW2 = dZ2 @ A1.T / m`; `db2` sums `dZ2` over the examples (axis 1, keepdims). The "
        "hidden layer: `dZ1 = (W2.T @ dZ2) * A1 * (1 - A1)`, then the same pattern with `X` in place of `A1`.",
        "`dZ2 = A2 - Y; dW2 = dZ2 @ A1.T / m; db2 = np.sum(dZ2, axis=1, keepdims=True) / m; "
        "dZ1 = (W2.T @ dZ2) * A1 * (1 - A1); dW1 = dZ1 @ X.T / m; db1 = np.sum(dZ1, axis=1, keepdims=True) / m`, "
        "returned as a dict with keys dW1, db1, dW2, db2.",
    ),
    cases=(
        _backward_case("flower-sized: n_x = 2, n_h = 4, n_y = 1, m = 6", 2, 4, 1, 6),
        _backward_case("two output units: n_x = 3, n_h = 5, n_y = 2, m = 7", 3, 5, 2, 7),
        _backward_case("one example (m = 1)", 2, 3, 1, 1),
        _backward_case("square: n_x = n_h = n_y = m = 3", 3, 3, 3, 3),
        _backward_case("every label 0", 2, 4, 1, 5, "zeros"),
        _backward_case("every label 1", 2, 4, 1, 5, "ones"),
    ),
    compare=_compare_grads,
    properties=_matches_finite_differences,
)


def _check_numerical_gradient(trial) -> None:
    rng = np.random.default_rng(52)
    tests = [
        (
            "f = Σ w·x² with x of shape (3,)",
            "weighted squares",
            {"x": rng.normal(size=(3,)), "weights": rng.normal(size=(3,))},
            (),
        ),
        ("f = Σ sin(x) with x of shape (2, 3)", "sum of sines", {"x": rng.normal(size=(2, 3))}, ()),
        (
            "f = Σ x³ with eps = 1e-2 (a centred difference is off by exactly eps², a one-sided one by about 3x·eps)",
            "sum of cubes",
            {"x": rng.normal(size=(2, 2))},
            (1e-2,),
        ),
        ("f = Σ sin(x) with x of shape (1, 1)", "sum of sines", {"x": rng.normal(size=(1, 1))}, ()),
    ]
    X, Y, parameters, _ = network_case(rng, 2, 3, 1, 4)
    tests.append(
        (
            "the network's cost with respect to W1 (3, 2)",
            "network cost",
            {"X": X, "Y": Y, "parameters": parameters, "key": "W1"},
            (),
        )
    )
    for case, name, data, eps in tests:
        f, x = objective(name, **data)
        expected = gradcheck.numerical_gradient(*objective(name, **data), *eps)
        expect_array(trial.call(case, f, x, *eps), expected, "grad", rtol=1e-6, atol=1e-8)


NUMERICAL_GRADIENT = Exercise(
    "numerical_gradient",
    reference=gradcheck.numerical_gradient,
    pass_as_is=("f", "x"),
    time_limit=10.0,
    hints=(
        "Loop over every entry of `x` (`np.ndindex(x.shape)` gives each index). Nudge that entry up by eps, "
        "call `f()`, nudge it down by eps, call `f()` again, and put the entry back.",
        "The centred difference is (f(x + eps) − f(x − eps)) / (2 eps). Store it in `grad[index]` of an array "
        "`grad = np.zeros(x.shape)`, and restore `x[index]` to its original value every time.",
        "`for index in np.ndindex(x.shape): original = x[index]; x[index] = original + eps; plus = f(); "
        "x[index] = original - eps; minus = f(); x[index] = original; grad[index] = (plus - minus) / (2 * eps)`",
    ),
    properties=_check_numerical_gradient,
)


_A = _RNG.normal(size=(3, 4))

RELATIVE_ERROR = Exercise(
    "relative_error",
    reference=gradcheck.relative_error,
    hints=(
        "‖a − n‖ / (‖a‖ + ‖n‖), where ‖·‖ is the Euclidean norm of all entries: `np.linalg.norm`.",
        "Compute the denominator first; when it is 0, both arrays are all zeros and the error is 0.0.",
        "`denominator = np.linalg.norm(analytic) + np.linalg.norm(numeric)`; return 0.0 if it is 0, else "
        "`float(np.linalg.norm(analytic - numeric) / denominator)`.",
    ),
    no_warnings="when both arrays are all zeros, ‖a‖ + ‖n‖ = 0 and 0 / 0 is NaN; return 0.0 when the denominator is 0",
    cases=tuple(
        Case(name, (analytic, numeric), rtol=1e-6, atol=1e-15)
        for name, analytic, numeric in (
            ("nearly equal (3, 4) arrays", _A, _A + 1e-8 * _RNG.normal(size=(3, 4))),
            ("very different arrays", _RNG.normal(size=(2, 5)), _RNG.normal(size=(2, 5))),
            ("equal arrays: the error is 0.0", _A, _A.copy()),
            ("opposite arrays: the error is 1.0", _A, -_A),
            ("a (1, 1) array", np.array([[2.0]]), np.array([[2.5]])),
            ("1-D arrays", _RNG.normal(size=5), _RNG.normal(size=5)),
            ("both all zeros: the error is 0.0", np.zeros((2, 3)), np.zeros((2, 3))),
            ("analytic all zeros, numeric not: the error is 1.0", np.zeros((2, 3)), _RNG.normal(size=(2, 3))),
            ("numeric all zeros, analytic not: the error is 1.0", _RNG.normal(size=(2, 3)), np.zeros((2, 3))),
        )
    ),
    compare=FloatOutput("error"),
)

EXERCISES = [BACKWARD_PROPAGATION, NUMERICAL_GRADIENT, RELATIVE_ERROR]
