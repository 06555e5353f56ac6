"""Seeds: where a lesson promises ``rng`` may be "an int or a Generator", the check calls with both.

:func:`expect_seeds_work` calls the learner's function (through a
:class:`~nnlib.checks.trial.Trial`) with the int seed twice and with a
Generator made from that seed, and requires the three results to agree:

- the same int twice: the same result (an int seed is not ignored, and the
  function does not seed a fresh generator of its own);
- ``rng = 7`` and ``rng = np.random.default_rng(7)``: the same result, since
  ``np.random.default_rng(rng)`` turns the one into the other.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np

from nnlib.checks.diagnose import same
from nnlib.checks.expect import Failure

__all__ = ["expect_seeds_work", "same_draws"]


def same_draws(first, second) -> bool:
    """Whether two results of random draws are the same (structure, shapes and values to 1e-12)."""
    return same(first, second, rtol=1e-12, atol=0.0)


def expect_seeds_work(
    trial,
    case: str,
    args: tuple = (),
    kwargs: Mapping | None = None,
    *,
    rng: str = "rng",
    seed: int = 7,
    agree: Callable[[object, object], bool] = same_draws,
):
    """Call the learner's function with ``rng = seed`` twice, then with ``np.random.default_rng(seed)``.

    Parameters
    ----------
    trial : Trial
        The learner's function, to call.
    case : str
        The test's name, e.g. ``"input_size = 3, hidden_size = 4, output_size = 2"``; each call adds
        the seed it was given.
    args, kwargs
        The other arguments, plain data.
    rng : str
        The name of the seed argument, passed by name.
    seed : int
        The int seed.
    agree : callable
        ``agree(first, second)``: whether two outputs are the same draw (default :func:`same_draws`);
        it may raise :class:`Failure` when an output is malformed.

    Returns
    -------
    The output of the call with ``np.random.default_rng(seed)``.
    """
    kwargs = dict(kwargs or {})
    first = trial.call(f"{case}, {rng} = {seed}, an int seed", *args, **kwargs, **{rng: seed})
    second = trial.call(f"{case}, {rng} = {seed} again", *args, **kwargs, **{rng: seed})
    if not agree(first, second):
        raise Failure(
            f"the same int seed `{rng} = {seed}` gave two different results",
            cause=f"turn whatever `{rng}` is into a generator, `{rng} = np.random.default_rng({rng})`, and draw "
            f"only from it: an int seeds a new generator the same way every time",
            diagnosable=False,
        )
    generator = trial.call(
        f"{case}, {rng} = np.random.default_rng({seed})", *args, **kwargs, **{rng: np.random.default_rng(seed)}
    )
    if not agree(first, generator):
        raise Failure(
            f"an int seed `{rng} = {seed}` must give the same result as `{rng} = np.random.default_rng({seed})`",
            cause=f"turn whatever `{rng}` is into a generator with `{rng} = np.random.default_rng({rng})`: it "
            f"seeds a new generator from an int and hands back a generator it is given",
            diagnosable=False,
        )
    return generator
