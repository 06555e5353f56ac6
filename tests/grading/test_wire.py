"""nnlib.grading.wire: data travels both ways with types kept; pickles and garbage are refused."""

from __future__ import annotations

import base64
import io
import pickle
import zipfile

import numpy as np
import pytest

from nnlib.grading import wire


def test_data_travels_both_ways_with_types_kept():
    rng = np.random.default_rng(3)
    value = {
        "A": np.arange(6.0).reshape(2, 3),
        "ints": np.array([[1, 2]], dtype=np.int32),
        "pair": (1, 2.5, float("nan"), float("-inf"), 10**30),
        "list": [True, None, "text", np.float32(1.5)],
        "rng": rng,
    }
    back = wire.unpack(wire.pack(value))
    assert set(back) == set(value)
    np.testing.assert_array_equal(back["A"], value["A"])
    assert back["ints"].dtype == np.int32
    assert back["pair"][:2] == (1, 2.5) and np.isnan(back["pair"][2]) and back["pair"][3] == -np.inf
    assert back["pair"][4] == 10**30
    assert back["list"][:3] == [True, None, "text"] and back["list"][3] == np.float32(1.5)
    assert back["rng"].standard_normal() == np.random.default_rng(3).standard_normal()


def test_what_is_not_data_arrives_as_a_description():
    back = wire.unpack(wire.pack({"f": len, "obj": object(), "arr": np.array([object()])}))
    assert type(back["f"]).__name__ == "builtin_function_or_method"
    assert isinstance(back["obj"], wire.Opaque) and isinstance(back["arr"], wire.Opaque)
    callables = []
    packed = wire.pack([len], callables)
    assert callables == [len]
    assert wire.unpack(packed, callable_factory=lambda ref: ("called back", ref)) == [("called back", 0)]


def test_pickles_and_garbage_are_refused():
    evil = io.BytesIO()
    np.savez(evil, __tree__=np.frombuffer(b'{"t": "array", "ref": "a0"}', dtype=np.uint8), a0=np.array([object()]))
    with pytest.raises(wire.WireError):
        wire.unpack(base64.b64encode(evil.getvalue()).decode())
    with pytest.raises(wire.WireError):
        wire.unpack(base64.b64encode(pickle.dumps({"x": 1})).decode())
    for garbage in ("", "not base64!", 42):
        with pytest.raises(wire.WireError):
            wire.unpack(garbage)


def _archive(compress: bool, **arrays) -> str:
    buffer = io.BytesIO()
    (np.savez_compressed if compress else np.savez)(buffer, **arrays)
    return base64.b64encode(buffer.getvalue()).decode()


def test_compressed_or_overdeclared_archives_are_refused_before_loading():
    tree = np.frombuffer(b'{"t": "array", "ref": "a0"}', dtype=np.uint8)
    with pytest.raises(wire.TooLarge, match="compressed"):  # 1.6 GB of zeros in a few MB
        wire.unpack(_archive(True, __tree__=tree, a0=np.zeros(10**6, dtype=np.uint8)))
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(header, {"descr": "<f8", "fortran_order": False, "shape": (10**9,)})
    stored = io.BytesIO()
    with zipfile.ZipFile(stored, "w") as archive:  # an array that claims 8 GB and holds 8 bytes
        archive.writestr("__tree__.npy", _npy(tree))
        archive.writestr("a0.npy", header.getvalue() + bytes(8))
    with pytest.raises(wire.TooLarge, match="declares more data"):
        wire.unpack(base64.b64encode(stored.getvalue()).decode())
    np.testing.assert_array_equal(wire.unpack(_archive(False, __tree__=tree, a0=np.arange(3))), np.arange(3))


def _npy(array) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array)
    return buffer.getvalue()
