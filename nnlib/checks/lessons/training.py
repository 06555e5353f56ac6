"""Lesson 06, Training and predicting: `update_parameters`, `nn_model`, `predict`."""

from __future__ import annotations

import math

import numpy as np

from nnlib import optimizers, shallow
from nnlib.checks.exercise import Case, Exercise
from nnlib.checks.expect import Failure, expect_accuracy, expect_array, expect_cost_went_down, expect_dict
from nnlib.checks.lessons._inputs import two_layer_parameters
from nnlib.checks.lessons._training_loop import (
    TrainingLoop,
    expect_learning_rate_used,
    expect_reference_trajectory,
    expect_same_run,
    expect_trained_shapes,
    recorded_costs,
    returned_pair,
    trained,
)

_RNG = np.random.default_rng(61)
KEYS = ("W1", "b1", "W2", "b2")


def _compare_parameters(received, expected, case: Case) -> None:
    updated = expect_dict(received, KEYS, "parameters")
    for key in KEYS:
        expect_array(updated[key], expected[key], key, rtol=case.rtol, atol=case.atol)


def _update_case(name: str, n_x: int, n_h: int, n_y: int, learning_rate: float) -> Case:
    parameters = two_layer_parameters(_RNG, n_x, n_h, n_y)
    grads = {"d" + key: value for key, value in two_layer_parameters(_RNG, n_x, n_h, n_y).items()}
    return Case(name, (parameters, grads, learning_rate))


UPDATE_PARAMETERS = Exercise(
    "update_parameters",
    reference=optimizers.update_parameters,
    hints=(
        "Each parameter takes a small step against its gradient: P − learning_rate × dP, for W1, b1, W2 and b2.",
        'The gradient of `parameters["W1"]` is `grads["dW1"]`. Build a new dict rather than changing the '
        "one you were given.",
        '`return {key: parameters[key] - learning_rate * grads["d" + key] for key in ("W1", "b1", "W2", "b2")}`',
    ),
    cases=(
        _update_case("flower-sized: n_x = 2, n_h = 4, n_y = 1, learning_rate = 1.2", 2, 4, 1, 1.2),
        _update_case("two output units: n_x = 3, n_h = 5, n_y = 2, learning_rate = 0.01", 3, 5, 2, 0.01),
        _update_case("one hidden unit, learning_rate = 0.5", 2, 1, 1, 0.5),
        _update_case("a large step: learning_rate = 10", 2, 3, 1, 10.0),
    ),
    compare=_compare_parameters,
)


def _blobs(rng: np.random.Generator, m: int = 200):
    """Two well-separated clouds in the plane, a quarter labelled 0: an easy data set any working training
    loop solves. The classes are unbalanced on purpose: the first update then moves `b2` clearly, so a
    cost recorded after it differs from the initial cost log 2."""
    Y = np.zeros((1, m))
    Y[0, m // 4 :] = 1.0
    centres = np.where(Y == 1, 1.5, -1.5)
    X = rng.normal(scale=0.8, size=(2, m)) + centres
    return X, Y


LOOP = TrainingLoop(
    record_every=100,
    recording_cause="loop `for i in range(num_iterations)` and append the cost when `i % 100 == 0`",
    shape_cause="initialise with `initialize_parameters(X.shape[0], hidden_size, Y.shape[0], rng)`",
    update="update",
    rng_cause="pass `rng` on: `initialize_parameters(X.shape[0], hidden_size, Y.shape[0], rng)`; without it, "
    "every call draws fresh random weights",
)


def _check_nn_model(trial) -> None:
    """`nn_model` learns an easy data set, starting from a cost of log 2, without printing; then it uses the
    learning rate and the seed, takes the output size from `Y` and prints when asked."""
    X, Y = _blobs(np.random.default_rng(62))
    output = trial.call(
        "two separated clouds, m = 200: hidden_size = 3, num_iterations = 1000, learning_rate = 1.2", X, Y, 3, 1000, 1.2
    )
    shapes = {"W1": (3, 2), "b1": (3, 1), "W2": (1, 3), "b2": (1, 1)}
    parameters, costs = trained(output, LOOP, keys=KEYS, shapes=shapes, num_iterations=1000)
    # Fresh 0.01-scale weights give A2 within about 0.01 of 0.5, so costs[0] is within 0.01 of log 2; after
    # one update b2 has moved by about 1.2 * 0.25 (three quarters of the labels are 1), and the cost by ~0.07.
    if not math.isclose(costs[0], math.log(2), abs_tol=0.03):
        raise Failure(
            "`costs[0]` must be the cost of the initial parameters, about log 2 ≈ 0.693",
            received=f"costs[0] = {costs[0]:.4g}",
            cause="record the cost at i = 0, before the first update (small initial weights give "
            "A2 ≈ 0.5 everywhere, hence a cost of log 2)",
        )
    expect_cost_went_down(
        costs,
        by=0.3,
        cause="each iteration must update the parameters with the gradients, "
        "`parameters = update(parameters, grads, learning_rate)`, and use the "
        "updated parameters in the next forward pass",
    )
    accuracy = float(np.mean(shallow.predict(X, parameters) == Y))
    expect_accuracy(accuracy, cause="check that the loop runs `num_iterations` times and uses `learning_rate`")
    if trial.printed:
        raise Failure(
            "it printed while `print_cost` was False",
            received=trial.last_stdout.strip()[:200],
            cause="print only `if print_cost:`",
        )
    _check_learning_rate(trial, X, Y)
    seeded = _check_seed(trial, X, Y)
    _check_two_outputs(trial, X, Y)
    _check_print_cost(trial, X, Y)
    expected = shallow.nn_model(X, Y, 2, 100, 1.2, np.random.default_rng(5))
    expect_reference_trajectory(seeded, expected, case=SEEDED_CASE.format(n=1), loop=LOOP)


def _check_learning_rate(trial, X, Y) -> None:
    """A tiny learning rate barely moves the cost."""
    output = trial.call("num_iterations = 250, learning_rate = 0.0001", X, Y, 2, 250, 0.0001)
    costs = recorded_costs(returned_pair(output)[1], 250, LOOP)
    expect_learning_rate_used(costs, "0.0001", tolerance=0.01, loop=LOOP)


SEEDED_CASE = "hidden_size = 2, num_iterations = 100, learning_rate = 1.2, rng = np.random.default_rng(5), call {n}"


def _check_seed(trial, X, Y):
    """Two calls with the same seed train the same network; return the first call's output."""
    seeded = [trial.call(SEEDED_CASE.format(n=n), X, Y, 2, 100, 1.2, np.random.default_rng(5)) for n in (1, 2)]
    expect_same_run(*(_trained_parameters(output) for output in seeded), LOOP)
    return seeded[0]


def _check_two_outputs(trial, X, Y) -> None:
    """The number of output units comes from `Y`."""
    Y2 = np.vstack([Y, 1 - Y])
    output = trial.call("two output rows: Y (2, 200), hidden_size = 2, num_iterations = 100", X, Y2, 2, 100, 1.2)
    expect_trained_shapes(
        _trained_parameters(output),
        {"W2": (2, 2), "b2": (2, 1)},
        cause="take the number of outputs from the labels, `Y.shape[0]`, not a fixed 1",
        when="with two output rows in `Y`, ",
    )


def _trained_parameters(output) -> dict:
    """The parameters a run returned (its ``output``), checked to hold every one of `KEYS`; those alone."""
    parameters = expect_dict(returned_pair(output)[0], KEYS, "parameters")
    return {key: parameters[key] for key in KEYS}


def _check_print_cost(trial, X, Y) -> None:
    """With `print_cost`, one line per recorded cost."""
    trial.call("print_cost = True, num_iterations = 200", X, Y, 2, 200, 1.2, print_cost=True)
    lines = [line for line in trial.last_stdout.splitlines() if line.strip()]
    if not lines:
        raise Failure(
            "with print_cost = True it printed nothing",
            received=repr(trial.last_stdout[:200]),
            cause="print the cost when `print_cost` is True, each time you record it",
        )
    if len(lines) != 2:
        raise Failure(
            f"with print_cost = True and num_iterations = 200 it printed {len(lines)} lines, not 2",
            expected="one line per recorded cost: iterations 0 and 100",
            received=" | ".join(lines[:3]) + (" | …" if len(lines) > 3 else ""),
            cause="print inside `if i % 100 == 0:`, right after recording the cost, one `print` per cost",
        )
    trial.ignore_printing()  # it was asked to print


NN_MODEL = Exercise(
    "nn_model",
    reference=shallow.nn_model,
    time_limit=20.0,
    hints=(
        "Initialise once, then repeat `num_iterations` times: forward propagation, (every 100 iterations) the "
        "cost, backward propagation, `update`. Return the parameters and the list of costs.",
        "Record the cost when `i % 100 == 0`, before that iteration's update, so `costs[0]` is the cost of the "
        "initial parameters. Use the sizes `X.shape[0]`, `hidden_size`, `Y.shape[0]`.",
        "`parameters = initialize_parameters(X.shape[0], hidden_size, Y.shape[0], rng)`; `costs = []`; "
        "`for i in range(num_iterations): A2, cache = forward_propagation(X, parameters); "
        "if i % 100 == 0: costs.append(compute_cost(A2, Y)); grads = backward_propagation(parameters, cache, X, "
        "Y); parameters = update(parameters, grads, learning_rate)`; `return parameters, costs` (`update` is the "
        "cell above's: your `update_parameters` once it passes, the course's until then).",
    ),
    properties=_check_nn_model,
)


def _compare_predictions(received, expected, case: Case) -> None:
    if isinstance(received, np.ndarray) and received.dtype.kind in "biu":
        received = received.astype(float)  # ints, floats or True/False: 1 and 0 are what count
    expect_array(received, expected.astype(float), "predictions")


def _predict_case(name: str, n_x: int, n_h: int, n_y: int, m: int) -> Case:
    parameters = two_layer_parameters(_RNG, n_x, n_h, n_y, scale=2.0)
    X = _RNG.normal(size=(n_x, m))
    parameters["W2"] *= 3.0  # spread Z2 well beyond ±0.5, so thresholding Z2 and A2 differ
    if m > 1:  # centre the output so that both classes are predicted
        Z2 = shallow.forward_propagation(X, parameters)[1]["Z2"]
        parameters["b2"] -= np.median(Z2, axis=1, keepdims=True) + 0.01
    return Case(name, (X, parameters))


def _boundary_case() -> Case:
    """Examples 0 and 3 are all-zero inputs: with b1 = 0 every A1 is 0.5, so Z2 = 0.5 · ΣW2 + b2 = 0 exactly."""
    X = _RNG.normal(size=(2, 6))
    X[:, [0, 3]] = 0.0
    parameters = {
        "W1": _RNG.normal(scale=2.0, size=(4, 2)),
        "b1": np.zeros((4, 1)),
        "W2": np.array([[1.0, -2.0, 0.5, 0.5]]),
        "b2": np.zeros((1, 1)),
    }
    return Case("a probability of exactly 0.5 (examples 0 and 3) is class 0", (X, parameters))


PREDICT = Exercise(
    "predict",
    reference=shallow.predict,
    hints=(
        "Run forward propagation, then turn each probability A2 into a class: 1 above 0.5, 0 otherwise.",
        "`A2 > 0.5` is an array of True/False; `.astype(int)` makes it 1/0.",
        "`A2, _ = forward_propagation(X, parameters)`, then `return (A2 > 0.5).astype(int)`.",
    ),
    cases=(
        _predict_case("flower-sized: n_x = 2, n_h = 4, m = 8", 2, 4, 1, 8),
        _predict_case("one example (m = 1)", 2, 3, 1, 1),
        _predict_case("n_x = 5, n_h = 2, m = 20", 5, 2, 1, 20),
        _predict_case("two output units (n_y = 2), m = 9", 3, 4, 2, 9),
        _boundary_case(),
    ),
    compare=_compare_predictions,
)

EXERCISES = [UPDATE_PARAMETERS, NN_MODEL, PREDICT]
