"""The training-loop exercises (`nn_model`, `model`) compare the whole run with the course's, from the same seed."""

from __future__ import annotations

from nnlib import shallow, training
from nnlib.checks import Outcome, run


def _scaled(output, factor=1.5):
    parameters, costs = output
    return {key: value * factor for key, value in parameters.items()}, [cost * factor for cost in costs]


def test_model_whose_costs_and_parameters_are_scaled_fails():
    def model(X, Y, layer_dims, learning_rate=0.0075, num_iterations=3000, rng=None):
        return _scaled(training.model(X, Y, layer_dims, learning_rate, num_iterations, rng=rng))

    result = run("model", model)
    assert result.outcome is Outcome.FAILED
    assert "differs" in result.summary or "cost" in result.message, result.message


def test_model_a_bit_off_everywhere_fails_on_the_trajectory():
    def model(X, Y, layer_dims, learning_rate=0.0075, num_iterations=3000, rng=None):
        parameters, costs = training.model(X, Y, layer_dims, learning_rate * 1.02, num_iterations, rng=rng)
        return parameters, costs

    result = run("model", model)
    assert result.outcome is Outcome.FAILED
    assert result.summary.startswith("the same seed gave a different training run from the course's"), result.message


def test_nn_model_whose_costs_and_parameters_are_scaled_fails():
    def nn_model(X, Y, hidden_size, num_iterations=10000, learning_rate=1.2, rng=None, print_cost=False):
        return _scaled(shallow.nn_model(X, Y, hidden_size, num_iterations, learning_rate, rng, print_cost))

    result = run("nn_model", nn_model)
    assert result.outcome is Outcome.FAILED, result.message


def test_nn_model_a_bit_off_everywhere_fails_on_the_trajectory():
    def nn_model(X, Y, hidden_size, num_iterations=10000, learning_rate=1.2, rng=None, print_cost=False):
        return shallow.nn_model(X, Y, hidden_size, num_iterations, learning_rate * 1.02, rng, print_cost)

    result = run("nn_model", nn_model)
    assert result.outcome is Outcome.FAILED
    assert result.summary.startswith("the same seed gave the course's costs, but the trained `W1` differs"), (
        result.message
    )
