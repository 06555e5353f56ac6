"""The L-layer network: modular forward and backward passes with caches.

Introduced in: part 2, "an L-layer network". The training loop around it
(``model``, ``fit``) is in ``nnlib.training``.

Dimension letters: ``m`` examples, ``n_l`` units in layer ``l`` (``n_0`` the
inputs), ``L`` layers. Layer ``l`` computes::

    Z_l = W_l @ A_{l-1} + b_l        # linear part,   (n_l, m)
    A_l = g_l(Z_l)                   # activation,    (n_l, m)

with ``A_0 = X``. Every hidden layer uses ``hidden_activation`` and the
last one ``output_activation`` (names from ``nnlib.activations``).

Each forward step returns its output and a *cache* holding exactly what the
matching backward step needs, so backward never recomputes forward work:
``LinearCache(A_prev, W, b)`` for the linear part, and for a whole layer a
``LayerCache`` that adds ``Z``, ``A``, the activation's name and the
dropout mask (``None`` without dropout).

Gradients follow the course convention: ``dA`` and ``dZ`` are per-example
(no ``1/m``); ``linear_backward`` averages over the batch when it forms
``dW = dZ @ A_prev.T / m`` and ``db = sum(dZ) / m``.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from nnlib._validation import as_float_array, check_parameters, check_probability, check_shape
from nnlib.activations import get_activation
from nnlib.losses import get_loss, output_delta
from nnlib.regularization import dropout_backward, dropout_mask, weight_penalty, weight_penalty_gradient

__all__ = [
    "CLASS_OUTPUTS",
    "LinearCache",
    "LayerCache",
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


CLASS_OUTPUTS = ("sigmoid", "softmax")
"""Output activations whose outputs are turned into class labels."""


class LinearCache(NamedTuple):
    """What ``linear_backward`` needs: the layer's input and its parameters."""

    A_prev: np.ndarray
    W: np.ndarray
    b: np.ndarray


class LayerCache(NamedTuple):
    """What ``linear_activation_backward`` needs for one layer."""

    linear: LinearCache
    Z: np.ndarray
    A: np.ndarray
    activation: str
    dropout_mask: np.ndarray | None = None

    def __repr__(self) -> str:
        W = self.linear.W
        drop = "" if self.dropout_mask is None else ", dropout"
        return f"LayerCache(W {W.shape}, A {self.A.shape}, {self.activation!r}{drop})"


def linear_forward(A_prev, W, b) -> tuple[np.ndarray, LinearCache]:
    """``Z = W @ A_prev + b``.

    Parameters
    ----------
    A_prev : array (n_prev, m), the previous layer's activations (or X)
    W : array (n, n_prev)
    b : array (n, 1)

    Returns
    -------
    Z : array (n, m)
    cache : LinearCache(A_prev, W, b)
    """
    A_prev, W, b = as_float_array(A_prev, "A_prev"), as_float_array(W, "W"), as_float_array(b, "b")
    sizes = check_shape(W, "W", ("n", "n_prev"))
    check_shape(b, "b", ("n", 1), sizes)
    check_shape(A_prev, "A_prev", ("n_prev", "m"), sizes)
    Z = W @ A_prev
    Z += b  # in place: b is broadcast over the m columns, no second (n, m) array
    return Z, LinearCache(A_prev, W, b)


def linear_backward(
    dZ, cache: LinearCache, need_dA_prev: bool = True
) -> tuple[np.ndarray | None, np.ndarray, np.ndarray]:
    """Gradients of the linear part from ``dZ`` (n, m).

    Parameters
    ----------
    dZ : array (n, m), the gradient of ``Z``, per example
    cache : the ``LinearCache(A_prev, W, b)`` of ``linear_forward``
    need_dA_prev : False skips ``W.T @ dZ`` and gives None for ``dA_prev``.
        ``backprop`` passes False for the first layer: its input is the data,
        whose gradient nobody uses, and there the product is the largest one
        of the backward pass (``n_0`` is the widest layer of most networks).

    Returns
    -------
    dA_prev : array (n_prev, m), ``W.T @ dZ``; None when not needed
    dW : array (n, n_prev), ``dZ @ A_prev.T / m``
    db : array (n, 1), ``sum(dZ, axis=1) / m``
    """
    A_prev, W, _ = cache
    dZ_over_m = dZ / A_prev.shape[1]  # the average's 1/m, on (n, m) rather than on the larger dW
    dW = dZ_over_m @ A_prev.T
    db = dZ_over_m.sum(axis=1, keepdims=True)
    dA_prev = W.T @ dZ if need_dA_prev else None
    return dA_prev, dW, db


def linear_activation_forward(A_prev, W, b, activation: str = "relu") -> tuple[np.ndarray, LayerCache]:
    """One whole layer: ``A = g(W @ A_prev + b)``.

    Parameters
    ----------
    A_prev : array (n_prev, m)
    W : array (n, n_prev)
    b : array (n, 1)
    activation : name in ``nnlib.activations.ACTIVATIONS``

    Returns
    -------
    A : array (n, m)
    cache : LayerCache
    """
    g = get_activation(activation)
    Z, linear_cache = linear_forward(A_prev, W, b)
    A = g.forward(Z)
    return A, LayerCache(linear_cache, Z, A, g.name)


def linear_activation_backward(
    dA, cache: LayerCache, need_dA_prev: bool = True
) -> tuple[np.ndarray | None, np.ndarray, np.ndarray]:
    """Gradients of one layer from ``dA`` (n, m), the gradient of its output.

    ``need_dA_prev`` as in ``linear_backward``.

    Returns
    -------
    dA_prev : array (n_prev, m); None when not needed
    dW : array (n, n_prev)
    db : array (n, 1)
    """
    dZ = get_activation(cache.activation).backward(dA, cache.Z, cache.A)
    return linear_backward(dZ, cache.linear, need_dA_prev)


def forward_prop(
    X,
    parameters: dict,
    hidden_activation: str = "relu",
    output_activation: str = "sigmoid",
    keep_prob: float = 1.0,
    rng=None,
) -> tuple[np.ndarray, list[LayerCache]]:
    """The forward pass through all ``L`` layers.

    Parameters
    ----------
    X : array (n_0, m)
    parameters : dict with ``Wl`` (n_l, n_{l-1}) and ``bl`` (n_l, 1), l = 1..L
    hidden_activation, output_activation : activation names
    keep_prob : probability of keeping a hidden unit (inverted dropout);
        1.0 (the default) means no dropout, as at prediction time
    rng : numpy.random.Generator or None; draws the dropout masks

    Returns
    -------
    AL : array (n_L, m), the network's output
    caches : list of L LayerCache, layer 1 first
    """
    n_layers = check_parameters(parameters)
    A = as_float_array(X, "X")
    check_shape(A, "X", ("n_0", "m"), {"n_0": parameters["W1"].shape[1]})
    keep_prob = check_probability(keep_prob, "keep_prob")
    for name in (hidden_activation, output_activation):
        get_activation(name)  # an unknown name fails here, before any work
    caches = []
    for l in range(1, n_layers + 1):
        activation = output_activation if l == n_layers else hidden_activation
        A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], activation)
        if keep_prob < 1.0 and l < n_layers:
            D = dropout_mask(A.shape, keep_prob, rng, A.dtype)
            cache = cache._replace(dropout_mask=D)
            A = A * D
        caches.append(cache)
    return A, caches


def cost_function(
    AL, Y, loss: str = "binary_cross_entropy", parameters: dict | None = None, l1: float = 0.0, l2: float = 0.0
) -> float:
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
        if parameters is None:
            raise ValueError("cost_function needs parameters= to add an L1/L2 penalty")
        cost += weight_penalty(parameters, np.shape(Y)[1], l1, l2)
    return cost


def backprop(
    AL, Y, caches: list[LayerCache], loss: str = "binary_cross_entropy", l1: float = 0.0, l2: float = 0.0
) -> dict:
    """The backward pass through all layers: the gradient of ``cost_function``.

    Parameters
    ----------
    AL : array (n_L, m), the output of ``forward_prop``
    Y : array (n_L, m), the targets
    caches : the list returned by ``forward_prop``
    loss : name in ``nnlib.losses.LOSSES``
    l1, l2 : penalty strengths, as given to ``cost_function``

    Returns
    -------
    grads : dict with ``dWl`` (n_l, n_{l-1}) and ``dbl`` (n_l, 1), l = 1..L
    """
    if not caches:
        raise ValueError("caches is empty: pass the list returned by forward_prop")
    n_layers = len(caches)
    out = caches[-1]
    dZ = output_delta(AL, Y, out.Z, out.activation, loss)
    grads = {}
    # need_dA_prev=False for layer 1: the gradient of the input data is never used.
    dA_prev, grads[f"dW{n_layers}"], grads[f"db{n_layers}"] = linear_backward(dZ, out.linear, n_layers > 1)
    for l in range(n_layers - 1, 0, -1):
        cache = caches[l - 1]
        dA = dA_prev if cache.dropout_mask is None else dropout_backward(dA_prev, cache.dropout_mask)
        dA_prev, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(dA, cache, l > 1)
    if l1 or l2:
        m = out.A.shape[1]
        for l, cache in enumerate(caches, start=1):
            grads[f"dW{l}"] += weight_penalty_gradient(cache.linear.W, m, l1, l2)
    return dict(sorted(grads.items(), key=lambda item: (int(item[0][2:]), item[0][1])))


def output_to_labels(AL, output_activation: str = "sigmoid", threshold: float = 0.5) -> np.ndarray:
    """Turn network outputs (or targets) into class labels.

    sigmoid outputs (n_L, m) -> ``(AL > threshold)`` as int, shape (n_L, m);
    softmax outputs (K, m) (or one-hot targets) -> the class index, shape (1, m).
    """
    name = get_activation(output_activation).name
    AL = np.asarray(AL)
    if name == "softmax":
        return np.argmax(AL, axis=0).reshape(1, -1)
    if name == "sigmoid":
        return (AL > threshold).astype(np.int64)
    raise ValueError(
        f"output activation {name!r} does not produce classes; use forward_prop's output directly for regression"
    )


def predict(
    X,
    parameters: dict,
    hidden_activation: str = "relu",
    output_activation: str = "sigmoid",
    threshold: float = 0.5,
) -> np.ndarray:
    """Predictions of a trained network, without dropout.

    Returns
    -------
    predictions : class labels (see ``output_to_labels``) for sigmoid or softmax
        outputs, shape (n_L, m) or (1, m); the raw output (n_L, m) for a
        regression network (identity, tanh, relu, ... output)
    """
    AL, _ = forward_prop(X, parameters, hidden_activation, output_activation)
    if get_activation(output_activation).name in CLASS_OUTPUTS:
        return output_to_labels(AL, output_activation, threshold)
    return AL
