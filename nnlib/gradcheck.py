"""Gradient checking: compare backprop's gradients with finite differences.

Introduced in: part 1, "backpropagation" (the gradient-check exercise).

For each parameter entry ``theta`` the centred difference
``(J(theta + eps) - J(theta - eps)) / (2 eps)`` approximates ``dJ/dtheta``
with an error of order ``eps**2``. Analytic and numerical gradients are
compared by the relative error ``||a - n|| / (||a|| + ||n||)``. In float64
with ``eps = 1e-6``: below 1e-7 is right; 1e-7 to 1e-3 deserves a look (a
kink such as ReLU's at 0 can cause it); above 1e-3 there is almost surely a
bug. The check costs two cost evaluations per parameter entry, so use it on
small networks, never inside training.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from nnlib._validation import check_grads, check_parameters, check_positive, checked

__all__ = ["numerical_gradient", "relative_error", "GradCheckReport", "gradient_check"]


def _check_nudgeable(arguments: dict) -> None:
    check_positive(arguments["eps"], "eps")
    x = arguments["x"]
    if not isinstance(x, np.ndarray) or x.dtype.kind != "f":
        raise TypeError("x must be a float numpy array that f reads (it is nudged in place)")


@checked(_check_nudgeable)
def numerical_gradient(f: Callable[[], float], x: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """Centred-difference gradient of ``f()`` with respect to the array ``x``.

    ``x`` is nudged in place, one entry at a time, and always restored.

    Parameters
    ----------
    f : callable with no arguments returning a float that depends on ``x``
    x : float array of any shape
    eps : step size

    Returns
    -------
    grad : array of x's shape
    """
    grad = np.zeros(x.shape)
    for index in np.ndindex(x.shape):
        original = x[index]
        try:
            x[index] = original + eps
            plus = f()
            x[index] = original - eps
            minus = f()
        finally:
            x[index] = original
        grad[index] = (plus - minus) / (2 * eps)
    return grad


def relative_error(analytic, numeric) -> float:
    """``||a - n|| / (||a|| + ||n||)``, and 0.0 when both are exactly zero."""
    a, n = np.asarray(analytic, dtype=np.float64), np.asarray(numeric, dtype=np.float64)
    denominator = np.linalg.norm(a) + np.linalg.norm(n)
    if denominator == 0:
        return 0.0
    return float(np.linalg.norm(a - n) / denominator)


@dataclass
class GradCheckReport:
    """The outcome of ``gradient_check``.

    Attributes
    ----------
    relative_error : float, over all parameters together
    per_parameter : dict name -> relative error of that array
    worst : (name, index, analytic, numeric) of the entry with the largest
        absolute difference
    tolerance : the threshold ``passed`` compares against
    """

    relative_error: float
    per_parameter: dict[str, float]
    worst: tuple[str, tuple[int, ...], float, float]
    tolerance: float = 1e-7
    numeric: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    @property
    def passed(self) -> bool:
        return self.relative_error < self.tolerance

    def __repr__(self) -> str:
        verdict = "passed" if self.passed else "FAILED"
        name, index, analytic, numeric = self.worst
        lines = [f"gradient check {verdict}: relative error {self.relative_error:.2e} (tolerance {self.tolerance:.0e})"]
        lines += [f"  d{key:<6} {err:.2e}" for key, err in self.per_parameter.items()]
        lines.append(
            f"  worst entry: d{name}[{', '.join(map(str, index))}] backprop {analytic:.6e} vs numerical {numeric:.6e}"
        )
        return "\n".join(lines)


def gradient_check(
    cost: Callable[[dict], float],
    parameters: dict,
    grads: dict,
    eps: float = 1e-6,
    tolerance: float = 1e-7,
) -> GradCheckReport:
    """Check ``grads`` against finite differences of ``cost(parameters)``.

    Parameters
    ----------
    cost : callable taking a parameters dict and returning the float cost;
        it must be deterministic (e.g. a fixed dropout mask through a
        freshly seeded ``rng`` on every call)
    parameters : dict of float arrays (``W1``, ``b1``, ...); not modified
    grads : dict with a ``"d" + key`` array for every parameter
    eps : finite-difference step
    tolerance : the relative error below which the check passes

    Returns
    -------
    GradCheckReport
    """
    check_parameters(parameters)
    check_grads(parameters, grads)
    work = {key: np.array(value, dtype=np.float64) for key, value in parameters.items()}
    numeric, per_parameter = {}, {}
    worst, worst_gap = None, -1.0
    for key, value in work.items():
        analytic = np.asarray(grads["d" + key], dtype=np.float64)
        numeric[key] = numerical_gradient(lambda: cost(work), value, eps)
        per_parameter[key] = relative_error(analytic, numeric[key])
        gaps = np.abs(analytic - numeric[key])
        index = np.unravel_index(np.argmax(gaps), gaps.shape)
        if gaps[index] > worst_gap:
            worst_gap = gaps[index]
            worst = (key, tuple(int(i) for i in index), float(analytic[index]), float(numeric[key][index]))
    all_analytic = np.concatenate([np.ravel(grads["d" + key]) for key in work])
    all_numeric = np.concatenate([np.ravel(numeric[key]) for key in work])
    return GradCheckReport(relative_error(all_analytic, all_numeric), per_parameter, worst, tolerance, numeric)
