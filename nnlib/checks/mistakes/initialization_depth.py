"""Known mistakes of lesson 11, Initialisation, vanishing and exploding gradients: `xavier_init`, `he_init`.

Weights are random and their check is by properties (the learner's generator
is consumed by the call): a wrong scale is named from the standard deviation
of a large draw, a generator not used by drawing twice with one seed.
"""

from __future__ import annotations

import numpy as np

from nnlib.checks.exercise import Mistake


def xavier_init_n_out(n_out, n_in, rng):
    return rng.standard_normal((n_out, n_in)) * np.sqrt(1 / n_out)


def xavier_init_variance_as_scale(n_out, n_in, rng):
    return rng.standard_normal((n_out, n_in)) * (1 / n_in)


def xavier_init_glorot(n_out, n_in, rng):
    return rng.standard_normal((n_out, n_in)) * np.sqrt(2 / (n_in + n_out))


def xavier_init_other_scheme(n_out, n_in, rng):
    return rng.standard_normal((n_out, n_in)) * np.sqrt(2 / n_in)


def xavier_init_not_scaled(n_out, n_in, rng):
    return rng.standard_normal((n_out, n_in))


def xavier_init_part_1_scale(n_out, n_in, rng):
    return rng.standard_normal((n_out, n_in)) * 0.01


def xavier_init_uniform(n_out, n_in, rng):
    return rng.random((n_out, n_in)) * np.sqrt(1 / n_in)


def xavier_init_global_numpy(n_out, n_in, rng):
    return np.random.randn(n_out, n_in) * np.sqrt(1 / n_in)


def xavier_init_own_seed(n_out, n_in, rng):
    rng = np.random.default_rng(0)
    return rng.standard_normal((n_out, n_in)) * np.sqrt(1 / n_in)


def xavier_init_transposed(n_out, n_in, rng):
    return rng.standard_normal((n_in, n_out)) * np.sqrt(1 / n_in)


def xavier_init_drawn_transposed(n_out, n_in, rng):
    return rng.standard_normal((n_in, n_out)).T * np.sqrt(1 / n_in)


def xavier_init_float32(n_out, n_in, rng):
    return (rng.standard_normal((n_out, n_in)) * np.sqrt(1 / n_in)).astype(np.float32)


def he_init_n_out(n_out, n_in, rng):
    return rng.standard_normal((n_out, n_in)) * np.sqrt(2 / n_out)


def he_init_variance_as_scale(n_out, n_in, rng):
    return rng.standard_normal((n_out, n_in)) * (2 / n_in)


def he_init_glorot(n_out, n_in, rng):
    return rng.standard_normal((n_out, n_in)) * np.sqrt(2 / (n_in + n_out))


def he_init_other_scheme(n_out, n_in, rng):
    return rng.standard_normal((n_out, n_in)) * np.sqrt(1 / n_in)


def he_init_not_scaled(n_out, n_in, rng):
    return rng.standard_normal((n_out, n_in))


def he_init_part_1_scale(n_out, n_in, rng):
    return rng.standard_normal((n_out, n_in)) * 0.01


def he_init_uniform(n_out, n_in, rng):
    return rng.random((n_out, n_in)) * np.sqrt(2 / n_in)


def he_init_global_numpy(n_out, n_in, rng):
    return np.random.randn(n_out, n_in) * np.sqrt(2 / n_in)


def he_init_own_seed(n_out, n_in, rng):
    rng = np.random.default_rng(0)
    return rng.standard_normal((n_out, n_in)) * np.sqrt(2 / n_in)


def he_init_transposed(n_out, n_in, rng):
    return rng.standard_normal((n_in, n_out)) * np.sqrt(2 / n_in)


def he_init_drawn_transposed(n_out, n_in, rng):
    return rng.standard_normal((n_in, n_out)).T * np.sqrt(2 / n_in)


def he_init_float32(n_out, n_in, rng):
    return (rng.standard_normal((n_out, n_in)) * np.sqrt(2 / n_in)).astype(np.float32)


MISTAKES = {
    "xavier_init": (
        Mistake(xavier_init_n_out, "it must use `n_in`", shown_by="property"),
        Mistake(xavier_init_variance_as_scale, "is the variance", shown_by="property"),
        Mistake(xavier_init_glorot, "Glorot's average", shown_by="property"),
        Mistake(xavier_init_other_scheme, "this is the scale of `he_init`", shown_by="property"),
        Mistake(xavier_init_not_scaled, "the draws are not scaled", shown_by="property"),
        Mistake(xavier_init_part_1_scale, "part 1's 0.01 scale", shown_by="property"),
        Mistake(xavier_init_uniform, "every entry is positive", shown_by="property"),
        Mistake(xavier_init_global_numpy, "`np.random.randn`", shown_by="seed"),
        Mistake(xavier_init_own_seed, "don't seed a generator of your own", shown_by="seed"),
        Mistake(xavier_init_transposed, "it is transposed", shown_by="property"),
        Mistake(xavier_init_drawn_transposed, "not `(n_in, n_out)`", shown_by="property"),
        Mistake(xavier_init_float32, "must hold float64", shown_by="dtype"),
    ),
    "he_init": (
        Mistake(he_init_n_out, "it must use `n_in`", shown_by="property"),
        Mistake(he_init_variance_as_scale, "is the variance", shown_by="property"),
        Mistake(he_init_glorot, "Glorot's average", shown_by="property"),
        Mistake(he_init_other_scheme, "this is the scale of `xavier_init`", shown_by="property"),
        Mistake(he_init_not_scaled, "the draws are not scaled", shown_by="property"),
        Mistake(he_init_part_1_scale, "part 1's 0.01 scale", shown_by="property"),
        Mistake(he_init_uniform, "every entry is positive", shown_by="property"),
        Mistake(he_init_global_numpy, "`np.random.randn`", shown_by="seed"),
        Mistake(he_init_own_seed, "don't seed a generator of your own", shown_by="seed"),
        Mistake(he_init_transposed, "it is transposed", shown_by="property"),
        Mistake(he_init_drawn_transposed, "not `(n_in, n_out)`", shown_by="property"),
        Mistake(he_init_float32, "must hold float64", shown_by="dtype"),
    ),
}
