"""Lesson 15: random_mini_batches, momentum_update, adam_update."""

import math

import numpy as np

from checker_cases.types import Cases, Wrong


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


def batches_not_shuffled(X, Y, batch_size=64, rng=None):
    return [(X[:, k : k + batch_size], Y[:, k : k + batch_size]) for k in range(0, X.shape[1], batch_size)]


def batches_two_permutations(X, Y, batch_size=64, rng=None):
    rng = np.random.default_rng(rng)
    X, Y = X[:, rng.permutation(X.shape[1])], Y[:, rng.permutation(X.shape[1])]
    return [(X[:, k : k + batch_size], Y[:, k : k + batch_size]) for k in range(0, X.shape[1], batch_size)]


def batches_no_leftover(X, Y, batch_size=64, rng=None):
    rng = np.random.default_rng(rng)
    p = rng.permutation(X.shape[1])
    X, Y = X[:, p], Y[:, p]
    return [(X[:, k * batch_size : (k + 1) * batch_size], Y[:, k * batch_size : (k + 1) * batch_size])
            for k in range(X.shape[1] // batch_size)]  # fmt: skip


def batches_extra_empty(X, Y, batch_size=64, rng=None):
    rng = np.random.default_rng(rng)
    p = rng.permutation(X.shape[1])
    X, Y = X[:, p], Y[:, p]
    return [(X[:, k * batch_size : (k + 1) * batch_size], Y[:, k * batch_size : (k + 1) * batch_size])
            for k in range(X.shape[1] // batch_size + 1)]  # fmt: skip


def batches_with_replacement(X, Y, batch_size=64, rng=None):
    rng = np.random.default_rng(rng)
    p = rng.integers(0, X.shape[1], size=X.shape[1])
    X, Y = X[:, p], Y[:, p]
    return [(X[:, k : k + batch_size], Y[:, k : k + batch_size]) for k in range(0, X.shape[1], batch_size)]


def batches_global_random(X, Y, batch_size=64, rng=None):
    p = np.random.permutation(X.shape[1])
    X, Y = X[:, p], Y[:, p]
    return [(X[:, k : k + batch_size], Y[:, k : k + batch_size]) for k in range(0, X.shape[1], batch_size)]


def batches_rows(X, Y, batch_size=64, rng=None):
    rng = np.random.default_rng(rng)
    p = rng.permutation(X.shape[1])
    X, Y = X[:, p], Y[:, p]
    return [(X[k : k + batch_size, :], Y[k : k + batch_size, :]) for k in range(0, X.shape[1], batch_size)]


def batches_transposed(X, Y, batch_size=64, rng=None):
    rng = np.random.default_rng(rng)
    p = rng.permutation(X.shape[1])
    X, Y = X[:, p], Y[:, p]
    return [(X[:, k : k + batch_size].T, Y[:, k : k + batch_size].T) for k in range(0, X.shape[1], batch_size)]


def batches_generator(X, Y, batch_size=64, rng=None):
    rng = np.random.default_rng(rng)
    p = rng.permutation(X.shape[1])
    X, Y = X[:, p], Y[:, p]
    return ((X[:, k : k + batch_size], Y[:, k : k + batch_size]) for k in range(0, X.shape[1], batch_size))


def batches_shuffle_after_a_draw(X, Y, batch_size=64, rng=None):
    rng = np.random.default_rng(rng)
    rng.random()  # a draw that is not the permutation
    p = rng.permutation(X.shape[1])
    X, Y = X[:, p], Y[:, p]
    return [(X[:, k : k + batch_size], Y[:, k : k + batch_size]) for k in range(0, X.shape[1], batch_size)]


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


def momentum_no_one_minus_beta(parameters, grads, velocity, beta, learning_rate):
    new_v = {key: beta * velocity[key] + grads[key] for key in grads}
    return {key: P - learning_rate * new_v["d" + key] for key, P in parameters.items()}, new_v


def momentum_swapped(parameters, grads, velocity, beta, learning_rate):
    new_v = {key: (1 - beta) * velocity[key] + beta * grads[key] for key in grads}
    return {key: P - learning_rate * new_v["d" + key] for key, P in parameters.items()}, new_v


def momentum_steps_along_gradient(parameters, grads, velocity, beta, learning_rate):
    new_v = {key: beta * velocity[key] + (1 - beta) * grads[key] for key in grads}
    return {key: P - learning_rate * grads["d" + key] for key, P in parameters.items()}, new_v


def momentum_old_velocity(parameters, grads, velocity, beta, learning_rate):
    new_p = {key: P - learning_rate * velocity["d" + key] for key, P in parameters.items()}
    return new_p, {key: beta * velocity[key] + (1 - beta) * grads[key] for key in grads}


def momentum_plus(parameters, grads, velocity, beta, learning_rate):
    new_v = {key: beta * velocity[key] + (1 - beta) * grads[key] for key in grads}
    return {key: P + learning_rate * new_v["d" + key] for key, P in parameters.items()}, new_v


def momentum_velocity_keys(parameters, grads, velocity, beta, learning_rate):
    new_v = {key: beta * velocity["d" + key] + (1 - beta) * grads["d" + key] for key in parameters}
    return {key: P - learning_rate * new_v[key] for key, P in parameters.items()}, new_v


def momentum_in_place(parameters, grads, velocity, beta, learning_rate):
    for key in parameters:
        velocity["d" + key] *= beta
        velocity["d" + key] += (1 - beta) * grads["d" + key]
        parameters[key] -= learning_rate * velocity["d" + key]
    return parameters, velocity


def momentum_two_layers_only(parameters, grads, velocity, beta, learning_rate):
    keys = ("W1", "b1", "W2", "b2")
    new_v = {"d" + key: beta * velocity["d" + key] + (1 - beta) * grads["d" + key] for key in keys if key in parameters}
    return {key: parameters[key] - learning_rate * new_v["d" + key] for key in keys if key in parameters}, new_v


def momentum_parameters_only(parameters, grads, velocity, beta, learning_rate):
    return momentum_comprehensions(parameters, grads, velocity, beta, learning_rate)[0]


def momentum_weights_only(parameters, grads, velocity, beta, learning_rate):
    new_v = {key: beta * velocity[key] + (1 - beta) * grads[key] for key in grads}
    return {key: P - learning_rate * new_v["d" + key] if key[0] == "W" else P for key, P in parameters.items()}, new_v


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


def _adam_variant(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, change=""):
    new_v = {k: beta1 * v[k] + (1 - beta1) * g for k, g in grads.items()}
    if change == "s with beta1":
        new_s = {k: beta1 * s[k] + (1 - beta1) * g**2 for k, g in grads.items()}
    elif change == "s not squared":
        new_s = {k: beta2 * s[k] + (1 - beta2) * g for k, g in grads.items()}
    else:
        new_s = {k: beta2 * s[k] + (1 - beta2) * g**2 for k, g in grads.items()}
    step_t = t + 1 if change == "t + 1" else t
    if change == "no correction":
        v_hat, s_hat = new_v, new_s
    elif change == "beta not powered":
        v_hat = {k: x / (1 - beta1) for k, x in new_v.items()}
        s_hat = {k: x / (1 - beta2) for k, x in new_s.items()}
    else:
        v_hat = {k: x / (1 - beta1**step_t) for k, x in new_v.items()}
        s_hat = {k: x / (1 - beta2**step_t) for k, x in new_s.items()}
    sign = 1.0 if change == "plus" else -1.0
    new_p = {
        k: P + sign * learning_rate * v_hat["d" + k] / (np.sqrt(s_hat["d" + k]) + epsilon)
        for k, P in parameters.items()
    }
    if change == "corrected returned":
        return new_p, v_hat, s_hat
    if change == "two outputs":
        return new_p, new_v
    if change == "no sqrt":
        new_p = {k: P - learning_rate * v_hat["d" + k] / (s_hat["d" + k] + epsilon) for k, P in parameters.items()}
    return new_p, new_v, new_s


def _adam_wrong(change):
    def adam(parameters, grads, v, s, t, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
        return _adam_variant(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, change)

    adam.__name__ = f"adam_{change.replace(' ', '_').replace('+', 'plus')}"
    return adam


CASES = {
    "random_mini_batches": Cases(
        [batches_textbook, batches_shuffle_indices, batches_array_split],
        [
            Wrong("not shuffled", batches_not_shuffled, "the examples are not shuffled"),
            Wrong("two permutations", batches_two_permutations, "shuffled with different permutations"),
            Wrong("leftover batch missing", batches_no_leftover, "the last, smaller batch"),
            Wrong("an extra empty batch", batches_extra_empty, "there is no leftover batch"),
            Wrong("drawn with replacement", batches_with_replacement, "drawn with replacement"),
            Wrong("np.random instead of rng", batches_global_random, "`np.random.permutation` ignores `rng`"),
            Wrong("rows sliced", batches_rows, "must have shape"),
            Wrong("batches transposed", batches_transposed, "it is transposed"),
            Wrong("a generator returned", batches_generator, "collect the batches in a list"),
            Wrong("another draw first", batches_shuffle_after_a_draw, "not in the lesson's order"),
        ],
    ),
    "momentum_update": Cases(
        [momentum_textbook, momentum_comprehensions],
        [
            Wrong("no (1 - beta)", momentum_no_one_minus_beta, "the gradient's weight is (1 − beta)"),
            Wrong("beta swapped", momentum_swapped, "are swapped"),
            Wrong("steps along the gradient", momentum_steps_along_gradient, "step along the gradient"),
            Wrong("the old velocity", momentum_old_velocity, "step along the old velocity"),
            Wrong("plus", momentum_plus, "moves uphill"),
            Wrong("velocity keyed W1", momentum_velocity_keys, "has no key 'dW1'"),
            Wrong("changes its inputs", momentum_in_place, "changed its argument `parameters` in place"),
            Wrong("two layers hard-coded", momentum_two_layers_only, "has no key 'W3'"),
            Wrong("parameters only", momentum_parameters_only, "must return a tuple (parameters, velocity)"),
            Wrong("weights only", momentum_weights_only, "entries are wrong"),
        ],
    ),
    "adam_update": Cases(
        [adam_textbook, adam_folded_step],
        [
            Wrong("no bias correction", _adam_wrong("no correction"), "the bias correction is missing"),
            Wrong("corrected v, s returned", _adam_wrong("corrected returned"), "the bias-corrected v_hat"),
            Wrong("t + 1", _adam_wrong("t + 1"), "uses t + 1"),
            Wrong("s decays with beta1", _adam_wrong("s with beta1"), "not beta1"),
            Wrong("s of unsquared gradients", _adam_wrong("s not squared"), "averages the *squared* gradients"),
            Wrong("1 - beta, not 1 - beta**t", _adam_wrong("beta not powered"), "entries are wrong"),
            Wrong("plus", _adam_wrong("plus"), "entries are wrong"),
            Wrong("two outputs", _adam_wrong("two outputs"), "must return 3"),
            Wrong("no square root", _adam_wrong("no sqrt"), "entries are wrong"),
        ],
    ),
}
