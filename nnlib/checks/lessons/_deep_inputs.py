"""Test inputs and cache comparisons shared by part 2's batteries (lessons 07-09), all seeded.

Deep exercises are tested on several depths (L = 1, 2, 4), a hidden layer of
width 1, one example (m = 1) and more than one output.
"""

from __future__ import annotations

import numpy as np

from nnlib.checks.diagnose import describe
from nnlib.checks.expect import Failure, expect_array

__all__ = [
    "NETWORKS",
    "LAYERS",
    "LINEAR_CACHE_NAMES",
    "deep_parameters",
    "deep_case",
    "expect_cache",
    "expect_caches",
]

NETWORKS = [  # (test name, layer_dims, m)
    ("L = 2: layer_dims = [4, 5, 1], m = 6", [4, 5, 1], 6),
    ("L = 1 (no hidden layer): layer_dims = [3, 1], m = 5", [3, 1], 5),
    ("L = 4: layer_dims = [5, 4, 3, 2, 1], m = 7", [5, 4, 3, 2, 1], 7),
    ("a hidden layer of width 1: layer_dims = [3, 1, 4, 1], m = 4", [3, 1, 4, 1], 4),
    ("one example (m = 1): layer_dims = [4, 3, 2, 1]", [4, 3, 2, 1], 1),
    ("two outputs: layer_dims = [3, 4, 2], m = 5", [3, 4, 2], 5),
]

LAYERS = [  # (test name, n units, n_prev inputs, m examples) for one layer; square first, so that
    # a transpose gives wrong values (which a known mistake can name) rather than a shape error
    ("square: n = n_prev = m = 3", 3, 3, 3),
    ("n = 4 units, n_prev = 3 inputs, m = 5 examples", 4, 3, 5),
    ("one example (m = 1): n = 3, n_prev = 4", 3, 4, 1),
    ("one unit (n = 1): n_prev = 5, m = 4", 1, 5, 4),
    ("one input (n_prev = 1): n = 3, m = 6", 3, 1, 6),
]

LINEAR_CACHE_NAMES = ("A_prev", "W", "b")


def deep_parameters(rng: np.random.Generator, layer_dims) -> dict:
    """``Wl`` (n_l, n_{l-1}) with He-scaled normal entries and ``bl`` (n_l, 1) with entries N(0, 0.5²):
    every unit's output varies with the input, and about half the ReLUs are active."""
    parameters = {}
    for l in range(1, len(layer_dims)):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        parameters[f"W{l}"] = rng.normal(scale=np.sqrt(2.0 / n_prev), size=(n, n_prev))
        parameters[f"b{l}"] = rng.normal(scale=0.5, size=(n, 1))
    return parameters


def deep_case(rng: np.random.Generator, layer_dims, m: int, label_kind: str = "random"):
    """Inputs X (n_0, m), labels Y (n_L, m) of 0.0 and 1.0, and parameters for one test."""
    parameters = deep_parameters(rng, layer_dims)
    X = rng.normal(size=(layer_dims[0], m))
    if label_kind == "zeros":
        Y = np.zeros((layer_dims[-1], m))
    elif label_kind == "ones":
        Y = np.ones((layer_dims[-1], m))
    else:
        Y = (rng.random((layer_dims[-1], m)) < 0.5).astype(float)
        if m > 1:
            Y[:, 0], Y[:, 1] = 0.0, 1.0
    return X, Y, parameters


def _expect_tuple(received, length: int, name: str, fields: str):
    if not isinstance(received, (tuple, list)):
        raise Failure(
            f"`{name}` must be a tuple {fields}",
            received=describe(received),
            cause=f"build it as `{fields}`, in that order",
        )
    if len(received) != length:
        raise Failure(
            f"`{name}` holds {len(received)} items but must hold {length}: {fields}",
            received=describe(tuple(received)),
            cause=f"`{fields}`: a nested tuple, not one flat tuple of arrays"
            if length == 2 and len(received) == 4
            else f"build it as `{fields}`, in that order",
        )
    return received


def _expect_items(received, expected, names, name: str) -> None:
    """Each item of a cache against the expected array; an item found at another position names the order."""
    fields = "(" + ", ".join(names) + ")"
    for position, (item, wanted, item_name) in enumerate(zip(received, expected, names)):
        label = f"{name}[{position}] ({item_name})"
        if isinstance(item, np.ndarray) and item.shape == wanted.shape and np.allclose(item, wanted, atol=1e-9):
            continue
        for other, other_name in zip(expected, names):
            if (
                other_name != item_name
                and isinstance(item, np.ndarray)
                and item.shape == other.shape
                and np.allclose(item, other, atol=1e-9)
            ):
                raise Failure(
                    f"`{label}` holds `{other_name}`",
                    cause=f"the order of a cache is `{fields}`: backward steps unpack it in that order",
                )
        expect_array(item, wanted, label)


def expect_cache(received, expected_linear_cache, expected_Z, name: str = "cache") -> None:
    """``received`` must be ``(linear_cache, Z)`` with ``linear_cache = (A_prev, W, b)``, matching the expected."""
    fields = "(linear_cache, Z)"
    received = _expect_tuple(received, 2, name, fields)
    if isinstance(received[0], np.ndarray) and isinstance(received[1], (tuple, list)):
        raise Failure(
            f"`{name}` is (Z, linear_cache) but must be {fields}",
            cause="the order is `(linear_cache, Z)`: backward steps unpack `linear_cache, Z = cache`",
        )
    linear_cache = _expect_tuple(received[0], 3, f"{name}[0]", "(A_prev, W, b)")
    _expect_items(linear_cache, expected_linear_cache, LINEAR_CACHE_NAMES, f"{name}[0]")
    Z = received[1]
    if isinstance(Z, np.ndarray) and Z.shape == expected_Z.shape and not np.allclose(Z, expected_Z, atol=1e-9):
        raise Failure(
            f"`{name}[1]` must be Z, the layer's linear output before the activation",
            cause="cache `Z` (what `linear_forward` returned), not `A`: the backward step needs g'(Z)",
        )
    expect_array(Z, expected_Z, f"{name}[1] (Z)")


def expect_caches(received, expected, L: int) -> None:
    """``received`` must be a list of ``L`` caches like the reference's, layer 1 first."""
    if not isinstance(received, (list, tuple)):
        raise Failure(
            f"`caches` must be a list of {L} caches, one per layer",
            received=describe(received),
            cause="start with `caches = []` and `caches.append(cache)` in every layer",
        )
    if len(received) != L:
        cause = "the loop must visit layers 1 to L: `for l in range(1, L + 1)` (or the hidden layers, then layer L)"
        if len(received) == 1 and L > 1:
            cause = "append every layer's cache to the list (`caches.append(cache)` inside the loop)"
        raise Failure(
            f"`caches` holds {len(received)} caches but the network has L = {L} layers",
            expected=str(L),
            received=str(len(received)),
            cause=cause,
        )
    if L > 1 and isinstance(received[0], (tuple, list)) and isinstance(received[-1], (tuple, list)):
        first, last = received[0], received[-1]
        if (
            len(first) == 2
            and isinstance(first[1], np.ndarray)
            and first[1].shape == expected[-1][1].shape
            and len(last) == 2
            and isinstance(last[1], np.ndarray)
            and last[1].shape == expected[0][1].shape
            and first[1].shape != last[1].shape
        ):
            raise Failure(
                "`caches` is in reverse order: its first cache belongs to layer L",
                cause="append each cache as you go forward (`caches.append`), so that `caches[0]` is layer 1's",
            )
    for l, (cache, (linear_cache, Z)) in enumerate(zip(received, expected), start=1):
        expect_cache(cache, linear_cache, Z, f"caches[{l - 1}]")
