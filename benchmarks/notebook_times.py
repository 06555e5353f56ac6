"""Seconds to execute every solution notebook, top to bottom, as a learner's kernel would.

Each ``solutions/*.ipynb`` runs with nbclient in a temporary copy of
``solutions/`` (so nothing the notebooks write lands in the project, and the
stored notebooks are never touched); the time includes starting the kernel.
Prints one line per notebook and writes the "notebook_times" section of
``RESULTS.md``. Exits with status 1 when a notebook fails.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from report import machine_lines, write_section

SOLUTIONS = Path(__file__).resolve().parents[1] / "solutions"
CELL_TIMEOUT = 600
"""Seconds one cell may run before the notebook counts as failed."""


def execute_seconds(notebook: Path) -> float:
    """Run ``notebook`` in its own folder and return the wall-clock seconds."""
    contents = nbformat.read(notebook, as_version=4)
    client = NotebookClient(
        contents,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(notebook.parent)}},
    )
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def describe(error: Exception) -> str:
    """One line naming what went wrong: the cell's exception for a failed cell, else the error itself."""
    name = getattr(error, "ename", None) or type(error).__name__
    value = getattr(error, "evalue", None) or str(error)
    first_line = value.strip().splitlines()[0] if value.strip() else ""
    return f"{name}: {first_line}"[:200]


def time_notebooks(solutions: Path = SOLUTIONS) -> list[tuple[str, float | None, str]]:
    """``(name, seconds or None, error)`` for every notebook in ``solutions``, in name order."""
    results = []
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / solutions.name
        shutil.copytree(solutions, copy)
        for notebook in sorted(copy.glob("*.ipynb")):
            try:
                results.append((notebook.name, execute_seconds(notebook), ""))
            except Exception as error:  # report and go on: one broken lesson must not hide the others' times
                results.append((notebook.name, None, describe(error)))
    return results


def section(results: list[tuple[str, float | None, str]]) -> str:
    lines = ["## Solution notebooks (`benchmarks/notebook_times.py`)", ""]
    if not results:
        return "\n".join(lines + ["There are no notebooks in `solutions/` yet: nothing to time."])
    lines += [
        "Each `solutions/*.ipynb` executed top to bottom with nbclient in a temporary copy, kernel start included.",
        "",
        *machine_lines(["numpy", "matplotlib", "nbclient", "ipykernel"]),
        "",
        "| notebook | seconds |",
        "|---|---:|",
    ]
    for name, seconds, error in results:
        lines.append(f"| {name} | {seconds:.1f} |" if seconds is not None else f"| {name} | failed: {error} |")
    total = sum(seconds for _, seconds, _ in results if seconds is not None)
    lines.append(f"| **all** | {total:.1f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    args = parser.parse_args(argv)
    results = time_notebooks()
    for name, seconds, error in results:
        print(f"{name}: {seconds:.1f} s" if seconds is not None else f"{name}: FAILED {error}")
    if not results:
        print(f"no notebooks in {SOLUTIONS}")
    if not args.no_write:
        write_section("notebook_times", section(results))
    return 1 if any(seconds is None for _, seconds, _ in results) else 0


if __name__ == "__main__":
    sys.exit(main())
