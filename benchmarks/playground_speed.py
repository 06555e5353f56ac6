"""How fast the playground trains and redraws, and how fast it answers a control (kernel time, Agg).

The issue's targets: for a 2-8-8-1 network on 500 points, at least 30
training slices *with* redraw per second of kernel time, and a control
change answered (a new figure in the image widget) in under 0.5 s.

Everything runs in this process as it would in a kernel, without a browser:
``Playground.step()`` trains one slice (``fit`` for one epoch of mini-batches
of 10, validation included), updates the figure, renders it to PNG and puts
the bytes in the ``ipywidgets.Image``. A control change is timed from setting
the widget's ``value`` to the new picture being in the image widget.
The lesson explorers' slider moves are timed the same way.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import machine_lines, write_section  # noqa: E402

from nnlib.visual import explorers  # noqa: E402
from nnlib.visual.playground import Playground  # noqa: E402

SLICES = 150
REPEATS = 3

# Each control and the values it is moved through (every move is one timed change).
CONTROL_MOVES = {
    "learning_rate": [0.1, 0.03],
    "l2": [0.01, 0.0],
    "batch_size": [20, 10],
    "activation": ["relu", "tanh"],
    "n_hidden_layers": [3, 2],
    "units": [16, 8],
    "noise": [0.3, 0.2],
    "dataset": ["spirals", "flower"],
}


def time_call(fn) -> tuple[float, float]:
    """``(wall seconds, CPU seconds of this process)`` of ``fn()``."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def slice_rates(show_units: bool) -> dict:
    """Slices with redraw per second (median of REPEATS runs of SLICES slices), and the parts of one slice."""
    rates, cpu_rates = [], []
    for _ in range(REPEATS):
        pg = Playground()
        pg.show_units.value = show_units
        pg.train(5)  # warm-up: first full renders, caches
        wall, cpu = time_call(lambda pg=pg: [pg.step() for _ in range(SLICES)])
        rates.append(SLICES / wall)
        cpu_rates.append(SLICES / cpu)
    pg = Playground()
    parts = {"train": [], "figure": [], "png": []}
    for _ in range(100):
        parts["train"].append(time_call(pg.session.train_slice)[0])
        parts["figure"].append(time_call(lambda: pg.view.update(pg.session))[0])
        parts["png"].append(time_call(pg.view.png)[0])
    return {
        "rate": statistics.median(rates),
        "rate_min": min(rates),
        "cpu_rate": statistics.median(cpu_rates),
        "parts_ms": {name: 1e3 * statistics.median(values) for name, values in parts.items()},
        "full_renders": pg.view.blitter.full_renders,
    }


def control_latencies() -> dict[str, list[tuple[float, float]]]:
    """(wall, CPU) seconds from a control's new value to the new picture, every move of CONTROL_MOVES, REPEATS times."""
    latencies = {name: [] for name in CONTROL_MOVES}
    for _ in range(REPEATS):
        pg = Playground()
        pg.train(20)
        for name, values in CONTROL_MOVES.items():
            for value in values:
                before = pg.image.value

                def move(pg=pg, name=name, value=value):
                    pg.controls[name].value = value

                latencies[name].append(time_call(move))
                assert pg.image.value != before or name in ("learning_rate", "l2", "batch_size")
    return latencies


def explorer_latencies() -> dict[str, float]:
    """Median seconds per slider move of each lesson explorer (hidden sizes: first time, then kept)."""
    results = {}
    sigmoid = explorers.sigmoid_explorer()
    results["sigmoid (02): weight"] = [
        time_call(lambda v=v: setattr(sigmoid.controls["w"], "value", v))[0] for v in (2.0, 1.5, 1.0, 0.5, 3.0)
    ]
    rate = explorers.learning_rate_explorer()
    results["learning rate (06): rate"] = [
        time_call(lambda v=v: setattr(rate.controls["learning_rate"], "value", v))[0] for v in (1.5, 0.1, 2.1, 0.5, 1.0)
    ]
    size = explorers.hidden_size_explorer()
    results["hidden size (06), first time: n_h = 1, 2, 3, 5, 10"] = [
        time_call(lambda v=v: setattr(size.controls["hidden_size"], "value", v))[0] for v in (1, 2, 3, 5, 10)
    ]
    results["hidden size (06), kept: n_h = 1, 2, 3, 5, 10"] = [
        time_call(lambda v=v: setattr(size.controls["hidden_size"], "value", v))[0] for v in (1, 2, 3, 5, 10)
    ]
    return results


def section(plain: dict, units: dict, controls: dict, explorer: dict) -> str:
    slowest_wall = max(w for v in controls.values() for w, _ in v)
    slowest_cpu = max(c for v in controls.values() for _, c in v)
    lines = [
        "## Playground speed (`benchmarks/playground_speed.py`)",
        "",
        "The playground's defaults: the flower, 500 points (400 training, 100 validation), 2-8-8-1 tanh, "
        "plain gradient descent, batch 10, one epoch per slice. A slice is `Playground.step()`: one "
        "epoch of `fit` (validation included), the figure updated, rendered to PNG (Agg, 624x320 pixels) "
        "and put in the `ipywidgets.Image`. Everything in one process, as in a kernel, without a browser. "
        f"Median of {REPEATS} runs of {SLICES} slices.",
        "",
        *machine_lines(["numpy", "matplotlib", "ipywidgets", "pillow"]),
        f"- load average when the run ended: {os.getloadavg()[0]:.1f} (1 min) on {os.cpu_count()} cores: "
        "wall-clock rates fall when other work shares the cores; per CPU second is this process's own time",
        "",
        "| what | slices with redraw per second (wall) | per CPU second | slowest run |",
        "|---|---:|---:|---:|",
        f"| boundary + curves | {plain['rate']:.1f} | {plain['cpu_rate']:.1f} | {plain['rate_min']:.1f} |",
        f"| with the hidden units | {units['rate']:.1f} | {units['cpu_rate']:.1f} | {units['rate_min']:.1f} |",
        "",
        "One slice, median ms: "
        + ", ".join(f"{name} {ms:.1f}" for name, ms in plain["parts_ms"].items())
        + " (training one epoch, updating the artists, rendering the frame to PNG). "
        "A frame redraws only the changing artists on a saved background (`nnlib.visual.widgets.Blitter`); "
        f"the whole figure was rendered {plain['full_renders']} times in 100 slices (when the epoch axis doubled).",
        "",
        "Control changes, seconds from the new value to the new picture "
        f"(every move, {REPEATS} times; dataset, noise, layers, units and activation start a new network "
        "or new data):",
        "",
        "| control | wall: median s | wall: slowest s | CPU: median s | CPU: slowest s |",
        "|---|---:|---:|---:|---:|",
        *(
            f"| {name} | {statistics.median(w for w, _ in v):.3f} | {max(w for w, _ in v):.3f} "
            f"| {statistics.median(c for _, c in v):.3f} | {max(c for _, c in v):.3f} |"
            for name, v in controls.items()
        ),
        "",
        "Lesson explorers, seconds per slider move (a full render of the figure each time):",
        "",
        "| explorer: control | median s | slowest s |",
        "|---|---:|---:|",
        *(f"| {name} | {statistics.median(v):.3f} | {max(v):.3f} |" for name, v in explorer.items()),
        "",
        "Targets: >= 30 slices with redraw per second of kernel time: "
        f"{'met' if plain['cpu_rate'] >= 30 else 'NOT met'} ({plain['cpu_rate']:.1f} per CPU second, "
        f"{plain['rate']:.1f} per wall second); every control answered in < 0.5 s: "
        f"{'met' if slowest_cpu < 0.5 else 'NOT met'} in kernel (CPU) time (slowest {slowest_cpu:.3f} s; "
        f"slowest wall-clock {slowest_wall:.3f} s).",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    args = parser.parse_args(argv)
    text = section(slice_rates(False), slice_rates(True), control_latencies(), explorer_latencies())
    print(text)
    if not args.no_write:
        write_section("playground_speed", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
