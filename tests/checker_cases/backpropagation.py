"""Lesson 05: backward_propagation, numerical_gradient, relative_error."""

import numpy as np

from checker_cases.types import Cases, Wrong


def backward_propagation_textbook(parameters, cache, X, Y):
    m = X.shape[1]
    W1 = parameters["W1"]  # noqa: F841  (the article reads both weight matrices)
    W2 = parameters["W2"]
    A1 = cache["A1"]
    A2 = cache["A2"]
    dZ2 = A2 - Y
    dW2 = np.dot(dZ2, A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = np.dot(W2.T, dZ2) * (A1 * (1 - A1))
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
    return grads


def backward_with_an_explicit_chain(parameters, cache, X, Y):
    m = X.shape[1]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    grads = {"dW2": np.matmul(dZ2, A1.T) / m, "db2": dZ2.mean(axis=1, keepdims=True)}
    dA1 = np.matmul(parameters["W2"].T, dZ2)
    dZ1 = dA1 * (A1 - A1**2)
    grads["dW1"] = np.matmul(dZ1, X.T) / m
    grads["db1"] = dZ1.mean(axis=1).reshape(-1, 1)
    return grads


def backward_one_example_at_a_time(parameters, cache, X, Y):
    m = X.shape[1]
    grads = {key: np.zeros_like(parameters[key[1:]]) for key in ("dW1", "db1", "dW2", "db2")}
    for i in range(m):
        x, a1, a2, y = X[:, [i]], cache["A1"][:, [i]], cache["A2"][:, [i]], Y[:, [i]]
        dz2 = a2 - y
        dz1 = (parameters["W2"].T @ dz2) * a1 * (1 - a1)
        grads["dW2"] += dz2 @ a1.T / m
        grads["db2"] += dz2 / m
        grads["dW1"] += dz1 @ x.T / m
        grads["db1"] += dz1 / m
    return grads


def _backward(parameters, cache, X, Y, slope=None, m=None, db_axis=1, keepdims=True, key_space=False):
    m = X.shape[1] if m is None else m
    W2, A1, A2, Z1 = parameters["W2"], cache["A1"], cache["A2"], cache["Z1"]
    dZ2 = A2 - Y
    dW2 = dZ2 @ A1.T / m
    db2 = np.sum(dZ2, axis=db_axis, keepdims=keepdims) / m
    dZ1 = (W2.T @ dZ2) * (slope(A1, Z1) if slope else A1 * (1 - A1))
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=db_axis, keepdims=keepdims) / m
    return {"dW1": dW1, "db1": db1, ("dW2 " if key_space else "dW2"): dW2, "db2": db2}


def backward_tanh_slope(parameters, cache, X, Y):
    return _backward(parameters, cache, X, Y, slope=lambda A1, Z1: 1 - np.power(A1, 2))


def backward_slope_of_z(parameters, cache, X, Y):
    return _backward(parameters, cache, X, Y, slope=lambda A1, Z1: Z1 * (1 - Z1))


def backward_no_mean(parameters, cache, X, Y):
    return _backward(parameters, cache, X, Y, m=1)


def backward_no_keepdims(parameters, cache, X, Y):
    return _backward(parameters, cache, X, Y, keepdims=False)


def backward_wrong_axis(parameters, cache, X, Y):
    return _backward(parameters, cache, X, Y, db_axis=0)


def backward_key_with_space(parameters, cache, X, Y):
    return _backward(parameters, cache, X, Y, key_space=True)


def backward_m_from_features(parameters, cache, X, Y):
    return _backward(parameters, cache, X, Y, m=X.shape[0])


def backward_no_transpose(parameters, cache, X, Y):
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dW2 = dZ2 @ cache["A1"].T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = (parameters["W2"] @ dZ2) * cache["A1"] * (1 - cache["A1"])
    return {"dW1": dZ1 @ X.T / m, "db1": np.sum(dZ1, axis=1, keepdims=True) / m, "dW2": dW2, "db2": db2}


def numerical_gradient_textbook(f, x, eps=1e-6):
    grad = np.zeros(x.shape)
    it = np.nditer(x, flags=["multi_index"])
    while not it.finished:
        i = it.multi_index
        old = x[i]
        x[i] = old + eps
        f_plus = f()
        x[i] = old - eps
        f_minus = f()
        x[i] = old
        grad[i] = (f_plus - f_minus) / (2 * eps)
        it.iternext()
    return grad


def numgrad_unravel(f, x, eps=1e-6):
    grad = np.empty(x.shape, dtype=float)
    for flat in range(x.size):
        index = np.unravel_index(flat, x.shape)
        saved = float(x[index])
        x[index] = saved + eps
        up = f()
        x[index] = saved - eps
        down = f()
        x[index] = saved
        grad[index] = (up - down) / (2 * eps)
    return grad


def numgrad_through_flat(f, x, eps=1e-6):
    grad = np.zeros(x.size)
    for i in range(x.size):
        saved = x.flat[i]
        x.flat[i] = saved + eps
        higher = f()
        x.flat[i] = saved - eps
        lower = f()
        x.flat[i] = saved
        grad[i] = (higher - lower) / (2 * eps)
    return grad.reshape(x.shape)


def _centred(f, x, eps, *, step=None, slope=None, grad=None, indices=None):
    """A learner's centred-difference loop with one thing changed, to write the wrong versions briefly."""
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


def numgrad_fixed_eps(f, x, eps=1e-6):
    return _centred(f, x, eps, step=1e-6)


def numgrad_precedence(f, x, eps=1e-6):
    return _centred(f, x, eps, slope=lambda plus, minus, eps: (plus - minus) / 2 * eps)


def numgrad_list(f, x, eps=1e-6):
    return _centred(f, x, eps).tolist()


def numgrad_flat_only(f, x, eps=1e-6):
    return _centred(f, x, eps, grad=np.zeros_like(x), indices=range(len(x)))


def numgrad_int_grid(f, x, eps=1e-6):
    return _centred(f, x, eps, grad=np.zeros(x.shape, dtype=int))


def numgrad_one_sided(f, x, eps=1e-6):
    grad = np.zeros_like(x)
    base = f()
    for i in np.ndindex(x.shape):
        x[i] += eps
        grad[i] = (f() - base) / eps
        x[i] -= eps
    return grad


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


def relative_error_textbook(analytic, numeric):
    numerator = np.linalg.norm(analytic - numeric)
    denominator = np.linalg.norm(analytic) + np.linalg.norm(numeric)
    if denominator == 0:
        return 0.0
    return numerator / denominator


def relerr_by_hand(analytic, numeric):
    difference = np.sqrt(np.sum((analytic - numeric) ** 2))
    size = np.sqrt(np.sum(analytic**2)) + np.sqrt(np.sum(numeric**2))
    return 0.0 if not size else float(difference / size)


def relerr_flattened(analytic, numeric):
    a, n = np.ravel(analytic), np.ravel(numeric)
    if not (a.any() or n.any()):
        return 0.0
    return float(np.linalg.norm(a - n) / (np.linalg.norm(a) + np.linalg.norm(n)))


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
    return float(np.sum(np.abs(analytic - numeric)) / (np.sum(np.abs(analytic)) + np.sum(np.abs(numeric))))


CASES = {
    "backward_propagation": Cases(
        [backward_propagation_textbook, backward_with_an_explicit_chain, backward_one_example_at_a_time],
        [
            Wrong("tanh's slope", backward_tanh_slope, "`1 - A1**2` is tanh's slope"),
            Wrong("slope of the wrong variable", backward_slope_of_z, "the derivative of the wrong variable"),
            Wrong("no / m", backward_no_mean, "missing `/ m`"),
            Wrong("keepdims forgotten", backward_no_keepdims, "keepdims=True"),
            Wrong("db summed over the wrong axis", backward_wrong_axis, "`np.sum(..., axis=1, keepdims=True)`"),
            Wrong("'dW2 ' key", backward_key_with_space, "'dW2 ' instead"),
            Wrong("m from X.shape[0]", backward_m_from_features, "`X.shape[0]` is n_x"),
            Wrong("W2 not transposed", backward_no_transpose, "shapes do not fit together", outcome="your code raised"),
        ],
    ),
    "numerical_gradient": Cases(
        [numerical_gradient_textbook, numgrad_unravel, numgrad_through_flat],
        [
            Wrong("one-sided difference", numgrad_one_sided, "a one-sided difference"),
            Wrong("divided by eps", numgrad_divides_by_eps, "divide by 2·eps"),
            Wrong("x not restored", numgrad_not_restored, "put every entry of `x` back"),
            Wrong(
                "nudging copies f never reads", numgrad_on_a_copy, "nudge the entries of `x` in place (not of a copy)"
            ),
            Wrong("only the first axis", numgrad_flat_only, "it nudges whole rows at once"),
            Wrong("an integer array", numgrad_int_grid, "must hold floats"),
            Wrong("eps ignored", numgrad_fixed_eps, "eps = 1e-2"),
            Wrong("/ 2 * eps", numgrad_precedence, "a constant factor is off"),
            Wrong("a Python list", numgrad_list, "not a Python list"),
        ],
    ),
    "relative_error": Cases(
        [relative_error_textbook, relerr_by_hand, relerr_flattened],
        [
            Wrong("absolute error", relerr_absolute, "that is the absolute error"),
            Wrong("one norm in the denominator", relerr_one_norm, "not ‖a‖ alone"),
            Wrong("norm of the sum", relerr_norm_of_sum, "not the norm of the sum"),
            Wrong("0 / 0 when both are zero", relerr_zero_division, "return 0.0 in that case"),
            Wrong("elementwise errors", relerr_elementwise, "must be a plain Python float"),
            Wrong("sum of absolute values", relerr_sum_abs, "use the Euclidean norm"),
            Wrong("zero guard on analytic only", relerr_guard_on_analytic, "the zero guard looks only at `analytic`"),
            Wrong("zero guard on numeric only", relerr_guard_on_numeric, "the zero guard looks only at `numeric`"),
            Wrong("1.0 when both are zero", relerr_guard_returns_one, "both all zeros: the error is 0.0"),
        ],
    ),
}
