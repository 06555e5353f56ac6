"""nnlib.grading.pool: kernels started ahead of their notebook, each clean, each a process of its own."""

from __future__ import annotations

import os

import pytest

from nnlib.grading import uids
from nnlib.grading.kernel_side import MIME
from nnlib.grading.pool import KernelPool
from nnlib.grading.sandbox import Sandbox, bwrap_problem, can_switch_users
from nnlib.progress import LIVE_PAUSE_VARIABLE

pytestmark = pytest.mark.skipif(bwrap_problem() is not None, reason=f"needs bubblewrap: {bwrap_problem()}")

MARK = "nnlib-pool-test-left"
LINGERING = "4242.5"  # the seconds a detached `sleep` of the test waits: how the test finds it in /proc


@pytest.fixture
def uid(tmp_path):
    """A leased user id as root (emptied afterwards), ``None`` otherwise."""
    if not can_switch_users():
        yield None
        return
    lease = uids.lease_uid(tmp_path / "locks")
    try:
        yield lease.uid
    finally:
        uids.empty_user(lease.uid)
        lease.release()


def _value(session, expression: str) -> str:
    """What ``expression`` shows in ``session``'s kernel (its ``repr``, printed)."""
    run = session.run_cell(f"print(repr({expression}))", 60)
    assert run.status == "ok", run.error
    return "".join(output.get("text", "") for output in run.outputs).strip()


def _lingering() -> list[int]:
    """The host's process ids of the test's detached ``sleep``."""
    found = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                if cmdline.read().split(b"\0")[:2] == [b"sleep", LINGERING.encode()]:
                    found.append(int(entry))
        except (OSError, ValueError):
            continue
    return found


def _pid(session) -> int:
    return int(_value(session, "__import__('os').getpid()"))


def test_a_kernel_started_ahead_is_fresh_and_apart(uid):
    with KernelPool(lambda: Sandbox(uid, contained=True), MIME) as pool:
        first = pool.take(another=True)
        isolated = pool._server.isolated  # root in the container: each kernel in namespaces of its own
        assert isolated == can_switch_users()
        modules = "sorted(n for n, v in globals().items() if type(v).__name__ == 'module' and n[:2] != '__')"
        assert _value(first, modules) == "[]"
        assert _value(first, "'numpy' in __import__('sys').modules") == "True"  # warmed up, no name bound
        assert _value(first, f"__import__('os').environ.get({LIVE_PAUSE_VARIABLE!r})") == "'0'"
        assert _value(first, "__import__('matplotlib').get_backend()") == "'inline'"  # figures reach the notebook
        # the learner's user id (the grader's own when that user cannot run the course's Python, see Sandbox)
        expected = first.sandbox.uid if first.sandbox.uid is not None else os.geteuid()
        assert _value(first, "__import__('os').getuid()") == str(expected)
        first_container = _value(first, "__import__('os').readlink('/proc/self/ns/pid')")
        script = (
            f"import os, subprocess, tempfile\n"
            f"for folder in ('.', os.environ['HOME'], tempfile.gettempdir(), '/tmp', '/dev/shm'):\n"
            f"    open(os.path.join(folder, {MARK!r}), 'w').write('x')\n"
            f"subprocess.Popen(['sleep', {LINGERING!r}], start_new_session=True)\n"
            f"secret = 'of the first notebook'\n"
        )
        assert first.run_cell(script, 60).status == "ok"
        assert _lingering()
        kernel = first.process
        ahead = pool._ahead  # the next notebook's kernel, starting while the first one runs
        assert ahead is not None
        pool.discard(first)  # the first notebook is done: its kernel and what it started end, not the next one
        assert kernel.poll() is not None
        assert not _lingering() if isolated else _lingering()  # shared: it ends with the learner's container
        second = pool.take(another=False)
        assert second is ahead.result()  # it survived the end of the first notebook's kernel
        assert second.process.pid != kernel.pid
        assert _value(second, "'secret' in globals()") == "False"
        assert _value(second, modules) == "[]"
        if isolated:  # not even the same pid namespace, and none of the first notebook's files
            assert _value(second, "__import__('os').readlink('/proc/self/ns/pid')") != first_container
            found = _value(
                second,
                f"[f for f in ('.', __import__('os').environ['HOME'], __import__('tempfile').gettempdir(), '/tmp', "
                f"'/dev/shm') if __import__('os').path.exists(__import__('os').path.join(f, {MARK!r}))]",
            )
            assert found == "[]"
        pool.discard(second)
        root = second.sandbox.root
    assert not _lingering()  # leaving the pool ends the learner's container, and anything left in it
    assert not root.exists()


def test_a_notebook_that_kills_the_kernel_server_does_not_stop_the_next_one(uid):
    with KernelPool(lambda: Sandbox(uid, contained=True), MIME) as pool:
        first = pool.take(another=False)
        first.run_cell("import os, signal\nos.kill(os.getppid(), signal.SIGKILL)", 30)  # the server forked it
        pool.discard(first)
        second = pool.take(another=False)
        assert _value(second, "1 + 1") == "2"
        pool.discard(second)


@pytest.mark.skipif(not can_switch_users(), reason="needs root (a user id of its own)")
def test_a_kernel_started_ahead_that_was_killed_is_replaced(uid):
    with KernelPool(lambda: Sandbox(uid, contained=True), MIME) as pool:
        first = pool.take(another=True)
        pool._ahead.result(timeout=120)
        uids.kill_processes(uid)  # as the memory budget does: every process of the learner's user id
        pool.discard(first)
        second = pool.take(another=False)
        assert _value(second, "1 + 1") == "2"
        pool.discard(second)


def test_a_restart_while_the_next_kernel_is_forked_gets_a_kernel_of_its_own(uid):
    with KernelPool(lambda: Sandbox(uid, contained=True), MIME) as pool:
        first = pool.take(another=True)  # the background thread asks the server for the next kernel now
        first.restart(30)  # and this thread asks it for another one, at the same time
        second = pool.take(another=False)
        assert _value(first, "1 + 1") == "2" and _value(second, "2 + 2") == "4"
        assert first.process.pid != second.process.pid
        pool.discard(first)
        pool.discard(second)
