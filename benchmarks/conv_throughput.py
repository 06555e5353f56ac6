"""nnlib's vectorised convolutional layer, forward + backward, next to PyTorch's conv2d with autograd.

One step of one layer on a batch of 128 images of 8 channels, 16×16 pixels, with 16 filters
3×3, zero padding 1 (the output keeps 16×16), stride 1, in float32 and float64:

- **nnlib**: ``nnlib._fast_conv.conv_forward`` then ``conv_backward`` on a fixed upstream
  gradient ``dZ``: the layer the course's CNN trains with (windows from ``sliding_window_view``
  copied into one matrix, matrix products image by image forward and backward), held by
  ``tests/test_fast_conv.py`` to the lesson's loops. It returns ``dA_prev``, ``dW`` and ``db``.
- **torch**: ``torch.nn.functional.conv2d`` on an input that requires its gradient, then
  ``Z.backward(dZ)``: the same three gradients (``A.grad``, ``W.grad``, ``b.grad``), on the CPU
  with ``torch.set_num_threads(os.cpu_count())``.

Both compute the same numbers (checked before timing, up to the conventions: nnlib averages
``dW`` and ``db`` over the examples, torch sums). A step is timed ``STEPS`` times in a row; the
systems take turns, the order rotating, over the rounds after a warm-up round; each figure is the
median over the rounds of a round's best step. The last line, ``conv/torch=R f64_conv/torch=R64``,
gives nnlib's steps per second over torch's (above 1: nnlib is faster).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

import numpy as np
from report import blas_libraries, machine_heading, machine_lines, openblas_kernels, write_section

BATCH = (128, 8, 16, 16)
FILTERS = (16, 8, 3, 3)
PAD = 1
STEPS = 10
SEED = 0
DTYPES = (np.float32, np.float64)
SYSTEMS = ("nnlib", "torch")
PAUSE = 0.2
TARGET = "nnlib >= 0.5x PyTorch in float32 (within 2x), side by side in one run"


def make_inputs(dtype) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(SEED)
    A = rng.standard_normal(BATCH).astype(dtype)
    W = (rng.standard_normal(FILTERS) * 0.1).astype(dtype)
    b = rng.standard_normal((FILTERS[0], 1, 1)).astype(dtype)
    dZ = rng.standard_normal((BATCH[0], FILTERS[0], BATCH[2], BATCH[3])).astype(dtype)
    return A, W, b, dZ


def prepare_nnlib(A, W, b, dZ):
    from nnlib import _fast_conv

    def step():
        _, cache = _fast_conv.conv_forward(A, W, b, PAD)
        return _fast_conv.conv_backward(dZ, cache)

    return step


def prepare_torch(A, W, b, dZ):
    import torch
    import torch.nn.functional as F

    A_t = torch.from_numpy(A).requires_grad_(True)
    W_t = torch.from_numpy(W.copy()).requires_grad_(True)
    b_t = torch.from_numpy(b.reshape(-1).copy()).requires_grad_(True)
    dZ_t = torch.from_numpy(dZ)

    def step():
        for tensor in (A_t, W_t, b_t):
            tensor.grad = None
        F.conv2d(A_t, W_t, b_t, padding=PAD).backward(dZ_t)
        return A_t.grad.numpy(), W_t.grad.numpy(), b_t.grad.numpy()

    return step


PREPARE = {"nnlib": prepare_nnlib, "torch": prepare_torch}


def check_agreement(inputs) -> float:
    """The largest relative difference between nnlib's and torch's gradients (torch's dW, db divided by m)."""
    m = BATCH[0]
    dA, dW, db = PREPARE["nnlib"](*inputs)()
    dA_t, dW_t, db_t = PREPARE["torch"](*inputs)()
    worst = 0.0
    for ours, theirs in ((dA, dA_t), (dW, dW_t / m), (db.reshape(-1), db_t / m)):
        worst = max(worst, float(np.abs(ours - theirs).max() / np.abs(theirs).max()))
    return worst


def best_step(step) -> float:
    best = np.inf
    for _ in range(STEPS):
        start = time.perf_counter()
        step()
        best = min(best, time.perf_counter() - start)
    return best


def measure(rounds: int) -> dict:
    """Seconds of a step for every (dtype, system), one sample (a round's best) per round."""
    seconds: dict[tuple[str, str], list[float]] = {}
    prepared = {
        (np.dtype(dtype).name, system): PREPARE[system](*make_inputs(dtype)) for dtype in DTYPES for system in SYSTEMS
    }
    entries = list(prepared)
    for round_ in range(rounds + 1):  # round 0 warms up and is not kept
        shift = round_ % len(entries)
        this_round = []
        for entry in entries[shift:] + entries[:shift]:
            time.sleep(PAUSE)
            sample = best_step(prepared[entry])
            if round_:
                seconds.setdefault(entry, []).append(sample)
            this_round.append(f"{entry[0]} {entry[1]} {sample * 1e3:.2f}")
        print(f"round {round_}/{rounds} (ms): " + ", ".join(this_round), file=sys.stderr)
    return seconds


def ratio(seconds: dict, dtype_name: str) -> float:
    """nnlib's steps per second over torch's."""
    return statistics.median(seconds[dtype_name, "torch"]) / statistics.median(seconds[dtype_name, "nnlib"])


def table(seconds: dict) -> str:
    lines = ["| dtype | system | ms per step: median (min-max) | images per s |", "|---|---|---:|---:|"]
    for dtype in DTYPES:
        name = np.dtype(dtype).name
        for system in SYSTEMS:
            samples = seconds[name, system]
            median = statistics.median(samples)
            lines.append(
                f"| {name} | {system} | {median * 1e3:.2f} ({min(samples) * 1e3:.2f}-{max(samples) * 1e3:.2f}) | "
                f"{BATCH[0] / median:,.0f} |"
            )
    return "\n".join(lines)


def last_line(seconds: dict) -> str:
    return f"conv/torch={ratio(seconds, 'float32'):.2f} f64_conv/torch={ratio(seconds, 'float64'):.2f}"


def section(seconds: dict, rounds: int, agreement: dict) -> str:
    import torch

    return "\n".join(
        [
            f"## Convolutional layer, forward + backward (`benchmarks/conv_throughput.py`): {machine_heading()}",
            "",
            f"One step of one layer: images {BATCH} (m, C, H, W), filters {FILTERS} (F, C, kh, kw), zero padding "
            f"{PAD}, stride 1; forward, then the gradients of the images, the filters and the biases from a fixed "
            "upstream gradient. nnlib: `nnlib._fast_conv` (images padded channels last, windows from "
            "`sliding_window_view` copied into one matrix with a column of 1s for the bias; products image by image, "
            "small enough for OpenBLAS to run on the calling thread: `Z`, then `dW` and `db` together, then "
            "`dA_prev` a cache-sized group of images at a time, added back by shifted slices of a flat grid of the "
            "images); torch: `F.conv2d` with autograd, the input requiring its gradient. "
            f"The systems take turns, order rotating; a sample is the best of {STEPS} steps in a row, "
            f"the figure the median of {rounds} "
            "rounds after a warm-up round.",
            "",
            *machine_lines(["numpy", "torch", "threadpoolctl"]),
            "- BLAS / thread pools: " + "; ".join(blas_libraries()),
            "- OpenBLAS kernel: " + "; ".join(openblas_kernels()),
            f"- torch: {torch.get_num_threads()} threads, mkldnn {torch.backends.mkldnn.is_available()}",
            "- largest relative difference between the two systems' gradients: "
            + ", ".join(f"{name} {value:.1e}" for name, value in agreement.items()),
            "",
            table(seconds),
            "",
            f"Target: {TARGET}.",
            "",
            "```",
            last_line(seconds),
            "```",
        ]
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9, help="measured rounds (default 9)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    args = parser.parse_args(argv)

    import torch

    torch.set_num_threads(os.cpu_count())
    print("OpenBLAS kernel: " + "; ".join(openblas_kernels()), flush=True)
    agreement = {np.dtype(dtype).name: check_agreement(make_inputs(dtype)) for dtype in DTYPES}
    seconds = measure(args.rounds)
    if not args.no_write:
        write_section("conv_throughput", section(seconds, args.rounds, agreement))
    print(table(seconds))
    print(last_line(seconds))


if __name__ == "__main__":
    main()
