"""Lesson 19: rnn_forward, rnn_cell_backward, rnn_backward, clip_gradients: right answers written differently.

The wrong answers are in the catalogue, nnlib/checks/mistakes/recurrent_networks.py.
"""

import math

import numpy as np

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


CORRECT = {
    "rnn_forward": [forward_textbook, forward_stacked, forward_own_cell],
    "rnn_cell_backward": [cell_backward_textbook, cell_backward_means, cell_backward_per_example],
    "rnn_backward": [backward_textbook, backward_lists, backward_enumerate],
    "clip_gradients": [clip_textbook, clip_concatenated, clip_math_loop],
}
