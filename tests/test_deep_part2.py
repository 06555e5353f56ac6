"""Part 2 (lessons 07-09): the deep reference against finite differences at every depth and activation
pairing, part 1's network as a special case, a learner's caches and nnlib's interchangeable, and the
exercises that show fewer arguments than their reference (tests/test_checkers.py holds the checkers' own
standard: at least 8 wrong answers named, at least 2 correct forms accepted)."""

import inspect

import numpy as np
import pytest
from checker_cases import CASES, l_layer_backward, l_layer_forward

from nnlib import deep, shallow, training
from nnlib.activations import ACTIVATIONS
from nnlib.checks import run
from nnlib.checks.exercise import exercise_signature
from nnlib.checks.registry import get_exercise
from nnlib.checks.trial import split_arguments
from nnlib.gradcheck import gradient_check
from nnlib.initializers import init_params, initialize_parameters

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
HIDDEN_WIDTHS = [4, 3, 3]  # layer_dims = [3, *HIDDEN_WIDTHS[: L - 1], n_L]


def deep_problem(L, output, seed=0):
    """A depth-L network with 3 inputs, its inputs and targets suited to the output activation."""
    rng = np.random.default_rng(seed)
    n_L = 3 if output == "softmax" else 2
    layer_dims = [3, *HIDDEN_WIDTHS[: L - 1], n_L]
    m = 5
    X = rng.standard_normal((3, m))
    if output == "softmax":
        Y = np.eye(n_L)[:, rng.integers(0, n_L, m)]
    elif output == "sigmoid":
        Y = (rng.random((n_L, m)) > 0.5).astype(float)
    else:
        Y = rng.standard_normal((n_L, m))
    parameters = init_params(layer_dims, "glorot", rng)
    for l in range(1, L + 1):  # biases away from 0: no ReLU input sits on its kink
        parameters[f"b{l}"] += rng.uniform(0.05, 0.3, parameters[f"b{l}"].shape)
    return X, Y, parameters


def loss_for(output):
    return {"sigmoid": "binary_cross_entropy", "softmax": "categorical_cross_entropy"}.get(output, "mean_squared_error")


PAIRS = [(L, hidden, output) for L in (1, 2, 3, 4) for hidden in ACTIVATIONS for output in ACTIVATIONS]
PAIRS = [(L, hidden, output) for L, hidden, output in PAIRS if L > 1 or hidden == "relu"]  # L = 1 has no hidden layer


@pytest.mark.parametrize(("L", "hidden", "output"), PAIRS, ids=[f"L={L}-{h}-{o}" for L, h, o in PAIRS])
def test_backprop_matches_finite_differences_at_every_depth_and_pairing(L, hidden, output):
    X, Y, parameters = deep_problem(L, output)
    loss = loss_for(output)

    def cost(P):
        return deep.cost_function(deep.forward_prop(X, P, hidden, output)[0], Y, loss)

    AL, caches = deep.forward_prop(X, parameters, hidden, output)
    grads = deep.backprop(AL, Y, caches, hidden, output, loss)
    assert list(grads) == [key for l in range(1, L + 1) for key in (f"dW{l}", f"db{l}")]
    report = gradient_check(cost, parameters, grads, tolerance=1e-6)
    assert report.passed, report


def test_part_one_training_is_the_l_layer_model_configured_the_same_way():
    rng = np.random.default_rng(5)
    X = rng.standard_normal((2, 30))
    Y = (X[:1] * X[1:] > 0).astype(float)
    part1, costs1 = shallow.nn_model(X, Y, 4, 300, 1.2, rng=np.random.default_rng(7))
    deep_parameters, costs = training.model(
        X, Y, [2, 4, 1], 1.2, 300, "sigmoid", "sigmoid", initializer="small_random", rng=np.random.default_rng(7)
    )
    for key, value in part1.items():
        np.testing.assert_allclose(deep_parameters[key], value, rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(costs[::100], costs1, rtol=1e-12)
    assert initialize_parameters(2, 4, 1, np.random.default_rng(1)).keys() == deep_parameters.keys()


def test_a_learners_functions_and_caches_are_nnlibs():
    """The textbook versions of lessons 07-08 compute nnlib's caches, and each side's caches work in the other's
    backprop."""
    rng = np.random.default_rng(6)
    X = rng.standard_normal((4, 6))
    Y = (rng.random((1, 6)) > 0.5).astype(float)
    parameters = init_params([4, 5, 3, 1], rng=rng)
    AL, caches = l_layer_forward.forward_prop_textbook(X, parameters)
    AL_nnlib, caches_nnlib = deep.forward_prop(X, parameters)
    np.testing.assert_allclose(AL, AL_nnlib, rtol=1e-14)
    for mine, theirs in zip(caches, caches_nnlib, strict=True):
        (A_prev, W, b), Z = mine
        (A_prev_n, W_n, b_n), Z_n = theirs
        for a, n in ((A_prev, A_prev_n), (W, W_n), (b, b_n), (Z, Z_n)):
            np.testing.assert_allclose(a, n, rtol=1e-14)
    expected = deep.backprop(AL_nnlib, Y, caches_nnlib)
    for grads in (deep.backprop(AL, Y, caches), l_layer_backward.backprop_textbook(AL_nnlib, Y, caches_nnlib)):
        for key, value in expected.items():
            np.testing.assert_allclose(grads[key], value, rtol=1e-10, atol=1e-14)


def test_relu_slope_at_exactly_zero_is_zero():
    dA = np.ones((1, 3))
    Z = np.array([[-1.0, 0.0, 2.0]])
    dA_prev, dW, db = deep.linear_activation_backward(dA, ((np.ones((1, 3)), np.ones((1, 1)), np.zeros((1, 1))), Z))
    np.testing.assert_array_equal(db, [[1 / 3]])


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


def test_forward_prop_accepts_the_int_seed_its_docstring_describes():
    parameters = init_params([3, 4, 1], rng=np.random.default_rng(0))
    assert "int seed" in deep.forward_prop.__doc__
    by_seed = deep.forward_prop(np.ones((3, 2)), parameters, keep_prob=0.5, rng=3)[0]
    by_generator = deep.forward_prop(np.ones((3, 2)), parameters, keep_prob=0.5, rng=np.random.default_rng(3))[0]
    np.testing.assert_array_equal(by_seed, by_generator)
    np.testing.assert_array_equal(init_params([3, 4, 1], rng=0)["W1"], parameters["W1"])
