"""nnlib.checks.runner: the contract, and what run(), check(), hint() and use() do with every kind of learner code."""

from __future__ import annotations

import dataclasses
import time
import warnings

import numpy as np
import pytest

from nnlib import shapes
from nnlib.checks import CheckResult, NotDoneYet, Outcome, check, hint, registry, run, use


def mean_right(A):
    return A.mean(axis=1, keepdims=True)


def test_passed_result():
    result = run("mean_over_examples", mean_right)
    assert isinstance(result, CheckResult)
    assert result.passed and result.outcome is Outcome.PASSED
    assert result.message.startswith("✓ mean_over_examples: passed (6 test inputs)")
    assert result.inputs == {}


def test_learner_function_is_called_once_per_test_input():
    calls = []

    def counting(A):
        calls.append(A.shape)
        return A.mean(axis=1, keepdims=True)

    result = run("mean_over_examples", counting)
    assert result.passed
    assert f"passed ({len(calls)} test inputs)" in result.message
    assert len(calls) == 6


def raises_value_error(A):
    return A @ np.ones((2, 3))  # shapes never fit the tests


def raises_system_exit(A):
    raise SystemExit(3)


def returns_a_string(A):
    return "mean"


def returns_an_object(A):
    class Weird:
        def __array__(self, *args, **kwargs):
            raise RuntimeError("no")

        def __eq__(self, other):
            raise RuntimeError("no")

    return Weird()


@pytest.mark.parametrize(
    "fn, outcome, says",
    [
        (raises_value_error, Outcome.RAISED, "your code raised ValueError"),
        (raises_system_exit, Outcome.RAISED, "your code raised SystemExit"),
        (returns_a_string, Outcome.FAILED, "must be a numpy array"),
        (returns_an_object, Outcome.FAILED, "must be a numpy array"),
        (lambda A: None, Outcome.FAILED, "did you forget `return`?"),
        (42, Outcome.FAILED, "pass the function itself"),
        (None, Outcome.FAILED, "expected your function, got None"),
    ],
)
def test_run_reports_instead_of_raising(fn, outcome, says):
    result = run("mean_over_examples", fn)
    assert result.outcome is outcome
    assert says in result.message


def test_raised_error_names_the_line_and_the_inputs():
    result = run("mean_over_examples", raises_value_error)
    details = dict(result.details)
    line = raises_value_error.__code__.co_firstlineno + 1
    assert details["where"] == f"line {line}: `return A @ np.ones((2, 3))  # shapes never fit the tests`"
    assert details["inputs"] == "A (3, 5)"
    assert "shapes do not fit together" in details["likely cause"]
    assert result.inputs["A"].shape == (3, 5)


def test_wrong_signature_is_explained():
    result = run("weighted_sums", lambda W, X: W @ X)
    assert result.outcome is Outcome.RAISED
    assert "must take the arguments `weighted_sums(W, b, X)`" in result.message


def test_the_reference_object_itself_is_refused():
    result = run("weighted_sums", shapes.weighted_sums)
    assert not result.passed
    assert "the course's own version, not yours" in result.message


def test_not_implemented_error_is_not_done_yet():
    def stub(A):
        raise NotImplementedError

    assert run("mean_over_examples", stub).outcome is Outcome.NOT_DONE


def test_mutation_is_caught_and_the_test_inputs_are_safe():
    seen = []

    def mutating(A):
        seen.append(A.copy())
        A[0, 0] = 99.0
        return A.mean(axis=1, keepdims=True)

    result = run("mean_over_examples", mutating)
    assert result.outcome is Outcome.FAILED
    assert "changed its argument `A` in place (entry [0, 0] was" in result.message
    assert "now 99.0)" in result.message


def test_drawing_from_the_given_generator_is_not_a_mutation():
    def initialize_parameters(input_size, hidden_size, output_size, rng=None):
        rng = np.random.default_rng(rng)
        return {
            "W1": rng.standard_normal((hidden_size, input_size)) * 0.01,
            "b1": np.zeros((hidden_size, 1)),
            "W2": rng.standard_normal((output_size, hidden_size)) * 0.01,
            "b2": np.zeros((output_size, 1)),
        }

    result = run("initialize_parameters", initialize_parameters)
    assert result.passed, result.message
    assert "passed (11 test inputs)" in result.message  # the seeded calls ran


def test_printing_is_captured_and_noted(capsys):
    def chatty(A):
        print("debugging", A.shape)
        return A.mean(axis=1, keepdims=True)

    result = run("mean_over_examples", chatty)
    assert result.passed
    assert "printed something" in result.message
    assert capsys.readouterr().out == ""


def test_other_warnings_are_captured_and_noted():
    def warns(A):
        warnings.warn("careful now", UserWarning, stacklevel=1)
        return A.mean(axis=1, keepdims=True)

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # would raise if the warning escaped the check
        result = run("mean_over_examples", warns)
    assert result.passed
    assert "UserWarning: careful now" in result.message


def test_a_numpy_warning_fails_in_every_exercise_and_names_its_line():
    def warns(A):
        m = A.shape[1]
        total = np.sum(A, axis=1, keepdims=True)
        return total / (m - m) * 0 + total / m

    result = run("mean_over_examples", warns)
    assert result.outcome is Outcome.FAILED
    assert result.summary.startswith("numpy warned on this input: RuntimeWarning: ")
    details = dict(result.details)
    line = warns.__code__.co_firstlineno + 3  # the file's line numbers: in a notebook, the cell's
    assert details["where"] == f"line {line}: `return total / (m - m) * 0 + total / m`"
    assert details["likely cause"].startswith("a division by zero gave inf on this input; every check fails")


def test_an_exercise_names_its_own_cause_for_the_warning_it_explains():
    def naive(Z):
        return 1 / (1 + np.exp(-Z))

    def divides_by_zero(Z):
        ratio = np.ones_like(Z) / (Z - Z)  # a division by zero on the way, unused
        E = np.exp(-np.abs(Z))
        return np.where(Z >= 0, 1 / (1 + E), E / (1 + E)) + 0 * ratio.size

    assert "compute `np.exp` only of −|z|" in dict(run("stable_sigmoid", naive).details)["likely cause"]
    cause = dict(run("stable_sigmoid", divides_by_zero).details)["likely cause"]
    assert cause.startswith("a division by zero gave inf"), cause  # not the exercise's cause about np.exp


@pytest.fixture
def short_time_limit(monkeypatch):
    """mean_over_examples with a time limit of 0.2 s instead of 5 s."""
    exercise = registry.get_exercise("mean_over_examples")
    monkeypatch.setitem(registry._exercises(), "mean_over_examples", dataclasses.replace(exercise, time_limit=0.2))


def test_time_limit(short_time_limit):
    def endless(A):
        while True:
            pass

    start = time.perf_counter()
    result = run("mean_over_examples", endless)
    assert time.perf_counter() - start < 2
    assert result.outcome is Outcome.FAILED
    assert "did not finish within 0.2 s" in result.message
    assert "endless loop" in result.message


def test_a_learner_catching_every_exception_cannot_hide_the_time_limit(short_time_limit):
    def stubborn(A):
        while True:
            try:
                time.sleep(0.01)
            except Exception:  # noqa: BLE001
                pass

    assert "did not finish" in run("mean_over_examples", stubborn).message


def test_check_prints_plain_text_outside_ipython(capsys):
    check("mean_over_examples", mean_right)
    assert capsys.readouterr().out.startswith("✓ mean_over_examples: passed")


def test_hints_go_up_one_level_at_a_time(capsys, monkeypatch):
    from nnlib.checks import runner

    monkeypatch.setattr(runner, "_HINTS_SHOWN", {})
    count = len(registry.get_exercise("layer_sizes").hints)
    for level in range(1, count + 2):
        hint("layer_sizes")
        out = capsys.readouterr().out
        assert out.startswith(f"Hint {min(level, count)} of {count} for layer_sizes")
    assert "(the last one)" in out
    hint("layer_sizes", 1)
    assert capsys.readouterr().out.startswith("Hint 1 of")
    with pytest.raises(ValueError, match="level must be an int from 1 to 3"):
        hint("layer_sizes", 9)


def test_use_picks_the_learners_function_only_when_it_passes(capsys):
    def mine(A):
        return A.mean(axis=1, keepdims=True)

    assert use("mean_over_examples", mine) is mine
    assert capsys.readouterr().out == "Using your `mean_over_examples` (it passes its check).\n"

    def unfinished(A):
        raise NotDoneYet()

    assert use("mean_over_examples", unfinished) is shapes.mean_over_examples
    assert "because yours is not done yet" in capsys.readouterr().out

    def wrong(A):
        return A.sum(axis=1, keepdims=True)

    assert use("mean_over_examples", wrong) is shapes.mean_over_examples
    assert "because yours does not pass its check yet" in capsys.readouterr().out


def test_use_after_check_does_not_test_again(capsys):
    calls = []

    def mine(A):
        calls.append(1)
        return A.mean(axis=1, keepdims=True)

    check("mean_over_examples", mine)
    first = len(calls)
    use("mean_over_examples", mine)
    assert len(calls) == first


def test_a_stub_called_inside_is_named_and_the_outer_function_is_not_called_not_done():
    def update_parameters(parameters, grads, learning_rate):
        raise NotDoneYet()

    def nn_model(X, Y, hidden_size=4, num_iterations=10000, learning_rate=1.2, rng=None, print_cost=False):
        parameters = {"W1": np.zeros((hidden_size, X.shape[0]))}
        return update_parameters(parameters, {}, learning_rate), []

    result = run("nn_model", nn_model)
    assert result.outcome is Outcome.RAISED
    assert result.summary == "your `nn_model` calls `update_parameters`, which is not done yet"
    assert "nn_model` is not done yet" not in result.message
    assert "return update_parameters(parameters, {}, learning_rate), []" in dict(result.details)["where"]
    assert "because yours does not pass its check yet" in _use_output("nn_model", nn_model)


def test_a_plain_not_implemented_error_inside_is_named_after_its_function():
    def helper(A):
        raise NotImplementedError

    result = run("mean_over_examples", lambda A: helper(A))
    assert result.summary == "your `mean_over_examples` calls `helper`, which is not done yet"


def _use_output(exercise_id, fn) -> str:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        use(exercise_id, fn)
    return out.getvalue()


def test_changing_the_contents_of_a_list_passed_in_fails():
    from nnlib import deep

    def backprop_pops(AL, Y, caches):
        grads = {}
        L = len(caches)
        dA = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
        for l in reversed(range(1, L + 1)):
            cache = caches.pop()
            activation = "sigmoid" if l == L else "relu"
            dA, grads[f"dW{l}"], grads[f"db{l}"] = deep.linear_activation_backward(dA, cache, activation)
            grads[f"dA{l - 1}"] = dA
        return grads

    result = run("backprop", backprop_pops)
    assert result.outcome is Outcome.FAILED
    assert "it changed its argument `caches` in place (its length" in result.summary
    assert "`caches.pop()`" in dict(result.details)["likely cause"]


def test_replacing_an_entry_of_a_dict_passed_in_fails():
    def update_replaces(parameters, grads, learning_rate):
        for key in ("W1", "b1", "W2", "b2"):
            parameters[key] = parameters[key] - learning_rate * grads["d" + key]
        return parameters

    result = run("update_parameters", update_replaces)
    assert result.outcome is Outcome.FAILED
    assert "it changed its argument `parameters` in place" in result.summary
    assert "replaces an entry of the caller's dict" in dict(result.details)["likely cause"]


def test_a_reproduced_mistake_reads_as_one_and_an_unknown_wrong_answer_gets_no_guess():
    def missing_divide(A):
        return np.sum(A, axis=1, keepdims=True)

    def odd(A):
        return np.mean(A, axis=1, keepdims=True) + np.arange(A.shape[0]).reshape(-1, 1) * 0.37

    details = dict(run("mean_over_examples", missing_divide).details)
    assert details["diagnosis"].startswith("your output on this test is exactly what the known mistake below gives")
    assert details["likely cause"].startswith("missing `/ m`")
    result = run("mean_over_examples", odd)
    assert result.outcome is Outcome.FAILED
    assert {"expected", "received"} <= set(dict(result.details))
    assert "likely cause" not in dict(result.details) and "diagnosis" not in dict(result.details)


def test_the_signature_advice_only_when_the_function_itself_cannot_take_the_call():
    def helper(W, X):
        return W @ X

    def calls_a_helper_wrongly(W, b, X):
        return helper(W, b, X)

    def takes_two(W, X):
        return W @ X

    assert "likely cause" not in dict(run("weighted_sums", calls_a_helper_wrongly).details)
    assert (
        "must take the arguments `weighted_sums(W, b, X)`"
        in dict(run("weighted_sums", takes_two).details)["likely cause"]
    )


def test_seeds_an_int_and_a_generator_must_give_the_same_draws():
    def fresh_for_an_int(input_size, hidden_size, output_size, rng=None):
        rng = rng if isinstance(rng, np.random.Generator) else np.random.default_rng()
        W1 = rng.standard_normal((hidden_size, input_size)) * 0.01
        W2 = rng.standard_normal((output_size, hidden_size)) * 0.01
        return {"W1": W1, "b1": np.zeros((hidden_size, 1)), "W2": W2, "b2": np.zeros((output_size, 1))}

    def off_by_one_seed(input_size, hidden_size, output_size, rng=None):
        rng = np.random.default_rng(rng + 1) if isinstance(rng, int) else np.random.default_rng(rng)
        return fresh_for_an_int(input_size, hidden_size, output_size, rng)

    assert run("initialize_parameters", fresh_for_an_int).summary.startswith("the same int seed `rng = 7` gave two")
    assert run("initialize_parameters", off_by_one_seed).summary.startswith("an int seed `rng = 7` must give the same")
