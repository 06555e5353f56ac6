"""Values as data between the grader and a learner's kernel: numpy's ``.npz`` format, pickles refused.

:func:`pack` turns a value into text (base64 of an ``.npz`` archive that
holds every array, plus the value's structure as JSON); :func:`unpack` turns
it back, with ``allow_pickle=False`` and limits on size and depth, so what a
kernel sends can never run code in the grader. What can travel:

- ``None``, bools, ints, floats (``nan`` and ``inf`` included), strings;
- lists, tuples and dicts with string keys, of those;
- numpy arrays (any dtype but ``object``) and numpy scalars;
- numpy Generators, as their bit generator's state;
- callables, from the grader to a kernel only: they become numbered
  stand-ins that :func:`unpack` builds with the ``callable_factory`` it is
  given (the kernel calls back to the grader through them).

Anything else a kernel sends (a function, a class instance) arrives as an
:class:`Opaque` value that names its type: data about it, never the object.

Before anything is loaded, the archive is read for what it declares: only
stored (uncompressed) members, whose ``.npy`` headers declare no more data
than they hold, within :data:`MAX_BYTES` in all; a 2 MB compressed reply
that would become 1.6 GB is refused as such (:class:`TooLarge`).
"""

from __future__ import annotations

import base64
import io
import json
import math
import zipfile
from collections.abc import Callable

import numpy as np

__all__ = ["WireError", "TooLarge", "Opaque", "opaque", "pack", "unpack", "MAX_BYTES"]

MAX_BYTES = 64 * 2**20  # a packed value larger than this is refused
MAX_DEPTH = 32
_TREE = "__tree__"
_GENERATORS = ("PCG64", "PCG64DXSM", "MT19937", "Philox", "SFC64")


class WireError(ValueError):
    """A packed value that is malformed, too large or too deep."""


class TooLarge(WireError):
    """A packed value that declares more data than the wire accepts, or compressed data."""


def _check_declared(raw: bytes) -> None:
    """Refuse an archive with compressed members, or whose arrays declare more than they hold or than
    :data:`MAX_BYTES` in all, before any of it is loaded."""
    total = 0
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        for member in archive.infolist():
            if member.compress_type != zipfile.ZIP_STORED:
                raise TooLarge(f"the member {member.filename[:60]!r} is compressed; only stored data is accepted")
            total += member.file_size
            if total > MAX_BYTES:
                raise TooLarge(f"the value declares more than {MAX_BYTES // 2**20} MB")
            with archive.open(member) as stream:
                major, _ = np.lib.format.read_magic(stream)
                read_header = np.lib.format.read_array_header_1_0 if major == 1 else np.lib.format.read_array_header_2_0
                shape, _, dtype = read_header(stream)
            if math.prod(shape) * dtype.itemsize > member.file_size:
                raise TooLarge(f"the array {member.filename[:60]!r} declares more data than it holds")


class Opaque:
    """A value that is not data (a function, an object), known only by its type's name and a short repr."""

    def __init__(self, type_name: str, text: str = ""):
        self.type_name = type_name
        self.text = text

    def __repr__(self) -> str:
        return f"<{self.type_name} (not data)>"


def opaque(type_name: str, text: str = "") -> Opaque:
    """An Opaque whose class carries the type's name, so ``type(value).__name__`` reads as the original's."""
    name = type_name if type_name.isidentifier() else "object"
    return type(name, (Opaque,), {})(type_name, text)


def pack(value, callables: list | None = None) -> str:
    """``value`` as text; callables are appended to ``callables`` (refused when it is ``None``)."""
    arrays: dict[str, np.ndarray] = {}
    tree = _encode(value, arrays, callables, 0)
    arrays[_TREE] = np.frombuffer(json.dumps(tree).encode(), dtype=np.uint8)
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _encode(value, arrays: dict, callables: list | None, depth: int):
    if depth > MAX_DEPTH:
        return {"t": "object", "type": type(value).__name__, "repr": "nested too deeply"}
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return {"t": "int", "v": str(value)}
    if isinstance(value, float):
        return {"t": "float", "v": repr(value)}
    if isinstance(value, np.ndarray) and value.dtype != object:
        key = f"a{len(arrays)}"
        arrays[key] = value
        return {"t": "array", "ref": key}
    if isinstance(value, np.generic) and not isinstance(value, np.object_):
        key = f"a{len(arrays)}"
        arrays[key] = np.asarray(value)
        return {"t": "scalar", "ref": key}
    if isinstance(value, np.random.Generator) and type(value.bit_generator).__name__ in _GENERATORS:
        return {"t": "rng", "state": value.bit_generator.state}
    if isinstance(value, (list, tuple)):
        items = [_encode(item, arrays, callables, depth + 1) for item in value]
        return items if isinstance(value, list) else {"t": "tuple", "items": items}
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        return {
            "t": "dict",
            "items": [[key, _encode(item, arrays, callables, depth + 1)] for key, item in value.items()],
        }
    if callable(value) and callables is not None:
        callables.append(value)
        return {"t": "callable", "ref": len(callables) - 1}
    try:
        text = repr(value)[:120]
    except Exception:  # noqa: BLE001  (a repr that raises still gets described by its type)
        text = ""
    return {"t": "object", "type": type(value).__name__, "repr": text}


def unpack(text: str, callable_factory: Callable[[int], Callable] | None = None):
    """The value packed in ``text``; a :class:`WireError` when it is malformed or too large."""
    if not isinstance(text, str) or len(text) > MAX_BYTES * 4 // 3 + 4:
        raise WireError("the packed value is not text, or too large")
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
        _check_declared(raw)
        with np.load(io.BytesIO(raw), allow_pickle=False) as archive:
            arrays = {name: archive[name] for name in archive.files}
        tree = json.loads(bytes(arrays.pop(_TREE)).decode())
    except WireError:
        raise
    except Exception as error:  # noqa: BLE001  (whatever is wrong with it, it is not a packed value)
        raise WireError(f"not a packed value: {type(error).__name__}: {error}") from None
    return _Decoder(arrays, callable_factory).value(tree)


class _Decoder:
    """Rebuilds a value from its JSON tree and the archive's arrays: one small method per kind of node."""

    def __init__(self, arrays: dict, callable_factory: Callable[[int], Callable] | None):
        self.arrays = arrays
        self.callable_factory = callable_factory
        self.kinds = {
            "int": self._int,
            "float": lambda node, depth: float(node["v"]),
            "array": self._array,
            "scalar": self._array,
            "tuple": lambda node, depth: tuple(self.value(item, depth + 1) for item in node["items"]),
            "dict": lambda node, depth: {str(key): self.value(item, depth + 1) for key, item in node["items"]},
            "rng": self._generator,
            "callable": self._callable,
            "object": lambda node, depth: opaque(str(node.get("type", "object"))[:60], str(node.get("repr", ""))[:120]),
        }

    def value(self, tree, depth: int = 0):
        if depth > MAX_DEPTH:
            raise WireError("the packed value is nested too deeply")
        if tree is None or isinstance(tree, (bool, str)):
            return tree
        if isinstance(tree, list):
            return [self.value(item, depth + 1) for item in tree]
        if not isinstance(tree, dict):
            raise WireError(f"unexpected {type(tree).__name__} in a packed value")
        kind = tree.get("t")
        if kind not in self.kinds:
            raise WireError(f"unknown kind {kind!r} in a packed value")
        return self.kinds[kind](tree, depth)

    @staticmethod
    def _int(node: dict, depth: int) -> int:
        if len(node["v"]) > 4000:
            raise WireError("an integer with too many digits")
        return int(node["v"])

    def _array(self, node: dict, depth: int):
        array = self.arrays.get(node.get("ref"))
        if array is None:
            raise WireError("a packed array is missing")
        return array if node["t"] == "array" else array[()]

    @staticmethod
    def _generator(node: dict, depth: int) -> np.random.Generator:
        state = node["state"]
        name = state.get("bit_generator") if isinstance(state, dict) else None
        if name not in _GENERATORS:
            raise WireError(f"unknown bit generator {name!r}")
        bit_generator = getattr(np.random, name)()
        bit_generator.state = state
        return np.random.Generator(bit_generator)

    def _callable(self, node: dict, depth: int):
        if self.callable_factory is None:
            return opaque("function", "a function")
        return self.callable_factory(int(node["ref"]))
