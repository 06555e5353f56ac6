"""Lesson 06: update_parameters, nn_model, predict."""

import copy

import numpy as np

from checker_cases.types import Cases, Wrong
from nnlib.checks import NotDoneYet
from nnlib.initializers import initialize_parameters
from nnlib.shallow import backward_propagation, compute_cost, forward_propagation

KEYS = ("W1", "b1", "W2", "b2")


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


def update_returns_gradient_keys(parameters, grads, learning_rate):
    return {"d" + key: parameters[key] - learning_rate * grads["d" + key] for key in KEYS}


def update_transposed_gradient(parameters, grads, learning_rate):
    return {key: parameters[key] - learning_rate * grads["d" + key].T for key in KEYS}


def update_uphill(parameters, grads, learning_rate):
    return {key: parameters[key] + learning_rate * grads["d" + key] for key in KEYS}


def update_no_rate(parameters, grads, learning_rate):
    return {key: parameters[key] - grads["d" + key] for key in KEYS}


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


def update_forgets_biases(parameters, grads, learning_rate):
    return {
        "W1": parameters["W1"] - learning_rate * grads["dW1"],
        "b1": parameters["b1"],
        "W2": parameters["W2"] - learning_rate * grads["dW2"],
        "b2": parameters["b2"],
    }


def update_divides(parameters, grads, learning_rate):
    return {key: parameters[key] - grads["d" + key] / learning_rate for key in KEYS}


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


def nn_model_one_output_only(X, Y, hidden_size=4, num_iterations=10000, learning_rate=1.2, rng=None, print_cost=False):
    return _loop(X, Y, hidden_size, num_iterations, learning_rate, rng=rng, n_y=1)  # n_y = 1, not Y.shape[0]


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
        parameters = update_parameters_textbook(
            parameters, backward_propagation(parameters, cache, X, Y), learning_rate
        )
    return parameters, costs


def nn_model_rng_not_passed(X, Y, hidden_size=4, num_iterations=10000, learning_rate=1.2, rng=None, print_cost=False):
    return _loop(X, Y, hidden_size, num_iterations, learning_rate)  # initialize_parameters(...) without rng


def update_parameters(parameters, grads, learning_rate):
    # YOUR CODE HERE
    raise NotDoneYet()


def nn_model_calls_an_unfinished_update(
    X, Y, hidden_size=4, num_iterations=10000, learning_rate=1.2, rng=None, print_cost=False
):
    return _loop(X, Y, hidden_size, num_iterations, learning_rate, rng=rng, update_with=update_parameters)


def _loop(
    X,
    Y,
    hidden_size,
    num_iterations,
    learning_rate,
    *,
    record_after=False,
    every=100,
    update=True,
    reuse_initial=False,
    step_sign=-1.0,
    rng=None,
    update_with=None,
    n_y=None,
):
    parameters = initialize_parameters(X.shape[0], hidden_size, Y.shape[0] if n_y is None else n_y, rng)
    initial = parameters
    costs = []
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, initial if reuse_initial else parameters)
        grads = backward_propagation(initial if reuse_initial else parameters, cache, X, Y)
        if update_with is not None:
            parameters = update_with(parameters, grads, learning_rate)
        elif update:
            parameters = {key: parameters[key] + step_sign * learning_rate * grads["d" + key] for key in KEYS}
        if i % every == 0:
            costs.append(
                compute_cost(forward_propagation(X, parameters)[0], Y) if record_after else compute_cost(A2, Y)
            )
    return parameters, costs


def nn_model_never_updates(X, Y, hidden_size=4, num_iterations=10000, learning_rate=1.2, rng=None, print_cost=False):
    return _loop(X, Y, hidden_size, num_iterations, learning_rate, update=False)


def nn_model_uphill(X, Y, hidden_size=4, num_iterations=10000, learning_rate=1.2, rng=None, print_cost=False):
    return _loop(X, Y, hidden_size, num_iterations, learning_rate, step_sign=1.0)


def nn_model_records_every_iteration(
    X, Y, hidden_size=4, num_iterations=10000, learning_rate=1.2, rng=None, print_cost=False
):
    return _loop(X, Y, hidden_size, num_iterations, learning_rate, every=1)


def nn_model_only_final_cost(X, Y, hidden_size=4, num_iterations=10000, learning_rate=1.2, rng=None, print_cost=False):
    parameters, costs = _loop(X, Y, hidden_size, num_iterations, learning_rate)
    return parameters, costs[-1]


def nn_model_returns_parameters_only(
    X, Y, hidden_size=4, num_iterations=10000, learning_rate=1.2, rng=None, print_cost=False
):
    return _loop(X, Y, hidden_size, num_iterations, learning_rate)[0]


def nn_model_hard_coded_sizes(X, Y, hidden_size=4, num_iterations=10000, learning_rate=1.2, rng=None, print_cost=False):
    return _loop(X, Y, 4, num_iterations, learning_rate)


def nn_model_ignores_iterations(
    X, Y, hidden_size=4, num_iterations=10000, learning_rate=1.2, rng=None, print_cost=False
):
    return _loop(X, Y, hidden_size, 1000, learning_rate)


def nn_model_records_after_update(
    X, Y, hidden_size=4, num_iterations=10000, learning_rate=1.2, rng=None, print_cost=False
):
    return _loop(X, Y, hidden_size, num_iterations, learning_rate, record_after=True)


def nn_model_fixed_rate(X, Y, hidden_size=4, num_iterations=10000, learning_rate=1.2, rng=None, print_cost=False):
    return _loop(X, Y, hidden_size, num_iterations, 1.2)


def nn_model_always_prints(X, Y, hidden_size=4, num_iterations=10000, learning_rate=1.2, rng=None, print_cost=False):
    parameters, costs = _loop(X, Y, hidden_size, num_iterations, learning_rate)
    print("final cost", costs[-1])
    return parameters, costs


def nn_model_scalar_cost_for_short_runs(
    X, Y, hidden_size=4, num_iterations=10000, learning_rate=1.2, rng=None, print_cost=False
):
    parameters, costs = _loop(X, Y, hidden_size, num_iterations, learning_rate)
    return parameters, costs if num_iterations >= 1000 else costs[-1]


def predict_threshold_on_z(X, parameters):
    _, cache = forward_propagation(X, parameters)
    return (cache["Z2"] > 0.5).astype(int)


def predict_textbook(X, parameters):
    A2, cache = forward_propagation(X, parameters)
    predictions = np.round(A2)
    return predictions


def predict_where(X, parameters):
    A2, _ = forward_propagation(X, parameters)
    return np.where(A2 > 0.5, 1, 0)


def predict_times_one(X, parameters):
    return (forward_propagation(X, parameters)[0] > 0.5) * 1


def predict_at_least_half(X, parameters):
    A2, _ = forward_propagation(X, parameters)
    return (A2 >= 0.5).astype(int)


def predict_first_row_only(X, parameters):
    A2, _ = forward_propagation(X, parameters)
    return (A2[0] > 0.5).astype(int).reshape(1, -1)


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


def predict_tuple(X, parameters):
    A2, cache = forward_propagation(X, parameters)
    return (A2 > 0.5).astype(int), cache


CASES = {
    "update_parameters": Cases(
        [update_parameters_textbook, update_loop_into_new_dict, update_on_a_deep_copy],
        [
            Wrong("uphill", update_uphill, "`+` moves uphill"),
            Wrong("learning rate ignored", update_no_rate, "the learning rate is not used"),
            Wrong("-= on the caller's arrays", update_in_place, "changed its argument `parameters` in place"),
            Wrong("assigns into the caller's dict", update_assigns_into_dict, "build and return a new dict"),
            Wrong("grads looked up without the d", update_wrong_grad_key, "KeyError", outcome="your code raised"),
            Wrong("biases not updated", update_forgets_biases, "`b1` has the right shape"),
            Wrong("divides by the learning rate", update_divides, "don't divide by it"),
            Wrong("keys of the gradients returned", update_returns_gradient_keys, "`parameters` has no key 'W1'"),
            Wrong(
                "transposed gradients",
                update_transposed_gradient,
                "shapes do not fit together",
                outcome="your code raised",
            ),
        ],
    ),
    "nn_model": Cases(
        [nn_model_textbook, nn_model_while_loop, nn_model_records_with_a_counter],
        [
            Wrong("never updates", nn_model_never_updates, "the cost did not go down"),
            Wrong("uphill", nn_model_uphill, "the cost did not go down"),
            Wrong("records every iteration", nn_model_records_every_iteration, "`costs` must hold 10 numbers"),
            Wrong("returns only the final cost", nn_model_only_final_cost, "`costs` must hold 10 numbers"),
            Wrong("returns only the parameters", nn_model_returns_parameters_only, "must return a tuple"),
            Wrong("hidden size hard-coded", nn_model_hard_coded_sizes, "the trained `W1` must have shape (3, 2)"),
            Wrong("iterations hard-coded", nn_model_ignores_iterations, "`costs` must hold 3 numbers"),
            Wrong("cost recorded after the update", nn_model_records_after_update, "before the first update"),
            Wrong("learning rate ignored", nn_model_fixed_rate, "as if the learning rate were ignored"),
            Wrong("always prints", nn_model_always_prints, "printed while `print_cost` was False"),
            Wrong("a single cost for short runs", nn_model_scalar_cost_for_short_runs, "`costs` must hold 3 numbers"),
            Wrong(
                "a single output hard-coded",
                nn_model_one_output_only,
                "shapes do not fit together",
                outcome="your code raised",
            ),
            Wrong("prints every iteration", nn_model_prints_every_iteration, "printed 200 lines, not 2"),
            Wrong("rng not passed on", nn_model_rng_not_passed, "the same `rng` seed gave two different networks"),
            Wrong(
                "calls an unfinished update_parameters",
                nn_model_calls_an_unfinished_update,
                "your `nn_model` calls `update_parameters`, which is not done yet",
                outcome="your code raised",
            ),
        ],
    ),
    "predict": Cases(
        [predict_textbook, predict_where, predict_times_one],
        [
            Wrong("classes inverted", predict_inverted, "the wrong way round"),
            Wrong("probabilities returned", predict_probabilities, "these are the probabilities A2"),
            Wrong("argmax of one row", predict_argmax, "`argmax` over a single output row"),
            Wrong("arguments swapped", predict_swapped_arguments, "your code raised", outcome="your code raised"),
            Wrong("flattened", predict_flat, "must keep the shape (1, m)"),
            Wrong("a tuple returned", predict_tuple, "must be a numpy array"),
            Wrong("threshold on Z2", predict_threshold_on_z, "not `Z2`"),
            Wrong(
                ">= at the boundary",
                predict_at_least_half,
                "a probability of exactly 0.5 (examples 0 and 3) is class 0",
            ),
            Wrong("first output row only", predict_first_row_only, "has shape (1, 9) but must have shape (2, 9)"),
        ],
    ),
}
