"""Weight initialisation schemes and the two parameter-dict builders.

Introduced in: part 1, "initialising parameters" (``initialize_parameters``);
the L-layer ``init_params`` and the Xavier/He schemes in part 2.

A scheme draws one weight matrix ``W`` of shape ``(n_out, n_in)``. Biases
always start at zero: the random weights already break the symmetry between
units, so random biases would add nothing.

- ``zeros``: every weight 0. Every hidden unit then computes the same thing
  and receives the same gradient, forever (the symmetry problem).
- ``small_random``: standard normal times 0.01, as in the first article.
  Fine for one hidden layer; in deep nets the signal shrinks layer by layer.
- ``xavier`` (Glorot): normal with variance ``2 / (n_in + n_out)``, keeping
  the variance of activations and gradients steady for tanh/sigmoid layers.
- ``he``: normal with variance ``2 / n_in``, the same idea for ReLU layers,
  which zero out half their inputs.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from nnlib._validation import check_choice, check_float_dtype, check_positive, check_rng

__all__ = [
    "zeros",
    "small_random",
    "xavier",
    "he",
    "INITIALIZERS",
    "init_params",
    "initialize_parameters",
    "xavier_init",
    "he_init",
]


def zeros(n_out: int, n_in: int, rng: np.random.Generator, dtype=np.float64) -> np.ndarray:
    """All-zero weights of shape (n_out, n_in) (``rng`` unused; kept for a common signature)."""
    return np.zeros((n_out, n_in), dtype=dtype)


def small_random(n_out: int, n_in: int, rng: np.random.Generator, dtype=np.float64) -> np.ndarray:
    """Weights of shape (n_out, n_in) drawn from N(0, 1) and scaled by 0.01."""
    return (rng.standard_normal((n_out, n_in)) * 0.01).astype(dtype, copy=False)


def xavier(n_out: int, n_in: int, rng: np.random.Generator, dtype=np.float64) -> np.ndarray:
    """Glorot-normal weights of shape (n_out, n_in): std ``sqrt(2 / (n_in + n_out))``."""
    std = np.sqrt(2.0 / (n_in + n_out))
    return (rng.standard_normal((n_out, n_in)) * std).astype(dtype, copy=False)


def he(n_out: int, n_in: int, rng: np.random.Generator, dtype=np.float64) -> np.ndarray:
    """He-normal weights of shape (n_out, n_in): std ``sqrt(2 / n_in)``."""
    std = np.sqrt(2.0 / n_in)
    return (rng.standard_normal((n_out, n_in)) * std).astype(dtype, copy=False)


INITIALIZERS: dict[str, Callable[..., np.ndarray]] = {
    "zeros": zeros,
    "small_random": small_random,
    "xavier": xavier,
    "he": he,
}


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
    if isinstance(layer_dims, (str, bytes)) or not hasattr(layer_dims, "__len__"):
        raise TypeError(f"layer_dims must be a list of layer sizes like [2, 4, 1], got {type(layer_dims).__name__}")
    if len(layer_dims) < 2:
        raise ValueError(f"layer_dims must list the input size and at least one layer, got {list(layer_dims)}")
    for l, n in enumerate(layer_dims):
        check_positive(n, f"layer_dims[{l}]", integer=True)
    draw = INITIALIZERS[check_choice(initializer, "initializer", INITIALIZERS)]
    dtype = check_float_dtype(dtype)
    rng = check_rng(rng)
    parameters = {}
    for l in range(1, len(layer_dims)):
        n_out, n_in = int(layer_dims[l]), int(layer_dims[l - 1])
        parameters[f"W{l}"] = draw(n_out, n_in, rng, dtype)
        parameters[f"b{l}"] = np.zeros((n_out, 1), dtype=dtype)
    return parameters


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
    sizes = {"input_size": input_size, "hidden_size": hidden_size, "output_size": output_size}
    for name, size in sizes.items():
        check_positive(size, name, integer=True)
    return init_params(list(sizes.values()), "small_random", rng)


def _fan_in_normal(n_out, n_in, rng, gain: float, name: str) -> np.ndarray:
    """``rng.standard_normal((n_out, n_in)) * sqrt(gain / n_in)``, after checking the arguments."""
    check_positive(n_out, "n_out", integer=True)
    check_positive(n_in, "n_in", integer=True)
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            f"{name}: rng must be a numpy Generator, e.g. np.random.default_rng(0), got {type(rng).__name__}"
        )
    return rng.standard_normal((int(n_out), int(n_in))) * np.sqrt(gain / n_in)


def xavier_init(n_out: int, n_in: int, rng: np.random.Generator) -> np.ndarray:
    """One weight matrix with Xavier's fan-in scale: entries N(0, 1 / n_in).

    ``rng.standard_normal((n_out, n_in)) * np.sqrt(1 / n_in)``. With that
    variance, ``Z = W @ A_prev`` has about the variance of ``A_prev``'s
    entries, so a signal keeps its size through layers whose activation is
    about linear near 0 (tanh, and the identity). Glorot and Bengio's
    original also averages in ``n_out`` (see :func:`xavier`).

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
    return _fan_in_normal(n_out, n_in, rng, 1.0, "xavier_init")


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
    return _fan_in_normal(n_out, n_in, rng, 2.0, "he_init")
