"""Known mistakes of lesson 09, Putting it together: `model`.

Each wrong loop passes `rng` on (except the ones about the seed), so that a run repeats itself: the same
seed gives the same costs and parameters, as the lesson's convention says.
"""

from __future__ import annotations

import numpy as np

from nnlib.checks.exercise import Mistake
from nnlib.deep import backprop, cost_function, forward_prop
from nnlib.initializers import init_params
from nnlib.optimizers import update_parameters


def _model(X, Y, layer_dims, learning_rate, num_iterations, rng, when="before", every=1, **changes):
    parameters = init_params(changes.get("dims", layer_dims), rng=changes.get("init_rng", rng))
    costs = []
    for i in range(num_iterations):
        if changes.get("reinit"):
            parameters = init_params(layer_dims, rng=rng)
        AL, caches = forward_prop(X, parameters)
        if when == "before" and i % every == 0:
            costs.append(cost_function(AL, Y))
        grads = backprop(AL, Y, caches)
        step = changes.get("fixed_rate", learning_rate)
        updated = update_parameters(parameters, grads, step) if step > 0 else parameters
        if not changes.get("forget_update"):
            parameters = updated
        if changes.get("sign") == "+":
            parameters = {key: value + 2 * step * grads["d" + key] for key, value in updated.items()}
        if when == "after":
            costs.append(cost_function(forward_prop(X, parameters)[0], Y))
    return parameters, costs


def model_cost_after_update(X, Y, layer_dims, learning_rate=0.0075, num_iterations=3000, rng=None):
    return _model(X, Y, layer_dims, learning_rate, num_iterations, rng, when="after")


def model_every_100(X, Y, layer_dims, learning_rate=0.0075, num_iterations=3000, rng=None):
    return _model(X, Y, layer_dims, learning_rate, num_iterations, rng, every=100)


def model_rng_not_passed(X, Y, layer_dims, learning_rate=0.0075, num_iterations=3000, rng=None):
    return _model(X, Y, layer_dims, learning_rate, num_iterations, rng, init_rng=None)


def model_seeds_globally(X, Y, layer_dims, learning_rate=0.0075, num_iterations=3000, rng=None):
    np.random.seed(1)
    return _model(
        X, Y, layer_dims, learning_rate, num_iterations, rng, init_rng=np.random.default_rng(np.random.randint(1000))
    )


def model_forgets_to_assign(X, Y, layer_dims, learning_rate=0.0075, num_iterations=3000, rng=None):
    return _model(X, Y, layer_dims, learning_rate, num_iterations, rng, forget_update=True)


def model_reinitialises_every_iteration(X, Y, layer_dims, learning_rate=0.0075, num_iterations=3000, rng=None):
    return _model(X, Y, layer_dims, learning_rate, num_iterations, rng, reinit=True)


def model_default_learning_rate(X, Y, layer_dims, learning_rate=0.0075, num_iterations=3000, rng=None):
    return _model(X, Y, layer_dims, learning_rate, num_iterations, rng, fixed_rate=0.5)


def model_ascends(X, Y, layer_dims, learning_rate=0.0075, num_iterations=3000, rng=None):
    return _model(X, Y, layer_dims, learning_rate, num_iterations, rng, sign="+")


def model_fixed_sizes(X, Y, layer_dims, learning_rate=0.0075, num_iterations=3000, rng=None):
    return _model(X, Y, layer_dims, learning_rate, num_iterations, rng, dims=[X.shape[0], 5, 3, Y.shape[0]])


def model_returns_parameters_only(X, Y, layer_dims, learning_rate=0.0075, num_iterations=3000, rng=None):
    return _model(X, Y, layer_dims, learning_rate, num_iterations, rng)[0]


def model_fixed_default_rate(X, Y, layer_dims, learning_rate=0.0075, num_iterations=3000, rng=None):
    return _model(X, Y, layer_dims, learning_rate, num_iterations, rng, fixed_rate=0.0075)


def model_centres_X_in_place(X, Y, layer_dims, learning_rate=0.0075, num_iterations=3000, rng=None):
    X -= X.mean(axis=1, keepdims=True)
    return _model(X, Y, layer_dims, learning_rate, num_iterations, rng)


MISTAKES = {
    "model": (
        Mistake(
            model_cost_after_update,
            "the cost is recorded after the update; record it before (right after `forward_prop`), so that "
            "`costs[i]` is the cost of the parameters iteration i starts from",
            shown_by="property",
            says="record the cost of the initial parameters, before the first update",
        ),
        Mistake(
            model_every_100,
            "the cost is recorded every 100 iterations, as in part 1; this `model` keeps one per iteration",
            shown_by="property",
            says="keeps the cost of every iteration",
        ),
        Mistake(
            model_rng_not_passed,
            "`init_params` is called without `rng`, so every call draws fresh weights",
            shown_by="seed",
            says="pass `rng` on",
        ),
        Mistake(
            model_seeds_globally,
            "`np.random.seed(1)` inside fixes the weights whatever `rng` the caller gives",
            shown_by="seed",
            says="the function seeds the random numbers itself",
        ),
        Mistake(
            model_forgets_to_assign,
            "`update_parameters(...)` is called but its result is not assigned: the parameters never change",
            shown_by="property",
            says="the cost did not go down",
        ),
        Mistake(
            model_reinitialises_every_iteration,
            "`init_params` inside the loop starts every iteration again from fresh weights; call it once, "
            "before the loop",
            shown_by="property",
            says="`init_params` only once",
        ),
        Mistake(
            model_default_learning_rate,
            "the update uses a fixed 0.5, not the `learning_rate` argument",
            shown_by="property",
            says="as if the learning rate were ignored",
        ),
        Mistake(
            model_fixed_default_rate,
            "the update uses a fixed 0.0075 (the default), not the `learning_rate` argument",
            shown_by="property",
            says="as if the learning rate were ignored",
        ),
        Mistake(
            model_ascends,
            "the parameters step up the gradient, `+ learning_rate * grads`, until the weights overflow",
            shown_by="warning",
            says="RuntimeWarning: overflow",
        ),
        Mistake(
            model_fixed_sizes,
            "the network's sizes are fixed (`[n_x, 5, 3, n_y]`); take them from `layer_dims`",
            shown_by="property",
            says="the network's sizes come from `layer_dims`",
        ),
        Mistake(
            model_returns_parameters_only,
            "only the parameters are returned; return the pair `parameters, costs`",
            shown_by="property",
            says="must return a tuple",
        ),
        Mistake(model_centres_X_in_place, "changed its argument `X` in place", shown_by="mutation"),
    ),
}
