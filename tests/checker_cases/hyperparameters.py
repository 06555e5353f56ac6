"""Lesson 15: random_mini_batches, momentum_update, adam_update: right answers written differently.

The wrong answers are in the catalogue, nnlib/checks/mistakes/hyperparameters.py.
"""

import math

import numpy as np


def batches_textbook(X, Y, batch_size=64, rng=None):
    rng = np.random.default_rng(rng)
    m = X.shape[1]
    mini_batches = []
    permutation = list(rng.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation].reshape((Y.shape[0], m))
    num_complete = math.floor(m / batch_size)
    for k in range(num_complete):
        mini_batch_X = shuffled_X[:, k * batch_size : (k + 1) * batch_size]
        mini_batch_Y = shuffled_Y[:, k * batch_size : (k + 1) * batch_size]
        mini_batches.append((mini_batch_X, mini_batch_Y))
    if m % batch_size != 0:
        mini_batches.append((shuffled_X[:, num_complete * batch_size :], shuffled_Y[:, num_complete * batch_size :]))
    return mini_batches


def batches_shuffle_indices(X, Y, batch_size=64, rng=None):
    rng = np.random.default_rng(rng)
    order = np.arange(X.shape[1])
    rng.shuffle(order)
    return [
        (X[:, order[k : k + batch_size]], Y[:, order[k : k + batch_size]]) for k in range(0, len(order), batch_size)
    ]


def batches_array_split(X, Y, batch_size=64, rng=None):
    rng = np.random.default_rng(rng)
    p = rng.permutation(X.shape[1])
    edges = np.arange(batch_size, X.shape[1], batch_size)
    return list(zip(np.split(X[:, p], edges, axis=1), np.split(Y[:, p], edges, axis=1)))


def momentum_textbook(parameters, grads, velocity, beta, learning_rate):
    parameters, velocity = dict(parameters), dict(velocity)
    L = len(parameters) // 2
    for l in range(1, L + 1):
        velocity["dW" + str(l)] = beta * velocity["dW" + str(l)] + (1 - beta) * grads["dW" + str(l)]
        velocity["db" + str(l)] = beta * velocity["db" + str(l)] + (1 - beta) * grads["db" + str(l)]
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * velocity["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * velocity["db" + str(l)]
    return parameters, velocity


def momentum_comprehensions(parameters, grads, velocity, beta, learning_rate):
    new_v = {key: beta * velocity[key] + (1 - beta) * grads[key] for key in grads}
    return {key: P - learning_rate * new_v["d" + key] for key, P in parameters.items()}, new_v


def adam_textbook(parameters, grads, v, s, t, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
    parameters, v, s = dict(parameters), dict(v), dict(s)
    v_corrected, s_corrected = {}, {}
    for key in grads:
        v[key] = beta1 * v[key] + (1 - beta1) * grads[key]
        v_corrected[key] = v[key] / (1 - np.power(beta1, t))
        s[key] = beta2 * s[key] + (1 - beta2) * np.power(grads[key], 2)
        s_corrected[key] = s[key] / (1 - np.power(beta2, t))
        parameters[key[1:]] = parameters[key[1:]] - learning_rate * v_corrected[key] / (
            np.sqrt(s_corrected[key]) + epsilon
        )
    return parameters, v, s


def adam_folded_step(parameters, grads, v, s, t, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
    new_v = {k: beta1 * v[k] + (1 - beta1) * g for k, g in grads.items()}
    new_s = {k: beta2 * s[k] + (1 - beta2) * g * g for k, g in grads.items()}
    alpha = learning_rate * np.sqrt(1 - beta2**t) / (1 - beta1**t)
    eps_hat = epsilon * np.sqrt(1 - beta2**t)
    new_p = {k: P - alpha * new_v["d" + k] / (np.sqrt(new_s["d" + k]) + eps_hat) for k, P in parameters.items()}
    return new_p, new_v, new_s


def momentum_loop_over_keys(parameters, grads, velocity, beta, learning_rate):
    new_parameters, new_velocity = {}, {}
    for key in parameters:
        v = beta * velocity["d" + key] + (1 - beta) * grads["d" + key]
        new_velocity["d" + key] = v
        new_parameters[key] = parameters[key] - learning_rate * v
    return new_parameters, new_velocity


def adam_loop_over_parameters(parameters, grads, v, s, t, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
    new_p, new_v, new_s = {}, {}, {}
    for key, P in parameters.items():
        g = grads["d" + key]
        new_v["d" + key] = beta1 * v["d" + key] + (1 - beta1) * g
        new_s["d" + key] = beta2 * s["d" + key] + (1 - beta2) * np.square(g)
        v_hat = new_v["d" + key] / (1 - beta1**t)
        s_hat = new_s["d" + key] / (1 - beta2**t)
        new_p[key] = P - learning_rate * v_hat / (np.sqrt(s_hat) + epsilon)
    return new_p, new_v, new_s


CORRECT = {
    "random_mini_batches": [batches_textbook, batches_shuffle_indices, batches_array_split],
    "momentum_update": [momentum_textbook, momentum_comprehensions, momentum_loop_over_keys],
    "adam_update": [adam_textbook, adam_folded_step, adam_loop_over_parameters],
}
