"""One memory and process budget for all of a learner's processes: a cgroup where the machine offers one, else a
watchdog that sums them and stops them all.

``RLIMIT_AS`` limits each process; a learner's kernel that starts children
could still use that much per child. So all of a learner's processes share
one budget (``--memory-mb`` plus :data:`HEADROOM_MB`), kept by one of:

- :class:`CgroupBudget`, where cgroup v2 offers its ``memory`` and ``pids``
  controllers to a folder the grader may write (:func:`cgroup_parent` finds
  it and says why not): a child cgroup per slot with ``memory.max``,
  ``pids.max`` and ``memory.oom.group`` (the kernel's OOM killer stops all of
  them together, as the memory is allocated). Kernels are started into it by
  the launcher (``launch.py --cgroup``); it is emptied and removed after the
  learner.
- :class:`MemoryWatchdog` otherwise: four times a second the grader adds up
  the resident memory of every process of the learner's user id, and above
  the budget kills them all (the kernel too: the grader restarts it). It sees
  memory a quarter of a second late; ``RLIMIT_NPROC`` of that user limits the
  processes, children included.

:func:`learner_budget` picks one; :func:`describe_budget` says which is in force.
"""

from __future__ import annotations

import functools
import os
import signal
import threading
import time
from pathlib import Path

from nnlib.grading.uids import kill_processes, processes_of

__all__ = [
    "CGROUP_VARIABLE",
    "CgroupBudget",
    "MemoryWatchdog",
    "cgroup_parent",
    "describe_budget",
    "learner_budget",
    "resident_bytes",
]

PERIOD = 0.25
HEADROOM_MB = 512  # above the per-process limit: one process at its RLIMIT_AS gets its MemoryError, not the budget
CGROUP_VARIABLE = "NNLIB_GRADER_CGROUP"  # a cgroup v2 folder for the slots' cgroups (default: the grader's own)
NEEDED_CONTROLLERS = ("memory", "pids")


def resident_bytes(pid: int) -> int:
    """The resident memory of process ``pid`` (0 when it has ended)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


class MemoryWatchdog:
    """Kill every process of ``uid`` when together they hold more than ``budget_mb`` of memory.

    Use as a context manager; :meth:`take_notes` returns what it did since it was last asked.
    """

    cgroup = None  # kernels are not started into a cgroup

    def __init__(self, uid: int, budget_mb: int):
        self.uid = uid
        self.budget = (budget_mb + HEADROOM_MB) * 2**20
        self._notes: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> MemoryWatchdog:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _watch(self) -> None:
        while not self._stop.wait(PERIOD):
            pids = processes_of(self.uid)
            used = sum(resident_bytes(pid) for pid in pids)
            if used > self.budget:
                kill_processes(self.uid, attempts=1)  # once: a kernel the grader restarts meanwhile lives
                self._notes.append(
                    f"its {len(pids)} processes held {used / 2**20:.0f} MB together, more than its budget of "
                    f"{self.budget / 2**20:.0f} MB: all were stopped"
                )

    def take_notes(self) -> list[str]:
        notes, self._notes = self._notes, []
        return notes


# --- cgroup v2 ---------------------------------------------------------------------------------------------


def _own_cgroup(proc: Path = Path("/proc/self")) -> Path | None:
    """The folder of this process's cgroup v2, from ``/proc/self/cgroup`` and ``mountinfo`` (``None``: none)."""
    try:
        membership = (proc / "cgroup").read_text()
        mounts = (proc / "mountinfo").read_text()
    except OSError:
        return None
    own = next((line[3:] for line in membership.splitlines() if line.startswith("0::")), None)
    if own is None:
        return None
    for line in mounts.splitlines():
        fields, _, described = line.partition(" - ")
        fields = fields.split()
        if described.split()[:1] != ["cgroup2"] or len(fields) < 5:
            continue
        mount_root, mount_point = fields[3], fields[4]
        relative = os.path.relpath(own, mount_root)
        if not relative.startswith(".."):
            return Path(mount_point) / relative if relative != "." else Path(mount_point)
    return None


@functools.cache
def cgroup_parent(proc: Path = Path("/proc/self")) -> tuple[Path | None, str]:
    """The cgroup v2 folder in which each slot gets a child cgroup, and how it was found; ``(None, why not)``
    when there is none.

    It is ``$NNLIB_GRADER_CGROUP`` when set, else the grader's own cgroup. It
    must offer the ``memory`` and ``pids`` controllers, hand them to its
    children (its ``cgroup.subtree_control``: the grader enables them, which
    cgroup v2 allows only in a cgroup without processes of its own, or the
    root), and let the grader make a child.
    """
    chosen = os.environ.get(CGROUP_VARIABLE)
    parent = Path(chosen) if chosen else _own_cgroup(proc)
    origin = f"${CGROUP_VARIABLE}" if chosen else "the grader's own cgroup"
    if parent is None:
        return None, "no cgroup v2 hierarchy is mounted for the grader"
    try:
        offered = (parent / "cgroup.controllers").read_text().split()
    except OSError as error:
        return None, f"{parent} ({origin}) is not a cgroup v2 folder: {error.strerror}"
    missing = [name for name in NEEDED_CONTROLLERS if name not in offered]
    if missing:
        return None, (
            f"the cgroup v2 at {parent} ({origin}) does not offer the {' and '.join(missing)} controllers "
            f"(it offers: {' '.join(offered) or 'none'})"
        )
    subtree = parent / "cgroup.subtree_control"
    try:
        if not set(NEEDED_CONTROLLERS) <= set(subtree.read_text().split()):
            subtree.write_text(" ".join(f"+{name}" for name in NEEDED_CONTROLLERS))
        probe = parent / f"nnlib-grader-probe-{os.getpid()}"
        probe.mkdir()
        _remove_folder(probe)
    except OSError as error:
        return None, (
            f"child cgroups of {parent} ({origin}) cannot get memory and pids controllers: {error.strerror} "
            f"(cgroup v2 lets only a cgroup without processes give them to its children; set {CGROUP_VARIABLE} "
            "to an empty cgroup the grader may write)"
        )
    return parent, f"{parent} ({origin})"


def _remove_folder(path: Path) -> None:
    """Remove a cgroup's folder (its control files go with it)."""
    os.rmdir(path)


def _events(path: Path) -> dict[str, int]:
    """The counters of a cgroup's ``*.events`` file (empty when it cannot be read)."""
    try:
        return {key: int(value) for key, value in (line.split() for line in path.read_text().splitlines())}
    except (OSError, ValueError):
        return {}


class CgroupBudget:
    """A cgroup v2 of its own for the slot of user ``uid``, under ``parent``: ``budget_mb`` (plus the headroom)
    of memory and ``processes`` processes for all of its processes together.

    Use as a context manager: entering makes it (emptying a leftover of the
    same name first), leaving kills what is in it and removes it. Kernels
    join it as they start (:attr:`cgroup` for the launcher's ``--cgroup``);
    :meth:`take_notes` says when the budget was hit since it was last asked.
    """

    def __init__(self, parent: Path, uid: int, budget_mb: int, processes: int):
        self.cgroup = Path(parent) / f"nnlib-grader-uid-{uid}"  # a slot's user id is leased for it alone
        self.memory = (budget_mb + HEADROOM_MB) * 2**20
        self.processes = processes
        self.notes: list[str] = []  # what went wrong with the cgroup itself
        self._seen = {"oom_kill": 0, "pids": 0}

    def __enter__(self) -> CgroupBudget:
        if self.cgroup.exists():  # a run that died left it
            self._empty()
            _remove_folder(self.cgroup)
        self.cgroup.mkdir()
        self._write("memory.max", self.memory)
        self._write("memory.swap.max", 0, optional=True)  # swapped out is still held
        self._write("memory.oom.group", 1)  # the OOM killer stops all of them together
        self._write("pids.max", self.processes)
        return self

    def _write(self, name: str, value: int, optional: bool = False) -> None:
        path = self.cgroup / name
        if optional and not path.exists():
            return
        path.write_text(f"{value}\n")

    def pids(self) -> list[int]:
        """The processes in the cgroup."""
        try:
            return [int(pid) for pid in (self.cgroup / "cgroup.procs").read_text().split()]
        except (OSError, ValueError):
            return []

    def _empty(self, seconds: float = 10.0) -> bool:
        """Kill every process in the cgroup; True when none is left within ``seconds``."""
        deadline = time.monotonic() + seconds
        while True:
            pids = self.pids()
            if not pids:
                return True
            if time.monotonic() > deadline:
                return False
            kill = self.cgroup / "cgroup.kill"  # Linux 5.14 and later
            if kill.exists():
                kill.write_text("1\n")
            else:
                for pid in pids:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
            time.sleep(0.05)

    def __exit__(self, *exc) -> None:
        if not self._empty():
            self.notes.append(f"processes were left in {self.cgroup} after grading: {self.pids()}")
            return
        for _ in range(50):  # the last ones may still be leaving
            try:
                _remove_folder(self.cgroup)
                return
            except FileNotFoundError:
                return
            except OSError:
                time.sleep(0.1)
        self.notes.append(f"{self.cgroup} could not be removed after grading")

    def take_notes(self) -> list[str]:
        """What the budget stopped since the last call (and trouble with the cgroup)."""
        notes, self.notes = self.notes, []
        killed = _events(self.cgroup / "memory.events").get("oom_kill", 0)
        refused = _events(self.cgroup / "pids.events").get("max", 0)
        if killed > self._seen["oom_kill"]:
            notes.append(
                f"its processes reached their budget of {self.memory / 2**20:.0f} MB together: all were stopped "
                f"({killed - self._seen['oom_kill']} killed by the system, cgroup memory.max)"
            )
        if refused > self._seen["pids"]:
            notes.append(
                f"its processes reached their budget of {self.processes} processes together: "
                f"{refused - self._seen['pids']} new ones were refused (cgroup pids.max)"
            )
        self._seen = {"oom_kill": killed, "pids": refused}
        return notes


def learner_budget(uid: int, budget_mb: int, processes: int) -> CgroupBudget | MemoryWatchdog:
    """The budget of user ``uid``'s processes: a cgroup when :func:`cgroup_parent` finds a place for it, else
    the watchdog."""
    parent, _ = cgroup_parent()
    if parent is not None:
        return CgroupBudget(parent, uid, budget_mb, processes)
    return MemoryWatchdog(uid, budget_mb)


def describe_budget(memory_mb: int, processes: int) -> str:
    """In words: the budget in force for all of a learner's processes (the grader prints it)."""
    parent, how = cgroup_parent()
    together = f"{memory_mb} MB per process (RLIMIT_AS), {memory_mb + HEADROOM_MB} MB for all of a learner's processes"
    if parent is not None:
        return (
            f"memory: {together} together and {processes} processes (a cgroup v2 per slot under {how}: "
            "memory.max, pids.max, memory.oom.group)"
        )
    return (
        f"memory: {together} together (the grader's watchdog over its user id, not a cgroup: {how}); processes: "
        f"{processes} per learner, children included (RLIMIT_NPROC of its user id)"
    )
