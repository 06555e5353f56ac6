"""How two values differ, and the likely cause.

The words a failed check uses: a short description of any value
(:func:`describe`, :func:`brief`), whether two return values agree
(:func:`same`), where a value first changed (:func:`first_difference`) and a
guess at why an array has the wrong shape or values (:func:`shape_cause`,
:func:`value_cause`): a transpose, a dropped ``keepdims``, a missing ``/ m``,
a flipped sign.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

__all__ = [
    "describe",
    "brief",
    "number_text",
    "index_text",
    "first_difference",
    "same",
    "shape_cause",
    "value_cause",
]


def number_text(x) -> str:
    """A number as it reads in a message: ``2.0`` for a float (never ``2``), ``3`` for an int, ``True``."""
    if isinstance(x, (bool, np.bool_)):
        return str(bool(x))
    if isinstance(x, (int, np.integer)):
        return str(int(x))
    text = f"{float(x):.6g}"
    return text if any(c in text for c in ".ein") else text + ".0"  # 2.0 reads as a float, not as 2


def index_text(index: tuple[int, ...]) -> str:
    """An array index as it reads in a message: ``"[1, 2]"``."""
    return "[" + ", ".join(str(int(i)) for i in index) + "]"


def describe(value) -> str:
    """A short description of any value: type, shape and, when small, the values."""
    if isinstance(value, np.ndarray):
        text = f"array of shape {value.shape}, dtype {value.dtype}"
        if 0 < value.size <= 6 and value.dtype.kind in "biuf":
            values = np.array2string(value, precision=4, separator=", ", suppress_small=True)
            text += " = " + " ".join(values.split())
        return text
    if isinstance(value, Mapping):
        inner = ", ".join(
            f"{key!r}: {value[key].shape}" if isinstance(value[key], np.ndarray) else f"{key!r}" for key in value
        )
        return f"dict {{{inner}}}"
    if isinstance(value, tuple):
        return "tuple (" + ", ".join(describe(item) for item in value) + ")"
    if isinstance(value, (bool, int, float, np.number)):
        return number_text(value)
    if value is None:
        return "None"
    return type(value).__name__


def brief(value) -> str:
    """A very short description: an array's shape (and dtype unless float64), a number's value."""
    if isinstance(value, np.ndarray):
        return f"{value.shape}" + ("" if value.dtype == np.float64 else f" {value.dtype}")
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{key}: {brief(item)}" for key, item in value.items()) + "}"
    return describe(value)


def first_difference(a, b) -> str | None:
    """Where ``b`` first differs from ``a`` (``None`` when they are equal), in words."""
    if isinstance(a, np.ndarray) and isinstance(b, np.ndarray):
        return _first_array_difference(a, b)
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return _first_mapping_difference(a, b)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        if len(a) != len(b):
            return f"its length {len(a)} became {len(b)}"
        for position, (x, y) in enumerate(zip(a, b)):
            where = first_difference(x, y)
            if where is not None:
                return f"item {position}: {where}"
        return None
    if isinstance(a, (int, float, complex, str, bytes, bool, np.number)) or a is None:
        return None if type(a) is type(b) and a == b else f"{describe(a)} became {describe(b)}"
    return None  # other objects (a random generator, a function) are not compared


def _first_array_difference(a: np.ndarray, b: np.ndarray) -> str | None:
    if a.shape != b.shape:
        return f"its shape {a.shape} became {b.shape}"
    if a.dtype != b.dtype:
        return f"its dtype {a.dtype} became {b.dtype}"
    differ = ~((a == b) | (_isnan(a) & _isnan(b)))
    if not differ.any():
        return None
    index = np.unravel_index(np.argmax(differ), a.shape)
    return f"entry {index_text(index)} was {number_text(a[index])}, now {number_text(b[index])}"


def _first_mapping_difference(a: Mapping, b: Mapping) -> str | None:
    if set(a) != set(b):
        added, removed = sorted(map(str, set(b) - set(a))), sorted(map(str, set(a) - set(b)))
        return ", ".join(filter(None, [added and f"keys added: {added}", removed and f"keys removed: {removed}"]))
    for key in a:
        where = first_difference(a[key], b[key])
        if where is not None:
            return f"[{key!r}]: {where}"
    return None


def _isnan(a: np.ndarray) -> np.ndarray:
    return np.isnan(a) if a.dtype.kind in "fc" else np.zeros(a.shape, dtype=bool)


def _kind(value) -> str:
    """Python and numpy scalars of one kind are alike: ``"int"``, ``"float"``, ``"array"`` or the type's name."""
    if isinstance(value, (bool, np.bool_)):
        return "bool"
    if isinstance(value, (int, np.integer)):
        return "int"
    if isinstance(value, (float, np.floating)):
        return "float"
    if isinstance(value, np.ndarray):
        return "array"
    return type(value).__name__


def same(a, b, *, rtol: float = 1e-6, atol: float = 1e-13) -> bool:
    """Whether two return values agree: same structure, shapes and (close) values."""
    if isinstance(a, Mapping) or isinstance(b, Mapping):
        return (
            isinstance(a, Mapping)
            and isinstance(b, Mapping)
            and set(a) == set(b)
            and all(same(a[k], b[k], rtol=rtol, atol=atol) for k in a)
        )
    if isinstance(a, (tuple, list)) or isinstance(b, (tuple, list)):
        return (
            isinstance(a, (tuple, list))
            and isinstance(b, (tuple, list))
            and len(a) == len(b)
            and all(same(x, y, rtol=rtol, atol=atol) for x, y in zip(a, b))
        )
    if _kind(a) != _kind(b):  # an int where a float is due (or an array) is a different mistake
        return False
    try:
        a_array, b_array = np.asarray(a), np.asarray(b)
    except (ValueError, TypeError):
        return False
    if (a_array.dtype.kind in "biu") != (b_array.dtype.kind in "biu"):
        return False
    if a_array.shape != b_array.shape or a_array.dtype.kind not in "biuf" or b_array.dtype.kind not in "biuf":
        return a_array.shape == b_array.shape and bool(np.all(a_array == b_array))
    return bool(np.allclose(a_array, b_array, rtol=rtol, atol=atol, equal_nan=True))


def shape_cause(received: tuple[int, ...], expected: tuple[int, ...]) -> str | None:
    """A guess at why an array came back with shape ``received`` instead of ``expected``."""
    if len(expected) == 2 and received == expected[::-1]:
        return "it is transposed: check the order in a matrix product (`W @ X`, not `X @ W`) and any `.T`"
    if len(received) == len(expected) - 1 and any(
        expected[axis] == 1 and expected[:axis] + expected[axis + 1 :] == received for axis in range(len(expected))
    ):
        return (
            "a dimension of size 1 was dropped: did you forget `keepdims=True` in a sum or mean "
            "(or flatten with `.ravel()` or `[0]`)?"
        )
    if len(expected) == 2 and expected[1] == 1:
        if received == (expected[0], expected[0]) and expected[0] > 1:
            return (
                "a column (n, 1) combined with a flat (n,) array broadcasts to (n, n): "
                "did a `keepdims=True` go missing?"
            )
        if received in ((), (1,), (1, 1)):
            return "it is a single number: a sum or mean over every entry? Sum over the examples only, with `axis=1`"
        if len(received) == 2 and received[0] == expected[0] and received[1] > 1:
            return (
                "it still has one column per example: sum over the examples with `np.sum(..., axis=1, keepdims=True)`"
            )
        if len(received) == 2 and received[0] == 1:
            return (
                "it looks reduced over axis 0 (the rows) instead of axis 1 (the examples, which are columns): "
                "use `axis=1`"
            )
        if len(received) == 1 and received[0] > 1 and expected[0] == 1:
            return "it still has one entry per example: sum over the examples with `np.sum(..., axis=1, keepdims=True)`"
    return None


def value_cause(received: np.ndarray, expected: np.ndarray, *, m: int | None = None) -> str | None:
    """A guess at why the values differ, from a simple relation between the two arrays."""

    def close(a, b) -> bool:
        return bool(np.allclose(a, b, rtol=1e-6, atol=1e-12))

    if not np.any(expected):
        return None
    if close(received, -expected):
        return "the sign is flipped"
    if m is not None and m > 1:
        if close(received, expected * m):
            return f"the values are m = {m} times too large: a missing `/ m`?"
        if close(received * m, expected):
            return f"the values are m = {m} times too small: divided by `m` twice?"
    if expected.size == 1:
        return None  # one number: a constant offset or factor says nothing about the cause
    if received.ndim == 2 and received.shape[0] == received.shape[1] and close(received, expected.T):
        return (
            "it is the transpose of the expected array (a square case): "
            "check the order in a matrix product and any `.T`"
        )
    if not np.any(received):
        return "it is all zeros: did you return the array before filling it in?"
    offset = (received - expected).flat[0]
    if close(received - expected, offset):
        return f"every entry is off by the same amount ({offset:.4g}): a term added or left out?"
    nonzero = expected != 0
    ratios = received[nonzero] / expected[nonzero]
    if np.all(np.isfinite(ratios)) and close(ratios, ratios.flat[0]) and close(received[~nonzero], 0):
        return f"every entry is {ratios.flat[0]:.4g} times the expected one: a constant factor is off"
    return None
