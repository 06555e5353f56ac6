"""Lesson 11: xavier_init, he_init: right answers written differently.

The wrong answers are in the catalogue, nnlib/checks/mistakes/initialization_depth.py.
"""

import math

import numpy as np


def xavier_textbook(n_out, n_in, rng):
    return rng.standard_normal((n_out, n_in)) * np.sqrt(1 / n_in)


def xavier_normal_call(n_out, n_in, rng):
    return rng.normal(0.0, 1 / math.sqrt(n_in), size=(n_out, n_in))


def xavier_divided(n_out, n_in, rng):
    return rng.standard_normal((n_out, n_in)) / np.sqrt(n_in)


def he_textbook(n_out, n_in, rng):
    return rng.standard_normal((n_out, n_in)) * np.sqrt(2 / n_in)


def he_normal_call(n_out, n_in, rng):
    return rng.normal(loc=0, scale=np.sqrt(2.0 / n_in), size=(n_out, n_in))


def he_times_xavier(n_out, n_in, rng):
    return np.sqrt(2) * rng.standard_normal((n_out, n_in)) * np.sqrt(1 / n_in)


def xavier_loop_over_rows(n_out, n_in, rng):
    Z = rng.standard_normal((n_out, n_in))
    return np.array([row * (1 / n_in) ** 0.5 for row in Z])


def he_scale_then_draw(n_out, n_in, rng):
    std = math.sqrt(2.0 / n_in)
    return std * rng.standard_normal(size=(n_out, n_in))


CORRECT = {
    "xavier_init": [xavier_textbook, xavier_normal_call, xavier_divided, xavier_loop_over_rows],
    "he_init": [he_textbook, he_normal_call, he_times_xavier, he_scale_then_draw],
}
