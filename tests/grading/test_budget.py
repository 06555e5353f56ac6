"""nnlib.grading.budget: one budget for all of a learner's processes, a cgroup where there is one, else a watchdog;
a learner whose slot hits its memory or time budget is killed and cleaned like any other.

The cgroup v2 path is tried against a fake cgroup folder (this machine's may offer no memory controller:
then the detection says why and the watchdog is in force). The kills are real: one slot (a user id of its
own, so root only) grades a learner who leaves files and detached processes and then runs over its memory
budget, one who runs over its time budget, and an honest learner after each in the same slot.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
import pytest

from grading.welcome_notebooks import RIGHT, welcome
from nnlib.grading import budget, uids
from nnlib.grading.budget import CgroupBudget, cgroup_parent, describe_budget
from nnlib.grading.sandbox import (
    BWRAP,
    LAUNCHER,
    Sandbox,
    arguments_through_a_pipe,
    bwrap_problem,
    can_switch_users,
    kernel_interpreter,
)
from nnlib.grading.uids import FIRST_UID, SHARED_TEMPORARY, processes_of

# --- which budget is in force ------------------------------------------------------------------------------


def fake_cgroup_machine(tmp_path: Path, controllers: str, own: str = "/grader") -> tuple[Path, Path]:
    """A fake ``/proc/self`` (cgroup membership and mounts) and a fake cgroup v2 folder of the grader."""
    proc, mount = tmp_path / "proc", tmp_path / "cgroupfs"
    proc.mkdir()
    (proc / "cgroup").write_text(f"4:memory:/somewhere\n0::{own}\n")
    (proc / "mountinfo").write_text(
        f"22 1 0:21 / /proc rw,nosuid - proc proc rw\n41 31 0:38 / {mount} rw,relatime - cgroup2 cgroup2 rw\n"
    )
    folder = mount / own.lstrip("/")
    folder.mkdir(parents=True)
    (folder / "cgroup.controllers").write_text(controllers + "\n")
    (folder / "cgroup.subtree_control").write_text("\n")
    return proc, folder


def test_a_cgroup_with_memory_and_pids_is_chosen_and_hands_them_to_its_children(tmp_path, monkeypatch):
    monkeypatch.delenv(budget.CGROUP_VARIABLE, raising=False)
    proc, folder = fake_cgroup_machine(tmp_path, "cpuset cpu io memory pids")
    parent, how = cgroup_parent.__wrapped__(proc)
    assert parent == folder and how == f"{folder} (the grader's own cgroup)"
    assert (folder / "cgroup.subtree_control").read_text().split() == ["+memory", "+pids"]
    assert [path.name for path in folder.iterdir()] == ["cgroup.controllers", "cgroup.subtree_control"]  # no probe


@pytest.mark.parametrize(
    "controllers, own, why",
    [
        (
            "hugetlb",
            "/",
            "does not offer the memory and pids controllers (it offers: hugetlb)",
        ),
        ("memory", "/grader", "does not offer the pids controllers (it offers: memory)"),
    ],
)
def test_a_cgroup_without_the_controllers_is_not_used_and_the_reason_is_said(
    tmp_path, monkeypatch, controllers, own, why
):
    monkeypatch.delenv(budget.CGROUP_VARIABLE, raising=False)
    proc, _ = fake_cgroup_machine(tmp_path, controllers, own)
    parent, how = cgroup_parent.__wrapped__(proc)
    assert parent is None and why in how


def test_no_cgroup_v2_or_a_refused_subtree_falls_back_with_the_reason(tmp_path, monkeypatch):
    monkeypatch.delenv(budget.CGROUP_VARIABLE, raising=False)
    proc, folder = fake_cgroup_machine(tmp_path, "memory pids")
    (proc / "cgroup").write_text("4:memory:/somewhere\n")  # cgroup v1 only
    assert cgroup_parent.__wrapped__(proc) == (None, "no cgroup v2 hierarchy is mounted for the grader")
    (proc / "cgroup").write_text("0::/grader\n")
    (folder / "cgroup.subtree_control").unlink()
    (folder / "cgroup.subtree_control").mkdir()  # writing it fails, as EBUSY does in a cgroup with processes
    parent, how = cgroup_parent.__wrapped__(proc)
    assert parent is None and "cannot get memory and pids controllers" in how and budget.CGROUP_VARIABLE in how


def test_the_variable_names_the_cgroup_to_use(tmp_path, monkeypatch):
    proc, _ = fake_cgroup_machine(tmp_path, "hugetlb")
    chosen = tmp_path / "delegated"
    chosen.mkdir()
    (chosen / "cgroup.controllers").write_text("memory pids\n")
    (chosen / "cgroup.subtree_control").write_text("memory pids\n")
    monkeypatch.setenv(budget.CGROUP_VARIABLE, str(chosen))
    assert cgroup_parent.__wrapped__(proc) == (chosen, f"{chosen} (${budget.CGROUP_VARIABLE})")


def test_this_machine_says_which_budget_is_in_force():
    parent, how = cgroup_parent()
    said = describe_budget(2048, 256)
    assert "2560 MB for all of a learner's processes together" in said
    if parent is None:  # the watchdog, and why not a cgroup
        assert f"the grader's watchdog over its user id, not a cgroup: {how}" in said
        assert "RLIMIT_NPROC" in said
    else:
        assert f"a cgroup v2 per slot under {how}" in said and "256 processes" in said
    print(said)


def test_the_class_grader_prints_the_budget_in_force():
    from nnlib.grading.classroom import containment

    lines = containment(unsafe=False, memory_mb=2048)
    if can_switch_users():
        assert describe_budget(2048, 256) in lines


# --- the cgroup's files -------------------------------------------------------------------------------------


@pytest.fixture
def fake_parent(tmp_path, monkeypatch):
    """A folder standing for a cgroup v2 parent; its children are removed as plain folders."""
    monkeypatch.setattr(budget, "_remove_folder", shutil.rmtree)
    return tmp_path


def test_a_slot_cgroup_gets_its_limits_and_is_removed_after(fake_parent):
    with CgroupBudget(fake_parent, 61234, 100, 16) as slot:
        folder = fake_parent / "nnlib-grader-uid-61234"
        assert slot.cgroup == folder
        assert (folder / "memory.max").read_text() == f"{612 * 2**20}\n"  # 100 MB and the headroom
        assert (folder / "pids.max").read_text() == "16\n"
        assert (folder / "memory.oom.group").read_text() == "1\n"
        assert not (folder / "memory.swap.max").exists()  # written only where the kernel has it
        assert slot.take_notes() == []
        (folder / "memory.events").write_text("low 0\nhigh 0\nmax 7\noom 2\noom_kill 3\noom_group_kill 1\n")
        (folder / "pids.events").write_text("max 5\n")
        notes = slot.take_notes()
        assert notes == [
            "its processes reached their budget of 612 MB together: all were stopped "
            "(3 killed by the system, cgroup memory.max)",
            "its processes reached their budget of 16 processes together: 5 new ones were refused (cgroup pids.max)",
        ]
        assert slot.take_notes() == []  # said once
    assert not folder.exists()


def test_a_cgroup_left_by_an_earlier_run_is_made_anew(fake_parent):
    left = fake_parent / "nnlib-grader-uid-61234"
    left.mkdir()
    (left / "memory.max").write_text("max\n")
    (left / "cgroup.procs").write_text("")
    with CgroupBudget(fake_parent, 61234, 100, 16):
        assert (left / "memory.max").read_text() == f"{612 * 2**20}\n" and not (left / "cgroup.procs").exists()


def test_the_launcher_joins_the_cgroup_before_the_command_runs(tmp_path):
    (tmp_path / "cgroup.procs").write_text("")
    ran = subprocess.run(
        [sys.executable, "-I", str(LAUNCHER), f"--cgroup={tmp_path}", "--", "sh", "-c", "echo $$"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert (tmp_path / "cgroup.procs").read_text() == ran.stdout  # the same process: it joined, then exec'd


def test_bwraps_options_go_through_a_pipe_after_a_joining_launcher():
    command = ["python", "-I", "launch.py", "--cgroup=/cg", "--", BWRAP, "--ro-bind", "/", "/", "--", "kernel"]
    moved, read = arguments_through_a_pipe(command)
    try:
        assert moved == ["python", "-I", "launch.py", "--cgroup=/cg", "--", BWRAP, "--args", str(read), "--", "kernel"]
        assert os.read(read, 1000) == b"--ro-bind\0/\0/\0"
    finally:
        os.close(read)


@pytest.mark.skipif(bwrap_problem() is not None, reason=f"needs bubblewrap: {bwrap_problem()}")
def test_a_contained_kernel_joins_its_cgroup_through_the_launcher_in_front_of_bwrap(tmp_path):
    from nnlib.grading.kernel import KernelSession
    from nnlib.grading.kernel_side import MIME

    cgroup = tmp_path / "cgroup"
    cgroup.mkdir()
    (cgroup / "cgroup.procs").write_text("")
    sandbox = Sandbox(None, contained=True, cgroup=cgroup)
    session = KernelSession(sandbox, MIME)
    try:
        session.start()
        ran = session.run_cell("print(6 * 7)", 30)
        assert ran.status == "ok" and ran.outputs[0]["text"] == "42\n"
        assert session.process.pid == int((cgroup / "cgroup.procs").read_text())  # bwrap itself joined
    finally:
        session.stop()
        sandbox.remove()


# --- budget kills, for real ---------------------------------------------------------------------------------

needs_users = pytest.mark.skipif(
    not can_switch_users() or kernel_interpreter(FIRST_UID) is None, reason="needs root and a user id per learner"
)


def litter(token: str) -> str:
    """A cell that leaves a file in each shared temporary folder and a detached process named by ``token``."""
    return (
        "import subprocess\n"
        f"for folder in {list(SHARED_TEMPORARY)!r}:\n"
        f"    open(folder + '/{token}', 'w').write('left')\n"
        f"subprocess.Popen(['sleep', '{token[-6:]}.{token[:6]}'], start_new_session=True)\n"
    )


def left_by(uid: int, token: str) -> list[str]:
    """What ``uid`` still runs, and what it or ``token`` still has in the shared temporary folders."""
    found = [f"process {pid}" for pid in processes_of(uid)]
    for folder in SHARED_TEMPORARY:
        for entry in os.scandir(folder):
            try:
                if token in entry.name or entry.stat(follow_symlinks=False).st_uid == uid:
                    found.append(entry.path)
            except OSError:
                continue
    return found


@pytest.fixture(scope="module")
def slot_runs():
    """One slot grades: a learner over its memory budget, an honest one, a learner over its time budget, an
    honest one. Without bubblewrap (``--unsafe``): the kernels share ``/tmp``, ``/var/tmp`` and ``/dev/shm``,
    so what they leave there is really there until the slot is cleaned."""
    from nnlib.grading import classroom

    patched = pytest.MonkeyPatch()

    holder = tempfile.TemporaryDirectory(prefix="nnlib-budget-test-")
    base = Path(holder.name)
    token = "nnlib" + secrets.token_hex(6)
    hog = (
        "import subprocess, sys\n"  # three children of 700 MB each: over the learner's 1024 + 512 MB together
        "grab = \"import time; x = b'x' * (700 * 2**20); time.sleep(60)\"\n"
        "children = [subprocess.Popen([sys.executable, '-c', grab]) for _ in range(3)]\n"
        "for child in children:\n    child.wait()"
    )
    submissions = {
        "hog": [litter(token + "-hog"), hog],
        "slow": [litter(token + "-slow"), "while True:\n    pass"],
        "honest": [],
    }
    for name, cells in submissions.items():
        (base / "class" / name).mkdir(parents=True)
        nbformat.write(welcome(RIGHT, cells, after="layer_sizes"), base / "class" / name / "00_welcome.ipynb")
    (base / "out" / "results").mkdir(parents=True)
    grade_one = classroom._LearnerProcess(
        base / "out", slots=1, cell_timeout=60, notebook_timeout=120, memory_mb=1024, unsafe=True
    )
    uid = grade_one.leases[0].uid
    runs = {"uid": uid, "token": token, "cleaned": []}

    def empty_user(uid):  # what the slot's cleaning found, even when the learner's grading failed
        note = uids.empty_user(uid)
        runs["cleaned"].append(note)
        return note

    try:
        patched.setattr(classroom, "empty_user", empty_user)
        runs["hog"] = grade_one("hog", base / "class" / "hog")
        runs["after_hog"] = left_by(uid, token)
        runs["honest_after_hog"] = grade_one("honest", base / "class" / "honest")
        grade_one.budget = 25  # seconds for the whole learner: the endless loop outlasts it
        with pytest.raises(RuntimeError) as slow:
            grade_one("slow", base / "class" / "slow")
        runs["slow"] = str(slow.value)
        runs["after_slow"] = left_by(uid, token)
        grade_one.budget = 600
        runs["honest_after_slow"] = grade_one("honest", base / "class" / "honest")
    finally:
        patched.undo()
        grade_one.close()
        holder.cleanup()
    yield runs


def outcomes(result: dict) -> dict[str, str]:
    return {row["exercise"]: row["outcome"] for row in result["rows"] if row["lesson"] == "00_welcome"}


@needs_users
def test_a_learner_over_its_memory_budget_is_stopped_and_its_slot_cleaned(slot_runs):
    hog = slot_runs["hog"]
    said = " | ".join(hog["problems"])
    if cgroup_parent()[0] is None:
        assert "more than its budget of 1536 MB: all were stopped" in said, said
    else:
        assert "reached their budget of 1536 MB together" in said, said
    assert "after grading: 1 processes and 3 files of its user were left behind; removed" in said, said
    assert slot_runs["after_hog"] == []
    assert set(outcomes(hog).values()) == {"passed"}  # the cells after the hog ran in a new kernel


@needs_users
def test_a_learner_over_its_time_budget_is_killed_and_its_slot_cleaned(slot_runs):
    assert "grading slow failed: grading took longer than 25 s" in slot_runs["slow"]
    # before, after the hog; before, after the honest one; before, after the slow one: its detached process
    # (and its kernel, when the kill of its grading process has not yet reached it) and its 3 files
    assert re.fullmatch(r"[12] processes and 3 files of its user were left behind; removed", slot_runs["cleaned"][5])
    assert slot_runs["after_slow"] == []  # its detached process and its files went with it


@needs_users
@pytest.mark.parametrize("after", ["honest_after_hog", "honest_after_slow"])
def test_the_next_learner_in_the_slot_is_graded_as_if_alone(slot_runs, after):
    honest = slot_runs[after]
    assert set(outcomes(honest).values()) == {"passed"}
    assert not [problem for problem in honest["problems"] if "grading:" in problem], honest["problems"]


def test_restarts_and_their_replays_count_against_the_notebook_time(tmp_path):
    from nnlib.grading.classroom import _LearnerProcess

    # a slow cell that finishes, then cells that kill the kernel: each restart replays the slow cell
    cells = ["import time\ntime.sleep(5)"] + ["import os\nos._exit(1)"] * 10
    (tmp_path / "class" / "replayer").mkdir(parents=True)
    nbformat.write(welcome(RIGHT, cells, after="layer_sizes"), tmp_path / "class" / "replayer" / "00_welcome.ipynb")
    (tmp_path / "out" / "results").mkdir(parents=True)
    grade_one = _LearnerProcess(
        tmp_path / "out",
        slots=1,
        cell_timeout=8,
        notebook_timeout=20,
        memory_mb=None,
        unsafe=bwrap_problem() is not None,
    )
    try:
        result = grade_one("replayer", tmp_path / "class" / "replayer")
    finally:
        grade_one.close()
    said = " | ".join(result["problems"])
    assert re.search(r"the notebook's time limit \(20 s\) ran out at cell \d+", said), said
    # 20 s and the kernels' starts; replays outside the notebook's time took 8 restarts × 7 s and more
    assert result["seconds"] < 40, result["seconds"]
