"""Lesson 15, Hyperparameters and optimisers: `random_mini_batches`, `momentum_update`, `adam_update`."""

from __future__ import annotations

import math

import numpy as np

from nnlib import optimizers
from nnlib.checks.diagnose import describe, shape_cause
from nnlib.checks.exercise import Case, Exercise
from nnlib.checks.expect import Failure, expect_array, expect_dict, expect_sequence

_RNG = np.random.default_rng(151)


# --- random_mini_batches --------------------------------------------------------------------------------


def _numbered(m: int, n_x: int = 3, n_y: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """X (n_x, m) whose row 0 numbers the examples 0 .. m-1, and Y (n_y, m) = 10 x the number (+ row index)."""
    X = np.vstack([np.arange(m, dtype=float), _RNG.normal(size=(n_x - 1, m))])
    Y = 10.0 * np.arange(m, dtype=float) + np.arange(n_y, dtype=float).reshape(-1, 1)
    return X, Y


def _batches(output, X: np.ndarray, Y: np.ndarray, batch_size: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """The learner's batches as a list of (X_b, Y_b), or a Failure naming what is wrong with their form."""
    if not isinstance(output, (list, tuple)):
        cause = "collect the batches in a list and return it" if not isinstance(output, np.ndarray) else None
        raise Failure("it must return a list of `(X_batch, Y_batch)` pairs", received=describe(output), cause=cause)
    m = X.shape[1]
    count = math.ceil(m / batch_size)
    if len(output) != count:
        cause = None
        if len(output) == m // batch_size:
            cause = f"the last, smaller batch of the {m % batch_size} examples left over (m % batch_size) is missing"
        elif len(output) == count + 1:
            cause = "an extra batch at the end: when batch_size divides m, there is no leftover batch"
        raise Failure(
            f"with m = {m} and batch_size = {batch_size} there must be {count} batches",
            expected=str(count),
            received=str(len(output)),
            cause=cause,
        )
    batches = []
    for k, pair in enumerate(output):
        if not isinstance(pair, (tuple, list)) or len(pair) != 2:
            raise Failure(f"batch {k} must be a pair `(X_batch, Y_batch)`", received=describe(pair))
        size = min(batch_size, m - k * batch_size)
        for array, full, name in ((pair[0], X, "X_batch"), (pair[1], Y, "Y_batch")):
            expected = (full.shape[0], size)
            if not isinstance(array, np.ndarray) or array.shape != expected:
                received = array.shape if isinstance(array, np.ndarray) else ()
                raise Failure(
                    f"`{name}` of batch {k} must have shape {expected}",
                    received=describe(array),
                    cause=shape_cause(received, expected)
                    or ("every batch but the last holds batch_size examples (columns)" if received else None),
                )
        batches.append((pair[0], pair[1]))
    return batches


def _check_examples(batches, X: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """The order in which the batches hold the examples; a Failure unless each appears once, X and Y together."""
    order = np.concatenate([X_b[0] for X_b, _ in batches]).round().astype(int)
    if sorted(order.tolist()) != list(range(X.shape[1])):
        raise Failure(
            "the batches do not hold every example exactly once",
            cause="examples were drawn with replacement (`rng.integers` or `rng.choice` without `replace=False`): "
            "shuffle with one permutation, `rng.permutation(m)`",
            diagnosable=False,
        )
    for X_b, Y_b in batches:
        if not np.array_equal(X_b, X[:, X_b[0].round().astype(int)]):
            raise Failure("the columns of `X_batch` are not whole examples of X", diagnosable=False)
        if not np.array_equal(Y_b, Y[:, X_b[0].round().astype(int)]):
            raise Failure(
                "`Y_batch` does not hold the labels of the examples in `X_batch`",
                cause="X and Y were shuffled with different permutations: draw `permutation = rng.permutation(m)` "
                "once and index both with it",
                diagnosable=False,
            )
    if np.array_equal(order, np.arange(X.shape[1])):
        raise Failure(
            "the examples are not shuffled: the batches take them in their original order",
            cause="shuffle first: `permutation = rng.permutation(m)`, then `X[:, permutation]`, `Y[:, permutation]`",
            diagnosable=False,
        )
    return order


def _check_random_mini_batches(trial) -> None:
    for m, batch_size, n_y, seed in ((10, 4, 1, 1), (12, 4, 1, 2), (5, 64, 1, 3), (9, 2, 3, 4)):
        X, Y = _numbered(m, n_y=n_y)
        case = f"m = {m}, batch_size = {batch_size}, n_y = {n_y}, rng = np.random.default_rng({seed})"
        output = trial.call(case, X, Y, batch_size, np.random.default_rng(seed))
        order = _check_examples(_batches(output, X, Y, batch_size), X, Y)
        again = trial.call(case + ", again", X, Y, batch_size, np.random.default_rng(seed))
        if not np.array_equal(_check_examples(_batches(again, X, Y, batch_size), X, Y), order):
            raise Failure(
                "the same `rng` seed gave different batches",
                cause="draw the permutation from the generator you are given, `rng.permutation(m)`; "
                "`np.random.permutation` ignores `rng`",
                diagnosable=False,
            )
        expected = np.concatenate(
            [X_b[0] for X_b, _ in optimizers.random_mini_batches(X, Y, batch_size, np.random.default_rng(seed))]
        ).astype(int)
        if not np.array_equal(order, expected):
            raise Failure(
                "the batches are shuffled, but not in the lesson's order",
                expected=f"examples in the order {expected.tolist()}",
                received=f"examples in the order {order.tolist()}",
                cause="draw one `permutation = rng.permutation(m)` (nothing else from `rng` before it), shuffle "
                "both X and Y with it, then cut consecutive slices `[:, k * batch_size:(k + 1) * batch_size]`",
                diagnosable=False,
            )
    X, Y = _numbered(7)
    _check_examples(_batches(trial.call("rng = None (a fresh generator)", X, Y, 3), X, Y, 3), X, Y)


RANDOM_MINI_BATCHES = Exercise(
    "random_mini_batches",
    reference=optimizers.random_mini_batches,
    hints=(
        "Shuffle the m examples once (the same way for X and Y), then cut the shuffled columns into consecutive "
        "slices of batch_size; the last slice holds whatever is left over.",
        "`permutation = rng.permutation(m)` gives the new order; `X[:, permutation]` reorders the columns. "
        "`range(0, m, batch_size)` gives the start of every batch, the last one included.",
        "`rng = np.random.default_rng(rng)`; `p = rng.permutation(X.shape[1])`; `X, Y = X[:, p], Y[:, p]`; "
        "`return [(X[:, k:k + batch_size], Y[:, k:k + batch_size]) for k in range(0, X.shape[1], batch_size)]`",
    ),
    properties=_check_random_mini_batches,
)


# --- momentum_update and adam_update ---------------------------------------------------------------------


def _network(n_layers: int, dtype=np.float64) -> tuple[dict, dict]:
    """Random parameters W1, b1, ... and gradients dW1, db1, ... of a small network."""
    sizes = [3, 4, 2, 2][: n_layers + 1]
    parameters, grads = {}, {}
    for l in range(1, n_layers + 1):
        for key, shape in ((f"W{l}", (sizes[l], sizes[l - 1])), (f"b{l}", (sizes[l], 1))):
            parameters[key] = _RNG.normal(size=shape).astype(dtype)
            grads["d" + key] = _RNG.normal(size=shape).astype(dtype)
    return parameters, grads


def _state(grads: dict, kind: str) -> dict:
    """zeros, or a running average: signed (``"first"``) or of squares (``"second"``)."""
    if kind == "zeros":
        return {key: np.zeros_like(value) for key, value in grads.items()}
    values = {key: _RNG.normal(scale=0.5, size=value.shape).astype(value.dtype) for key, value in grads.items()}
    return {key: value**2 for key, value in values.items()} if kind == "second" else values


def _compare_state(received, expected: tuple, case: Case, names: tuple[str, ...]) -> None:
    outputs = expect_sequence(received, names, f"({', '.join(names)})")
    for output, reference, name in zip(outputs, expected, names):
        expect_dict(output, list(reference), name)
        for key in reference:
            expect_array(output[key], reference[key], f"{name}[{key!r}]", rtol=case.rtol, atol=case.atol)


def _momentum_case(name: str, n_layers: int, velocity: str, beta: float, learning_rate: float) -> Case:
    parameters, grads = _network(n_layers)
    return Case(name, (parameters, grads, _state(grads, velocity), beta, learning_rate), rtol=1e-9, atol=1e-12)


MOMENTUM_UPDATE = Exercise(
    "momentum_update",
    reference=optimizers.momentum_update,
    hints=(
        "For every parameter P: first update its velocity, a running average of the gradients, then step P "
        "along the new velocity. The velocity of `W1` is `velocity['dW1']`.",
        "`v = beta * velocity['d' + key] + (1 - beta) * grads['d' + key]`, then `P - learning_rate * v`. Build new "
        "dicts (do not change the ones you were given), and loop over `parameters` so any number of layers works.",
        "`new_v = {k: beta * velocity[k] + (1 - beta) * grads[k] for k in grads}`; "
        "`new_p = {k: P - learning_rate * new_v['d' + k] for k, P in parameters.items()}`; `return new_p, new_v`",
    ),
    cases=(
        _momentum_case("two layers, velocity not zero, beta = 0.9, learning_rate = 0.1", 2, "first", 0.9, 0.1),
        _momentum_case("the first step: velocity all zeros", 2, "zeros", 0.9, 0.5),
        _momentum_case("three layers (W3, b3 too)", 3, "first", 0.8, 0.05),
        _momentum_case("beta = 0: plain gradient descent", 1, "first", 0.0, 0.3),
        _momentum_case("beta = 0.99, learning_rate = 1", 2, "first", 0.99, 1.0),
    ),
    compare=lambda received, expected, case: _compare_state(received, expected, case, ("parameters", "velocity")),
)


def _adam_case(name: str, n_layers: int, state: str, t: int, **settings) -> Case:
    parameters, grads = _network(n_layers)
    args = (parameters, grads, _state(grads, "first" if state == "random" else state))
    args += (_state(grads, "second" if state == "random" else state), t)
    return Case(name, args, settings, rtol=1e-7, atol=1e-12)


ADAM_UPDATE = Exercise(
    "adam_update",
    reference=optimizers.adam_update,
    hints=(
        "Two running averages per parameter: v of the gradients (like momentum, with beta1) and s of the squared "
        "gradients (with beta2). Divide each by (1 − beta**t) to undo their start at zero, then step "
        "P by learning_rate × v_hat / (√s_hat + epsilon).",
        "Return the *uncorrected* v and s (the next step continues from them); use the corrected v_hat, s_hat only "
        "for the step. `**` is the power: `beta1 ** t`.",
        "For each key k of grads: `v[k] = beta1 * v[k] + (1 - beta1) * g`, `s[k] = beta2 * s[k] + (1 - beta2) * g**2`"
        " (in new dicts), `v_hat = v[k] / (1 - beta1**t)`, `s_hat = s[k] / (1 - beta2**t)`, and the parameter "
        "`P - learning_rate * v_hat / (np.sqrt(s_hat) + epsilon)`; return `(parameters, v, s)`.",
    ),
    cases=(
        _adam_case("the first step (t = 1) from zeros, default settings", 2, "zeros", 1),
        _adam_case("t = 3, v and s not zero, learning_rate = 0.01", 2, "random", 3, learning_rate=0.01),
        _adam_case("three layers, t = 2", 3, "random", 2, learning_rate=0.1),
        _adam_case(
            "t = 50, beta1 = 0.8, beta2 = 0.99, epsilon = 1e-6", 1, "random", 50, beta1=0.8, beta2=0.99, epsilon=1e-6
        ),
        _adam_case("t = 1000: the corrections are about 1", 2, "random", 1000, learning_rate=0.01),
    ),
    compare=lambda received, expected, case: _compare_state(received, expected, case, ("parameters", "v", "s")),
)

EXERCISES = [RANDOM_MINI_BATCHES, MOMENTUM_UPDATE, ADAM_UPDATE]
