"""Known mistakes of lesson 05, Backpropagation: `backward_propagation`, `numerical_gradient`, `relative_error`."""

from __future__ import annotations

import numpy as np

from nnlib.checks.exercise import Mistake

# --- backward_propagation ----------------------------------------------------


def _grads(dZ2, dZ1, A1, X, m):
    """The four gradients from the two deltas, written out as a learner would."""
    return {
        "dW1": dZ1 @ X.T / m,
        "db1": np.sum(dZ1, axis=1, keepdims=True) / m,
        "dW2": dZ2 @ A1.T / m,
        "db2": np.sum(dZ2, axis=1, keepdims=True) / m,
    }


def backward_tanh_slope(parameters, cache, X, Y):
    A1, dZ2 = cache["A1"], cache["A2"] - Y
    dZ1 = (parameters["W2"].T @ dZ2) * (1 - np.power(A1, 2))
    return _grads(dZ2, dZ1, A1, X, X.shape[1])


def backward_slope_of_z(parameters, cache, X, Y):
    Z1, dZ2 = cache["Z1"], cache["A2"] - Y
    dZ1 = (parameters["W2"].T @ dZ2) * Z1 * (1 - Z1)
    return _grads(dZ2, dZ1, cache["A1"], X, X.shape[1])


def backward_no_hidden_slope(parameters, cache, X, Y):
    dZ2 = cache["A2"] - Y
    dZ1 = parameters["W2"].T @ dZ2
    return _grads(dZ2, dZ1, cache["A1"], X, X.shape[1])


def backward_no_mean(parameters, cache, X, Y):
    A1, dZ2 = cache["A1"], cache["A2"] - Y
    dZ1 = (parameters["W2"].T @ dZ2) * A1 * (1 - A1)
    return {
        "dW1": dZ1 @ X.T,
        "db1": np.sum(dZ1, axis=1, keepdims=True),
        "dW2": dZ2 @ A1.T,
        "db2": np.sum(dZ2, axis=1, keepdims=True),
    }


def backward_divides_twice(parameters, cache, X, Y):
    m = X.shape[1]
    A1, dZ2 = cache["A1"], (cache["A2"] - Y) / m
    dZ1 = (parameters["W2"].T @ dZ2) * A1 * (1 - A1)
    return _grads(dZ2, dZ1, A1, X, m)


def backward_no_keepdims(parameters, cache, X, Y):
    m, A1, dZ2 = X.shape[1], cache["A1"], cache["A2"] - Y
    dZ1 = (parameters["W2"].T @ dZ2) * A1 * (1 - A1)
    grads = _grads(dZ2, dZ1, A1, X, m)
    grads["db1"], grads["db2"] = np.sum(dZ1, axis=1) / m, np.sum(dZ2, axis=1) / m
    return grads


def backward_db_axis_0(parameters, cache, X, Y):
    m, A1, dZ2 = X.shape[1], cache["A1"], cache["A2"] - Y
    dZ1 = (parameters["W2"].T @ dZ2) * A1 * (1 - A1)
    grads = _grads(dZ2, dZ1, A1, X, m)
    grads["db1"] = np.sum(dZ1, axis=0, keepdims=True) / m
    grads["db2"] = np.sum(dZ2, axis=0, keepdims=True) / m
    return grads


def backward_key_with_space(parameters, cache, X, Y):
    m, A1, dZ2 = X.shape[1], cache["A1"], cache["A2"] - Y
    dZ1 = (parameters["W2"].T @ dZ2) * A1 * (1 - A1)
    grads = _grads(dZ2, dZ1, A1, X, m)
    grads["dW2 "] = grads.pop("dW2")
    return grads


def backward_m_from_features(parameters, cache, X, Y):
    m = X.shape[0]
    A1, dZ2 = cache["A1"], cache["A2"] - Y
    dZ1 = (parameters["W2"].T @ dZ2) * A1 * (1 - A1)
    return _grads(dZ2, dZ1, A1, X, m)


def backward_w2_not_transposed(parameters, cache, X, Y):
    A1, dZ2 = cache["A1"], cache["A2"] - Y
    dZ1 = (parameters["W2"] @ dZ2) * A1 * (1 - A1)
    return _grads(dZ2, dZ1, A1, X, X.shape[1])


def backward_sign_flipped(parameters, cache, X, Y):
    A1, dZ2 = cache["A1"], Y - cache["A2"]
    dZ1 = (parameters["W2"].T @ dZ2) * A1 * (1 - A1)
    return _grads(dZ2, dZ1, A1, X, X.shape[1])


def backward_dw1_from_a1(parameters, cache, X, Y):
    m, A1, dZ2 = X.shape[1], cache["A1"], cache["A2"] - Y
    dZ1 = (parameters["W2"].T @ dZ2) * A1 * (1 - A1)
    grads = _grads(dZ2, dZ1, A1, X, m)
    grads["dW1"] = dZ1 @ A1.T / m
    return grads


def backward_dw2_transposed(parameters, cache, X, Y):
    m, A1, dZ2 = X.shape[1], cache["A1"], cache["A2"] - Y
    dZ1 = (parameters["W2"].T @ dZ2) * A1 * (1 - A1)
    grads = _grads(dZ2, dZ1, A1, X, m)
    grads["dW2"] = A1 @ dZ2.T / m
    return grads


def backward_slope_into_cache(parameters, cache, X, Y):
    A1 = cache["A1"]
    A1 *= 1 - A1  # the slope, computed in the caller's cache
    dZ2 = cache["A2"] - Y
    dZ1 = (parameters["W2"].T @ dZ2) * A1
    m = X.shape[1]
    return {
        "dW1": dZ1 @ X.T / m,
        "db1": np.sum(dZ1, axis=1, keepdims=True) / m,
        "dW2": dZ2 @ cache["A1"].T / m,
        "db2": np.sum(dZ2, axis=1, keepdims=True) / m,
    }


# --- numerical_gradient ------------------------------------------------------


def numgrad_one_sided(f, x, eps=1e-6):
    grad = np.zeros_like(x)
    base = f()
    for i in np.ndindex(x.shape):
        x[i] += eps
        grad[i] = (f() - base) / eps
        x[i] -= eps
    return grad


def _centred(f, x, eps, *, step=None, slope=None, indices=None, grad=None):
    """The centred-difference loop, with the one thing a learner changed."""
    step = eps if step is None else step
    grad = np.zeros(x.shape) if grad is None else grad
    for index in np.ndindex(x.shape) if indices is None else indices:
        old = x[index].copy()
        x[index] = old + step
        plus = f()
        x[index] = old - step
        minus = f()
        x[index] = old
        grad[index] = (plus - minus) / (2 * step) if slope is None else slope(plus, minus, step)
    return grad


def numgrad_divides_by_eps(f, x, eps=1e-6):
    return _centred(f, x, eps, slope=lambda plus, minus, eps: (plus - minus) / eps)


def numgrad_precedence(f, x, eps=1e-6):
    return _centred(f, x, eps, slope=lambda plus, minus, eps: (plus - minus) / 2 * eps)


def numgrad_no_division(f, x, eps=1e-6):
    return _centred(f, x, eps, slope=lambda plus, minus, eps: plus - minus)


def numgrad_fixed_eps(f, x, eps=1e-6):
    return _centred(f, x, eps, step=1e-6)


def numgrad_rows(f, x, eps=1e-6):
    return _centred(f, x, eps, grad=np.zeros_like(x), indices=range(len(x)))


def numgrad_int_grid(f, x, eps=1e-6):
    return _centred(f, x, eps, grad=np.zeros(x.shape, dtype=int))


def numgrad_list(f, x, eps=1e-6):
    return _centred(f, x, eps).tolist()


def numgrad_flat(f, x, eps=1e-6):
    return _centred(f, x, eps).ravel()


def numgrad_not_restored(f, x, eps=1e-6):
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        x[i] += eps
        plus = f()
        x[i] -= 2 * eps
        minus = f()
        grad[i] = (plus - minus) / (2 * eps)
    return grad


def numgrad_on_a_copy(f, x, eps=1e-6):
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        x_plus = x.copy()
        x_plus[i] += eps
        x_minus = x.copy()
        x_minus[i] -= eps
        grad[i] = (f() - f()) / (2 * eps)
    return grad


# --- relative_error ----------------------------------------------------------


def relerr_absolute(analytic, numeric):
    return float(np.linalg.norm(analytic - numeric))


def relerr_one_norm(analytic, numeric):
    return float(np.linalg.norm(analytic - numeric) / np.linalg.norm(analytic))


def relerr_norm_of_sum(analytic, numeric):
    return float(np.linalg.norm(analytic - numeric) / np.linalg.norm(analytic + numeric))


def relerr_zero_division(analytic, numeric):
    return float(np.linalg.norm(analytic - numeric) / (np.linalg.norm(analytic) + np.linalg.norm(numeric)))


def relerr_elementwise(analytic, numeric):
    return np.abs(analytic - numeric) / (np.abs(analytic) + np.abs(numeric))


def relerr_sum_abs(analytic, numeric):
    denominator = np.sum(np.abs(analytic)) + np.sum(np.abs(numeric))
    return 0.0 if denominator == 0 else float(np.sum(np.abs(analytic - numeric)) / denominator)


def relerr_squared_norms(analytic, numeric):
    denominator = np.sum(analytic**2) + np.sum(numeric**2)
    return 0.0 if denominator == 0 else float(np.sum((analytic - numeric) ** 2) / denominator)


def relerr_difference_of_norms(analytic, numeric):
    a, n = np.linalg.norm(analytic), np.linalg.norm(numeric)
    return 0.0 if a + n == 0 else float(abs(a - n) / (a + n))


def relerr_guard_on_analytic(analytic, numeric):
    if np.linalg.norm(analytic) == 0:
        return 0.0
    return float(np.linalg.norm(analytic - numeric) / (np.linalg.norm(analytic) + np.linalg.norm(numeric)))


def relerr_guard_on_numeric(analytic, numeric):
    if not np.any(numeric):
        return 0.0
    return float(np.linalg.norm(analytic - numeric) / (np.linalg.norm(analytic) + np.linalg.norm(numeric)))


def relerr_guard_returns_one(analytic, numeric):
    denominator = np.linalg.norm(analytic) + np.linalg.norm(numeric)
    if denominator == 0:
        return 1.0
    return float(np.linalg.norm(analytic - numeric) / denominator)


MISTAKES = {
    "backward_propagation": (
        Mistake(
            backward_tanh_slope,
            "`1 - A1**2` is tanh's slope; the hidden units are sigmoids, whose slope is `A1 * (1 - A1)`",
        ),
        Mistake(
            backward_slope_of_z,
            "the derivative of the wrong variable: the sigmoid's slope is a (1 − a) with a = `A1`, not `Z1`",
        ),
        Mistake(
            backward_no_hidden_slope,
            "the hidden layer's sigmoid slope is missing from `dZ1`: `dZ1 = (W2.T @ dZ2) * A1 * (1 - A1)`",
        ),
        Mistake(
            backward_no_mean,
            "missing `/ m`: these are sums over the examples; the cost is a mean, so divide every `dW` and `db` "
            "by m = `X.shape[1]`",
        ),
        Mistake(
            backward_divides_twice,
            "`/ m` is applied twice: `dZ2` was already divided by m, and `dW` and `db` divide by m again; divide "
            "once, in `dW` and `db`",
        ),
        Mistake(
            backward_no_keepdims,
            "`np.sum(dZ, axis=1)` drops the summed axis and gives a flat (n,) array; `keepdims=True` keeps "
            "`db` a column (n, 1), like `b`",
        ),
        Mistake(
            backward_db_axis_0,
            "`db` is summed over axis 0 (the units); the examples are the columns: "
            "`np.sum(dZ, axis=1, keepdims=True) / m`",
        ),
        Mistake(
            backward_key_with_space,
            "the key `'dW2 '` ends with a space; the keys are exactly 'dW1', 'db1', 'dW2', 'db2'",
        ),
        Mistake(
            backward_m_from_features,
            "`X.shape[0]` is n_x, the number of features; m, the number of examples, is `X.shape[1]`",
        ),
        Mistake(
            backward_w2_not_transposed,
            "shapes do not fit together",
            shown_by="raises",
            outcome="your code raised",
        ),
        Mistake(backward_sign_flipped, "`dZ2 = Y - A2` has the wrong sign: the output delta is `A2 - Y`"),
        Mistake(
            backward_dw1_from_a1,
            "`dW1` pairs `dZ1` with the hidden layer's input, which is `X`: `dW1 = dZ1 @ X.T / m`, not `A1.T`",
        ),
        Mistake(
            backward_dw2_transposed,
            "`A1 @ dZ2.T` is the transpose of `dW2`; a gradient has its parameter's shape (n_y, n_h): "
            "`dW2 = dZ2 @ A1.T / m`",
        ),
        Mistake(backward_slope_into_cache, "`A *= ...` on an array read from it", shown_by="mutation"),
    ),
    "numerical_gradient": (
        Mistake(
            numgrad_one_sided,
            "a one-sided difference (f(x + eps) − f(x)) / eps; the centred difference "
            "(f(x + eps) − f(x − eps)) / (2 eps) is far more accurate",
        ),
        Mistake(
            numgrad_divides_by_eps,
            "it divides by eps; divide by 2·eps: the two points x + eps and x − eps are 2·eps apart",
        ),
        Mistake(
            numgrad_precedence,
            "`(plus - minus) / 2 * eps` divides by 2 and then multiplies by eps; write `/ (2 * eps)`",
        ),
        Mistake(
            numgrad_no_division,
            "the difference f(x + eps) − f(x − eps) is not divided: a slope is that difference over the step 2·eps",
        ),
        Mistake(numgrad_fixed_eps, "the step is a fixed 1e-6: nudge by the `eps` argument"),
        Mistake(
            numgrad_rows,
            "it nudges whole rows at once (`x[i]` of a 2-D `x` is a row); visit every entry with "
            "`for index in np.ndindex(x.shape)`",
        ),
        Mistake(numgrad_int_grid, "must hold floats", shown_by="dtype"),
        Mistake(numgrad_list, "not a Python list", shown_by="property"),
        Mistake(
            numgrad_flat,
            "the gradient was flattened; it has the shape of `x`: fill `grad = np.zeros(x.shape)` entry by "
            "entry and return it as it is",
        ),
        Mistake(numgrad_not_restored, "put every entry of `x` back", shown_by="mutation"),
        Mistake(
            numgrad_on_a_copy,
            "the gradient is all zeros: the nudges went to copies of `x`, which `f` never reads; nudge the "
            "entries of `x` itself, and put each back afterwards",
        ),
    ),
    "relative_error": (
        Mistake(relerr_absolute, "that is the absolute error ‖a − n‖; divide by ‖a‖ + ‖n‖ to make it relative"),
        Mistake(relerr_one_norm, "the denominator is ‖a‖ + ‖n‖ (both norms), not ‖a‖ alone"),
        Mistake(relerr_norm_of_sum, "the denominator is ‖a‖ + ‖n‖, the sum of the two norms, not the norm of the sum"),
        Mistake(
            relerr_zero_division,
            "when both arrays are all zeros, ‖a‖ + ‖n‖ = 0 and 0 / 0 is NaN, with a numpy warning; return 0.0 "
            "when the denominator is 0",
            shown_by="warning",
            says="numpy warned on this input",
        ),
        Mistake(
            relerr_elementwise,
            "this is one ratio per entry; the relative error is one number, from the norms of whole arrays: "
            "‖a − n‖ / (‖a‖ + ‖n‖)",
        ),
        Mistake(relerr_sum_abs, "use the Euclidean norm (`np.linalg.norm`), not the sum of absolute values"),
        Mistake(
            relerr_squared_norms,
            "these are squared norms (sums of squares): take their square roots, or use `np.linalg.norm`",
        ),
        Mistake(
            relerr_difference_of_norms,
            "the numerator is the norm of the difference ‖a − n‖, not the difference of the norms ‖a‖ − ‖n‖",
        ),
        Mistake(
            relerr_guard_on_analytic,
            "the zero guard looks only at `analytic`: when backprop returns all zeros and the numerical "
            "gradient does not, they disagree completely (the error is 1.0); return 0.0 only when the "
            "denominator ‖a‖ + ‖n‖ is 0",
        ),
        Mistake(
            relerr_guard_on_numeric,
            "the zero guard looks only at `numeric`: when it is all zeros and `analytic` is not, they disagree "
            "completely (the error is 1.0); return 0.0 only when the denominator ‖a‖ + ‖n‖ is 0",
        ),
        Mistake(
            relerr_guard_returns_one,
            "two all-zero arrays agree exactly: when the denominator ‖a‖ + ‖n‖ is 0, return 0.0, not 1.0",
        ),
    ),
}
