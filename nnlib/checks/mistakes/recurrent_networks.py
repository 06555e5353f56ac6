"""Known mistakes of lesson 19, Recurrent networks: `rnn_forward`, `rnn_cell_backward`, `rnn_backward`,
`clip_gradients`.

The learner imports lesson 17's `rnn_cell_forward` from nnlib and calls their own `rnn_cell_backward` in
`rnn_backward`; these wrong answers call nnlib's, so that each holds exactly one mistake.
"""

from __future__ import annotations

import numpy as np

from nnlib.checks.exercise import Mistake
from nnlib.recurrent import rnn_cell_backward, rnn_cell_forward

# --- rnn_forward ---------------------------------------------------------------------------------


def _unrolled(X, a0, parameters, step):
    """A forward loop over t = 0 .. T - 1 whose body ``step(t, a, A, Y_hat, caches) -> a_next`` holds one
    learner's mistake; ``A`` and ``Y_hat`` are made as the lesson says."""
    n_a, n_y = parameters["Waa"].shape[0], parameters["Wya"].shape[0]
    m, T = X.shape[1:]
    A, Y_hat, caches = np.zeros((n_a, m, T), X.dtype), np.zeros((n_y, m, T), X.dtype), []
    a = a0
    for t in range(T):
        a = step(t, a, A, Y_hat, caches)
    return A, Y_hat, caches


def _cell_step(X, parameters, t, a, A, Y_hat, caches):
    """The lesson's loop body at step t: the cell on ``X[:, :, t]`` and the state ``a``; the new state."""
    a_next, Y_hat[:, :, t] = rnn_cell_forward(X[:, :, t], a, parameters)
    A[:, :, t] = a_next
    caches.append((a_next, a, X[:, :, t], parameters))
    return a_next


def _states(X, a0, parameters):
    """Every step's ``(a_next, y_t, cache)`` in a list, the state carried right."""
    steps, a = [], a0
    for t in range(X.shape[2]):
        a_next, y_t = rnn_cell_forward(X[:, :, t], a, parameters)
        steps.append((a_next, y_t, (a_next, a, X[:, :, t], parameters)))
        a = a_next
    return steps


def forward_always_a0(X, a0, parameters):
    def step(t, a, A, Y_hat, caches):
        return _cell_step(X, parameters, t, a0, A, Y_hat, caches)  # the state passed to the cell is `a0`

    return _unrolled(X, a0, parameters, step)


def forward_stores_old_state(X, a0, parameters):
    def step(t, a, A, Y_hat, caches):
        a_next, Y_hat[:, :, t] = rnn_cell_forward(X[:, :, t], a, parameters)
        A[:, :, t] = a
        caches.append((a_next, a, X[:, :, t], parameters))
        return a_next

    return _unrolled(X, a0, parameters, step)


def forward_cache_after_update(X, a0, parameters):
    def step(t, a, A, Y_hat, caches):
        a, Y_hat[:, :, t] = rnn_cell_forward(X[:, :, t], a, parameters)
        A[:, :, t] = a
        caches.append((a, a, X[:, :, t], parameters))  # `a` is already the new state
        return a

    return _unrolled(X, a0, parameters, step)


def forward_reversed(X, a0, parameters):
    T = X.shape[2]

    def step(t, a, A, Y_hat, caches):
        return _cell_step(X, parameters, T - 1 - t, a, A, Y_hat, caches)  # from the last step down to the first

    return _unrolled(X, a0, parameters, step)


def forward_float64_zeros(X, a0, parameters):
    n_a, n_y = parameters["Waa"].shape[0], parameters["Wya"].shape[0]
    m, T = X.shape[1:]
    A, Y_hat = np.zeros((n_a, m, T)), np.zeros((n_y, m, T))
    steps = _states(X, a0, parameters)
    for t, (a_next, y_t, _) in enumerate(steps):
        A[:, :, t], Y_hat[:, :, t] = a_next, y_t
    return A, Y_hat, [cache for _, _, cache in steps]


def forward_one_short(X, a0, parameters):
    T = X.shape[2]

    def step(t, a, A, Y_hat, caches):  # the loop was `range(T - 1)`
        return a if t == T - 1 else _cell_step(X, parameters, t, a, A, Y_hat, caches)

    return _unrolled(X, a0, parameters, step)


def forward_starts_at_1(X, a0, parameters):
    def step(t, a, A, Y_hat, caches):  # the loop was `range(1, T)`
        return a if t == 0 else _cell_step(X, parameters, t, a, A, Y_hat, caches)

    return _unrolled(X, a0, parameters, step)


def forward_sigmoid_scores(X, a0, parameters):
    def step(t, a, A, Y_hat, caches):
        a_next, y = rnn_cell_forward(X[:, :, t], a, parameters)
        Y_hat[:, :, t] = 1 / (1 + np.exp(-y))
        A[:, :, t] = a_next
        caches.append((a_next, a, X[:, :, t], parameters))
        return a_next

    return _unrolled(X, a0, parameters, step)


def forward_cache_order(X, a0, parameters):
    A, Y_hat, caches = _stacked(X, a0, parameters)
    return A, Y_hat, [(a_prev, a_next, x_t, p) for a_next, a_prev, x_t, p in caches]


def _stacked(X, a0, parameters):
    """Right, but for the mistakes built on it: the states and scores stacked on the time axis."""
    steps = _states(X, a0, parameters)
    A = np.stack([a_next for a_next, _, _ in steps], axis=2)
    Y_hat = np.stack([y_t for _, y_t, _ in steps], axis=2)
    return A, Y_hat, [cache for _, _, cache in steps]


def forward_no_caches(X, a0, parameters):
    A, Y_hat, _ = _stacked(X, a0, parameters)
    return A, Y_hat


def forward_last_cache_only(X, a0, parameters):
    A, Y_hat, caches = _stacked(X, a0, parameters)
    cache = caches[-1]  # assigned in the loop, appended nowhere
    return A, Y_hat, [cache]


def forward_two_d_slice(X, a0, parameters):
    def step(t, a, A, Y_hat, caches):
        a_next, Y_hat[:, :, t] = rnn_cell_forward(X[:, t], a, parameters)
        A[:, :, t] = a_next
        caches.append((a_next, a, X[:, t], parameters))
        return a_next

    return _unrolled(X, a0, parameters, step)


def forward_shape_unpacked_wrongly(X, a0, parameters):
    n_x, T, m = X.shape  # the order is (n_x, m, T)
    n_a, n_y = parameters["Waa"].shape[0], parameters["Wya"].shape[0]
    A, Y_hat, caches = np.zeros((n_a, m, T), X.dtype), np.zeros((n_y, m, T), X.dtype), []
    a = a0
    for t in range(T):
        a_next, y_t = rnn_cell_forward(X[:, :, t], a, parameters)
        A[:, :, t], Y_hat[:, :, t] = a_next, y_t
        caches.append((a_next, a, X[:, :, t], parameters))
        a = a_next
    return A, Y_hat, caches


def forward_examples_first(X, a0, parameters):
    n_a, n_y = parameters["Waa"].shape[0], parameters["Wya"].shape[0]
    m, T = X.shape[1:]
    A, Y_hat = np.zeros((m, n_a, T), X.dtype), np.zeros((n_y, m, T), X.dtype)  # A with one row per sequence
    steps = _states(X, a0, parameters)
    for t, (a_next, y_t, _) in enumerate(steps):
        A[:, :, t], Y_hat[:, :, t] = a_next.T, y_t
    return A, Y_hat, [cache for _, _, cache in steps]


def forward_time_in_the_middle(X, a0, parameters):
    n_a, n_y = parameters["Waa"].shape[0], parameters["Wya"].shape[0]
    m, T = X.shape[1:]
    A, Y_hat = np.zeros((n_a, T, m), X.dtype), np.zeros((n_y, T, m), X.dtype)
    steps = _states(X, a0, parameters)
    for t, (a_next, y_t, _) in enumerate(steps):
        A[:, t, :], Y_hat[:, t, :] = a_next, y_t
    return A, Y_hat, [cache for _, _, cache in steps]


def forward_stacked_on_axis_0(X, a0, parameters):
    steps = _states(X, a0, parameters)
    A = np.stack([a_next for a_next, _, _ in steps])
    Y_hat = np.stack([y_t for _, y_t, _ in steps])
    return A, Y_hat, [cache for _, _, cache in steps]


def forward_lists(X, a0, parameters):
    steps = _states(X, a0, parameters)
    A = [a_next for a_next, _, _ in steps]
    Y_hat = [y_t for _, y_t, _ in steps]
    return A, Y_hat, [cache for _, _, cache in steps]


def forward_cache_without_parameters(X, a0, parameters):
    A, Y_hat, caches = _stacked(X, a0, parameters)
    return A, Y_hat, [(a_next, a_prev, x_t) for a_next, a_prev, x_t, _ in caches]


def forward_whole_X_in_cache(X, a0, parameters):
    A, Y_hat, caches = _stacked(X, a0, parameters)
    return A, Y_hat, [(a_next, a_prev, X, p) for a_next, a_prev, _, p in caches]


# --- rnn_cell_backward ---------------------------------------------------------------------------


def _cell(da_next, cache, slope=None, state=None, m=None, dba=None, dWax=None, dx_t=None):
    """The backward step of the lesson, with one part replaced by a learner's mistake:
    ``slope(a_next, a_prev)``, the state in ``dWaa``, ``m``, ``dba(dz)``, ``dWax(dz, x_t)``, ``dx_t(Wax, dz)``."""
    a_next, a_prev, x_t, p = cache
    m = x_t.shape[1] if m is None else m
    dz = da_next * (1 - a_next**2 if slope is None else slope(a_next, a_prev))
    return {
        "dx_t": p["Wax"].T @ dz if dx_t is None else dx_t(p["Wax"], dz),
        "da_prev": p["Waa"].T @ dz,
        "dWax": (dz @ x_t.T if dWax is None else dWax(dz, x_t)) / m,
        "dWaa": dz @ (a_prev if state is None else state).T / m,
        "dba": (np.sum(dz, axis=1, keepdims=True) if dba is None else dba(dz)) / m,
    }


def cell_no_slope(da_next, cache):
    return _cell(da_next, cache, slope=lambda a_next, a_prev: 1.0)


def cell_slope_of_a_prev(da_next, cache):
    return _cell(da_next, cache, slope=lambda a_next, a_prev: 1 - a_prev**2)


def cell_tanh_twice(da_next, cache):
    return _cell(da_next, cache, slope=lambda a_next, a_prev: 1 - np.tanh(a_next) ** 2)


def cell_slope_without_square(da_next, cache):
    return _cell(da_next, cache, slope=lambda a_next, a_prev: 1 - a_next)


def cell_sign_flipped(da_next, cache):
    return _cell(da_next, cache, slope=lambda a_next, a_prev: a_next**2 - 1)


def cell_a_next_in_dWaa(da_next, cache):
    return _cell(da_next, cache, state=cache[0])


def cell_not_averaged(da_next, cache):
    return _cell(da_next, cache, m=1)


def cell_inputs_averaged(da_next, cache):
    grads = _cell(da_next, cache)
    m = cache[2].shape[1]
    grads["dx_t"] = grads["dx_t"] / m
    grads["da_prev"] = grads["da_prev"] / m
    return grads


def cell_keepdims_lost(da_next, cache):
    return _cell(da_next, cache, dba=lambda dz: np.sum(dz, axis=1))


def cell_dba_over_axis_0(da_next, cache):
    return _cell(da_next, cache, dba=lambda dz: np.sum(dz, axis=0, keepdims=True))


def cell_Wax_not_transposed(da_next, cache):
    return _cell(da_next, cache, dx_t=lambda Wax, dz: Wax @ dz)


def cell_dWax_transposed(da_next, cache):
    return _cell(da_next, cache, dWax=lambda dz, x_t: x_t @ dz.T)


def cell_unpacks_a_prev_first(da_next, cache):
    a_prev, a_next, x_t, parameters = cache
    return _cell(da_next, (a_next, a_prev, x_t, parameters))


def cell_scales_da_next_in_place(da_next, cache):
    da_next *= 1 - cache[0] ** 2  # the caller's array becomes dz
    return _cell(da_next, cache, slope=lambda a_next, a_prev: 1.0)


def cell_tuple(da_next, cache):
    grads = _cell(da_next, cache)
    return grads["dx_t"], grads["da_prev"], grads["dWax"], grads["dWaa"], grads["dba"]


def cell_other_key_names(da_next, cache):
    grads = _cell(da_next, cache)
    return {"dxt": grads["dx_t"], "daprev": grads["da_prev"], **{k: grads[k] for k in ("dWax", "dWaa", "dba")}}


# --- rnn_backward --------------------------------------------------------------------------------

_WEIGHTS = ("dWax", "dWaa", "dba")


def _bptt(dA, caches, body, order=None, zeros=None, start=None):
    """A backward loop (t = T - 1 .. 0 unless ``order``) whose body ``body(t, da_prev, totals, dX) -> da_prev``
    holds one learner's mistake; ``zeros(shape)`` makes ``dX`` (with ``dA``'s dtype unless given), ``start``
    is the first ``da_prev`` (zeros unless given)."""
    n_a, m, T = dA.shape
    p = caches[0][3]
    dX = (zeros or (lambda shape: np.zeros(shape, dtype=dA.dtype)))((p["Wax"].shape[1], m, T))
    totals = {"dWax": np.zeros_like(p["Wax"]), "dWaa": np.zeros_like(p["Waa"]), "dba": np.zeros_like(p["ba"])}
    da_prev = np.zeros((n_a, m), dtype=dA.dtype) if start is None else start
    for t in reversed(range(T)) if order is None else order:
        da_prev = body(t, da_prev, totals, dX)
    return {"dX": dX, "da0": da_prev, **totals}


def _add(totals, step):
    for key in totals:
        totals[key] += step[key]


def _step(dA, cache, t, da_prev, totals, dX, da_next=None):
    """The lesson's loop body at step t, on ``cache`` (``da_next`` the gradient into the step, when not the
    right one)."""
    step = rnn_cell_backward(dA[:, :, t] + da_prev if da_next is None else da_next, cache)
    _add(totals, step)
    dX[:, :, t] = step["dx_t"]
    return step["da_prev"]


def _right(dA, caches):
    """Backpropagation through time as the lesson writes it, for the mistakes made after it."""
    return _bptt(dA, caches, lambda t, da_prev, totals, dX: _step(dA, caches[t], t, da_prev, totals, dX))


def backward_forwards_in_time(dA, caches):
    def body(t, da_prev, totals, dX):
        return _step(dA, caches[t], t, da_prev, totals, dX)

    return _bptt(dA, caches, body, order=range(dA.shape[2]))


def backward_stops_before_step_0(dA, caches):
    def body(t, da_prev, totals, dX):
        return _step(dA, caches[t], t, da_prev, totals, dX)

    return _bptt(dA, caches, body, order=range(dA.shape[2] - 1, 0, -1))


def backward_not_accumulated(dA, caches):
    def body(t, da_prev, totals, dX):
        return _step(dA, caches[t], t, da_prev, totals, dX, da_next=dA[:, :, t])

    return _bptt(dA, caches, body)


def backward_dA_at_the_end_only(dA, caches):
    T = dA.shape[2]

    def body(t, da_prev, totals, dX):
        return _step(dA, caches[t], t, da_prev, totals, dX, da_next=dA[:, :, t] if t == T - 1 else da_prev)

    return _bptt(dA, caches, body)


def backward_double_counts_the_last_step(dA, caches):
    def body(t, da_prev, totals, dX):
        return _step(dA, caches[t], t, da_prev, totals, dX)

    return _bptt(dA, caches, body, start=dA[:, :, -1])  # `da_prev = dA[:, :, T - 1]` before the loop


def backward_overwritten(dA, caches):
    def body(t, da_prev, totals, dX):
        step = rnn_cell_backward(dA[:, :, t] + da_prev, caches[t])
        totals.update({key: step[key] for key in totals})  # `dWaa = step["dWaa"]`: the last step's only
        dX[:, :, t] = step["dx_t"]
        return step["da_prev"]

    return _bptt(dA, caches, body)


def backward_mean_over_time(dA, caches):
    grads = _right(dA, caches)
    T = dA.shape[2]
    return {key: value / T if key in _WEIGHTS else value for key, value in grads.items()}


def backward_averaged_twice(dA, caches):
    grads = _right(dA, caches)
    m = dA.shape[1]
    return {key: value / m if key in _WEIGHTS else value for key, value in grads.items()}


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
    caches.reverse()  # to walk the list from the last step: the caller's list itself
    T = dA.shape[2]

    def body(t, da_prev, totals, dX):
        return _step(dA, caches[T - 1 - t], t, da_prev, totals, dX)

    return _bptt(dA, caches, body)


def backward_pops_the_caches(dA, caches):
    def body(t, da_prev, totals, dX):
        return _step(dA, caches.pop(), t, da_prev, totals, dX)  # the last cache, taken off the caller's list

    return _bptt(dA, caches, body)  # (it reads the parameters from `caches[0]` before the loop)


def backward_adds_into_dA(dA, caches):
    def body(t, da_prev, totals, dX):
        dA[:, :, t] += da_prev  # the caller's dA now holds each state's total gradient
        return _step(dA, caches[t], t, 0, totals, dX)

    return _bptt(dA, caches, body)


def backward_float64_zeros(dA, caches):
    def body(t, da_prev, totals, dX):
        return _step(dA, caches[t], t, da_prev, totals, dX)

    return _bptt(dA, caches, body, zeros=np.zeros)


def backward_dX_by_loop_counter(dA, caches):
    T = dA.shape[2]

    def body(i, da_prev, totals, dX):  # `for i in range(T): t = T - 1 - i`
        t = T - 1 - i
        step = rnn_cell_backward(dA[:, :, t] + da_prev, caches[t])
        _add(totals, step)
        dX[:, :, i] = step["dx_t"]
        return step["da_prev"]

    return _bptt(dA, caches, body, order=range(T))


def backward_dX_left_zero(dA, caches):
    def body(t, da_prev, totals, dX):
        step = rnn_cell_backward(dA[:, :, t] + da_prev, caches[t])
        _add(totals, step)  # and `dX[:, :, t] = step["dx_t"]` forgotten
        return step["da_prev"]

    return _bptt(dA, caches, body)


def backward_da0_into_the_first_step(dA, caches):
    into = {}

    def body(t, da_prev, totals, dX):
        into["da_next"] = dA[:, :, t] + da_prev
        return _step(dA, caches[t], t, da_prev, totals, dX)

    grads = _bptt(dA, caches, body)
    grads["da0"] = into["da_next"]  # `da0 = da_next`: the gradient that went into the first step
    return grads


# --- clip_gradients ------------------------------------------------------------------------------


def _global_norm(grads):
    return np.sqrt(sum(np.sum(g**2) for g in grads.values()))


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
    norm = _global_norm(grads)
    if norm > max_norm:
        for g in grads.values():
            g *= max_norm / norm
    return grads


def clip_always(grads, max_norm):
    norm = _global_norm(grads)
    return _scaled(grads, max_norm / norm if norm > 0 else 1.0)


def clip_no_sqrt(grads, max_norm):
    norm = sum(np.sum(g**2) for g in grads.values())
    return _scaled(grads, max_norm / norm if norm > max_norm else 1.0)


def clip_l1(grads, max_norm):
    norm = sum(np.sum(np.abs(g)) for g in grads.values())
    return _scaled(grads, max_norm / norm if norm > max_norm else 1.0)


def clip_sum_of_norms(grads, max_norm):
    norm = sum(np.linalg.norm(g) for g in grads.values())
    return _scaled(grads, max_norm / norm if norm > max_norm else 1.0)


def clip_condition_inverted(grads, max_norm):
    norm = _global_norm(grads)
    return _scaled(grads, max_norm / norm if 0 < norm < max_norm else 1.0)


def clip_to_unit_norm(grads, max_norm):
    norm = _global_norm(grads)
    return _scaled(grads, 1 / norm if norm > max_norm else 1.0)


def clip_upside_down(grads, max_norm):
    norm = _global_norm(grads)
    return _scaled(grads, norm / max_norm if norm > max_norm else 1.0)


def clip_last_norm_only(grads, max_norm):
    for g in grads.values():
        norm = np.sqrt(np.sum(g**2))  # overwritten by every array: the last one's norm remains
    return _scaled(grads, max_norm / norm if norm > max_norm else 1.0)


def clip_mean_of_squares(grads, max_norm):
    norm = np.sqrt(sum(np.mean(g**2) for g in grads.values()))
    return _scaled(grads, max_norm / norm if norm > max_norm else 1.0)


def clip_min_of_factor(grads, max_norm):
    return _scaled(grads, min(1.0, max_norm / _global_norm(grads)))


def clip_returns_grads_below_the_limit(grads, max_norm):
    norm = _global_norm(grads)
    if norm <= max_norm:
        return grads
    return _scaled(grads, max_norm / norm)


def clip_list(grads, max_norm):
    norm = _global_norm(grads)
    return [g * (max_norm / norm if norm > max_norm else 1.0) for g in grads.values()]


def clip_float64(grads, max_norm):
    norm = _global_norm(grads)
    return {key: g.astype(float) * (max_norm / norm if norm > max_norm else 1.0) for key, g in grads.items()}


_SHAPES = "shapes do not fit together"
_FLOAT32 = "but must be float32, like the input"
_KEEPDIMS = (
    "`np.sum(dz, axis=1)` drops the summed axis; `keepdims=True` keeps `dba` a column (n_a, 1), like `ba`: "
    "`np.sum(dz, axis=1, keepdims=True) / m`"
)

MISTAKES = {
    "rnn_forward": (
        Mistake(
            forward_always_a0,
            "every step starts from `a0`: each step must start from the state the step before returned "
            "(`a_prev = a_next` before calling the cell)",
        ),
        Mistake(
            forward_stores_old_state,
            "`A[:, :, t]` holds the state *before* step t; store the state the step returns, `a_next`",
        ),
        Mistake(
            forward_cache_after_update,
            "the cache's second entry is the new state again; it must be the state the step started from, "
            "`a_prev` (when one name holds the state, the cell's result overwrote it before the cache was built: "
            "keep `a_prev = a_next` before calling the cell)",
        ),
        Mistake(
            forward_reversed, "the steps run backwards in time; the forward pass reads the sequence from t = 0 to T - 1"
        ),
        Mistake(forward_float64_zeros, _FLOAT32, shown_by="dtype"),
        Mistake(forward_one_short, "the loop stops one step early: `range(T)` visits every step, t = 0 .. T - 1"),
        Mistake(
            forward_starts_at_1,
            "the loop starts at t = 1: in code the steps are numbered from 0, so `range(T)` visits t = 0 .. T - 1",
        ),
        Mistake(
            forward_sigmoid_scores,
            "`Y_hat` holds the scores `Wya @ a_next + by` as the cell returns them, with no sigmoid on them",
        ),
        Mistake(
            forward_cache_order,
            "the cache's first two entries are swapped: a step's cache is `(a_next, a_prev, x_t, parameters)`",
        ),
        Mistake(
            forward_no_caches,
            "the caches are missing: return all three, `A, Y_hat, caches` (the backward pass reads them)",
        ),
        Mistake(
            forward_last_cache_only,
            "`caches` holds only the last step's cache: `caches.append(...)` inside the loop keeps one cache per step",
        ),
        Mistake(forward_two_d_slice, _SHAPES, shown_by="raises", outcome="your code raised"),
        Mistake(forward_shape_unpacked_wrongly, _SHAPES, shown_by="raises", outcome="your code raised"),
        Mistake(
            forward_examples_first,
            "`A` has one row per sequence; in this course the examples are columns and time is last: `A` is "
            "(n_a, m, T), `A[:, :, t] = a_next`",
        ),
        Mistake(
            forward_time_in_the_middle,
            "the steps are on axis 1; time is the last axis: `A` is (n_a, m, T) and `Y_hat` (n_y, m, T), "
            "step t in `A[:, :, t]`",
        ),
        Mistake(
            forward_stacked_on_axis_0,
            "`np.stack(states)` puts the steps on axis 0; time is the last axis: `np.stack(states, axis=2)`",
        ),
        Mistake(
            forward_lists,
            "`A` and `Y_hat` are lists of the T steps' arrays; they must be arrays with time last, (n_a, m, T) and "
            "(n_y, m, T): `np.stack(states, axis=2)` (`np.array(states)` would put time first)",
        ),
        Mistake(
            forward_cache_without_parameters,
            "a step's cache holds four things, `(a_next, a_prev, x_t, parameters)`: the parameters are missing "
            "(the backward step reads `Wax` and `Waa` from them)",
        ),
        Mistake(
            forward_whole_X_in_cache,
            "the cache's third entry is the whole sequence `X`; it must be this step's input, `X[:, :, t]`",
        ),
    ),
    "rnn_cell_backward": (
        Mistake(cell_no_slope, "the tanh's slope is missing: first `dz = da_next * (1 - a_next ** 2)`"),
        Mistake(
            cell_slope_of_a_prev,
            "the tanh's slope comes from this step's output, `1 - a_next ** 2`, not from `a_prev`",
        ),
        Mistake(
            cell_tanh_twice,
            "`a_next` is already tanh's output: its slope is `1 - a_next ** 2`, with no second `np.tanh`",
        ),
        Mistake(cell_slope_without_square, "the tanh's slope is `1 - a_next ** 2`: the square is missing"),
        Mistake(
            cell_sign_flipped,
            "`a_next ** 2 - 1` is minus the tanh's slope: it flips the sign of every gradient; the slope is "
            "`1 - a_next ** 2`",
        ),
        Mistake(
            cell_a_next_in_dWaa,
            "`dWaa` multiplies `dz` by the state the step *read*: `dz @ a_prev.T / m`, not `a_next`",
        ),
        Mistake(
            cell_not_averaged,
            "the weights' gradients are not averaged over the m sequences: divide `dWax`, `dWaa` and `dba` by m",
        ),
        Mistake(
            cell_inputs_averaged,
            "`dx_t` and `da_prev` must not be divided by m: they stay per example (only the weights' gradients "
            "average)",
        ),
        Mistake(cell_keepdims_lost, _KEEPDIMS),
        Mistake(
            cell_dba_over_axis_0,
            "`dba` was summed over axis 0 (the units); sum over the sequences, which are columns: "
            "`np.sum(dz, axis=1, keepdims=True) / m`",
        ),
        Mistake(cell_Wax_not_transposed, _SHAPES, shown_by="raises", outcome="your code raised"),
        Mistake(
            cell_dWax_transposed,
            "`x_t @ dz.T` is the transpose of `dWax`; a gradient has its weight's shape (n_a, n_x): "
            "`dWax = dz @ x_t.T / m`",
        ),
        Mistake(
            cell_unpacks_a_prev_first,
            "the cache is `(a_next, a_prev, x_t, parameters)`: unpack it in that order, "
            "`a_next, a_prev, x_t, parameters = cache`",
        ),
        Mistake(cell_scales_da_next_in_place, "changed its argument `da_next` in place", shown_by="mutation"),
        Mistake(
            cell_tuple,
            "return a dict of the five gradients by name, `{'dx_t': ..., 'da_prev': ..., 'dWax': ..., "
            "'dWaa': ..., 'dba': ...}`, not a tuple",
        ),
        Mistake(
            cell_other_key_names,
            "the keys are the exercise's names, with underscores: `'dx_t'` and `'da_prev'`",
        ),
    ),
    "rnn_backward": (
        Mistake(
            backward_forwards_in_time,
            "the loop runs forwards in time; backpropagation through time starts at the last step: "
            "`for t in reversed(range(T))`",
        ),
        Mistake(
            backward_stops_before_step_0,
            "the loop stops before step 0: `range(T - 1, 0, -1)` leaves out t = 0; `reversed(range(T))` (or "
            "`range(T - 1, -1, -1)`) visits every step",
        ),
        Mistake(
            backward_not_accumulated,
            "each step uses only `dA[:, :, t]`: add the gradient coming back from the next step, "
            "`rnn_cell_backward(dA[:, :, t] + da_prev, caches[t])`",
        ),
        Mistake(
            backward_dA_at_the_end_only,
            "only the last step gets `dA`: every step's state also feeds its own output, so add "
            "`dA[:, :, t]` at every step",
        ),
        Mistake(
            backward_double_counts_the_last_step,
            "`da_prev` starts as `dA[:, :, T - 1]`, so the last step's `dA` is counted twice; nothing comes back "
            "from after the last step: start from `da_prev = np.zeros((n_a, m))`",
        ),
        Mistake(
            backward_overwritten,
            "the weights' gradients are overwritten at each step: the weights are shared by every step, so their "
            "gradients are the *sum* over the steps, `dWaa += step['dWaa']`",
        ),
        Mistake(
            backward_mean_over_time,
            "the weights' gradients are averaged over the T steps; they are the sum over the steps (the cost adds "
            "the steps' losses)",
        ),
        Mistake(
            backward_averaged_twice,
            "the weights' gradients are divided by m twice: `rnn_cell_backward` already averages over the m "
            "sequences; just add the steps' gradients",
        ),
        Mistake(
            backward_not_averaged,
            "the weights' gradients are not averaged over the m sequences: each step's `dz @ x_t.T`, "
            "`dz @ a_prev.T` and sum of `dz` need `/ m`, as in `rnn_cell_backward`",
        ),
        Mistake(backward_keepdims_lost, _KEEPDIMS),
        Mistake(backward_reverses_the_caches, "changed its argument `caches` in place", shown_by="mutation"),
        Mistake(backward_pops_the_caches, "its length 6 became 0", shown_by="mutation"),
        Mistake(backward_adds_into_dA, "changed its argument `dA` in place", shown_by="mutation"),
        Mistake(backward_float64_zeros, _FLOAT32, shown_by="dtype"),
        Mistake(
            backward_dX_by_loop_counter,
            "the steps' input gradients are in reversed order: `dX[:, :, t]` must hold the `dx_t` of step t, "
            "not of the loop's i-th pass, which starts from the last step (a list of them, built backwards, "
            "needs reversing before `np.stack`)",
        ),
        Mistake(
            backward_dX_left_zero,
            "`dX` stays all zeros: store each step's input gradient, `dX[:, :, t] = step['dx_t']`",
        ),
        Mistake(
            backward_da0_into_the_first_step,
            "`da0` is the gradient for the first state, `a0`: the `da_prev` that the first step's backward "
            "returns, not the gradient that went into that step",
        ),
    ),
    "clip_gradients": (
        Mistake(
            clip_per_array,
            "each array is clipped by its own norm; clip by the global norm of all of them together, so that "
            "every gradient shrinks by the same factor and the step keeps its direction",
        ),
        Mistake(
            clip_by_value,
            "that clips each entry to [−max_norm, max_norm] (clipping by value), which changes the step's "
            "direction; scale every gradient by `max_norm / norm` instead",
        ),
        Mistake(clip_in_place, "changed its argument `grads` in place", shown_by="mutation"),
        Mistake(
            clip_always,
            "the gradients are scaled even when their norm is below `max_norm` (small gradients grew); scale only "
            "when `norm > max_norm`",
        ),
        Mistake(clip_no_sqrt, "the norm is the *square root* of the sum of squares: `np.sqrt(...)` is missing"),
        Mistake(clip_l1, "that norm adds absolute values; the global norm is the square root of the sum of squares"),
        Mistake(
            clip_sum_of_norms,
            "adding the arrays' norms overstates the global norm; add up the squares of every entry of every "
            "array, then take one square root",
        ),
        Mistake(
            clip_condition_inverted,
            "the condition is the wrong way round: scale when `norm > max_norm`, and leave the gradients alone below",
        ),
        Mistake(
            clip_to_unit_norm,
            "dividing by the norm gives the gradients a norm of 1; multiply by `max_norm / norm` to give them a "
            "norm of `max_norm`",
        ),
        Mistake(
            clip_upside_down,
            "the factor is upside down: multiply by `max_norm / norm` (less than 1 when clipping), "
            "not `norm / max_norm`",
        ),
        Mistake(
            clip_last_norm_only,
            "the norm is the last array's alone (a `norm = ...` inside the loop keeps only the last one): add up "
            "the squares of every array, then take one square root",
        ),
        Mistake(clip_mean_of_squares, "the norm adds the squares of every entry (`np.sum`), not their mean"),
        Mistake(clip_min_of_factor, "compute `max_norm / norm` only when `norm > max_norm`", shown_by="warning"),
        Mistake(
            clip_returns_grads_below_the_limit,
            "it returned the dict `grads` itself",
            shown_by="property",
        ),
        Mistake(
            clip_list,
            "return a dict with the same keys as `grads`, `{key: g * scale for key, g in grads.items()}`, not a list",
        ),
        Mistake(clip_float64, _FLOAT32, shown_by="dtype"),
    ),
}
