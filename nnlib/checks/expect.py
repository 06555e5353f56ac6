"""Comparisons that explain themselves.

Each ``expect_*`` function compares what a learner's function returned with
what it should have returned and, at the first difference, raises
:class:`Failure` naming the value, what was expected, what came back (the
worst entry and its index, not a dump) and, when the pattern is a familiar
one, the likely cause (found by :mod:`nnlib.checks.diagnose`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

from nnlib.checks.diagnose import describe, index_text, number_text, same, shape_cause, value_cause
from nnlib.gradcheck import relative_error

__all__ = [
    "Failure",
    "expect_array",
    "expect_float",
    "expect_int",
    "expect_sequence",
    "expect_in_order",
    "expect_dict",
    "expect_float_array",
    "expect_accuracy",
    "expect_cost_went_down",
    "expect_finite_differences",
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
    where : str, optional
        The line of the learner's code it came from, when known.
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
        where: str | None = None,
    ):
        super().__init__(problem)
        self.problem = problem
        self.expected = expected
        self.received = received
        self.cause = cause
        self.diagnosable = diagnosable
        self.test = test
        self.where = where


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
    _expect_array_form(received, expected, name, same_dtype=same_dtype)
    _expect_array_values(received, expected, name, rtol=rtol, atol=atol, m=m)


def _expect_array_form(received, expected: np.ndarray, name: str, *, same_dtype: bool) -> None:
    """Raise :class:`Failure` unless ``received`` is a numeric array of ``expected``'s shape (and dtype)."""
    if not isinstance(received, np.ndarray):
        cause = None
        if isinstance(received, list) and _numeric_shape(received) is not None:
            cause = "build it with numpy operations (or `np.array(...)`), not a Python list"
        elif isinstance(received, (int, float, np.number)) and not isinstance(received, (bool, np.bool_)):
            cause = _everything_reduced_cause(float(received), expected)
        raise Failure(
            f"`{name}` must be a numpy array of shape {expected.shape}", received=describe(received), cause=cause
        )
    if received.shape != expected.shape:
        cause = None
        if received.size == 1 and received.dtype.kind in "biuf":
            cause = _everything_reduced_cause(float(received.ravel()[0]), expected)
        cause = cause or shape_cause(received.shape, expected.shape)
        raise Failure(
            f"`{name}` has shape {received.shape} but must have shape {expected.shape}",
            expected=str(expected.shape),
            received=str(received.shape),
            cause=cause,
        )
    if expected.dtype.kind == "f" and received.dtype.kind != "f":
        raise Failure(
            f"`{name}` holds {received.dtype} values but must hold floats",
            cause=_INTEGERS_CAUSE,
        )
    if received.dtype.kind not in "biuf":
        raise Failure(f"`{name}` holds {received.dtype} values but must hold numbers")
    if same_dtype and received.dtype != expected.dtype:
        raise Failure(
            f"`{name}` is {received.dtype} but must be {expected.dtype}, like the input",
            expected=str(expected.dtype),
            received=str(received.dtype),
            cause=_dtype_cause(received.dtype, expected.dtype),
            diagnosable=False,
        )


_INTEGERS_CAUSE = (
    "integers come from `.astype(int)`, `dtype=int`, `np.zeros_like` of an int array or integer-only "
    "arithmetic (`//`, a sum of booleans); `np.zeros(shape)` and numpy's maths on float inputs give floats"
)


def _dtype_cause(received: np.dtype, expected: np.dtype) -> str:
    """Why a float result has the dtype ``received`` where the input's ``expected`` was wanted."""
    if received == np.float64:
        return (
            f"keep the input's dtype: `np.zeros(shape)`, `dtype=float`, `.astype(float)` or `np.float64(...)` "
            f"make float64 arrays; numpy operations on the input (with Python numbers like `1`) keep {expected}"
        )
    return (
        f"keep the input's dtype: `.astype(np.{received})` or `dtype=np.{received}` makes {received}; numpy "
        f"operations on the {expected} input (with Python numbers like `1`) keep {expected}"
    )


def _numeric_shape(value) -> tuple[int, ...] | None:
    """The shape of ``value`` as a numeric array (a list of numbers or of rows), or ``None`` when it is not one."""
    try:
        array = np.asarray(value)
    except (ValueError, TypeError):
        return None
    return array.shape if array.dtype.kind in "biuf" else None


def _everything_reduced_cause(number: float, expected: np.ndarray) -> str | None:
    """The cause when a single ``number`` came back for the array ``expected``, if it is the sum or the
    mean of all of ``expected``'s entries (a reduction over every axis instead of one), else ``None``."""
    if expected.size <= 1:
        return None
    for what, value in (("sum", expected.sum()), ("mean", expected.mean())):
        if np.isclose(number, value, rtol=1e-6, atol=1e-12) and not np.isclose(value, 0.0, atol=1e-12):
            return (
                f"it is the {what} of all the expected entries, one number: a `np.{what}` without `axis` reduces "
                f"over every axis; reduce over one axis only (`axis=1` for the examples, `keepdims=True`)"
            )
    return None


def _expect_array_values(
    received: np.ndarray, expected: np.ndarray, name: str, *, rtol: float, atol: float, m: int | None
) -> None:
    """Raise :class:`Failure` unless ``received``, an array of ``expected``'s shape, is finite where
    ``expected`` is and close to it, naming the entry furthest off."""
    bad = ~np.isfinite(received) & np.isfinite(expected)
    if bad.any():
        index = np.unravel_index(np.argmax(bad), bad.shape)
        kind = "NaN" if np.isnan(received[index]) else "an infinity"
        raise Failure(
            f"`{name}` contains {kind} at index {index_text(index)}",
            expected=f"{name}{index_text(index)} = {number_text(expected[index])}",
            received=f"{name}{index_text(index)} = {number_text(received[index])}",
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
            expected=f"{name}{index_text(index)} = {number_text(expected[index])}   (the entry furthest off)",
            received=f"{name}{index_text(index)} = {number_text(received[index])}",
            cause=value_cause(received.astype(float), expected.astype(float), m=m),
        )


def expect_float(received, expected: float, name: str, *, rtol: float = 1e-6, atol: float = 1e-9) -> None:
    """Raise :class:`Failure` unless ``received`` is a float (Python or numpy scalar) close to ``expected``."""
    if isinstance(received, np.ndarray):
        raise Failure(
            f"`{name}` is an array of shape {received.shape} but must be a plain Python float",
            received=describe(received),
            # `float` of a 1-element array is its number; of any other array it raises: no advice then
            cause="wrap the result in `float(...)` (it turns a 1-element array into a number)"
            if received.size == 1
            else None,
        )
    if isinstance(received, (bool, np.bool_)) or not isinstance(received, (int, float, np.integer, np.floating)):
        raise Failure(f"`{name}` must be a float", received=describe(received))
    if not math.isfinite(float(received)) and math.isfinite(expected):
        raise Failure(
            f"`{name}` is {number_text(received)}",
            expected=number_text(expected),
            received=number_text(received),
            cause="`np.log(0)`, `np.exp` of a large number, or 0 / 0 somewhere on the way",
        )
    if not math.isclose(float(received), expected, rel_tol=rtol, abs_tol=atol):
        raise Failure(
            f"`{name}` has the wrong value",
            expected=number_text(expected),
            received=number_text(received),
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
        raise Failure(
            f"`{name}` must be an int", expected=number_text(expected), received=describe(received), cause=cause
        )
    if int(received) != expected:
        raise Failure(f"`{name}` has the wrong value", expected=number_text(expected), received=number_text(received))


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


def expect_in_order(received: Sequence, expected: Sequence, names: Sequence[str], what: str, cause: str) -> None:
    """Raise :class:`Failure` when ``received`` holds the ``expected`` values, each one somewhere, in
    another order; ``names`` names them, ``what`` the lot (e.g. "the three gradients")."""
    found = [next((j for j, wanted in enumerate(expected) if same(item, wanted)), None) for item in received]
    if None not in found and found != list(range(len(expected))):
        raise Failure(
            f"{what} are returned in the wrong order",
            received="(" + ", ".join(names[j] for j in found) + ")",
            cause=cause,
        )


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
            cause=_INTEGERS_CAUSE,
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
    """Raise :class:`Failure` unless the last of ``costs`` (recorded during training) is ``by`` below the first.

    ``cause`` is shown only when the cost did not go down at all: a cost that went down too little has
    more possible causes than one sentence can name.
    """
    if costs[-1] < costs[0] - by:
        return
    received = f"costs[0] = {costs[0]:.4g}, costs[-1] = {costs[-1]:.4g}"
    if costs[-1] < costs[0]:
        raise Failure(
            f"the cost went down by only {costs[0] - costs[-1]:.3g} during training",
            expected=f"a drop of more than {by:g}",
            received=received,
        )
    raise Failure("the cost did not go down during training", received=received, cause=cause)


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
