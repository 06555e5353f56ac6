"""nnlib.checks.trial: an exercise takes the arguments its cell shows, by position or by name."""

import inspect

import numpy as np
import pytest
from checker_cases import CASES

from nnlib import deep, training
from nnlib.checks import run
from nnlib.checks.exercise import exercise_signature
from nnlib.checks.registry import get_exercise
from nnlib.checks.trial import split_arguments
from nnlib.initializers import init_params

PART_2 = [
    "init_params",
    "linear_forward",
    "linear_activation_forward",
    "forward_prop",
    "cost_function",
    "linear_backward",
    "linear_activation_backward",
    "backprop",
    "model",
]


def test_part_two_exercises_are_in_the_checker_tables_in_course_order():
    assert [exercise_id for exercise_id in CASES if exercise_id in PART_2] == PART_2


@pytest.mark.parametrize(
    ("exercise_id", "positional", "by_name"),
    [
        ("init_params", ["layer_dims"], ["rng"]),
        ("forward_prop", ["X", "parameters"], []),
        ("cost_function", ["AL", "Y"], []),
        ("backprop", ["AL", "Y", "caches"], []),
        ("model", ["X", "Y", "layer_dims", "learning_rate", "num_iterations"], ["rng"]),
        ("linear_activation_forward", ["A_prev", "W", "b", "activation"], []),
    ],
)
def test_an_exercise_takes_the_arguments_its_cell_shows(exercise_id, positional, by_name):
    parameters = get_exercise(exercise_id).signature.parameters.values()
    assert [p.name for p in parameters if p.kind is not inspect.Parameter.KEYWORD_ONLY] == positional
    assert [p.name for p in parameters if p.kind is inspect.Parameter.KEYWORD_ONLY] == by_name


def test_an_argument_out_of_its_reference_position_is_passed_by_name():
    signature = exercise_signature(init_params, ("layer_dims", "rng"))
    generator = np.random.default_rng(0)
    positional, keywords = split_arguments(signature, {"layer_dims": [2, 1], "rng": generator})
    assert positional == [[2, 1]] and keywords == {"rng": generator}
    init_params(*positional, **keywords)  # the reference takes it the same way


def test_an_unknown_argument_name_is_refused():
    with pytest.raises(ValueError, match="takes no argument"):
        exercise_signature(init_params, ("layer_dims", "seed"))


def test_a_learner_who_forgot_an_argument_is_told_the_cells_signature():
    def backprop(AL, Y):
        return {}

    result = run("backprop", backprop)
    assert "`backprop(AL, Y, caches)`" in result.message, result.message


def test_a_learner_may_write_only_the_arguments_the_cell_shows():
    def backprop(AL, Y, caches):
        return deep.backprop(AL, Y, caches)

    def model(X, Y, layer_dims, learning_rate=0.0075, num_iterations=3000, rng=None):
        return training.model(X, Y, layer_dims, learning_rate, num_iterations, rng=rng)

    assert run("backprop", backprop).passed
    assert run("model", model).passed
