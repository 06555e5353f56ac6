"""Grade a whole class: one process per learner, ``jobs`` at a time, results written as they finish.

``SUBMISSIONS`` holds one folder (or one ``.zip``) per learner. Each learner
is graded by ``python -m nnlib.grading.learner`` in a process of its own,
with a time limit; the report (:mod:`nnlib.grading.report`) is rewritten
after every learner, so an interrupted run keeps what it graded.

Kernels run under bubblewrap (:mod:`nnlib.grading.sandbox`); without it the
grader refuses to run unless told ``unsafe``, and then says what is not
contained. As root, each slot leases a user id of its own for the run
(:mod:`nnlib.grading.uids`), emptied of processes and files before and after
each learner. The report folder is the grader's alone (mode 0700).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from nnlib.grading.authorship import accept
from nnlib.grading.budget import describe_budget
from nnlib.grading.learner import safe_name
from nnlib.grading.lessons import lessons
from nnlib.grading.report import write_failures, write_report
from nnlib.grading.sandbox import (
    INTERPRETER_VARIABLE,
    UNCONTAINED,
    bwrap_problem,
    can_switch_users,
    kernel_interpreter,
)
from nnlib.grading.uids import UidLease, empty_user, lease_uid

__all__ = ["GradingError", "ClassResult", "find_learners", "grade_class", "shard_of"]


class GradingError(Exception):
    """Input the grader cannot use (no such folder, nothing to grade), explained."""


@dataclass
class ClassResult:
    results: list[dict]
    failures: list[str]
    seconds: float
    warnings: list[str]
    containment: list[str]


def _warnings(submissions: Path, unsafe: bool) -> list[str]:
    """What the instructor should know about the isolation of this run."""
    warnings = [UNCONTAINED] if unsafe else []
    if not can_switch_users():
        warnings.append(
            "the grader is not root, so the kernels ran as your own user"
            + (" (each in its own container)" if not unsafe else " and could write wherever you can")
        )
    folder = submissions.resolve()
    if folder.stat().st_mode & 0o004:
        warnings.append(
            f"{submissions} can be read by other users of this machine; `chmod 700 {submissions}` prevents it"
        )
    return warnings


def containment(unsafe: bool, memory_mb: int | None) -> list[str]:
    """What contains the kernels of this run, in words (the grader prints it, the report shows it)."""
    from nnlib.grading.sandbox import Limits

    memory = memory_mb or Limits.memory_mb
    lines = [
        "kernels: NOT contained (--unsafe)"
        if unsafe
        else "kernels: bubblewrap, no network, own pid/IPC/uts "
        "namespaces, read-only root, private /tmp and /dev/shm, submissions and report hidden"
    ]
    if can_switch_users():
        lines.append(describe_budget(memory, Limits.processes))
    else:
        lines.append(f"memory: {memory} MB of address space per process (RLIMIT_AS); no process limit (not root)")
    return lines


def distinct_names(learners: list[tuple[str, Path]]) -> tuple[list[tuple[str, Path]], dict[str, str]]:
    """Learners' names made distinct once safe for file names (``alice``, ``alice-2``), and a note for each
    learner renamed."""
    taken = {safe_name(name) for name, _ in learners}
    used: set[str] = set()
    named, notes = [], {}
    for name, path in learners:
        base = safe_name(name)
        chosen, number = base, 1
        while chosen in used or (chosen != base and chosen in taken):
            number += 1
            chosen = f"{base}-{number}"
        used.add(chosen)
        if chosen != name:
            notes[chosen] = f"{path.name} is graded as {chosen}: its name is not distinct once safe for file names"
        named.append((chosen, path))
    return named, notes


def find_learners(submissions: Path) -> list[tuple[str, Path]]:
    """``(name, folder or zip)`` for every learner in ``submissions``, by name."""
    if not submissions.exists():
        raise GradingError(f"no such folder: {submissions}")
    if not submissions.is_dir():
        raise GradingError(f"{submissions} is not a folder (it must hold one folder or .zip per learner)")
    learners = []
    for entry in sorted(submissions.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            learners.append((entry.name, entry))
        elif entry.suffix == ".zip":
            learners.append((entry.stem, entry))
    if not learners:
        loose = list(submissions.glob("*.ipynb"))
        hint = (
            f" ({len(loose)} notebooks lie directly in it: put each learner's in a folder of its own)" if loose else ""
        )
        raise GradingError(f"nothing to grade in {submissions}: no learner folders or .zip files{hint}")
    return learners


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(item.stat().st_size for item in path.rglob("*.ipynb") if item.is_file())


def _progress(done: int, total: int, started: float, last: str) -> None:
    width = 30
    filled = width * done // total
    elapsed = time.monotonic() - started
    sys.stderr.write(
        f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} learners  {elapsed:5.0f} s  {last[:40]:<40}"
    )
    sys.stderr.flush()
    if done == total:
        sys.stderr.write("\n")


class _LearnerProcess:
    """Grades one learner per call, in a ``python -m nnlib.grading.learner`` process of its own.

    Calls may come from several threads at once: each takes one of ``slots``
    sandbox slots (so no two kernels share a user or a folder) and gives it
    back when its learner is done. As root, each slot is a user id leased for
    the run, emptied of processes and files before and after each learner.
    A process that runs past ``budget`` seconds is stopped (and its user
    emptied like any other); a learner without a result raises ``RuntimeError``.
    """

    def __init__(
        self,
        out: Path,
        *,
        slots: int,
        cell_timeout: float,
        notebook_timeout: float,
        memory_mb: int | None,
        unsafe: bool = False,
    ):
        self.out = out
        self.options = [f"--timeout={cell_timeout}", f"--notebook-timeout={notebook_timeout}"]
        self.options += [f"--memory-mb={memory_mb}"] if memory_mb else []
        self.options += ["--unsafe"] if unsafe else []
        self.budget = len(lessons()) * (notebook_timeout + 60) + 120
        self.env = dict(os.environ)
        self.leases: list[UidLease] = [lease_uid() for _ in range(slots)] if can_switch_users() else []
        if self.leases:
            self.env[INTERPRETER_VARIABLE] = json.dumps(kernel_interpreter(self.leases[0].uid))
        self.slots = slots
        self.containment = containment(unsafe, memory_mb)
        self._free_slots = list(range(slots))
        self._lock = threading.Lock()

    def close(self) -> None:
        """Give the leased user ids back."""
        for lease in self.leases:
            lease.release()

    def __call__(self, name: str, path: Path) -> dict:
        """Grade learner ``name``'s ``path`` (folder or zip); return what the learner process wrote."""
        with self._lock:
            slot = self._free_slots.pop(0)
        try:
            return self._grade(name, path, slot)
        finally:
            with self._lock:
                self._free_slots.append(slot)

    def _grade(self, name: str, path: Path, slot: int) -> dict:
        uid = self.leases[slot].uid if self.leases else None
        before = empty_user(uid) if uid is not None else None
        try:
            result = self._run(name, path, uid)
        finally:
            after = empty_user(uid) if uid is not None else None
        result["problems"] += [f"before grading: {before}"] * bool(before) + [f"after grading: {after}"] * bool(after)
        return result

    def _run(self, name: str, path: Path, uid: int | None) -> dict:
        command = [
            sys.executable,
            "-m",
            "nnlib.grading.learner",
            f"--name={name}",
            f"--submission={path.resolve()}",
            f"--out={self.out.resolve()}",
            *([f"--uid={uid}"] if uid is not None else []),
            f"--hide={path.resolve().parent}",
            *self.options,
        ]
        target = self.out / "results" / f"{safe_name(name)}.json"
        target.unlink(missing_ok=True)
        try:
            finished = subprocess.run(
                command, capture_output=True, text=True, timeout=self.budget, check=False, env=self.env
            )
            error = finished.stderr.strip().splitlines()[-1:] if finished.returncode else []
        except subprocess.TimeoutExpired:
            error = [f"grading took longer than {self.budget:g} s"]
        if target.exists():
            return json.loads(target.read_text())
        raise RuntimeError(f"grading {name} failed: {' '.join(error) or 'no result written'}")


def shard_of(learners: list[tuple[str, Path]], shard: tuple[int, int] | None) -> list[tuple[str, Path]]:
    """The learners of shard ``(K, N)``: the K-th of every N, in name order (all of them without a shard)."""
    if shard is None:
        return learners
    number, count = shard
    if not 1 <= number <= count:
        raise GradingError(f"shard {number}/{count}: K must be between 1 and N")
    return learners[number - 1 :: count]


def _collect(
    name: str, finished: Future, results: list[dict], failures: list[str], accepted: set[tuple[str, str]]
) -> str:
    """Add learner ``name``'s finished grading to ``results`` (reviews in ``accepted`` passed), or its failure
    to ``failures``; return what the progress bar shows for it."""
    try:
        result = finished.result()
        results.append(accept(result, accepted))
        failures.extend(f"{name}: {error}" for error in result.get("grader_errors", []))
        return name
    except Exception as error:  # noqa: BLE001  (one learner's grader failure must not stop the class)
        failures.append(str(error))
        return f"{name}: FAILED"


def grade_class(
    submissions: Path | str,
    out: Path | str,
    *,
    jobs: int | None = None,
    cell_timeout: float = 60.0,
    notebook_timeout: float = 600.0,
    memory_mb: int | None = None,
    progress: bool = True,
    unsafe: bool = False,
    shard: tuple[int, int] | None = None,
    accepted: set[tuple[str, str]] = frozenset(),
) -> ClassResult:
    """Grade every learner in ``submissions`` (or shard ``(K, N)`` of them) into the report folder ``out``.

    Reviews of ``(learner, exercise)`` pairs in ``accepted`` count as passed. Raises :class:`GradingError`
    when kernels cannot run under bubblewrap and ``unsafe`` is not given.
    """
    submissions, out = Path(submissions), Path(out)
    learners, renamed = distinct_names(shard_of(find_learners(submissions), shard))
    if out.resolve() == submissions.resolve() or submissions.resolve() in out.resolve().parents:
        raise GradingError("the report folder must not be inside the submissions")
    problem = None if unsafe else bwrap_problem()
    if problem:
        raise GradingError(f"{problem}; the kernels must run in its containers (or pass --unsafe: {UNCONTAINED})")
    out.mkdir(parents=True, exist_ok=True)
    os.chmod(out, 0o700)  # the report is the grader's alone: no kernel, no other user reads it
    (out / "results").mkdir(mode=0o700, exist_ok=True)
    if not learners:  # a shard with no learner (more shards than learners): an empty report, to merge
        write_report(out, [], [])
        write_failures(out, [])
        return ClassResult([], [], 0.0, [], containment(unsafe, memory_mb))
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(learners)))
    grade_one = _LearnerProcess(
        out,
        slots=jobs,
        cell_timeout=cell_timeout,
        notebook_timeout=notebook_timeout,
        memory_mb=memory_mb,
        unsafe=unsafe,
    )
    results: list[dict] = []
    failures: list[str] = []
    started = time.monotonic()
    try:
        _grade_all(grade_one, learners, renamed, accepted, out, results, failures, started, progress)
    finally:
        grade_one.close()
    warnings = _warnings(submissions, unsafe) + list(renamed.values())
    return ClassResult(results, failures, time.monotonic() - started, warnings, containment(unsafe, memory_mb))


def _grade_all(grade_one, learners, renamed, accepted, out, results, failures, started, progress) -> None:
    """Grade ``learners`` with ``grade_one``, as many at once as it has slots, rewriting the report as they end."""
    with ThreadPoolExecutor(max_workers=grade_one.slots) as pool:
        # The biggest submissions first, so that the last learners to finish are quick ones.
        by_size = sorted(learners, key=lambda learner: -_size(learner[1]))
        futures = {pool.submit(grade_one, name, path): name for name, path in by_size}
        if progress:
            _progress(0, len(learners), started, "")
        for future in as_completed(futures):
            last = _collect(futures[future], future, results, failures, accepted)
            if futures[future] in renamed and results and results[-1]["learner"] == futures[future]:
                results[-1]["problems"].append(renamed[futures[future]])
            results.sort(key=lambda result: result["learner"])
            write_report(out, results, failures, grade_one.containment)
            write_failures(out, failures)
            if progress:
                _progress(len(results) + len(failures), len(learners), started, last)
