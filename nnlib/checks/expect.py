"""Comparisons that explain themselves.

Each ``expect_*`` function compares what a learner's function returned with
what it should have returned and, at the first difference, raises
:class:`Failure` naming the value, what was expected, what came back (the
worst entry and its index, not a dump) and, when the pattern is a familiar
one, the likely cause: a transpose, a dropped ``keepdims``, a missing
``/ m``, a flipped sign.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

from nnlib.gradcheck import relative_error

__all__ = [
    "Failure",
    "describe",
    "brief",
    "first_difference",
    "same",
    "expect_array",
    "expect_float",
    "expect_int",
    "expect_sequence",
    "expect_dict",
    "expect_float_array",
    "expect_accuracy",
    "expect_cost_went_down",
    "expect_finite_differences",
    "shape_cause",
    "value_cause",
]


class Failure(Exception):
    """Something the learner's function returned (or did) is wrong.

    Parameters
    ----------
    problem : str
        What is wrong, e.g. ``"`db1` has shape (4, 3) but must be (4, 1)"``.
    expected, received : str, optional
        The expected and the received value (or shape), short.
    cause : str, optional
        The likely cause, when it can be guessed.
    diagnosable : bool
        Whether the returned value may be compared with known mistakes to
        name a more precise cause (not for a time-out or a changed input).
    test : str, optional
        What was tested, when it is not the last call (e.g. "your source code").
    """

    def __init__(
        self,
        problem: str,
        *,
        expected: str | None = None,
        received: str | None = None,
        cause: str | None = None,
        diagnosable: bool = True,
        test: str | None = None,
    ):
        super().__init__(problem)
        self.problem = problem
        self.expected = expected
        self.received = received
        self.cause = cause
        self.diagnosable = diagnosable
        self.test = test


def _number(x) -> str:
    if isinstance(x, (bool, np.bool_)):
        return str(bool(x))
    if isinstance(x, (int, np.integer)):
        return str(int(x))
    text = f"{float(x):.6g}"
    return text if any(c in text for c in ".ein") else text + ".0"  # 2.0 reads as a float, not as 2


def _index(index: tuple[int, ...]) -> str:
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
        return _number(value)
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
        if a.shape != b.shape:
            return f"its shape {a.shape} became {b.shape}"
        if a.dtype != b.dtype:
            return f"its dtype {a.dtype} became {b.dtype}"
        differ = ~((a == b) | (_isnan(a) & _isnan(b)))
        if not differ.any():
            return None
        index = np.unravel_index(np.argmax(differ), a.shape)
        return f"entry {_index(index)} was {_number(a[index])}, now {_number(b[index])}"
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        if set(a) != set(b):
            added, removed = sorted(map(str, set(b) - set(a))), sorted(map(str, set(a) - set(b)))
            return ", ".join(filter(None, [added and f"keys added: {added}", removed and f"keys removed: {removed}"]))
        for key in a:
            where = first_difference(a[key], b[key])
            if where is not None:
                return f"[{key!r}]: {where}"
        return None
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)) and len(a) == len(b):
        for position, (x, y) in enumerate(zip(a, b)):
            where = first_difference(x, y)
            if where is not None:
                return f"item {position}: {where}"
        return None
    if isinstance(a, (int, float, complex, str, bytes, bool, np.number)) or a is None:
        return None if type(a) is type(b) and a == b else f"{describe(a)} became {describe(b)}"
    return None  # other objects (a random generator, a function) are not compared


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


def expect_array(
    received,
    expected: np.ndarray,
    name: str,
    *,
    rtol: float = 1e-6,
    atol: float = 1e-9,
    m: int | None = None,
    same_dtype: bool = False,
) -> None:
    """Raise :class:`Failure` unless ``received`` is a float array like ``expected`` (shape, dtype, values).

    ``m`` (the number of examples), when given, lets a missing ``/ m`` be named.
    ``same_dtype`` requires ``expected``'s exact dtype (e.g. float32 kept float32).
    """
    if not isinstance(received, np.ndarray):
        cause = None
        if isinstance(received, (list, tuple)):
            cause = "build it with numpy operations (or `np.array(...)`), not a Python list"
        elif isinstance(received, (int, float, np.number)):
            cause = shape_cause((), expected.shape) or "a sum or mean over every entry? Keep the array"
        raise Failure(
            f"`{name}` must be a numpy array of shape {expected.shape}", received=describe(received), cause=cause
        )
    if received.shape != expected.shape:
        raise Failure(
            f"`{name}` has shape {received.shape} but must have shape {expected.shape}",
            expected=str(expected.shape),
            received=str(received.shape),
            cause=shape_cause(received.shape, expected.shape),
        )
    if expected.dtype.kind == "f" and received.dtype.kind != "f":
        raise Failure(
            f"`{name}` holds {received.dtype} values but must hold floats",
            cause="`np.zeros(shape)` gives floats; `dtype=int`, `np.zeros_like` of an int array "
            "or integer-only arithmetic gives integers",
        )
    if received.dtype.kind not in "biuf":
        raise Failure(f"`{name}` holds {received.dtype} values but must hold numbers")
    if same_dtype and received.dtype != expected.dtype:
        raise Failure(
            f"`{name}` is {received.dtype} but must be {expected.dtype}, like the input",
            expected=str(expected.dtype),
            received=str(received.dtype),
            cause=f"keep the input's dtype: `np.zeros(shape)`, `dtype=float`, `.astype(float)` or `np.float64(...)` "
            f"make float64 arrays; numpy operations on the input (with Python numbers like `1`) keep "
            f"{expected.dtype}",
            diagnosable=False,
        )
    bad = ~np.isfinite(received) & np.isfinite(expected)
    if bad.any():
        index = np.unravel_index(np.argmax(bad), bad.shape)
        kind = "NaN" if np.isnan(received[index]) else "an infinity"
        raise Failure(
            f"`{name}` contains {kind} at index {_index(index)}",
            expected=f"{name}{_index(index)} = {_number(expected[index])}",
            received=f"{name}{_index(index)} = {_number(received[index])}",
            cause="`np.log(0)`, `np.exp` of a large number, or 0 / 0 somewhere on the way",
        )
    close = np.isclose(received, expected, rtol=rtol, atol=atol)
    if not close.all():
        error = np.abs(received - expected) / (atol + rtol * np.abs(expected))
        index = np.unravel_index(np.argmax(np.where(close, 0, error)), received.shape)
        count = int((~close).sum())
        raise Failure(
            f"`{name}` has the right shape, but {count} of its {received.size} entries "
            f"{'is' if count == 1 else 'are'} wrong",
            expected=f"{name}{_index(index)} = {_number(expected[index])}   (the entry furthest off)",
            received=f"{name}{_index(index)} = {_number(received[index])}",
            cause=value_cause(received.astype(float), expected.astype(float), m=m),
        )


def expect_float(received, expected: float, name: str, *, rtol: float = 1e-6, atol: float = 1e-9) -> None:
    """Raise :class:`Failure` unless ``received`` is a float (Python or numpy scalar) close to ``expected``."""
    if isinstance(received, np.ndarray):
        raise Failure(
            f"`{name}` is an array of shape {received.shape} but must be a plain Python float",
            received=describe(received),
            cause="wrap the result in `float(...)` (it turns a 1-element array into a number)",
        )
    if isinstance(received, (bool, np.bool_)) or not isinstance(received, (int, float, np.integer, np.floating)):
        raise Failure(f"`{name}` must be a float", received=describe(received))
    if not math.isfinite(float(received)) and math.isfinite(expected):
        raise Failure(
            f"`{name}` is {_number(received)}",
            expected=_number(expected),
            received=_number(received),
            cause="`np.log(0)`, `np.exp` of a large number, or 0 / 0 somewhere on the way",
        )
    if not math.isclose(float(received), expected, rel_tol=rtol, abs_tol=atol):
        raise Failure(
            f"`{name}` has the wrong value",
            expected=_number(expected),
            received=_number(received),
            cause=value_cause(np.array([float(received)]), np.array([expected])),
        )


def expect_int(received, expected: int, name: str) -> None:
    """Raise :class:`Failure` unless ``received`` is an integer equal to ``expected``."""
    if isinstance(received, (bool, np.bool_)) or not isinstance(received, (int, np.integer)):
        cause = None
        if isinstance(received, (float, np.floating)):
            cause = "sizes come from `.shape`, which holds ints; `/` makes floats (use `//`)"
        elif isinstance(received, (tuple, np.ndarray)):
            cause = "`.shape` is a tuple: take one entry, e.g. `X.shape[0]`"
        raise Failure(f"`{name}` must be an int", expected=_number(expected), received=describe(received), cause=cause)
    if int(received) != expected:
        raise Failure(f"`{name}` has the wrong value", expected=_number(expected), received=_number(received))


def expect_sequence(received, names: Sequence[str], what: str) -> Sequence:
    """Raise :class:`Failure` unless ``received`` is a tuple (or list) of ``len(names)`` values; return it.

    ``what`` names the returned tuple in messages, e.g. ``"(n_x, n_h, n_y)"``.
    """
    if not isinstance(received, (tuple, list)):
        raise Failure(
            f"it returned a {type(received).__name__} but must return a tuple {what}",
            received=describe(received),
            cause=f"end with `return {', '.join(names)}`",
        )
    if len(received) != len(names):
        raise Failure(
            f"it returned {len(received)} values but must return {len(names)}: {what}",
            received=describe(tuple(received)),
        )
    return received


def expect_dict(received, keys: Sequence[str], name: str) -> Mapping:
    """Raise :class:`Failure` unless ``received`` is a dict holding every one of ``keys``; return it."""
    if not isinstance(received, Mapping):
        raise Failure(f"`{name}` must be a dict with keys {', '.join(map(repr, keys))}", received=describe(received))
    for key in keys:
        if key in received:
            continue
        near = [k for k in received if isinstance(k, str) and k.strip().lower() == key.lower()]
        cause = f"it has {near[0]!r} instead (look closely at spaces and capitals)" if near else None
        raise Failure(
            f"`{name}` has no key {key!r}",
            expected=", ".join(map(repr, keys)),
            received=", ".join(map(repr, received)),
            cause=cause,
        )
    return received


def expect_float_array(value, shape: tuple[int, int], name: str) -> np.ndarray:
    """Raise :class:`Failure` unless ``value`` is a float array of ``shape`` (any values); return it.

    For random outputs (initial weights), whose values no reference can match.
    """
    if not isinstance(value, np.ndarray):
        raise Failure(f"`{name}` must be a numpy array of shape {shape}", received=describe(value))
    if value.shape != shape:
        cause = None
        if value.shape == shape[::-1]:
            cause = "it is transposed: a weight matrix has one row per unit of its layer, `(n_out, n_in)`"
        elif value.ndim == 1:
            cause = "give it two dimensions, e.g. `np.zeros((n, 1))` (note the double parentheses)"
        raise Failure(
            f"`{name}` has shape {value.shape} but must have shape {shape}",
            expected=str(shape),
            received=str(value.shape),
            cause=cause,
        )
    if value.dtype.kind != "f":
        raise Failure(
            f"`{name}` holds {value.dtype} values but must hold floats",
            cause="`np.zeros(shape)` gives floats; `dtype=int` gives integers",
        )
    return value


def expect_accuracy(accuracy: float, *, minimum: float = 0.95, cause: str | None = None) -> None:
    """Raise :class:`Failure` when a trained network's ``accuracy`` on an easy data set is below ``minimum``."""
    if accuracy < minimum:
        raise Failure(
            f"the trained network classifies only {accuracy:.0%} of an easy data set correctly",
            expected=f"at least {minimum:.0%}",
            received=f"{accuracy:.0%}",
            cause=cause,
        )


def expect_cost_went_down(costs: Sequence[float], *, by: float, cause: str) -> None:
    """Raise :class:`Failure` unless the last of ``costs`` (recorded during training) is ``by`` below the first."""
    if not costs[-1] < costs[0] - by:
        raise Failure(
            "the cost did not go down during training",
            received=f"costs[0] = {costs[0]:.4g}, costs[-1] = {costs[-1]:.4g}",
            cause=cause,
        )


def expect_finite_differences(gradient, numeric: np.ndarray, name: str, *, tolerance: float = 1e-6) -> None:
    """Raise :class:`Failure` when gradient ``name`` is farther than ``tolerance`` (relative error) from
    ``numeric``, the finite-difference gradient of the cost."""
    error = relative_error(np.asarray(gradient, dtype=float), numeric)
    if not error <= tolerance:
        raise Failure(
            f"`{name}` disagrees with the finite-difference gradient of the cost",
            expected=f"relative error below {tolerance:g}",
            received=f"relative error {error:.2g}",
            diagnosable=False,
        )
