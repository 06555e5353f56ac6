"""Weight initialisation schemes and the two parameter-dict builders.

Introduced in: part 1, "initialising parameters" (``initialize_parameters``);
the L-layer ``init_params`` and the Xavier/He schemes in part 2.

A scheme ``draw(n_out, n_in, rng)`` draws one float64 weight matrix ``W`` of
shape ``(n_out, n_in)``; ``INITIALIZERS`` names them. Biases always start at
zero: the random weights already break the symmetry between units, so random
biases would add nothing.

- ``"zeros"``: every weight 0. Every hidden unit then computes the same thing
  and receives the same gradient, forever (the symmetry problem).
- ``"small_random"``: standard normal times 0.01, as in the first article.
  Fine for one hidden layer; in deep nets the signal shrinks layer by layer.
- ``"xavier"``: normal with variance ``1 / n_in``, keeping the variance of the
  signal steady through layers that are about linear near 0 (tanh, identity).
- ``"glorot"``: normal with variance ``2 / (n_in + n_out)``, Glorot and Bengio's
  original, which also keeps the backward signal's variance steady.
- ``"he"``: normal with variance ``2 / n_in``, the same idea for ReLU layers,
  which zero out half their inputs.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from nnlib._validation import check_choice, check_float_dtype, check_positive, check_rng, checked

__all__ = [
    "zeros",
    "small_random",
    "xavier_init",
    "glorot_init",
    "he_init",
    "INITIALIZERS",
    "init_params",
    "initialize_parameters",
]


def _check_draw(arguments: dict) -> None:
    check_positive(arguments["n_out"], "n_out", integer=True)
    check_positive(arguments["n_in"], "n_in", integer=True)
    rng = arguments["rng"]
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy Generator, e.g. np.random.default_rng(0), got {type(rng).__name__}")
    arguments["n_out"], arguments["n_in"] = int(arguments["n_out"]), int(arguments["n_in"])


def zeros(n_out: int, n_in: int, rng: np.random.Generator) -> np.ndarray:
    """All-zero weights of shape (n_out, n_in) (``rng`` unused; kept for a common signature)."""
    return np.zeros((n_out, n_in))


def small_random(n_out: int, n_in: int, rng: np.random.Generator) -> np.ndarray:
    """Weights of shape (n_out, n_in) drawn from N(0, 1) and scaled by 0.01."""
    return rng.standard_normal((n_out, n_in)) * 0.01


@checked(_check_draw)
def xavier_init(n_out: int, n_in: int, rng: np.random.Generator) -> np.ndarray:
    """One weight matrix with Xavier's fan-in scale: entries N(0, 1 / n_in).

    ``rng.standard_normal((n_out, n_in)) * np.sqrt(1 / n_in)``. With that
    variance, ``Z = W @ A_prev`` has about the variance of ``A_prev``'s
    entries, so a signal keeps its size through layers whose activation is
    about linear near 0 (tanh, and the identity). Glorot and Bengio's
    original also averages in ``n_out`` (see :func:`glorot_init`).

    Introduced in: lesson 11 (initialisation, vanishing and exploding gradients).

    Parameters
    ----------
    n_out : int, units of the layer (rows of W)
    n_in : int, units of the layer before (columns of W)
    rng : numpy.random.Generator, the only source of randomness

    Returns
    -------
    W : array (n_out, n_in), float64
    """
    return rng.standard_normal((n_out, n_in)) * np.sqrt(1 / n_in)


@checked(_check_draw)
def glorot_init(n_out: int, n_in: int, rng: np.random.Generator) -> np.ndarray:
    """One weight matrix with Glorot and Bengio's scale: entries N(0, 2 / (n_in + n_out)).

    ``rng.standard_normal((n_out, n_in)) * np.sqrt(2 / (n_in + n_out))``: a
    compromise between Xavier's ``1 / n_in``, which keeps the forward signal's
    size, and ``1 / n_out``, which keeps the backward signal's.

    Arguments and result as in :func:`xavier_init`.

    Introduced in: lesson 10 (activation functions), as ``init_params(..., "glorot")``.
    """
    return rng.standard_normal((n_out, n_in)) * np.sqrt(2.0 / (n_in + n_out))


@checked(_check_draw)
def he_init(n_out: int, n_in: int, rng: np.random.Generator) -> np.ndarray:
    """One weight matrix with He's scale: entries N(0, 2 / n_in).

    ``rng.standard_normal((n_out, n_in)) * np.sqrt(2 / n_in)``: ReLU sets
    about half of its inputs to 0, halving the mean square of the signal;
    twice Xavier's variance makes up for it.

    Introduced in: lesson 11 (initialisation, vanishing and exploding gradients).

    Parameters
    ----------
    n_out : int, units of the layer (rows of W)
    n_in : int, units of the layer before (columns of W)
    rng : numpy.random.Generator, the only source of randomness

    Returns
    -------
    W : array (n_out, n_in), float64
    """
    return rng.standard_normal((n_out, n_in)) * np.sqrt(2 / n_in)


INITIALIZERS: dict[str, Callable[..., np.ndarray]] = {
    "zeros": zeros,
    "small_random": small_random,
    "xavier": xavier_init,
    "glorot": glorot_init,
    "he": he_init,
}


def _check_init_params(arguments: dict) -> None:
    layer_dims = arguments["layer_dims"]
    if isinstance(layer_dims, (str, bytes)) or not hasattr(layer_dims, "__len__"):
        raise TypeError(f"layer_dims must be a list of layer sizes like [2, 4, 1], got {type(layer_dims).__name__}")
    if len(layer_dims) < 2:
        raise ValueError(f"layer_dims must list the input size and at least one layer, got {list(layer_dims)}")
    for l, n in enumerate(layer_dims):
        check_positive(n, f"layer_dims[{l}]", integer=True)
    arguments["layer_dims"] = [int(n) for n in layer_dims]
    check_choice(arguments["initializer"], "initializer", INITIALIZERS)
    arguments["dtype"] = check_float_dtype(arguments["dtype"])
    arguments["rng"] = check_rng(arguments["rng"])


@checked(_check_init_params)
def init_params(layer_dims, initializer: str = "he", rng=None, dtype=np.float64) -> dict:
    """Parameters for a network with ``len(layer_dims) - 1`` layers.

    Parameters
    ----------
    layer_dims : sequence of int ``[n_0, n_1, ..., n_L]``
        ``n_0`` inputs, then the size of every layer, the output layer last.
    initializer : name in ``INITIALIZERS``
    rng : numpy.random.Generator, int seed or None
    dtype : numpy float dtype of every array (float64 or float32)

    Returns
    -------
    parameters : dict
        ``Wl`` of shape (n_l, n_{l-1}) and ``bl`` of shape (n_l, 1) for
        ``l = 1 .. L``. Weights are drawn in layer order, ``W1`` first.
    """
    draw = INITIALIZERS[initializer]
    parameters = {}
    for l in range(1, len(layer_dims)):
        n_out, n_in = layer_dims[l], layer_dims[l - 1]
        parameters[f"W{l}"] = draw(n_out, n_in, rng).astype(dtype, copy=False)
        parameters[f"b{l}"] = np.zeros((n_out, 1), dtype=dtype)
    return parameters


def _check_sizes(arguments: dict) -> None:
    for name in ("input_size", "hidden_size", "output_size"):
        check_positive(arguments[name], name, integer=True)


@checked(_check_sizes)
def initialize_parameters(input_size: int, hidden_size: int, output_size: int, rng=None) -> dict:
    """Parameters of the one-hidden-layer network: small random weights, zero biases.

    Parameters
    ----------
    input_size, hidden_size, output_size : int
        n_x, n_h and n_y.
    rng : numpy.random.Generator, int seed or None
        The generator to draw from; an int seeds a new one (as
        ``np.random.default_rng(rng)`` does), ``None`` gives a fresh one.
        ``W1`` is drawn first, then ``W2``.

    Returns
    -------
    parameters : dict
        ``W1`` (hidden_size, input_size), ``b1`` (hidden_size, 1),
        ``W2`` (output_size, hidden_size), ``b2`` (output_size, 1).
    """
    return init_params([input_size, hidden_size, output_size], "small_random", rng)
