"""A temporary place of its own for one submission: a copy of its notebooks, of nnlib, a home and limits.

Layout of a sandbox (``root`` is a fresh temporary folder)::

    root/            owned by the grader, mode 0711
      lib/nnlib/     a copy of the grader's nnlib, owned by the grader, read-only
      work/          the submission's notebooks; the kernel's working directory
      home/          HOME, matplotlib's and IPython's folders
      tmp/           TMPDIR
      run/           the kernel's connection file

When the grader runs as root, each sandbox gets a user id of its own
(``FIRST_UID + slot``, no name needed), which owns ``work``, ``home``,
``tmp`` and ``run`` (mode 0700): the kernel runs as that user, so the
operating system itself keeps it from writing to the course, the grader, its
nnlib copy or another sandbox, and ``RLIMIT_NPROC`` limits its processes.
Run as another user, the grader cannot switch users: the kernel then runs as
that user, protected only by the read-only copy, a clean environment (no
path to the course) and the resource limits. Neither is a container: see
the README's "Grading a class" for what this does not protect against.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import stat
import subprocess
import sys
import sysconfig
import tempfile
from dataclasses import dataclass
from pathlib import Path

import nnlib

__all__ = ["Limits", "Sandbox", "FIRST_UID", "INTERPRETER_VARIABLE", "can_switch_users", "kernel_interpreter"]

FIRST_UID = 61000
LAUNCHER = Path(__file__).with_name("launch.py")
_PASSED_ON = ("PATH", "LANG", "LC_ALL", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "TZ")


@dataclass(frozen=True)
class Limits:
    """Resource limits of one learner's kernel.

    Attributes
    ----------
    memory_mb : int
        Address space (``RLIMIT_AS``); beyond it, allocations raise ``MemoryError``.
    cpu_seconds : int
        CPU time of one kernel (``RLIMIT_CPU``); beyond it the kernel is killed.
    file_mb : int
        Largest file the kernel may write (``RLIMIT_FSIZE``).
    processes : int
        Processes and threads of the sandbox's user (``RLIMIT_NPROC``; only with a user of its own).
    """

    memory_mb: int = 3072
    cpu_seconds: int = 900
    file_mb: int = 64
    processes: int = 256


def can_switch_users() -> bool:
    """Whether kernels can run as users of their own (the grader is root on a POSIX system)."""
    return hasattr(os, "geteuid") and os.geteuid() == 0


INTERPRETER_VARIABLE = "NNLIB_GRADER_KERNEL_PYTHON"  # the class grader's answer, passed on to its workers


def _site_packages() -> tuple[str, ...]:
    """The grader's package folders (none of the course's own): where the kernel finds numpy and ipykernel."""
    folders = [sysconfig.get_paths()[key] for key in ("purelib", "platlib")]
    folders += [path for path in sys.path if os.path.basename(path) in ("site-packages", "dist-packages")]
    return tuple(dict.fromkeys(folder for folder in folders if os.path.isdir(folder)))


@functools.cache
def kernel_interpreter(uid: int | None) -> tuple[str, tuple[str, ...]] | None:
    """The Python that kernels run as ``uid`` can start, and the folders to add to its path.

    The grader's own interpreter when that user can run it, otherwise (say it
    lives under ``/root``) a system interpreter of the same version given the
    grader's site-packages; ``None`` when neither works. Every user but root
    gets the same answer, which the class grader finds once and hands to its
    workers in ``NNLIB_GRADER_KERNEL_PYTHON``.
    """
    site = _site_packages()
    if uid is None:
        return sys.executable, site
    known = os.environ.get(INTERPRETER_VARIABLE)
    if known:
        found = json.loads(known)
        return (found[0], tuple(found[1])) if found else None
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    candidates = [(sys.executable, ())] + [
        (os.path.join(folder, version), site) for folder in ("/usr/local/bin", "/usr/bin") if folder not in sys.prefix
    ]
    for executable, paths in candidates:
        if not os.path.exists(executable):
            continue
        probe = subprocess.run(
            [sys.executable, "-I", str(LAUNCHER), f"--uid={uid}", "--", executable, "-c", "import ipykernel, numpy"],
            env={"PATH": "/usr/bin:/bin", "PYTHONPATH": os.pathsep.join(paths), "HOME": "/", "PYTHONNOUSERSITE": "1"},
            cwd="/",
            capture_output=True,
            timeout=60,
            check=False,
        )
        if probe.returncode == 0:
            return executable, paths
    return None


def _read_only(path: Path) -> None:
    for folder, _, files in os.walk(path):
        for name in files:
            os.chmod(os.path.join(folder, name), 0o444)
        os.chmod(folder, 0o555)


def _writable(path: Path) -> None:
    for folder, _, files in os.walk(path):
        os.chmod(folder, 0o755)
        for name in files:
            os.chmod(os.path.join(folder, name), 0o644)


class Sandbox:
    """One submission's temporary folder, copy of nnlib, environment and kernel command.

    Parameters
    ----------
    slot : int
        A number unique among the sandboxes alive at once (it picks the user id).
    limits : Limits
    parent : path, optional
        Where to make the temporary folder (default: the system's).
    """

    def __init__(self, slot: int, limits: Limits | None = None, parent: Path | str | None = None):
        self.limits = limits or Limits()
        self.uid = FIRST_UID + slot if can_switch_users() else None
        self.notes: list[str] = []
        found = kernel_interpreter(self.uid)
        if found is None:
            self.notes.append(
                f"no Python interpreter of this version can be run by another user (the grader's is "
                f"{sys.executable}), so the kernels ran as the grader's user, without a user of their own"
            )
            self.uid = None
            found = kernel_interpreter(None)
        self.python, self.site_paths = found
        self.root = Path(tempfile.mkdtemp(prefix="nnlib-grade-", dir=parent))
        os.chmod(self.root, 0o711)
        self.lib = self.root / "lib"
        self.work, self.home, self.tmp, self.run = (self.root / name for name in ("work", "home", "tmp", "run"))
        for folder in (self.work, self.home, self.tmp, self.run):
            folder.mkdir(mode=0o700)
            if self.uid is not None:
                os.chown(folder, self.uid, self.uid)
        shutil.copytree(Path(nnlib.__file__).parent, self.lib / "nnlib", ignore=shutil.ignore_patterns("*.pyc"))
        _read_only(self.lib)

    def add(self, source: Path, name: str) -> Path:
        """Copy the file ``source`` into ``work/`` as ``name``, owned by the sandbox's user."""
        target = self.work / name
        shutil.copyfile(source, target)
        if self.uid is not None:
            os.chown(target, self.uid, self.uid)
        return target

    def own(self, path: Path) -> None:
        """Hand ``path`` (a file the grader wrote in the sandbox) to the sandbox's user, private."""
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
        if self.uid is not None:
            os.chown(path, self.uid, self.uid)

    def environment(self) -> dict[str, str]:
        """The kernel's environment: none of the grader's paths, nnlib from the read-only copy."""
        env = {name: os.environ[name] for name in _PASSED_ON if name in os.environ}
        env.setdefault("PATH", "/usr/local/bin:/usr/bin:/bin")
        home = str(self.home)
        env.update(
            HOME=home,
            TMPDIR=str(self.tmp),
            PYTHONPATH=os.pathsep.join((str(self.lib),) + self.site_paths),
            PYTHONDONTWRITEBYTECODE="1",
            PYTHONNOUSERSITE="1",
            MPLCONFIGDIR=os.path.join(home, ".matplotlib"),
            IPYTHONDIR=os.path.join(home, ".ipython"),
            JUPYTER_CONFIG_DIR=os.path.join(home, ".jupyter"),
            JUPYTER_DATA_DIR=os.path.join(home, ".local", "share", "jupyter"),
            JUPYTER_RUNTIME_DIR=os.path.join(home, ".local", "share", "jupyter", "runtime"),
            JUPYTER_PLATFORM_DIRS="1",
            OPENBLAS_NUM_THREADS="1",
            OMP_NUM_THREADS="1",
            MKL_NUM_THREADS="1",
            PYTHONIOENCODING="utf-8",
        )
        return env

    def kernel_command(self, connection_file: Path) -> list[str]:
        """The command that starts an IPython kernel in this sandbox, under its limits (and its user)."""
        mb = 2**20
        command = [
            sys.executable,
            "-I",
            str(LAUNCHER),
            f"--memory={self.limits.memory_mb * mb}",
            f"--cpu={self.limits.cpu_seconds}",
            f"--file-size={self.limits.file_mb * mb}",
        ]
        if self.uid is not None:
            command += [f"--uid={self.uid}", f"--processes={self.limits.processes}"]
        return command + ["--", self.python, "-m", "ipykernel_launcher", "-f", str(connection_file)]

    def kill_everything(self) -> None:
        """Kill every process the sandbox's user still runs (nothing to do without a user of its own)."""
        if self.uid is not None:
            subprocess.run(
                [sys.executable, "-I", str(LAUNCHER), f"--uid={self.uid}", "--kill-all"], timeout=30, check=False
            )

    def remove(self) -> None:
        """Kill what is left and delete the sandbox."""
        self.kill_everything()
        if self.root.exists():
            _writable(self.lib)
            shutil.rmtree(self.root, ignore_errors=True)
