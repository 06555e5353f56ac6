"""One memory budget for all of a learner's processes: a watchdog that sums them and stops them all.

``RLIMIT_AS`` limits each process; a learner's kernel that starts children
could still use that much per child. :class:`MemoryWatchdog` runs in the
grader while a learner is graded: four times a second it adds up the
resident memory of every process of the learner's user id, and above the
budget (``--memory-mb`` plus :data:`HEADROOM_MB`) it kills them all (the kernel too: the grader restarts it) and says
so. Together with ``RLIMIT_NPROC`` (processes of that user, children
included) this is the learner's budget. A cgroup would charge memory as it
is allocated; the watchdog sees it a quarter of a second late.
"""

from __future__ import annotations

import threading

from nnlib.grading.uids import kill_processes, processes_of

__all__ = ["MemoryWatchdog", "resident_bytes"]

PERIOD = 0.25
HEADROOM_MB = 512  # above the per-process limit: one process at its RLIMIT_AS gets its MemoryError, not the budget


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
