"""Lesson 09, Putting it together: `model`.

The convention the lesson states and this check holds: ``costs[i]`` is the cost of the parameters
*before* iteration ``i``'s update, one per iteration, so ``costs[0]`` is the cost of the initial
parameters; the initial parameters are drawn from ``rng``, which the caller passes.
"""

from __future__ import annotations

import math

import numpy as np

from nnlib import deep, training
from nnlib.checks.diagnose import describe
from nnlib.checks.exercise import Exercise
from nnlib.checks.expect import Failure, expect_accuracy, expect_cost_went_down, expect_dict, expect_sequence


def _clouds(rng: np.random.Generator, m: int = 160):
    """Two separated clouds in 3-D, a quarter labelled 0: an easy task any working training loop solves."""
    Y = np.zeros((1, m))
    Y[0, m // 4 :] = 1.0
    X = rng.normal(scale=0.7, size=(3, m)) + np.where(Y == 1, 1.0, -1.0)
    return X, Y


def _cost_list(costs, num_iterations: int) -> list[float]:
    try:
        values = np.asarray(costs, dtype=float)
    except (TypeError, ValueError):
        values = None
    if values is None or values.ndim != 1 or values.size != num_iterations:
        received = f"a list of {len(costs)} items" if isinstance(costs, list) else describe(costs)
        cause = "append the cost once in every iteration, `for i in range(num_iterations)`"
        if isinstance(costs, list) and len(costs) == len(range(0, num_iterations, 100)):
            cause = "part 1 kept every 100th cost; this `model` keeps the cost of every iteration"
        raise Failure(
            f"with num_iterations = {num_iterations}, `costs` must hold {num_iterations} numbers, one per iteration",
            received=received,
            cause=cause,
        )
    return [float(value) for value in values]


def _train(trial, case, X, Y, layer_dims, learning_rate, num_iterations, **kwargs):
    """Call the learner's model; check the parameters' keys and shapes and the list of costs."""
    output = trial.call(case, X, Y, layer_dims, learning_rate, num_iterations, **kwargs)
    parameters, costs = expect_sequence(output, ("parameters", "costs"), "(parameters, costs)")
    L = len(layer_dims) - 1
    keys = tuple(key for l in range(1, L + 1) for key in (f"W{l}", f"b{l}"))
    parameters = expect_dict(parameters, keys, "parameters")
    for l in range(1, L + 1):
        shape = (layer_dims[l], layer_dims[l - 1])
        if not isinstance(parameters[f"W{l}"], np.ndarray) or parameters[f"W{l}"].shape != shape:
            raise Failure(
                f"the trained `W{l}` must have shape {shape}",
                received=describe(parameters[f"W{l}"]),
                cause="initialise with `init_params(layer_dims, rng)`: the network's sizes come from `layer_dims`",
            )
    return parameters, _cost_list(costs, num_iterations)


def _model_properties(trial) -> None:
    """Training runs: the cost goes down, costs before each update, rng and learning rate used."""
    X, Y = _clouds(np.random.default_rng(91))
    _train(
        trial, "one hidden layer, rng not given: layer_dims = [3, 4, 1], num_iterations = 5", X, Y, [3, 4, 1], 0.1, 5
    )
    layer_dims, learning_rate, num_iterations = [3, 5, 3, 1], 0.1, 300
    case = "two separated clouds, m = 160: layer_dims = [3, 5, 3, 1], learning_rate = 0.1, num_iterations = 300"
    parameters, costs = _train(
        trial, case, X, Y, layer_dims, learning_rate, num_iterations, rng=np.random.default_rng(0)
    )
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
    accuracy = float(np.mean(deep.predict(X, parameters) == Y))
    expect_accuracy(accuracy)

    _, again = _train(
        trial,
        "the same call again, rng = np.random.default_rng(0)",
        X,
        Y,
        layer_dims,
        learning_rate,
        20,
        rng=np.random.default_rng(0),
    )
    if not np.allclose(again, costs[:20], rtol=1e-10, atol=0.0):
        raise Failure(
            "the same `rng` seed gave a different training run",
            received=f"costs[0] = {again[0]:.6g}, then {costs[0]:.6g}",
            cause="pass `rng` on: `init_params(layer_dims, rng=rng)`; without it the initial weights come from "
            "a fresh random generator on every call",
        )
    _, other = _train(
        trial,
        "another seed, rng = np.random.default_rng(1)",
        X,
        Y,
        layer_dims,
        learning_rate,
        20,
        rng=np.random.default_rng(1),
    )
    if np.allclose(other, again, rtol=1e-12, atol=0.0):
        raise Failure(
            "two different `rng` seeds gave the same training run",
            cause="the function seeds the random numbers itself (`np.random.seed(...)` or "
            "`np.random.default_rng(1)` inside); draw the initial weights from the `rng` you are given",
        )

    _, slow = _train(
        trial, "learning_rate = 1e-5, num_iterations = 50", X, Y, layer_dims, 1e-5, 50, rng=np.random.default_rng(0)
    )
    if slow[0] - slow[-1] > 1e-3:
        raise Failure(
            "with learning_rate = 1e-5 the cost still fell fast, as if the learning rate were ignored",
            received=f"costs[0] = {slow[0]:.4g}, costs[-1] = {slow[-1]:.4g}",
            cause="pass `learning_rate` on to `update_parameters` (not a fixed number)",
        )
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
