"""Lesson 07: init_params, linear_forward, linear_activation_forward, forward_prop."""

import numpy as np

from checker_cases.types import Cases, Wrong
from nnlib.activations import relu, sigmoid

# --- init_params ---------------------------------------------------------------------------------


def init_params_textbook(layer_dims, rng=None):
    rng = np.random.default_rng(rng)
    params = {}
    L = len(layer_dims)
    for l in range(1, L):
        params["W" + str(l)] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * np.sqrt(2 / layer_dims[l - 1])
        params["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return params


def init_params_normal_with_scale(layer_dims, rng=None):
    rng = np.random.default_rng(rng)
    return {
        key: value
        for l, (n_prev, n) in enumerate(zip(layer_dims[:-1], layer_dims[1:]), start=1)
        for key, value in (
            (f"W{l}", rng.normal(0.0, np.sqrt(2.0 / n_prev), size=(n, n_prev))),
            (f"b{l}", np.zeros((n, 1))),
        )
    }


def init_params_shape_by_size(layer_dims, rng=None):
    generator = rng if rng is not None else np.random.default_rng()
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = generator.standard_normal(size=(layer_dims[l], layer_dims[l - 1])) / np.sqrt(
            layer_dims[l - 1] / 2
        )
        parameters[f"b{l}"] = np.zeros(shape=(layer_dims[l], 1))
    return parameters


def _init(layer_dims, rng=None, scale=None, stop=0, transpose=False, bias=None, keys="W{}"):
    rng = np.random.default_rng(rng)
    params = {}
    for l in range(1, len(layer_dims) - stop):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        shape = (n_prev, n) if transpose else (n, n_prev)
        s = np.sqrt(2 / n_prev) if scale is None else scale(n, n_prev)
        params[keys.format(l)] = rng.standard_normal(shape) * s
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


def init_missing_last_layer(layer_dims, rng=None):
    return _init(layer_dims, rng, stop=1)


def init_transposed(layer_dims, rng=None):
    return _init(layer_dims, rng, transpose=True)


def init_flat_bias(layer_dims, rng=None):
    return _init(layer_dims, rng, bias=lambda n, rng: np.zeros(n))


def init_random_bias(layer_dims, rng=None):
    return _init(layer_dims, rng, bias=lambda n, rng: rng.standard_normal((n, 1)) * 0.01)


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


def init_uniform(layer_dims, rng=None):
    rng = np.random.default_rng(rng)
    params = {}
    for l in range(1, len(layer_dims)):
        params["W" + str(l)] = rng.random((layer_dims[l], layer_dims[l - 1])) * np.sqrt(2 / layer_dims[l - 1])
        params["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return params


def init_from_zero(layer_dims, rng=None):
    rng = np.random.default_rng(rng)
    params = {}
    for l in range(len(layer_dims)):
        params["W" + str(l)] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * np.sqrt(2 / layer_dims[l - 1])
        params["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return params


# --- linear_forward ------------------------------------------------------------------------------


def linear_forward_textbook(A_prev, W, b):
    Z = np.dot(W, A_prev) + b
    cache = (A_prev, W, b)
    return Z, cache


def linear_forward_matmul(A_prev, W, b):
    return W @ A_prev + b, (A_prev, W, b)


def linear_forward_list_cache(A_prev, W, b):
    Z = np.matmul(W, A_prev)
    Z = Z + b
    return Z, [A_prev, W, b]


def lf_no_bias(A_prev, W, b):
    return np.dot(W, A_prev), (A_prev, W, b)


def lf_transposed_W(A_prev, W, b):
    return np.dot(W.T, A_prev) + b, (A_prev, W, b)


def lf_wrong_order(A_prev, W, b):
    return np.dot(A_prev.T, W) + b, (A_prev, W, b)


def lf_minus_b(A_prev, W, b):
    return np.dot(W, A_prev) - b, (A_prev, W, b)


def lf_cache_order(A_prev, W, b):
    return np.dot(W, A_prev) + b, (W, A_prev, b)


def lf_cache_without_b(A_prev, W, b):
    return np.dot(W, A_prev) + b, (A_prev, W)


def lf_cache_is_Z(A_prev, W, b):
    Z = np.dot(W, A_prev) + b
    return Z, Z


def lf_only_Z(A_prev, W, b):
    return np.dot(W, A_prev) + b


def lf_elementwise(A_prev, W, b):
    return W * A_prev + b, (A_prev, W, b)


# --- linear_activation_forward -------------------------------------------------------------------


def linear_activation_forward_textbook(A_prev, W, b, activation):
    if activation == "sigmoid":
        Z, linear_cache = linear_forward_textbook(A_prev, W, b)
        A = sigmoid(Z)
    elif activation == "relu":
        Z, linear_cache = linear_forward_textbook(A_prev, W, b)
        A = relu(Z)
    cache = (linear_cache, Z)
    return A, cache


def laf_dict_of_functions(A_prev, W, b, activation):
    g = {"sigmoid": lambda Z: 1 / (1 + np.exp(-Z)), "relu": lambda Z: np.maximum(0, Z)}[activation]
    Z, linear_cache = linear_forward_matmul(A_prev, W, b)
    return g(Z), (linear_cache, Z)


def laf_relu_by_mask(A_prev, W, b, activation):
    Z = W @ A_prev + b
    A = Z * (Z > 0) if activation == "relu" else sigmoid(Z)
    return A, [[A_prev, W, b], Z]


def _laf(A_prev, W, b, activation, sig=sigmoid, rel=relu, cache="good"):
    Z, linear_cache = linear_forward_textbook(A_prev, W, b)
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


def laf_returns_Z(A_prev, W, b, activation):
    Z, linear_cache = linear_forward_textbook(A_prev, W, b)
    return Z, (linear_cache, Z)


def laf_capital_names(A_prev, W, b, activation):
    return _laf(A_prev, W, b, "sigmoid" if activation == "Sigmoid" else "relu")


# --- forward_prop --------------------------------------------------------------------------------


def forward_prop_textbook(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        A_prev = A
        A, cache = linear_activation_forward_textbook(
            A_prev, parameters["W" + str(l)], parameters["b" + str(l)], "relu"
        )
        caches.append(cache)
    AL, cache = linear_activation_forward_textbook(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    caches.append(cache)
    return AL, caches


def forward_prop_one_loop(X, parameters):
    L = len(parameters) // 2
    A, caches = X, []
    for l in range(1, L + 1):
        activation = "sigmoid" if l == L else "relu"
        A, cache = laf_dict_of_functions(A, parameters[f"W{l}"], parameters[f"b{l}"], activation)
        caches.append(cache)
    return A, caches


def forward_prop_weights_list(X, parameters):
    weights = [(parameters[f"W{l}"], parameters[f"b{l}"]) for l in range(1, len(parameters) // 2 + 1)]
    A, caches = X, []
    for position, (W, b) in enumerate(weights):
        A, cache = laf_relu_by_mask(A, W, b, "sigmoid" if position == len(weights) - 1 else "relu")
        caches.append(cache)
    return A, caches


def _fp(X, parameters, hidden="relu", output="sigmoid", stop=0, keep="all", order="forward", from_X=False):
    L = len(parameters) // 2
    A, caches = X, []
    for l in range(1, L + 1 - stop):
        A_in = X if from_X and l == L else A
        A, cache = linear_activation_forward_textbook(
            A_in, parameters[f"W{l}"], parameters[f"b{l}"], output if l == L else hidden
        )
        if keep == "last":
            caches = [cache]
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
        A, cache = linear_activation_forward_textbook(A, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
        caches.append(cache)
    return A, caches


def fp_overwrites_caches(X, parameters):
    return _fp(X, parameters, keep="last")


def fp_caches_reversed(X, parameters):
    return _fp(X, parameters, order="backward")


def fp_L_is_len(X, parameters):
    L = len(parameters)
    A, caches = X, []
    for l in range(1, L):
        A, cache = linear_activation_forward_textbook(A, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
        caches.append(cache)
    return A, caches


def fp_caches_A(X, parameters):
    L = len(parameters) // 2
    A, caches = X, []
    for l in range(1, L + 1):
        A, cache = laf_caches_A(A, parameters[f"W{l}"], parameters[f"b{l}"], "sigmoid" if l == L else "relu")
        caches.append(cache)
    return A, caches


def fp_last_layer_from_X(X, parameters):
    return _fp(X, parameters, from_X=True)


def fp_returns_caches_first(X, parameters):
    AL, caches = _fp(X, parameters)
    return caches, AL


CASES = {
    "init_params": Cases(
        [init_params_textbook, init_params_normal_with_scale, init_params_shape_by_size],
        [
            Wrong("part 1's 0.01 scale", init_small, "0.01 is part 1's scale"),
            Wrong("Xavier's scale", init_xavier, "Xavier's scale"),
            Wrong("scale from this layer's size", init_scale_of_this_layer, "uses this layer's size"),
            Wrong("no square root", init_no_sqrt, "the square root is missing"),
            Wrong("range stops before the output layer", init_missing_last_layer, "the output layer"),
            Wrong("W transposed", init_transposed, "one row per unit of its layer"),
            Wrong("biases of shape (n,)", init_flat_bias, "note the double parentheses"),
            Wrong("random biases", init_random_bias, "must start at zero"),
            Wrong("seeds globally inside", init_seeds_globally, "leave the seed to the caller"),
            Wrong("np.random ignores rng", init_ignores_rng, "which ignores `rng`"),
            Wrong("uniform draws", init_uniform, "draws uniformly from [0, 1)"),
            Wrong("loop from layer 0", init_from_zero, "has a `W0`"),
        ],
    ),
    "linear_forward": Cases(
        [linear_forward_textbook, linear_forward_matmul, linear_forward_list_cache],
        [
            Wrong("+ b forgotten", lf_no_bias, "`+ b` is missing"),
            Wrong("W transposed", lf_transposed_W, "`W` must not be transposed"),
            Wrong("A_prev.T @ W", lf_wrong_order, "the product is the wrong way round"),
            Wrong("- b", lf_minus_b, "added, not subtracted"),
            Wrong("cache (W, A_prev, b)", lf_cache_order, "holds `W`"),
            Wrong("cache without b", lf_cache_without_b, "holds 2 items but must hold 3"),
            Wrong("cache is Z", lf_cache_is_Z, "`linear_cache` is an array"),
            Wrong("returns only Z", lf_only_Z, "it must return two values, `Z, linear_cache`"),
            Wrong("elementwise product", lf_elementwise, "`*` multiplies entry by entry"),
        ],
    ),
    "linear_activation_forward": Cases(
        [linear_activation_forward_textbook, laf_dict_of_functions, laf_relu_by_mask],
        [
            Wrong("activations swapped", laf_swapped, "the activations are swapped"),
            Wrong("always ReLU", laf_always_relu, "every layer applies the ReLU"),
            Wrong("cache holds A", laf_caches_A, "must be Z, the layer's linear output"),
            Wrong("cache (Z, linear_cache)", laf_cache_order, "is (Z, linear_cache) but must be"),
            Wrong("one flat cache", laf_flat_cache, "a nested tuple, not one flat tuple"),
            Wrong("cache without Z", laf_no_Z, "holds 3 items but must hold 2"),
            Wrong("sigmoid with the wrong sign", laf_sigmoid_sign, "is σ(−z)"),
            Wrong("leaky ReLU", laf_leaky, "that is a leaky ReLU"),
            Wrong("returns Z instead of A", laf_returns_Z, "no activation was applied"),
            Wrong("compares with 'Sigmoid'", laf_capital_names, "compare the string exactly"),
        ],
    ),
    "forward_prop": Cases(
        [forward_prop_textbook, forward_prop_one_loop, forward_prop_weights_list],
        [
            Wrong("output layer ReLU", fp_output_relu, "the output layer uses the ReLU"),
            Wrong("hidden layers sigmoid", fp_all_sigmoid, "the hidden layers use the sigmoid"),
            Wrong("range(1, L) skips layer L", fp_skips_last_layer, "layer L is missing"),
            Wrong("caches overwritten", fp_overwrites_caches, "append every layer's cache"),
            Wrong("caches in reverse order", fp_caches_reversed, "in reverse order"),
            Wrong("L = len(parameters)", fp_L_is_len, "a dict has no such key", outcome="your code raised"),
            Wrong("caches hold A", fp_caches_A, "each cache holds `A` where `Z` belongs"),
            Wrong("last layer fed X", fp_last_layer_from_X, "shapes do not fit together", outcome="your code raised"),
            Wrong("returns (caches, AL)", fp_returns_caches_first, "must be a numpy array"),
        ],
    ),
}
