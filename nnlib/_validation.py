"""Argument checking shared by every public function.

Each helper either returns a clean numpy array or raises a ``TypeError`` /
``ValueError`` whose message names the argument, the shape (or type) it
expected and what it got, so a learner can fix the call without reading
nnlib's source.

A shape is described by a tuple whose entries are either an ``int`` (that
size exactly) or a ``str`` (a dimension letter from the docstrings: any
size, but the same letter must have the same size everywhere in one call).

A function a learner compares with their own holds only the maths; its
checks are declared once, above it, with :func:`checked`::

    @checked(arrays(W=("n", "n_x"), b=("n", 1), X=("n_x", "m")))
    def weighted_sums(W, b, X):
        return W @ X + b
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Mapping

import numpy as np

__all__ = [
    "Check",
    "checked",
    "arrays",
    "as_float_array",
    "as_labels",
    "check_float_dtype",
    "check_shape",
    "check_same_shape",
    "check_parameters",
    "check_grads",
    "check_positive",
    "check_probability",
    "check_rng",
    "check_choice",
]


def _describe(spec: tuple[int | str, ...], sizes: Mapping[str, int]) -> str:
    parts = []
    for dim in spec:
        if isinstance(dim, str) and dim in sizes:
            parts.append(f"{dim}={sizes[dim]}")
        else:
            parts.append(str(dim))
    return "(" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")"


def as_float_array(value, name: str, *, dtype=None) -> np.ndarray:
    """Return ``value`` as a floating-point array, or raise ``TypeError``.

    float32 and float64 arrays pass through unchanged (no copy); integer and
    boolean arrays become float64 (or ``dtype`` when given). Anything that is
    not numeric (``None``, strings, dicts, object arrays) is refused.
    """
    if type(value) is np.ndarray and value.dtype.kind == "f" and (dtype is None or value.dtype == dtype):
        return value  # the common case first: every layer of every mini-batch passes here
    if value is None or isinstance(value, (str, bytes, Mapping)):
        raise TypeError(f"{name} must be a numpy array of numbers, got {type(value).__name__}")
    try:
        array = np.asarray(value)
    except ValueError:  # ragged nested lists
        raise ValueError(f"{name} must be a rectangular array; its rows have different lengths") from None
    if array.dtype.kind in "biu":
        array = array.astype(dtype or np.float64)
    elif array.dtype.kind == "f":
        if dtype is not None and array.dtype != dtype:
            array = array.astype(dtype)
    else:
        raise TypeError(f"{name} must hold real numbers, got an array of dtype {array.dtype}")
    return array


def as_labels(y, name: str, *, allow_empty: bool = False) -> np.ndarray:
    """Return class indices given as a (1, m) row or an (m,) vector as an int64 vector (m,).

    Integer and boolean arrays pass, and so do floats holding whole numbers
    (``Y.astype(float)``). One-hot columns (K, m), probabilities, negative or
    non-finite values are refused with a message saying how to convert them.
    """
    if y is None or isinstance(y, (str, bytes, Mapping)):
        raise TypeError(f"{name} must be a numpy array of class indices, got {type(y).__name__}")
    array = np.asarray(y)
    if array.dtype.kind not in "biuf":
        raise TypeError(f"{name} must hold integer class indices, got an array of dtype {array.dtype}")
    if array.ndim == 2 and array.shape[0] > 1:
        raise ValueError(
            f"{name} must be a row of class indices of shape (1, m) or a vector of shape (m,), "
            f"got shape {array.shape}; one-hot labels (one row per class) convert with "
            f"{name}.argmax(axis=0) or nnlib.datasets.from_one_hot({name})"
        )
    if array.ndim not in (1, 2):
        raise ValueError(f"{name} must have shape (1, m) or (m,), got shape {array.shape}")
    if array.size == 0 and not allow_empty:
        raise ValueError(f"{name} must hold at least one example, got shape {array.shape}")
    array = array.reshape(-1)
    if array.dtype.kind == "f":
        bad = ~np.isfinite(array) | (array != np.round(array))
        if bad.any():
            raise ValueError(
                f"{name} must hold whole-number class indices, got {float(array[bad][0]):g}; "
                "turn probabilities into labels first, e.g. (A > 0.5).astype(int) "
                "or A.argmax(axis=0)"
            )
    array = array.astype(np.int64)
    if array.size and array.min() < 0:
        raise ValueError(f"{name} must hold class indices >= 0, got {array.min()}")
    return array


def check_float_dtype(dtype) -> np.dtype:
    """Return ``np.dtype(dtype)`` if it is a floating-point type, else raise ``TypeError``."""
    try:
        result = np.dtype(dtype)
    except TypeError:
        result = None
    if result is None or result.kind != "f":
        raise TypeError(f"dtype must be a floating-point type such as np.float64 or np.float32, got {dtype!r}")
    return result


def check_shape(
    array: np.ndarray,
    name: str,
    spec: tuple[int | str, ...],
    sizes: dict[str, int] | None = None,
) -> dict[str, int]:
    """Check ``array.shape`` against ``spec`` and return the letter sizes.

    ``sizes`` carries letter sizes already fixed by earlier arguments (it is
    updated in place and returned), so ``check_shape(Y, "Y", ("n_y", "m"),
    sizes)`` after ``X`` insists that ``Y`` has as many columns as ``X``.
    """
    sizes = {} if sizes is None else sizes
    found = _fits(spec, array.shape, sizes)
    if found is None:
        raise _shape_error(name, array.shape, spec, sizes)
    sizes.update(found)
    return sizes


def _shape_error(
    name: str, shape: tuple[int, ...], spec: tuple[int | str, ...], sizes: Mapping[str, int]
) -> ValueError:
    """The message for a shape that does not fit ``spec``: what was expected, what came, a hint.

    Built only on failure, never on the happy path: the training loop checks every mini-batch.
    """
    # A letter used twice (a square matrix) takes its size from its first use.
    known = dict(sizes)
    for dim, size in zip(spec, shape):
        if isinstance(dim, str) and spec.count(dim) > 1:
            known.setdefault(dim, size)
    expected = _describe(spec, known)
    if len(shape) != len(spec):
        hint = ""
        if len(shape) == 1 and len(spec) == 2:
            if spec[1] == 1:
                hint = " (a 1-D array: make it a column with .reshape(-1, 1))"
            elif sizes.get(spec[0], spec[0]) == 1:
                hint = " (a 1-D array: make it a row with .reshape(1, -1))"
        return ValueError(f"{name} must be a {len(spec)}-D array of shape {expected}, got shape {shape}{hint}")
    hint = ""
    if len(shape) == 2 and _fits(spec, shape[::-1], sizes) is not None:
        hint = " (transposed? examples are columns)"
    return ValueError(f"{name} must have shape {expected}, got {shape}{hint}")


def _fits(spec: tuple[int | str, ...], shape: tuple[int, ...], sizes: Mapping[str, int]) -> dict[str, int] | None:
    """The sizes ``shape`` gives the letters of ``spec``, or None when it does not fit.

    Fitting means: as many dimensions as ``spec``, every int entry equal, and every
    letter the same size as in ``sizes`` and wherever else it appears in ``spec``.
    """
    if len(shape) != len(spec):
        return None
    found: dict[str, int] = {}
    for dim, size in zip(spec, shape):
        if isinstance(dim, str):
            want = sizes[dim] if dim in sizes else found.setdefault(dim, size)
        else:
            want = dim
        if want != size:
            return None
    return found


def check_same_shape(a: np.ndarray, a_name: str, b: np.ndarray, b_name: str) -> None:
    """Raise ``ValueError`` unless ``a`` and ``b`` have the same shape."""
    if a.shape != b.shape:
        raise ValueError(
            f"{a_name} and {b_name} must have the same shape, got {a_name}.shape={a.shape} and {b_name}.shape={b.shape}"
        )


def check_parameters(parameters, name: str = "parameters") -> int:
    """Check an ``{"W1", "b1", ..., "WL", "bL"}`` dict and return ``L``.

    Every ``Wl`` must be a 2-D float array of shape ``(n_l, n_{l-1})`` whose
    ``n_{l-1}`` matches the rows of ``W{l-1}``, and every ``bl`` must have
    shape ``(n_l, 1)``.
    """
    if not isinstance(parameters, Mapping):
        raise TypeError(f"{name} must be a dict like {{'W1': ..., 'b1': ...}}, got {type(parameters).__name__}")
    n_layers = sum(1 for key in parameters if _is_layer_key(key, "W"))
    if n_layers == 0:
        raise ValueError(f"{name} has no weight matrices: expected keys 'W1', 'b1', ...")
    expected_keys = {f"{p}{l}" for l in range(1, n_layers + 1) for p in "Wb"}
    missing = sorted(expected_keys - set(parameters))
    if missing:
        raise ValueError(f"{name} is missing {', '.join(missing)}")
    n_prev = None
    for l in range(1, n_layers + 1):
        W = as_float_array(parameters[f"W{l}"], f"{name}['W{l}']")
        b = as_float_array(parameters[f"b{l}"], f"{name}['b{l}']")
        sizes = {} if n_prev is None else {f"n_{l - 1}": n_prev}
        check_shape(W, f"{name}['W{l}']", (f"n_{l}", f"n_{l - 1}"), sizes)
        check_shape(b, f"{name}['b{l}']", (f"n_{l}", 1), sizes)
        n_prev = W.shape[0]
    return n_layers


def check_grads(parameters: Mapping, grads, name: str = "grads") -> None:
    """Check that ``grads`` (or an optimizer's state called ``name``) has a ``"d" + key`` array of the
    same shape for every key of ``parameters``."""
    if not isinstance(grads, Mapping):
        raise TypeError(f"{name} must be a dict like {{'dW1': ..., 'db1': ...}}, got {type(grads).__name__}")
    for key, value in parameters.items():
        if "d" + key not in grads:
            raise ValueError(f"{name} has no 'd{key}', the gradient of parameters['{key}']")
        if np.shape(grads["d" + key]) != np.shape(value):
            raise ValueError(
                f"{name}['d{key}'] must have the shape of parameters['{key}'], "
                f"{np.shape(value)}, got {np.shape(grads['d' + key])}"
            )


def _is_layer_key(key, prefix: str) -> bool:
    return isinstance(key, str) and key.startswith(prefix) and key[len(prefix) :].isdigit()


def check_positive(value, name: str, *, integer: bool = False, allow_zero: bool = False):
    """Return ``value`` if it is a positive number (an ``int`` when asked)."""
    kinds = (int, np.integer) if integer else (int, float, np.integer, np.floating)
    if isinstance(value, bool) or not isinstance(value, kinds):
        what = "an integer" if integer else "a number"
        raise TypeError(f"{name} must be {what}, got {type(value).__name__}")
    if value < 0 or (value == 0 and not allow_zero) or not np.isfinite(value):
        bound = ">= 0" if allow_zero else "> 0"
        raise ValueError(f"{name} must be {bound}, got {value}")
    return value


def check_probability(value, name: str, *, allow_zero: bool = False, allow_one: bool = True) -> float:
    """Return ``value`` if it lies in (0, 1]; ``allow_zero`` admits 0, ``allow_one=False`` refuses 1."""
    check_positive(value, name, allow_zero=allow_zero)
    if value > 1:
        raise ValueError(f"{name} must be at most 1, got {value}")
    if value == 1 and not allow_one:
        raise ValueError(f"{name} must be less than 1, got {value}")
    return float(value)


def check_rng(rng) -> np.random.Generator:
    """Return ``rng``, a generator seeded with ``rng`` when it is an int, or a fresh one when it is ``None``.

    ``rng=0`` and ``rng=np.random.default_rng(0)`` draw the same numbers; a bool is refused
    (``True`` is an int to Python, but surely not a seed anyone meant).
    """
    if rng is None:
        return np.random.default_rng()
    if isinstance(rng, (int, np.integer)) and not isinstance(rng, (bool, np.bool_)):
        if rng < 0:
            raise ValueError(f"rng as a seed must be a non-negative int, got {rng}")
        return np.random.default_rng(int(rng))
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            "rng must be a numpy.random.Generator (e.g. np.random.default_rng(0)), an int seed or None, "
            f"got {type(rng).__name__}"
        )
    return rng


def check_choice(value, name: str, choices) -> str:
    """Return ``value`` if it is one of ``choices``; list them otherwise."""
    try:
        known = value in choices
    except TypeError:  # unhashable, e.g. a list
        known = False
    if not known:
        valid = ", ".join(repr(c) for c in choices)
        raise ValueError(f"unknown {name} {value!r}; choose one of {valid}")
    return value


Check = Callable[[dict], None]


def checked(*checks: Check):
    """Run ``checks`` on a function's arguments before every call: validation at the edge.

    Each check gets the call's arguments by name, defaults filled in, as a
    dict; it raises a ``TypeError``/``ValueError`` naming the argument, or
    replaces an entry by its clean form (a list by a float array, a seed by a
    Generator). The decorated function then runs on the clean arguments, and
    its body holds only the maths; the undecorated function is its
    ``__wrapped__``.
    """

    def decorate(function):
        signature = inspect.signature(function)
        names = tuple(signature.parameters)
        if any(p.kind is not p.POSITIONAL_OR_KEYWORD for p in signature.parameters.values()):
            raise TypeError(f"checked: {function.__name__} must take plain positional-or-keyword arguments")
        defaults = {n: p.default for n, p in signature.parameters.items() if p.default is not p.empty}
        n_required = len(names) - len(defaults)

        @functools.wraps(function)
        def call(*args, **kwargs):
            if not kwargs and n_required <= len(args) <= len(names):  # the common call, bound cheaply
                arguments = {**defaults, **dict(zip(names, args))}
            else:  # Python's own binding, and its TypeError for a wrong call
                bound = signature.bind(*args, **kwargs)
                bound.apply_defaults()
                arguments = bound.arguments
            for check in checks:
                check(arguments)
            return function(**arguments)

        return call

    return decorate


def arrays(*names: str, **shapes: tuple[int | str, ...]) -> Check:
    """A check that makes the arguments ``names`` and ``shapes`` float arrays (see :func:`as_float_array`).

    Those given as ``name=spec`` must also fit their shape spec; dimension
    letters are shared, in argument order, so ``arrays(X=("n_x", "m"),
    Y=("n_y", "m"))`` insists that ``Y`` has as many columns as ``X``.
    """

    def check(arguments: dict) -> None:
        sizes: dict[str, int] = {}
        for name in names:
            arguments[name] = as_float_array(arguments[name], name)
        for name, spec in shapes.items():
            arguments[name] = as_float_array(arguments[name], name)
            check_shape(arguments[name], name, spec, sizes)

    return check
