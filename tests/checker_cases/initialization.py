"""Lesson 01: initialize_parameters: right answers written differently.

The wrong answers are in the catalogue, nnlib/checks/mistakes/initialization.py.
"""

import numpy as np


def initialize_parameters_textbook(input_size, hidden_size, output_size, rng=None):
    rng = np.random.default_rng(rng)
    W1 = rng.standard_normal((hidden_size, input_size)) * 0.01
    b1 = np.zeros((hidden_size, 1))
    W2 = rng.standard_normal((output_size, hidden_size)) * 0.01
    b2 = np.zeros((output_size, 1))
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    return parameters


def init_normal_with_scale(input_size, hidden_size, output_size, rng=None):
    generator = np.random.default_rng(rng)
    parameters = {}
    for layer, (n_out, n_in) in enumerate([(hidden_size, input_size), (output_size, hidden_size)], start=1):
        parameters[f"W{layer}"] = generator.normal(0.0, 0.01, size=(n_out, n_in))
        parameters[f"b{layer}"] = np.zeros((n_out, 1))
    return parameters


def init_divided_by_100(input_size, hidden_size, output_size, rng=None):
    rng = np.random.default_rng(rng)
    W1 = rng.standard_normal(size=hidden_size * input_size).reshape(hidden_size, input_size) / 100
    W2 = rng.standard_normal(size=output_size * hidden_size).reshape(output_size, hidden_size) / 100
    return dict(W1=W1, b1=np.zeros((hidden_size, 1)), W2=W2, b2=np.zeros((output_size, 1)))


CORRECT = {
    "initialize_parameters": [initialize_parameters_textbook, init_normal_with_scale, init_divided_by_100],
}
