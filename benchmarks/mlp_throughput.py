"""One epoch of mini-batch SGD on one MLP: nnlib, PyTorch (CPU), scikit-learn, and the matmul ceiling.

Every system trains the same network on the same data for one epoch:
784-256-128-10, ReLU hidden layers, softmax cross-entropy, plain SGD
(no momentum, no weight penalty), batches of 128 drawn from a fresh shuffle
of 20,000 synthetic examples; every batch costs a forward pass, the loss, a
backward pass and an update. nnlib runs the course's own ``nnlib.training.fit``,
whose step (``nnlib._fast.TrainingStep``) a test holds to the gradients of
``nnlib.deep.forward_prop`` / ``backprop``.

The ceiling is the time the matrix products alone need for that epoch, at
the best rate numpy reaches on each of the workload's own shapes (best
operand memory order, output preallocated, best of many repeats): per layer
``W @ A_prev``, ``dZ @ A_prev.T`` and, from the second layer on,
``W.T @ dZ`` (no system needs the gradient of the input data). A system's
fraction of the ceiling is ``ceiling_time / system_time``.

The floor is a loop that does only what no numpy step can skip: each
batch's gather and the step's matrix products, written into preallocated
arrays (no bias, activation, loss or update). It shows how close to torch
any numpy training step on this machine can come.

The systems, the floor and the ceiling are measured in turn, the order rotating from
round to round, after one warm-up round. A system's figure is its median
over the rounds, so a disturbance on the machine moves a single sample, not
the result; the ceiling's is its best round, so a disturbance cannot lower
it and flatter the fractions. Run with ``make bench``; ``--rounds`` and
``--no-write`` help while experimenting.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
import warnings
from dataclasses import dataclass
from typing import Callable

import numpy as np
from report import blas_libraries, machine_heading, machine_lines, openblas_kernels, write_section

LAYER_DIMS = (784, 256, 128, 10)
BATCH_SIZE = 128
N_EXAMPLES = 20_000
LEARNING_RATE = 0.05
SEED = 0
DTYPES = (np.float32, np.float64)
SYSTEMS = ("nnlib", "torch", "sklearn")
PAUSE = 0.2
"""Seconds of rest before each measurement, so the worker threads that BLAS
and OpenMP keep spinning after a call do not steal the next system's cores."""
MATMUL_REPEATS = 15
TARGETS = "nnlib >= 1.5x PyTorch in float32 and >= 1.1x in float64, side by side in one run"


@dataclass
class Data:
    """The training set, one row per example (nnlib reads the transposed view)."""

    X_rows: np.ndarray  # (m, n_0)
    labels: np.ndarray  # (m,) int64 class indices
    Y_rows: np.ndarray  # (m, K) one-hot, X's dtype


def make_data(dtype) -> Data:
    """Gaussian inputs labelled by a random linear teacher, so there is something to learn."""
    rng = np.random.default_rng(SEED)
    X_rows = rng.standard_normal((N_EXAMPLES, LAYER_DIMS[0]), dtype=dtype)
    teacher = rng.standard_normal((LAYER_DIMS[0], LAYER_DIMS[-1])).astype(dtype)
    labels = np.argmax(X_rows @ teacher, axis=1)
    return Data(X_rows, labels, np.eye(LAYER_DIMS[-1], dtype=dtype)[labels])


# Each prepare_* builds a fresh, untrained network (not timed) and returns the
# epoch to time; the epoch returns the mean training loss it saw.


def prepare_nnlib(data: Data) -> Callable[[], float]:
    from nnlib.initializers import init_params
    from nnlib.training import fit

    parameters = init_params(LAYER_DIMS, "he", np.random.default_rng(SEED), data.X_rows.dtype)
    # Examples as columns, as the course writes them: views of the very memory the others read.
    X, Y = data.X_rows.T, data.Y_rows.T

    def epoch() -> float:
        _, history = fit(
            X,
            Y,
            parameters,
            hidden_activation="relu",
            output_activation="softmax",
            optimizer="gd",
            learning_rate=LEARNING_RATE,
            epochs=1,
            batch_size=BATCH_SIZE,
            metrics=(),
            rng=np.random.default_rng(SEED),
            progress="none",
        )
        return history["loss"][-1]

    return epoch


def prepare_torch(data: Data) -> Callable[[], float]:
    import torch
    from torch import nn

    torch.manual_seed(SEED)
    layers: list[nn.Module] = []
    for n_in, n_out in zip(LAYER_DIMS[:-1], LAYER_DIMS[1:]):
        layers += [nn.Linear(n_in, n_out), nn.ReLU()]
    model = nn.Sequential(*layers[:-1]).to(torch.from_numpy(data.X_rows[:1]).dtype)
    optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE, momentum=0.0)
    loss_function = nn.CrossEntropyLoss()
    X, labels = torch.from_numpy(data.X_rows), torch.from_numpy(data.labels)
    generator = torch.Generator().manual_seed(SEED)
    m = X.shape[0]

    def epoch() -> float:
        total = 0.0
        order = torch.randperm(m, generator=generator)
        for start in range(0, m, BATCH_SIZE):
            batch = order[start : start + BATCH_SIZE]
            optimizer.zero_grad(set_to_none=True)
            loss = loss_function(model(X[batch]), labels[batch])
            loss.backward()
            optimizer.step()
            total += loss.item() * len(batch)
        return total / m

    return epoch


def prepare_sklearn(data: Data) -> Callable[[], float]:
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    network = MLPClassifier(
        hidden_layer_sizes=LAYER_DIMS[1:-1],
        activation="relu",
        solver="sgd",
        alpha=0.0,
        batch_size=BATCH_SIZE,
        learning_rate="constant",
        learning_rate_init=LEARNING_RATE,
        momentum=0.0,
        nesterovs_momentum=False,
        max_iter=1,
        shuffle=True,
        random_state=SEED,
    )

    def epoch() -> float:
        # One epoch is the point, so its "did not converge" warning says nothing here.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            network.fit(data.X_rows, data.labels)
        return float(network.loss_)

    return epoch


def prepare_floor(data: Data) -> Callable[[], float]:
    """The floor: every batch gathered as nnlib gathers it, then the step's products and nothing else."""
    rng = np.random.default_rng(SEED)
    dtype = data.X_rows.dtype
    weights = [rng.standard_normal((n, n_prev)).astype(dtype) for n_prev, n in zip(LAYER_DIMS[:-1], LAYER_DIMS[1:])]
    buffers = {}

    def arrays(batch: int) -> tuple[list, list, list]:
        """Preallocated outputs for one batch size: every layer's Z and dW, every layer's dA but the input's."""
        if batch not in buffers:
            Z = [np.empty((W.shape[0], batch), dtype) for W in weights]
            buffers[batch] = (Z, [np.empty_like(W) for W in weights], [np.empty_like(z) for z in Z[:-1]])
        return buffers[batch]

    def epoch() -> float:
        order = rng.permutation(N_EXAMPLES)
        for start in range(0, N_EXAMPLES, BATCH_SIZE):
            X = data.X_rows[order[start : start + BATCH_SIZE]].T
            Z, dW, dA = arrays(X.shape[1])
            inputs = [X, *Z[:-1]]
            for W, A, out in zip(weights, inputs, Z):
                np.matmul(W, A, out=out)
            dZ = Z[-1]
            for l in range(len(weights) - 1, -1, -1):
                np.matmul(dZ, inputs[l].T, out=dW[l])
                if l:
                    dZ = np.matmul(weights[l].T, dZ, out=dA[l - 1])
        return float("nan")

    return epoch


PREPARE = {"nnlib": prepare_nnlib, "torch": prepare_torch, "sklearn": prepare_sklearn, "floor": prepare_floor}


def step_matmuls(batch: int, phase: str | None = None) -> list[tuple[int, int, int]]:
    """The matrix products of one training step on ``batch`` examples, as (rows, inner, columns).

    ``phase`` ``"forward"`` or ``"backward"`` keeps only that pass's products.
    """
    products = {"forward": [], "backward": []}
    for l in range(1, len(LAYER_DIMS)):
        n, n_prev = LAYER_DIMS[l], LAYER_DIMS[l - 1]
        products["forward"].append((n, n_prev, batch))  # Z = W @ A_prev
        products["backward"].append((n, batch, n_prev))  # dW = dZ @ A_prev.T
        if l > 1:
            products["backward"].append((n_prev, n, batch))  # dA_prev = W.T @ dZ
    return products[phase] if phase else products["forward"] + products["backward"]


def input_gradient_matmul(batch: int) -> list[tuple[int, int, int]]:
    """The product no system needs: layer 1's ``W.T @ dZ``, the gradient of the data."""
    return [(LAYER_DIMS[0], LAYER_DIMS[1], batch)]


def best_matmul_seconds(rows: int, inner: int, columns: int, dtype, repeats: int = MATMUL_REPEATS) -> float:
    """The fastest numpy product of that shape: best memory order of both operands, best of ``repeats``."""
    rng = np.random.default_rng(SEED)
    out = np.empty((rows, columns), dtype=dtype)
    best = np.inf
    for order_a in "CF":
        for order_b in "CF":
            a = np.asarray(rng.standard_normal((rows, inner)), dtype=dtype, order=order_a)
            b = np.asarray(rng.standard_normal((inner, columns)), dtype=dtype, order=order_b)
            np.matmul(a, b, out=out)
            for _ in range(repeats):
                start = time.perf_counter()
                np.matmul(a, b, out=out)
                best = min(best, time.perf_counter() - start)
    return best


def step_seconds(products: list[tuple[int, int, int]], dtype) -> float:
    """The time of ``products`` at numpy's best rate for each."""
    return sum(best_matmul_seconds(*shape, dtype) for shape in products)


def epoch_seconds(products: Callable[[int], list], dtype) -> float:
    """The time of ``products(batch)`` for every batch of one epoch: full batches, then the remainder."""
    full, remainder = divmod(N_EXAMPLES, BATCH_SIZE)
    seconds = full * step_seconds(products(BATCH_SIZE), dtype)
    return seconds + (step_seconds(products(remainder), dtype) if remainder else 0.0)


def ceiling_seconds(dtype) -> float:
    """The matmul time of one epoch: the ceiling."""
    return epoch_seconds(step_matmuls, dtype)


def measure(rounds: int) -> tuple[dict, dict]:
    """Seconds per epoch for every (dtype, system, "floor" or "ceiling"), one sample per round; and the losses."""
    seconds: dict[tuple[str, str], list[float]] = {}
    losses: dict[tuple[str, str], float] = {}
    data = {np.dtype(dtype).name: make_data(dtype) for dtype in DTYPES}
    entries = [*SYSTEMS, "floor", "ceiling"]
    for round_ in range(rounds + 1):  # round 0 warms up and is not kept
        shift = round_ % len(entries)
        this_round = []
        for dtype_name, dataset in data.items():
            for entry in entries[shift:] + entries[:shift]:
                time.sleep(PAUSE)
                if entry == "ceiling":
                    sample = ceiling_seconds(dataset.X_rows.dtype)
                else:
                    epoch = PREPARE[entry](dataset)
                    start = time.perf_counter()
                    loss = epoch()
                    sample = time.perf_counter() - start
                    losses[dtype_name, entry] = loss
                if round_:
                    seconds.setdefault((dtype_name, entry), []).append(sample)
                this_round.append(f"{dtype_name} {entry} {sample * 1e3:.0f}")
        print(f"round {round_}/{rounds} (ms): " + ", ".join(this_round), file=sys.stderr)
    return seconds, losses


def typical(entry: str, samples: list[float]) -> float:
    """The figure reported for ``samples``: the median for a system, the best for the ceiling.

    The ceiling is the best the machine did, so a round slowed by a busy neighbour must not
    lower it (and flatter every fraction); a system's median keeps such a round from moving it.
    """
    return min(samples) if entry == "ceiling" else statistics.median(samples)


def summarise(seconds: dict) -> dict:
    """Typical seconds, samples/s and fraction of the ceiling for every (dtype, system)."""
    summary = {}
    for (dtype_name, entry), samples in seconds.items():
        figure = typical(entry, samples)
        ceiling = typical("ceiling", seconds[dtype_name, "ceiling"])
        summary[dtype_name, entry] = {
            "seconds": figure,
            "low": min(samples),
            "high": max(samples),
            "rate": N_EXAMPLES / figure,
            "fraction": ceiling / figure,
        }
    return summary


def ratio(summary: dict, dtype_name: str, a: str, b: str) -> float:
    return summary[dtype_name, a]["rate"] / summary[dtype_name, b]["rate"]


def table(summary: dict, losses: dict) -> str:
    lines = [
        "| dtype | system | samples/s | epoch ms: median (min-max); ceiling: best | of matmul ceiling | "
        "loss after the epoch |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for dtype in DTYPES:
        name = np.dtype(dtype).name
        for entry in (*SYSTEMS, "floor", "ceiling"):
            row = summary[name, entry]
            loss = f"{losses[name, entry]:.3f}" if entry in SYSTEMS else "-"
            lines.append(
                f"| {name} | {entry} | {row['rate']:,.0f} | {row['seconds'] * 1e3:.1f} "
                f"({row['low'] * 1e3:.1f}-{row['high'] * 1e3:.1f}) | {row['fraction']:.0%} | {loss} |"
            )
    lines.append("")
    for dtype in DTYPES:
        name = np.dtype(dtype).name
        lines.append(
            f"- {name}: nnlib/torch = {ratio(summary, name, 'nnlib', 'torch'):.2f}, "
            f"nnlib/sklearn = {ratio(summary, name, 'nnlib', 'sklearn'):.2f}, "
            f"torch/sklearn = {ratio(summary, name, 'torch', 'sklearn'):.2f}"
        )
    return "\n".join(lines)


def last_line(summary: dict) -> str:
    return (
        f"nnlib/torch={ratio(summary, 'float32', 'nnlib', 'torch'):.2f} "
        f"nnlib/sklearn={ratio(summary, 'float32', 'nnlib', 'sklearn'):.2f} "
        f"gemm_fraction={summary['float32', 'nnlib']['fraction']:.2f} "
        f"f64_nnlib/torch={ratio(summary, 'float64', 'nnlib', 'torch'):.2f}"
    )


def input_gradient_note(summary: dict, unneeded: dict) -> str:
    """What the ceiling would be if it also counted layer 1's ``W.T @ dZ``, which no system computes."""
    parts = []
    for name, extra in unneeded.items():
        ceiling = summary[name, "ceiling"]["seconds"] + extra
        parts.append(
            f"{name} +{extra * 1e3:.1f} ms (nnlib's fraction would read "
            f"{ceiling / summary[name, 'nnlib']['seconds']:.0%})"
        )
    return (
        "The ceiling leaves out layer 1's `W.T @ dZ` (the gradient of the input data), which "
        "no system computes; counting it anyway would add " + "; ".join(parts) + "."
    )


def floor_note(summary: dict) -> str:
    """How close to torch the floor comes, and how much of nnlib's epoch it takes."""
    parts = []
    for dtype in DTYPES:
        name = np.dtype(dtype).name
        share = summary[name, "floor"]["seconds"] / summary[name, "nnlib"]["seconds"]
        parts.append(
            f"{name}: floor/torch = {ratio(summary, name, 'floor', 'torch'):.2f}, {share:.0%} of nnlib's epoch"
        )
    return (
        "The floor (every batch's gather and the step's matrix products, nothing else) bounds any numpy "
        "training step on this machine: " + "; ".join(parts) + "."
    )


def section(summary: dict, losses: dict, rounds: int, unneeded: dict) -> str:
    full, remainder = divmod(N_EXAMPLES, BATCH_SIZE)
    return "\n".join(
        [
            f"## MLP training throughput (`benchmarks/mlp_throughput.py`): {machine_heading()}",
            "",
            f"One epoch of plain mini-batch SGD: {'-'.join(map(str, LAYER_DIMS))}, ReLU, softmax "
            f"cross-entropy, batch {BATCH_SIZE}, {N_EXAMPLES:,} synthetic examples "
            f"({full} batches of {BATCH_SIZE} and one of {remainder}), learning rate {LEARNING_RATE}. "
            f"Median of {rounds} interleaved rounds after a warm-up round. "
            "Floor: the same loop with only the batch gathers and the matrix products, the median. "
            "Ceiling: the epoch's matrix products alone at numpy's best rate for each shape, "
            "the best of the rounds.",
            "",
            *machine_lines(["numpy", "torch", "scikit-learn", "scipy", "threadpoolctl"]),
            "- BLAS / thread pools: " + "; ".join(blas_libraries()),
            "- OpenBLAS kernel: " + "; ".join(openblas_kernels()),
            f"- torch: {_torch_details()}",
            "",
            table(summary, losses),
            "",
            input_gradient_note(summary, unneeded),
            "",
            floor_note(summary),
            "",
            f"Targets: {TARGETS}.",
            "",
            "```",
            last_line(summary),
            "```",
        ]
    )


def _torch_details() -> str:
    """torch's thread count and the BLAS it was built with (threadpoolctl cannot see a static MKL)."""
    import torch

    blas = re.search(r"BLAS_INFO=(\w+)", torch.__config__.show())
    return f"{torch.get_num_threads()} threads, BLAS {blas.group(1) if blas else 'unknown'}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9, help="measured rounds (default 9)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    args = parser.parse_args(argv)

    import torch

    torch.set_num_threads(os.cpu_count())
    print("OpenBLAS kernel: " + "; ".join(openblas_kernels()), flush=True)
    seconds, losses = measure(args.rounds)
    summary = summarise(seconds)
    unneeded = {np.dtype(dtype).name: epoch_seconds(input_gradient_matmul, dtype) for dtype in DTYPES}
    markdown = section(summary, losses, args.rounds, unneeded)
    if not args.no_write:
        write_section("mlp_throughput", markdown)
    print(table(summary, losses))
    print(last_line(summary))


if __name__ == "__main__":
    main()
