"""Lesson 06: update_parameters, nn_model, predict: right answers written differently.

The wrong answers are in the catalogue, nnlib/checks/mistakes/training.py.
"""

import copy

import numpy as np

from nnlib.initializers import initialize_parameters
from nnlib.shallow import backward_propagation, compute_cost, forward_propagation


def update_parameters_textbook(parameters, grads, learning_rate):
    W1 = parameters["W1"] - learning_rate * grads["dW1"]
    b1 = parameters["b1"] - learning_rate * grads["db1"]
    W2 = parameters["W2"] - learning_rate * grads["dW2"]
    b2 = parameters["b2"] - learning_rate * grads["db2"]
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def update_loop_into_new_dict(parameters, grads, learning_rate):
    new_parameters = {}
    for name, value in parameters.items():
        new_parameters[name] = value - learning_rate * grads["d" + name]
    return new_parameters


def update_on_a_deep_copy(parameters, grads, learning_rate):
    updated = copy.deepcopy(parameters)
    for key in updated:
        updated[key] -= learning_rate * grads["d" + key]
    return updated


def nn_model_textbook(X, Y, hidden_size=4, num_iterations=10000, learning_rate=1.2, rng=None, print_cost=False):
    parameters = initialize_parameters(X.shape[0], hidden_size, Y.shape[0], rng)
    costs = []
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        if i % 100 == 0:
            costs.append(compute_cost(A2, Y))
            if print_cost:
                print(f"cost after iteration {i}: {costs[-1]:.6f}")
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters_textbook(parameters, grads, learning_rate)
    return parameters, costs


def nn_model_while_loop(X, Y, hidden_size=4, num_iterations=10000, learning_rate=1.2, rng=None, print_cost=False):
    parameters = initialize_parameters(X.shape[0], hidden_size, Y.shape[0], rng=rng)
    costs, i = [], 0
    while i < num_iterations:
        A2, cache = forward_propagation(X, parameters)
        if i % 100 == 0:
            costs.append(compute_cost(A2, Y))
            if print_cost:
                print("iteration", i, "cost", round(costs[-1], 5))
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = {key: parameters[key] - learning_rate * grads["d" + key] for key in parameters}
        i += 1
    return parameters, costs


def nn_model_records_with_a_counter(
    X, Y, hidden_size=4, num_iterations=10000, learning_rate=1.2, rng=None, print_cost=False
):
    parameters = initialize_parameters(X.shape[0], hidden_size, Y.shape[0], rng)
    costs = []
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        if not i % 100:
            costs.append(float(compute_cost(A2, Y)))
            print_cost and print(f"{i}: {costs[-1]}")
        parameters = update_loop_into_new_dict(parameters, backward_propagation(parameters, cache, X, Y), learning_rate)
    return parameters, costs


def predict_textbook(X, parameters):
    A2, cache = forward_propagation(X, parameters)
    predictions = np.round(A2)
    return predictions


def predict_where(X, parameters):
    A2, _ = forward_propagation(X, parameters)
    return np.where(A2 > 0.5, 1, 0)


def predict_times_one(X, parameters):
    return (forward_propagation(X, parameters)[0] > 0.5) * 1


CORRECT = {
    "update_parameters": [update_parameters_textbook, update_loop_into_new_dict, update_on_a_deep_copy],
    "nn_model": [nn_model_textbook, nn_model_while_loop, nn_model_records_with_a_counter],
    "predict": [predict_textbook, predict_where, predict_times_one],
}
