"""Known mistakes of lesson 12, Regularisation: `l2_cost`, `l2_gradient`, `l1_gradient`, `dropout_forward`,
`dropout_backward`.

Dropout's mask is random and its check is by properties (the learner's
generator is consumed by the call), so `dropout_forward`'s mistakes are named
by those checks.
"""

from __future__ import annotations

import numpy as np

from nnlib.checks.exercise import Mistake

# --- l2_cost -----------------------------------------------------------------


def _weights(parameters):
    return [parameters[f"W{l}"] for l in range(1, len(parameters) // 2 + 1)]


def l2_cost_no_half(parameters, lambd, m):
    return lambd / m * sum(np.sum(W**2) for W in _weights(parameters))


def l2_cost_no_m(parameters, lambd, m):
    return lambd / 2 * sum(np.sum(W**2) for W in _weights(parameters))


def l2_cost_precedence(parameters, lambd, m):
    return lambd / 2 * m * sum(np.sum(W**2) for W in _weights(parameters))


def l2_cost_biases_too(parameters, lambd, m):
    return lambd / (2 * m) * sum(np.sum(value**2) for value in parameters.values())


def l2_cost_absolute(parameters, lambd, m):
    return lambd / (2 * m) * sum(np.sum(np.abs(W)) for W in _weights(parameters))


def l2_cost_square_of_sum(parameters, lambd, m):
    return lambd / (2 * m) * sum(np.sum(W) ** 2 for W in _weights(parameters))


def l2_cost_norm_not_squared(parameters, lambd, m):
    return lambd / (2 * m) * sum(np.linalg.norm(W) for W in _weights(parameters))


def l2_cost_last_layer_left_out(parameters, lambd, m):
    L = len(parameters) // 2
    return lambd / (2 * m) * sum(np.sum(parameters["W" + str(l)] ** 2) for l in range(1, L))


def l2_cost_from_layer_0(parameters, lambd, m):
    L = len(parameters) // 2
    return lambd / (2 * m) * sum(np.sum(parameters["W" + str(l)] ** 2) for l in range(L))


def l2_cost_key_str_plus_int(parameters, lambd, m):
    L = len(parameters) // 2
    return lambd / (2 * m) * sum(np.sum(parameters["W" + l] ** 2) for l in range(1, L + 1))


def l2_cost_in_place(parameters, lambd, m):
    total = 0.0
    for l in range(1, len(parameters) // 2 + 1):
        W = parameters[f"W{l}"]
        W **= 2
        total += np.sum(W)
    return lambd / (2 * m) * total


# --- l2_gradient -------------------------------------------------------------


def l2_gradient_no_m(W, lambd, m):
    return lambd * W


def l2_gradient_kept_half(W, lambd, m):
    return lambd / (2 * m) * W


def l2_gradient_doubled(W, lambd, m):
    return 2 * lambd / m * W


def l2_gradient_sign(W, lambd, m):
    return lambd / m * np.sign(W)


def l2_gradient_squared(W, lambd, m):
    return lambd / m * W**2


def l2_gradient_minus(W, lambd, m):
    return -(lambd / m) * W


def l2_gradient_times_m(W, lambd, m):
    return lambd * m * W


def l2_gradient_added(W, lambd, m):
    return lambd / m + W


def l2_gradient_summed(W, lambd, m):
    return lambd / m * np.sum(W)


def l2_gradient_float64(W, lambd, m):
    return np.float64(lambd / m) * W.astype(float)


def l2_gradient_in_place(W, lambd, m):
    W *= lambd / m
    return W


# --- l1_gradient -------------------------------------------------------------


def l1_gradient_l2(W, lambd, m):
    return lambd / m * W


def l1_gradient_no_m(W, lambd, m):
    return lambd * np.sign(W)


def l1_gradient_half(W, lambd, m):
    return lambd / (2 * m) * np.sign(W)


def l1_gradient_absolute(W, lambd, m):
    return lambd / m * np.abs(W)


def l1_gradient_positive_side_only(W, lambd, m):
    return lambd / m * (W > 0)


def l1_gradient_minus(W, lambd, m):
    return -lambd / m * np.sign(W)


def l1_gradient_slope_1_at_zero(W, lambd, m):
    return np.where(W >= 0, lambd / m, -lambd / m)


def l1_gradient_added(W, lambd, m):
    return lambd / m + np.sign(W)


def l1_gradient_w_over_abs(W, lambd, m):
    return lambd / m * W / np.abs(W)


def l1_gradient_float64(W, lambd, m):
    return lambd / m * np.sign(W).astype(np.float64)


def l1_gradient_in_place(W, lambd, m):
    W[...] = np.sign(W)
    return lambd / m * W


# --- dropout_forward ---------------------------------------------------------


def dropout_not_scaled(A, keep_prob, rng):
    D = (rng.random(A.shape) < keep_prob).astype(A.dtype)
    return A * D, D


def dropout_multiplied_by_keep_prob(A, keep_prob, rng):
    D = ((rng.random(A.shape) < keep_prob) * keep_prob).astype(A.dtype)
    return A * D, D


def dropout_mask_reversed(A, keep_prob, rng):
    D = ((rng.random(A.shape) > keep_prob) / keep_prob).astype(A.dtype)
    return A * D, D


def dropout_global_numpy(A, keep_prob, rng):
    D = ((np.random.rand(*A.shape) < keep_prob) / keep_prob).astype(A.dtype)
    return A * D, D


def dropout_binomial(A, keep_prob, rng):
    D = (rng.binomial(1, keep_prob, size=A.shape) / keep_prob).astype(A.dtype)
    return A * D, D


def dropout_one_draw_per_unit(A, keep_prob, rng):
    D = ((rng.random((A.shape[0], 1)) < keep_prob) / keep_prob).astype(A.dtype)
    return A * D, D


def dropout_boolean_mask(A, keep_prob, rng):
    keep = rng.random(A.shape) < keep_prob
    return A * keep / keep_prob, keep


def dropout_outputs_swapped(A, keep_prob, rng):
    D = ((rng.random(A.shape) < keep_prob) / keep_prob).astype(A.dtype)
    return D, A * D


def dropout_float64(A, keep_prob, rng):
    D = (rng.random(A.shape) < keep_prob) / keep_prob
    return A * D, D


def dropout_in_place(A, keep_prob, rng):
    D = ((rng.random(A.shape) < keep_prob) / keep_prob).astype(A.dtype)
    A *= D
    return A, D


# --- dropout_backward --------------------------------------------------------


def dropout_backward_mask_not_scaled(dA, D):
    return dA * (D > 0)


def dropout_backward_where(dA, D):
    return np.where(D > 0, dA, 0.0).astype(dA.dtype)


def dropout_backward_no_mask(dA, D):
    return dA + 0.0


def dropout_backward_mask_only(dA, D):
    return D * 1.0


def dropout_backward_mask_reversed(dA, D):
    return dA * (D == 0)


def dropout_backward_twice(dA, D):
    return dA * D * D


def dropout_backward_matrix_product(dA, D):
    return dA @ D.T


def dropout_backward_divided(dA, D):
    return dA / D


def dropout_backward_float64(dA, D):
    return dA * D.astype(np.float64)


def dropout_backward_in_place(dA, D):
    dA *= D
    return dA


# Spellings of one mistake (the same output): one cause that names them.
_NOT_SCALED = (
    "the kept units' gradients are not scaled (`D > 0`, or `np.where(D > 0, dA, 0)`, keeps only 0 or 1): D holds "
    "1 / keep_prob for a kept unit, so multiply by D itself, `dA * D`"
)

MISTAKES = {
    "l2_cost": (
        Mistake(
            l2_cost_no_half,
            "the factor is lambd / (2m): the 2 is missing (it makes the gradient come out as (lambd / m) W)",
        ),
        Mistake(l2_cost_no_m, "the 1/m is missing: the penalty is averaged over the m examples like the data cost"),
        Mistake(l2_cost_precedence, "operator precedence: `lambd / 2 * m` is (lambd / 2) × m; write `lambd / (2 * m)`"),
        Mistake(l2_cost_biases_too, "the biases are penalised too: only the weight matrices W1 .. WL are"),
        Mistake(l2_cost_absolute, "this sums |W|, the L1 penalty; L2 sums the squares"),
        Mistake(
            l2_cost_square_of_sum, "`np.sum(W) ** 2` squares the sum; square every entry, then sum: `np.sum(W ** 2)`"
        ),
        Mistake(l2_cost_norm_not_squared, "`np.linalg.norm(W)` is the square root of the sum of squares: square it"),
        Mistake(
            l2_cost_last_layer_left_out, "the last layer's weights are missing: loop over l = 1 .. L, `range(1, L + 1)`"
        ),
        Mistake(l2_cost_from_layer_0, "KeyError", shown_by="raises", outcome="your code raised"),
        Mistake(l2_cost_key_str_plus_int, "TypeError", shown_by="raises", outcome="your code raised"),
        Mistake(l2_cost_in_place, "changed its argument `parameters` in place", shown_by="mutation"),
    ),
    "l2_gradient": (
        Mistake(l2_gradient_no_m, "the 1/m is missing: the gradient is (lambd / m) W"),
        Mistake(
            l2_gradient_kept_half,
            "the derivative of w² is 2w, which cancels the 1/2: (lambd / m) W, not (lambd / (2m)) W",
        ),
        Mistake(
            l2_gradient_doubled, "the 2 of d(w²)/dw = 2w cancels the 1/2 of the cost: (lambd / m) W, not 2(lambd / m) W"
        ),
        Mistake(l2_gradient_sign, "this is the L1 gradient, sign(W); L2's is W itself"),
        Mistake(l2_gradient_squared, "W² is the cost's term; its derivative is 2W, so (lambd / m) W"),
        Mistake(l2_gradient_minus, "the sign: the penalty grows with |W|, its gradient is +(lambd / m) W"),
        Mistake(l2_gradient_times_m, "divide by m, don't multiply: (lambd / m) W"),
        Mistake(l2_gradient_added, "multiply, don't add: (lambd / m) * W"),
        Mistake(
            l2_gradient_summed,
            "`np.sum(W)` adds the weights up into one number; the gradient has W's shape: `(lambd / m) * W`",
        ),
        Mistake(l2_gradient_float64, "like the input", shown_by="dtype"),
        Mistake(l2_gradient_in_place, "changed its argument `W` in place", shown_by="mutation"),
    ),
    "l1_gradient": (
        Mistake(l1_gradient_l2, "this is the L2 gradient, (lambd / m) W; L1's is (lambd / m) sign(W)"),
        Mistake(l1_gradient_no_m, "the 1/m is missing: (lambd / m) sign(W)"),
        Mistake(l1_gradient_half, "the L1 cost has no 1/2: (lambd / m) Σ|w|, so the gradient is (lambd / m) sign(W)"),
        Mistake(l1_gradient_absolute, "|W| is the cost's term; its slope is sign(W)"),
        Mistake(l1_gradient_positive_side_only, "negative weights have slope −1: use `np.sign(W)`, not `W > 0`"),
        Mistake(l1_gradient_minus, "the sign: the gradient is +(lambd / m) sign(W)"),
        Mistake(
            l1_gradient_slope_1_at_zero,
            "where W is exactly 0 this course takes the slope of |w| as 0, as `np.sign` does",
        ),
        Mistake(l1_gradient_added, "multiply, don't add: (lambd / m) * sign(W)"),
        Mistake(l1_gradient_w_over_abs, "`W / np.abs(W)` is 0 / 0", shown_by="warning"),
        Mistake(l1_gradient_float64, "like the input", shown_by="dtype"),
        Mistake(l1_gradient_in_place, "changed its argument `W` in place", shown_by="mutation"),
    ),
    "dropout_forward": (
        Mistake(dropout_not_scaled, "the kept activations are not scaled", shown_by="property"),
        Mistake(dropout_multiplied_by_keep_prob, "multiplied by keep_prob", shown_by="property"),
        Mistake(dropout_mask_reversed, "the mask is the wrong way round", shown_by="property"),
        Mistake(dropout_global_numpy, "`np.random.rand` ignores it", shown_by="property"),
        Mistake(dropout_binomial, "other calls draw other numbers", shown_by="property"),
        Mistake(dropout_one_draw_per_unit, "every example drops its own units", shown_by="property"),
        Mistake(dropout_boolean_mask, "`D` is a boolean mask", shown_by="property"),
        Mistake(dropout_outputs_swapped, "the outputs are in the wrong order", shown_by="property"),
        Mistake(dropout_float64, "is float64 but must be float32", shown_by="dtype"),
        Mistake(dropout_in_place, "changed its argument `A` in place", shown_by="mutation"),
    ),
    "dropout_backward": (
        Mistake(dropout_backward_mask_not_scaled, _NOT_SCALED),
        Mistake(dropout_backward_where, _NOT_SCALED),
        Mistake(dropout_backward_no_mask, "the dropped units get a gradient: multiply by the mask D"),
        Mistake(dropout_backward_mask_only, "this is the mask alone: multiply the upstream gradient dA by it"),
        Mistake(dropout_backward_mask_reversed, "the mask is the wrong way round: gradients flow to the kept units"),
        Mistake(
            dropout_backward_twice,
            "the mask is applied twice (`dA * D * D`): the forward pass multiplied by D once, so the backward "
            "pass does too, `dA * D`",
        ),
        Mistake(
            dropout_backward_matrix_product,
            "`@` is a matrix product; the mask multiplies entry by entry, `dA * D`",
        ),
        Mistake(dropout_backward_divided, "multiply by D, don't divide", shown_by="warning"),
        Mistake(dropout_backward_float64, "like the input", shown_by="dtype"),
        Mistake(dropout_backward_in_place, "changed its argument `dA` in place", shown_by="mutation"),
    ),
}
