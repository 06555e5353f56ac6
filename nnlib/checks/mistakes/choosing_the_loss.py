"""Known mistakes of lesson 14, Choosing the loss: `mse_cost`, `softmax`, `one_hot`, `categorical_cross_entropy`."""

from __future__ import annotations

import numpy as np

from nnlib.checks.exercise import Mistake

# --- mse_cost ----------------------------------------------------------------


def mse_np_mean(A, Y):
    return float(np.mean((A - Y) ** 2))


def mse_half(A, Y):
    return float(np.sum((A - Y) ** 2) / (2 * Y.shape[1]))


def mse_absolute(A, Y):
    return float(np.sum(np.abs(A - Y)) / Y.shape[1])


def mse_no_m(A, Y):
    return float(np.sum((A - Y) ** 2))


def mse_rmse(A, Y):
    return float(np.sqrt(np.sum((A - Y) ** 2) / Y.shape[1]))


def mse_not_squared(A, Y):
    return float(np.sum(A - Y) / Y.shape[1])


def mse_m_from_rows(A, Y):
    return float(np.sum((A - Y) ** 2) / Y.shape[0])


def mse_difference_of_squares(A, Y):
    return float(np.sum(A**2 - Y**2) / Y.shape[1])


def mse_per_output(A, Y):
    return np.sum((A - Y) ** 2, axis=1, keepdims=True) / Y.shape[1]


def mse_per_example(A, Y):
    return np.sum((A - Y) ** 2, axis=0) / Y.shape[1]


def mse_matrix_product(A, Y):
    return (A - Y) @ (A - Y).T / Y.shape[1]


def mse_in_place(A, Y):
    A -= Y
    return float(np.sum(A**2) / Y.shape[1])


# --- softmax -----------------------------------------------------------------


def softmax_rows(Z):
    E = np.exp(Z - np.max(Z, axis=1, keepdims=True))
    return E / np.sum(E, axis=1, keepdims=True)


def softmax_rows_no_shift(Z):
    return np.exp(Z) / np.sum(np.exp(Z), axis=1, keepdims=True)


def softmax_row_max(Z):
    E = np.exp(Z - np.max(Z, axis=1, keepdims=True))
    return E / np.sum(E, axis=0, keepdims=True)


def softmax_total_sum(Z):
    E = np.exp(Z - np.max(Z, axis=0, keepdims=True))
    return E / np.sum(E)


def softmax_total_sum_no_shift(Z):
    return np.exp(Z) / np.sum(np.exp(Z))


def softmax_sum_without_keepdims(Z):
    E = np.exp(Z - np.max(Z, axis=0, keepdims=True))
    return E / np.sum(E, axis=1)


def softmax_no_exp(Z):
    return Z / np.sum(Z, axis=0, keepdims=True)


def softmax_is_sigmoid(Z):
    return 1 / (1 + np.exp(-np.clip(Z, -500, 500)))


def softmax_log(Z):
    shifted = Z - np.max(Z, axis=0, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=0, keepdims=True))


def softmax_hard_max(Z):
    return (Z == Z.max(axis=0, keepdims=True)).astype(Z.dtype)


def softmax_float64(Z):
    Z = Z.astype(np.float64)
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)


def softmax_no_shift(Z):
    return np.exp(Z) / np.sum(np.exp(Z), axis=0, keepdims=True)


def softmax_global_max(Z):
    E = np.exp(Z - np.max(Z))
    return E / np.sum(E, axis=0, keepdims=True)


def softmax_column_min(Z):
    E = np.exp(Z - np.min(Z, axis=0, keepdims=True))
    return E / np.sum(E, axis=0, keepdims=True)


def softmax_warnings_silenced(Z):
    with np.errstate(over="ignore", invalid="ignore"):
        E = np.exp(Z)
        return E / E.sum(axis=0, keepdims=True)


def softmax_in_place(Z):
    Z -= Z.max(axis=0, keepdims=True)
    E = np.exp(Z)
    return E / E.sum(axis=0, keepdims=True)


# --- one_hot -----------------------------------------------------------------


def one_hot_rows_per_example(labels, n_classes):
    return np.eye(n_classes)[np.ravel(labels)]


def one_hot_classes_from_labels(labels, n_classes):
    labels = np.ravel(labels)
    Y = np.zeros((labels.max() + 1, labels.size))
    Y[labels, np.arange(labels.size)] = 1
    return Y


def one_hot_not_flattened(labels, n_classes):
    return np.eye(n_classes)[:, labels]


def one_hot_eye_rows_not_flattened(labels, n_classes):
    return np.eye(n_classes)[labels]


def one_hot_off_by_one(labels, n_classes):
    labels = np.ravel(labels)
    Y = np.zeros((n_classes, labels.size))
    Y[labels - 1, np.arange(labels.size)] = 1
    return Y


def one_hot_whole_rows(labels, n_classes):
    Y = np.zeros((n_classes, np.size(labels)))
    Y[np.ravel(labels), :] = 1
    return Y


def one_hot_int(labels, n_classes):
    labels = np.ravel(labels)
    Y = np.zeros((n_classes, labels.size), dtype=int)
    Y[labels, np.arange(labels.size)] = 1
    return Y


def one_hot_bool(labels, n_classes):
    return np.arange(n_classes)[:, None] == np.ravel(labels)


def one_hot_reversed(labels, n_classes):
    labels = np.ravel(labels)[::-1]
    Y = np.zeros((n_classes, labels.size))
    Y[labels, np.arange(labels.size)] = 1
    return Y


def one_hot_list(labels, n_classes):
    return [[1.0 if label == k else 0.0 for label in np.ravel(labels)] for k in range(n_classes)]


def one_hot_flattens_in_place(labels, n_classes):
    labels.shape = (-1,)  # reshapes the caller's array
    Y = np.zeros((n_classes, labels.size))
    Y[labels, np.arange(labels.size)] = 1
    return Y


def one_hot_first_row(labels, n_classes):
    labels = labels[0]
    Y = np.zeros((n_classes, np.size(labels)))
    Y[labels, np.arange(np.size(labels))] = 1
    return Y


# --- categorical_cross_entropy -----------------------------------------------


def _clipped(A):
    eps = np.finfo(A.dtype).eps
    return np.clip(A, eps, 1 - eps)


def cce_unclipped(A, Y):
    return float(-np.sum(Y * np.log(A)) / Y.shape[1])


def cce_mean_of_entries(A, Y):
    return float(-np.mean(Y * np.log(_clipped(A))))


def cce_no_minus(A, Y):
    return float(np.sum(Y * np.log(_clipped(A))) / Y.shape[1])


def cce_no_m(A, Y):
    return float(-np.sum(Y * np.log(_clipped(A))))


def cce_divided_by_classes(A, Y):
    return float(-np.sum(Y * np.log(_clipped(A))) / A.shape[0])


def cce_binary_formula(A, Y):
    A = _clipped(A)
    return float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / Y.shape[1])


def cce_log10(A, Y):
    return float(-np.sum(Y * np.log10(_clipped(A))) / Y.shape[1])


def cce_largest_probability(A, Y):
    return float(-np.mean(np.log(np.max(_clipped(A), axis=0))))


def cce_per_example(A, Y):
    return -np.sum(Y * np.log(_clipped(A)), axis=0) / Y.shape[1]


def cce_matrix_product(A, Y):
    return -(Y @ np.log(_clipped(A)).T) / Y.shape[1]


def cce_squared_error(A, Y):
    return float(np.sum((A - Y) ** 2) / Y.shape[1])


def cce_eps_1e_15(A, Y):
    A = np.clip(A, 1e-15, 1 - 1e-15)
    return float(-np.sum(Y * np.log(A)) / Y.shape[1])


def cce_eps_1e_7(A, Y):
    A = np.clip(A, 1e-7, 1 - 1e-7)
    return float(-np.sum(Y * np.log(A)) / Y.shape[1])


def cce_clips_in_place(A, Y):
    eps = np.finfo(A.dtype).eps
    np.clip(A, eps, 1 - eps, out=A)
    return float(-np.sum(Y * np.log(A)) / Y.shape[1])


# Spellings of one mistake (the same output): one cause that names them.
_ROWS = (
    "normalised along the rows (`axis=1`, with or without a maximum subtracted first): each example is a "
    "column, so take maxima and sums with `axis=0`"
)
_TOTAL = (
    "divided by the sum over the whole array (with or without a maximum subtracted first): every example's "
    "probabilities must sum to 1 on their own, so sum each column (`axis=0, keepdims=True`)"
)
_NOT_FLOATS = (
    "the entries are ints or booleans (`dtype=int`, or a comparison such as `==`); the targets are floats: "
    "`np.zeros((n_classes, m))` without a dtype, or `.astype(float)` on the comparison"
)
_OVERFLOW = "subtract each column's own maximum"

MISTAKES = {
    "mse_cost": (
        Mistake(
            mse_np_mean,
            "`np.mean` also averages over the output rows (it divides by n_y × m); sum the squares and divide by "
            "m only",
        ),
        Mistake(
            mse_half,
            "divided by 2m: the ½ some texts put in front (to cancel the 2 of the derivative) is not in this "
            "course's cost",
        ),
        Mistake(mse_absolute, "this is the mean *absolute* error; square the errors"),
        Mistake(mse_no_m, "the sum is not divided by m, the number of examples"),
        Mistake(mse_rmse, "this is the root of the mean squared error (RMSE); leave out `np.sqrt`"),
        Mistake(mse_not_squared, "the errors are not squared: positive and negative errors cancel out"),
        Mistake(
            mse_m_from_rows,
            "divided by `Y.shape[0]`, the number of output rows n_y; m, the number of examples, is `Y.shape[1]`",
        ),
        Mistake(mse_difference_of_squares, "A² − Y² is not (A − Y)²: square the difference"),
        Mistake(
            mse_per_output,
            "this is one cost per output row (`axis=1`): the cost is one number, the sum over the rows too, "
            "`np.sum((A - Y) ** 2) / m`",
        ),
        Mistake(
            mse_per_example,
            "this is one cost per example (`axis=0`), an array (m,): the cost is one number, "
            "`float(np.sum((A - Y) ** 2) / m)`",
        ),
        Mistake(
            mse_matrix_product,
            "`(A - Y) @ (A - Y).T` is an (n_y, n_y) matrix that also multiplies different output rows together; "
            "square entry by entry, `(A - Y) ** 2`, and `np.sum` every entry",
        ),
        Mistake(mse_in_place, "changed its argument `A` in place", shown_by="mutation"),
    ),
    "softmax": (
        Mistake(softmax_rows, _ROWS),
        Mistake(softmax_rows_no_shift, _ROWS),
        Mistake(
            softmax_row_max,
            "the maximum is taken along the rows (`axis=1`): subtracting a different number from each class "
            "changes the probabilities; subtract each column's maximum, `Z.max(axis=0, keepdims=True)`",
        ),
        Mistake(softmax_total_sum, _TOTAL),
        Mistake(softmax_total_sum_no_shift, _TOTAL),
        Mistake(
            softmax_sum_without_keepdims, "shapes do not fit together", shown_by="raises", outcome="your code raised"
        ),
        Mistake(softmax_no_exp, "the scores are divided without `np.exp`: softmax is e^z / Σ e^z"),
        Mistake(softmax_is_sigmoid, "this is the sigmoid of each score; softmax divides e^z by the column's sum"),
        Mistake(softmax_log, "this is the log of the softmax; return the probabilities themselves, `np.exp` of it"),
        Mistake(
            softmax_hard_max,
            "this is a hard maximum (1 for the top score, 0 elsewhere); softmax gives every class a probability",
        ),
        Mistake(softmax_float64, "like the input", shown_by="dtype"),
        Mistake(softmax_no_shift, _OVERFLOW, shown_by="warning"),
        Mistake(softmax_global_max, _OVERFLOW, shown_by="warning"),
        Mistake(softmax_column_min, _OVERFLOW, shown_by="warning"),
        Mistake(
            softmax_warnings_silenced,
            "`np.exp` of a score of 1000 overflows to inf, and inf / inf is nan (silencing the warning keeps the "
            "nan): subtract each column's own maximum, `Z - Z.max(axis=0, keepdims=True)`, before `np.exp`",
        ),
        Mistake(softmax_in_place, "changed its argument `Z` in place", shown_by="mutation"),
    ),
    "one_hot": (
        Mistake(
            one_hot_rows_per_example,
            "one row per example: the course's layout has one column per example, `(n_classes, m)`; transpose",
        ),
        Mistake(
            one_hot_classes_from_labels,
            "the number of rows comes from the largest label, not from `n_classes`: classes that do not appear "
            "still need their row",
        ),
        Mistake(
            one_hot_not_flattened,
            "labels of shape (1, m) index as a (1, m) array and add an axis: flatten them first, `np.ravel(labels)`",
        ),
        Mistake(
            one_hot_eye_rows_not_flattened,
            "`np.eye(n_classes)[labels]` with labels (1, m) gives one row per example and an extra axis: flatten "
            "the labels (`np.ravel`) and take columns, `np.eye(n_classes)[:, labels]`",
        ),
        Mistake(one_hot_off_by_one, "off by one: label k goes in row k (rows count from 0), not row k − 1"),
        Mistake(one_hot_whole_rows, "whole rows are set: index with the column too, `Y[labels, np.arange(m)] = 1`"),
        Mistake(one_hot_int, _NOT_FLOATS),
        Mistake(one_hot_bool, _NOT_FLOATS),
        Mistake(one_hot_reversed, "the columns are in the wrong order: column i must stay example i"),
        Mistake(
            one_hot_list,
            "a list of lists: fill the array `np.zeros((n_classes, m))` and return it",
        ),
        Mistake(one_hot_flattens_in_place, "changed its argument `labels` in place", shown_by="mutation"),
        Mistake(
            one_hot_first_row,
            "`labels[0]` is the first label when `labels` is a vector (m,), not the row of labels; "
            "`np.ravel(labels)` flattens both forms",
        ),
    ),
    "categorical_cross_entropy": (
        Mistake(cce_unclipped, "clip first", shown_by="warning"),
        Mistake(
            cce_mean_of_entries,
            "`np.mean` divides by K × m, the number of entries; the cost divides the sum by m, the number of examples",
        ),
        Mistake(cce_no_minus, "the minus sign in front is missing"),
        Mistake(cce_no_m, "the sum is not divided by m, the number of examples"),
        Mistake(
            cce_divided_by_classes,
            "divided by `A.shape[0]`, the number of classes K; m, the number of examples, is `Y.shape[1]`",
        ),
        Mistake(
            cce_binary_formula,
            "this is the binary cross-entropy summed over the classes; with softmax only the true class's term "
            "−y log(a) counts",
        ),
        Mistake(cce_log10, "`np.log10` is the base-10 logarithm; use `np.log`"),
        Mistake(
            cce_largest_probability,
            "this uses each example's largest probability; the loss takes the probability of the *true* class",
        ),
        Mistake(
            cce_per_example,
            "this is one loss per example (`axis=0`), an array (m,): the cost is one number, `np.sum` over every "
            "entry, divided by m",
        ),
        Mistake(
            cce_matrix_product,
            "`Y @ np.log(A).T` is a (K, K) matrix that also multiplies row i of `Y` with row j of `log A`; "
            "multiply entry by entry (`Y * np.log(A)`) and `np.sum` every entry",
        ),
        Mistake(cce_squared_error, "this is the mean squared error; the cost here is the cross-entropy"),
        Mistake(
            cce_eps_1e_15,
            "a fixed `eps = 1e-15` is not float32's: a sure miss costs −log(1e-15) ≈ 34.5 instead of "
            "−log(eps) ≈ 15.9 (and `1 - 1e-15` rounds to 1.0); use the dtype's own `eps = np.finfo(A.dtype).eps`, "
            "as in lesson 04",
        ),
        Mistake(
            cce_eps_1e_7,
            "a fixed `eps = 1e-7` is far above float64's eps (2.2e-16): a sure miss costs −log(1e-7) ≈ 16 instead "
            "of ≈ 36; use the dtype's own `eps = np.finfo(A.dtype).eps`",
        ),
        Mistake(cce_clips_in_place, "changed its argument `A` in place", shown_by="mutation"),
    ),
}
