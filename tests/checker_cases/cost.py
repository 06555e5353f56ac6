"""Lesson 04: compute_cost, fixed_cost: right answers written differently.

The wrong answers are in the catalogue, nnlib/checks/mistakes/cost.py.
"""

import numpy as np


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


def cost_log_of_probability_product(A2, Y):
    eps = np.finfo(A2.dtype).eps
    A2 = np.clip(A2, eps, 1 - eps)
    likelihood = A2**Y * (1 - A2) ** (1 - Y)
    return float(-np.sum(np.log(likelihood)) / Y.shape[1])


CORRECT = {
    "compute_cost": [compute_cost_textbook, cost_probability_of_the_label, cost_loop_over_examples],
    "fixed_cost": [fixed_cost_textbook, fixed_mean_of_column_sums, cost_log_of_probability_product],
}
