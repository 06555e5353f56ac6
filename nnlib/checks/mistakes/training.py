"""Known mistakes of lesson 06, Training and predicting: `update_parameters`, `nn_model`, `predict`."""

from __future__ import annotations

import numpy as np

from nnlib.checks.exercise import Mistake
from nnlib.initializers import initialize_parameters
from nnlib.shallow import backward_propagation, compute_cost, forward_propagation

KEYS = ("W1", "b1", "W2", "b2")

# --- update_parameters -------------------------------------------------------


def update_uphill(parameters, grads, learning_rate):
    return {key: parameters[key] + learning_rate * grads["d" + key] for key in KEYS}


def update_no_rate(parameters, grads, learning_rate):
    return {key: parameters[key] - grads["d" + key] for key in KEYS}


def update_fixed_rate(parameters, grads, learning_rate):
    learning_rate = 0.01
    return {key: parameters[key] - learning_rate * grads["d" + key] for key in KEYS}


def update_divides(parameters, grads, learning_rate):
    return {key: parameters[key] - grads["d" + key] / learning_rate for key in KEYS}


def update_rate_times_everything(parameters, grads, learning_rate):
    return {key: (parameters[key] - grads["d" + key]) * learning_rate for key in KEYS}


def update_forgets_biases(parameters, grads, learning_rate):
    return {
        "W1": parameters["W1"] - learning_rate * grads["dW1"],
        "b1": parameters["b1"],
        "W2": parameters["W2"] - learning_rate * grads["dW2"],
        "b2": parameters["b2"],
    }


def update_returns_gradient_keys(parameters, grads, learning_rate):
    return {"d" + key: parameters[key] - learning_rate * grads["d" + key] for key in KEYS}


def update_in_place(parameters, grads, learning_rate):
    for key in KEYS:
        parameters[key] -= learning_rate * grads["d" + key]
    return parameters


def update_assigns_into_dict(parameters, grads, learning_rate):
    for key in KEYS:
        parameters[key] = parameters[key] - learning_rate * grads["d" + key]
    return parameters


def update_wrong_grad_key(parameters, grads, learning_rate):
    return {key: parameters[key] - learning_rate * grads[key] for key in KEYS}


def update_transposed_gradient(parameters, grads, learning_rate):
    return {key: parameters[key] - learning_rate * grads["d" + key].T for key in KEYS}


# --- nn_model ----------------------------------------------------------------


def _loop(
    X,
    Y,
    hidden_size,
    num_iterations,
    learning_rate,
    rng,
    *,
    record_after=False,
    every=100,
    update=True,
    step_sign=-1.0,
    n_y=None,
):
    """The training loop of the lesson, with the one thing a learner changed."""
    parameters = initialize_parameters(X.shape[0], hidden_size, Y.shape[0] if n_y is None else n_y, rng)
    costs = []
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        grads = backward_propagation(parameters, cache, X, Y)
        if update:
            parameters = {key: parameters[key] + step_sign * learning_rate * grads["d" + key] for key in KEYS}
        if i % every == 0:
            costs.append(
                compute_cost(forward_propagation(X, parameters)[0], Y) if record_after else compute_cost(A2, Y)
            )
    return parameters, costs


def nn_model_never_updates(X, Y, hidden_size=4, num_iterations=10000, learning_rate=1.2, rng=None, print_cost=False):
    return _loop(X, Y, hidden_size, num_iterations, learning_rate, rng, update=False)


def nn_model_uphill(X, Y, hidden_size=4, num_iterations=10000, learning_rate=1.2, rng=None, print_cost=False):
    return _loop(X, Y, hidden_size, num_iterations, learning_rate, rng, step_sign=1.0)


def nn_model_records_every_iteration(
    X, Y, hidden_size=4, num_iterations=10000, learning_rate=1.2, rng=None, print_cost=False
):
    return _loop(X, Y, hidden_size, num_iterations, learning_rate, rng, every=1)


def nn_model_only_final_cost(X, Y, hidden_size=4, num_iterations=10000, learning_rate=1.2, rng=None, print_cost=False):
    parameters, costs = _loop(X, Y, hidden_size, num_iterations, learning_rate, rng)
    return parameters, costs[-1]


def nn_model_returns_parameters_only(
    X, Y, hidden_size=4, num_iterations=10000, learning_rate=1.2, rng=None, print_cost=False
):
    return _loop(X, Y, hidden_size, num_iterations, learning_rate, rng)[0]


def nn_model_hard_coded_hidden_size(
    X, Y, hidden_size=4, num_iterations=10000, learning_rate=1.2, rng=None, print_cost=False
):
    return _loop(X, Y, 4, num_iterations, learning_rate, rng)


def nn_model_ignores_iterations(
    X, Y, hidden_size=4, num_iterations=10000, learning_rate=1.2, rng=None, print_cost=False
):
    return _loop(X, Y, hidden_size, 1000, learning_rate, rng)


def nn_model_records_after_update(
    X, Y, hidden_size=4, num_iterations=10000, learning_rate=1.2, rng=None, print_cost=False
):
    return _loop(X, Y, hidden_size, num_iterations, learning_rate, rng, record_after=True)


def nn_model_fixed_rate(X, Y, hidden_size=4, num_iterations=10000, learning_rate=1.2, rng=None, print_cost=False):
    return _loop(X, Y, hidden_size, num_iterations, 1.2, rng)


def nn_model_always_prints(X, Y, hidden_size=4, num_iterations=10000, learning_rate=1.2, rng=None, print_cost=False):
    parameters, costs = _loop(X, Y, hidden_size, num_iterations, learning_rate, rng)
    print("final cost", costs[-1])
    return parameters, costs


def nn_model_scalar_cost_for_short_runs(
    X, Y, hidden_size=4, num_iterations=10000, learning_rate=1.2, rng=None, print_cost=False
):
    parameters, costs = _loop(X, Y, hidden_size, num_iterations, learning_rate, rng)
    return parameters, costs if num_iterations >= 1000 else costs[-1]


def nn_model_one_output_only(X, Y, hidden_size=4, num_iterations=10000, learning_rate=1.2, rng=None, print_cost=False):
    return _loop(X, Y, hidden_size, num_iterations, learning_rate, rng, n_y=1)


def nn_model_prints_every_iteration(
    X, Y, hidden_size=4, num_iterations=10000, learning_rate=1.2, rng=None, print_cost=False
):
    parameters = initialize_parameters(X.shape[0], hidden_size, Y.shape[0], rng)
    costs = []
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        if i % 100 == 0:
            costs.append(cost)
        if print_cost:
            print(f"iteration {i}: cost {cost:.4f}")
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = {key: parameters[key] - learning_rate * grads["d" + key] for key in KEYS}
    return parameters, costs


def nn_model_rng_not_passed(X, Y, hidden_size=4, num_iterations=10000, learning_rate=1.2, rng=None, print_cost=False):
    return _loop(X, Y, hidden_size, num_iterations, learning_rate, None)  # initialize_parameters(...) without rng


def nn_model_reinitialises_every_iteration(
    X, Y, hidden_size=4, num_iterations=10000, learning_rate=1.2, rng=None, print_cost=False
):
    costs = []
    for i in range(num_iterations):
        parameters = initialize_parameters(X.shape[0], hidden_size, Y.shape[0], rng)
        A2, cache = forward_propagation(X, parameters)
        if i % 100 == 0:
            costs.append(compute_cost(A2, Y))
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = {key: parameters[key] - learning_rate * grads["d" + key] for key in KEYS}
    return parameters, costs


# --- predict -----------------------------------------------------------------


def predict_inverted(X, parameters):
    A2, _ = forward_propagation(X, parameters)
    return (A2 < 0.5).astype(int)


def predict_probabilities(X, parameters):
    A2, _ = forward_propagation(X, parameters)
    return A2


def predict_argmax(X, parameters):
    A2, _ = forward_propagation(X, parameters)
    return np.argmax(A2, axis=0).reshape(1, -1)


def predict_swapped_arguments(parameters, X):
    A2, _ = forward_propagation(X, parameters)
    return (A2 > 0.5).astype(int)


def predict_flat(X, parameters):
    A2, _ = forward_propagation(X, parameters)
    return (A2 > 0.5).astype(int).ravel()


def predict_with_cache(X, parameters):
    A2, cache = forward_propagation(X, parameters)
    return (A2 > 0.5).astype(int), cache


def predict_threshold_on_z(X, parameters):
    _, cache = forward_propagation(X, parameters)
    return (cache["Z2"] > 0.5).astype(int)


def predict_probability_above_zero(X, parameters):
    A2, _ = forward_propagation(X, parameters)
    return (A2 > 0).astype(int)


def predict_at_least_half(X, parameters):
    A2, _ = forward_propagation(X, parameters)
    return (A2 >= 0.5).astype(int)


def predict_first_row_only(X, parameters):
    A2, _ = forward_propagation(X, parameters)
    return (A2[0] > 0.5).astype(int).reshape(1, -1)


def predict_if_else(X, parameters):
    A2, _ = forward_propagation(X, parameters)
    return 1 if A2 > 0.5 else 0


MISTAKES = {
    "update_parameters": (
        Mistake(
            update_uphill,
            "`+` moves uphill, making the cost larger; step against the gradient: `P - learning_rate * dP`",
        ),
        Mistake(update_no_rate, "the learning rate is not used: `P - learning_rate * dP`"),
        Mistake(update_fixed_rate, "the step uses a fixed 0.01, not the `learning_rate` argument"),
        Mistake(update_divides, "multiply the gradient by the learning rate, don't divide by it"),
        Mistake(
            update_rate_times_everything,
            "`(P - dP) * learning_rate` scales the parameter too; the learning rate multiplies only the "
            "gradient: `P - learning_rate * dP`",
        ),
        Mistake(
            update_forgets_biases,
            "the biases `b1` and `b2` are returned unchanged; they take a step too: `b - learning_rate * db`",
        ),
        Mistake(
            update_returns_gradient_keys,
            "the returned dict's keys are the gradients' names (dW1, …); the updated parameters keep theirs: "
            "W1, b1, W2, b2",
        ),
        Mistake(update_in_place, "changed its argument `parameters` in place", shown_by="mutation"),
        Mistake(update_assigns_into_dict, "replaces an entry of the caller's dict", shown_by="mutation"),
        Mistake(update_wrong_grad_key, "a dict has no such key", shown_by="raises", outcome="your code raised"),
        Mistake(
            update_transposed_gradient, "shapes do not fit together", shown_by="raises", outcome="your code raised"
        ),
    ),
    "nn_model": (
        Mistake(
            nn_model_never_updates,
            "the parameters are never updated: each iteration, `parameters = update(parameters, grads, learning_rate)`",
            shown_by="property",
            says="the cost did not go down",
        ),
        Mistake(
            nn_model_uphill,
            "`parameters + learning_rate * grads` climbs the cost; step against the gradient: "
            "`parameters - learning_rate * grads`",
            shown_by="property",
            says="the cost did not go down",
        ),
        Mistake(
            nn_model_records_every_iteration,
            "the cost is recorded at every iteration; record it when `i % 100 == 0`",
            shown_by="property",
            says="`costs` must hold 10 numbers",
        ),
        Mistake(
            nn_model_only_final_cost,
            "only the last cost is returned; return the list of every recorded cost",
            shown_by="property",
            says="`costs` must hold 10 numbers",
        ),
        Mistake(
            nn_model_returns_parameters_only,
            "only the parameters are returned; return the pair `parameters, costs`",
            shown_by="property",
            says="must return a tuple",
        ),
        Mistake(
            nn_model_hard_coded_hidden_size,
            "the hidden layer has a fixed 4 units; use the `hidden_size` argument",
            shown_by="property",
            says="the trained `W1` must have shape (3, 2)",
        ),
        Mistake(
            nn_model_ignores_iterations,
            "the loop runs a fixed 1000 iterations; loop `num_iterations` times",
            shown_by="property",
            says="`costs` must hold 3 numbers",
        ),
        Mistake(
            nn_model_records_after_update,
            "the cost is recorded after the update; record it before, so `costs[0]` is the initial parameters' cost",
            shown_by="property",
            says="before the first update",
        ),
        Mistake(
            nn_model_fixed_rate,
            "the update uses a fixed 1.2; pass the `learning_rate` argument on",
            shown_by="property",
            says="as if the learning rate were ignored",
        ),
        Mistake(
            nn_model_always_prints,
            "it prints even when `print_cost` is False",
            shown_by="property",
            says="printed while `print_cost` was False",
        ),
        Mistake(
            nn_model_scalar_cost_for_short_runs,
            "short runs return one cost instead of the list",
            shown_by="property",
            says="`costs` must hold 3 numbers",
        ),
        Mistake(
            nn_model_one_output_only,
            "the output layer has a fixed 1 unit; take it from the labels, `Y.shape[0]`",
            shown_by="raises",
            says="shapes do not fit together",
            outcome="your code raised",
        ),
        Mistake(
            nn_model_prints_every_iteration,
            "it prints the cost at every iteration; print only the recorded costs",
            shown_by="property",
            says="printed 200 lines, not 2",
        ),
        Mistake(
            nn_model_rng_not_passed,
            "`rng` is not passed on to `initialize_parameters`",
            shown_by="seed",
            says="the same `rng` seed gave two different networks",
        ),
        Mistake(
            nn_model_reinitialises_every_iteration,
            "the parameters are initialised inside the loop, so every iteration starts again from fresh weights; "
            "initialise once, before the loop",
            shown_by="property",
            says="during training",
        ),
    ),
    "predict": (
        Mistake(predict_inverted, "the classes are the wrong way round: 1 where `A2 > 0.5`"),
        Mistake(
            predict_probabilities,
            "these are the probabilities A2; a prediction is a class, 0 or 1: `(A2 > 0.5).astype(int)`",
        ),
        Mistake(predict_argmax, "`argmax` over a single output row is always 0; with one output, threshold A2 at 0.5"),
        Mistake(predict_swapped_arguments, "your code raised", shown_by="raises", outcome="your code raised"),
        Mistake(predict_flat, "the predictions must keep the shape (1, m) of `A2`: no `.ravel()` or `A2[0]`"),
        Mistake(
            predict_with_cache,
            "it returns the pair (predictions, cache); return the predictions alone",
        ),
        Mistake(predict_threshold_on_z, "threshold the probability `A2` (after the sigmoid), not `Z2`"),
        Mistake(
            predict_probability_above_zero,
            "a probability is always above 0, so every prediction is 1; the threshold on `A2` is 0.5 "
            "(0 is the threshold on `Z2`)",
        ),
        Mistake(
            predict_at_least_half,
            "`>=` makes a probability of exactly 0.5 class 1; the rule is 1 only where `A2 > 0.5`",
        ),
        Mistake(
            predict_first_row_only,
            "only the first output row `A2[0]` is thresholded; threshold every row of `A2`",
        ),
        Mistake(predict_if_else, "is ambiguous", shown_by="raises", outcome="your code raised"),
    ),
}
