"""Known mistakes of lesson 02, The sigmoid and other activations: `sigmoid`, `sigmoid_derivative`,
`stable_sigmoid`."""

from __future__ import annotations

import math
import warnings

import numpy as np

from nnlib.checks.exercise import Mistake

# --- sigmoid -----------------------------------------------------------------


def sigmoid_sign(Z):
    return 1 / (1 + np.exp(Z))


def sigmoid_one_minus(Z):
    return np.exp(-Z) / (1 + np.exp(-Z))


def sigmoid_minus_in_denominator(Z):
    return 1 / (1 - np.exp(-Z))


def sigmoid_precedence(Z):
    return 1 / 1 + np.exp(-Z)


def sigmoid_tanh(Z):
    return np.tanh(Z)


def sigmoid_no_one(Z):
    return 1 / np.exp(-Z)


def sigmoid_rounded(Z):
    return np.round(1 / (1 + np.exp(-Z)))


def sigmoid_slope(Z):
    s = 1 / (1 + np.exp(-Z))
    return s * (1 - s)


def sigmoid_math(Z):
    return 1 / (1 + math.exp(-Z))


def sigmoid_list(Z):
    return [1 / (1 + math.exp(-z)) for z in np.ravel(Z)]


def sigmoid_float64(Z):
    Z = np.asarray(Z, dtype=float)
    return 1 / (1 + np.exp(-Z))


def sigmoid_in_place(Z):
    Z *= -1
    return 1 / (1 + np.exp(Z))


# Two spellings of one mistake (the same output): one cause that names both.
_SIGMA_OF_MINUS_Z = (
    "this computes σ(−z) = 1 − σ(z): σ(z) = 1 / (1 + e^(−z)), so check the sign in the exponent "
    "(`np.exp(-Z)`) and that the numerator is 1"
)

SIGMOID = (
    Mistake(sigmoid_sign, _SIGMA_OF_MINUS_Z),
    Mistake(sigmoid_one_minus, _SIGMA_OF_MINUS_Z),
    Mistake(sigmoid_minus_in_denominator, "the denominator is 1 + e^(−z), with a plus"),
    Mistake(
        sigmoid_precedence,
        "operator precedence: `1 / 1 + np.exp(-Z)` is 1 + e^(−z); write `1 / (1 + np.exp(-Z))`",
    ),
    Mistake(sigmoid_tanh, "this is tanh, whose outputs lie in (−1, 1); the sigmoid's lie in (0, 1)"),
    Mistake(sigmoid_no_one, "the `1 +` in the denominator is missing: 1 / e^(−z) is e^z, not a number between 0 and 1"),
    Mistake(
        sigmoid_rounded,
        "the output is rounded to 0 or 1; the sigmoid returns the probability itself, strictly between 0 and 1",
    ),
    Mistake(
        sigmoid_slope,
        "this is the sigmoid's slope σ(z)(1 − σ(z)) (exercise 2); exercise 1 asks for σ(z) itself",
    ),
    Mistake(sigmoid_math, "the `math` module works on single numbers", shown_by="raises", outcome="your code raised"),
    Mistake(sigmoid_list, "not a Python list", shown_by="property"),
    Mistake(sigmoid_float64, "is float64 but must be float32", shown_by="dtype"),
    Mistake(sigmoid_in_place, "changed its argument `Z` in place", shown_by="mutation"),
)

# --- sigmoid_derivative --------------------------------------------------------


def derivative_of_wrong_variable(A):
    s = 1 / (1 + np.exp(-A))
    return s * (1 - s)


def derivative_tanh(A):
    return 1 - np.power(A, 2)


def derivative_plus(A):
    return A * (1 + A)


def derivative_one_factor(A):
    return 1 - A


def derivative_other_factor(A):
    return A


def derivative_squared(A):
    return A**2 * (1 - A)


def derivative_sign_flipped(A):
    return A * (A - 1)


def derivative_matrix_product(A):
    return np.dot(A, (1 - A).T)


def derivative_summed(A):
    return np.sum(A * (1 - A))


def derivative_in_place(A):
    A *= 1 - A
    return A


def derivative_float64(A):
    slope = np.zeros(A.shape)
    slope[...] = A * (1 - A)
    return slope


SIGMOID_DERIVATIVE = (
    Mistake(
        derivative_of_wrong_variable,
        "you applied the sigmoid again: the argument is already A = σ(Z), so the derivative is "
        "`A * (1 - A)` (this is the derivative of the wrong variable)",
    ),
    Mistake(derivative_tanh, "1 − A² is the derivative of tanh; the sigmoid's is `A * (1 - A)`"),
    Mistake(derivative_plus, "the second factor is (1 − A), with a minus"),
    Mistake(derivative_one_factor, "a factor A is missing: σ' = A (1 − A)"),
    Mistake(derivative_other_factor, "a factor (1 − A) is missing: σ' = A (1 − A)"),
    Mistake(derivative_squared, "A is squared: σ' = A (1 − A), with A once"),
    Mistake(
        derivative_sign_flipped,
        "the sign is flipped: (A − 1) instead of (1 − A); σ' = A (1 − A) is never negative",
    ),
    Mistake(
        derivative_matrix_product,
        "`np.dot` is a matrix product; the slope is taken entry by entry: `A * (1 - A)`",
    ),
    Mistake(
        derivative_summed,
        "`np.sum` adds the slopes into one number; the slope is one number per entry: `A * (1 - A)`, no sum",
    ),
    Mistake(derivative_in_place, "changed its argument `A` in place", shown_by="mutation"),
    Mistake(derivative_float64, "is float64 but must be float32", shown_by="dtype"),
)

# --- stable_sigmoid ------------------------------------------------------------


def stable_naive(Z):
    return 1 / (1 + np.exp(-Z))


def stable_where_both_branches(Z):
    return np.where(Z >= 0, 1 / (1 + np.exp(-Z)), np.exp(Z) / (1 + np.exp(Z)))


def stable_silenced(Z):
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-Z))


def stable_catch(Z):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return 1 / (1 + np.exp(-Z))


def stable_clipped_to_10(Z):
    return 1 / (1 + np.exp(-np.clip(Z, -10, 10)))


def stable_abs_everywhere(Z):
    return 1 / (1 + np.exp(-np.abs(Z)))


def stable_branches_swapped(Z):
    E = np.exp(-np.abs(Z))
    return np.where(Z >= 0, E / (1 + E), 1 / (1 + E))


def stable_clip_500(Z):
    return 1 / (1 + np.exp(-np.clip(Z, -500, 500)))


def stable_ratio(Z):
    e = np.exp(Z)
    return e / (1 + e)


def stable_float64_masks(Z):
    A = np.zeros(Z.shape)
    positive = Z >= 0
    A[positive] = 1 / (1 + np.exp(-Z[positive]))
    E = np.exp(Z[~positive])
    A[~positive] = E / (1 + E)
    return A


# Two spellings of one mistake (the same output, σ(−z)): one cause that names both.
_STABLE_SIGMA_OF_MINUS_Z = (
    "this computes σ(−z) = 1 − σ(z): check the sign in the exponent, or, with E = e^(−|z|), that z ≥ 0 takes "
    "1 / (1 + E) and z < 0 takes E / (1 + E) (not the other way round)"
)

STABLE_SIGMOID = (
    Mistake(stable_naive, "compute `np.exp` only of −|z|", shown_by="warning"),
    Mistake(stable_where_both_branches, "computes both `a` and `b` on every entry", shown_by="warning"),
    Mistake(stable_silenced, "switched off rather than avoided", shown_by="source"),
    Mistake(stable_catch, "switched off rather than avoided", name="stable_catch_warnings", shown_by="source"),
    Mistake(
        stable_clipped_to_10,
        "clipping z to [−10, 10] changes every value beyond: σ(20) is not σ(10); avoid the overflow with "
        "e^(−|z|) instead of clipping",
    ),
    Mistake(
        stable_abs_everywhere,
        "1 / (1 + e^(−|z|)) is σ(|z|), right for z ≥ 0 only; for z < 0, σ(z) = e^(−|z|) / (1 + e^(−|z|))",
    ),
    Mistake(stable_branches_swapped, _STABLE_SIGMA_OF_MINUS_Z),
    Mistake(sigmoid_sign, _STABLE_SIGMA_OF_MINUS_Z, name="stable_sign"),
    Mistake(stable_clip_500, "`np.exp` of a large positive number overflows", shown_by="warning"),
    Mistake(
        stable_ratio,
        "e^z / (1 + e^z) is inf / inf = NaN when z is large; take `np.exp` only of −|z|",
    ),
    Mistake(stable_float64_masks, "is float64 but must be float32", shown_by="dtype"),
)

MISTAKES = {"sigmoid": SIGMOID, "sigmoid_derivative": SIGMOID_DERIVATIVE, "stable_sigmoid": STABLE_SIGMOID}
