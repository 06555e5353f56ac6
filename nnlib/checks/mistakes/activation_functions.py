"""Known mistakes of lesson 10, Activation functions: `relu`, `relu_backward`, `leaky_relu`, `tanh_backward`."""

from __future__ import annotations

import numpy as np

from nnlib.checks.exercise import Mistake


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


def relu_clipped_at_one(Z):
    return np.clip(Z, 0, 1)


def relu_backward_passes_everything(dA, Z):
    return dA


def relu_backward_sign(dA, Z):
    return dA * np.sign(Z)


def leaky_negated(Z, slope=0.01):
    return np.where(Z > 0, Z, -slope * Z)


def leaky_divides(Z, slope=0.01):
    return np.where(Z > 0, Z, Z / slope)


def tanh_backward_of_z_squared(dA, Z):
    return dA * (1 - np.tanh(Z**2))


def tanh_backward_sech(dA, Z):
    return dA / np.cosh(Z)


_NEGATIVES_BECOME_SLOPE = (
    "negative entries become `slope` itself (as `np.where(Z > 0, Z, slope)` or `np.maximum(Z, slope)` do); "
    "they must become `slope * Z`"
)

MISTAKES = {
    "relu": (
        Mistake(
            relu_axis_max,
            "`np.max(Z, 0)` is the largest entry of each column (axis 0); the entry-by-entry maximum with 0 is "
            "`np.maximum(Z, 0)`",
        ),
        Mistake(relu_builtin_max, "ambiguous", shown_by="raises", outcome="your code raised"),
        Mistake(
            relu_minimum, "this keeps the negative entries and zeroes the positive ones: ReLU is max(z, 0), not min"
        ),
        Mistake(relu_abs, "|z| flips negative entries; ReLU replaces them with 0"),
        Mistake(
            relu_step, "this is ReLU's slope (a step from 0 to 1), not ReLU itself: positive entries stay as they are"
        ),
        Mistake(relu_in_place, "changed its argument `Z` in place", shown_by="mutation"),
        Mistake(relu_softplus, "this is softplus, log(1 + e^z), a smooth cousin of ReLU; ReLU is max(z, 0)"),
        Mistake(relu_leaky, "this is the leaky ReLU: plain ReLU gives exactly 0 for negative entries"),
        Mistake(relu_list, "is float64 but must be float32", shown_by="dtype"),
        Mistake(
            relu_clipped_at_one,
            "`np.clip(Z, 0, 1)` also caps the positive entries at 1; ReLU has no upper bound: "
            "`np.clip(Z, 0, None)` or `np.maximum(Z, 0)`",
        ),
    ),
    "relu_backward": (
        Mistake(
            relu_backward_at_zero,
            "at Z = 0 exactly this course takes ReLU's slope as 0 (write `Z > 0`, not `Z >= 0`)",
        ),
        Mistake(
            relu_backward_slope_only,
            "this is ReLU's slope alone: multiply it by the upstream gradient, dZ = dA * g'(Z)",
        ),
        Mistake(
            relu_backward_times_activation,
            "this multiplies dA by ReLU(Z), the activation; the chain rule needs its slope, 1 where Z > 0 else 0",
        ),
        Mistake(relu_backward_reversed, "the mask is the wrong way round: the gradient passes where Z > 0"),
        Mistake(
            relu_backward_mask_of_dA, "the mask is taken from dA; the slope depends on the layer's input Z (`Z > 0`)"
        ),
        Mistake(relu_backward_in_place, "changed its argument `dA` in place", shown_by="mutation"),
        Mistake(relu_backward_float64, "is float64 but must be float32", shown_by="dtype"),
        Mistake(
            relu_backward_leaky,
            "this is the leaky ReLU's backward pass: plain ReLU passes no gradient at all where Z <= 0",
        ),
        Mistake(relu_backward_ints, "must hold floats", shown_by="dtype"),
        Mistake(relu_backward_passes_everything, "the gradient passes everywhere: it must be 0 where Z <= 0"),
        Mistake(
            relu_backward_sign,
            "`np.sign(Z)` is −1 below 0, so the gradient flips sign there; ReLU's slope is 0 below 0: `dA * (Z > 0)`",
        ),
    ),
    "leaky_relu": (
        Mistake(leaky_fixed_slope, "the `slope` argument is ignored: use `slope * Z`, not a fixed 0.01"),
        Mistake(leaky_slope_constant, _NEGATIVES_BECOME_SLOPE),
        Mistake(leaky_maximum_with_number, _NEGATIVES_BECOME_SLOPE),
        Mistake(leaky_plain_relu, "this is plain ReLU: negative entries must leak, `slope * Z`"),
        Mistake(
            leaky_swapped,
            "the two sides are swapped: positive entries stay as they are, negative ones are scaled by `slope`",
        ),
        Mistake(leaky_everything_scaled, "every entry is scaled: only the negative ones are"),
        Mistake(leaky_in_place, "changed its argument `Z` in place", shown_by="mutation"),
        Mistake(leaky_float64, "is float64 but must be float32", shown_by="dtype"),
        Mistake(leaky_no_slope_argument, "slope", shown_by="raises", outcome="your code raised"),
        Mistake(
            leaky_negated,
            "`-slope * Z` turns the negative entries positive; the leak keeps their sign: `slope * Z`",
        ),
        Mistake(leaky_divides, "`Z / slope` divides by the slope; the leak multiplies: `slope * Z`"),
    ),
    "tanh_backward": (
        Mistake(
            tanh_backward_slope_only,
            "this is tanh's slope alone: multiply it by the upstream gradient, dZ = dA * (1 - tanh(Z)²)",
        ),
        Mistake(tanh_backward_of_z, "1 − Z² uses Z itself; the formula is written through the output: 1 − tanh(Z)²"),
        Mistake(
            tanh_backward_precedence,
            "operator precedence: `(1 - np.tanh(Z)) ** 2` squares the difference; square tanh(Z) only",
        ),
        Mistake(
            tanh_backward_sigmoid_form, "tanh(z)(1 − tanh(z)) has the sigmoid's form; tanh's slope is 1 − tanh(z)²"
        ),
        Mistake(tanh_backward_plus, "the slope is 1 − tanh(z)², with a minus"),
        Mistake(tanh_backward_of_dA, "tanh of dA: the slope is taken at the layer's input, tanh(Z)"),
        Mistake(tanh_backward_not_squared, "tanh(Z) must be squared: 1 − tanh(Z)²"),
        Mistake(tanh_backward_float64, "is float64 but must be float32", shown_by="dtype"),
        Mistake(
            tanh_backward_matrix_product,
            "`dA @ ...` is a matrix product; the chain rule here multiplies entry by entry: "
            "`dA * (1 - np.tanh(Z) ** 2)`",
        ),
        Mistake(
            tanh_backward_of_z_squared,
            "`np.tanh(Z**2)` is tanh of Z²; square the tanh: `1 - np.tanh(Z) ** 2`",
        ),
        Mistake(
            tanh_backward_sech,
            "`1 / np.cosh(Z)` is sech z; tanh's slope is its square, sech² z = 1 − tanh(z)²",
        ),
    ),
}
