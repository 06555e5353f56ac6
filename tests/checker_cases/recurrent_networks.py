"""Lesson 19: rnn_forward, rnn_cell_backward, rnn_backward, clip_gradients."""

import math

import numpy as np

from checker_cases.types import Cases, Wrong
from nnlib.recurrent import rnn_cell_backward, rnn_cell_forward

# --- rnn_forward ---------------------------------------------------------------------------------


def forward_textbook(X, a0, parameters):
    caches = []
    n_x, m, T_x = X.shape
    n_y, n_a = parameters["Wya"].shape
    a = np.zeros((n_a, m, T_x), dtype=X.dtype)
    y_pred = np.zeros((n_y, m, T_x), dtype=X.dtype)
    a_next = a0
    for t in range(T_x):
        xt = X[:, :, t]
        a_prev = a_next
        a_next, yt_pred = rnn_cell_forward(xt, a_prev, parameters)
        a[:, :, t] = a_next
        y_pred[:, :, t] = yt_pred
        caches.append((a_next, a_prev, xt, parameters))
    return a, y_pred, caches


def forward_stacked(X, a0, parameters):
    states, scores, caches = [], [], []
    a = a0
    for t in range(X.shape[2]):
        new, y = rnn_cell_forward(X[:, :, t], a, parameters)
        caches.append((new, a, X[:, :, t], parameters))
        states.append(new)
        scores.append(y)
        a = new
    return np.stack(states, axis=2), np.stack(scores, axis=2), caches


def forward_own_cell(X, a0, parameters):
    Wax, Waa, ba, Wya, by = (parameters[k] for k in ("Wax", "Waa", "ba", "Wya", "by"))
    T = X.shape[2]
    A = np.empty((Waa.shape[0], X.shape[1], T), dtype=X.dtype)
    Y_hat = np.empty((Wya.shape[0], X.shape[1], T), dtype=X.dtype)
    caches = []
    t = 0
    while t < T:
        a_prev = a0 if t == 0 else A[:, :, t - 1]
        A[:, :, t] = np.tanh(np.dot(Wax, X[:, :, t]) + np.dot(Waa, a_prev) + ba)
        Y_hat[:, :, t] = np.dot(Wya, A[:, :, t]) + by
        caches.append((A[:, :, t], a_prev, X[:, :, t], parameters))
        t += 1
    return A, Y_hat, caches


def _loop(X, a0, parameters, step):
    """A forward loop whose body ``step(t, a_prev, A, Y_hat, caches) -> a_next`` holds one learner's mistake."""
    n_a, n_y = parameters["Waa"].shape[0], parameters["Wya"].shape[0]
    m, T = X.shape[1:]
    A, Y_hat, caches = np.zeros((n_a, m, T), X.dtype), np.zeros((n_y, m, T), X.dtype), []
    a = a0
    for t in range(T):
        a = step(t, a, A, Y_hat, caches)
    return A, Y_hat, caches


def forward_always_a0(X, a0, parameters):
    def step(t, a, A, Y_hat, caches):
        a_next, Y_hat[:, :, t] = rnn_cell_forward(X[:, :, t], a0, parameters)
        A[:, :, t] = a_next
        caches.append((a_next, a0, X[:, :, t], parameters))
        return a_next

    return _loop(X, a0, parameters, step)


def forward_stores_old_state(X, a0, parameters):
    def step(t, a, A, Y_hat, caches):
        a_next, Y_hat[:, :, t] = rnn_cell_forward(X[:, :, t], a, parameters)
        A[:, :, t] = a
        caches.append((a_next, a, X[:, :, t], parameters))
        return a_next

    return _loop(X, a0, parameters, step)


def forward_cache_after_update(X, a0, parameters):
    def step(t, a, A, Y_hat, caches):
        a, Y_hat[:, :, t] = rnn_cell_forward(X[:, :, t], a, parameters)
        A[:, :, t] = a
        caches.append((a, a, X[:, :, t], parameters))  # `a` already overwritten
        return a

    return _loop(X, a0, parameters, step)


def forward_reversed(X, a0, parameters):
    n_a, n_y = parameters["Waa"].shape[0], parameters["Wya"].shape[0]
    m, T = X.shape[1:]
    A, Y_hat, caches = np.zeros((n_a, m, T), X.dtype), np.zeros((n_y, m, T), X.dtype), []
    a = a0
    for t in range(T - 1, -1, -1):
        a_prev = a
        a, Y_hat[:, :, t] = rnn_cell_forward(X[:, :, t], a_prev, parameters)
        A[:, :, t] = a
        caches.append((a, a_prev, X[:, :, t], parameters))
    return A, Y_hat, caches


def forward_float64_zeros(X, a0, parameters):
    n_a, n_y = parameters["Waa"].shape[0], parameters["Wya"].shape[0]
    m, T = X.shape[1:]
    A, Y_hat, caches = np.zeros((n_a, m, T)), np.zeros((n_y, m, T)), []
    a = a0
    for t in range(T):
        a_prev = a
        a, Y_hat[:, :, t] = rnn_cell_forward(X[:, :, t], a_prev, parameters)
        A[:, :, t] = a
        caches.append((a, a_prev, X[:, :, t], parameters))
    return A, Y_hat, caches


def forward_one_short(X, a0, parameters):
    n_a, n_y = parameters["Waa"].shape[0], parameters["Wya"].shape[0]
    m, T = X.shape[1:]
    A, Y_hat, caches = np.zeros((n_a, m, T), X.dtype), np.zeros((n_y, m, T), X.dtype), []
    a = a0
    for t in range(T - 1):
        a_prev = a
        a, Y_hat[:, :, t] = rnn_cell_forward(X[:, :, t], a_prev, parameters)
        A[:, :, t] = a
        caches.append((a, a_prev, X[:, :, t], parameters))
    return A, Y_hat, caches


def forward_sigmoid_scores(X, a0, parameters):
    def step(t, a, A, Y_hat, caches):
        a_next, y = rnn_cell_forward(X[:, :, t], a, parameters)
        Y_hat[:, :, t] = 1 / (1 + np.exp(-y))
        A[:, :, t] = a_next
        caches.append((a_next, a, X[:, :, t], parameters))
        return a_next

    return _loop(X, a0, parameters, step)


def forward_cache_order(X, a0, parameters):
    def step(t, a, A, Y_hat, caches):
        a_next, Y_hat[:, :, t] = rnn_cell_forward(X[:, :, t], a, parameters)
        A[:, :, t] = a_next
        caches.append((a, a_next, X[:, :, t], parameters))
        return a_next

    return _loop(X, a0, parameters, step)


def forward_no_caches(X, a0, parameters):
    A, Y_hat, _ = forward_stacked(X, a0, parameters)
    return A, Y_hat


def forward_last_cache_only(X, a0, parameters):
    A, Y_hat, caches = forward_stacked(X, a0, parameters)
    return A, Y_hat, [caches[-1]]


def forward_two_d_slice(X, a0, parameters):
    def step(t, a, A, Y_hat, caches):
        a_next, Y_hat[:, :, t] = rnn_cell_forward(X[:, t], a, parameters)
        A[:, :, t] = a_next
        caches.append((a_next, a, X[:, t], parameters))
        return a_next

    return _loop(X, a0, parameters, step)


def forward_examples_first(X, a0, parameters):
    A, Y_hat, caches = forward_stacked(X, a0, parameters)
    return A.transpose(1, 0, 2), Y_hat, caches


def forward_cache_without_parameters(X, a0, parameters):
    A, Y_hat, caches = forward_stacked(X, a0, parameters)
    return A, Y_hat, [cache[:3] for cache in caches]


# --- rnn_cell_backward ---------------------------------------------------------------------------


def cell_backward_textbook(da_next, cache):
    (a_next, a_prev, xt, parameters) = cache
    Wax = parameters["Wax"]
    Waa = parameters["Waa"]
    m = xt.shape[1]
    dtanh = (1 - a_next**2) * da_next
    dxt = np.dot(Wax.T, dtanh)
    dWax = np.dot(dtanh, xt.T) / m
    da_prev = np.dot(Waa.T, dtanh)
    dWaa = np.dot(dtanh, a_prev.T) / m
    dba = np.sum(dtanh, axis=1, keepdims=True) / m
    return {"dx_t": dxt, "da_prev": da_prev, "dWax": dWax, "dWaa": dWaa, "dba": dba}


def cell_backward_means(da_next, cache):
    a_next, a_prev, x_t, p = cache
    dz = np.multiply(da_next, 1.0 - a_next * a_next)
    m = dz.shape[1]
    return {
        "dba": np.mean(dz, axis=1, keepdims=True),
        "dWaa": (dz @ a_prev.T) / m,
        "dWax": (dz @ x_t.T) / m,
        "da_prev": p["Waa"].T @ dz,
        "dx_t": p["Wax"].T @ dz,
    }


def cell_backward_per_example(da_next, cache):
    a_next, a_prev, x_t, p = cache
    m = x_t.shape[1]
    grads = {"dWax": np.zeros_like(p["Wax"]), "dWaa": np.zeros_like(p["Waa"]), "dba": np.zeros_like(p["ba"])}
    dz = da_next * (1 - np.square(a_next))
    for i in range(m):  # one sequence at a time, then the average
        grads["dWax"] += np.outer(dz[:, i], x_t[:, i]) / m
        grads["dWaa"] += np.outer(dz[:, i], a_prev[:, i]) / m
        grads["dba"] += dz[:, i : i + 1] / m
    grads["dx_t"] = p["Wax"].T @ dz
    grads["da_prev"] = p["Waa"].T @ dz
    return grads


def _step(da_next, cache, dz=None, state=None, m=None, dba=None, dx=None, transpose=True):
    """A backward step written with one learner's mistake."""
    a_next, a_prev, x_t, p = cache
    m = x_t.shape[1] if m is None else m
    dz = da_next * (1 - a_next**2) if dz is None else dz
    state = a_prev if state is None else state
    return {
        "dx_t": (p["Wax"].T @ dz) if transpose else p["Wax"] @ dz,
        "da_prev": p["Waa"].T @ dz,
        "dWax": dz @ x_t.T / m if dx is None else dx(dz, x_t) / m,
        "dWaa": dz @ state.T / m,
        "dba": np.sum(dz, axis=1, keepdims=True) / m if dba is None else dba(dz) / m,
    }


def cell_no_slope(da_next, cache):
    return _step(da_next, cache, dz=da_next)


def cell_slope_of_a_prev(da_next, cache):
    return _step(da_next, cache, dz=da_next * (1 - cache[1] ** 2))


def cell_tanh_twice(da_next, cache):
    return _step(da_next, cache, dz=da_next * (1 - np.tanh(cache[0]) ** 2))


def cell_slope_without_square(da_next, cache):
    return _step(da_next, cache, dz=da_next * (1 - cache[0]))


def cell_a_next_in_dWaa(da_next, cache):
    return _step(da_next, cache, state=cache[0])


def cell_not_averaged(da_next, cache):
    return _step(da_next, cache, m=1)


def cell_inputs_averaged(da_next, cache):
    grads = _step(da_next, cache)
    m = cache[2].shape[1]
    grads["dx_t"] = grads["dx_t"] / m
    grads["da_prev"] = grads["da_prev"] / m
    return grads


def cell_keepdims_lost(da_next, cache):
    return _step(da_next, cache, dba=lambda dz: np.sum(dz, axis=1))


def cell_dba_over_axis_0(da_next, cache):
    return _step(da_next, cache, dba=lambda dz: np.sum(dz, axis=0, keepdims=True))


def cell_Wax_not_transposed(da_next, cache):
    return _step(da_next, cache, transpose=False)


def cell_dWax_transposed(da_next, cache):
    return _step(da_next, cache, dx=lambda dz, x_t: x_t @ dz.T)


def cell_sign_flipped(da_next, cache):
    return _step(da_next, cache, dz=da_next * (cache[0] ** 2 - 1))


def cell_tuple(da_next, cache):
    grads = _step(da_next, cache)
    return grads["dx_t"], grads["da_prev"], grads["dWax"], grads["dWaa"], grads["dba"]


def cell_other_key_names(da_next, cache):
    grads = _step(da_next, cache)
    return {"dxt": grads["dx_t"], "daprev": grads["da_prev"], **{k: grads[k] for k in ("dWax", "dWaa", "dba")}}


# --- rnn_backward --------------------------------------------------------------------------------


def backward_textbook(dA, caches):
    (a1, a0, x1, parameters) = caches[0]
    n_a, m, T_x = dA.shape
    n_x, m = x1.shape
    dx = np.zeros((n_x, m, T_x), dtype=dA.dtype)
    dWax = np.zeros((n_a, n_x), dtype=dA.dtype)
    dWaa = np.zeros((n_a, n_a), dtype=dA.dtype)
    dba = np.zeros((n_a, 1), dtype=dA.dtype)
    da_prevt = np.zeros((n_a, m), dtype=dA.dtype)
    for t in reversed(range(T_x)):
        gradients = rnn_cell_backward(dA[:, :, t] + da_prevt, caches[t])
        dxt, da_prevt, dWaxt, dWaat, dbat = (
            gradients["dx_t"], gradients["da_prev"], gradients["dWax"], gradients["dWaa"], gradients["dba"]
        )  # fmt: skip
        dx[:, :, t] = dxt
        dWax += dWaxt
        dWaa += dWaat
        dba += dbat
    da0 = da_prevt
    return {"dX": dx, "da0": da0, "dWax": dWax, "dWaa": dWaa, "dba": dba}


def backward_lists(dA, caches):
    steps, dx_steps = [], []
    carried = np.zeros_like(dA[:, :, 0])
    for t in range(dA.shape[2] - 1, -1, -1):
        step = rnn_cell_backward(carried + dA[:, :, t], caches[t])
        steps.append(step)
        dx_steps.append(step["dx_t"])
        carried = step["da_prev"]
    return {
        "dX": np.stack(dx_steps[::-1], axis=2),
        "da0": carried,
        **{key: sum(step[key] for step in steps) for key in ("dWax", "dWaa", "dba")},
    }


def backward_enumerate(dA, caches):
    grads = None
    da_next = np.zeros(dA.shape[:2], dtype=dA.dtype)
    dX = None
    for t, cache in reversed(list(enumerate(caches))):
        a_next, a_prev, x_t, p = cache
        m = x_t.shape[1]
        dz = (dA[:, :, t] + da_next) * (1 - a_next**2)
        if grads is None:
            dX = np.zeros((x_t.shape[0], *dA.shape[1:]), dtype=dA.dtype)
            grads = {"dWax": 0, "dWaa": 0, "dba": 0}
        grads["dWax"] = grads["dWax"] + dz @ x_t.T / m
        grads["dWaa"] = grads["dWaa"] + dz @ a_prev.T / m
        grads["dba"] = grads["dba"] + dz.sum(axis=1, keepdims=True) / m
        dX[:, :, t] = p["Wax"].T @ dz
        da_next = p["Waa"].T @ dz
    return {"dX": dX, "da0": da_next, **grads}


def _bptt(dA, caches, body, order=None, zeros=None):
    """A backward loop whose body ``body(t, da_prev, totals, dX) -> da_prev`` holds one learner's mistake."""
    n_a, m, T = dA.shape
    p = caches[0][3]
    dX = (zeros or (lambda shape: np.zeros(shape, dtype=dA.dtype)))((p["Wax"].shape[1], m, T))
    totals = {"dWax": np.zeros_like(p["Wax"]), "dWaa": np.zeros_like(p["Waa"]), "dba": np.zeros_like(p["ba"])}
    da_prev = np.zeros((n_a, m), dtype=dA.dtype)
    for t in order or reversed(range(T)):
        da_prev = body(t, da_prev, totals, dX)
    return {"dX": dX, "da0": da_prev, **totals}


def _add(totals, step):
    for key in totals:
        totals[key] += step[key]


def backward_forwards_in_time(dA, caches):
    def body(t, da_prev, totals, dX):
        step = rnn_cell_backward(dA[:, :, t] + da_prev, caches[t])
        _add(totals, step)
        dX[:, :, t] = step["dx_t"]
        return step["da_prev"]

    return _bptt(dA, caches, body, order=range(dA.shape[2]))


def backward_not_accumulated(dA, caches):
    def body(t, da_prev, totals, dX):
        step = rnn_cell_backward(dA[:, :, t], caches[t])
        _add(totals, step)
        dX[:, :, t] = step["dx_t"]
        return step["da_prev"]

    return _bptt(dA, caches, body)


def backward_dA_at_the_end_only(dA, caches):
    T = dA.shape[2]

    def body(t, da_prev, totals, dX):
        step = rnn_cell_backward(dA[:, :, t] if t == T - 1 else da_prev, caches[t])
        _add(totals, step)
        dX[:, :, t] = step["dx_t"]
        return step["da_prev"]

    return _bptt(dA, caches, body)


def backward_overwritten(dA, caches):
    def body(t, da_prev, totals, dX):
        step = rnn_cell_backward(dA[:, :, t] + da_prev, caches[t])
        totals.update({key: step[key] for key in totals})
        dX[:, :, t] = step["dx_t"]
        return step["da_prev"]

    return _bptt(dA, caches, body)


def backward_mean_over_time(dA, caches):
    grads = backward_lists(dA, caches)
    T = dA.shape[2]
    return {key: value / T if key in ("dWax", "dWaa", "dba") else value for key, value in grads.items()}


def backward_averaged_twice(dA, caches):
    grads = backward_lists(dA, caches)
    m = dA.shape[1]
    for key in ("dWax", "dWaa", "dba"):
        grads[key] = grads[key] / m
    return grads


def backward_not_averaged(dA, caches):
    def body(t, da_prev, totals, dX):
        a_next, a_prev, x_t, p = caches[t]
        dz = (dA[:, :, t] + da_prev) * (1 - a_next**2)
        totals["dWax"] += dz @ x_t.T
        totals["dWaa"] += dz @ a_prev.T
        totals["dba"] += dz.sum(axis=1, keepdims=True)
        dX[:, :, t] = p["Wax"].T @ dz
        return p["Waa"].T @ dz

    return _bptt(dA, caches, body)


def backward_keepdims_lost(dA, caches):
    grads = {"dWax": 0.0, "dWaa": 0.0, "dba": 0.0}
    carried = np.zeros(dA.shape[:2], dtype=dA.dtype)
    dX = np.zeros((caches[0][2].shape[0], *dA.shape[1:]), dtype=dA.dtype)
    for t in reversed(range(dA.shape[2])):
        a_next, a_prev, x_t, p = caches[t]
        m = x_t.shape[1]
        dz = (dA[:, :, t] + carried) * (1 - a_next**2)
        grads["dWax"] = grads["dWax"] + dz @ x_t.T / m
        grads["dWaa"] = grads["dWaa"] + dz @ a_prev.T / m
        grads["dba"] = grads["dba"] + np.sum(dz, axis=1) / m
        dX[:, :, t] = p["Wax"].T @ dz
        carried = p["Waa"].T @ dz
    return {"dX": dX, "da0": carried, **grads}


def backward_reverses_the_caches(dA, caches):
    caches.reverse()  # walk the list from the last step... in the caller's list itself
    T = dA.shape[2]

    def body(t, da_prev, totals, dX):
        step = rnn_cell_backward(dA[:, :, t] + da_prev, caches[T - 1 - t])
        _add(totals, step)
        dX[:, :, t] = step["dx_t"]
        return step["da_prev"]

    return _bptt(dA, caches, body)


def backward_pops_the_caches(dA, caches):
    def body(t, da_prev, totals, dX):
        step = rnn_cell_backward(dA[:, :, t] + da_prev, caches.pop())  # the last cache, taken off the list
        _add(totals, step)
        dX[:, :, t] = step["dx_t"]
        return step["da_prev"]

    return _bptt(dA, caches, body, order=list(reversed(range(dA.shape[2]))))


def backward_float64_zeros(dA, caches):
    def body(t, da_prev, totals, dX):
        step = rnn_cell_backward(dA[:, :, t] + da_prev, caches[t])
        _add(totals, step)
        dX[:, :, t] = step["dx_t"]
        return step["da_prev"]

    return _bptt(dA, caches, body, zeros=np.zeros)


def backward_dX_mirrored(dA, caches):
    T = dA.shape[2]

    def body(t, da_prev, totals, dX):
        step = rnn_cell_backward(dA[:, :, t] + da_prev, caches[t])
        _add(totals, step)
        dX[:, :, T - 1 - t] = step["dx_t"]
        return step["da_prev"]

    return _bptt(dA, caches, body)


def backward_da0_before_the_cell(dA, caches):
    grads = backward_lists(dA, caches)
    step_one = backward_lists(dA[:, :, 1:], caches[1:])["da0"] if dA.shape[2] > 1 else 0
    grads["da0"] = dA[:, :, 0] + step_one
    return grads


# --- clip_gradients ------------------------------------------------------------------------------


def clip_textbook(grads, max_norm):
    total_norm = np.sqrt(sum(np.linalg.norm(g) ** 2 for g in grads.values()))
    if total_norm > max_norm:
        return {name: g * (max_norm / total_norm) for name, g in grads.items()}
    return dict(grads)  # below the limit: a new dict with the same arrays


def clip_concatenated(grads, max_norm):
    norm = np.linalg.norm(np.concatenate([g.ravel() for g in grads.values()]))
    factor = min(1.0, max_norm / norm) if norm > 0 else 1.0
    return {key: factor * value for key, value in grads.items()}


def clip_math_loop(grads, max_norm):
    squares = 0.0
    for value in grads.values():
        squares += float((value * value).sum())
    norm = math.sqrt(squares)
    clipped = {}
    for key, value in grads.items():
        clipped[key] = value * (max_norm / norm) if norm > max_norm else value.copy()
    return clipped


def _scaled(grads, factor):
    return {key: g * factor for key, g in grads.items()}


def clip_per_array(grads, max_norm):
    clipped = {}
    for key, g in grads.items():
        norm = np.linalg.norm(g)
        clipped[key] = g * max_norm / norm if norm > max_norm else g
    return clipped


def clip_by_value(grads, max_norm):
    return {key: np.clip(g, -max_norm, max_norm) for key, g in grads.items()}


def clip_in_place(grads, max_norm):
    norm = np.sqrt(sum(np.sum(g**2) for g in grads.values()))
    if norm > max_norm:
        for g in grads.values():
            g *= max_norm / norm
    return grads


def clip_always(grads, max_norm):
    norm = np.sqrt(sum(np.sum(g**2) for g in grads.values()))
    return _scaled(grads, max_norm / norm if norm > 0 else 1.0)


def clip_no_sqrt(grads, max_norm):
    norm = sum(np.sum(g**2) for g in grads.values())
    return _scaled(grads, max_norm / norm if norm > max_norm else 1.0)


def clip_l1(grads, max_norm):
    norm = sum(np.sum(np.abs(g)) for g in grads.values())
    return _scaled(grads, max_norm / norm if norm > max_norm else 1.0)


def clip_condition_inverted(grads, max_norm):
    norm = np.sqrt(sum(np.sum(g**2) for g in grads.values()))
    return _scaled(grads, max_norm / norm if 0 < norm < max_norm else 1.0)


def clip_to_unit_norm(grads, max_norm):
    norm = np.sqrt(sum(np.sum(g**2) for g in grads.values()))
    return _scaled(grads, 1 / norm if norm > max_norm else 1.0)


def clip_upside_down(grads, max_norm):
    norm = np.sqrt(sum(np.sum(g**2) for g in grads.values()))
    return _scaled(grads, norm / max_norm if norm > max_norm else 1.0)


def clip_last_norm_only(grads, max_norm):
    for g in grads.values():
        norm = np.sqrt(np.sum(g**2))
    return _scaled(grads, max_norm / norm if norm > max_norm else 1.0)


def clip_mean_of_squares(grads, max_norm):
    norm = np.sqrt(sum(np.mean(g**2) for g in grads.values()))
    return _scaled(grads, max_norm / norm if norm > max_norm else 1.0)


def clip_list(grads, max_norm):
    norm = np.sqrt(sum(np.sum(g**2) for g in grads.values()))
    return [g * (max_norm / norm if norm > max_norm else 1.0) for g in grads.values()]


def clip_float64(grads, max_norm):
    norm = np.sqrt(sum(np.sum(g**2) for g in grads.values()))
    return {key: g.astype(float) * (max_norm / norm if norm > max_norm else 1.0) for key, g in grads.items()}


CASES = {
    "rnn_forward": Cases(
        [forward_textbook, forward_stacked, forward_own_cell],
        [
            Wrong("every step from a0", forward_always_a0, "every step starts from `a0`"),
            Wrong("A stores the old state", forward_stores_old_state, "holds the state *before* step t"),
            Wrong(
                "cache after the update (a instead of a_prev)",
                forward_cache_after_update,
                "the cache's second entry is the new state again",
            ),  # fmt: skip
            Wrong("time loop reversed", forward_reversed, "the steps run backwards in time"),
            Wrong("float64 zeros for float32 input", forward_float64_zeros, "but must be float32, like the input"),
            Wrong("one step short", forward_one_short, "the loop stops one step early"),
            Wrong("sigmoid on the scores", forward_sigmoid_scores, "with no sigmoid or softmax"),
            Wrong("cache order swapped", forward_cache_order, "the cache's first two entries are swapped"),
            Wrong("no caches returned", forward_no_caches, "it returned 2 values but must return 3"),
            Wrong("last cache only", forward_last_cache_only, "one per time step"),
            Wrong("X[:, t] on a 3-D array", forward_two_d_slice, "shapes do not fit together", "your code raised"),
            Wrong("A with examples first", forward_examples_first, "`A` has shape (4, 5, 6) but must have shape"),
            Wrong(
                "cache without parameters",
                forward_cache_without_parameters,
                "must be the tuple (a_next, a_prev, x_t, parameters)",
            ),  # fmt: skip
        ],
    ),
    "rnn_cell_backward": Cases(
        [cell_backward_textbook, cell_backward_means, cell_backward_per_example],
        [
            Wrong("forgot the tanh slope", cell_no_slope, "the tanh's slope is missing"),
            Wrong("slope of a_prev", cell_slope_of_a_prev, "not from `a_prev`"),
            Wrong("tanh applied twice", cell_tanh_twice, "with no second `np.tanh`"),
            Wrong("slope without the square", cell_slope_without_square, "the square is missing"),
            Wrong("a_next in dWaa (a instead of a_prev)", cell_a_next_in_dWaa, "not `a_next`"),
            Wrong("not averaged over m", cell_not_averaged, "not averaged over the m sequences"),
            Wrong("dx_t and da_prev averaged", cell_inputs_averaged, "must not be divided by m"),
            Wrong("keepdims lost in dba", cell_keepdims_lost, "keepdims=True"),
            Wrong("dba over axis 0", cell_dba_over_axis_0, "instead of axis 1"),
            Wrong("Wax not transposed", cell_Wax_not_transposed, "shapes do not fit together", "your code raised"),
            Wrong("dWax transposed", cell_dWax_transposed, "it is transposed"),
            Wrong("sign flipped", cell_sign_flipped, "the sign is flipped"),
            Wrong("a tuple, not a dict", cell_tuple, "`grads` must be a dict"),
            Wrong("other key names", cell_other_key_names, "`grads` has no key 'dx_t'"),
        ],
    ),
    "rnn_backward": Cases(
        [backward_textbook, backward_lists, backward_enumerate],
        [
            Wrong("time loop not reversed", backward_forwards_in_time, "the loop runs forwards in time"),
            Wrong(
                "da_next not accumulated with dA[:, :, t]",
                backward_not_accumulated,
                "add the gradient coming back from the next step",
            ),  # fmt: skip
            Wrong("dA only at the last step", backward_dA_at_the_end_only, "only the last step gets `dA`"),
            Wrong("dWaa not summed over time", backward_overwritten, "their gradients are the *sum* over the steps"),
            Wrong("averaged over T", backward_mean_over_time, "averaged over the T steps"),
            Wrong("averaged over m twice", backward_averaged_twice, "divided by m twice"),
            Wrong("not averaged over m", backward_not_averaged, "not averaged over the m sequences"),
            Wrong("keepdims lost in dba", backward_keepdims_lost, "keepdims=True"),
            Wrong("caches reversed in place", backward_reverses_the_caches, "changed its argument `caches` in place"),
            Wrong("caches popped", backward_pops_the_caches, "its length 6 became 0"),
            Wrong("float64 zeros for float32 input", backward_float64_zeros, "but must be float32, like the input"),
            Wrong("dX in reversed order", backward_dX_mirrored, "stored in reversed order"),
            Wrong(
                "da0 before the first step's backward",
                backward_da0_before_the_cell,
                "`da0` is the gradient for the first state",
            ),  # fmt: skip
        ],
    ),
    "clip_gradients": Cases(
        [clip_textbook, clip_concatenated, clip_math_loop],
        [
            Wrong("per-array norm", clip_per_array, "each array is clipped by its own norm"),
            Wrong("clipping by value", clip_by_value, "clipping by value"),
            Wrong("input changed in place", clip_in_place, "changed its argument `grads` in place"),
            Wrong("always scaled", clip_always, "scaled even when their norm is below `max_norm`"),
            Wrong("no square root", clip_no_sqrt, "`np.sqrt(...)` is missing"),
            Wrong("L1 norm", clip_l1, "that norm adds absolute values"),
            Wrong("condition inverted", clip_condition_inverted, "the condition is the wrong way round"),
            Wrong("unit norm", clip_to_unit_norm, "gives the gradients a norm of 1"),
            Wrong("factor upside down", clip_upside_down, "the factor is upside down"),
            Wrong("last array's norm only", clip_last_norm_only, "the norm counts only the last gradient"),
            Wrong("mean of squares", clip_mean_of_squares, "not their mean"),
            Wrong("a list, not a dict", clip_list, "must be a dict"),
            Wrong("float32 made float64", clip_float64, "but must be float32, like the input"),
        ],
    ),
}
