"""Known mistakes of lesson 15, Hyperparameters and optimisers: `random_mini_batches`, `momentum_update`,
`adam_update`.

Mini-batches are random and their check is by properties (the learner's
generator is consumed by the call), so `random_mini_batches`'s mistakes are
named by those checks.
"""

from __future__ import annotations

import numpy as np

from nnlib.checks.exercise import Mistake

# --- random_mini_batches -----------------------------------------------------


def _cut(X, Y, batch_size):
    return [(X[:, k : k + batch_size], Y[:, k : k + batch_size]) for k in range(0, X.shape[1], batch_size)]


def batches_not_shuffled(X, Y, batch_size=64, rng=None):
    return _cut(X, Y, batch_size)


def batches_two_permutations(X, Y, batch_size=64, rng=None):
    rng = np.random.default_rng(rng)
    X, Y = X[:, rng.permutation(X.shape[1])], Y[:, rng.permutation(X.shape[1])]
    return _cut(X, Y, batch_size)


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
    return _cut(X[:, p], Y[:, p], batch_size)


def batches_global_numpy(X, Y, batch_size=64, rng=None):
    p = np.random.permutation(X.shape[1])
    return _cut(X[:, p], Y[:, p], batch_size)


def batches_rows(X, Y, batch_size=64, rng=None):
    rng = np.random.default_rng(rng)
    p = rng.permutation(X.shape[1])
    X, Y = X[:, p], Y[:, p]
    return [(X[k : k + batch_size, :], Y[k : k + batch_size, :]) for k in range(0, X.shape[1], batch_size)]


def batches_transposed(X, Y, batch_size=64, rng=None):
    rng = np.random.default_rng(rng)
    p = rng.permutation(X.shape[1])
    return [(X_b.T, Y_b.T) for X_b, Y_b in _cut(X[:, p], Y[:, p], batch_size)]


def batches_generator(X, Y, batch_size=64, rng=None):
    rng = np.random.default_rng(rng)
    p = rng.permutation(X.shape[1])
    X, Y = X[:, p], Y[:, p]
    return ((X[:, k : k + batch_size], Y[:, k : k + batch_size]) for k in range(0, X.shape[1], batch_size))


def batches_shuffle_after_a_draw(X, Y, batch_size=64, rng=None):
    rng = np.random.default_rng(rng)
    rng.random()  # a draw that is not the permutation
    p = rng.permutation(X.shape[1])
    return _cut(X[:, p], Y[:, p], batch_size)


# --- momentum_update ---------------------------------------------------------


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


def momentum_learning_rate_in_velocity(parameters, grads, velocity, beta, learning_rate):
    new_v = {key: beta * velocity[key] + (1 - beta) * learning_rate * grads[key] for key in grads}
    return {key: P - new_v["d" + key] for key, P in parameters.items()}, new_v


def momentum_velocity_keys(parameters, grads, velocity, beta, learning_rate):
    new_v = {key: beta * velocity["d" + key] + (1 - beta) * grads["d" + key] for key in parameters}
    return {key: P - learning_rate * new_v[key] for key, P in parameters.items()}, new_v


def momentum_two_layers_only(parameters, grads, velocity, beta, learning_rate):
    keys = [key for key in ("W1", "b1", "W2", "b2") if key in parameters]
    new_v = {"d" + key: beta * velocity["d" + key] + (1 - beta) * grads["d" + key] for key in keys}
    return {key: parameters[key] - learning_rate * new_v["d" + key] for key in keys}, new_v


def momentum_parameters_only(parameters, grads, velocity, beta, learning_rate):
    new_v = {key: beta * velocity[key] + (1 - beta) * grads[key] for key in grads}
    return {key: P - learning_rate * new_v["d" + key] for key, P in parameters.items()}


def momentum_weights_only(parameters, grads, velocity, beta, learning_rate):
    new_v = {key: beta * velocity[key] + (1 - beta) * grads[key] for key in grads}
    return {key: P - learning_rate * new_v["d" + key] if key[0] == "W" else P for key, P in parameters.items()}, new_v


def momentum_in_place(parameters, grads, velocity, beta, learning_rate):
    for key in parameters:
        velocity["d" + key] *= beta
        velocity["d" + key] += (1 - beta) * grads["d" + key]
        parameters[key] -= learning_rate * velocity["d" + key]
    return parameters, velocity


# --- adam_update -------------------------------------------------------------


def _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, change=""):
    """The lesson's step; the mistakes below each change one thing in it."""
    v_weight = 1.0 if change == "v without 1 - beta1" else 1 - beta1
    new_v = {k: beta1 * v[k] + v_weight * g for k, g in grads.items()}
    s_beta = beta1 if change == "s with beta1" else beta2
    new_s = {k: s_beta * s[k] + (1 - s_beta) * (g if change == "s not squared" else g**2) for k, g in grads.items()}
    step = t + 1 if change == "t + 1" else t
    if change == "no correction":
        v_hat, s_hat = new_v, new_s
    elif change == "beta not powered":
        v_hat = {k: x / (1 - beta1) for k, x in new_v.items()}
        s_hat = {k: x / (1 - beta2) for k, x in new_s.items()}
    else:
        v_hat = {k: x / (1 - beta1**step) for k, x in new_v.items()}
        s_hat = {k: x / (1 - beta2**step) for k, x in new_s.items()}
    sign = 1.0 if change == "plus" else -1.0
    root = (lambda x: x) if change == "no sqrt" else np.sqrt
    with np.errstate(invalid="ignore"):
        new_p = {
            k: P + sign * learning_rate * v_hat["d" + k] / (root(s_hat["d" + k]) + epsilon)
            for k, P in parameters.items()
        }
    if change == "corrected returned":
        return new_p, v_hat, s_hat
    if change == "two outputs":
        return new_p, new_v
    return new_p, new_v, new_s


def adam_no_correction(parameters, grads, v, s, t, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
    return _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, "no correction")


def adam_corrected_returned(parameters, grads, v, s, t, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
    return _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, "corrected returned")


def adam_t_plus_1(parameters, grads, v, s, t, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
    return _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, "t + 1")


def adam_s_with_beta1(parameters, grads, v, s, t, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
    return _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, "s with beta1")


def adam_s_not_squared(parameters, grads, v, s, t, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
    return _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, "s not squared")


def adam_beta_not_powered(parameters, grads, v, s, t, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
    return _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, "beta not powered")


def adam_plus(parameters, grads, v, s, t, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
    return _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, "plus")


def adam_two_outputs(parameters, grads, v, s, t, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
    return _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, "two outputs")


def adam_no_sqrt(parameters, grads, v, s, t, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
    return _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, "no sqrt")


def adam_v_without_one_minus_beta1(
    parameters, grads, v, s, t, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8
):
    return _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, "v without 1 - beta1")


def adam_in_place(parameters, grads, v, s, t, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
    for key, g in grads.items():
        v[key] = beta1 * v[key] + (1 - beta1) * g
        s[key] = beta2 * s[key] + (1 - beta2) * g**2
    new_p = {
        k: P - learning_rate * (v["d" + k] / (1 - beta1**t)) / (np.sqrt(s["d" + k] / (1 - beta2**t)) + epsilon)
        for k, P in parameters.items()
    }
    return new_p, v, s


MISTAKES = {
    "random_mini_batches": (
        Mistake(batches_not_shuffled, "the examples are not shuffled", shown_by="property"),
        Mistake(batches_two_permutations, "shuffled with different permutations", shown_by="property"),
        Mistake(batches_no_leftover, "the last, smaller batch", shown_by="property"),
        Mistake(batches_extra_empty, "there is no leftover batch", shown_by="property"),
        Mistake(batches_with_replacement, "drawn with replacement", shown_by="property"),
        Mistake(batches_global_numpy, "`np.random.permutation` ignores `rng`", shown_by="property"),
        Mistake(batches_rows, "must have shape", shown_by="property"),
        Mistake(batches_transposed, "it is transposed", shown_by="property"),
        Mistake(batches_generator, "collect the batches in a list", shown_by="property"),
        Mistake(batches_shuffle_after_a_draw, "not in the lesson's order", shown_by="property"),
    ),
    "momentum_update": (
        Mistake(momentum_no_one_minus_beta, "the gradient's weight is (1 − beta): `beta * v + (1 - beta) * dP`"),
        Mistake(momentum_swapped, "beta and (1 − beta) are swapped: the old velocity keeps the weight beta"),
        Mistake(
            momentum_steps_along_gradient,
            "the parameters step along the gradient; with momentum they step along the new velocity",
        ),
        Mistake(
            momentum_old_velocity, "the parameters step along the old velocity: update the velocity first, then use it"
        ),
        Mistake(momentum_plus, "`+` moves uphill; step against the velocity: `P - learning_rate * v`"),
        Mistake(
            momentum_learning_rate_in_velocity,
            "the learning rate went into the velocity; it belongs to the parameter step: "
            "`v = beta * v + (1 - beta) * dP`, then `P - learning_rate * v`",
        ),
        Mistake(
            momentum_velocity_keys,
            "the velocity is keyed like the gradients, `'dW1'`, `'db1'`, ...: build it over `grads` "
            "(or use `'d' + key`)",
        ),
        Mistake(
            momentum_two_layers_only,
            "only W1, b1, W2, b2 are updated: loop over the keys of `parameters`, so that any number of layers works",
        ),
        Mistake(momentum_parameters_only, "the velocity is missing: return both, `parameters, velocity`"),
        Mistake(
            momentum_weights_only,
            "only the weights are updated: the biases `b1`, `b2`, ... take a momentum step too",
        ),
        Mistake(momentum_in_place, "changed its argument `parameters` in place", shown_by="mutation"),
    ),
    "adam_update": (
        Mistake(
            adam_no_correction,
            "the bias correction is missing: divide v by (1 − beta1**t) and s by (1 − beta2**t) before the step",
        ),
        Mistake(
            adam_corrected_returned,
            "the bias-corrected v_hat and s_hat were returned: return the running averages v and s themselves "
            "(the next step continues from them) and use the corrected ones only for the step",
        ),
        Mistake(
            adam_t_plus_1, "the bias correction uses t + 1: `t` is already this step's number (1 for the first step)"
        ),
        Mistake(adam_s_with_beta1, "s, the average of squared gradients, decays with beta2, not beta1"),
        Mistake(
            adam_s_not_squared,
            "s averages the *squared* gradients, `dP ** 2`: a plain gradient can be negative, and `np.sqrt` of a "
            "negative s is nan",
        ),
        Mistake(
            adam_beta_not_powered,
            "the correction divides by (1 − beta1**t) and (1 − beta2**t), powers of beta with the step number t; "
            "(1 − beta1) leaves out the power",
        ),
        Mistake(adam_plus, "`+` moves uphill; step against the gradient: `P - learning_rate * v_hat / (...)`"),
        Mistake(adam_two_outputs, "s is missing: return all three, `parameters, v, s`"),
        Mistake(
            adam_no_sqrt,
            "the step divides by the *square root* of s_hat: `v_hat / (np.sqrt(s_hat) + epsilon)`",
        ),
        Mistake(
            adam_v_without_one_minus_beta1,
            "the gradient's weight in v is (1 − beta1): `v = beta1 * v + (1 - beta1) * dP`",
        ),
        Mistake(adam_in_place, "changed its argument `v` in place", shown_by="mutation"),
    ),
}
