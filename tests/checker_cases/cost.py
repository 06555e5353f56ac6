"""Lesson 04: compute_cost, fixed_cost."""

import numpy as np

from checker_cases.types import Cases, Wrong


def compute_cost_textbook(A2, Y):
    m = Y.shape[1]
    eps = np.finfo(A2.dtype).eps
    A2 = np.clip(A2, eps, 1 - eps)
    cost = -np.sum(np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), (1 - Y))) / m
    cost = float(np.squeeze(cost))
    return cost


def cost_probability_of_the_label(A2, Y):
    eps = np.finfo(A2.dtype).eps
    probability_of_label = np.where(Y == 1, A2, 1 - A2)
    return float(-np.mean(np.sum(np.log(np.clip(probability_of_label, eps, 1)), axis=0)))


def cost_loop_over_examples(A2, Y):
    eps = np.finfo(A2.dtype).eps
    total = 0.0
    for i in range(Y.shape[1]):
        a = np.clip(A2[:, i], eps, 1 - eps)
        total -= np.sum(Y[:, i] * np.log(a) + (1 - Y[:, i]) * np.log(1 - a))
    return float(total / Y.shape[1])


def cost_article_unclipped(A2, Y):
    m = Y.shape[1]
    cost = -np.sum(np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), (1 - Y))) / m
    return float(np.squeeze(cost))


def cost_fixed_eps(A2, Y):
    A2 = np.clip(A2, 1e-15, 1 - 1e-15)
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / Y.shape[1])


def cost_dot_products(A2, Y):
    m = Y.shape[1]
    eps = np.finfo(A2.dtype).eps
    A2 = np.clip(A2, eps, 1 - eps)
    cost = -(np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T)) / m
    return np.squeeze(cost)


def cost_no_minus(A2, Y):
    m = Y.shape[1]
    return float(np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)


def cost_no_mean(A2, Y):
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))


def cost_first_term_only(A2, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A2)) / m)


def cost_log_of_labels(A2, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - Y)) / m)


def cost_as_matrix(A2, Y):
    m = Y.shape[1]
    return -(np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T)) / m


def cost_squared_error(A2, Y):
    return float(np.mean((A2 - Y) ** 2))


def cost_log10(A2, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log10(A2) + (1 - Y) * np.log10(1 - A2)) / m)


def cost_swapped(A2, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(1 - A2) + (1 - Y) * np.log(A2)) / m)


def fixed_cost_textbook(A2, Y):
    m = A2.shape[1]
    eps = np.finfo(A2.dtype).eps
    A2 = np.clip(A2, eps, 1 - eps)
    cost = -np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m
    return float(cost)


def fixed_mean_of_column_sums(A2, Y):
    eps = np.finfo(A2.dtype).eps
    A2 = np.clip(A2, eps, 1 - eps)
    losses = -(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
    return float(np.mean(np.sum(losses, axis=0)))


def fixed_clip_removed(A2, Y):
    m = A2.shape[1]
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)


def fixed_eps_changed(A2, Y):
    m = A2.shape[1]
    A2 = np.clip(A2, 1e-15, 1 - 1e-15)
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)


def fixed_only_m(A2, Y):
    m = A2.shape[1]
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(2 - A2)) / m)


def fixed_only_log(A2, Y):
    m = A2.shape[0]
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)


def fixed_nothing(A2, Y):
    m = A2.shape[0]
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(2 - A2)) / m)


def fixed_plus_sign(A2, Y):
    m = A2.shape[1]
    return float(np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)


def fixed_returns_array(A2, Y):
    m = A2.shape[1]
    return -np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2), axis=1, keepdims=True) / m


def fixed_mean_of_the_wrong_thing(A2, Y):
    return float(-np.mean(Y * np.log(A2)) - np.mean(np.log(1 - A2)))


CASES = {
    "compute_cost": Cases(
        [compute_cost_textbook, cost_probability_of_the_label, cost_loop_over_examples],
        [
            Wrong("no minus sign", cost_no_minus, "the minus sign in front is missing"),
            Wrong("no / m", cost_no_mean, "the sum is not divided by m"),
            Wrong("first term only", cost_first_term_only, "the second term, (1 − Y) log(1 − A2), is missing"),
            Wrong("log of the wrong term", cost_log_of_labels, "the log of the wrong term"),
            Wrong("a (1, 1) array", cost_as_matrix, "wrap the result in `float(...)`"),
            Wrong("squared error", cost_squared_error, "this is the mean squared error"),
            Wrong("base-10 log", cost_log10, "`np.log10` is the base-10 logarithm"),
            Wrong("logs swapped", cost_swapped, "the two logs are swapped"),
            Wrong("the article's formula, not clipped", cost_article_unclipped, "clip first"),
            Wrong("a fixed eps of 1e-15", cost_fixed_eps, "`1 - 1e-15` rounds to 1.0"),
            Wrong("dot products: cross terms with two outputs", cost_dot_products, "with several output rows"),
        ],
    ),
    "fixed_cost": Cases(
        [fixed_cost_textbook, fixed_mean_of_column_sums, cost_loop_over_examples],
        [
            Wrong("only m fixed", fixed_only_m, "`log(2 - A2)`"),
            Wrong("only the log fixed", fixed_only_log, "`A2.shape[0]` is n_y"),
            Wrong("nothing fixed", fixed_nothing, "both bugs are still there"),
            Wrong("a new sign bug", fixed_plus_sign, "the minus sign in front is missing"),
            Wrong("an array returned", fixed_returns_array, "wrap the result in `float(...)`"),
            Wrong("means of the wrong terms", fixed_mean_of_the_wrong_thing, "has the wrong value"),
            Wrong("the clip removed too", fixed_clip_removed, "clip first"),
            Wrong("eps changed to 1e-15", fixed_eps_changed, "`1 - 1e-15` rounds to 1.0"),
        ],
    ),
}
