"""Known mistakes of lesson 00, Welcome: `layer_sizes`, `weighted_sums`, `mean_over_examples`."""

from __future__ import annotations

import numpy as np

from nnlib.checks.exercise import Mistake

# --- layer_sizes -------------------------------------------------------------


def layer_sizes_columns(X, Y, hidden_size=4):
    return X.shape[1], hidden_size, Y.shape[0]


def layer_sizes_y_columns(X, Y, hidden_size=4):
    return X.shape[0], hidden_size, Y.shape[1]


def layer_sizes_both_columns(X, Y, hidden_size=4):
    return X.shape[1], hidden_size, Y.shape[1]


def layer_sizes_fixed_hidden(X, Y, hidden_size=4):
    n_h = 4
    return X.shape[0], n_h, Y.shape[0]


def layer_sizes_wrong_order(X, Y, hidden_size=4):
    return X.shape[0], Y.shape[0], hidden_size


def layer_sizes_two_values(X, Y, hidden_size=4):
    return X.shape[0], Y.shape[0]


def layer_sizes_no_return(X, Y, hidden_size=4):
    n_x, n_h, n_y = X.shape[0], hidden_size, Y.shape[0]  # noqa: F841


def layer_sizes_shapes(X, Y, hidden_size=4):
    return X.shape, hidden_size, Y.shape


def layer_sizes_float(X, Y, hidden_size=4):
    return X.size / X.shape[1], hidden_size, Y.size / Y.shape[1]


def layer_sizes_len_of_rows(X, Y, hidden_size=4):
    return len(X[0]), hidden_size, len(Y[0])


def layer_sizes_size(X, Y, hidden_size=4):
    return X.size, hidden_size, Y.size


# --- weighted_sums -----------------------------------------------------------


def weighted_sums_loop(W, b, X):
    Z = np.zeros((W.shape[0], X.shape[1]))
    for i in range(X.shape[1]):
        Z[:, i] = W @ X[:, i] + b[:, 0]
    return Z


def weighted_sums_comprehension(W, b, X):
    return np.stack([W @ X[:, i] + b[:, 0] for i in range(X.shape[1])], axis=1)


def weighted_sums_transposed_w(W, b, X):
    return np.dot(W.T, X) + b


def weighted_sums_no_bias(W, b, X):
    return np.dot(W, X)


def weighted_sums_bias_subtracted(W, b, X):
    return W @ X - b


def weighted_sums_bias_row(W, b, X):
    return W @ X + b.T


def weighted_sums_elementwise(W, b, X):
    return W * X + b


def weighted_sums_rows(W, b, X):
    return X.T @ W.T + b.T


def weighted_sums_in_place(W, b, X):
    X -= X.mean(axis=1, keepdims=True)  # centres the caller's data as a side effect
    return W @ X + b


def weighted_sums_int(W, b, X):
    return (W @ X + b).astype(int)


# --- mean_over_examples ------------------------------------------------------


def mean_axis_0(A):
    return np.mean(A, axis=0, keepdims=True)


def mean_axis_0_transposed(A):
    return A.mean(axis=0, keepdims=True).T


def mean_no_keepdims(A):
    return np.mean(A, axis=1)


def mean_missing_divide(A):
    return np.sum(A, axis=1, keepdims=True)


def mean_everything(A):
    return np.mean(A)


def mean_divides_by_rows(A):
    return np.sum(A, axis=1, keepdims=True) / A.shape[0]


def mean_prints_and_returns_none(A):
    print(np.mean(A, axis=1, keepdims=True))


def mean_raises_keyerror(A):
    return {"mean": A.mean(axis=1, keepdims=True)}["Mean"]


def mean_list(A):
    return [[row.mean()] for row in A]


def mean_row_vector(A):
    return np.mean(A, axis=1, keepdims=True).T


def mean_of_first_example(A):
    return A[:, :1]


# Two spellings of one mistake (the same output): one cause that names both.
_BOTH_FROM_COLUMNS = (
    "both sizes were read from the columns (`.shape[1]`, or `len(X[0])`, the length of one row), which "
    "count m, the number of examples; the units are the rows: `X.shape[0]` and `Y.shape[0]`"
)

MISTAKES = {
    "layer_sizes": (
        Mistake(
            layer_sizes_columns,
            "`X.shape[1]` is m, the number of examples; examples are columns, so the features are the rows: "
            "`n_x = X.shape[0]`",
        ),
        Mistake(
            layer_sizes_y_columns,
            "`Y.shape[1]` is m, the number of examples; the outputs are the rows of `Y`: `n_y = Y.shape[0]`",
        ),
        Mistake(layer_sizes_both_columns, _BOTH_FROM_COLUMNS),
        Mistake(layer_sizes_fixed_hidden, "`n_h` must be the `hidden_size` argument, not a fixed number"),
        Mistake(
            layer_sizes_wrong_order, "the sizes are in the wrong order: return `n_x, n_h, n_y` (input, hidden, output)"
        ),
        Mistake(
            layer_sizes_two_values,
            "`n_h` is left out: return all three sizes, `n_x, n_h, n_y`",
        ),
        Mistake(layer_sizes_no_return, "did you forget `return`?", shown_by="property"),
        Mistake(layer_sizes_shapes, "`.shape` is a tuple: take one entry, `X.shape[0]` for the rows"),
        Mistake(
            layer_sizes_float, "`/` makes floats, and a size is an int: `X.shape[0]` already is the number of rows"
        ),
        Mistake(layer_sizes_len_of_rows, _BOTH_FROM_COLUMNS),
        Mistake(layer_sizes_size, "`.size` counts every entry (n_x times m); the number of rows is `.shape[0]`"),
    ),
    "weighted_sums": (
        Mistake(weighted_sums_loop, "still loops in Python", shown_by="source"),
        Mistake(weighted_sums_comprehension, "still loops in Python", name="comprehension", shown_by="source"),
        Mistake(
            weighted_sums_transposed_w, "shapes do not fit together", shown_by="raises", outcome="your code raised"
        ),
        Mistake(weighted_sums_no_bias, "the bias is missing: add `+ b` (a column, which numpy adds to every example)"),
        Mistake(weighted_sums_bias_subtracted, "the bias is subtracted; it is added: `W @ X + b`"),
        Mistake(weighted_sums_bias_row, "shapes do not fit together", shown_by="raises", outcome="your code raised"),
        Mistake(weighted_sums_elementwise, "shapes do not fit together", shown_by="raises", outcome="your code raised"),
        Mistake(
            weighted_sums_rows,
            "this is the rows convention (`X.T @ W.T`), which gives one row per example; this course keeps "
            "examples as columns: `W @ X + b`",
        ),
        Mistake(weighted_sums_in_place, "changed its argument `X` in place", shown_by="mutation"),
        Mistake(weighted_sums_int, "must hold floats", shown_by="dtype"),
    ),
    "mean_over_examples": (
        Mistake(
            mean_axis_0,
            "`axis=0` averages down each column, over the units of one example; the examples are the "
            "columns, so average along the rows with `axis=1`",
        ),
        Mistake(
            mean_axis_0_transposed,
            "`axis=0` averages over the units of each example (then the result was transposed); "
            "average over the examples with `axis=1`",
        ),
        Mistake(
            mean_no_keepdims,
            "`np.mean(A, axis=1)` drops the averaged axis and gives a flat (n,) array; `keepdims=True` keeps it "
            "a column (n, 1)",
        ),
        Mistake(
            mean_missing_divide,
            "missing `/ m`: this is the sum over the examples; divide by m = `A.shape[1]` (or use `np.mean`)",
        ),
        Mistake(
            mean_everything,
            "`np.mean(A)` with no `axis` is a mean over every entry, one number; average each row over the "
            "examples with `axis=1, keepdims=True`",
        ),
        Mistake(
            mean_divides_by_rows,
            "it divides by `A.shape[0]`, the number of units; a mean over examples divides by m = `A.shape[1]`",
        ),
        Mistake(mean_prints_and_returns_none, "did you forget `return`?", shown_by="property"),
        Mistake(mean_raises_keyerror, "KeyError", shown_by="raises", outcome="your code raised"),
        Mistake(mean_list, "not a Python list", shown_by="property"),
        Mistake(
            mean_row_vector,
            "the mean is right but transposed into a row; keep it a column (n, 1): `keepdims=True` and no `.T`",
        ),
        Mistake(
            mean_of_first_example,
            "this is the first example's column, not the mean of all of them: average every column with "
            "`np.mean(A, axis=1, keepdims=True)`",
        ),
    ),
}
