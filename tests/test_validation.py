"""Validation at the edge: every exercise's reference holds only the maths, and ``checked`` checks its arguments."""

import ast
import inspect
import textwrap

import numpy as np
import pytest

from nnlib import _validation
from nnlib._validation import arrays, checked
from nnlib.checks import exercise_ids, reference

#: Calls that validate: nnlib._validation's helpers, and any function named like a check.
VALIDATORS = set(_validation.__all__)


def _validation_in_body(fn) -> list[str]:
    """The raise statements and validation calls in the body of ``fn`` (its decorators excluded)."""
    maths = inspect.unwrap(fn)
    lines, first = inspect.getsourcelines(maths)
    definition = ast.parse(textwrap.dedent("".join(lines))).body[0]
    found = []
    for node in (inner for statement in definition.body for inner in ast.walk(statement)):
        if isinstance(node, ast.Raise):
            found.append(f"line {first + node.lineno - 1}: raise")
        elif isinstance(node, ast.Call):
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name in VALIDATORS or name.startswith(("check_", "_check")):
                found.append(f"line {first + node.lineno - 1}: {name}(...)")
    return found


@pytest.mark.parametrize("exercise_id", exercise_ids())
def test_an_exercise_reference_holds_only_the_maths(exercise_id):
    fn = reference(exercise_id)
    assert _validation_in_body(fn) == [], (
        f"{exercise_id}: {inspect.unwrap(fn).__qualname__} validates inside its body; "
        "declare the checks once with nnlib._validation.checked"
    )


def test_the_rule_sees_a_check_in_a_body():
    def validating(Z):
        Z = _validation.as_float_array(Z, "Z")
        if Z.ndim != 2:
            raise ValueError("Z must be 2-D")
        return Z

    assert [entry.split(": ")[1] for entry in _validation_in_body(validating)] == ["as_float_array(...)", "raise"]


@checked(arrays(W=("n", "n_x"), X=("n_x", "m")))
def _product(W, X, scale=1.0):
    return scale * (W @ X)


def test_checked_cleans_the_arguments_then_runs_the_maths():
    assert _product([[1, 2]], [[1], [1]]).tolist() == [[3.0]]  # lists become float arrays
    assert _product(np.ones((1, 2)), np.ones((2, 3)), scale=2.0).tolist() == [[4.0, 4.0, 4.0]]
    assert _product(X=np.ones((2, 1)), W=np.ones((1, 2))).tolist() == [[2.0]]
    assert _product.__name__ == "_product"
    assert inspect.unwrap(_product)(np.eye(2), [[1], [2]]).tolist() == [[1], [2]]  # the maths alone: no check ran
    assert list(inspect.signature(_product).parameters) == ["W", "X", "scale"]


def test_checked_names_the_argument_and_the_shapes():
    with pytest.raises(ValueError, match=r"X must have shape \(n_x=2, m\), got \(3, 1\)"):
        _product(np.ones((1, 2)), np.ones((3, 1)))


@pytest.mark.parametrize(
    "call",
    [
        lambda: _product(np.ones((1, 2))),
        lambda: _product(np.ones((1, 2)), np.ones((2, 1)), 1.0, 2.0),
        lambda: _product(np.ones((1, 2)), np.ones((2, 1)), W=np.ones((1, 2))),
        lambda: _product(np.ones((1, 2)), np.ones((2, 1)), size=3),
    ],
)
def test_a_wrong_call_gets_pythons_own_type_error(call):
    with pytest.raises(TypeError):
        call()


def test_checked_takes_plain_arguments_only():
    with pytest.raises(TypeError, match="positional-or-keyword"):
        checked()(lambda *arrays: arrays)
