"""Known mistakes of lesson 07, From one layer to L layers: `init_params`, `linear_forward`,
`linear_activation_forward`, `forward_prop`."""

from __future__ import annotations

import numpy as np

from nnlib.activations import relu, sigmoid
from nnlib.checks.exercise import Mistake

# --- init_params ---------------------------------------------------------------------------------


def _init(layer_dims, rng=None, *, scale=None, stop=0, transpose=False, bias=None, draw=None):
    """He initialisation as the lesson writes it, with the one thing a learner changed."""
    rng = np.random.default_rng(rng)
    params = {}
    for l in range(1, len(layer_dims) - stop):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        shape = (n_prev, n) if transpose else (n, n_prev)
        s = np.sqrt(2 / n_prev) if scale is None else scale(n, n_prev)
        params["W" + str(l)] = (rng.standard_normal(shape) if draw is None else draw(rng, shape)) * s
        params["b" + str(l)] = np.zeros((n, 1)) if bias is None else bias(n, rng)
    return params


def init_small(layer_dims, rng=None):
    return _init(layer_dims, rng, scale=lambda n, n_prev: 0.01)


def init_xavier(layer_dims, rng=None):
    return _init(layer_dims, rng, scale=lambda n, n_prev: np.sqrt(1 / n_prev))


def init_scale_of_this_layer(layer_dims, rng=None):
    return _init(layer_dims, rng, scale=lambda n, n_prev: np.sqrt(2 / n))


def init_no_sqrt(layer_dims, rng=None):
    return _init(layer_dims, rng, scale=lambda n, n_prev: 2 / n_prev)


def init_unscaled(layer_dims, rng=None):
    return _init(layer_dims, rng, scale=lambda n, n_prev: 1.0)


def init_missing_last_layer(layer_dims, rng=None):
    return _init(layer_dims, rng, stop=1)


def init_transposed(layer_dims, rng=None):
    return _init(layer_dims, rng, transpose=True)


def init_flat_bias(layer_dims, rng=None):
    return _init(layer_dims, rng, bias=lambda n, rng: np.zeros(n))


def init_random_bias(layer_dims, rng=None):
    return _init(layer_dims, rng, bias=lambda n, rng: rng.standard_normal((n, 1)) * 0.01)


def init_uniform(layer_dims, rng=None):
    return _init(layer_dims, rng, draw=lambda rng, shape: rng.random(shape))


def init_from_zero(layer_dims, rng=None):
    rng = np.random.default_rng(rng)
    params = {}
    for l in range(len(layer_dims)):
        params["W" + str(l)] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * np.sqrt(2 / layer_dims[l - 1])
        params["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return params


def init_seeds_globally(layer_dims, rng=None):
    np.random.seed(3)
    params = {}
    for l in range(1, len(layer_dims)):
        params["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * np.sqrt(2 / layer_dims[l - 1])
        params["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return params


def init_ignores_rng(layer_dims, rng=None):
    params = {}
    for l in range(1, len(layer_dims)):
        params["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * np.sqrt(2 / layer_dims[l - 1])
        params["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return params


def init_ignores_int_seed(layer_dims, rng=None):
    if not isinstance(rng, np.random.Generator):
        rng = np.random.default_rng()
    return _init(layer_dims, rng)


def init_same_seed_for_any_int(layer_dims, rng=None):
    if isinstance(rng, int):
        rng = np.random.default_rng(0)
    elif rng is None:
        rng = np.random.default_rng()
    return _init(layer_dims, rng)


def init_generator_only(layer_dims, rng=None):
    if rng is None:
        rng = np.random.default_rng()
    params = {}
    for l in range(1, len(layer_dims)):
        W = rng.standard_normal((layer_dims[l], layer_dims[l - 1]))
        params[f"W{l}"] = W * np.sqrt(2 / layer_dims[l - 1])
        params[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return params


# --- linear_forward ------------------------------------------------------------------------------


def lf_no_bias(A_prev, W, b):
    return np.dot(W, A_prev), (A_prev, W, b)


def lf_transposed_W(A_prev, W, b):
    return np.dot(W.T, A_prev) + b, (A_prev, W, b)


def lf_wrong_order(A_prev, W, b):
    return np.dot(A_prev.T, W) + b, (A_prev, W, b)


def lf_minus_b(A_prev, W, b):
    return np.dot(W, A_prev) - b, (A_prev, W, b)


def lf_bias_row(A_prev, W, b):
    return np.dot(W, A_prev) + b.T, (A_prev, W, b)


def lf_elementwise(A_prev, W, b):
    return W * A_prev + b, (A_prev, W, b)


def lf_cache_order(A_prev, W, b):
    return np.dot(W, A_prev) + b, (W, A_prev, b)


def lf_cache_without_b(A_prev, W, b):
    return np.dot(W, A_prev) + b, (A_prev, W)


def lf_cache_is_Z(A_prev, W, b):
    Z = np.dot(W, A_prev) + b
    return Z, Z


def lf_only_Z(A_prev, W, b):
    return np.dot(W, A_prev) + b


def lf_cache_first(A_prev, W, b):
    Z = np.dot(W, A_prev) + b
    cache = (A_prev, W, b)
    return cache, Z


# --- linear_activation_forward -------------------------------------------------------------------


def _laf(A_prev, W, b, activation, sig=sigmoid, rel=relu, cache="good"):
    Z = W @ A_prev + b
    linear_cache = (A_prev, W, b)
    A = sig(Z) if activation == "sigmoid" else rel(Z)
    caches = {
        "good": (linear_cache, Z),
        "A": (linear_cache, A),
        "swapped": (Z, linear_cache),
        "flat": (A_prev, W, b, Z),
        "no Z": linear_cache,
    }
    return A, caches[cache]


def laf_swapped(A_prev, W, b, activation):
    return _laf(A_prev, W, b, "relu" if activation == "sigmoid" else "sigmoid")


def laf_always_relu(A_prev, W, b, activation):
    return _laf(A_prev, W, b, "relu")


def laf_always_sigmoid(A_prev, W, b, activation):
    return _laf(A_prev, W, b, "sigmoid")


def laf_capital_names(A_prev, W, b, activation):
    return _laf(A_prev, W, b, "sigmoid" if activation == "Sigmoid" else "relu")


def laf_caches_A(A_prev, W, b, activation):
    return _laf(A_prev, W, b, activation, cache="A")


def laf_cache_order(A_prev, W, b, activation):
    return _laf(A_prev, W, b, activation, cache="swapped")


def laf_flat_cache(A_prev, W, b, activation):
    return _laf(A_prev, W, b, activation, cache="flat")


def laf_no_Z(A_prev, W, b, activation):
    return _laf(A_prev, W, b, activation, cache="no Z")


def laf_sigmoid_sign(A_prev, W, b, activation):
    return _laf(A_prev, W, b, activation, sig=lambda Z: 1 / (1 + np.exp(Z)))


def laf_leaky(A_prev, W, b, activation):
    return _laf(A_prev, W, b, activation, rel=lambda Z: np.maximum(0.01 * Z, Z))


def laf_max_not_maximum(A_prev, W, b, activation):
    return _laf(A_prev, W, b, activation, rel=lambda Z: np.max(Z, 0))


def laf_returns_Z(A_prev, W, b, activation):
    Z = W @ A_prev + b
    return Z, ((A_prev, W, b), Z)


# --- forward_prop --------------------------------------------------------------------------------


def _layer(A_prev, W, b, activation):
    Z = W @ A_prev + b
    A = sigmoid(Z) if activation == "sigmoid" else relu(Z)
    return A, ((A_prev, W, b), Z)


def _fp(X, parameters, hidden="relu", output="sigmoid", keep="all", order="forward", from_X=False):
    L = len(parameters) // 2
    A, caches = X, []
    for l in range(1, L + 1):
        A_in = X if from_X and l == L else A
        A, cache = _layer(A_in, parameters[f"W{l}"], parameters[f"b{l}"], output if l == L else hidden)
        if keep == "last":
            caches = [cache]
        elif keep == "linear":
            caches.append(cache[0])
        elif order == "backward":
            caches.insert(0, cache)
        else:
            caches.append(cache)
    return A, caches


def fp_output_relu(X, parameters):
    return _fp(X, parameters, output="relu")


def fp_all_sigmoid(X, parameters):
    return _fp(X, parameters, hidden="sigmoid")


def fp_skips_last_layer(X, parameters):
    L = len(parameters) // 2
    A, caches = X, []
    for l in range(1, L):
        A, cache = _layer(A, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
        caches.append(cache)
    return A, caches


def fp_overwrites_caches(X, parameters):
    return _fp(X, parameters, keep="last")


def fp_linear_caches_only(X, parameters):
    return _fp(X, parameters, keep="linear")


def fp_caches_reversed(X, parameters):
    return _fp(X, parameters, order="backward")


def fp_caches_A(X, parameters):
    L = len(parameters) // 2
    A, caches = X, []
    for l in range(1, L + 1):
        A_prev = A
        A, (linear_cache, Z) = _layer(A_prev, parameters[f"W{l}"], parameters[f"b{l}"], "sigmoid" if l == L else "relu")
        caches.append((linear_cache, A))
    return A, caches


def fp_returns_caches_first(X, parameters):
    AL, caches = _fp(X, parameters)
    return caches, AL


def fp_L_is_len(X, parameters):
    L = len(parameters)
    A, caches = X, []
    for l in range(1, L):
        A, cache = _layer(A, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
        caches.append(cache)
    return A, caches


def fp_from_layer_0(X, parameters):
    L = len(parameters) // 2
    A, caches = X, []
    for l in range(L):
        A, cache = _layer(A, parameters[f"W{l}"], parameters[f"b{l}"], "sigmoid" if l == L - 1 else "relu")
        caches.append(cache)
    return A, caches


def fp_float_L(X, parameters):
    L = len(parameters) / 2
    A, caches = X, []
    for l in range(1, L):
        A, cache = _layer(A, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
        caches.append(cache)
    AL, cache = _layer(A, parameters[f"W{L}"], parameters[f"b{L}"], "sigmoid")
    caches.append(cache)
    return AL, caches


def fp_last_layer_from_X(X, parameters):
    return _fp(X, parameters, from_X=True)


MISTAKES = {
    "init_params": (
        Mistake(
            init_small,
            "0.01 is part 1's scale; in a deep ReLU network it makes the signal shrink layer after layer: "
            "scale by `np.sqrt(2 / layer_dims[l - 1])` (He)",
        ),
        Mistake(
            init_xavier,
            "`np.sqrt(1 / n_prev)` is Xavier's scale; He's, for ReLU layers, is `np.sqrt(2 / layer_dims[l - 1])`",
        ),
        Mistake(
            init_scale_of_this_layer,
            "the scale uses this layer's size `layer_dims[l]`; He's scale uses the number of inputs, "
            "`np.sqrt(2 / layer_dims[l - 1])`",
        ),
        Mistake(init_no_sqrt, "the square root is missing: the standard deviation is `np.sqrt(2 / layer_dims[l - 1])`"),
        Mistake(
            init_unscaled,
            "the standard normal draws are not scaled: multiply them by `np.sqrt(2 / layer_dims[l - 1])`",
        ),
        Mistake(
            init_missing_last_layer,
            "`range(1, len(layer_dims) - 1)` stops before the output layer: a network with `len(layer_dims)` "
            "sizes has `len(layer_dims) - 1` layers, so loop `for l in range(1, len(layer_dims))`",
        ),
        Mistake(
            init_transposed,
            "the weights are transposed: `W{l}` has one row per unit of its layer, shape "
            "`(layer_dims[l], layer_dims[l - 1])`",
        ),
        Mistake(
            init_flat_bias,
            "`np.zeros(n)` is a flat (n,) array; the bias is a column: `np.zeros((layer_dims[l], 1))` (note the "
            "double parentheses)",
        ),
        Mistake(
            init_random_bias,
            "the biases are drawn at random; they start at zero, `np.zeros((layer_dims[l], 1))`: the random "
            "weights already make the units differ",
        ),
        Mistake(
            init_uniform,
            "`rng.random` draws uniformly from [0, 1), so every weight is positive; He draws from a normal "
            "distribution centred on 0: `rng.standard_normal(shape)`",
        ),
        Mistake(
            init_from_zero,
            "the loop starts at layer 0, which is the input X and has no weights: `for l in range(1, len(layer_dims))`",
        ),
        Mistake(
            init_seeds_globally,
            "`np.random.seed(3)` inside the function fixes the weights of every call; leave the seed to the "
            "caller and draw from `rng = np.random.default_rng(rng)`",
        ),
        Mistake(init_ignores_rng, "which ignores `rng`", shown_by="seed"),
        Mistake(init_ignores_int_seed, "the same int seed `rng = 7` gave different weights", shown_by="seed"),
        Mistake(
            init_same_seed_for_any_int,
            "different int seeds `rng = 7` and `rng = 8` gave the same weights",
            shown_by="seed",
        ),
        Mistake(
            init_generator_only,
            "'int' object has no attribute 'standard_normal'",
            shown_by="raises",
            outcome="your code raised",
        ),
    ),
    "linear_forward": (
        Mistake(lf_no_bias, "`+ b` is missing: Z = W A_prev + b"),
        Mistake(lf_transposed_W, "`W` must not be transposed: `Z = W @ A_prev + b`"),
        Mistake(lf_wrong_order, "the product is the wrong way round: `W @ A_prev`, not `A_prev.T @ W`"),
        Mistake(lf_minus_b, "the bias is added, not subtracted: `+ b`"),
        Mistake(
            lf_bias_row,
            "`b.T` is a row, which numpy adds to every row of `W @ A_prev`; the bias is the column `b` (n, 1), "
            "added to every example: `W @ A_prev + b`",
        ),
        Mistake(
            lf_elementwise,
            "`*` multiplies entry by entry; the layer needs the matrix product `W @ A_prev` (or `np.dot(W, A_prev)`)",
        ),
        Mistake(
            lf_cache_order,
            "the cache holds `(W, A_prev, b)`; its order is `(A_prev, W, b)`: lesson 08 unpacks it in that order",
        ),
        Mistake(
            lf_cache_without_b,
            "the cache leaves out `b`: it is the tuple of all three inputs, `(A_prev, W, b)`",
        ),
        Mistake(
            lf_cache_is_Z,
            "the second value is `Z` again; it is the linear cache, the tuple of the inputs: "
            "`return Z, (A_prev, W, b)`",
        ),
        Mistake(lf_only_Z, "only `Z` is returned; return `Z` and the linear cache: `return Z, (A_prev, W, b)`"),
        Mistake(
            lf_cache_first, "the two values are swapped: return `Z` first, then the cache: `return Z, (A_prev, W, b)`"
        ),
    ),
    "linear_activation_forward": (
        Mistake(laf_swapped, "the activations are swapped", shown_by="property"),
        Mistake(laf_always_relu, "every layer applies the ReLU", shown_by="property"),
        Mistake(laf_always_sigmoid, "every layer applies the sigmoid", shown_by="property"),
        Mistake(laf_capital_names, "compare the string exactly", shown_by="property"),
        Mistake(laf_caches_A, "the cache holds `A` where `Z` belongs: `(linear_cache, Z)`"),
        Mistake(
            laf_cache_order,
            "the cache is `(Z, linear_cache)`; its order is `(linear_cache, Z)`: lesson 08 unpacks "
            "`linear_cache, Z = cache`",
        ),
        Mistake(
            laf_flat_cache,
            "the cache is one flat tuple `(A_prev, W, b, Z)`; it is the pair `(linear_cache, Z)`, with the linear "
            "cache `(A_prev, W, b)` inside",
        ),
        Mistake(laf_no_Z, "the cache is the linear cache alone; the layer's cache is the pair `(linear_cache, Z)`"),
        Mistake(laf_sigmoid_sign, "`1 / (1 + np.exp(Z))` is σ(−z): the sigmoid is `1 / (1 + np.exp(-Z))`"),
        Mistake(laf_leaky, "that is a leaky ReLU (0.01 z below 0); the ReLU is 0 below 0: `np.maximum(0, Z)`"),
        Mistake(
            laf_max_not_maximum,
            "`np.max(Z, 0)` is the largest entry of each column (axis 0); the ReLU compares every entry with 0: "
            "`np.maximum(0, Z)`",
        ),
        Mistake(laf_returns_Z, "no activation was applied: `A` is `Z`; return `sigmoid(Z)` or `relu(Z)`"),
    ),
    "forward_prop": (
        Mistake(
            fp_output_relu, "the output layer uses the ReLU: the last layer, L, must use the sigmoid (a probability)"
        ),
        Mistake(fp_all_sigmoid, "the hidden layers use the sigmoid: layers 1 to L - 1 use the ReLU"),
        Mistake(
            fp_skips_last_layer,
            "`range(1, L)` visits the hidden layers only: layer L, the sigmoid output, is missing; run it after "
            "the loop (or loop to L + 1)",
        ),
        Mistake(
            fp_overwrites_caches,
            "`caches = [cache]` keeps only the last layer's cache; append every layer's: `caches.append(cache)`",
        ),
        Mistake(
            fp_linear_caches_only,
            "only the linear caches `(A_prev, W, b)` were kept; append the whole cache `(linear_cache, Z)` "
            "that `linear_activation_forward` returns",
        ),
        Mistake(
            fp_caches_reversed,
            "`caches.insert(0, cache)` puts the caches in reverse order; append them as you go forward, so that "
            "`caches[0]` is layer 1's",
        ),
        Mistake(fp_caches_A, "each cache holds `A` where `Z` belongs: `(linear_cache, Z)`"),
        Mistake(
            fp_returns_caches_first,
            "the two values are swapped: return `AL` first, then the list of caches: `return AL, caches`",
        ),
        Mistake(fp_L_is_len, "a dict has no such key", shown_by="raises", outcome="your code raised"),
        Mistake(fp_from_layer_0, "a dict has no such key", shown_by="raises", outcome="your code raised"),
        Mistake(fp_float_L, "cannot be interpreted as an integer", shown_by="raises", outcome="your code raised"),
        Mistake(fp_last_layer_from_X, "shapes do not fit together", shown_by="raises", outcome="your code raised"),
    ),
}
