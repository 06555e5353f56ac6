"""Known mistakes of lesson 08, Backward through L layers: `cost_function`, `linear_backward`,
`linear_activation_backward`, `backprop`."""

from __future__ import annotations

import numpy as np

from nnlib.activations import sigmoid
from nnlib.checks.exercise import Mistake

# --- cost_function -------------------------------------------------------------------------------


def cost_no_m(AL, Y):
    return float(-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)))


def cost_m_from_rows(AL, Y):
    m = AL.shape[0]
    return float(-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m)


def cost_m_is_len(AL, Y):
    m = len(Y)
    return float(-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m)


def cost_np_mean(AL, Y):
    return float(-np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)))


def cost_no_minus(AL, Y):
    m = Y.shape[1]
    return float(np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m)


def cost_log_of_AL_twice(AL, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(AL) + (1 - Y) * np.log(AL)) / m)


def cost_only_positive_term(AL, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(AL)) / m)


def cost_per_output(AL, Y):
    m = Y.shape[1]
    return -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL), axis=1, keepdims=True) / m


def cost_dot_products(AL, Y):
    m = Y.shape[1]
    cost = -(np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T)) / m
    return np.squeeze(cost)


def cost_log_of_Y(AL, Y):
    m = Y.shape[1]
    return float(-np.sum(AL * np.log(Y) + (1 - AL) * np.log(1 - Y)) / m)


def cost_squared_error(AL, Y):
    m = Y.shape[1]
    return float(np.sum((AL - Y) ** 2) / (2 * m))


# --- linear_backward -----------------------------------------------------------------------------


def _lb(dZ, linear_cache, m=None, dA_scale=1.0, keepdims=True, axis=1, dW_order="dZ A.T", dA="W.T dZ"):
    A_prev, W, b = linear_cache
    m = A_prev.shape[1] if m is None else m
    dW = dZ @ A_prev.T / m if dW_order == "dZ A.T" else A_prev @ dZ.T / m
    db = np.sum(dZ, axis=axis, keepdims=keepdims) / m
    dA_prev = (W.T @ dZ if dA == "W.T dZ" else W @ dZ) * dA_scale
    return dA_prev, dW, db


def lb_no_m(dZ, linear_cache):
    return _lb(dZ, linear_cache, m=1)


def lb_m_in_dA_prev(dZ, linear_cache):
    return _lb(dZ, linear_cache, dA_scale=1 / linear_cache[0].shape[1])


def lb_no_keepdims(dZ, linear_cache):
    return _lb(dZ, linear_cache, keepdims=False)


def lb_db_axis_0(dZ, linear_cache):
    return _lb(dZ, linear_cache, axis=0)


def lb_dW_transposed(dZ, linear_cache):
    return _lb(dZ, linear_cache, dW_order="A dZ.T")


def lb_W_not_transposed(dZ, linear_cache):
    return _lb(dZ, linear_cache, dA="W dZ")


def lb_m_from_rows(dZ, linear_cache):
    return _lb(dZ, linear_cache, m=linear_cache[0].shape[0])


def lb_returns_dW_first(dZ, linear_cache):
    dA_prev, dW, db = _lb(dZ, linear_cache)
    return dW, db, dA_prev


def lb_unpacks_W_first(dZ, linear_cache):
    W, A_prev, b = linear_cache
    m = A_prev.shape[1]
    return W.T @ dZ, dZ @ A_prev.T / m, np.sum(dZ, axis=1, keepdims=True) / m


def lb_db_sums_everything(dZ, linear_cache):
    A_prev, W, b = linear_cache
    m = A_prev.shape[1]
    return W.T @ dZ, dZ @ A_prev.T / m, np.sum(dZ) / m


def lb_divides_dZ_in_place(dZ, linear_cache):
    A_prev, W, b = linear_cache
    dA_prev = W.T @ dZ
    dZ /= A_prev.shape[1]
    return dA_prev, dZ @ A_prev.T, np.sum(dZ, axis=1, keepdims=True)


# --- linear_activation_backward ------------------------------------------------------------------


def _linear_backward(dZ, linear_cache):
    A_prev, W, b = linear_cache
    m = A_prev.shape[1]
    return W.T @ dZ, dZ @ A_prev.T / m, np.sum(dZ, axis=1, keepdims=True) / m


def _lab(dA, cache, activation, relu_slope=None, sigmoid_slope=None, swap=False):
    linear_cache, Z = cache
    if swap:
        activation = "relu" if activation == "sigmoid" else "sigmoid"
    if activation == "relu":
        dZ = dA * (relu_slope(Z) if relu_slope else (Z > 0))
    else:
        s = sigmoid(Z)
        dZ = dA * (sigmoid_slope(Z, s) if sigmoid_slope else s * (1 - s))
    return _linear_backward(dZ, linear_cache)


def lab_relu_at_zero(dA, cache, activation):
    return _lab(dA, cache, activation, relu_slope=lambda Z: Z >= 0)


def lab_heaviside(dA, cache, activation):
    return _lab(dA, cache, activation, relu_slope=lambda Z: np.heaviside(Z, 1.0))


def lab_sigmoid_of_wrong_variable(dA, cache, activation):
    return _lab(dA, cache, activation, sigmoid_slope=lambda Z, s: Z * (1 - Z))


def lab_sigmoid_slope_is_s(dA, cache, activation):
    return _lab(dA, cache, activation, sigmoid_slope=lambda Z, s: s)


def lab_tanh_slope(dA, cache, activation):
    return _lab(dA, cache, activation, sigmoid_slope=lambda Z, s: 1 - s**2)


def lab_relu_slope_is_relu(dA, cache, activation):
    return _lab(dA, cache, activation, relu_slope=lambda Z: np.maximum(0, Z))


def lab_swapped(dA, cache, activation):
    return _lab(dA, cache, activation, swap=True)


def lab_no_slope(dA, cache, activation):
    linear_cache, Z = cache
    return _linear_backward(dA, linear_cache)


def lab_changes_dA(dA, cache, activation):
    linear_cache, Z = cache
    if activation == "relu":
        dA[Z <= 0] = 0
        return _linear_backward(dA, linear_cache)
    s = sigmoid(Z)
    return _linear_backward(dA * s * (1 - s), linear_cache)


def lab_divides_dZ_by_m(dA, cache, activation):
    linear_cache, Z = cache
    m = Z.shape[1]
    s = sigmoid(Z)
    dZ = (dA * (Z > 0) if activation == "relu" else dA * s * (1 - s)) / m
    return _linear_backward(dZ, linear_cache)


def lab_unpacks_Z_first(dA, cache, activation):
    Z, linear_cache = cache
    return _lab(dA, (linear_cache, Z), activation)


# --- backprop ------------------------------------------------------------------------------------


def _bp(AL, Y, caches, hidden="relu", output="sigmoid", sign=1.0, stop=1, offset=0, reuse_dAL=False, m_twice=False):
    L = len(caches)
    grads = {}
    dAL = sign * -(Y / AL - (1 - Y) / (1 - AL))
    if m_twice:
        dAL = dAL / Y.shape[1]
    dA, grads[f"dW{L}"], grads[f"db{L}"] = _lab(dAL, caches[L - 1], output)
    for l in range(L - 1, stop - 1, -1):
        dA_in = dAL if reuse_dAL else dA
        dA, grads[f"dW{l - offset}"], grads[f"db{l - offset}"] = _lab(dA_in, caches[l - 1], hidden)
    return grads


def bp_hidden_sigmoid(AL, Y, caches):
    return _bp(AL, Y, caches, hidden="sigmoid")


def bp_output_relu(AL, Y, caches):
    return _bp(AL, Y, caches, output="relu")


def bp_sign_of_dAL(AL, Y, caches):
    return _bp(AL, Y, caches, sign=-1.0)


def bp_stops_before_layer_1(AL, Y, caches):
    return _bp(AL, Y, caches, stop=2)


def bp_keys_off_by_one(AL, Y, caches):
    return _bp(AL, Y, caches, offset=1)


def bp_reuses_dAL(AL, Y, caches):
    return _bp(AL, Y, caches, reuse_dAL=True)


def bp_divides_by_m_twice(AL, Y, caches):
    return _bp(AL, Y, caches, m_twice=True)


def bp_minus_on_first_term(AL, Y, caches):
    L = len(caches)
    grads = {}
    dA = -(Y / AL) - (1 - Y) / (1 - AL)
    dA, grads[f"dW{L}"], grads[f"db{L}"] = _lab(dA, caches[L - 1], "sigmoid")
    for l in range(L - 1, 0, -1):
        dA, grads[f"dW{l}"], grads[f"db{l}"] = _lab(dA, caches[l - 1], "relu")
    return grads


def bp_wrong_cache(AL, Y, caches):
    L = len(caches)
    grads = {}
    dAL = -(Y / AL - (1 - Y) / (1 - AL))
    dA, grads[f"dW{L}"], grads[f"db{L}"] = _lab(dAL, caches[L - 1], "sigmoid")
    for l in range(L - 1, 0, -1):
        dA, grads[f"dW{l}"], grads[f"db{l}"] = _lab(dA, caches[l], "relu")
    return grads


def bp_forward_order(AL, Y, caches):
    L = len(caches)
    grads = {}
    dA = -(Y / AL - (1 - Y) / (1 - AL))
    for l in range(1, L + 1):
        dA, grads[f"dW{l}"], grads[f"db{l}"] = _lab(dA, caches[L - l], "sigmoid" if l == 1 else "relu")
    return grads


def bp_pops_caches(AL, Y, caches):
    L = len(caches)
    grads = {}
    dA = -(Y / AL - (1 - Y) / (1 - AL))
    dA, grads[f"dW{L}"], grads[f"db{L}"] = _lab(dA, caches.pop(), "sigmoid")
    for l in range(L - 1, 0, -1):
        dA, grads[f"dW{l}"], grads[f"db{l}"] = _lab(dA, caches.pop(), "relu")
    return grads


_M_FROM_ROWS = (
    "`AL.shape[0]` (or `len(Y)`, the number of rows) is n_L, the number of outputs; m, the number of "
    "examples, is `Y.shape[1]`"
)
_SLOPE_AT_ZERO = (
    "the ReLU's slope at exactly Z = 0 is taken as 0 in this course: use `Z > 0`, not `Z >= 0` "
    "(nor `np.heaviside(Z, 1)`, which is 1 at 0)"
)

MISTAKES = {
    "cost_function": (
        Mistake(cost_no_m, "the sum is not divided by m, the number of examples: `/ m` with `m = Y.shape[1]`"),
        Mistake(cost_m_from_rows, _M_FROM_ROWS),
        Mistake(cost_m_is_len, _M_FROM_ROWS),
        Mistake(
            cost_np_mean,
            "`np.mean` divides by every entry's count (n_L · m); divide by m, the number of examples "
            "(`Y.shape[1]`): with several outputs the cost adds them up",
        ),
        Mistake(cost_no_minus, "the sign is flipped: the cost is −(1/m) Σ (y log a + (1 − y) log(1 − a))"),
        Mistake(cost_log_of_AL_twice, "the second term is `(1 - Y) * np.log(1 - AL)`: the log of 1 − AL, not of AL"),
        Mistake(
            cost_only_positive_term,
            "the term `(1 - Y) * np.log(1 - AL)`, for the examples labelled 0, is missing",
        ),
        Mistake(
            cost_per_output,
            "`np.sum(..., axis=1, keepdims=True)` keeps one cost per output unit; the cost is one number: sum "
            "every entry (`np.sum` without `axis`), divide by m and return a `float`",
        ),
        Mistake(
            cost_dot_products,
            "`np.dot(Y, np.log(AL).T)` is an (n_L, n_L) matrix: with several outputs it pairs one output's "
            "labels with another's probabilities; multiply entry by entry, `Y * np.log(AL)`, then `np.sum`",
        ),
        Mistake(cost_log_of_Y, "numpy warned on this input", shown_by="warning"),
        Mistake(
            cost_squared_error,
            "this is the squared error Σ (a − y)² / 2m; the cost of a sigmoid output is the cross-entropy, "
            "−(1/m) Σ (y log a + (1 − y) log(1 − a))",
        ),
    ),
    "linear_backward": (
        Mistake(lb_no_m, "the `/ m` is missing from `dW` and `db`: they average over the m examples"),
        Mistake(
            lb_m_in_dA_prev,
            "`dA_prev` must not be divided by m: it stays per example, and the next layer's `dW` divides once",
        ),
        Mistake(
            lb_no_keepdims,
            "`np.sum(dZ, axis=1)` drops the summed axis; `keepdims=True` keeps `db` a column (n, 1), like `b`",
        ),
        Mistake(
            lb_db_axis_0,
            "`db` was summed over axis 0 (the units); sum over the examples: `np.sum(dZ, axis=1, keepdims=True) / m`",
        ),
        Mistake(
            lb_dW_transposed,
            "`A_prev @ dZ.T` is the transpose of `dW`; a gradient has its parameter's shape (n, n_prev): "
            "`dW = dZ @ A_prev.T / m`",
        ),
        Mistake(
            lb_W_not_transposed,
            "`W @ dZ` should be `W.T @ dZ`: the gradient flows back through the transpose of `W`",
        ),
        Mistake(
            lb_m_from_rows,
            "`A_prev.shape[0]` is n_prev, the number of inputs; m, the number of examples, is `A_prev.shape[1]`",
        ),
        Mistake(
            lb_returns_dW_first,
            "the gradients are returned as `(dW, db, dA_prev)`; return them in the order of the cache: "
            "`return dA_prev, dW, db`",
        ),
        Mistake(lb_unpacks_W_first, "unpack the cache in the order it was built: `A_prev, W, b = linear_cache`"),
        Mistake(
            lb_db_sums_everything,
            "`np.sum(dZ)` without `axis` adds every entry into a single number; `db` has one entry per unit: "
            "`np.sum(dZ, axis=1, keepdims=True) / m`",
        ),
        Mistake(lb_divides_dZ_in_place, "changed its argument `dZ` in place", shown_by="mutation"),
    ),
    "linear_activation_backward": (
        Mistake(lab_relu_at_zero, _SLOPE_AT_ZERO),
        Mistake(lab_heaviside, _SLOPE_AT_ZERO),
        Mistake(
            lab_sigmoid_of_wrong_variable,
            "the derivative of the wrong variable: the sigmoid's slope is s (1 − s) with `s = sigmoid(Z)`, "
            "not `Z * (1 - Z)`",
        ),
        Mistake(lab_sigmoid_slope_is_s, "the sigmoid's slope is `s * (1 - s)`, not `s`"),
        Mistake(
            lab_tanh_slope,
            "`1 - s**2` is tanh's slope; the sigmoid's is `s * (1 - s)` with `s = sigmoid(Z)`",
        ),
        Mistake(
            lab_relu_slope_is_relu,
            "that is the ReLU itself; its slope is 1 where Z > 0 and 0 elsewhere: `dZ = dA * (Z > 0)`",
        ),
        Mistake(
            lab_swapped,
            'the activations are swapped: "sigmoid" needs the sigmoid\'s slope and "relu" the ReLU\'s',
        ),
        Mistake(lab_no_slope, "the activation's slope is missing: `dZ = dA * g'(Z)` before `linear_backward`"),
        Mistake(lab_changes_dA, "changes the caller's `dA`", shown_by="mutation"),
        Mistake(
            lab_divides_dZ_by_m,
            "`dZ` is divided by m, and `linear_backward` divides by m again; `dZ` stays per example: "
            "`dZ = dA * g'(Z)`, no `/ m`",
        ),
        Mistake(lab_unpacks_Z_first, "your code raised", shown_by="raises", outcome="your code raised"),
    ),
    "backprop": (
        Mistake(
            bp_hidden_sigmoid,
            "the hidden layers go back through the sigmoid; they are ReLU layers: use `'relu'` for l < L",
        ),
        Mistake(
            bp_output_relu,
            "the output layer goes back through the ReLU; it is a sigmoid layer: use `'sigmoid'` for layer L",
        ),
        Mistake(bp_sign_of_dAL, "`dAL` has the wrong sign: `dAL = -(Y / AL - (1 - Y) / (1 - AL))`"),
        Mistake(
            bp_minus_on_first_term,
            "`-(Y / AL) - (1 - Y) / (1 - AL)` negates both terms; the minus applies to the difference: "
            "`dAL = -(Y / AL - (1 - Y) / (1 - AL))`",
        ),
        Mistake(
            bp_stops_before_layer_1,
            "the backward loop stops before layer 1: go through the hidden layers l = L - 1, ..., 1, "
            "`for l in reversed(range(1, L))`",
        ),
        Mistake(
            bp_keys_off_by_one,
            "the layer numbers are off by one: `caches[l - 1]` belongs to layer l; name its gradients `dW{l}` "
            "and `db{l}`",
        ),
        Mistake(
            bp_reuses_dAL,
            "every layer starts from `dAL`: each hidden layer must start from the `dA_prev` that the layer above "
            "returned",
        ),
        Mistake(
            bp_divides_by_m_twice,
            "`dAL` was divided by m, and `linear_backward` divides by m again; `dAL` stays per example",
        ),
        Mistake(
            bp_wrong_cache,
            "layer l reads `caches[l]`, the cache of layer l + 1; layer l's cache is `caches[l - 1]`",
        ),
        Mistake(
            bp_forward_order,
            "the loop goes forwards (l = 1, 2, …) while reading the caches from the end; go backwards from "
            "layer L, layer l reading `caches[l - 1]`",
        ),
        Mistake(bp_pops_caches, "changed its argument `caches` in place", shown_by="mutation"),
    ),
}
