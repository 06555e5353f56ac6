"""Lesson 14: mse_cost, softmax, one_hot, categorical_cross_entropy."""

import numpy as np

from checker_cases.types import Cases, Wrong


def softmax_textbook(Z):
    Z_shift = Z - np.max(Z, axis=0, keepdims=True)
    exps = np.exp(Z_shift)
    return exps / np.sum(exps, axis=0, keepdims=True)


def softmax_loop_over_columns(Z):
    A = np.zeros_like(Z)
    for i in range(Z.shape[1]):
        z = Z[:, i] - Z[:, i].max()
        A[:, i] = np.exp(z) / np.exp(z).sum()
    return A


def softmax_max_without_keepdims(Z):
    E = np.exp(Z - Z.max(axis=0))  # (K, m) - (m,) broadcasts along the columns: right
    return E / E.sum(axis=0)


def softmax_no_shift(Z):
    return np.exp(Z) / np.sum(np.exp(Z), axis=0, keepdims=True)


def softmax_global_max(Z):
    E = np.exp(Z - np.max(Z))
    return E / np.sum(E, axis=0, keepdims=True)


def softmax_rows(Z):
    E = np.exp(Z - np.max(Z, axis=1, keepdims=True))
    return E / np.sum(E, axis=1, keepdims=True)


def softmax_row_max(Z):
    E = np.exp(Z - np.max(Z, axis=1, keepdims=True))
    return E / np.sum(E, axis=0, keepdims=True)


def softmax_total_sum(Z):
    E = np.exp(Z - np.max(Z, axis=0, keepdims=True))
    return E / np.sum(E)


def softmax_sum_without_keepdims(Z):
    E = np.exp(Z - np.max(Z, axis=0, keepdims=True))
    return E / np.sum(E, axis=1)


def softmax_no_exp(Z):
    return Z / np.sum(Z, axis=0, keepdims=True)


def softmax_is_sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


def softmax_log(Z):
    shifted = Z - np.max(Z, axis=0, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=0, keepdims=True))


def softmax_float64(Z):
    Z = Z.astype(np.float64)
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)


def softmax_errstate(Z):
    with np.errstate(over="ignore", invalid="ignore"):
        E = np.exp(Z)
        return E / E.sum(axis=0, keepdims=True)


def cce_textbook(A, Y):
    m = Y.shape[1]
    eps = np.finfo(A.dtype).eps
    A = np.clip(A, eps, 1 - eps)
    return float(-np.sum(Y * np.log(A)) / m)


def cce_true_class_probability(A, Y):
    eps = np.finfo(A.dtype).eps
    true_class = np.argmax(Y, axis=0)
    p = A[true_class, np.arange(A.shape[1])]
    return float(-np.mean(np.log(np.maximum(p, eps))))


def cce_per_example_sum(A, Y):
    losses = -np.sum(Y * np.log(np.clip(A, np.finfo(A.dtype).eps, 1.0)), axis=0)
    return float(np.mean(losses))


def cce_unclipped(A, Y):
    return float(-np.sum(Y * np.log(A)) / Y.shape[1])


def cce_mean_of_entries(A, Y):
    eps = np.finfo(A.dtype).eps
    return float(-np.mean(Y * np.log(np.clip(A, eps, 1 - eps))))


def cce_no_minus(A, Y):
    eps = np.finfo(A.dtype).eps
    return float(np.sum(Y * np.log(np.clip(A, eps, 1 - eps))) / Y.shape[1])


def cce_no_m(A, Y):
    eps = np.finfo(A.dtype).eps
    return float(-np.sum(Y * np.log(np.clip(A, eps, 1 - eps))))


def cce_binary_formula(A, Y):
    eps = np.finfo(A.dtype).eps
    A = np.clip(A, eps, 1 - eps)
    return float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / Y.shape[1])


def cce_log10(A, Y):
    eps = np.finfo(A.dtype).eps
    return float(-np.sum(Y * np.log10(np.clip(A, eps, 1 - eps))) / Y.shape[1])


def cce_largest_probability(A, Y):
    eps = np.finfo(A.dtype).eps
    return float(-np.mean(np.log(np.clip(np.max(A, axis=0), eps, 1))))


def cce_per_example_array(A, Y):
    eps = np.finfo(A.dtype).eps
    return -np.sum(Y * np.log(np.clip(A, eps, 1 - eps)), axis=0) / Y.shape[1]


def cce_squared_error(A, Y):
    return float(np.sum((A - Y) ** 2) / Y.shape[1])


def cce_fixed_eps(A, Y):
    A = np.clip(A, 1e-7, 1 - 1e-7)
    return float(-np.sum(Y * np.log(A)) / Y.shape[1])


def one_hot_textbook(labels, n_classes):
    labels = np.ravel(labels)
    Y = np.zeros((n_classes, labels.size))
    Y[labels, np.arange(labels.size)] = 1
    return Y


def one_hot_eye(labels, n_classes):
    return np.eye(n_classes)[np.ravel(labels)].T


def one_hot_comparison(labels, n_classes):
    return (np.arange(n_classes).reshape(-1, 1) == np.reshape(labels, (1, -1))).astype(float)


def one_hot_loop(labels, n_classes):
    labels = np.ravel(labels)
    Y = np.zeros((n_classes, len(labels)))
    for i, label in enumerate(labels):
        Y[label, i] = 1.0
    return Y


def one_hot_rows_per_example(labels, n_classes):
    return np.eye(n_classes)[np.ravel(labels)]


def one_hot_classes_from_labels(labels, n_classes):
    labels = np.ravel(labels)
    Y = np.zeros((labels.max() + 1, labels.size))
    Y[labels, np.arange(labels.size)] = 1
    return Y


def one_hot_not_flattened(labels, n_classes):
    return np.eye(n_classes)[:, labels]


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


def mse_textbook(A, Y):
    m = Y.shape[1]
    return float(np.sum(np.square(A - Y)) / m)


def mse_mean_of_column_sums(A, Y):
    return float(np.mean(np.sum((A - Y) ** 2, axis=0)))


def mse_dot(A, Y):
    errors = (A - Y).ravel()
    return float(errors @ errors / Y.shape[1])


def mse_np_mean(A, Y):
    return float(np.mean((A - Y) ** 2))


def mse_half(A, Y):
    return float(np.sum((A - Y) ** 2) / (2 * Y.shape[1]))


def mse_absolute(A, Y):
    return float(np.sum(np.abs(A - Y)) / Y.shape[1])


def mse_no_m(A, Y):
    return float(np.sum((A - Y) ** 2))


def mse_rmse(A, Y):
    return float(np.sqrt(np.mean((A - Y) ** 2)))


def mse_not_squared(A, Y):
    return float(np.sum(A - Y) / Y.shape[1])


def mse_wrong_m(A, Y):
    return float(np.sum((A - Y) ** 2) / Y.shape[0])


def mse_difference_of_squares(A, Y):
    return float(np.sum(A**2 - Y**2) / Y.shape[1])


def mse_per_output(A, Y):
    return np.sum((A - Y) ** 2, axis=1, keepdims=True) / Y.shape[1]


CASES = {
    "mse_cost": Cases(
        [mse_textbook, mse_mean_of_column_sums, mse_dot],
        [
            Wrong("np.mean over the outputs too", mse_np_mean, "`np.mean` also averages over the output rows"),
            Wrong("divided by 2m", mse_half, "divided by 2m"),
            Wrong("absolute error", mse_absolute, "mean *absolute* error"),
            Wrong("no / m", mse_no_m, "the sum is not divided by m"),
            Wrong("RMSE", mse_rmse, "RMSE"),
            Wrong("not squared", mse_not_squared, "the errors are not squared"),
            Wrong("m from the rows", mse_wrong_m, "not divided by m"),
            Wrong("A² − Y²", mse_difference_of_squares, "square the difference"),
            Wrong("one cost per output", mse_per_output, "must be a plain Python float"),
        ],
    ),
    "softmax": Cases(
        [softmax_textbook, softmax_loop_over_columns, softmax_max_without_keepdims],
        [
            Wrong("no max subtracted", softmax_no_shift, "subtract each column's own maximum"),
            Wrong("the max of the whole array", softmax_global_max, "subtract each column's own maximum"),
            Wrong("normalised along the rows", softmax_rows, "normalised along the rows"),
            Wrong("row maxima subtracted", softmax_row_max, "the maximum is taken along the rows"),
            Wrong("divided by the total", softmax_total_sum, "divided by the sum over the whole array"),
            Wrong(
                "no keepdims on the sum", softmax_sum_without_keepdims, "shapes do not fit together", "your code raised"
            ),
            Wrong("no exp", softmax_no_exp, "without `np.exp`"),
            Wrong("sigmoid", softmax_is_sigmoid, "this is the sigmoid"),
            Wrong("log-softmax", softmax_log, "this is the log of the softmax"),
            Wrong("float32 made float64", softmax_float64, "like the input"),
            Wrong("warnings switched off", softmax_errstate, "`A` contains NaN"),
        ],
    ),
    "one_hot": Cases(
        [one_hot_textbook, one_hot_eye, one_hot_comparison, one_hot_loop],
        [
            Wrong("one row per example", one_hot_rows_per_example, "one column per example"),
            Wrong("classes from the largest label", one_hot_classes_from_labels, "classes that do not appear"),
            Wrong("labels not flattened", one_hot_not_flattened, "flatten them first"),
            Wrong("off by one", one_hot_off_by_one, "off by one"),
            Wrong("whole rows set", one_hot_whole_rows, "whole rows are set"),
            Wrong("int array", one_hot_int, "must hold floats"),
            Wrong("bool array", one_hot_bool, "must hold floats"),
            Wrong("columns reversed", one_hot_reversed, "the columns are in the wrong order"),
            Wrong("a Python list", one_hot_list, "not a Python list"),
        ],
    ),
    "categorical_cross_entropy": Cases(
        [cce_textbook, cce_true_class_probability, cce_per_example_sum],
        [
            Wrong("not clipped", cce_unclipped, "clip first"),
            Wrong("np.mean over every entry", cce_mean_of_entries, "`np.mean` divides by K × m"),
            Wrong("no minus sign", cce_no_minus, "the minus sign in front is missing"),
            Wrong("no / m", cce_no_m, "the sum is not divided by m"),
            Wrong("binary cross-entropy", cce_binary_formula, "this is the binary cross-entropy"),
            Wrong("log10", cce_log10, "`np.log10` is the base-10 logarithm"),
            Wrong("the largest probability", cce_largest_probability, "the probability of the *true* class"),
            Wrong("per-example array", cce_per_example_array, "must be a plain Python float"),
            Wrong("squared error", cce_squared_error, "this is the mean squared error"),
            Wrong("eps = 1e-7", cce_fixed_eps, "`cost` has the wrong value"),
        ],
    ),
}
