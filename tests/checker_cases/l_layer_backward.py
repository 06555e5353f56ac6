"""Lesson 08: cost_function, linear_backward, linear_activation_backward, backprop."""

import numpy as np

from checker_cases.types import Cases, Wrong
from nnlib.activations import sigmoid

# --- cost_function -------------------------------------------------------------------------------


def cost_function_textbook(AL, Y):
    m = Y.shape[1]
    cost = (-1 / m) * np.sum(np.multiply(Y, np.log(AL)) + np.multiply(1 - Y, np.log(1 - AL)))
    cost = np.squeeze(cost)
    return float(cost)


def cost_function_mean_of_columns(AL, Y):
    per_example = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL), axis=0)
    return float(np.mean(per_example))


def cost_function_dot(AL, Y):
    m = AL.shape[1]
    total = np.dot(Y.ravel(), np.log(AL).ravel()) + np.dot((1 - Y).ravel(), np.log(1 - AL).ravel())
    return float(-total / m)


def cost_no_m(AL, Y):
    return float(-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)))


def cost_m_from_rows(AL, Y):
    m = AL.shape[0]
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


def cost_returns_array(AL, Y):
    m = Y.shape[1]
    return -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL), axis=1, keepdims=True) / m


def cost_log_of_Y(AL, Y):
    m = Y.shape[1]
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(-np.sum(AL * np.log(Y) + (1 - AL) * np.log(1 - Y)) / m)


def cost_squared_error(AL, Y):
    m = Y.shape[1]
    return float(np.sum((AL - Y) ** 2) / (2 * m))


# --- linear_backward -----------------------------------------------------------------------------


def linear_backward_textbook(dZ, linear_cache):
    A_prev, W, b = linear_cache
    m = A_prev.shape[1]
    dW = (1 / m) * np.dot(dZ, A_prev.T)
    db = (1 / m) * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db


def linear_backward_matmul(dZ, linear_cache):
    A_prev, W, _ = linear_cache
    m = dZ.shape[1]
    return W.T @ dZ, dZ @ A_prev.T / m, dZ.mean(axis=1, keepdims=True)


def linear_backward_einsum(dZ, linear_cache):
    A_prev, W, b = linear_cache
    m = A_prev.shape[1]
    dW = np.einsum("im,jm->ij", dZ, A_prev) / m
    db = np.sum(dZ, axis=1).reshape(b.shape) / m
    return np.einsum("ji,jm->im", W, dZ), dW, db


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


# --- linear_activation_backward ------------------------------------------------------------------


def linear_activation_backward_textbook(dA, cache, activation):
    linear_cache, activation_cache = cache
    if activation == "relu":
        Z = activation_cache
        dZ = np.array(dA, copy=True)
        dZ[Z <= 0] = 0
        dA_prev, dW, db = linear_backward_textbook(dZ, linear_cache)
    elif activation == "sigmoid":
        Z = activation_cache
        s = 1 / (1 + np.exp(-Z))
        dZ = dA * s * (1 - s)
        dA_prev, dW, db = linear_backward_textbook(dZ, linear_cache)
    return dA_prev, dW, db


def lab_mask_product(dA, cache, activation):
    linear_cache, Z = cache
    if activation == "sigmoid":
        A = sigmoid(Z)
        return linear_backward_matmul(dA * A * (1 - A), linear_cache)
    return linear_backward_matmul(dA * (Z > 0), linear_cache)


def lab_where(dA, cache, activation):
    (A_prev, W, b), Z = cache
    slope = {"relu": lambda: np.where(Z > 0, 1.0, 0.0), "sigmoid": lambda: sigmoid(Z) * (1 - sigmoid(Z))}
    return linear_backward_einsum(dA * slope[activation](), (A_prev, W, b))


def _lab(dA, cache, activation, relu_slope=None, sigmoid_slope=None, swap=False):
    linear_cache, Z = cache
    if swap:
        activation = "relu" if activation == "sigmoid" else "sigmoid"
    if activation == "relu":
        dZ = dA * (relu_slope(Z) if relu_slope else (Z > 0))
    else:
        s = sigmoid(Z)
        dZ = dA * (sigmoid_slope(Z, s) if sigmoid_slope else s * (1 - s))
    return linear_backward_textbook(dZ, linear_cache)


def lab_relu_at_zero(dA, cache, activation):
    return _lab(dA, cache, activation, relu_slope=lambda Z: Z >= 0)


def lab_sigmoid_of_wrong_variable(dA, cache, activation):
    return _lab(dA, cache, activation, sigmoid_slope=lambda Z, s: Z * (1 - Z))


def lab_sigmoid_slope_is_s(dA, cache, activation):
    return _lab(dA, cache, activation, sigmoid_slope=lambda Z, s: s)


def lab_relu_slope_is_relu(dA, cache, activation):
    return _lab(dA, cache, activation, relu_slope=lambda Z: np.maximum(0, Z))


def lab_swapped(dA, cache, activation):
    return _lab(dA, cache, activation, swap=True)


def lab_no_slope(dA, cache, activation):
    linear_cache, Z = cache
    return linear_backward_textbook(dA, linear_cache)


def lab_changes_dA(dA, cache, activation):
    linear_cache, Z = cache
    if activation == "relu":
        dA[Z <= 0] = 0
        return linear_backward_textbook(dA, linear_cache)
    s = sigmoid(Z)
    return linear_backward_textbook(dA * s * (1 - s), linear_cache)


def lab_divides_dZ_by_m(dA, cache, activation):
    linear_cache, Z = cache
    m = Z.shape[1]
    s = sigmoid(Z)
    dZ = (dA * (Z > 0) if activation == "relu" else dA * s * (1 - s)) / m
    return linear_backward_textbook(dZ, linear_cache)


def lab_unpacks_Z_first(dA, cache, activation):
    Z, linear_cache = cache
    return _lab(dA, (linear_cache, Z), activation)


# --- backprop ------------------------------------------------------------------------------------


def backprop_textbook(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    current_cache = caches[L - 1]
    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = linear_activation_backward_textbook(
        dAL, current_cache, "sigmoid"
    )
    for l in reversed(range(L - 1)):
        current_cache = caches[l]
        dA_prev_temp, dW_temp, db_temp = linear_activation_backward_textbook(
            grads["dA" + str(l + 1)], current_cache, "relu"
        )
        grads["dA" + str(l)] = dA_prev_temp
        grads["dW" + str(l + 1)] = dW_temp
        grads["db" + str(l + 1)] = db_temp
    return grads


def backprop_exact_output_delta(AL, Y, caches):
    L = len(caches)
    grads = {}
    linear_cache, _ = caches[-1]
    dA, grads[f"dW{L}"], grads[f"db{L}"] = linear_backward_matmul(AL - Y, linear_cache)
    for l in range(L - 1, 0, -1):
        dA, grads[f"dW{l}"], grads[f"db{l}"] = lab_mask_product(dA, caches[l - 1], "relu")
    return grads


def backprop_while_loop(AL, Y, caches):
    grads, l = {}, len(caches)
    dA = -(Y / AL - (1 - Y) / (1 - AL))
    while l >= 1:
        activation = "sigmoid" if l == len(caches) else "relu"
        dA, grads["dW%d" % l], grads["db%d" % l] = lab_where(dA, caches[l - 1], activation)
        l -= 1
    return grads


def _bp(AL, Y, caches, hidden="relu", output="sigmoid", sign=1.0, stop=1, offset=0, reuse_dAL=False, m_twice=False):
    L = len(caches)
    grads = {}
    dAL = sign * -(Y / AL - (1 - Y) / (1 - AL))
    if m_twice:
        dAL = dAL / Y.shape[1]
    dA, grads[f"dW{L}"], grads[f"db{L}"] = linear_activation_backward_textbook(dAL, caches[L - 1], output)
    for l in range(L - 1, stop - 1, -1):
        dA_in = dAL if reuse_dAL else dA
        dA, grads[f"dW{l - offset}"], grads[f"db{l - offset}"] = linear_activation_backward_textbook(
            dA_in, caches[l - 1], hidden
        )
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


def bp_wrong_cache(AL, Y, caches):
    L = len(caches)
    grads = {}
    dAL = -(Y / AL - (1 - Y) / (1 - AL))
    dA, grads[f"dW{L}"], grads[f"db{L}"] = linear_activation_backward_textbook(dAL, caches[L - 1], "sigmoid")
    for l in range(L - 1, 0, -1):
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward_textbook(dA, caches[l], "relu")
    return grads


def bp_forward_order(AL, Y, caches):
    L = len(caches)
    grads = {}
    dA = -(Y / AL - (1 - Y) / (1 - AL))
    for l in range(1, L + 1):
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward_textbook(
            dA, caches[L - l], "sigmoid" if l == 1 else "relu"
        )
    return grads


CASES = {
    "cost_function": Cases(
        [cost_function_textbook, cost_function_mean_of_columns, cost_function_dot],
        [
            Wrong("no / m", cost_no_m, "not divided by m"),
            Wrong("m from AL.shape[0]", cost_m_from_rows, "not `AL.shape[0]`"),
            Wrong("np.mean over every entry", cost_np_mean, "not by every entry's count"),
            Wrong("no minus sign", cost_no_minus, "the sign is flipped"),
            Wrong("log(AL) in both terms", cost_log_of_AL_twice, "the log of 1 − AL, not of AL"),
            Wrong("only the y = 1 term", cost_only_positive_term, "is missing"),
            Wrong("an array, not a float", cost_returns_array, "must be a plain Python float"),
            Wrong("log of the labels", cost_log_of_Y, "`np.log(0)`"),
            Wrong("squared error", cost_squared_error, "the wrong value"),
        ],
    ),
    "linear_backward": Cases(
        [linear_backward_textbook, linear_backward_matmul, linear_backward_einsum],
        [
            Wrong("no / m", lb_no_m, "the `/ m` is missing"),
            Wrong("/ m in dA_prev", lb_m_in_dA_prev, "`dA_prev` must not be divided by m"),
            Wrong("keepdims forgotten", lb_no_keepdims, "keepdims=True"),
            Wrong("db over axis 0", lb_db_axis_0, "summed over axis 0"),
            Wrong("dW = A_prev @ dZ.T", lb_dW_transposed, "transpose"),
            Wrong("W @ dZ", lb_W_not_transposed, "the transpose of `W`"),
            Wrong("m from A_prev.shape[0]", lb_m_from_rows, "`A_prev.shape[0]` is n_prev"),
            Wrong("returned in the wrong order", lb_returns_dW_first, "`return dA_prev, dW, db`"),
            Wrong("cache unpacked as W, A_prev, b", lb_unpacks_W_first, "`A_prev, W, b = linear_cache`"),
            Wrong("db sums every entry", lb_db_sums_everything, "the sum of all the expected entries"),
        ],
    ),
    "linear_activation_backward": Cases(
        [linear_activation_backward_textbook, lab_mask_product, lab_where],
        [
            Wrong("ReLU slope Z >= 0", lab_relu_at_zero, "not `Z >= 0`"),
            Wrong("sigmoid slope of Z", lab_sigmoid_of_wrong_variable, "the derivative of the wrong variable"),
            Wrong("sigmoid slope s", lab_sigmoid_slope_is_s, "not `s`"),
            Wrong("ReLU slope is the ReLU", lab_relu_slope_is_relu, "that is the ReLU itself"),
            Wrong("activations swapped", lab_swapped, "the activations are swapped"),
            Wrong("no activation slope", lab_no_slope, "the activation's slope is missing"),
            Wrong("dA changed in place", lab_changes_dA, "changes the caller's `dA`"),
            Wrong("dZ divided by m", lab_divides_dZ_by_m, "divided by `m` twice"),
            Wrong("cache unpacked as Z, linear_cache", lab_unpacks_Z_first, "your code raised", "your code raised"),
        ],
    ),
    "backprop": Cases(
        [backprop_textbook, backprop_exact_output_delta, backprop_while_loop],
        [
            Wrong("hidden layers sigmoid", bp_hidden_sigmoid, "the hidden layers go back through the sigmoid"),
            Wrong("output layer ReLU", bp_output_relu, "the output layer goes back through the ReLU"),
            Wrong("dAL sign flipped", bp_sign_of_dAL, "`dAL` has the wrong sign"),
            Wrong("loop stops before layer 1", bp_stops_before_layer_1, "stops before layer 1"),
            Wrong("keys off by one", bp_keys_off_by_one, "off by one"),
            Wrong("dAL for every layer", bp_reuses_dAL, "every layer starts from `dAL`"),
            Wrong("/ m twice", bp_divides_by_m_twice, "divided by `m` twice"),
            Wrong("caches[l] for layer l", bp_wrong_cache, "the caches are read in the wrong order"),
            Wrong("caches in forward order", bp_forward_order, "the caches are read in the wrong order"),
        ],
    ),
}
