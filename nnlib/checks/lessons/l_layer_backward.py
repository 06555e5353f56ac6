"""Lesson 08, Backward through L layers: `cost_function`, `linear_backward`, `linear_activation_backward`,
`backprop`.

Conventions the lesson states and these checks hold: ``dA`` and ``dZ`` are per example (no ``1/m``);
the linear step averages, ``dW = dZ A_prev^T / m`` and ``db = sum(dZ) / m``; the ReLU's slope at
exactly ``Z = 0`` is 0 (``Z > 0``); hidden layers ReLU, output layer sigmoid with cross-entropy.
"""

from __future__ import annotations

import numpy as np

from nnlib import deep, gradcheck
from nnlib.checks.diagnose import describe
from nnlib.checks.exercise import Case, Exercise, FloatOutput
from nnlib.checks.expect import Failure, expect_array, expect_dict, expect_finite_differences, expect_in_order
from nnlib.checks.lessons._deep_inputs import LAYERS, NETWORKS, deep_case

# --- cost_function -------------------------------------------------------------------------------


def _cost_inputs(rng: np.random.Generator, shape: tuple[int, int], label_kind: str) -> tuple:
    """``(AL, Y)``: probabilities in [0.05, 0.95] and labels of 0.0 and 1.0 (random, all 0 or all 1)."""
    AL = rng.uniform(0.05, 0.95, size=shape)
    Y = {"zeros": np.zeros(shape), "ones": np.ones(shape)}.get(label_kind)
    if Y is None:
        Y = (rng.random(shape) < 0.5).astype(float)
        if shape[1] > 1:
            Y[:, 0], Y[:, 1] = 0.0, 1.0
    return AL, Y


_RNG_COST = np.random.default_rng(81)

COST_FUNCTION = Exercise(
    "cost_function",
    reference=deep.cost_function,
    arguments=("AL", "Y"),
    hints=(
        "The same cross-entropy as part 1's `compute_cost`: the average over the m examples of "
        "−(y log a + (1 − y) log(1 − a)).",
        "`m = Y.shape[1]` (examples are columns); `np.sum` adds every entry; return a Python float.",
        "`return float(-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m)`.",
    ),
    no_warnings="numpy warns on a log of 0: the labels are 0 or 1, so take logs of the probabilities only, "
    "`np.log(AL)` and `np.log(1 - AL)` (here strictly between 0 and 1)",
    cases=[
        Case(case, _cost_inputs(_RNG_COST, shape, label_kind))
        for case, shape, label_kind in (
            ("two outputs (n_L = 2), m = 4", (2, 4), "random"),
            ("one output, m = 6", (1, 6), "random"),
            ("one example (m = 1)", (1, 1), "random"),
            ("every label 0, m = 5", (1, 5), "zeros"),
            ("every label 1, m = 5", (1, 5), "ones"),
        )
    ],
    compare=FloatOutput("cost"),
)
# --- linear_backward -----------------------------------------------------------------------------


def _expect_triple(output):
    if not isinstance(output, (tuple, list)) or len(output) != 3:
        raise Failure(
            "it must return three values, `dA_prev, dW, db`",
            received=describe(output),
            cause="end with `return dA_prev, dW, db`",
        )
    return output


def _expect_gradients(output, expected, m: int) -> None:
    """``(dA_prev, dW, db)`` against the expected; the three in another order is named."""
    output = _expect_triple(output)
    names = ("dA_prev", "dW", "db")
    expect_in_order(
        output,
        expected,
        names,
        "the three gradients",
        "return them in the order of the cache's arrays: `return dA_prev, dW, db`",
    )
    db, n = output[2], expected[2].shape[0]
    if isinstance(db, np.ndarray) and db.shape == (1, n) and n > 1:
        raise Failure(
            f"`db` has shape {db.shape} but must have shape {expected[2].shape}",
            cause="it was summed over axis 0 (the units); sum over the examples: "
            "`np.sum(dZ, axis=1, keepdims=True) / m`",
        )
    for item, wanted_item, name in zip(output, expected, names):
        expect_array(item, wanted_item, name, m=m)


def _compare_gradients(received, expected, case: Case) -> None:
    _expect_gradients(received, expected, case.m)


def _linear_backward_case(rng: np.random.Generator, name: str, n: int, n_prev: int, m: int) -> Case:
    cache = (rng.normal(size=(n_prev, m)), rng.normal(size=(n, n_prev)), rng.normal(size=(n, 1)))
    return Case(name, (rng.normal(size=(n, m)), cache), m=m)


_RNG_LINEAR = np.random.default_rng(82)

LINEAR_BACKWARD = Exercise(
    "linear_backward",
    reference=deep.linear_backward,
    hints=(
        "Unpack `A_prev, W, b = linear_cache` and take `m = A_prev.shape[1]`. Each gradient has the shape of "
        "the array it belongs to.",
        "`dW` averages over the examples: `dZ @ A_prev.T / m`; so does `db` (a sum over axis 1, keepdims). "
        "`dA_prev = W.T @ dZ` stays per example: no `/ m`.",
        "`dW = dZ @ A_prev.T / m; db = np.sum(dZ, axis=1, keepdims=True) / m; dA_prev = W.T @ dZ; "
        "return dA_prev, dW, db`.",
    ),
    cases=[_linear_backward_case(_RNG_LINEAR, case, n, n_prev, m) for case, n, n_prev, m in LAYERS],
    compare=_compare_gradients,
)
# --- linear_activation_backward ------------------------------------------------------------------


def _activation_backward_case(rng: np.random.Generator, activation: str, name: str, n: int, n_prev: int, m: int):
    A_prev, W, b = rng.normal(size=(n_prev, m)), rng.normal(size=(n, n_prev)), rng.normal(size=(n, 1))
    Z = W @ A_prev + b
    if activation == "relu" and Z.size > 1:
        Z.flat[:: max(Z.size // 3, 2)] = 0.0  # units exactly at the ReLU's kink
        name += ", some Z exactly 0"
    dA = rng.normal(size=(n, m))
    return Case(f"{activation}, {name}", (dA, ((A_prev, W, b), Z), activation), m=m)


_RNG_ACTIVATION = np.random.default_rng(83)

LINEAR_ACTIVATION_BACKWARD = Exercise(
    "linear_activation_backward",
    reference=deep.linear_activation_backward,
    hints=(
        "Unpack `linear_cache, Z = cache`. First through the activation: `dZ = dA * g'(Z)`; then your "
        "`linear_backward(dZ, linear_cache)`.",
        "Sigmoid: g'(Z) = s (1 − s) with `s = sigmoid(Z)`. ReLU: g'(Z) = 1 where Z > 0, else 0 (also at "
        "exactly 0). Don't change `dA` in place.",
        "`dZ = dA * s * (1 - s)` (sigmoid) or `dZ = dA * (Z > 0)` (relu); `return linear_backward(dZ, linear_cache)`.",
    ),
    cases=[
        _activation_backward_case(_RNG_ACTIVATION, activation, case, n, n_prev, m)
        for activation in ("relu", "sigmoid")
        for case, n, n_prev, m in LAYERS
    ],
    compare=_compare_gradients,
)
# --- backprop ------------------------------------------------------------------------------------


def _as_lists(caches):
    """A learner's caches written with lists: ``[[A_prev, W, b], Z]``."""
    return [[list(cache[0]), cache[1]] for cache in caches]


def _expect_grads(grads, expected, L: int, m: int) -> None:
    keys = tuple(key for l in range(1, L + 1) for key in (f"dW{l}", f"db{l}"))
    if isinstance(grads, dict):
        if "dW0" in grads:
            raise Failure(
                "`grads` has a `dW0`: the layer numbers are off by one",
                received=", ".join(map(repr, grads)),
                cause="`caches[l - 1]` belongs to layer l; name its gradients `dW{l}` and `db{l}`",
            )
        if f"dW{L}" in grads and "dW1" not in grads and L > 1:
            raise Failure(
                "`grads` has no `dW1`: the backward loop stops before layer 1",
                received=", ".join(map(repr, grads)),
                cause="go through the hidden layers l = L - 1, ..., 1: `for l in reversed(range(1, L))` "
                "(or `range(L - 1, 0, -1)`)",
            )
    grads = expect_dict(grads, keys, "grads")
    for l in range(L, 0, -1):
        received, mirrored = grads[f"dW{l}"], expected[f"dW{L + 1 - l}"]
        if (
            isinstance(received, np.ndarray)
            and received.shape != expected[f"dW{l}"].shape
            and received.shape == mirrored.shape
        ):
            raise Failure(
                f"`dW{l}` has the shape of `dW{L + 1 - l}`: the caches are read in the wrong order",
                expected=str(expected[f"dW{l}"].shape),
                received=str(received.shape),
                cause="`caches[0]` is layer 1's cache and `caches[L - 1]` layer L's: go backwards, layer l "
                "reading `caches[l - 1]`",
            )
    for key in reversed(keys):
        expect_array(grads[key], expected[key], key, m=m)


def _compare_grads(received, expected, case: Case) -> None:
    _expect_grads(received, expected, len(expected) // 2, case.m)


def _backprop_inputs(rng: np.random.Generator, layer_dims, m: int, label_kind: str = "random") -> tuple:
    """``(AL, Y, caches)`` of the course's forward pass on a random network, and ``(X, parameters)``."""
    X, Y, parameters = deep_case(rng, layer_dims, m, label_kind)
    AL, caches = deep.forward_prop(X, parameters)
    return (AL, Y, caches), (X, parameters)


def _backprop_cases(rng: np.random.Generator) -> list[Case]:
    # First a chain of single units: there a dA or a cache from the wrong layer still fits, so the
    # values (not a shape error) show which mistake it is.
    networks = [("a chain of single units: layer_dims = [3, 1, 1], m = 4", [3, 1, 1], 4, "random")]
    networks += [(case, layer_dims, m, "random") for case, layer_dims, m in NETWORKS]
    networks += [
        ("every label 0: layer_dims = [3, 4, 1], m = 5", [3, 4, 1], 5, "zeros"),
        ("every label 1: layer_dims = [3, 4, 1], m = 5", [3, 4, 1], 5, "ones"),
    ]
    cases = [
        Case(f"the course's caches, {case}", _backprop_inputs(rng, layer_dims, m, label_kind)[0], m=m)
        for case, layer_dims, m, label_kind in networks
    ]
    AL, Y, caches = _backprop_inputs(rng, [4, 3, 2, 1], 5)[0]
    name = "caches written with lists, [[A_prev, W, b], Z]: layer_dims = [4, 3, 2, 1], m = 5"
    return [*cases, Case(name, (AL, Y, _as_lists(caches)), m=5)]


_RNG_BACKPROP = np.random.default_rng(84)
_BACKPROP_CASES = _backprop_cases(_RNG_BACKPROP)
_FINITE_DIFFERENCES = _backprop_inputs(_RNG_BACKPROP, [3, 4, 2, 1], 4)


def _backprop_matches_finite_differences(trial) -> None:
    """The gradients are those of the cost: compare with finite differences."""
    (AL, Y, caches), (X, parameters) = _FINITE_DIFFERENCES
    grads = trial.call("finite differences of the cost, layer_dims = [3, 4, 2, 1], m = 4", AL, Y, caches)
    grads = expect_dict(grads, ("dW1", "db1", "dW2", "db2", "dW3", "db3"), "grads")

    def cost():
        return deep.cost_function(deep.forward_prop(X, parameters)[0], Y)

    for key in ("W3", "b3", "W2", "b2", "W1", "b1"):
        expect_finite_differences(grads["d" + key], gradcheck.numerical_gradient(cost, parameters[key]), "d" + key)


BACKPROP = Exercise(
    "backprop",
    reference=deep.backprop,
    arguments=("AL", "Y", "caches"),
    time_limit=10.0,
    hints=(
        "Start at the output: `dAL = -(Y / AL - (1 - Y) / (1 - AL))`, the cost's gradient per example. "
        "Layer L (sigmoid) turns it into `dA_prev, dWL, dbL`; then the hidden layers (ReLU), from L - 1 down to 1.",
        "`L = len(caches)`; layer l's cache is `caches[l - 1]`. Each step's `dA_prev` is the next (lower) "
        "layer's `dA`. Store `grads[f'dW{l}']` and `grads[f'db{l}']`.",
        "`dA, grads[f'dW{L}'], grads[f'db{L}'] = linear_activation_backward(dAL, caches[L - 1], 'sigmoid')`; "
        "`for l in reversed(range(1, L)): dA, grads[f'dW{l}'], grads[f'db{l}'] = "
        "linear_activation_backward(dA, caches[l - 1], 'relu')`; `return grads`.",
    ),
    cases=_BACKPROP_CASES,
    compare=_compare_grads,
    properties=_backprop_matches_finite_differences,
)

EXERCISES = [COST_FUNCTION, LINEAR_BACKWARD, LINEAR_ACTIVATION_BACKWARD, BACKPROP]
