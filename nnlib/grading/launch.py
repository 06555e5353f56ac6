"""Start a learner's kernel with resource limits, as an unprivileged user when the grader is root.

Run by file path with ``python -I`` (so nothing from the sandbox can be
imported in its place)::

    python -I launch.py [--cgroup FOLDER] --memory B --cpu S --file-size B [--processes N --uid U] -- COMMAND...
    python -I launch.py --cgroup FOLDER -- COMMAND...
    python -I launch.py --uid U --kill-all

With ``--cgroup`` it first moves itself into that cgroup v2 (writes its
process id to ``FOLDER/cgroup.procs``), so that COMMAND and everything it
starts are charged to the learner's budget; the grader puts it in front of
bubblewrap, whose read-only root would not let it join from inside. It sets
the limits (``RLIMIT_AS``, ``RLIMIT_CPU``, ``RLIMIT_FSIZE`` and, with a
user of its own, ``RLIMIT_NPROC``), switches to the user ``--uid`` (group the
same number, no supplementary groups) when given, asks the kernel to receive
SIGKILL when the grader dies, then replaces itself with COMMAND. With
``--kill-all`` it kills every process of that user instead (what a grading
run leaves behind). Only the standard library is used.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import resource
import signal
import sys

PR_SET_PDEATHSIG = 1


def _limit(kind: int, value: int) -> None:
    resource.setrlimit(kind, (value, value))


def become_user(uid: int, processes: int | None = None) -> None:
    """Switch to user ``uid`` (group the same number, no supplementary groups), its process limit set first."""
    if processes:
        _limit(resource.RLIMIT_NPROC, processes)
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)


def die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when its parent dies (after any setuid, which clears the request)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def main(argv=None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--uid", type=int)
    parser.add_argument("--cgroup")
    parser.add_argument("--kill-all", action="store_true")
    parser.add_argument("--memory", type=int)
    parser.add_argument("--cpu", type=int)
    parser.add_argument("--file-size", type=int)
    parser.add_argument("--processes", type=int)
    parser.add_argument("command", nargs="*")
    args = parser.parse_args(argv)
    parent = os.getppid()
    if args.cgroup:  # first, while still root: joining a cgroup needs write access to it
        with open(os.path.join(args.cgroup, "cgroup.procs"), "w", encoding="ascii") as procs:
            procs.write(f"{os.getpid()}\n")
    if args.memory:
        _limit(resource.RLIMIT_AS, args.memory)
    if args.cpu:
        _limit(resource.RLIMIT_CPU, args.cpu)
    if args.file_size:
        _limit(resource.RLIMIT_FSIZE, args.file_size)
    if args.uid is not None:
        become_user(args.uid, args.processes)
    if args.kill_all:
        try:
            os.kill(-1, signal.SIGKILL)  # every process this user may signal: only its own
        except ProcessLookupError:
            pass
        return
    die_with_parent()  # the kernel dies with the grader
    if os.getppid() != parent:
        sys.exit(1)
    os.execvp(args.command[0], args.command)


if __name__ == "__main__":
    main()
