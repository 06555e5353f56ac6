"""The L-layer network: one layer's forward and backward steps, and loops over the layers.

Introduced in: part 2, lessons 07 (forward) and 08 (backward); the training
loop around it (``model``, ``fit``) is in ``nnlib.training``.

Dimension letters: ``m`` examples, ``n_l`` units in layer ``l`` (``n_0`` the
inputs), ``L`` layers. Layer ``l`` computes::

    Z_l = W_l @ A_{l-1} + b_l        # linear part,   (n_l, m)
    A_l = g_l(Z_l)                   # activation,    (n_l, m)

with ``A_0 = X``. Hidden layers use ``hidden_activation``, the last layer
``output_activation`` (names from ``nnlib.activations``).

The convention, the same in the lessons and here::

    Z, linear_cache = linear_forward(A_prev, W, b)        # linear_cache = (A_prev, W, b)
    A, cache = linear_activation_forward(A_prev, W, b, activation)   # cache = (linear_cache, Z)
    dA_prev, dW, db = linear_backward(dZ, linear_cache)
    dA_prev, dW, db = linear_activation_backward(dA, cache, activation)

Caches are plain tuples, so a learner's own caches work here and these work
in a learner's code. With dropout, ``forward_prop`` appends the hidden
layer's mask: ``(linear_cache, Z, D)``; a two-field cache means no dropout.

``dA`` and ``dZ`` are per example (no ``1/m``); ``linear_backward`` takes the
average over the batch when it forms ``dW`` and ``db``.

The per-layer functions are the maths; arguments are checked once, in the
functions a user calls (``forward_prop``, ``cost_function``, ``backprop``,
``predict``).
"""

from __future__ import annotations

import numpy as np

from nnlib._validation import as_float_array, check_parameters, check_positive, check_probability, check_shape, checked
from nnlib.activations import get_activation
from nnlib.labels import CLASS_OUTPUTS, output_to_labels
from nnlib.losses import default_loss, get_loss, output_delta
from nnlib.regularization import dropout_mask, weight_penalty, weight_penalty_gradient

__all__ = [
    "CLASS_OUTPUTS",
    "linear_forward",
    "linear_backward",
    "linear_activation_forward",
    "linear_activation_backward",
    "forward_prop",
    "cost_function",
    "backprop",
    "output_to_labels",
    "predict",
]


def linear_forward(A_prev, W, b):
    """``Z = W @ A_prev + b``, and the cache ``(A_prev, W, b)``.

    Parameters
    ----------
    A_prev : array (n_prev, m), the previous layer's activations (or X)
    W : array (n, n_prev)
    b : array (n, 1), added to every column

    Returns
    -------
    Z : array (n, m)
    linear_cache : tuple (A_prev, W, b)
    """
    Z = W @ A_prev + b
    return Z, (A_prev, W, b)


def linear_backward(dZ, linear_cache):
    """Gradients of the linear part, from ``dZ`` (n, m).

    Parameters
    ----------
    dZ : array (n, m), the gradient of ``Z``, per example
    linear_cache : tuple (A_prev, W, b) from ``linear_forward``

    Returns
    -------
    dA_prev : array (n_prev, m), ``W.T @ dZ``
    dW : array (n, n_prev), ``dZ @ A_prev.T / m``
    db : array (n, 1), ``sum(dZ, axis=1) / m``
    """
    A_prev, W, b = linear_cache
    m = A_prev.shape[1]
    dW = dZ @ A_prev.T / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = W.T @ dZ
    return dA_prev, dW, db


def linear_activation_forward(A_prev, W, b, activation="relu"):
    """One whole layer: ``A = g(W @ A_prev + b)``, and the cache ``(linear_cache, Z)``.

    Parameters
    ----------
    A_prev : array (n_prev, m)
    W : array (n, n_prev)
    b : array (n, 1)
    activation : name in ``nnlib.activations.ACTIVATIONS``

    Returns
    -------
    A : array (n, m)
    cache : tuple (linear_cache, Z)
    """
    Z, linear_cache = linear_forward(A_prev, W, b)
    A = get_activation(activation).forward(Z)
    return A, (linear_cache, Z)


def linear_activation_backward(dA, cache, activation="relu"):
    """Gradients of one layer from ``dA`` (n, m), the gradient of its output.

    Parameters
    ----------
    dA : array (n, m), per example
    cache : tuple (linear_cache, Z) from ``linear_activation_forward``
    activation : the name the forward step used

    Returns
    -------
    dA_prev : array (n_prev, m)
    dW : array (n, n_prev)
    db : array (n, 1)
    """
    linear_cache, Z = cache[0], cache[1]
    dZ = get_activation(activation).backward(dA, Z)
    return linear_backward(dZ, linear_cache)


def _check_forward_prop(arguments: dict) -> None:
    parameters = arguments["parameters"]
    check_parameters(parameters)
    arguments["X"] = as_float_array(arguments["X"], "X")
    check_shape(arguments["X"], "X", ("n_0", "m"), {"n_0": parameters["W1"].shape[1]})
    arguments["keep_prob"] = check_probability(arguments["keep_prob"], "keep_prob")
    for name in ("hidden_activation", "output_activation"):
        get_activation(arguments[name])  # an unknown name fails here, before any work


@checked(_check_forward_prop)
def forward_prop(X, parameters, hidden_activation="relu", output_activation="sigmoid", keep_prob=1.0, rng=None):
    """The forward pass through all ``L`` layers.

    Parameters
    ----------
    X : array (n_0, m)
    parameters : dict with ``Wl`` (n_l, n_{l-1}) and ``bl`` (n_l, 1), l = 1..L
    hidden_activation, output_activation : activation names
    keep_prob : probability of keeping a hidden unit (inverted dropout);
        1.0 (the default) means no dropout, as at prediction time
    rng : numpy.random.Generator, int seed or None; draws the dropout masks

    Returns
    -------
    AL : array (n_L, m), the network's output
    caches : list of L caches, layer 1 first: ``(linear_cache, Z)``, or
        ``(linear_cache, Z, D)`` for a hidden layer whose units were dropped
        with the mask ``D`` (n_l, m)
    """
    L = len(parameters) // 2
    A = X
    caches = []
    for l in range(1, L + 1):
        activation = output_activation if l == L else hidden_activation
        A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], activation)
        if keep_prob < 1.0 and l < L:
            D = dropout_mask(A.shape, keep_prob, rng, A.dtype)
            A = A * D
            cache = (*cache, D)
        caches.append(cache)
    return A, caches


def _check_output_and_targets(arguments: dict) -> None:
    """``AL`` and ``Y`` as float arrays of one shape (n_L, m), ``Y`` in ``AL``'s dtype."""
    AL = arguments["AL"] = as_float_array(arguments["AL"], "AL")
    Y = arguments["Y"] = as_float_array(arguments["Y"], "Y", dtype=AL.dtype)
    check_shape(AL, "AL", ("n_L", "m"))
    if Y.shape != AL.shape:
        hint = " (transposed? examples are columns)" if Y.shape == AL.shape[::-1] else ""
        raise ValueError(f"Y must have the shape of AL, (n_L, m) = {AL.shape}, got {Y.shape}{hint}")


def _check_cost_function(arguments: dict) -> None:
    _check_output_and_targets(arguments)
    get_loss(arguments["loss"])
    l1 = check_positive(arguments["l1"], "l1", allow_zero=True)
    l2 = check_positive(arguments["l2"], "l2", allow_zero=True)
    if (l1 or l2) and arguments["parameters"] is None:
        raise ValueError("cost_function needs parameters= to add an L1/L2 penalty")


@checked(_check_cost_function)
def cost_function(AL, Y, loss="binary_cross_entropy", parameters=None, l1=0.0, l2=0.0):
    """The data cost plus the weight penalty, averaged over the ``m`` examples.

    Parameters
    ----------
    AL : array (n_L, m), the network's output
    Y : array (n_L, m), the targets
    loss : name in ``nnlib.losses.LOSSES``
    parameters : the weights to penalise; needed only when ``l1`` or ``l2`` > 0
    l1, l2 : penalty strengths (0 = none)

    Returns
    -------
    cost : float
    """
    cost = get_loss(loss).cost(AL, Y)
    if l1 or l2:
        cost += weight_penalty(parameters, l1, l2, Y.shape[1])
    return cost


def _check_backprop_arguments(arguments: dict) -> None:
    """Check ``backprop``'s arguments: ``AL`` and ``Y`` become float arrays, ``loss`` a ``Loss``."""
    caches = arguments["caches"]
    _check_caches(caches)
    _check_output_and_targets(arguments)
    AL = arguments["AL"]
    if np.shape(caches[-1][1]) != AL.shape:
        raise ValueError(
            f"AL has shape {AL.shape} but the last layer's Z in caches[-1] has shape {np.shape(caches[-1][1])}: "
            "pass the AL and the caches of the same forward_prop call"
        )
    get_activation(arguments["hidden_activation"])
    output_activation, loss = arguments["output_activation"], arguments["loss"]
    arguments["loss"] = default_loss(output_activation) if loss is None else get_loss(loss)
    get_activation(output_activation)
    check_positive(arguments["l1"], "l1", allow_zero=True)
    check_positive(arguments["l2"], "l2", allow_zero=True)


def _check_caches(caches) -> None:
    """Check that ``caches`` is a non-empty list of ``(linear_cache, Z)`` tuples."""
    if isinstance(caches, (str, bytes, dict)) or not hasattr(caches, "__len__") or len(caches) == 0:
        raise ValueError(
            "caches must be the list returned by forward_prop, one (linear_cache, Z) tuple per layer, "
            f"got {type(caches).__name__}"
            + (" of length 0" if hasattr(caches, "__len__") and not isinstance(caches, (str, bytes)) else "")
        )
    for l, cache in enumerate(caches, start=1):
        if not isinstance(cache, (tuple, list)) or len(cache) not in (2, 3) or not _is_triple(cache[0]):
            raise ValueError(
                f"caches[{l - 1}] (layer {l}) must be a tuple (linear_cache, Z) with "
                f"linear_cache = (A_prev, W, b), got {type(cache).__name__}"
            )


def _is_triple(linear_cache) -> bool:
    return isinstance(linear_cache, (tuple, list)) and len(linear_cache) == 3


@checked(_check_backprop_arguments)
def backprop(AL, Y, caches, hidden_activation="relu", output_activation="sigmoid", loss=None, l1=0.0, l2=0.0):
    """The backward pass through all layers: the gradient of ``cost_function``.

    Parameters
    ----------
    AL : array (n_L, m), the output of ``forward_prop``
    Y : array (n_L, m), the targets
    caches : list of L caches from ``forward_prop`` (or a learner's own
        ``(linear_cache, Z)`` tuples)
    hidden_activation, output_activation : the names the forward pass used
    loss : name in ``nnlib.losses.LOSSES``; None takes the output
        activation's natural loss (sigmoid: binary cross-entropy, softmax:
        categorical cross-entropy, identity: mean squared error)
    l1, l2 : penalty strengths, as given to ``cost_function``

    Returns
    -------
    grads : dict with ``dWl`` (n_l, n_{l-1}) and ``dbl`` (n_l, 1), in layer order l = 1..L
    """
    L = len(caches)
    grads = {}
    linear_cache, ZL = caches[-1][0], caches[-1][1]
    dZ = output_delta(AL, Y, ZL, output_activation, loss)
    dA_prev, grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(dZ, linear_cache)
    for l in range(L - 1, 0, -1):
        cache = caches[l - 1]
        dA = dA_prev * cache[2] if len(cache) > 2 else dA_prev  # the units dropout removed get no gradient
        dA_prev, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(dA, cache, hidden_activation)
    if l1 or l2:
        m = AL.shape[1]
        for l, cache in enumerate(caches, start=1):
            grads[f"dW{l}"] += weight_penalty_gradient(cache[0][1], l1, l2, m)
    return {key: grads[key] for l in range(1, L + 1) for key in (f"dW{l}", f"db{l}")}


def predict(X, parameters, hidden_activation="relu", output_activation="sigmoid", threshold=0.5):
    """Predictions of a trained network, without dropout.

    Parameters
    ----------
    X : array (n_0, m)
    parameters : dict with ``Wl`` (n_l, n_{l-1}) and ``bl`` (n_l, 1), l = 1..L
    hidden_activation, output_activation : the activation names it was trained with
    threshold : for sigmoid outputs, the probability above which the label is 1

    Returns
    -------
    predictions : class labels (see ``output_to_labels``) for sigmoid or softmax
        outputs, shape (n_L, m) or (1, m); the raw output (n_L, m) for a
        regression network (identity, tanh, relu, ... output)
    """
    check_probability(threshold, "threshold")
    AL, _ = forward_prop(X, parameters, hidden_activation, output_activation)
    if get_activation(output_activation).name in CLASS_OUTPUTS:
        return output_to_labels(AL, output_activation, threshold)
    return AL
