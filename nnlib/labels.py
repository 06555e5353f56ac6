"""Class labels from a network's outputs: the package's one label converter.

Introduced in: lesson 09 (``predict`` on the digits) and lesson 14 (many classes); ``predict``,
``fit``'s metrics, ``datasets.from_one_hot`` and the decision-boundary plot
all turn outputs into labels through ``output_to_labels``.

- sigmoid outputs (n_L, m), probabilities of class 1 for each of ``n_L``
  independent yes/no questions: ``1`` where ``AL > threshold``, else ``0``;
- softmax outputs (K, m), one-hot targets or any class scores: the row of
  each column's largest entry, as a row of labels (1, m).
"""

from __future__ import annotations

import numpy as np

from nnlib.activations import get_activation

__all__ = ["CLASS_OUTPUTS", "output_to_labels"]

CLASS_OUTPUTS = ("sigmoid", "softmax")
"""Output activations whose outputs are turned into class labels."""


def output_to_labels(AL, output_activation="sigmoid", threshold=0.5):
    """Turn network outputs (or targets) into class labels.

    Parameters
    ----------
    AL : array (n_L, m) of sigmoid outputs, or (K, m) of softmax outputs,
        one-hot targets or class scores
    output_activation : ``"sigmoid"`` or ``"softmax"``
    threshold : the sigmoid output above which the label is 1

    Returns
    -------
    labels : int64 array, ``(AL > threshold)`` of shape (n_L, m) for sigmoid;
        the arg-max row of each column, shape (1, m), for softmax
    """
    name = get_activation(output_activation).name
    AL = np.asarray(AL)
    if name == "softmax":
        return np.argmax(AL, axis=0).astype(np.int64).reshape(1, -1)
    if name == "sigmoid":
        return (AL > threshold).astype(np.int64)
    raise ValueError(
        f"output activation {name!r} does not produce classes; use forward_prop's output directly for regression"
    )
