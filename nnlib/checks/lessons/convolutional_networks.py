"""Lesson 18, Convolutional networks: `conv_forward`, `conv_backward`, `max_pool_forward`, `max_pool_backward`.

Conventions the lesson states and these checks hold: images ``(m, C, H, W)``, filters
``(F, C, kh, kw)``, biases ``(F, 1, 1)``; stride 1; zero padding of ``pad`` on both sides of the rows
and columns only; no flip (a cross-correlation); float32 in, float32 out. The caches are
``(A_prev, W, b, pad)`` and ``(A, size)``. Gradients as in ``linear_backward``: ``dZ``, ``dA_prev``,
``dP`` and ``dA`` per example, ``dW`` and ``db`` averaged over the m examples; ``db`` has the bias's
shape ``(F, 1, 1)``. Pooling blocks do not overlap; rows and columns that do not fill a block are
left out (their gradient is 0); on ties the gradient goes to the first maximum in row-major order.
"""

from __future__ import annotations

import numpy as np

from nnlib import conv, gradcheck
from nnlib.checks.diagnose import describe, same
from nnlib.checks.exercise import Case, Exercise
from nnlib.checks.expect import (
    Failure,
    expect_array,
    expect_finite_differences,
    expect_in_order,
    expect_sequence,
)

# --- shared pieces -------------------------------------------------------------------------------


def _expect_cache(cache, expected, names: str, cause: str) -> None:
    """``cache`` must hold the same items as ``expected``, the reference's cache ``names``."""
    if not isinstance(cache, (tuple, list)) or len(cache) != len(expected):
        raise Failure(
            f"the cache must be the tuple {names}",
            received=describe(cache),
            cause=cause,
        )
    for item, wanted, name in zip(cache, expected, names.strip("()").split(", ")):
        if not same(item, wanted, rtol=0, atol=0):
            raise Failure(
                f"the cache's `{name}` is not the `{name}` the function was given",
                expected=describe(wanted),
                received=describe(item),
                cause=cause,
            )


# --- conv_forward --------------------------------------------------------------------------------


def _compare_conv_forward(received, expected, case: Case) -> None:
    Z, cache = expect_sequence(received, ("Z", "cache"), "(Z, cache)")
    expect_array(Z, expected[0], "Z", rtol=case.rtol, atol=case.atol, same_dtype=True)
    _expect_cache(
        cache,
        expected[1],
        "(A_prev, W, b, pad)",
        "the cache keeps the layer's inputs as they came, the images unpadded: `return Z, (A_prev, W, b, pad)`",
    )


def _conv_inputs(rng, m, C, H, W, F, kh, kw, dtype=np.float64):
    A_prev = rng.normal(size=(m, C, H, W)).astype(dtype)
    return A_prev, rng.normal(size=(F, C, kh, kw)).astype(dtype), rng.normal(size=(F, 1, 1)).astype(dtype)


def _tolerance(dtype) -> dict:
    return {"rtol": 1e-5, "atol": 1e-5} if dtype == np.float32 else {"atol": 1e-10}


def _conv_case(rng, name, m, C, H, W, F, kh, kw, pad, dtype=np.float64) -> Case:
    return Case(name, (*_conv_inputs(rng, m, C, H, W, F, kh, kw, dtype), pad), **_tolerance(dtype))


_RNG_FORWARD = np.random.default_rng(181)

# First a single channel with padding: there the padding's familiar mistakes still run, so their
# outputs (not a broadcasting error) name them.
_CONV_SHAPES = (
    ("one channel (C = 1), 2 filters 3×3, 5×6 images, pad = 1", 2, 1, 5, 6, 2, 3, 3, 1),
    ("3 images, 2 channels, 4 filters 3×3, 5×5 images, pad = 0", 3, 2, 5, 5, 4, 3, 3, 0),
    ("pad = 2, a 2×3 filter (not square), 4×5 images, C = 3, F = 2", 2, 3, 4, 5, 2, 2, 3, 2),
    ("one image (m = 1), one channel, one filter 2×2, pad = 1", 1, 1, 4, 4, 1, 2, 2, 1),
    ("a 1×1 filter: F = 3 mixtures of C = 4 channels", 2, 4, 3, 3, 3, 1, 1, 0),
    ("the digits' layer: 4 digits 8×8, 8 filters 3×3, pad = 1", 4, 1, 8, 8, 8, 3, 3, 1),
)

CONV_FORWARD = Exercise(
    "conv_forward",
    reference=conv.conv_forward,
    hints=(
        "Pad first, then slide: `A_pad` holds `pad` rows and columns of zeros around every image (not around "
        "the examples or the channels). Each output `Z[n, f, i, j]` is the window of `A_pad` at (i, j), across "
        "all channels, times filter `W[f]`, summed, plus `b[f]`.",
        "`np.pad(A_prev, ((0, 0), (0, 0), (pad, pad), (pad, pad)))` pads only the rows and columns. The output "
        "has `H_out = H + 2 * pad - kh + 1` rows and `W_out = W + 2 * pad - kw + 1` columns; make it with "
        "`np.zeros((m, F, H_out, W_out), dtype=A_prev.dtype)` so float32 stays float32.",
        "Loop `for i in range(H_out): for j in range(W_out):` take `window = A_pad[:, :, i:i + kh, j:j + kw]` "
        "(every image at once); then `for f in range(F): Z[:, f, i, j] = np.sum(window * W[f], axis=(1, 2, 3)) "
        "+ b[f, 0, 0]`. End with `return Z, (A_prev, W, b, pad)`.",
    ),
    cases=(
        *(_conv_case(_RNG_FORWARD, *shape) for shape in _CONV_SHAPES),
        _conv_case(_RNG_FORWARD, "float32 images and filters: Z stays float32", 2, 2, 5, 5, 3, 3, 3, 1, np.float32),
    ),
    compare=_compare_conv_forward,
)

# --- conv_backward -------------------------------------------------------------------------------


def _expect_conv_gradients(received, expected, case: Case) -> None:
    output = expect_sequence(received, ("dA_prev", "dW", "db"), "(dA_prev, dW, db)")
    names = ("dA_prev", "dW", "db")
    expect_in_order(
        output,
        expected,
        names,
        "the three gradients",
        "return them in the order of the layer's inputs: `return dA_prev, dW, db`",
    )
    dA_prev, dW, db = output
    F, pad = expected[1].shape[0], case.args[1][3]
    if isinstance(db, np.ndarray) and db.shape != (F, 1, 1):
        cause = None
        if db.shape in ((F,), (1, F, 1, 1)):  # one entry per filter, in another shape
            cause = "`db` has the bias's shape (F, 1, 1): `np.sum(dZ, axis=(0, 2, 3)).reshape(F, 1, 1) / m`"
        elif db.size != F:
            cause = "`db` has one entry per filter: sum over the examples and the positions, axes 0, 2 and 3"
        raise Failure(
            f"`db` has shape {db.shape} but must have shape {(F, 1, 1)}",
            expected=str((F, 1, 1)),
            received=str(db.shape),
            cause=cause,
        )
    wanted = expected[0].shape
    if isinstance(dA_prev, np.ndarray) and dA_prev.shape != wanted and dA_prev.ndim == 4:
        cause = None
        if dA_prev.shape[2:] == (wanted[2] + 2 * pad, wanted[3] + 2 * pad):
            cause = (
                "this is the gradient of the padded images: cut the padding off, "
                "`dA_pad[:, :, pad:pad + H, pad:pad + W]`"
            )
        elif dA_prev.shape[2:] == (0, 0) and pad == 0:
            cause = "with pad = 0, `pad:-pad` is `0:0`, an empty slice: crop with `pad:pad + H` and `pad:pad + W`"
        raise Failure(
            f"`dA_prev` has shape {dA_prev.shape} but must have shape {wanted}, the shape of `A_prev`",
            expected=str(wanted),
            received=str(dA_prev.shape),
            cause=cause,
        )
    for item, wanted_item, name in zip(output, expected, names):
        expect_array(item, wanted_item, name, rtol=case.rtol, atol=case.atol, m=case.m, same_dtype=True)


def _conv_backward_case(rng, name, m, C, H, W, F, kh, kw, pad, dtype=np.float64) -> Case:
    A_prev, W_, b = _conv_inputs(rng, m, C, H, W, F, kh, kw, dtype)
    Z, cache = conv.conv_forward(A_prev, W_, b, pad)
    return Case(name, (rng.normal(size=Z.shape).astype(dtype), cache), m=m, **_tolerance(dtype))


_RNG_BACKWARD = np.random.default_rng(182)
_CONV_BACKWARD_SHAPES = (
    ("3 images, 2 channels, 4 filters 3×3, 5×5 images, pad = 1", 3, 2, 5, 5, 4, 3, 3, 1),
    ("pad = 0", 2, 2, 5, 6, 3, 3, 3, 0),
    ("pad = 2, a 2×3 filter (not square), 4×5 images, C = 3, F = 2", 2, 3, 4, 5, 2, 2, 3, 2),
    ("one image (m = 1), one channel, one filter 2×2, pad = 1", 1, 1, 4, 4, 1, 2, 2, 1),
    ("the digits' layer: 4 digits 8×8, 8 filters 3×3, pad = 1", 4, 1, 8, 8, 8, 3, 3, 1),
)
_FINITE_DIFFERENCES = _conv_inputs(_RNG_BACKWARD, 2, 2, 4, 5, 3, 3, 2)  # (A_prev, W, b); pad = 1
_UPSTREAM = _RNG_BACKWARD.normal(size=(2, 3, 4, 6))  # dZ of that layer with pad = 1


def _conv_backward_matches_finite_differences(trial) -> None:
    """With the cost J = mean over the examples of sum(Z * G), dZ is G (per example): the gradients must be
    those of J, m * dJ/dA_prev for ``dA_prev`` (per example), dJ/dW and dJ/db."""
    A_prev, W, b = (array.copy() for array in _FINITE_DIFFERENCES)
    m, pad = A_prev.shape[0], 1
    _, cache = conv.conv_forward(A_prev, W, b, pad)
    output = trial.call("finite differences of J = mean of sum(Z * G): m = 2, C = 2, F = 3, 3×2 filters, pad = 1",
                        _UPSTREAM, cache)  # fmt: skip
    dA_prev, dW, db = expect_sequence(output, ("dA_prev", "dW", "db"), "(dA_prev, dW, db)")

    def cost():
        return float(np.sum(conv.conv_forward(A_prev, W, b, pad)[0] * _UPSTREAM) / m)

    expect_finite_differences(dW, gradcheck.numerical_gradient(cost, W), "dW")
    expect_finite_differences(db, gradcheck.numerical_gradient(cost, b), "db")
    expect_finite_differences(dA_prev, m * gradcheck.numerical_gradient(cost, A_prev), "dA_prev")


CONV_BACKWARD = Exercise(
    "conv_backward",
    reference=conv.conv_backward,
    hints=(
        "Go through the same positions and filters as the forward pass. Output `Z[n, f, i, j]` came from one "
        "window and filter `W[f]`, so its gradient `dZ[n, f, i, j]` sends `W[f]` times it back to that window "
        "of `dA_pad`, and the window times it to `dW[f]`. Windows overlap: add (`+=`), never overwrite.",
        "Unpack `A_prev, W, b, pad = cache`; pad `A_prev` as in the forward pass; start `dA_pad` and `dW` at "
        "zeros of their arrays' shapes and dtypes. At the end average the parameters' gradients over the m "
        "examples, as `linear_backward` does (`dW / m`, and `db = np.sum(dZ, axis=(0, 2, 3)).reshape(F, 1, 1) / m`), "
        "keep `dA_prev` per example, and cut the padding off `dA_pad`.",
        "`for i in range(H_out): for j in range(W_out): window = A_pad[:, :, i:i + kh, j:j + kw]; "
        "for f in range(F): dz = dZ[:, f, i, j].reshape(m, 1, 1, 1); dA_pad[:, :, i:i + kh, j:j + kw] += dz * "
        "W[f]; dW[f] += np.sum(dz * window, axis=0)`; then `dA_prev = dA_pad[:, :, pad:pad + H, pad:pad + W]` "
        "(not `pad:-pad`, empty when pad = 0); `return dA_prev, dW / m, db`.",
    ),
    cases=(
        *(_conv_backward_case(_RNG_BACKWARD, *shape) for shape in _CONV_BACKWARD_SHAPES),
        _conv_backward_case(_RNG_BACKWARD, "float32: every gradient stays float32", 2, 2, 5, 5, 3, 3, 3, 1, np.float32),
    ),
    compare=_expect_conv_gradients,
    properties=_conv_backward_matches_finite_differences,
)

# --- max_pool_forward ----------------------------------------------------------------------------


def _compare_pool_forward(received, expected, case: Case) -> None:
    P, cache = expect_sequence(received, ("P", "cache"), "(P, cache)")
    expect_array(P, expected[0], "P", rtol=case.rtol, atol=case.atol, same_dtype=True)
    _expect_cache(
        cache, expected[1], "(A, size)", "the cache keeps the inputs, for the backward step: `return P, (A, size)`"
    )


def _maps(rng, shape, kind="normal", dtype=np.float64):
    """Feature maps for pooling: normal, ReLU outputs (many zeros: blocks with ties), or small integers."""
    if kind == "relu":
        return np.maximum(rng.normal(size=shape) - 0.5, 0).astype(dtype)
    if kind == "integers":
        return rng.integers(0, 3, size=shape).astype(dtype)
    return rng.normal(size=shape).astype(dtype)


_RNG_POOL = np.random.default_rng(183)
_POOL_SHAPES = (
    ("2 images, 3 channels, 4×4 maps, size = 2", (2, 3, 4, 4), 2, "normal"),
    ("6×6 maps, size = 3", (2, 2, 6, 6), 3, "normal"),
    ("5×7 maps, size = 2: the last row and column fill no block", (2, 2, 5, 7), 2, "normal"),
    ("ReLU outputs: many zeros, so blocks with ties", (3, 2, 4, 6), 2, "relu"),
    ("small integers 0, 1, 2: ties inside blocks", (2, 3, 6, 4), 2, "integers"),
    ("one map (m = 1, C = 1), 8×8, size = 2", (1, 1, 8, 8), 2, "normal"),
    ("size = 1: every entry is its own block", (2, 1, 3, 3), 1, "normal"),
)

MAX_POOL_FORWARD = Exercise(
    "max_pool_forward",
    reference=conv.max_pool_forward,
    hints=(
        "The blocks do not overlap: block (i, j) covers rows `i * size` to `(i + 1) * size` (excluded) and the "
        "same for columns. Each output is the largest entry of its block, for every image and channel.",
        "The output has `H // size` rows and `W // size` columns (a row or column that fills no whole block is "
        "left out). Make it with `np.zeros(..., dtype=A.dtype)`, and take the max over the block's two axes, "
        "`axis=(2, 3)`.",
        "`for i in range(H // size): for j in range(W // size): P[:, :, i, j] = np.max(A[:, :, i * size:(i + 1) "
        "* size, j * size:(j + 1) * size], axis=(2, 3))`; `return P, (A, size)`.",
    ),
    cases=(
        *(Case(name, (_maps(_RNG_POOL, shape, kind), size)) for name, shape, size, kind in _POOL_SHAPES),
        Case("float32 maps: P stays float32", (_maps(_RNG_POOL, (2, 2, 4, 4), dtype=np.float32), 2)),
    ),
    compare=_compare_pool_forward,
)

# --- max_pool_backward ---------------------------------------------------------------------------


def _compare_pool_backward(received, expected, case: Case) -> None:
    size = case.args[1][1]
    if isinstance(received, np.ndarray) and received.ndim == 4 and received.shape != expected.shape:
        cropped = (expected.shape[2] // size * size, expected.shape[3] // size * size)
        if received.shape[2:] == cropped:
            raise Failure(
                f"`dA` has shape {received.shape} but must have shape {expected.shape}, the shape of `A`",
                expected=str(expected.shape),
                received=str(received.shape),
                cause="`dA` has the shape of `A`, with 0 in the rows and columns that fill no block: start from "
                "`np.zeros_like(A)`",
            )
    expect_array(received, expected, "dA", rtol=case.rtol, atol=case.atol, same_dtype=True)


def _pool_backward_case(rng, name, shape, size, kind, dtype=np.float64) -> Case:
    A = _maps(rng, shape, kind, dtype)
    P, cache = conv.max_pool_forward(A, size)
    return Case(name, (rng.normal(size=P.shape).astype(dtype), cache), m=shape[0])


_RNG_POOL_BACKWARD = np.random.default_rng(184)

MAX_POOL_BACKWARD = Exercise(
    "max_pool_backward",
    reference=conv.max_pool_backward,
    hints=(
        "Only the largest entry of each block reached the output, so only it gets the block's gradient "
        "`dP[n, c, i, j]`; every other entry gets 0. When several entries tie for the largest, the first one, "
        "reading the block row by row, gets it all.",
        "Start from `dA = np.zeros_like(A)`. For each block, `np.argmax(block)` gives the position of the first "
        "maximum in the flattened block, and `np.unravel_index(k, block.shape)` turns it into (row, column). "
        "Max-pooling has no parameters: no `/ m` anywhere.",
        "`for n in range(m): for c in range(C): for i in range(H_p): for j in range(W_p): block = A[n, c, "
        "i * size:(i + 1) * size, j * size:(j + 1) * size]; u, v = np.unravel_index(np.argmax(block), "
        "block.shape); dA[n, c, i * size + u, j * size + v] = dP[n, c, i, j]`; `return dA`.",
    ),
    cases=(
        *(_pool_backward_case(_RNG_POOL_BACKWARD, name, shape, size, kind) for name, shape, size, kind in _POOL_SHAPES),
        _pool_backward_case(_RNG_POOL_BACKWARD, "float32: dA stays float32", (2, 2, 4, 4), 2, "relu", np.float32),
    ),
    compare=_compare_pool_backward,
)

EXERCISES = [CONV_FORWARD, CONV_BACKWARD, MAX_POOL_FORWARD, MAX_POOL_BACKWARD]
