"""A temporary place of its own for one submission: a copy of its notebooks, of nnlib, a home and limits.

Layout of a sandbox (``root`` is a fresh temporary folder)::

    root/            owned by the grader, mode 0711
      lib/nnlib/     a copy of the grader's nnlib, owned by the grader, read-only
      work/          the submission's notebooks; the kernel's working directory
      home/          HOME, matplotlib's and IPython's folders
      tmp/           TMPDIR
      run/           the kernel's connection file

When the grader runs as root, each sandbox gets the user id its learner's
slot leased (:mod:`nnlib.grading.uids`), which owns ``work``, ``home``,
``tmp`` and ``run`` (mode 0700): the kernel runs as that user, and
``RLIMIT_NPROC`` limits its processes, children included.

With bubblewrap (``contained=True``, what a grading run requires unless told
``--unsafe``) the kernel runs in a container of its own, see
:func:`bwrap_arguments`: no network, its own pid, IPC and uts namespaces, a
read-only root, private size-limited ``/tmp``, ``/dev/shm`` and sandbox
folder, nnlib bound read-only, the submissions and the report hidden; only
``run/`` is shared with the grader, and the kernel talks to it over ``ipc``
sockets there. Without it the kernel is protected only by its user, the
read-only copy of nnlib, a clean environment and the resource limits: what
that leaves open is :data:`UNCONTAINED`.
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

__all__ = [
    "Limits",
    "Sandbox",
    "INTERPRETER_VARIABLE",
    "UNCONTAINED",
    "bwrap_arguments",
    "arguments_through_a_pipe",
    "bwrap_problem",
    "can_switch_users",
    "kernel_interpreter",
]

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


BWRAP = "bwrap"
#: all that root keeps in a container: switching to the learner's user id, and the kernel server's namespaces
ROOT_CAPABILITIES = ("CAP_SETUID", "CAP_SETGID", "CAP_SYS_ADMIN")
TMP_BYTES = 256 * 2**20  # the kernel's private /tmp, and its sandbox folder
SHM_BYTES = 64 * 2**20  # its private /dev/shm
UNCONTAINED = (
    "kernels are NOT contained (--unsafe, no bubblewrap): a learner's code can use the network (and reach a "
    "listener on this machine), read every file its user may read (the submissions and the report when their "
    "folders let others read), see every process's command line in /proc (the report's path among them), "
    "fill /tmp, /var/tmp and /dev/shm while it runs, and reach other kernels' sockets on 127.0.0.1"
)


def bwrap_problem() -> str | None:
    """Why kernels cannot run under bubblewrap here (``None`` when they can): missing, or refused by the system."""
    found = shutil.which(BWRAP)
    if found is None:
        return "bubblewrap (bwrap) is not installed (Debian/Ubuntu: apt-get install bubblewrap)"
    probe = subprocess.run(
        [found, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--unshare-net", "--unshare-pid"]
        + ["--unshare-ipc", "--unshare-uts", "--die-with-parent", "--new-session", "true"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if probe.returncode:
        return f"bubblewrap does not work here: {probe.stderr.strip() or f'exit code {probe.returncode}'}"
    return None


def _ancestors(path: Path) -> list[str]:
    """``path``'s folders from the top down, without ``/``."""
    return [str(parent) for parent in reversed(path.parents) if str(parent) != "/"]


def _under_tmp(paths: list[Path]) -> set[str]:
    """The folders right inside ``/tmp`` that hold one of ``paths`` (as given, and with links resolved)."""
    tops = set()
    for path in paths:
        for form in (Path(path).absolute(), Path(path).resolve()):
            if len(form.parts) > 2 and form.parts[1] == "tmp":
                tops.add(str(Path("/tmp", form.parts[2])))
    return tops


def bwrap_arguments(root: Path, needed: list[Path], hidden: list[Path]) -> list[str]:
    """bubblewrap's command line (up to the command) for the sandbox ``root``.

    The root is read-only; ``/dev``, ``/proc`` (of the kernel's own pid
    namespace), ``/tmp`` and ``/dev/shm`` are its own; each folder of
    ``hidden`` becomes an empty one, unless it holds ``root`` or one of the
    ``needed`` paths (the interpreter, its packages); ``root`` becomes a
    size-limited folder in memory with ``work``, ``home`` and ``tmp`` writable,
    ``run`` bound from the grader's side and nnlib bound read-only in ``lib``.
    """
    arguments = [BWRAP, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"]
    arguments += ["--perms", "1777", "--size", str(SHM_BYTES), "--tmpfs", "/dev/shm"]
    arguments += ["--perms", "1777", "--size", str(TMP_BYTES), "--tmpfs", "/tmp"]
    for top in sorted(_under_tmp(needed)):  # a course (or its interpreter) kept in /tmp stays visible, read-only
        arguments += ["--ro-bind", top, top]
    keep = [root, *needed]
    for folder in hidden:
        folder = folder.resolve()
        if not any(path == folder or folder in path.parents for path in keep):
            arguments += ["--tmpfs", str(folder)]
    for folder in _ancestors(root):
        arguments += ["--dir", folder]
    arguments += ["--perms", "0755", "--size", str(TMP_BYTES), "--tmpfs", str(root)]
    for name in ("work", "home", "tmp"):
        arguments += ["--perms", "1777", "--dir", str(root / name)]
    arguments += ["--bind", str(root / "run"), str(root / "run"), "--dir", str(root / "lib")]
    arguments += ["--ro-bind", str(Path(nnlib.__file__).parent), str(root / "lib" / "nnlib")]
    arguments += ["--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts"]
    if can_switch_users():  # root in the container keeps only what switching users and the kernel server need
        arguments += ["--cap-drop", "ALL"] + [part for cap in ROOT_CAPABILITIES for part in ("--cap-add", cap)]
    return arguments + ["--die-with-parent", "--new-session", "--chdir", str(root / "work"), "--"]


def arguments_through_a_pipe(command: list[str]) -> tuple[list[str], int]:
    """``command`` (bubblewrap's, maybe after a launcher that joins a cgroup) with bwrap's options moved into
    a pipe (``--args FD``), and the pipe's reading end to pass on: bwrap stays the sandbox's process 1,
    whose command line the kernel can read, and its options name the submissions and the report."""
    start = command.index(BWRAP)
    end = command.index("--", start)
    read, write = os.pipe()
    with os.fdopen(write, "wb") as pipe:  # a few kB: within the pipe's buffer
        pipe.write(b"".join(argument.encode() + b"\0" for argument in command[start + 1 : end]))
    return [*command[: start + 1], "--args", str(read), *command[end:]], read


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
    uid : int or None
        The user id the kernel runs as (leased for this learner alone), ``None`` for the grader's own.
    limits : Limits
    parent : path, optional
        Where to make the temporary folder (default: the system's).
    contained : bool
        Run the kernel under bubblewrap (see :func:`bwrap_arguments`).
    hidden : list of paths
        Folders the kernel must not see (the submissions, the report).
    cgroup : path, optional
        The cgroup v2 its kernels join as they start (the slot's budget, :class:`~nnlib.grading.budget.CgroupBudget`).
    """

    def __init__(
        self,
        uid: int | None,
        limits: Limits | None = None,
        parent: Path | str | None = None,
        *,
        contained: bool = False,
        hidden: list[Path] = (),
        cgroup: Path | None = None,
    ):
        self.limits = limits or Limits()
        self.uid = uid if can_switch_users() else None
        self.contained = contained
        self.cgroup = cgroup
        self.hidden = [Path(folder) for folder in hidden] + [Path(tempfile.gettempdir())]
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
        if not contained:  # under bubblewrap the course's nnlib is bound read-only instead
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
        """The command that starts an IPython kernel in this sandbox, under its limits (and its user, in its
        cgroup when it has one)."""
        return self.python_command(["-m", "ipykernel_launcher", "-f", str(connection_file)])

    def python_command(self, arguments: list[str], *, switch_user: bool = True) -> list[str]:
        """The command that runs ``python ARGUMENTS`` in this sandbox (under bubblewrap when contained), under its
        limits (and its user unless told not to switch, in its cgroup when it has one)."""
        mb = 2**20
        command = [
            sys.executable,
            "-I",
            str(LAUNCHER),
            *([f"--cgroup={self.cgroup}"] if self.cgroup and not self.contained else []),
            f"--memory={self.limits.memory_mb * mb}",
            f"--cpu={self.limits.cpu_seconds}",
            f"--file-size={self.limits.file_mb * mb}",
        ]
        if self.uid is not None and switch_user:
            command += [f"--uid={self.uid}", f"--processes={self.limits.processes}"]
        command += ["--", self.python, *arguments]
        if not self.contained:
            return command
        needed = [Path(self.python), Path(sys.executable), LAUNCHER, *map(Path, self.site_paths)]
        # bwrap's read-only root keeps the cgroup out of reach inside: a launcher in front of it joins
        joining = [sys.executable, "-I", str(LAUNCHER), f"--cgroup={self.cgroup}", "--"] if self.cgroup else []
        return joining + bwrap_arguments(self.root, needed, self.hidden) + command

    def kill_everything(self) -> None:
        """Kill every process the sandbox's user still runs (nothing to do without a user of its own)."""
        if self.uid is not None:
            subprocess.run(
                [sys.executable, "-I", str(LAUNCHER), f"--uid={self.uid}", "--kill-all"], timeout=30, check=False
            )

    def remove(self, *, every_process: bool = True) -> None:
        """Kill what is left (every process of its user unless told otherwise: a kernel under bubblewrap is
        ended with its container, and another kernel of the same user may be running) and delete the sandbox."""
        if every_process:
            self.kill_everything()
        if self.root.exists():
            if self.lib.exists():
                _writable(self.lib)
            shutil.rmtree(self.root, ignore_errors=True)
