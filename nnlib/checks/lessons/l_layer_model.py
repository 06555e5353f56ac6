"""Lesson 09, Putting it together: `model`.

The convention the lesson states and this check holds: ``costs[i]`` is the cost of the parameters
*before* iteration ``i``'s update, one per iteration, so ``costs[0]`` is the cost of the initial
parameters; the initial parameters are drawn from ``rng``, which the caller passes.
"""

from __future__ import annotations

import math

import numpy as np

from nnlib import deep, training
from nnlib.checks.exercise import Exercise
from nnlib.checks.expect import Failure, expect_accuracy, expect_cost_went_down
from nnlib.checks.lessons._training_loop import (
    TrainingLoop,
    expect_learning_rate_used,
    expect_reference_trajectory,
    expect_same_run,
    trained,
)


def _clouds(rng: np.random.Generator, m: int = 160):
    """Two separated clouds in 3-D, a quarter labelled 0: an easy task any working training loop solves."""
    Y = np.zeros((1, m))
    Y[0, m // 4 :] = 1.0
    X = rng.normal(scale=0.7, size=(3, m)) + np.where(Y == 1, 1.0, -1.0)
    return X, Y


LOOP = TrainingLoop(
    record_every=1,
    recording_cause="append the cost once in every iteration, `for i in range(num_iterations)`",
    known_intervals={100: "part 1 kept every 100th cost; this `model` keeps the cost of every iteration"},
    shape_cause="initialise with `init_params(layer_dims, rng)`: the network's sizes come from `layer_dims`",
    update="update_parameters",
    rng_cause="pass `rng` on: `init_params(layer_dims, rng=rng)`; without it the initial weights come from "
    "a fresh random generator on every call",
)
LAYER_DIMS, LEARNING_RATE = [3, 5, 3, 1], 0.1


def _train(trial, case, X, Y, layer_dims, learning_rate, num_iterations, **kwargs):
    """Call the learner's model; return its parameters (keys and weight shapes checked) and its costs."""
    output = trial.call(case, X, Y, layer_dims, learning_rate, num_iterations, **kwargs)
    layers = range(1, len(layer_dims))
    keys = tuple(key for l in layers for key in (f"W{l}", f"b{l}"))
    weights = {f"W{l}": (layer_dims[l], layer_dims[l - 1]) for l in layers}
    return trained(output, LOOP, keys=keys, shapes=weights, num_iterations=num_iterations)


def _model_properties(trial) -> None:
    """Training runs: the cost goes down, costs before each update, rng and learning rate used."""
    X, Y = _clouds(np.random.default_rng(91))
    _train(
        trial, "one hidden layer, rng not given: layer_dims = [3, 4, 1], num_iterations = 5", X, Y, [3, 4, 1], 0.1, 5
    )
    case = "two separated clouds, m = 160: layer_dims = [3, 5, 3, 1], learning_rate = 0.1, num_iterations = 300"
    parameters, costs = _train(trial, case, X, Y, LAYER_DIMS, LEARNING_RATE, 300, rng=np.random.default_rng(0))
    output = trial.last.output
    _check_seeds(trial, X, Y, costs)  # first: a run that does not repeat itself makes every later number chance
    _check_learning_rate(trial, X, Y, costs)  # before the drop: a fixed learning rate makes the drop small
    expect_cost_went_down(
        costs,
        by=0.2,
        cause="each iteration must update the parameters and use them in the next forward pass: "
        "`parameters = update_parameters(parameters, grads, learning_rate)`, once, before the loop's end "
        "(and `init_params` only once, before the loop)",
    )
    final = deep.cost_function(deep.forward_prop(X, parameters)[0], Y)
    if math.isclose(costs[-1], final, rel_tol=1e-12, abs_tol=1e-15):
        raise Failure(
            "`costs[-1]` is the cost of the returned parameters, after the last update",
            cause="record the cost before the update (right after `forward_prop`), so that `costs[i]` is the "
            "cost of the parameters that iteration i starts from",
        )
    expect_accuracy(float(np.mean(deep.predict(X, parameters) == Y)))
    expected = training.model(X, Y, LAYER_DIMS, LEARNING_RATE, 300, rng=np.random.default_rng(0))
    expect_reference_trajectory(output, expected, case=case, loop=LOOP)


def _check_seeds(trial, X, Y, costs: list[float]) -> None:
    """Given `costs`, those of a 300-iteration run from seed 0: seed 0 again repeats them, seed 1 does not."""
    case = "the same call again, rng = np.random.default_rng(0)"
    again = _train(trial, case, X, Y, LAYER_DIMS, LEARNING_RATE, 20, rng=np.random.default_rng(0))[1]
    expect_same_run(again, costs[:20], LOOP)
    case = "another seed, rng = np.random.default_rng(1)"
    other = _train(trial, case, X, Y, LAYER_DIMS, LEARNING_RATE, 20, rng=np.random.default_rng(1))[1]
    if np.allclose(other, again, rtol=1e-12, atol=0.0):
        raise Failure(
            "two different `rng` seeds gave the same training run",
            cause="the function seeds the random numbers itself (`np.random.seed(...)` or "
            "`np.random.default_rng(1)` inside); draw the initial weights from the `rng` you are given",
        )


def _check_learning_rate(trial, X, Y, costs: list[float]) -> None:
    """Given `costs`, those of a run from seed 0 at learning_rate 0.1: a tiny learning rate barely moves the
    cost, and does not change the first one."""
    case = "learning_rate = 1e-5, num_iterations = 50"
    slow = _train(trial, case, X, Y, LAYER_DIMS, 1e-5, 50, rng=np.random.default_rng(0))[1]
    expect_learning_rate_used(slow, "1e-5", tolerance=1e-3, loop=LOOP)
    if not math.isclose(slow[0], costs[0], rel_tol=1e-9):
        raise Failure(
            "`costs[0]` depends on the learning rate",
            received=f"{slow[0]:.6g} with learning_rate = 1e-5, {costs[0]:.6g} with 0.1 (same rng)",
            cause="record the cost of the initial parameters, before the first update",
        )


MODEL = Exercise(
    "model",
    reference=training.model,
    arguments=("X", "Y", "layer_dims", "learning_rate", "num_iterations", "rng"),
    time_limit=20.0,
    hints=(
        "Initialise once with `init_params(layer_dims, rng=rng)`; then `num_iterations` times: `forward_prop`, "
        "`cost_function` (append it to `costs`), `backprop`, `update_parameters`.",
        "Record the cost before the update, so `costs[0]` is the cost of the initial parameters and `costs` has "
        "one entry per iteration. Assign the updated parameters back: `parameters = update_parameters(...)`.",
        "`parameters = init_params(layer_dims, rng=rng); costs = []`; `for i in range(num_iterations): "
        "AL, caches = forward_prop(X, parameters); costs.append(cost_function(AL, Y)); grads = backprop(AL, Y, "
        "caches); parameters = update_parameters(parameters, grads, learning_rate)`; `return parameters, costs`.",
    ),
    properties=_model_properties,
)

EXERCISES = [MODEL]
