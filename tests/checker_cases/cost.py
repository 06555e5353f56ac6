"""Lesson 04: compute_cost, fixed_cost."""

import numpy as np

from checker_cases.types import Cases, Wrong


def compute_cost_textbook(A2, Y):
    m = Y.shape[1]
    cost = -np.sum(np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), (1 - Y))) / m
    cost = np.squeeze(cost)
    return cost


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
    cost = -np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m
    return float(cost)


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
        compute_cost_textbook,
        [
            Wrong("no minus sign", cost_no_minus, "the minus sign in front is missing"),
            Wrong("no / m", cost_no_mean, "the sum is not divided by m"),
            Wrong("first term only", cost_first_term_only, "the second term, (1 − Y) log(1 − A2), is missing"),
            Wrong("log of the wrong term", cost_log_of_labels, "the log of the wrong term"),
            Wrong("a (1, 1) array", cost_as_matrix, "wrap the result in `float(...)`"),
            Wrong("squared error", cost_squared_error, "this is the mean squared error"),
            Wrong("base-10 log", cost_log10, "`np.log10` is the base-10 logarithm"),
            Wrong("logs swapped", cost_swapped, "the two logs are swapped"),
        ],
    ),
    "fixed_cost": Cases(
        fixed_cost_textbook,
        [
            Wrong("only m fixed", fixed_only_m, "`log(2 - A2)`"),
            Wrong("only the log fixed", fixed_only_log, "`A2.shape[0]` is n_y"),
            Wrong("nothing fixed", fixed_nothing, "both bugs are still there"),
            Wrong("a new sign bug", fixed_plus_sign, "the minus sign in front is missing"),
            Wrong("an array returned", fixed_returns_array, "wrap the result in `float(...)`"),
            Wrong("means of the wrong terms", fixed_mean_of_the_wrong_thing, "has the wrong value"),
        ],
    ),
}
