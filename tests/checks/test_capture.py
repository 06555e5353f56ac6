"""nnlib.checks.capture: a learner's call with its output captured, and its exception classified and located."""

from __future__ import annotations

import contextlib
import functools
import sys
import warnings

import numpy as np
import pytest

from nnlib.checks import NotDoneYet
from nnlib.checks.capture import (
    INTERRUPTED,
    NOT_DONE,
    OK,
    RAISED,
    call_captured,
    call_site,
    learner_line,
    unfinished_name,
)


def line_of(fn, text: str) -> int:
    """The line number of the first line of ``fn``'s source that contains ``text``."""
    import inspect

    lines, first = inspect.getsourcelines(fn)
    return first + next(i for i, line in enumerate(lines) if text in line)


def chatty(x, scale=1):
    print("to stdout")
    print("to stderr", file=sys.stderr)
    warnings.warn("careful", RuntimeWarning, stacklevel=2)
    warnings.warn("careful", RuntimeWarning, stacklevel=2)
    return x * scale


def test_a_call_returns_its_output_with_its_printing_and_every_warning_captured(capsys):
    captured = call_captured(chatty, [3], {"scale": 2})
    assert (captured.status, captured.output, captured.error) == (OK, 6, None)
    assert captured.printed == "to stdout\nto stderr\n"
    assert [(w.category, str(w.message)) for w in captured.warnings] == [(RuntimeWarning, "careful")] * 2
    assert capsys.readouterr() == ("", "")


def test_capturing_leaves_the_warning_filters_as_they_were():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        call_captured(chatty, [1])
        with pytest.raises(RuntimeWarning):
            warnings.warn("still an error", RuntimeWarning, stacklevel=2)


def raise_it(error: BaseException):
    print("before")
    raise error


@pytest.mark.parametrize(
    "error, status",
    [
        (NotImplementedError(), NOT_DONE),
        (NotDoneYet("sigmoid"), NOT_DONE),
        (KeyboardInterrupt(), INTERRUPTED),
        (ValueError("bad shape"), RAISED),
        (SystemExit(3), RAISED),
        (ArithmeticError(), RAISED),
    ],
)
def test_an_exception_is_kept_and_classified_never_raised(error, status):
    captured = call_captured(raise_it, [error])
    assert captured.error is error and captured.status == status
    assert captured.output is None and captured.printed == "before\n"


def test_within_is_entered_around_the_call_alone():
    entered = []

    @contextlib.contextmanager
    def recorded():
        entered.append("in")
        try:
            yield
        finally:
            entered.append("out")

    assert call_captured(lambda: entered.append("call") or 1, within=recorded()).output == 1
    assert entered == ["in", "call", "out"]


def helper_stub():
    raise NotImplementedError


def uses_helper(x):
    y = x + 1
    return helper_stub() + y


def test_the_unfinished_function_is_named_by_the_stub_else_by_the_frame():
    assert unfinished_name(call_captured(raise_it, [NotDoneYet("sigmoid")]).error) == "sigmoid"
    error = call_captured(uses_helper, [1]).error
    assert unfinished_name(error) == "helper_stub"
    assert call_site(error, uses_helper) == f"line {line_of(uses_helper, 'helper_stub()')}: `return helper_stub() + y`"


def wrong_product(W, X):
    Z = W @ X
    return Z


def inner_lookup(parameters):
    return parameters["W1"]


def calls_inner(parameters):
    return inner_lookup(parameters)


def test_the_learner_line_is_the_deepest_line_of_their_own_code():
    error = call_captured(wrong_product, [np.ones((3, 2)), np.ones((3, 4))]).error
    assert isinstance(error, ValueError)  # raised inside numpy, located in the learner's line
    assert learner_line(error, wrong_product) == f"line {line_of(wrong_product, 'W @ X')}: `Z = W @ X`"
    error = call_captured(calls_inner, [{"W2": 0}]).error
    where = learner_line(error, calls_inner)
    assert where == f'line {line_of(inner_lookup, "W1")} (in `inner_lookup`): `return parameters["W1"]`'


def test_code_without_source_gets_its_line_number_only():
    namespace: dict = {}
    exec(compile("def f(x):\n    y = 1\n    return x[5]\n", "<no such cell>", "exec"), namespace)
    error = call_captured(namespace["f"], [[1, 2]]).error
    assert isinstance(error, IndexError)
    assert learner_line(error, namespace["f"]) == "line 3"
    assert call_site(error, namespace["f"]) == "line 3"


def test_an_error_in_library_code_alone_has_no_learner_line():
    inverse = functools.partial(np.linalg.inv)  # no code of its own: only numpy's frames in the traceback
    error = call_captured(inverse, [np.zeros((2, 2))]).error
    assert isinstance(error, np.linalg.LinAlgError)
    assert learner_line(error, inverse) is None
    assert learner_line(call_captured(int, ["x"]).error, int) is None
