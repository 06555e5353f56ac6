"""Lesson 02: sigmoid, sigmoid_derivative, stable_sigmoid."""

import math
import warnings

import numpy as np

from checker_cases.types import Cases, Wrong


def sigmoid_textbook(Z):
    return 1 / (1 + np.exp(-Z))


def sigmoid_reciprocal(Z):
    return np.reciprocal(1 + np.exp(-Z))


def sigmoid_through_tanh(Z):
    return 0.5 * (1 + np.tanh(Z / 2))


def sigmoid_float64(Z):
    Z = np.asarray(Z, dtype=float)
    return 1 / (1 + np.exp(-Z))


def sigmoid_sign(Z):
    return 1 / (1 + np.exp(Z))


def sigmoid_precedence(Z):
    return 1 / 1 + np.exp(-Z)


def sigmoid_ratio(Z):
    e = np.exp(Z)
    return e / (1 + e)


def sigmoid_math(Z):
    return 1 / (1 + math.exp(-Z))


def sigmoid_rounded(Z):
    return np.round(1 / (1 + np.exp(-Z)))


def sigmoid_tanh(Z):
    return np.tanh(Z)


def sigmoid_one_minus(Z):
    return np.exp(-Z) / (1 + np.exp(-Z))


def sigmoid_list(Z):
    return [1 / (1 + math.exp(-z)) for z in np.ravel(Z)]


def sigmoid_derivative_textbook(A):
    return A * (1 - A)


def derivative_expanded(A):
    return A - A**2


def derivative_multiply(A):
    return np.multiply(A, np.subtract(1, A))


def derivative_float64(A):
    slope = np.zeros(A.shape)
    slope[...] = A * (1 - A)
    return slope


def derivative_matrix_product(A):
    return np.dot(A, (1 - A).T)


def derivative_of_wrong_variable(A):
    s = 1 / (1 + np.exp(-A))
    return s * (1 - s)


def derivative_tanh(A):
    return 1 - np.power(A, 2)


def derivative_plus(A):
    return A * (1 + A)


def derivative_one_factor(A):
    return 1 - A


def derivative_squared(A):
    return A**2 * (1 - A)


def derivative_in_place(A):
    A *= 1 - A
    return A


def stable_sigmoid_textbook(Z):
    E = np.exp(-np.abs(Z))
    return np.where(Z >= 0, 1 / (1 + E), E / (1 + E))


def stable_masks(Z, A=None):
    A = np.empty_like(Z) if A is None else A
    positive = Z >= 0
    A[positive] = 1 / (1 + np.exp(-Z[positive]))
    E = np.exp(Z[~positive])
    A[~positive] = E / (1 + E)
    return A


def stable_float64_masks(Z):
    return stable_masks(Z, np.zeros(Z.shape))


def stable_clip_500(Z):
    return 1 / (1 + np.exp(-np.clip(Z, -500, 500)))


def stable_naive(Z):
    return 1 / (1 + np.exp(-Z))


def stable_where_both_branches(Z):
    return np.where(Z >= 0, 1 / (1 + np.exp(-Z)), np.exp(Z) / (1 + np.exp(Z)))


def stable_silenced(Z):
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-Z))


def stable_clipped_wrong(Z):
    return 1 / (1 + np.exp(-np.clip(Z, -10, 10)))


def stable_abs_everywhere(Z):
    return 1 / (1 + np.exp(-np.abs(Z)))


def stable_catch(Z):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return 1 / (1 + np.exp(-Z))


CASES = {
    "sigmoid": Cases(
        [sigmoid_textbook, sigmoid_reciprocal, sigmoid_through_tanh],
        [
            Wrong("sign in the exponent", sigmoid_sign, "check the sign in the exponent"),
            Wrong("operator precedence", sigmoid_precedence, "operator precedence"),
            Wrong(
                "math.exp on an array",
                sigmoid_math,
                "the `math` module works on single numbers",
                outcome="your code raised",
            ),
            Wrong("tanh", sigmoid_tanh, "this is tanh"),
            Wrong("rounded to 0 or 1", sigmoid_rounded, "entries are wrong"),
            Wrong("1 - sigmoid", sigmoid_one_minus, "this computes σ(−z) = 1 − σ(z)"),
            Wrong("a Python list", sigmoid_list, "not a Python list"),
            Wrong("float64 output for float32 input", sigmoid_float64, "is float64 but must be float32"),
        ],
    ),
    "sigmoid_derivative": Cases(
        [sigmoid_derivative_textbook, derivative_expanded, derivative_multiply],
        [
            Wrong(
                "derivative of the wrong variable", derivative_of_wrong_variable, "the derivative of the wrong variable"
            ),
            Wrong("tanh's derivative", derivative_tanh, "derivative of tanh"),
            Wrong("plus instead of minus", derivative_plus, "with a minus"),
            Wrong("one factor only", derivative_one_factor, "a factor A is missing"),
            Wrong("A squared", derivative_squared, "wrong"),
            Wrong("changes A in place", derivative_in_place, "changed its argument `A` in place"),
            Wrong("float64 output for float32 input", derivative_float64, "is float64 but must be float32"),
            Wrong("matrix product instead of elementwise", derivative_matrix_product, "must have shape (3, 4)"),
        ],
    ),
    "stable_sigmoid": Cases(
        [stable_sigmoid_textbook, stable_masks, sigmoid_through_tanh],
        [
            Wrong("the naive formula", stable_naive, "numpy warned on this input: RuntimeWarning: overflow"),
            Wrong(
                "np.where computing both branches",
                stable_where_both_branches,
                "computes both `a` and `b` on every entry",
            ),
            Wrong("warnings silenced with errstate", stable_silenced, "switched off rather than avoided"),
            Wrong("warnings silenced with catch_warnings", stable_catch, "switched off rather than avoided"),
            Wrong("clipping z to [-10, 10]", stable_clipped_wrong, "entries are wrong"),
            Wrong("|z| everywhere", stable_abs_everywhere, "entries are wrong"),
            Wrong("sign in the exponent", sigmoid_sign, "check the sign in the exponent"),
            Wrong("float64 output for float32 input", stable_float64_masks, "is float64 but must be float32"),
            Wrong("clipped to ±500, fine in float64 only", stable_clip_500, "numpy warned on this input"),
            Wrong("e^z / (1 + e^z)", sigmoid_ratio, "inf / inf = NaN"),
        ],
    ),
}
