"""nnlib.checks: the contract, and what run() does with every kind of learner code."""

from __future__ import annotations

import dataclasses
import os
import time
import warnings

import numpy as np
import pytest

from nnlib import shapes
from nnlib.checks import CheckResult, NotDoneYet, Outcome, check, exercise_ids, hint, reference, registry, run, use
from nnlib.checks.notdone import FULL_TRACEBACKS_VARIABLE
from nnlib.checks.source import python_loops, source_text


def mean_right(A):
    return A.mean(axis=1, keepdims=True)


# --- the contract -------------------------------------------------------------


def test_exercise_ids_are_unique_and_in_course_order():
    ids = exercise_ids()
    assert ids[:3] == ["layer_sizes", "weighted_sums", "mean_over_examples"]
    assert len(ids) == len(set(ids))


def test_reference_is_nnlibs_function():
    assert reference("weighted_sums") is shapes.weighted_sums


def test_unknown_exercise_id_lists_the_valid_ones():
    with pytest.raises(ValueError, match="unknown exercise id 'sigmod'.*layer_sizes"):
        run("sigmod", mean_right)


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


# --- run() never raises --------------------------------------------------------


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
    assert "passed (9 test inputs)" in result.message  # the seeded calls ran


def test_python_loops_reads_the_source():
    def looped(X):
        total = 0
        for x in X:
            total += x
        return [t for t in range(3)]

    first = looped.__code__.co_firstlineno
    assert python_loops(looped) == [
        f"line {first + 2}: `for x in X:`",
        f"line {first + 4}: `return [t for t in range(3)]`",
    ]
    assert python_loops(mean_right) == []
    assert python_loops(np.mean) is None or isinstance(python_loops(np.mean), list)
    assert python_loops(len) is None
    assert source_text(len) is None
    assert source_text(mean_right).startswith("def mean_right(A):")


def test_full_traceback_variable_is_not_set_in_ci():
    # Stored notebook outputs assume the friendly one-line "not done yet".
    assert os.environ.get(FULL_TRACEBACKS_VARIABLE, "") in ("", "0")


def test_printing_is_captured_and_noted(capsys):
    def chatty(A):
        print("debugging", A.shape)
        return A.mean(axis=1, keepdims=True)

    result = run("mean_over_examples", chatty)
    assert result.passed
    assert "printed something" in result.message
    assert capsys.readouterr().out == ""


def test_warnings_are_captured_and_noted():
    def warns(A):
        warnings.warn("careful now", RuntimeWarning, stacklevel=1)
        return A.mean(axis=1, keepdims=True)

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # would raise if the warning escaped the check
        result = run("mean_over_examples", warns)
    assert result.passed
    assert "RuntimeWarning: careful now" in result.message


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


# --- rendering -------------------------------------------------------------------


def test_failure_box_plain_and_html():
    result = run("mean_over_examples", lambda A: A.mean(axis=1))
    text = str(result)
    assert text.splitlines()[0] == "✗ mean_over_examples: `mean` has shape (3,) but must have shape (3, 1)"
    assert "likely cause: a dimension of size 1 was dropped: did you forget `keepdims=True`" in text
    assert 'hint("mean_over_examples")' in text
    assert "\x1b" not in text  # no ANSI colour codes
    page = result._repr_html_()
    assert "<code>keepdims=True</code>" in page and "border-left" in page


def test_html_escapes_learner_text():
    result = CheckResult("x", Outcome.FAILED, "got <script>alert(1)</script>", (("received", "a < b"),))
    assert "<script>" not in result._repr_html_()
    assert "&lt;script&gt;" in result._repr_html_()


def test_passed_html_is_one_line():
    page = run("mean_over_examples", mean_right)._repr_html_()
    assert "<table" not in page and "✓" in page


def test_check_prints_plain_text_outside_ipython(capsys):
    check("mean_over_examples", mean_right)
    assert capsys.readouterr().out.startswith("✓ mean_over_examples: passed")


# --- NotDoneYet --------------------------------------------------------------------


def test_not_done_yet_names_the_function_and_renders_as_one_line(monkeypatch):
    monkeypatch.delenv(FULL_TRACEBACKS_VARIABLE, raising=False)

    def sigmoid(Z):
        raise NotDoneYet()

    with pytest.raises(NotDoneYet) as info:
        sigmoid(0)
    assert isinstance(info.value, NotImplementedError)
    assert info.value.exercise_id == "sigmoid"
    assert info.value._render_traceback_() == [
        "… `sigmoid` is not done yet: write it in its exercise cell (where it says # YOUR CODE HERE) and run that cell."
    ]


def test_not_done_yet_full_traceback_on_request(monkeypatch):
    monkeypatch.setenv(FULL_TRACEBACKS_VARIABLE, "1")
    try:
        raise NotDoneYet("sigmoid")
    except NotDoneYet as error:
        lines = error._render_traceback_()
    assert lines[0].startswith("Traceback")
    assert any("raise NotDoneYet" in line for line in lines)


def test_not_done_yet_outside_a_function():
    assert str(NotDoneYet("<module>")).startswith("This exercise is not done yet")


# --- hints and use -------------------------------------------------------------------


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


# --- the registry -----------------------------------------------------------------------


def test_an_exercise_needs_two_hints_something_to_test_and_a_unique_id():
    with pytest.raises(ValueError, match="at least two hints"):
        registry.Exercise("new_one", reference=len, hints=("only one",), properties=print)
    with pytest.raises(ValueError, match="tests nothing"):
        registry.Exercise("new_one", reference=len, hints=("a", "b"))
    with pytest.raises(ValueError, match="registered twice"):
        registry.collect({"00_welcome": "welcome", "00_again": "welcome"})


def test_the_registry_owns_the_lesson_order_and_names_each_exercises_lesson():
    assert list(registry.LESSONS)[:2] == ["00_welcome", "01_initialization"]
    lessons = [registry.get_exercise(exercise_id).lesson for exercise_id in exercise_ids()]
    assert lessons == sorted(lessons)  # course order
    assert set(lessons) == set(registry.LESSONS)
    assert registry.get_exercise("predict").lesson == "06_training"


def test_a_new_lesson_is_one_line_in_the_list_plus_its_battery_module(monkeypatch):
    import sys
    import types

    from nnlib.checks.exercise import ArrayOutput, Case

    battery = types.ModuleType("nnlib.checks.lessons.doubling")
    battery.EXERCISES = [
        registry.Exercise(
            "double",
            reference=lambda A: 2 * A,
            hints=("Twice each entry.", "`return 2 * A`"),
            cases=(Case("a (2, 3) array", (np.arange(6.0).reshape(2, 3),)),),
            compare=ArrayOutput("doubled"),
        )
    ]
    monkeypatch.setitem(sys.modules, battery.__name__, battery)
    exercises = registry.collect({**registry.LESSONS, "99_doubling": "doubling"})
    assert list(exercises)[-1] == "double" and exercises["double"].lesson == "99_doubling"
    monkeypatch.setattr(registry, "_EXERCISES", exercises)
    assert run("double", lambda A: A + A).passed
    assert "`doubled` has the right shape, but 4 of its 6 entries are wrong" in run("double", lambda A: A * A).message


def test_tests_before_the_cases_speak_first_and_arguments_cut_the_signature():
    from nnlib.checks.exercise import ArrayOutput, Case, Exercise, run_battery
    from nnlib.checks.expect import Failure
    from nnlib.checks.trial import Trial

    def scale(A, factor=2.0, *, clip=None):
        return factor * A

    order = []

    def before(trial):
        order.append("before")
        if not np.array_equal(trial.call("zeros", np.zeros((1, 2))), np.zeros((1, 2))):
            raise Failure("zeros must stay zeros", cause="no constant added")

    exercise = Exercise(
        "scale",
        reference=scale,
        hints=("Times the factor.", "`return factor * A`"),
        arguments=("A", "factor"),
        before_cases=before,
        cases=(Case("ones", (np.ones((1, 2)), 3.0)),),
        compare=ArrayOutput("scaled"),
        properties=lambda trial: order.append("properties"),
    )
    assert list(exercise.signature.parameters) == ["A", "factor"]
    run_battery(exercise, Trial(lambda A, factor=2.0: factor * A, exercise.signature, time_limit=5.0))
    assert order == ["before", "properties"]
    with pytest.raises(Failure, match="zeros must stay zeros"):
        run_battery(exercise, Trial(lambda A, factor=2.0: factor * A + 1, exercise.signature, time_limit=5.0))
    with pytest.raises(ValueError, match="takes no argument"):
        dataclasses.replace(exercise, arguments=("A", "scale_by"))


def test_lesson_modules_do_not_import_the_registry():
    import importlib
    import inspect as inspect_module

    for module_name in registry.LESSONS.values():
        module = importlib.import_module(f"nnlib.checks.lessons.{module_name}")
        assert "nnlib.checks.registry" not in inspect_module.getsource(module), module_name
        assert all(isinstance(exercise, registry.Exercise) for exercise in module.EXERCISES)


def test_cases_are_plain_data():
    def plain(value) -> bool:
        if isinstance(value, dict):
            return all(isinstance(key, str) and plain(item) for key, item in value.items())
        if isinstance(value, (tuple, list)):
            return all(plain(item) for item in value)
        return isinstance(value, (np.ndarray, float, int, str, np.random.Generator)) or value is None

    for exercise_id in exercise_ids():
        for case in registry.get_exercise(exercise_id).cases:
            assert plain(case.args) and plain(dict(case.kwargs)), (exercise_id, case.name)


def test_every_exercise_is_complete():
    for exercise_id in exercise_ids():
        exercise = registry.get_exercise(exercise_id)
        assert callable(exercise.reference)
        assert len(exercise.hints) >= 2
        assert all(hint_text.strip() for hint_text in exercise.hints)


# --- a stub inside the learner's function, and a stale function -------------------------


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


class FakeShell:
    """Stands in for IPython's shell: only the history of input cells."""

    def __init__(self, cells):
        self.history_manager = type("History", (), {"input_hist_raw": ["", *cells]})()


def sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


sigmoid.__module__ = "__main__"  # as if defined in a notebook cell
SIGMOID_CELL = "def sigmoid(Z):\n    return 1 / (1 + np.exp(-Z))\n"


def test_stale_reason_is_none_when_the_last_defining_cell_holds_the_source():
    from nnlib.checks.stale import stale_reason

    assert stale_reason(sigmoid, FakeShell(["import numpy as np", SIGMOID_CELL, 'check("sigmoid", sigmoid)'])) is None
    assert stale_reason(sigmoid, FakeShell(["x = 1"])) is None  # never defined in a cell: cannot tell
    assert stale_reason(len, FakeShell([SIGMOID_CELL])) is None  # no source
    assert stale_reason(mean_right, FakeShell(["def mean_right(A):\n    return 0\n"])) is None  # imported


def test_stale_reason_names_a_syntax_error_in_the_last_run_of_the_cell():
    from nnlib.checks.stale import stale_reason

    broken = "def sigmoid(Z):\n    return 1 / (1 + np.exp(-Z)\n"
    reason = stale_reason(sigmoid, FakeShell([SIGMOID_CELL, broken, 'check("sigmoid", sigmoid)']))
    assert reason.startswith("the last run of its cell (In [2]) stopped with a SyntaxError on line 2")
    assert "`sigmoid` is still the version from an earlier run" in reason


def test_stale_reason_names_an_error_above_the_def():
    from nnlib.checks.stale import stale_reason

    above = "undefined_name\ndef sigmoid(Z):\n    return 0.5 * (1 + np.tanh(Z / 2))\n"
    reason = stale_reason(sigmoid, FakeShell([SIGMOID_CELL, above]))
    assert reason.startswith("the last run of its cell (In [2]) raised an error before it reached `def sigmoid(`")


def test_run_reports_a_stale_function_in_a_real_kernel():
    nbclient = pytest.importorskip("nbclient")
    import nbformat

    cells = [
        "import numpy as np\nfrom nnlib.checks import run, use",
        "def sigmoid(Z):\n    return 1 / (1 + np.exp(-Z))",
        'print(run("sigmoid", sigmoid).message.splitlines()[0])',
        "def sigmoid(Z):\n    return 1 / (1 + np.exp(Z)",
        'print(run("sigmoid", sigmoid).message)\nuse("sigmoid", sigmoid);',
        "import numpy as nmp\nnot_defined\ndef sigmoid(Z):\n    return 1 / (1 + nmp.exp(-Z))",
        'print(run("sigmoid", sigmoid).message.splitlines()[0:2])',
    ]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(cell) for cell in cells])
    nbclient.NotebookClient(notebook, kernel_name="python3", allow_errors=True, timeout=60).execute()
    printed = ["".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream") for cell in notebook.cells]
    assert printed[2].startswith("✓ sigmoid: passed")
    assert notebook.cells[3].outputs[0].ename == "SyntaxError"
    assert "✗ sigmoid: this is an older version of `sigmoid`, not the one in its cell: nothing was tested" in printed[4]
    assert "why:" in printed[4] and "stopped with a SyntaxError on line 2" in printed[4]
    assert "because yours is an older version than its cell" in printed[4]
    assert "raised an error before it reached `def sigmoid(`" in printed[6]
