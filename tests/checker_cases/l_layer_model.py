"""Lesson 09: model: right answers written differently. A learner's model calls their own lesson 07-08
functions; these call nnlib's.

The wrong answers are in the catalogue, nnlib/checks/mistakes/l_layer_model.py.
"""

import numpy as np

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


CORRECT = {"model": [model_textbook, model_inline_update, model_while_loop]}
