"""Lesson 19, Recurrent networks: `rnn_forward`, `rnn_cell_backward`, `rnn_backward`, `clip_gradients`.

Conventions the lesson states and these checks hold: sequences are ``(n, m, T)``; one step's cache is
``(a_next, a_prev, x_t, parameters)``; the gradients of states and inputs are per example (no ``1/m``),
the weights' gradients are averaged over the m sequences and summed over the T steps; the outputs keep
the input's dtype (float32 in, float32 out).
"""

from __future__ import annotations

import numpy as np

from nnlib import gradcheck, recurrent
from nnlib.checks.diagnose import describe
from nnlib.checks.exercise import Case, Exercise
from nnlib.checks.expect import Failure, expect_array, expect_dict, expect_finite_differences, expect_sequence

_RNG = np.random.default_rng(191)

#: (case name, n_x, n_a, n_y, m, T, a0 kind, dtype): every exercise's sequences.
_SHAPES = (
    ("n_x = 3, n_a = 5, n_y = 2, m = 4 sequences of T = 6 steps, a0 not zero", 3, 5, 2, 4, 6, "random", np.float64),
    ("one sequence (m = 1), n_x = 2, n_a = 4, n_y = 3, T = 5", 2, 4, 3, 1, 5, "random", np.float64),
    ("one step (T = 1), n_x = 4, n_a = 3, n_y = 2, m = 3", 4, 3, 2, 3, 1, "random", np.float64),
    ("a0 all zeros, n_x = 1, n_a = 6, n_y = 1, m = 5, T = 7", 1, 6, 1, 5, 7, "zeros", np.float64),
    ("float32 sequences (the outputs must be float32 too), n_x = 2, n_a = 3, n_y = 4, m = 2, T = 4",
     2, 3, 4, 2, 4, "random", np.float32),
)  # fmt: skip


def _parameters(n_x: int, n_a: int, n_y: int, dtype=np.float64) -> dict:
    shapes = {"Wax": (n_a, n_x), "Waa": (n_a, n_a), "ba": (n_a, 1), "Wya": (n_y, n_a), "by": (n_y, 1)}
    return {key: _RNG.normal(scale=0.8, size=shape).astype(dtype) for key, shape in shapes.items()}


def _sequence(n_x, n_a, n_y, m, T, a0_kind, dtype) -> tuple:
    """``(X, a0, parameters)``: random inputs, a random (or zero) first state, random weights."""
    X = _RNG.normal(size=(n_x, m, T)).astype(dtype)
    a0 = (_RNG.normal(size=(n_a, m)) if a0_kind == "random" else np.zeros((n_a, m))).astype(dtype)
    return X, a0, _parameters(n_x, n_a, n_y, dtype)


_SEQUENCES = [(name, _sequence(*shape)) for name, *shape in _SHAPES]


def _m(X) -> int:
    return X.shape[1]


# --- rnn_forward ---------------------------------------------------------------------------------


def _expect_caches(caches, expected: list, case: Case) -> None:
    T = len(expected)
    if not isinstance(caches, (list, tuple)):
        raise Failure(
            f"`caches` must be a list of T = {T} step caches", received=describe(caches), cause="`caches = []` before "
            "the loop, `caches.append((a_next, a_prev, x_t, parameters))` in it",
        )  # fmt: skip
    if len(caches) != T:
        raise Failure(
            f"`caches` holds {len(caches)} step caches but must hold T = {T}, one per time step",
            cause="append one cache per step, inside the loop `for t in range(T)`",
        )
    for t, (cache, wanted) in enumerate(zip(caches, expected)):
        if not isinstance(cache, (tuple, list)) or len(cache) != 4:
            raise Failure(
                f"`caches[{t}]` must be the tuple (a_next, a_prev, x_t, parameters)", received=describe(cache),
                cause="`caches.append((a_next, a_prev, x_t, parameters))`: the four things the backward step reads",
            )  # fmt: skip
        for item, reference, name in zip(cache[:3], wanted[:3], ("a_next", "a_prev", "x_t")):
            expect_array(item, reference, f"caches[{t}][{('a_next', 'a_prev', 'x_t').index(name)}] ({name})",
                         rtol=case.rtol, atol=case.atol)  # fmt: skip
        parameters = expect_dict(cache[3], tuple(wanted[3]), f"caches[{t}][3] (parameters)")
        for key, value in wanted[3].items():
            expect_array(parameters[key], value, f"caches[{t}][3][{key!r}]")


def _compare_forward(received, expected, case: Case) -> None:
    A, Y_hat, caches = expect_sequence(received, ("A", "Y_hat", "caches"), "(A, Y_hat, caches)")
    for output, reference, name in ((A, expected[0], "A"), (Y_hat, expected[1], "Y_hat")):
        expect_array(output, reference, name, rtol=case.rtol, atol=case.atol, same_dtype=True)
    _expect_caches(caches, expected[2], case)


RNN_FORWARD = Exercise(
    "rnn_forward",
    reference=recurrent.rnn_forward,
    hints=(
        "A loop over the time steps t = 0 .. T - 1: each step calls `rnn_cell_forward` on the inputs at that step, "
        "`X[:, :, t]`, and the state the previous step returned (a0 for the first step).",
        "Before the loop: `A = np.zeros((n_a, m, T), dtype=X.dtype)`, `Y_hat` likewise with n_y rows, "
        "`caches = []` and `a_next = a0`. In the loop keep `a_prev = a_next` before the call, store "
        "`A[:, :, t]` and `Y_hat[:, :, t]`, and append the step's cache.",
        "`for t in range(T): a_prev = a_next; a_next, Y_hat[:, :, t] = rnn_cell_forward(X[:, :, t], a_prev, "
        "parameters); A[:, :, t] = a_next; caches.append((a_next, a_prev, X[:, :, t], parameters))`, then "
        "`return A, Y_hat, caches`.",
    ),
    cases=[Case(name, arguments, atol=1e-10) for name, arguments in _SEQUENCES],
    compare=_compare_forward,
)

# --- rnn_cell_backward ---------------------------------------------------------------------------


def _step_case(name: str, X, a0, p, t: int = -1) -> Case:
    """The cache of step ``t`` of the course's forward pass, and a random ``da_next``."""
    cache = recurrent.rnn_forward(X, a0, p)[2][t]
    da_next = _RNG.normal(size=a0.shape).astype(X.dtype)
    return Case(f"the last step of {name}", (da_next, cache), m=_m(X), atol=1e-10)


_STEP_KEYS = ("dx_t", "da_prev", "dWax", "dWaa", "dba")


def _compare_step(received, expected, case: Case) -> None:
    grads = expect_dict(received, _STEP_KEYS, "grads")
    for key in ("dba", "dWax", "dWaa", "dx_t", "da_prev"):
        expect_array(grads[key], expected[key], key, rtol=case.rtol, atol=case.atol, m=case.m, same_dtype=True)


RNN_CELL_BACKWARD = Exercise(
    "rnn_cell_backward",
    reference=recurrent.rnn_cell_backward,
    hints=(
        "First through the tanh: `dz = da_next * (1 - a_next ** 2)`, since tanh's slope is 1 − tanh² and `a_next` "
        "is the tanh's output. Then the step is a linear layer twice over: `Wax @ x_t` and `Waa @ a_prev`.",
        "As in `linear_backward`: the weights' gradients average over the m sequences, `dWax = dz @ x_t.T / m` and "
        "`dWaa = dz @ a_prev.T / m`, `dba` a sum over axis 1 with keepdims, / m; the inputs' gradients stay per "
        "example, `Wax.T @ dz` and `Waa.T @ dz`.",
        "`a_next, a_prev, x_t, parameters = cache; m = x_t.shape[1]; dz = da_next * (1 - a_next ** 2)`; return "
        "`{'dx_t': Wax.T @ dz, 'da_prev': Waa.T @ dz, 'dWax': dz @ x_t.T / m, 'dWaa': dz @ a_prev.T / m, "
        "'dba': np.sum(dz, axis=1, keepdims=True) / m}` with `Wax`, `Waa` from `parameters`.",
    ),
    cases=[_step_case(name, *arguments) for name, arguments in _SEQUENCES],
    compare=_compare_step,
)

# --- rnn_backward --------------------------------------------------------------------------------


def _backward_case(name: str, X, a0, p) -> Case:
    caches = recurrent.rnn_forward(X, a0, p)[2]
    dA = _RNG.normal(size=(a0.shape[0], *X.shape[1:])).astype(X.dtype)
    return Case(name, (dA, caches), m=_m(X), atol=1e-10)


_BACKWARD_KEYS = ("dX", "da0", "dWax", "dWaa", "dba")


def _compare_backward(received, expected, case: Case) -> None:
    grads = expect_dict(received, _BACKWARD_KEYS, "grads")
    for key in ("dba", "dWax", "dWaa", "dX", "da0"):
        expect_array(grads[key], expected[key], key, rtol=case.rtol, atol=case.atol, m=case.m, same_dtype=True)


def _backward_matches_finite_differences(trial) -> None:
    """The gradients are those of a cost: ``J = (1/m) sum(G * A)``, whose gradient for the states is ``G``."""
    rng = np.random.default_rng(193)
    X, a0 = rng.normal(size=(2, 3, 5)), rng.normal(size=(4, 3))
    p = {
        "Wax": rng.normal(size=(4, 2)),
        "Waa": rng.normal(scale=0.6, size=(4, 4)),
        "ba": rng.normal(size=(4, 1)),
        "Wya": rng.normal(size=(1, 4)),
        "by": rng.normal(size=(1, 1)),
    }
    G = rng.normal(size=(4, 3, 5))
    grads = trial.call("finite differences of J = (1/m) sum(dA * A), n_x = 2, n_a = 4, m = 3, T = 5", G,
                       recurrent.rnn_forward(X, a0, p)[2])  # fmt: skip
    grads = expect_dict(grads, _BACKWARD_KEYS, "grads")

    def cost():
        return float(np.sum(G * recurrent.rnn_forward(X, a0, p)[0]) / X.shape[1])

    for key in ("Wax", "Waa", "ba"):
        expect_finite_differences(grads["d" + key], gradcheck.numerical_gradient(cost, p[key]), "d" + key)
    for key, array in (("X", X), ("a0", a0)):  # per example: m times the cost's gradient
        expect_finite_differences(grads["d" + key], X.shape[1] * gradcheck.numerical_gradient(cost, array), "d" + key)


RNN_BACKWARD = Exercise(
    "rnn_backward",
    reference=recurrent.rnn_backward,
    hints=(
        "Walk the steps backwards, t = T - 1 down to 0, calling your `rnn_cell_backward` once per step with that "
        "step's cache. A state gets gradient from two places: its own output, `dA[:, :, t]`, and the next step, "
        "which read it (the `da_prev` that step returned).",
        "Start with `da_prev = np.zeros((n_a, m), dtype=dA.dtype)`, `dX = np.zeros((n_x, m, T), dtype=dA.dtype)` "
        "(n_x from `caches[0][2].shape[0]`) and zero totals for `dWax`, `dWaa`, `dba` (`np.zeros_like` of the "
        "weights, in `caches[0][3]`). Each step: `step = rnn_cell_backward(dA[:, :, t] + da_prev, caches[t])`; "
        "add its weight gradients to the totals (the weights are shared by every step), keep "
        "`dX[:, :, t] = step['dx_t']`, and `da_prev = step['da_prev']`.",
        "`for t in reversed(range(T)): step = rnn_cell_backward(dA[:, :, t] + da_prev, caches[t]); "
        "dX[:, :, t] = step['dx_t']; dWax += step['dWax']; dWaa += step['dWaa']; dba += step['dba']; "
        "da_prev = step['da_prev']`; after the loop `da0 = da_prev`; return the dict of the five.",
    ),
    cases=[_backward_case(name, *arguments) for name, arguments in _SEQUENCES],
    compare=_compare_backward,
    properties=_backward_matches_finite_differences,
    time_limit=10.0,
)

# --- clip_gradients ------------------------------------------------------------------------------


def _gradients(scale: float, dtype=np.float64, zero=False) -> dict:
    shapes = {"dWya": (1, 4), "dby": (1, 1), "dWax": (4, 2), "dba": (4, 1), "dWaa": (4, 4)}
    return {key: (np.zeros(shape) if zero else _RNG.normal(scale=scale, size=shape)).astype(dtype)
            for key, shape in shapes.items()}  # fmt: skip


def _compare_clipped(received, expected, case: Case) -> None:
    clipped = expect_dict(received, tuple(expected), "clipped")
    for key, value in expected.items():
        expect_array(clipped[key], value, key, rtol=case.rtol, atol=case.atol, same_dtype=True)


def _returns_a_new_dict(trial) -> None:
    """Below the limit too, the result is a new dict, as the lesson asks: one the caller may change without
    changing ``grads``."""
    rng = np.random.default_rng(194)
    grads = {"dWaa": rng.normal(scale=0.1, size=(3, 3)), "dba": rng.normal(scale=0.1, size=(3, 1))}
    name = "a global norm of about 0.3, max_norm = 1: below the limit, a new dict all the same"
    clipped = trial.call(name, grads, 1.0)
    if clipped is trial.last.arguments["grads"]:
        raise Failure(
            "it returned the dict `grads` itself; the result must be a new dict, below the limit too",
            cause="below the limit, return a new dict with the same arrays, `dict(grads)`, or scale them by 1; "
            "else a caller that changes the dict it gets back changes `grads` as well",
            diagnosable=False,
        )
    _compare_clipped(clipped, recurrent.clip_gradients(grads, 1.0), Case(name))


CLIP_GRADIENTS = Exercise(
    "clip_gradients",
    reference=recurrent.clip_gradients,
    hints=(
        "Measure all the gradients together: the global norm is the square root of the sum, over every array, of "
        "the sum of its squared entries. Only when it is larger than `max_norm` do the gradients shrink, all by "
        "the same factor.",
        "`norm = np.sqrt(sum(np.sum(g ** 2) for g in grads.values()))`; the factor is `max_norm / norm` when "
        "`norm > max_norm`, else 1. Build a new dict (`{key: g * factor ...}`): `g *= factor` would change the "
        "caller's arrays.",
        "`norm = np.sqrt(sum(np.sum(g ** 2) for g in grads.values()))`; `scale = max_norm / norm if norm > "
        "max_norm else 1.0`; `return {key: g * scale for key, g in grads.items()}`.",
    ),
    cases=(
        Case("five gradients with a global norm of about 30, max_norm = 1", (_gradients(3.0), 1.0)),
        Case("a global norm of about 1.5, max_norm = 5: below the limit, unchanged", (_gradients(0.3), 5.0)),
        Case("one gradient only, norm about 20, max_norm = 2.5", ({"dWaa": _RNG.normal(scale=5.0, size=(4, 4))}, 2.5)),
        Case("exploding gradients, norm about 3e6, max_norm = 1", (_gradients(3e5), 1.0)),
        Case("every gradient zero, max_norm = 1", (_gradients(1.0, zero=True), 1.0)),
        Case(
            "float32 gradients (they must stay float32), norm about 10, max_norm = 2",
            (_gradients(1.0, np.float32), 2.0),
            rtol=1e-5,
        ),
    ),  # fmt: skip
    compare=_compare_clipped,
    properties=_returns_a_new_dict,
    warning_causes={
        start: "every gradient is 0 on this test, so their norm is 0: compute `max_norm / norm` only when "
        "`norm > max_norm` (the norm is then positive), and leave the gradients as they are otherwise"
        for start in ("divide by zero encountered", "invalid value encountered")
    },
)

EXERCISES = [RNN_FORWARD, RNN_CELL_BACKWARD, RNN_BACKWARD, CLIP_GRADIENTS]
