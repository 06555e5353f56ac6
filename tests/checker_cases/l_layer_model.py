"""Lesson 09: model. A learner's model calls their own lesson 07-08 functions; these call nnlib's."""

import numpy as np

from checker_cases.types import Cases, Wrong
from nnlib.deep import backprop, cost_function, forward_prop
from nnlib.initializers import init_params
from nnlib.optimizers import update_parameters


def model_textbook(X, Y, layer_dims, learning_rate=0.0075, num_iterations=3000, rng=None):
    costs = []
    parameters = init_params(layer_dims, rng=rng)
    for _ in range(0, num_iterations):
        AL, caches = forward_prop(X, parameters)
        cost = cost_function(AL, Y)
        grads = backprop(AL, Y, caches)
        parameters = update_parameters(parameters, grads, learning_rate)
        costs.append(cost)
    return parameters, costs


def model_inline_update(X, Y, layer_dims, learning_rate=0.0075, num_iterations=3000, rng=None):
    parameters, costs = init_params(layer_dims, rng=rng), []
    for _ in range(num_iterations):
        AL, caches = forward_prop(X, parameters)
        costs.append(cost_function(AL, Y))
        grads = backprop(AL, Y, caches)
        parameters = {key: value - learning_rate * grads["d" + key] for key, value in parameters.items()}
    return parameters, costs


def model_while_loop(X, Y, layer_dims, learning_rate=0.0075, num_iterations=3000, rng=None):
    generator = np.random.default_rng(rng)
    parameters = init_params(layer_dims, rng=generator)
    costs = np.zeros(num_iterations)
    i = 0
    while i < num_iterations:
        AL, caches = forward_prop(X, parameters)
        costs[i] = cost_function(AL, Y)
        parameters = update_parameters(parameters, backprop(AL, Y, caches), learning_rate)
        i += 1
    return parameters, list(costs)


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


CASES = {
    "model": Cases(
        [model_textbook, model_inline_update, model_while_loop],
        [
            Wrong("cost recorded after the update", model_cost_after_update, "record the cost before the update"),
            Wrong("part 1's every 100 iterations", model_every_100, "keeps the cost of every iteration"),
            Wrong("rng not passed on", model_rng_not_passed, "pass `rng` on"),
            Wrong("seeds globally", model_seeds_globally, "the function seeds the random numbers itself"),
            Wrong("update not assigned", model_forgets_to_assign, "the cost did not go down"),
            Wrong("init inside the loop", model_reinitialises_every_iteration, "`init_params` only once"),
            Wrong("learning rate ignored", model_default_learning_rate, "as if the learning rate were ignored"),
            Wrong("steps uphill", model_ascends, "numpy warned on this input: RuntimeWarning: overflow"),
            Wrong("layer_dims ignored", model_fixed_sizes, "the network's sizes come from `layer_dims`"),
            Wrong("returns parameters only", model_returns_parameters_only, "must return a tuple"),
        ],
    ),
}
