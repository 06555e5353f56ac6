"""A user id of its own for each learner being graded: leased under a lock, emptied before and after.

When the grader runs as root, each of a run's slots leases a user id among
``FIRST_UID … FIRST_UID + UID_COUNT - 1`` by taking an exclusive ``flock``
on ``/run/nnlib-grader/uid-U.lock`` and holding it for the run, so two
grading runs on one machine never hand the same user to two learners. A
run starts its search at an offset taken from its process id, and skips a
user id that another run holds or that still runs processes.

Around each learner the slot's user is emptied: every process it runs is
killed (:func:`kill_processes`), and what it left in ``/tmp``, ``/var/tmp``
and ``/dev/shm`` is removed (:func:`remove_leftovers`).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

__all__ = [
    "FIRST_UID",
    "UID_COUNT",
    "SHARED_TEMPORARY",
    "UidLease",
    "lease_uid",
    "processes_of",
    "kill_processes",
    "remove_leftovers",
    "empty_user",
]

FIRST_UID = 61000
UID_COUNT = 1000
LOCK_FOLDER = Path("/run/nnlib-grader")
SHARED_TEMPORARY = ("/tmp", "/var/tmp", "/dev/shm")
LAUNCHER = Path(__file__).with_name("launch.py")


class UidLease:
    """A user id held by this process (an exclusive lock on its lock file) until :meth:`release`."""

    def __init__(self, uid: int, handle):
        self.uid = uid
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing the file gives the lock back
            self._handle = None

    def __repr__(self) -> str:
        return f"UidLease({self.uid})"


def lease_uid(folder: Path = LOCK_FOLDER) -> UidLease:
    """Lease a user id no other grading run holds and no process runs as; ``RuntimeError`` when none is left."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    offset = os.getpid() % UID_COUNT
    for step in range(UID_COUNT):
        uid = FIRST_UID + (offset + step) % UID_COUNT
        handle = open(folder / f"uid-{uid}.lock", "a")  # noqa: SIM115  (held open: the lock lives with it)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            continue
        if processes_of(uid):  # in use by something that takes no lock
            handle.close()
            continue
        return UidLease(uid, handle)
    raise RuntimeError(f"no free user id among {FIRST_UID}-{FIRST_UID + UID_COUNT - 1}")


def processes_of(uid: int) -> list[int]:
    """The process ids of every process running as ``uid`` (Linux: the owner of ``/proc/PID``)."""
    found = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    found.append(int(entry.name))
            except OSError:  # it ended meanwhile
                continue
    return found


def kill_processes(uid: int, attempts: int = 20) -> bool:
    """Kill every process of ``uid`` (detached ones too); True when none is left.

    The kill is sent by a process switched to that user (``kill(-1)`` reaches
    exactly its processes), again while any is left: a process forking as it
    is killed cannot outrun it for long.
    """
    for _ in range(attempts):
        if not processes_of(uid):
            return True
        subprocess.run(
            [sys.executable, "-I", str(LAUNCHER), f"--uid={uid}", "--kill-all"], timeout=30, check=False, cwd="/"
        )
        time.sleep(0.05)
    return not processes_of(uid)


def remove_leftovers(uid: int, folders=SHARED_TEMPORARY) -> int:
    """Remove what ``uid`` owns in ``folders`` and the shared folders under them; return how many entries."""
    removed = 0
    for folder in folders:
        try:
            device = os.stat(folder).st_dev
        except OSError:
            continue
        removed += _remove_owned(folder, uid, device)
    return removed


def _remove_owned(folder: str, uid: int, device: int) -> int:
    """Remove ``uid``'s entries in ``folder``, looking into the folders anyone may write to (same file system)."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if info.st_dev != device:
            continue
        if info.st_uid == uid:
            if stat.S_ISDIR(info.st_mode):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                try:
                    os.unlink(entry.path)
                except OSError:
                    continue
            removed += 1
        elif stat.S_ISDIR(info.st_mode) and info.st_mode & stat.S_IWOTH:
            removed += _remove_owned(entry.path, uid, device)
    return removed


def empty_user(uid: int) -> str | None:
    """Kill ``uid``'s processes and remove its files in the shared temporary folders; a note when any were
    left behind (``None`` when there was nothing to clean)."""
    killed = len(processes_of(uid))
    if not kill_processes(uid):
        raise RuntimeError(f"the processes of user {uid} could not all be killed")
    removed = remove_leftovers(uid)
    if not killed and not removed:
        return None
    return f"{killed} processes and {removed} files of its user were left behind; removed"
