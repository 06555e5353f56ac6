"""The network of part 1: one hidden layer, sigmoid units throughout.

Introduced in: part 1, one function per lesson (forward propagation, the
cost, backpropagation, training and predicting). Written out step by step
for reading; it is the L-layer network of ``nnlib.deep`` with
``layer_dims = [n_x, n_h, n_y]`` and sigmoid activations, and the tests
check that the two agree.

Shapes: ``X`` (n_x, m), ``Y`` (n_y, m), ``W1`` (n_h, n_x), ``b1`` (n_h, 1),
``W2`` (n_y, n_h), ``b2`` (n_y, 1).
"""

from __future__ import annotations

import numpy as np

from nnlib._validation import arrays, as_float_array, check_parameters, check_positive, check_rng, check_shape, checked
from nnlib.activations import sigmoid
from nnlib.initializers import initialize_parameters
from nnlib.losses import binary_cross_entropy
from nnlib.optimizers import update_parameters

__all__ = [
    "sigmoid_derivative",
    "initialize_parameters",
    "forward_propagation",
    "compute_cost",
    "backward_propagation",
    "update_parameters",
    "predict",
    "nn_model",
]


def _check_two_layers(arguments: dict) -> None:
    """``parameters`` holds W1, b1, W2, b2; ``X`` (n_x, m) and, when given, ``Y`` (n_y, m) fit them."""
    parameters = arguments["parameters"]
    n_layers = check_parameters(parameters)
    if n_layers != 2:
        raise ValueError(f"parameters must hold exactly W1, b1, W2, b2 (one hidden layer), got {n_layers} layers")
    sizes = {"n_x": parameters["W1"].shape[1], "n_y": parameters["W2"].shape[0]}
    for name, spec in (("X", ("n_x", "m")), ("Y", ("n_y", "m"))):
        if name in arguments:
            arguments[name] = as_float_array(arguments[name], name)
            check_shape(arguments[name], name, spec, sizes)


@checked(arrays("A"))
def sigmoid_derivative(A):
    """The sigmoid's slope ``sigma'(z) = A * (1 - A)``, written through its output ``A = sigmoid(Z)``.

    Introduced in: 02 The sigmoid and other activations. Part 1 keeps ``A``
    in its cache, so its backward pass uses this form; the L-layer network's
    ``nnlib.activations.sigmoid_backward(dA, Z)`` takes ``Z`` instead.

    Parameters
    ----------
    A : array of any shape, sigmoid outputs in [0, 1]

    Returns
    -------
    dA_dZ : array of A's shape, in [0, 0.25]
    """
    return A * (1 - A)


@checked(_check_two_layers)
def forward_propagation(X, parameters: dict) -> tuple[np.ndarray, dict]:
    """Forward pass: ``Z1 = W1 X + b1``, ``A1 = sigmoid(Z1)``, ``Z2 = W2 A1 + b2``, ``A2 = sigmoid(Z2)``.

    Parameters
    ----------
    X : array (n_x, m)
    parameters : dict with W1 (n_h, n_x), b1 (n_h, 1), W2 (n_y, n_h), b2 (n_y, 1)

    Returns
    -------
    A2 : array (n_y, m), the predicted probabilities
    cache : dict with Z1, A1 (n_h, m) and Z2, A2 (n_y, m), for the backward pass
    """
    W1, b1, W2, b2 = (parameters[key] for key in ("W1", "b1", "W2", "b2"))
    Z1 = W1 @ X + b1
    A1 = sigmoid(Z1)
    Z2 = W2 @ A1 + b2
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


#: The cost of part 1's network, ``J = -(1/m) * sum(Y log A2 + (1 - Y) log(1 - A2))``, as a float.
#: A second name for ``nnlib.losses.binary_cross_entropy``, kept because it is the name of lesson 04's
#: exercise and of the source article; the L-layer network calls it by the loss's own name.
compute_cost = binary_cross_entropy


@checked(_check_two_layers)
def backward_propagation(parameters: dict, cache: dict, X, Y) -> dict:
    """Gradients of the cost with respect to W1, b1, W2, b2.

    With sigmoid + cross-entropy at the output the chain rule collapses to
    ``dZ2 = A2 - Y``; the hidden layer's sigmoid contributes
    ``A1 * (1 - A1)``::

        dZ2 = A2 - Y                       (n_y, m)
        dW2 = dZ2 @ A1.T / m               (n_y, n_h)
        db2 = sum(dZ2, axis=1) / m         (n_y, 1)
        dZ1 = (W2.T @ dZ2) * A1 * (1 - A1) (n_h, m)
        dW1 = dZ1 @ X.T / m                (n_h, n_x)
        db1 = sum(dZ1, axis=1) / m         (n_h, 1)

    Returns
    -------
    grads : dict with dW1, db1, dW2, db2, each of its parameter's shape
    """
    m = X.shape[1]
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = dZ2 @ A1.T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = (W2.T @ dZ2) * sigmoid_derivative(A1)
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def predict(X, parameters: dict, threshold: float = 0.5) -> np.ndarray:
    """Class labels: 1 where the predicted probability exceeds ``threshold``.

    Returns
    -------
    predictions : int array (n_y, m) of 0s and 1s
    """
    A2, _ = forward_propagation(X, parameters)
    return (A2 > threshold).astype(np.int64)


def _check_training(arguments: dict) -> None:
    arrays(X=("n_x", "m"), Y=("n_y", "m"))(arguments)
    check_positive(arguments["num_iterations"], "num_iterations", integer=True, allow_zero=True)
    check_positive(arguments["record_every"], "record_every", integer=True)
    arguments["rng"] = check_rng(arguments["rng"])


@checked(_check_training)
def nn_model(
    X,
    Y,
    hidden_size: int = 4,
    num_iterations: int = 10_000,
    learning_rate: float = 1.2,
    rng=None,
    print_cost: bool = False,
    record_every: int = 100,
) -> tuple[dict, list[float]]:
    """Train the one-hidden-layer network by full-batch gradient descent.

    Parameters
    ----------
    X : array (n_x, m)
    Y : array (n_y, m), labels 0 or 1
    hidden_size : n_h, the number of hidden units
    num_iterations : gradient-descent steps
    learning_rate : step size
    rng : numpy.random.Generator, int seed or None, for the initial weights
    print_cost : print the cost every ``record_every`` iterations
    record_every : how often the cost is recorded

    Returns
    -------
    parameters : dict, the trained W1, b1, W2, b2
    costs : list of float, the cost before iteration 0, record_every, 2 * record_every, ...
    """
    parameters = initialize_parameters(X.shape[0], hidden_size, Y.shape[0], rng)
    costs = []
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        if i % record_every == 0:
            costs.append(compute_cost(A2, Y))
            if print_cost:
                print(f"cost after iteration {i}: {costs[-1]:.6f}")
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads, learning_rate)
    return parameters, costs
