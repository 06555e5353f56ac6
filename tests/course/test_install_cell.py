"""The first cell of every student notebook installs nnlib when, and only when, `import nnlib` fails.

Checked in a clean virtual environment without nnlib (the course's other
dependencies reach it through a ``.pth`` file, so nothing is downloaded but
the build tool), installing from this folder as a stand-in for the
repository's URL (``NNLIB_INSTALL_SOURCE``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import nbformat

from nnlib import course

ROOT = Path(__file__).resolve().parents[2]


def test_every_student_notebook_starts_with_the_links_and_the_install_cell():
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        text = course.committed_text(ROOT, f"notebooks/{path.name}") if course.holds_work(path) else None
        notebook = nbformat.reads(text, as_version=4) if text else nbformat.read(path, as_version=4)
        assert notebook.cells[0].source == course.links_cell(path.name).source
        assert notebook.cells[1].source == course.INSTALL_CELL
        assert notebook.metadata["nnlib"]["lesson"] == path.stem


def test_the_install_cell_installs_nnlib_into_a_clean_environment(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run(
        [str(Path(sys.base_prefix) / "bin" / "python3"), "-m", "venv", "--without-pip", str(venv)], check=True
    )
    site = next((venv / "lib").glob("python3*/site-packages"))
    dependencies = dict.fromkeys(sysconfig.get_paths()[key] for key in ("purelib", "platlib"))
    (site / "course-dependencies.pth").write_text("\n".join(dependencies) + "\n")  # numpy, pip…: not nnlib
    python = str(venv / "bin" / "python")
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}

    absent = subprocess.run([python, "-c", "import nnlib"], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert "No module named 'nnlib'" in absent.stderr

    cell = course.INSTALL_CELL + "\nprint(nnlib.__file__)"
    installed = subprocess.run(
        [python, "-c", cell],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**env, "NNLIB_INSTALL_SOURCE": str(ROOT)},
        timeout=600,
    )
    assert installed.returncode == 0, installed.stderr[-2000:]
    assert installed.stdout.strip().startswith(str(site)), installed.stdout

    again = subprocess.run(  # installed now: the cell does nothing (no pip), even with a source that cannot work
        [python, "-c", cell],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**env, "NNLIB_INSTALL_SOURCE": str(tmp_path / "nowhere")},
        timeout=120,
    )
    assert again.returncode == 0 and again.stdout.strip().startswith(str(site))
