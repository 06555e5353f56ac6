"""The house style: ruff's lint rules and formatter, as configured in pyproject.toml, pass on all our code."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CODE = ["nnlib", "tests", "benchmarks"]


@pytest.mark.parametrize(
    "command",
    [["check", "--output-format", "concise"], ["format", "--check", "--diff"]],
    ids=["lint", "format"],
)
def test_ruff(command):
    done = subprocess.run([sys.executable, "-m", "ruff", *command, *CODE], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, (
        f"ruff {command[0]} found problems; run `.venv/bin/ruff format {' '.join(CODE)}` and "
        f"`.venv/bin/ruff check --fix {' '.join(CODE)}`, then fix what is left:\n{done.stdout}{done.stderr}"
    )
