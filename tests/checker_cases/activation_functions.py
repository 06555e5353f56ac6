"""Lesson 10: relu, relu_backward, leaky_relu, tanh_backward."""

import numpy as np

from checker_cases.types import Cases, Wrong


def relu_textbook(Z):
    return np.maximum(0, Z)


def relu_mask(Z):
    return Z * (Z > 0)


def relu_clip(Z):
    return np.clip(Z, 0, None)


def relu_axis_max(Z):
    return np.max(Z, 0)


def relu_builtin_max(Z):
    return max(Z, 0)


def relu_minimum(Z):
    return np.minimum(Z, 0)


def relu_abs(Z):
    return np.abs(Z)


def relu_step(Z):
    return np.where(Z > 0, 1.0, 0.0)


def relu_in_place(Z):
    Z[Z < 0] = 0
    return Z


def relu_softplus(Z):
    return np.log(1 + np.exp(np.minimum(Z, 50))) + np.maximum(Z - 50, 0)


def relu_leaky(Z):
    return np.maximum(Z, 0.01 * Z)


def relu_list(Z):
    return np.array([max(z, 0.0) for z in Z.ravel()], dtype=float).reshape(Z.shape)


def relu_backward_textbook(dA, Z):
    dZ = np.array(dA, copy=True)
    dZ[Z <= 0] = 0
    return dZ


def relu_backward_where(dA, Z):
    return np.where(Z > 0, dA, 0)


def relu_backward_heaviside(dA, Z):
    return dA * np.heaviside(Z, 0).astype(dA.dtype)


def relu_backward_at_zero(dA, Z):
    return dA * (Z >= 0)


def relu_backward_slope_only(dA, Z):
    return (Z > 0).astype(float)


def relu_backward_times_activation(dA, Z):
    return dA * np.maximum(Z, 0)


def relu_backward_reversed(dA, Z):
    return dA * (Z < 0)


def relu_backward_mask_of_dA(dA, Z):
    return dA * (dA > 0)


def relu_backward_in_place(dA, Z):
    dZ = dA
    dZ[Z <= 0] = 0
    return dZ


def relu_backward_float64(dA, Z):
    return dA * (Z > 0).astype(np.float64)


def relu_backward_leaky(dA, Z):
    return np.where(Z > 0, dA, 0.01 * dA)


def relu_backward_ints(dA, Z):
    return np.where(Z > 0, 1, 0)


def leaky_textbook(Z, slope=0.01):
    return np.where(Z > 0, Z, slope * Z)


def leaky_maximum(Z, slope=0.01):
    return np.maximum(Z, slope * Z)


def leaky_masks(Z, slope=0.01):
    return Z * (Z > 0) + slope * Z * (Z <= 0)


def leaky_fixed_slope(Z, slope=0.01):
    return np.where(Z > 0, Z, 0.01 * Z)


def leaky_slope_constant(Z, slope=0.01):
    return np.where(Z > 0, Z, slope)


def leaky_maximum_with_number(Z, slope=0.01):
    return np.maximum(Z, slope)


def leaky_plain_relu(Z, slope=0.01):
    return np.maximum(Z, 0)


def leaky_swapped(Z, slope=0.01):
    return np.where(Z > 0, slope * Z, Z)


def leaky_everything_scaled(Z, slope=0.01):
    return slope * Z


def leaky_in_place(Z, slope=0.01):
    Z[Z < 0] *= slope
    return Z


def leaky_float64(Z, slope=0.01):
    A = np.zeros(Z.shape)
    A[:] = np.where(Z > 0, Z, slope * Z)
    return A


def leaky_no_slope_argument(Z):
    return np.where(Z > 0, Z, 0.01 * Z)


def tanh_backward_textbook(dA, Z):
    A = np.tanh(Z)
    return dA * (1 - np.power(A, 2))


def tanh_backward_factored(dA, Z):
    T = np.tanh(Z)
    return dA * (1 - T) * (1 + T)


def tanh_backward_through_sigmoid(dA, Z):
    s = 1 / (1 + np.exp(-2 * np.clip(Z, -50, 50)))
    return dA * 4 * s * (1 - s)


def tanh_backward_slope_only(dA, Z):
    return 1 - np.tanh(Z) ** 2


def tanh_backward_of_z(dA, Z):
    return dA * (1 - Z**2)


def tanh_backward_precedence(dA, Z):
    return dA * (1 - np.tanh(Z)) ** 2


def tanh_backward_sigmoid_form(dA, Z):
    A = np.tanh(Z)
    return dA * A * (1 - A)


def tanh_backward_plus(dA, Z):
    return dA * (1 + np.tanh(Z) ** 2)


def tanh_backward_of_dA(dA, Z):
    return dA * (1 - np.tanh(dA) ** 2)


def tanh_backward_not_squared(dA, Z):
    return dA * (1 - np.tanh(Z))


def tanh_backward_float64(dA, Z):
    return dA * (1 - np.tanh(Z.astype(float)) ** 2)


def tanh_backward_matrix_product(dA, Z):
    return dA @ (1 - np.tanh(Z) ** 2).T


CASES = {
    "relu": Cases(
        [relu_textbook, relu_mask, relu_clip],
        [
            Wrong("np.max along an axis", relu_axis_max, "`np.max(Z, 0)` is the largest entry of each column"),
            Wrong("Python's max on an array", relu_builtin_max, "ambiguous", outcome="your code raised"),
            Wrong("minimum instead of maximum", relu_minimum, "ReLU is max(z, 0), not min"),
            Wrong("absolute value", relu_abs, "|z| flips negative entries"),
            Wrong("the step function", relu_step, "this is ReLU's slope"),
            Wrong("changes Z in place", relu_in_place, "changed its argument `Z` in place"),
            Wrong("softplus", relu_softplus, "this is softplus"),
            Wrong("leaky", relu_leaky, "this is the leaky ReLU"),
            Wrong("float64 output for float32 input", relu_list, "is float64 but must be float32"),
        ],
    ),
    "relu_backward": Cases(
        [relu_backward_textbook, relu_backward_where, relu_backward_heaviside],
        [
            Wrong("slope 1 at Z = 0", relu_backward_at_zero, "write `Z > 0`, not `Z >= 0`"),
            Wrong("slope without dA", relu_backward_slope_only, "multiply it by the upstream gradient"),
            Wrong("times the activation", relu_backward_times_activation, "this multiplies dA by ReLU(Z)"),
            Wrong("mask reversed", relu_backward_reversed, "the mask is the wrong way round"),
            Wrong("mask of dA", relu_backward_mask_of_dA, "the mask is taken from dA"),
            Wrong("dZ = dA then in place", relu_backward_in_place, "changed its argument `dA` in place"),
            Wrong("float64 output for float32 input", relu_backward_float64, "is float64 but must be float32"),
            Wrong("leaky backward", relu_backward_leaky, "this is the leaky ReLU's backward pass"),
            Wrong("integer slope only", relu_backward_ints, "must hold floats"),
        ],
    ),
    "leaky_relu": Cases(
        [leaky_textbook, leaky_maximum, leaky_masks],
        [
            Wrong("slope fixed at 0.01", leaky_fixed_slope, "the `slope` argument is ignored"),
            Wrong("negatives become the slope", leaky_slope_constant, "negative entries become `slope` itself"),
            Wrong("maximum with the number slope", leaky_maximum_with_number, "as `np.maximum(Z, slope)` does"),
            Wrong("plain ReLU", leaky_plain_relu, "this is plain ReLU"),
            Wrong("sides swapped", leaky_swapped, "the two sides are swapped"),
            Wrong("everything scaled", leaky_everything_scaled, "every entry is scaled"),
            Wrong("changes Z in place", leaky_in_place, "changed its argument `Z` in place"),
            Wrong("float64 output for float32 input", leaky_float64, "is float64 but must be float32"),
            Wrong("no slope argument", leaky_no_slope_argument, "slope", outcome="your code raised"),
        ],
    ),
    "tanh_backward": Cases(
        [tanh_backward_textbook, tanh_backward_factored, tanh_backward_through_sigmoid],
        [
            Wrong("slope without dA", tanh_backward_slope_only, "multiply it by the upstream gradient"),
            Wrong("1 - Z squared", tanh_backward_of_z, "1 − Z² uses Z itself"),
            Wrong("squared difference", tanh_backward_precedence, "operator precedence"),
            Wrong("sigmoid's form", tanh_backward_sigmoid_form, "has the sigmoid's form"),
            Wrong("plus instead of minus", tanh_backward_plus, "with a minus"),
            Wrong("tanh of dA", tanh_backward_of_dA, "tanh of dA"),
            Wrong("not squared", tanh_backward_not_squared, "must be squared"),
            Wrong("float64 output for float32 input", tanh_backward_float64, "is float64 but must be float32"),
            Wrong("matrix product", tanh_backward_matrix_product, "must have shape (3, 4)"),
        ],
    ),
}
