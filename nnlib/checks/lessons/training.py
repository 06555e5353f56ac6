"""Lesson 06, Training and predicting: `update_parameters`, `nn_model`, `predict`."""

from __future__ import annotations

import math

import numpy as np

from nnlib import optimizers, shallow
from nnlib.checks.expect import Failure, describe, expect_array, expect_dict, expect_sequence
from nnlib.checks.lessons._inputs import two_layer_parameters
from nnlib.checks.registry import Mistake, exercise

LESSON = "06_training"
KEYS = ("W1", "b1", "W2", "b2")


def _step(parameters, grads, learning_rate, sign=-1.0):
    return {key: parameters[key] + sign * learning_rate * grads["d" + key] for key in KEYS}


@exercise(
    "update_parameters",
    lesson=LESSON,
    reference=optimizers.update_parameters,
    hints=(
        "Each parameter takes a small step against its gradient: P − learning_rate × dP, for W1, b1, W2 and b2.",
        'The gradient of `parameters["W1"]` is `grads["dW1"]`. Build a new dict rather than changing the '
        "one you were given.",
        '`return {key: parameters[key] - learning_rate * grads["d" + key] for key in ("W1", "b1", "W2", "b2")}`',
    ),
    mistakes=(
        Mistake(
            lambda p, g, lr: _step(p, g, lr, sign=1.0),
            "`+` moves uphill, making the cost larger; step against the gradient: `P - learning_rate * dP`",
        ),
        Mistake(lambda p, g, lr: _step(p, g, 1.0), "the learning rate is not used: `P - learning_rate * dP`"),
        Mistake(
            lambda p, g, lr: {key: p[key] - g["d" + key] / lr for key in KEYS},
            "multiply the gradient by the learning rate, don't divide by it",
        ),
    ),
)
def _check_update_parameters(trial) -> None:
    rng = np.random.default_rng(61)
    cases = [
        ("flower-sized: n_x = 2, n_h = 4, n_y = 1, learning_rate = 1.2", (2, 4, 1), 1.2),
        ("n_x = 3, n_h = 5, n_y = 2, learning_rate = 0.01", (3, 5, 2), 0.01),
        ("one hidden unit, learning_rate = 0.5", (2, 1, 1), 0.5),
    ]
    for case, (n_x, n_h, n_y), learning_rate in cases:
        parameters = two_layer_parameters(rng, n_x, n_h, n_y)
        grads = {"d" + key: value for key, value in two_layer_parameters(rng, n_x, n_h, n_y).items()}
        updated = expect_dict(trial.call(case, parameters, grads, learning_rate), KEYS, "parameters")
        expected = optimizers.update_parameters(parameters, grads, learning_rate)
        for key in KEYS:
            expect_array(updated[key], expected[key], key)


def _blobs(rng: np.random.Generator, m: int = 200):
    """Two well-separated clouds in the plane, a quarter labelled 0: an easy data set any working training
    loop solves. The classes are unbalanced on purpose: the first update then moves `b2` clearly, so a
    cost recorded after it differs from the initial cost log 2."""
    Y = np.zeros((1, m))
    Y[0, m // 4 :] = 1.0
    centres = np.where(Y == 1, 1.5, -1.5)
    X = rng.normal(scale=0.8, size=(2, m)) + centres
    return X, Y


@exercise(
    "nn_model",
    lesson=LESSON,
    reference=shallow.nn_model,
    time_limit=20.0,
    hints=(
        "Initialise once, then repeat `num_iterations` times: forward propagation, (every 100 iterations) the "
        "cost, backward propagation, update. Return the parameters and the list of costs.",
        "Record the cost when `i % 100 == 0`, before that iteration's update, so `costs[0]` is the cost of the "
        "initial parameters. Use the sizes `X.shape[0]`, `hidden_size`, `Y.shape[0]`.",
        "`parameters = initialize_parameters(X.shape[0], hidden_size, Y.shape[0], rng)`; `costs = []`; "
        "`for i in range(num_iterations): A2, cache = forward_propagation(X, parameters); "
        "if i % 100 == 0: costs.append(compute_cost(A2, Y)); grads = backward_propagation(parameters, cache, X, "
        "Y); parameters = update_parameters(parameters, grads, learning_rate)`; `return parameters, costs`.",
    ),
)
def _check_nn_model(trial) -> None:
    X, Y = _blobs(np.random.default_rng(62))
    output = trial.call(
        "two separated clouds, m = 200: hidden_size = 3, num_iterations = 1000, learning_rate = 1.2", X, Y, 3, 1000, 1.2
    )
    parameters, costs = expect_sequence(output, ("parameters", "costs"), "(parameters, costs)")
    parameters = expect_dict(parameters, KEYS, "parameters")
    shapes = {"W1": (3, 2), "b1": (3, 1), "W2": (1, 3), "b2": (1, 1)}
    for key in KEYS:
        if not isinstance(parameters[key], np.ndarray) or parameters[key].shape != shapes[key]:
            raise Failure(
                f"the trained `{key}` must have shape {shapes[key]}",
                received=describe(parameters[key]),
                cause="initialise with `initialize_parameters(X.shape[0], hidden_size, Y.shape[0])`",
            )
    costs = _cost_list(costs, 1000)
    # Fresh 0.01-scale weights give A2 within about 0.01 of 0.5, so costs[0] is within 0.01 of log 2; after
    # one update b2 has moved by about 1.2 * 0.25 (three quarters of the labels are 1), and the cost by ~0.07.
    if not math.isclose(costs[0], math.log(2), abs_tol=0.03):
        raise Failure(
            "`costs[0]` must be the cost of the initial parameters, about log 2 ≈ 0.693",
            received=f"costs[0] = {costs[0]:.4g}",
            cause="record the cost at i = 0, before the first update (small initial weights give "
            "A2 ≈ 0.5 everywhere, hence a cost of log 2)",
        )
    if not costs[-1] < costs[0] - 0.3:
        raise Failure(
            "the cost did not go down during training",
            received=f"costs[0] = {costs[0]:.4g}, costs[-1] = {costs[-1]:.4g}",
            cause="each iteration must update the parameters with the gradients, "
            "`parameters = update_parameters(parameters, grads, learning_rate)`, and use the "
            "updated parameters in the next forward pass",
        )
    accuracy = float(np.mean(shallow.predict(X, parameters) == Y))
    if accuracy < 0.95:
        raise Failure(
            f"the trained network classifies only {accuracy:.0%} of an easy data set correctly",
            expected="at least 95%",
            received=f"{accuracy:.0%}",
            cause="check that the loop runs `num_iterations` times and uses `learning_rate`",
        )

    if trial.printed:
        raise Failure(
            "it printed while `print_cost` was False",
            received=trial.last_stdout.strip()[:200],
            cause="print only `if print_cost:`",
        )

    output = trial.call("num_iterations = 250, learning_rate = 0.0001", X, Y, 2, 250, 0.0001)
    _, costs = expect_sequence(output, ("parameters", "costs"), "(parameters, costs)")
    costs = _cost_list(costs, 250)
    if costs[0] - costs[-1] > 0.01:
        raise Failure(
            "with learning_rate = 0.0001 the cost still fell fast, as if the learning rate were ignored",
            received=f"costs = {[round(cost, 4) for cost in costs]}",
            cause="pass `learning_rate` on to `update_parameters` (not a fixed number)",
        )

    trial.call("print_cost = True, num_iterations = 200", X, Y, 2, 200, 1.2, print_cost=True)
    if "0" not in trial.last_stdout:
        raise Failure(
            "with print_cost = True it printed nothing",
            received=repr(trial.last_stdout[:200]),
            cause="print the cost when `print_cost` is True, e.g. every 100 iterations",
        )
    trial.printed = False  # it was asked to print


def _cost_list(costs, num_iterations: int) -> list[float]:
    """``costs`` as a list of floats, or a Failure unless it holds one cost per 100 iterations."""
    count = len(range(0, num_iterations, 100))
    try:
        values = np.asarray(costs, dtype=float)
    except (TypeError, ValueError):
        values = None
    if values is None or values.ndim != 1 or values.size != count:
        raise Failure(
            f"with num_iterations = {num_iterations}, `costs` must hold {count} numbers, the cost at "
            f"iterations 0, 100, …, {100 * (count - 1)}",
            received=f"a list of {len(costs)} items" if isinstance(costs, list) else describe(costs),
            cause="loop `for i in range(num_iterations)` and append the cost when `i % 100 == 0`",
        )
    return [float(value) for value in values]


@exercise(
    "predict",
    lesson=LESSON,
    reference=shallow.predict,
    hints=(
        "Run forward propagation, then turn each probability A2 into a class: 1 above 0.5, 0 otherwise.",
        "`A2 > 0.5` is an array of True/False; `.astype(int)` makes it 1/0.",
        "`A2, _ = forward_propagation(X, parameters)`, then `return (A2 > 0.5).astype(int)`.",
    ),
    mistakes=(
        Mistake(
            lambda X, p: (shallow.forward_propagation(X, p)[0] < 0.5).astype(int),
            "the classes are the wrong way round: 1 where `A2 > 0.5`",
        ),
        Mistake(
            lambda X, p: shallow.forward_propagation(X, p)[0],
            "these are the probabilities A2; a prediction is a class, 0 or 1: `(A2 > 0.5).astype(int)`",
        ),
        Mistake(
            lambda X, p: np.argmax(shallow.forward_propagation(X, p)[0], axis=0).reshape(1, -1),
            "`argmax` over a single output row is always 0; with one output, threshold A2 at 0.5",
        ),
        Mistake(
            lambda X, p: (shallow.forward_propagation(X, p)[0] > 0.5).astype(int).ravel(),
            "the predictions must keep the shape (1, m) of `A2`: no `.ravel()` or `A2[0]`",
        ),
        Mistake(
            lambda X, p: (shallow.forward_propagation(X, p)[1]["Z2"] > 0.5).astype(int),
            "threshold the probability `A2` (after the sigmoid), not `Z2`",
        ),
    ),
)
def _check_predict(trial) -> None:
    rng = np.random.default_rng(63)
    cases = [
        ("flower-sized: n_x = 2, n_h = 4, m = 8", (2, 4, 8)),
        ("one example (m = 1)", (2, 3, 1)),
        ("n_x = 5, n_h = 2, m = 20", (5, 2, 20)),
    ]
    for case, (n_x, n_h, m) in cases:
        parameters = two_layer_parameters(rng, n_x, n_h, 1, scale=2.0)
        X = rng.normal(size=(n_x, m))
        if m > 1:  # centre the output so that both classes are predicted
            Z2 = shallow.forward_propagation(X, parameters)[1]["Z2"]
            parameters["b2"] -= np.median(Z2) + 0.01
        predictions = trial.call(case, X, parameters)
        expected = shallow.predict(X, parameters)
        if isinstance(predictions, np.ndarray) and predictions.dtype.kind in "biu":
            predictions = predictions.astype(float)  # ints, floats or True/False: 1 and 0 are what count
        expect_array(predictions, expected.astype(float), "predictions")
