"""Lesson 00: layer_sizes, weighted_sums, mean_over_examples."""

import numpy as np

from checker_cases.types import Cases, Wrong

# --- layer_sizes -------------------------------------------------------------


def layer_sizes_textbook(X, Y, hidden_size=4):
    n_x = X.shape[0]
    n_h = hidden_size
    n_y = Y.shape[0]
    return (n_x, n_h, n_y)


def layer_sizes_unpacking(X, Y, hidden_size=4):
    n_x, m = X.shape  # noqa: F841  (m is not needed)
    return n_x, hidden_size, len(Y)


def layer_sizes_np_shape(X, Y, hidden_size=4):
    return np.shape(X)[0], int(hidden_size), np.shape(Y)[0]


def layer_sizes_columns(X, Y, hidden_size=4):
    return X.shape[1], hidden_size, Y.shape[0]


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


# --- weighted_sums -----------------------------------------------------------


def weighted_sums_textbook(W, b, X):
    Z = np.dot(W, X) + b
    return Z


def weighted_sums_matmul(W, b, X):
    return np.matmul(W, X) + b.reshape(-1, 1)


def weighted_sums_einsum(W, b, X):
    return np.einsum("ij,jk->ik", W, X) + b


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


def mean_over_examples_textbook(A):
    m = A.shape[1]
    return np.sum(A, axis=1, keepdims=True) / m


def mean_reshaped(A):
    return np.mean(A, axis=1).reshape(-1, 1)


def mean_by_matrix_product(A):
    m = A.shape[1]
    return A @ np.ones((m, 1)) / m


def mean_axis_0(A):
    return np.mean(A, axis=0, keepdims=True)


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


CASES = {
    "layer_sizes": Cases(
        [layer_sizes_textbook, layer_sizes_unpacking, layer_sizes_np_shape],
        [
            Wrong("n_x read from the columns", layer_sizes_columns, "`X.shape[1]` is m, the number of examples"),
            Wrong("hidden size hard-coded", layer_sizes_fixed_hidden, "must be the `hidden_size` argument"),
            Wrong("sizes in the wrong order", layer_sizes_wrong_order, "wrong order"),
            Wrong("two values returned", layer_sizes_two_values, "returned 2 values but must return 3"),
            Wrong("no return", layer_sizes_no_return, "did you forget `return`?"),
            Wrong("whole shapes returned", layer_sizes_shapes, "`.shape` is a tuple: take one entry"),
            Wrong("float sizes", layer_sizes_float, "`/` makes floats"),
            Wrong("len of a row counts columns", layer_sizes_len_of_rows, "`.shape[1]`, which is m"),
        ],
    ),
    "weighted_sums": Cases(
        [weighted_sums_textbook, weighted_sums_matmul, weighted_sums_einsum],
        [
            Wrong("loop over examples", weighted_sums_loop, "still loops in Python"),
            Wrong("comprehension over examples", weighted_sums_comprehension, "still loops in Python"),
            Wrong("W transposed", weighted_sums_transposed_w, "shapes do not fit together", outcome="your code raised"),
            Wrong("bias left out", weighted_sums_no_bias, "the bias is missing"),
            Wrong(
                "elementwise product",
                weighted_sums_elementwise,
                "shapes do not fit together",
                outcome="your code raised",
            ),
            Wrong("rows convention", weighted_sums_rows, "rows convention"),
            Wrong("input changed in place", weighted_sums_in_place, "changed its argument `X` in place"),
            Wrong("integer result", weighted_sums_int, "must hold floats"),
        ],
    ),
    "mean_over_examples": Cases(
        [mean_over_examples_textbook, mean_reshaped, mean_by_matrix_product],
        [
            Wrong("averaged over axis 0", mean_axis_0, "along the rows with `axis=1`"),
            Wrong("keepdims forgotten", mean_no_keepdims, "keepdims=True"),
            Wrong("sum without / m", mean_missing_divide, "missing `/ m`"),
            Wrong("mean of everything", mean_everything, "a sum or mean over every entry"),
            Wrong("divided by the number of rows", mean_divides_by_rows, "divides by `A.shape[0]`"),
            Wrong("printed instead of returned", mean_prints_and_returns_none, "did you forget `return`?"),
            Wrong("wrong dict key", mean_raises_keyerror, "KeyError", outcome="your code raised"),
            Wrong("a Python list", mean_list, "not a Python list"),
        ],
    ),
}
