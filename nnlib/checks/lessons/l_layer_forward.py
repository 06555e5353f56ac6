"""Lesson 07, From one layer to L layers: `init_params`, `linear_forward`, `linear_activation_forward`,
`forward_prop`.

Conventions the lesson states and these checks hold: ``layer_dims = [n_0, n_1, ..., n_L]``; He
initialisation ``W_l ~ N(0, 2 / n_{l-1})``, zero biases; the caches are the tuples
``(A_prev, W, b)`` and ``(linear_cache, Z)``; hidden layers ReLU, output layer sigmoid.
"""

from __future__ import annotations

import numpy as np

from nnlib import deep, initializers
from nnlib.activations import relu, sigmoid
from nnlib.checks.diagnose import describe, same
from nnlib.checks.exercise import Case, Exercise
from nnlib.checks.expect import Failure, expect_array, expect_dict, expect_float_array
from nnlib.checks.lessons._deep_inputs import LAYERS, NETWORKS, deep_case, expect_cache, expect_caches


def parameter_keys(L: int) -> tuple[str, ...]:
    """``("W1", "b1", ..., "WL", "bL")``."""
    return tuple(key for l in range(1, L + 1) for key in (f"W{l}", f"b{l}"))


# --- init_params ---------------------------------------------------------------------------------


def _expect_parameter_shapes(parameters, layer_dims) -> None:
    for l in range(1, len(layer_dims)):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        expect_float_array(parameters[f"W{l}"], (n, n_prev), f"W{l}")
        expect_float_array(parameters[f"b{l}"], (n, 1), f"b{l}")


def _expect_keys(parameters, L: int) -> None:
    keys = parameter_keys(L)
    if isinstance(parameters, dict):
        extra = [key for key in parameters if key not in keys]
        missing = [key for key in keys if key not in parameters]
        if parameters and missing == [f"W{L}", f"b{L}"]:
            raise Failure(
                f"`parameters` has no layer {L}, the output layer",
                received=", ".join(map(repr, parameters)),
                cause="a network with `len(layer_dims) = L + 1` sizes has L layers: `for l in range(1, L + 1)` "
                "where `L = len(layer_dims) - 1` (or `range(1, len(layer_dims))`)",
            )
        if "W0" in extra or "b0" in extra:
            raise Failure(
                "`parameters` has a `W0`: layers are numbered from 1, and layer 0 is the input X",
                cause="loop `for l in range(1, len(layer_dims))`",
            )
    expect_dict(parameters, keys, "parameters")


def _expect_he_scale(W, key: str, n_prev: int, n: int) -> None:
    std, mean, wanted = float(W.std()), float(W.mean()), float(np.sqrt(2.0 / n_prev))
    if W.min() >= 0:
        raise Failure(
            f"every entry of `{key}` is positive",
            cause="`np.random.rand` draws uniformly from [0, 1); draw from a normal distribution centred on 0: "
            "`rng.standard_normal(shape)`",
        )
    if abs(std - wanted) <= 0.1 * wanted:
        if abs(mean) > 6 * wanted / np.sqrt(W.size):
            raise Failure(f"the entries of `{key}` have mean {mean:.3g}, but must be centred on 0")
        return
    causes = {
        0.01: "0.01 is part 1's scale; in a deep ReLU network it makes the signal shrink layer after layer: "
        "scale by `np.sqrt(2 / layer_dims[l - 1])` (He)",
        1.0: "the standard normal draws are not scaled: multiply by `np.sqrt(2 / layer_dims[l - 1])`",
        float(np.sqrt(1.0 / n_prev)): "`np.sqrt(1 / n_prev)` is Xavier's scale; He's, for ReLU layers, is "
        "`np.sqrt(2 / layer_dims[l - 1])`",
        float(np.sqrt(2.0 / n)): "the scale uses this layer's size; He's scale uses the number of inputs, "
        "`np.sqrt(2 / layer_dims[l - 1])`",
        2.0 / n_prev: "the square root is missing: the standard deviation is `np.sqrt(2 / layer_dims[l - 1])`",
    }
    cause = next((text for scale, text in causes.items() if abs(std - scale) < 0.1 * scale), None)
    raise Failure(
        f"the entries of `{key}` have standard deviation {std:.3g}, but He initialisation gives "
        f"sqrt(2 / {n_prev}) = {wanted:.3g}",
        expected=f"standard deviation {wanted:.3g}",
        received=f"standard deviation {std:.3g}",
        cause=cause,
    )


def _init_params_properties(trial) -> None:
    unseeded = trial.call("layer_dims = [3, 4, 1], rng left out", [3, 4, 1])
    cases = [  # int seeds: the same draws again let a known mistake be recognised by its output
        ("layer_dims = [4, 5, 1] (L = 2), rng = 0", [4, 5, 1], 0),
        ("layer_dims = [3, 1] (L = 1), rng = 1", [3, 1], 1),
        ("layer_dims = [5, 4, 3, 2, 1] (L = 4), rng = 2", [5, 4, 3, 2, 1], 2),
        ("a hidden layer of width 1: layer_dims = [3, 1, 4, 1], rng = 3", [3, 1, 4, 1], 3),
        ("a large network, for the statistics: layer_dims = [400, 300, 200, 2], rng = 4", [400, 300, 200, 2], 4),
    ]
    for case, layer_dims, seed in cases:
        L = len(layer_dims) - 1
        parameters = trial.call(case, layer_dims, rng=seed)
        _expect_keys(parameters, L)
        _expect_parameter_shapes(parameters, layer_dims)
        for l in range(1, L + 1):
            if np.any(parameters[f"b{l}"]):
                raise Failure(
                    f"`b{l}` must start at zero",
                    cause="random weights already break the symmetry; biases start at `np.zeros((layer_dims[l], 1))`",
                )
            W = parameters[f"W{l}"]
            if not np.any(W) or (W.shape[0] > 1 and np.all(W == W[0])):
                raise Failure(
                    f"`W{l}` is all zeros or has identical rows",
                    cause="identical units stay identical during training (symmetry): draw every weight at random",
                )
    for l, n_prev, n in ((1, 400, 300), (2, 300, 200)):
        _expect_he_scale(parameters[f"W{l}"], f"W{l}", n_prev, n)

    again = trial.call("layer_dims = [3, 4, 1], rng left out, a second call", [3, 4, 1])
    first_W1 = expect_dict(unseeded, ("W1",), "parameters")["W1"]
    if np.array_equal(expect_dict(again, ("W1",), "parameters")["W1"], first_W1):
        raise Failure(
            "two calls without `rng` returned the same weights",
            cause="the function seeds a generator itself (`np.random.seed(...)` or `np.random.default_rng(1)` "
            "inside); leave the seed to the caller: `rng = np.random.default_rng(rng)`",
        )
    draws = [
        expect_dict(trial.call(case, [3, 4, 1], rng=np.random.default_rng(seed)), ("W1",), "parameters")["W1"]
        for case, seed in (("rng = np.random.default_rng(7)", 7), ("rng = np.random.default_rng(7) again", 7))
    ]
    if not np.array_equal(*draws):
        raise Failure(
            "the same `rng` seed gave different weights",
            cause="draw from the generator you are given, `rng.standard_normal(...)` (not `np.random.randn`, "
            "which ignores `rng`)",
        )
    other = trial.call("rng = np.random.default_rng(8)", [3, 4, 1], rng=np.random.default_rng(8))
    if np.array_equal(expect_dict(other, ("W1",), "parameters")["W1"], draws[0]):
        raise Failure(
            "different `rng` seeds gave the same weights",
            cause="the function seeds its own generator; draw from `np.random.default_rng(rng)`",
        )
    seeded = [
        expect_dict(trial.call(case, [3, 4, 1], rng=7), ("W1",), "parameters")["W1"]
        for case in ("rng = 7 (an int seed)", "rng = 7 again")
    ]
    if not np.array_equal(*seeded):
        raise Failure(
            "the same int seed `rng = 7` gave different weights",
            cause="an int seed is a seed too: `rng = np.random.default_rng(rng)` turns an int, a Generator or "
            "None into a generator; use it whatever `rng` is",
        )
    other_int = trial.call("rng = 8 (another int seed)", [3, 4, 1], rng=8)
    if np.array_equal(expect_dict(other_int, ("W1",), "parameters")["W1"], seeded[0]):
        raise Failure(
            "different int seeds `rng = 7` and `rng = 8` gave the same weights",
            cause="the int's value is the seed: `np.random.default_rng(rng)` seeds from it (a fixed "
            "`np.random.default_rng(0)` for any int ignores which int the caller chose)",
        )


INIT_PARAMS = Exercise(
    "init_params",
    reference=initializers.init_params,
    arguments=("layer_dims", "rng"),
    hints=(
        "For every layer l = 1..L (with L = len(layer_dims) - 1): `Wl` has shape (layer_dims[l], "
        "layer_dims[l - 1]) and `bl` has shape (layer_dims[l], 1).",
        "He initialisation: standard normal draws times `np.sqrt(2 / layer_dims[l - 1])`; biases start at zero. "
        "Draw from `rng = np.random.default_rng(rng)`, and name the keys with f-strings: `f'W{l}'`.",
        "`rng = np.random.default_rng(rng)`; `for l in range(1, len(layer_dims)): parameters[f'W{l}'] = "
        "rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * np.sqrt(2 / layer_dims[l - 1]); "
        "parameters[f'b{l}'] = np.zeros((layer_dims[l], 1))`.",
    ),
    properties=_init_params_properties,
)


# --- linear_forward ------------------------------------------------------------------------------


def _expect_pair(output, first: str, second: str):
    if not isinstance(output, (tuple, list)) or len(output) != 2:
        raise Failure(
            f"it must return two values, `{first}, {second}`",
            received=describe(output),
            cause=f"end with `return {first}, {second}`",
        )
    if isinstance(output[0], (tuple, list)) and isinstance(output[1], np.ndarray):
        raise Failure(
            f"the two values are in the wrong order: `{first}` (an array) comes first",
            received=describe(tuple(output)),
            cause=f"end with `return {first}, {second}`",
        )
    return output


def _layer_inputs(rng: np.random.Generator, n: int, n_prev: int, m: int) -> tuple:
    """``(A_prev (n_prev, m), W (n, n_prev), b (n, 1))``, standard normal entries."""
    return rng.normal(size=(n_prev, m)), rng.normal(size=(n, n_prev)), rng.normal(size=(n, 1))


def _compare_linear_forward(received, expected, case: Case) -> None:
    Z, cache = _expect_pair(received, "Z", "linear_cache")
    expected_Z, expected_cache = expected
    expect_array(Z, expected_Z, "Z")
    if isinstance(cache, np.ndarray):
        raise Failure(
            "`linear_cache` is an array, but must be the tuple `(A_prev, W, b)`",
            cause="the cache keeps the layer's inputs for the backward step: `return Z, (A_prev, W, b)`",
        )
    expect_cache((cache, expected_Z), expected_cache, expected_Z, "(linear_cache, Z)")


_RNG_LINEAR = np.random.default_rng(71)

LINEAR_FORWARD = Exercise(
    "linear_forward",
    reference=deep.linear_forward,
    hints=(
        "One matrix product and one addition: `W` (n, n_prev) times `A_prev` (n_prev, m) gives (n, m); "
        "`b` (n, 1) is added to every column by broadcasting.",
        "Return two things: `Z`, and the cache, the tuple of the three inputs in their order.",
        "`Z = W @ A_prev + b`, then `return Z, (A_prev, W, b)`.",
    ),
    cases=[Case(case, _layer_inputs(_RNG_LINEAR, n, n_prev, m)) for case, n, n_prev, m in LAYERS],
    compare=_compare_linear_forward,
)
# --- linear_activation_forward -------------------------------------------------------------------

ACTIVATIONS = {"sigmoid": sigmoid, "relu": relu}


def _compare_linear_activation_forward(received, expected, case: Case) -> None:
    A, cache = _expect_pair(received, "A", "cache")
    expected_A, (expected_linear, expected_Z) = expected
    expect_array(A, expected_A, "A")
    expect_cache(cache, expected_linear, expected_Z)


_RNG_ACTIVATION = np.random.default_rng(72)
_ONE_LAYER = _layer_inputs(_RNG_ACTIVATION, 2, 3, 4)  # both names on it, before the cases

LINEAR_ACTIVATION_FORWARD = Exercise(
    "linear_activation_forward",
    reference=deep.linear_activation_forward,
    hints=(
        "Call your `linear_forward` for `Z` and the linear cache, then apply the activation the string "
        '`activation` names ("sigmoid" or "relu").',
        "The cache of the whole layer is the pair `(linear_cache, Z)`: the backward step needs both.",
        "`Z, linear_cache = linear_forward(A_prev, W, b)`; `A = sigmoid(Z) if activation == 'sigmoid' else "
        "relu(Z)`; `return A, (linear_cache, Z)`.",
    ),
    before_cases=lambda trial: _expect_each_activation(trial, *_ONE_LAYER),
    cases=[
        Case(f"{activation}, {case}", (*_layer_inputs(_RNG_ACTIVATION, n, n_prev, m), activation))
        for activation in ("sigmoid", "relu")
        for case, n, n_prev, m in LAYERS
    ],
    compare=_compare_linear_activation_forward,
)


def _expect_each_activation(trial, A_prev, W, b) -> None:
    """Both names on the same layer: which function does each one apply?"""
    Z = W @ A_prev + b
    applied = {}
    for activation in ACTIVATIONS:
        output = trial.call(f"{activation}, n = 2, n_prev = 3, m = 4", A_prev, W, b, activation)
        A = _expect_pair(output, "A", "cache")[0]
        applied[activation] = next(
            (name for name, g in ACTIVATIONS.items() if isinstance(A, np.ndarray) and same(A, g(Z))), None
        )
    wrong = {name: used for name, used in applied.items() if used is not None and used != name}
    if not wrong:
        return
    if set(wrong.values()) == {"relu"} or set(applied.values()) == {"relu"}:
        problem, cause = "every layer applies the ReLU", 'apply the sigmoid when `activation == "sigmoid"`'
    elif set(applied.values()) == {"sigmoid"}:
        problem, cause = "every layer applies the sigmoid", 'apply the ReLU when `activation == "relu"`'
    else:
        problem, cause = "the activations are swapped", '"sigmoid" must apply the sigmoid and "relu" the ReLU'
    raise Failure(
        problem,
        received=", ".join(f'activation = "{name}" applied the {used}' for name, used in applied.items() if used),
        cause=cause + " (compare the string exactly: lower case, no spaces)",
        diagnosable=False,
    )


# --- forward_prop --------------------------------------------------------------------------------


def _compare_forward_prop(received, expected, case: Case) -> None:
    AL, caches = _expect_pair(received, "AL", "caches")
    expected_AL, expected_caches = expected
    L = len(expected_caches)
    if isinstance(caches, (list, tuple)) and len(caches) == L - 1 and L > 1 and same(AL, expected_AL):
        raise Failure(
            f"`caches` holds {L - 1} caches but the network has L = {L} layers",
            cause="append every layer's cache to the list (`caches.append(cache)` inside the loop, and once "
            "more after layer L)",
        )
    if isinstance(caches, (list, tuple)) and len(caches) == L - 1:
        raise Failure(
            f"`caches` holds {L - 1} caches but the network has L = {L} layers: layer L is missing",
            cause="the loop must visit layers 1 to L: `for l in range(1, L + 1)` (or the hidden layers "
            "`range(1, L)`, then layer L with the sigmoid)",
        )
    expect_array(AL, expected_AL, "AL")
    expect_caches(caches, expected_caches, L)


_RNG_NETWORK = np.random.default_rng(73)

FORWARD_PROP = Exercise(
    "forward_prop",
    reference=deep.forward_prop,
    arguments=("X", "parameters"),
    hints=(
        "`L = len(parameters) // 2` layers. Start from `A = X`; layers 1..L-1 use ReLU, layer L the sigmoid. "
        "Each layer's input is the previous layer's output.",
        "Call `linear_activation_forward(A_prev, parameters[f'W{l}'], parameters[f'b{l}'], activation)` for "
        "each layer and `caches.append(cache)`: the list must end with L caches, layer 1 first.",
        "`A = X; caches = []`; `for l in range(1, L): A, cache = linear_activation_forward(A, parameters[f'W{l}'], "
        "parameters[f'b{l}'], 'relu'); caches.append(cache)`; then the same for layer L with 'sigmoid'; "
        "`return AL, caches`.",
    ),
    cases=[Case(case, deep_case(_RNG_NETWORK, layer_dims, m)[::2]) for case, layer_dims, m in NETWORKS],
    compare=_compare_forward_prop,
)

EXERCISES = [INIT_PARAMS, LINEAR_FORWARD, LINEAR_ACTIVATION_FORWARD, FORWARD_PROP]
