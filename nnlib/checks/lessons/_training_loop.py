"""What every training loop must do, checked once for part 1's `nn_model` and part 2's `model`.

A training loop returns ``(parameters, costs)``: the trained parameters, shaped by the network's
sizes, and the cost recorded every ``record_every`` iterations. It uses the learning rate it is
given, and the same ``rng`` seed gives the same run (that the cost goes down and the network learns
is :func:`~nnlib.checks.expect.expect_cost_went_down` and :func:`~nnlib.checks.expect.expect_accuracy`).
Those properties explain what is wrong; last, a loop that follows the lesson's convention must give the
reference's whole trajectory from the same seed (:func:`expect_reference_trajectory`), which no
property alone pins down (a loop whose costs and parameters are all 1.5 times too large has them all).
Each exercise calls the learner's function with its own arguments and checks these properties in its
own order; a :class:`TrainingLoop` holds what the two exercises say differently.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from nnlib.checks.diagnose import describe, index_text, number_text
from nnlib.checks.expect import Failure, expect_dict, expect_sequence

__all__ = [
    "TrainingLoop",
    "trained",
    "returned_pair",
    "expect_trained_shapes",
    "recorded_costs",
    "expect_learning_rate_used",
    "expect_same_run",
    "expect_reference_trajectory",
]

#: At most this many costs are shown in a message; more show as the first and the last.
_COSTS_SHOWN = 10


@dataclass(frozen=True)
class TrainingLoop:
    """What a training-loop exercise expects and says where `nn_model` and `model` differ.

    Attributes
    ----------
    record_every : int
        The loop records the cost when ``i % record_every == 0``.
    recording_cause : str
        The hint when ``costs`` holds the wrong number of values.
    shape_cause : str
        The hint when a trained parameter has the wrong shape.
    update : str
        The name of the update function the loop calls, e.g. ``"update_parameters"``.
    rng_cause : str
        The hint when the same seed gave a different run.
    known_intervals : Mapping[int, str]
        Recording intervals learners bring from elsewhere, each with its hint, e.g.
        ``{100: "part 1 kept every 100th cost; ..."}``.
    """

    record_every: int
    recording_cause: str
    shape_cause: str
    update: str
    rng_cause: str
    known_intervals: Mapping[int, str] = field(default_factory=dict)


def trained(
    output, loop: TrainingLoop, *, keys: Sequence[str], shapes: Mapping[str, tuple[int, ...]], num_iterations: int
) -> tuple[Mapping, list[float]]:
    """The parameters and costs of one training run, checked.

    Parameters
    ----------
    output
        What the learner's function returned for a run of ``num_iterations``.
    loop : TrainingLoop
        The exercise.
    keys : sequence of str
        Every parameter's name, e.g. ``("W1", "b1", "W2", "b2")``.
    shapes : mapping of str to tuple
        The shapes the trained parameters must have (all of them, or the ones worth checking).

    Returns
    -------
    parameters : dict
        The trained parameters, holding every one of ``keys``.
    costs : list of float
        One cost per ``loop.record_every`` iterations.
    """
    parameters, costs = returned_pair(output)
    parameters = expect_dict(parameters, keys, "parameters")
    expect_trained_shapes(parameters, shapes, cause=loop.shape_cause)
    return parameters, recorded_costs(costs, num_iterations, loop)


def returned_pair(output) -> Sequence:
    """``output`` (what the learner's function returned), checked to be a pair ``(parameters, costs)``."""
    return expect_sequence(output, ("parameters", "costs"), "(parameters, costs)")


def expect_trained_shapes(
    parameters: Mapping, shapes: Mapping[str, tuple[int, ...]], *, cause: str, when: str = ""
) -> None:
    """Raise :class:`Failure` unless every ``parameters[key]`` is an array of shape ``shapes[key]``.

    ``cause`` is the hint; ``when``, if given, opens the message, e.g. ``"with two output rows in `Y`, "``.
    """
    for key, shape in shapes.items():
        if not isinstance(parameters[key], np.ndarray) or parameters[key].shape != shape:
            raise Failure(
                f"{when}the trained `{key}` must have shape {shape}",
                received=describe(parameters[key]),
                cause=cause,
            )


def recorded_costs(costs, num_iterations: int, loop: TrainingLoop) -> list[float]:
    """``costs`` (as returned by a run of ``num_iterations``) as a list of floats.

    Raises :class:`Failure` unless it holds one number per ``loop.record_every`` iterations.
    """
    count = len(range(0, num_iterations, loop.record_every))
    try:
        values = np.asarray(costs, dtype=float)
    except (TypeError, ValueError):
        values = None
    if values is None or values.ndim != 1 or values.size != count:
        which = (
            "one per iteration"
            if loop.record_every == 1
            else f"the cost at iterations 0, {loop.record_every}, …, {loop.record_every * (count - 1)}"
        )
        raise Failure(
            f"with num_iterations = {num_iterations}, `costs` must hold {count} numbers, {which}",
            received=f"a list of {len(costs)} items" if isinstance(costs, list) else describe(costs),
            cause=_recording_cause(costs, num_iterations, loop),
        )
    return [float(value) for value in values]


def _recording_cause(costs, num_iterations: int, loop: TrainingLoop) -> str:
    """The hint for a ``costs`` of the wrong length: a known interval's, when its length fits one."""
    for interval, cause in loop.known_intervals.items():
        if isinstance(costs, list) and len(costs) == len(range(0, num_iterations, interval)):
            return cause
    return loop.recording_cause


def expect_learning_rate_used(
    costs: Sequence[float], learning_rate: str, *, tolerance: float, loop: TrainingLoop
) -> None:
    """Raise :class:`Failure` when a run with a tiny learning rate still lowered the cost by more than ``tolerance``.

    ``costs`` are the run's recorded costs; ``learning_rate`` is its learning rate as the test names it
    (``"1e-5"``).
    """
    if costs[0] - costs[-1] > tolerance:
        raise Failure(
            f"with learning_rate = {learning_rate} the cost still fell fast, as if the learning rate were ignored",
            received=_costs_text(costs),
            cause=f"pass `learning_rate` on to `{loop.update}` (not a fixed number)",
        )


def expect_same_run(first, second, loop: TrainingLoop) -> None:
    """Raise :class:`Failure` unless two runs given the same ``rng`` seed agree.

    ``first`` and ``second`` are what the two runs gave: their trained parameters (dicts of arrays with
    the same keys), which must be equal, or their costs (lists of floats), which must agree to a
    relative 1e-10.
    """
    if isinstance(first, Mapping):
        if not all(np.array_equal(first[key], second[key]) for key in first):
            raise Failure("the same `rng` seed gave two different networks", cause=loop.rng_cause)
    elif not np.allclose(first, second, rtol=1e-10, atol=0.0):
        raise Failure(
            "the same `rng` seed gave a different training run",
            received=f"costs[0] = {first[0]:.6g}, then {second[0]:.6g}",
            cause=loop.rng_cause,
        )


def expect_reference_trajectory(
    output, expected, *, case: str, rtol: float = 1e-5, atol: float = 1e-8, loop: TrainingLoop
) -> None:
    """Raise :class:`Failure` unless a run's ``output`` ``(parameters, costs)`` is the reference's ``expected``.

    Both runs started from the same ``rng`` seed, on the same arguments (``case`` names them): the same
    costs, one by one, and the same trained parameters, to ``rtol`` and ``atol`` (different but equivalent
    formulas round differently).
    """
    parameters, costs = returned_pair(output)
    expected_parameters, expected_costs = expected
    received = recorded_costs(costs, len(expected_costs) * loop.record_every, loop)
    far = ~np.isclose(received, expected_costs, rtol=rtol, atol=atol)
    if far.any():
        i = int(np.argmax(far))
        raise Failure(
            f"the same seed gave a different training run from the course's: `costs[{i}]` differs",
            test=case,
            expected=f"costs[{i}] = {expected_costs[i]:.6g}" + (f" (costs[0] = {expected_costs[0]:.6g})" if i else ""),
            received=f"costs[{i}] = {received[i]:.6g}" + (f" (costs[0] = {received[0]:.6g})" if i else ""),
            diagnosable=False,
        )
    for key, value in expected_parameters.items():
        received_value = np.asarray(parameters[key], dtype=float)
        if not np.allclose(received_value, value, rtol=rtol, atol=atol):
            index = np.unravel_index(np.argmax(np.abs(received_value - value)), value.shape)
            raise Failure(
                f"the same seed gave the course's costs, but the trained `{key}` differs from the course's",
                test=case,
                expected=f"{key}{index_text(index)} = {number_text(value[index])}   (the entry furthest off)",
                received=f"{key}{index_text(index)} = {number_text(received_value[index])}",
                diagnosable=False,
            )


def _costs_text(costs: Sequence[float]) -> str:
    """A few costs as a message shows them: all of them, or the first and the last of many."""
    if len(costs) <= _COSTS_SHOWN:
        return f"costs = {[round(cost, 4) for cost in costs]}"
    return f"costs[0] = {costs[0]:.4g}, costs[-1] = {costs[-1]:.4g}"
