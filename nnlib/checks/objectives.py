"""Functions of no arguments for `numerical_gradient`'s tests, rebuilt from plain data.

`numerical_gradient(f, x)` needs a callable ``f`` that reads the very array
``x`` it is given. A check cannot pass such a pair as plain data, so each
pair is built here, by name, from plain data: another process (a grader)
can rebuild exactly the same ``(f, x)`` from the same name and arrays.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from nnlib import shallow

__all__ = ["OBJECTIVES", "objective"]


def _weighted_squares(x: np.ndarray, weights: np.ndarray) -> tuple[Callable[[], float], np.ndarray]:
    """f = Σ w·x², whose gradient is 2 w x."""
    return lambda: float(np.sum(weights * x**2)), x


def _sum_of_sines(x: np.ndarray) -> tuple[Callable[[], float], np.ndarray]:
    """f = Σ sin(x), whose gradient is cos(x)."""
    return lambda: float(np.sum(np.sin(x))), x


def _sum_of_cubes(x: np.ndarray) -> tuple[Callable[[], float], np.ndarray]:
    """f = Σ x³, whose gradient is 3 x² (a centred difference adds exactly eps²)."""
    return lambda: float(np.sum(x**3)), x


def _network_cost(X: np.ndarray, Y: np.ndarray, parameters: dict, key: str) -> tuple[Callable[[], float], np.ndarray]:
    """The part-1 network's cost, with respect to ``parameters[key]`` (the array inside the dict)."""
    return lambda: shallow.compute_cost(shallow.forward_propagation(X, parameters)[0], Y), parameters[key]


#: name -> builder taking plain data and returning ``(f, x)``, where ``f()`` reads ``x``.
OBJECTIVES: dict[str, Callable[..., tuple[Callable[[], float], np.ndarray]]] = {
    "weighted squares": _weighted_squares,
    "sum of sines": _sum_of_sines,
    "sum of cubes": _sum_of_cubes,
    "network cost": _network_cost,
}


def objective(name: str, **data) -> tuple[Callable[[], float], np.ndarray]:
    """``(f, x)`` for the objective called ``name``, built from the arrays in ``data`` (copied first).

    Parameters
    ----------
    name : str
        One of :data:`OBJECTIVES`.
    **data : arrays, dicts of arrays, str
        The objective's data, e.g. ``x=array`` or ``X=..., Y=..., parameters=..., key="W1"``.

    Returns
    -------
    f : callable with no arguments returning a float
    x : float array that ``f`` reads: nudging it changes ``f()``
    """
    if name not in OBJECTIVES:
        raise ValueError(f"unknown objective {name!r}; known: {', '.join(OBJECTIVES)}")
    copied = {
        key: (
            {k: np.array(v) for k, v in value.items()}
            if isinstance(value, dict)
            else np.array(value)
            if isinstance(value, np.ndarray)
            else value
        )
        for key, value in data.items()
    }
    return OBJECTIVES[name](**copied)
