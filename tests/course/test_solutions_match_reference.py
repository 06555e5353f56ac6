"""Each solution notebook's exercise code gives exactly nnlib's reference outputs on its check's inputs.

A learner who has not done an exercise runs nnlib's reference; the lesson's text quotes
what the solution printed. Both runs show the same numbers only if the solution's code and
the reference agree, random draws included (the same rows picked by a split, the same mask
drawn by dropout). The checks allow a tolerance; this test does not: every output equal to
the last bit, on every Case of every exercise (nnlib/checks/registry.py).
"""

from __future__ import annotations

import ast
import contextlib
import copy
import io
import warnings
from pathlib import Path

import nbformat
import numpy as np
import pytest

from nnlib.checks import exercise_ids
from nnlib.checks.registry import get_exercise

ROOT = Path(__file__).resolve().parents[2]
EXERCISE_IDS = set(exercise_ids())


def _is_definition(node: ast.stmt) -> bool:
    """Whether a statement imports, defines an exercise's function, or binds a name to ``use(...)``'s choice."""
    if isinstance(node, ast.Import | ast.ImportFrom):
        return True
    if isinstance(node, ast.FunctionDef):
        return node.name in EXERCISE_IDS
    return (
        isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Call)
        and getattr(node.value.func, "id", None) == "use"
    )


def definitions(source: str) -> ast.Module:
    """A cell's top-level definitions (see :func:`_is_definition`), without the rest (no training, no plots)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # an IPython magic
        return ast.Module(body=[], type_ignores=[])
    return ast.Module(body=[node for node in tree.body if _is_definition(node)], type_ignores=[])


def solution_namespace(lesson: str) -> dict:
    """The names a lesson's solution defines: its imports, its exercise functions and what ``use`` chose."""
    notebook = nbformat.read(ROOT / "solutions" / f"{lesson}.ipynb", as_version=4)
    namespace: dict = {}
    with contextlib.redirect_stdout(io.StringIO()):  # `use` says whose version it picked
        for cell in notebook.cells:
            if cell.cell_type == "code":
                exec(compile(definitions(cell.source), f"{lesson}.ipynb", "exec"), namespace)
    return namespace


def _rounding(received: np.ndarray, expected: np.ndarray, scale: float) -> bool:
    """Whether two float arrays differ only by rounding: the same sums taken in another order (1e-13 of the scale)."""
    return bool(np.allclose(received, expected, rtol=1e-13, atol=1e-13 * scale, equal_nan=True))


def _differences(received, expected, where: str) -> list[str]:
    """Where ``received`` is not exactly ``expected`` (arrays bit for bit, with their dtypes)."""
    if isinstance(expected, dict):
        if not isinstance(received, dict) or set(received) != set(expected):
            return [f"{where}: keys {sorted(received) if isinstance(received, dict) else received!r}"]
        return [found for key in expected for found in _differences(received[key], expected[key], f"{where}[{key}]")]
    if isinstance(expected, tuple | list):
        if not isinstance(received, tuple | list) or len(received) != len(expected):
            return [f"{where}: {type(received).__name__} of another length"]
        return [
            found for i, pair in enumerate(zip(received, expected)) for found in _differences(*pair, f"{where}[{i}]")
        ]
    if isinstance(expected, np.ndarray):
        received = np.asarray(received)
        if received.shape != expected.shape or received.dtype != expected.dtype:
            return [f"{where}: {received.dtype}{received.shape} vs the reference's {expected.dtype}{expected.shape}"]
        exact = expected.dtype.kind not in "fc"  # labels, indices, masks: the same picks
        scale = float(np.max(np.abs(expected), initial=1.0)) if not exact else 0.0
        if not (
            np.array_equal(received, expected, equal_nan=True) or (not exact and _rounding(received, expected, scale))
        ):
            worst = np.max(np.abs(received.astype(float) - expected.astype(float)))
            return [f"{where}: differs from the reference by up to {worst:.3g}"]
        return []
    if isinstance(expected, float) and isinstance(received, float):
        return (
            []
            if _rounding(np.array(received), np.array(expected), max(1.0, abs(expected)))
            else [f"{where}: {received!r} vs the reference's {expected!r}"]
        )
    if received != expected:
        return [f"{where}: {received!r} vs the reference's {expected!r}"]
    return []


def _generator(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


_X = np.random.default_rng(7).standard_normal((2, 40))
_Y = (np.arange(40) % 3 == 0).astype(float).reshape(1, 40)  # 14 ones, 26 zeros: a split must stratify

#: the exercises whose checks test properties only (no Case), but which draw random numbers: the inputs the
#: lessons call them with, each with its own seeded Generator.
RANDOM_DRAWS: dict[str, list[tuple[tuple, dict]]] = {
    "initialize_parameters": [((2, 4, 1), {"rng": _generator()})],
    "init_params": [(([2, 5, 3, 1],), {"rng": _generator()})],
    "xavier_init": [((5, 3, _generator()), {}), ((1, 64, _generator(1)), {})],
    "he_init": [((5, 3, _generator()), {}), ((1, 64, _generator(1)), {})],
    "dropout_forward": [((_X, 0.8), {"rng": _generator()}), ((_X, 0.5), {"rng": _generator(1)})],
    "train_val_split": [((_X, _Y, 0.2), {"rng": _generator()}), ((_X, _Y, 0.25), {"rng": _generator(1)})],
    "random_mini_batches": [((_X, _Y, 16), {"rng": _generator()}), ((_X, _Y, 64), {"rng": _generator(1)})],
    "nn_model": [((_X, _Y, 3, 50, 1.2), {"rng": _generator()})],
    "model": [((_X, _Y, [2, 4, 1], 0.1, 50), {"rng": _generator()})],
}


#: exercises whose solution is a valid variant that draws differently (another equally good stratified split):
#: the lesson's quoted experiment uses the course's version instead, and says so in the words given here.
VALID_VARIANTS: dict[str, str] = {
    "train_val_split": "The runs below use the course's split (nnlib.datasets.train_val_split)",
}


def inputs_of(exercise) -> list[tuple[str, tuple, dict]]:
    """Every Case of ``exercise``, and its random draws from :data:`RANDOM_DRAWS`: (name, args, kwargs)."""
    cases = [(case.name, case.args, case.kwargs) for case in exercise.cases]
    draws = [
        (f"random draws {i + 1}", args, kwargs) for i, (args, kwargs) in enumerate(RANDOM_DRAWS.get(exercise.id, []))
    ]
    return cases + draws


def test_every_exercise_that_draws_without_cases_has_its_draws_here():
    for exercise_id in exercise_ids():
        exercise = get_exercise(exercise_id)
        if not exercise.cases:
            assert exercise_id in RANDOM_DRAWS or exercise_id == "numerical_gradient", exercise_id


@pytest.fixture(scope="module")
def namespaces():
    return {}


@pytest.mark.parametrize("exercise_id", exercise_ids())
def test_solution_gives_the_references_outputs_exactly(exercise_id, namespaces):
    exercise = get_exercise(exercise_id)
    if exercise.lesson not in namespaces:
        namespaces[exercise.lesson] = solution_namespace(exercise.lesson)
    solution = namespaces[exercise.lesson][exercise_id]
    if exercise_id in VALID_VARIANTS:
        notebook = nbformat.read(ROOT / "solutions" / f"{exercise.lesson}.ipynb", as_version=4)
        assert any(VALID_VARIANTS[exercise_id] in cell.source for cell in notebook.cells), (
            f"{exercise.lesson} no longer says that its experiment uses the course's {exercise_id}"
        )
        return
    found = []
    for name, case_args, case_kwargs in inputs_of(exercise):
        args, kwargs = copy.deepcopy((case_args, case_kwargs))  # Generators too: both draw the same numbers
        with warnings.catch_warnings():  # lesson 02's first sigmoid overflows on purpose, as the reference does not
            warnings.simplefilter("ignore", RuntimeWarning)
            received = solution(*args, **kwargs)
        args, kwargs = copy.deepcopy((case_args, case_kwargs))
        expected = exercise.reference(*args, **kwargs)
        found += [f"{name}: {difference}" for difference in _differences(received, expected, "output")]
    assert not found, f"solutions/{exercise.lesson}.ipynb's {exercise_id} is not nnlib's reference:\n" + "\n".join(
        found
    )


def test_definitions_keep_imports_functions_and_use_only():
    kept = definitions(
        "import numpy as np\nprint(1)\ndef relu(z):\n    return z\ndef train(dims=dims):\n    pass\n"
        'x = train(X)\ns = use("sigmoid", sigmoid)'
    )
    assert [type(node).__name__ for node in kept.body] == ["Import", "FunctionDef", "Assign"]
    assert definitions("%matplotlib inline").body == []
