"""The one label converter, and the helpers that go through it."""

import numpy as np
import pytest

from nnlib.datasets import from_one_hot, one_hot
from nnlib.labels import output_to_labels


def test_sigmoid_outputs_are_thresholded_row_by_row():
    AL = np.array([[0.2, 0.5, 0.51, 0.9], [0.7, 0.1, 0.6, 0.3]])
    np.testing.assert_array_equal(output_to_labels(AL), [[0, 0, 1, 1], [1, 0, 1, 0]])
    np.testing.assert_array_equal(output_to_labels(AL, threshold=0.65), [[0, 0, 0, 1], [1, 0, 0, 0]])
    assert output_to_labels(AL).dtype == np.int64


def test_softmax_outputs_and_one_hot_targets_give_the_arg_max_row():
    labels = np.array([[2, 0, 1, 2]])
    Y = one_hot(labels, 3)
    scores = Y * 0.6 + 0.1  # probabilities-like, largest at the label
    for given in (Y, scores, np.log(scores)):
        np.testing.assert_array_equal(output_to_labels(given, "softmax"), labels)
    np.testing.assert_array_equal(from_one_hot(Y), labels)
    assert output_to_labels(Y, "softmax").shape == (1, 4)


def test_regression_outputs_have_no_labels():
    with pytest.raises(ValueError, match="output activation 'identity' does not produce classes"):
        output_to_labels(np.zeros((1, 3)), "identity")
