"""Where nnlib's training step spends its time, phase by phase, on the mlp_throughput workload.

Two measurements, both written to their section of ``RESULTS.md``:

1. nnlib's step the way ``nnlib.training.fit`` runs it (gather a mini-batch,
   forward and backward in ``nnlib._fast.TrainingStep``, which a test holds to
   ``forward_prop`` / ``backprop``'s gradients, then the optimizer's step),
   each phase timed on its own, median over the full batches of a few epochs;
   beside each phase, the time its matrix products take at numpy's best rate
   (as in the ceiling).
2. Whole epochs of nnlib, of a *numpy yardstick* and the ceiling, interleaved.
   The yardstick is the same training written as leanly as we know with numpy
   alone: no argument checks, no caches, in place wherever possible. It is not
   a competitor; it tells how much of the distance to the ceiling numpy itself
   sets (its elementwise work, the gathers, a call per operation), and how much
   is nnlib's own (checks, readable structure).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

import numpy as np
from mlp_throughput import (
    BATCH_SIZE,
    DTYPES,
    LAYER_DIMS,
    LEARNING_RATE,
    PAUSE,
    SEED,
    Data,
    ceiling_seconds,
    make_data,
    prepare_nnlib,
    step_matmuls,
    step_seconds,
    typical,
)
from report import write_section

EPOCHS = 3
PHASES = ("gather", "forward and backward", "optimizer step")


def phase_times(data: Data) -> dict[str, float]:
    """Median seconds per full mini-batch of each phase of nnlib's step."""
    from nnlib._fast import TrainingStep
    from nnlib.initializers import init_params
    from nnlib.optimizers import GradientDescent, mini_batch_indices

    parameters = init_params(LAYER_DIMS, "he", np.random.default_rng(SEED), data.X_rows.dtype)
    optimizer = GradientDescent(LEARNING_RATE)
    step = TrainingStep(parameters, "relu", "softmax", "categorical_cross_entropy")
    rng = np.random.default_rng(SEED)
    samples: dict[str, list[float]] = {phase: [] for phase in PHASES}
    for epoch in range(EPOCHS + 1):  # epoch 0 warms up
        for idx in mini_batch_indices(len(data.X_rows), BATCH_SIZE, rng):
            clock = [time.perf_counter()]
            X_batch, Y_batch = data.X_rows[idx].T, data.Y_rows[idx].T
            clock.append(time.perf_counter())
            _, grads = step(X_batch, Y_batch)
            clock.append(time.perf_counter())
            optimizer.step(parameters, grads)
            clock.append(time.perf_counter())
            if epoch and len(idx) == BATCH_SIZE:
                for phase, start, end in zip(PHASES, clock, clock[1:]):
                    samples[phase].append(end - start)
    return {phase: statistics.median(values) for phase, values in samples.items()}


def prepare_numpy_yardstick(data: Data):
    """One epoch of the same training in lean numpy: the yardstick, not a library."""
    from nnlib.initializers import init_params

    start = init_params(LAYER_DIMS, "he", np.random.default_rng(SEED), data.X_rows.dtype)
    n_layers = len(LAYER_DIMS) - 1

    def epoch() -> float:
        W = [start[f"W{l}"].copy() for l in range(1, n_layers + 1)]
        b = [start[f"b{l}"].copy() for l in range(1, n_layers + 1)]
        m, total = len(data.X_rows), 0.0
        order = np.random.default_rng(SEED).permutation(m)
        for begin in range(0, m, BATCH_SIZE):
            idx = order[begin : begin + BATCH_SIZE]
            A, Y = [data.X_rows[idx].T], data.Y_rows[idx].T
            Z = []
            for l in range(n_layers):
                Z.append(W[l] @ A[l])
                Z[l] += b[l]
                A.append(np.maximum(Z[l], 0) if l < n_layers - 1 else Z[l])
            scores = A[-1]  # softmax in place
            scores -= scores.max(axis=0)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=0)
            total -= float(np.sum(Y * np.log(np.maximum(scores, 1e-30))))
            dZ = scores - Y
            dZ /= len(idx)
            for l in reversed(range(n_layers)):
                dW, db = dZ @ A[l].T, dZ.sum(axis=1, keepdims=True)
                if l:
                    dZ = W[l].T @ dZ
                    dZ *= Z[l - 1] > 0
                dW *= LEARNING_RATE
                W[l] -= dW
                db *= LEARNING_RATE
                b[l] -= db
        return total / m

    return epoch


def epoch_times(data: Data, rounds: int) -> dict[str, float]:
    """Seconds per epoch of nnlib and the yardstick (medians) and the ceiling (best), interleaved."""
    epochs = {"nnlib": prepare_nnlib(data), "numpy yardstick": prepare_numpy_yardstick(data)}
    samples: dict[str, list[float]] = {name: [] for name in [*epochs, "ceiling"]}
    for round_ in range(rounds + 1):  # round 0 warms up
        for name in samples:
            time.sleep(PAUSE)
            if name == "ceiling":
                seconds = ceiling_seconds(data.X_rows.dtype)
            else:
                start = time.perf_counter()
                epochs[name]()
                seconds = time.perf_counter() - start
            if round_:
                samples[name].append(seconds)
    return {name: typical(name, values) for name, values in samples.items()}


def phase_table(dtype_name: str, phases: dict[str, float], matmuls: dict[str, float]) -> list[str]:
    lines = []
    for phase in PHASES:
        spent, needed = phases[phase], matmuls.get(phase, 0.0)
        lines.append(
            f"| {dtype_name} | {phase} | {spent * 1e6:.0f} | {needed * 1e6:.0f} | {(spent - needed) * 1e6:.0f} |"
        )
    spent, needed = sum(phases.values()), sum(matmuls.values())
    lines.append(f"| {dtype_name} | **step** | {spent * 1e6:.0f} | {needed * 1e6:.0f} | {(spent - needed) * 1e6:.0f} |")
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="measured rounds of whole epochs (default 5)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    args = parser.parse_args(argv)

    phase_rows = [
        "| dtype | phase | µs per step | of which matmuls at best | the rest |",
        "|---|---|---:|---:|---:|",
    ]
    epoch_rows = [
        "| dtype | epoch of | ms | of matmul ceiling |",
        "|---|---|---:|---:|",
    ]
    for dtype in DTYPES:
        name = np.dtype(dtype).name
        data = make_data(dtype)
        phases = phase_times(data)
        matmuls = {"forward and backward": step_seconds(step_matmuls(BATCH_SIZE), dtype)}
        phase_rows += phase_table(name, phases, matmuls)
        epochs = epoch_times(data, args.rounds)
        for system, seconds in epochs.items():
            epoch_rows.append(f"| {name} | {system} | {seconds * 1e3:.1f} | {epochs['ceiling'] / seconds:.0%} |")
        print(f"{name} done", file=sys.stderr)

    markdown = "\n".join(
        [
            "## Where nnlib's step goes (`benchmarks/mlp_phases.py`)",
            "",
            f"The same workload, batch {BATCH_SIZE}. Each phase of nnlib's step timed on its own "
            "(median over the full batches of "
            f"{EPOCHS} epochs); beside it, the time of the phase's matrix products at numpy's best rate.",
            "",
            *phase_rows,
            "",
            f"Whole epochs, interleaved, {args.rounds} rounds: nnlib and the same training in lean numpy "
            "(no checks, in place where possible: the yardstick for what numpy itself allows), medians; "
            "the ceiling, best.",
            "",
            *epoch_rows,
        ]
    )
    if not args.no_write:
        write_section("mlp_phases", markdown)
    print(markdown)


if __name__ == "__main__":
    main()
