"""A learner's kernels forked from one warmed-up process in the learner's sandbox, instead of each started anew.

Starting an IPython kernel and importing numpy, matplotlib and nnlib costs about a second of
CPU; forked from a process that has done it, a kernel is ready in a tenth of that. Once per
learner the grader starts :func:`serve` in a bubblewrap container (:class:`Forkserver`); for
each notebook it writes a connection file into the sandbox's ``run/`` folder and asks for a
kernel, which the server forks: a new process, new session, nothing of the learner's in it,
the modules already imported (what :meth:`~nnlib.grading.kernel.KernelSession.warm_up` imports
anyway), its standard streams on ``/dev/null``.

The server stays root in its container when the grader is root (with only the capabilities
of :data:`~nnlib.grading.sandbox.ROOT_CAPABILITIES`), so that each kernel gets what a container
of its own gave it: its first process makes new mount, pid, IPC and uts namespaces, puts an
empty size-limited folder in memory on ``/tmp``, ``/dev/shm`` and the sandbox's ``work``,
``home`` and ``tmp`` (the mounts inside them bound again), and forks the kernel, which mounts
its own ``/proc``, switches to the learner's user id and process limit, and becomes process 1
of its pid namespace: when it ends, everything it started ends. The learner's code never runs
as root, and cannot signal or read the server. Without root (a grader that is not root) the
server cannot make namespaces: the learner's kernels then share the container, one after the
other, and its ``/tmp``.

The protocol, one line each way over the server's stdin and stdout: the server first says
``ready isolated`` (or ``ready shared``); the grader writes ``NONCE CONNECTION_FILE``, the server
answers ``NONCE PID`` (the kernel's first process, in the container).
"""

from __future__ import annotations

import ctypes
import functools
import os
import re
import secrets
import select
import signal
import subprocess
import sys
import threading
import time

from nnlib.grading.launch import become_user, die_with_parent

__all__ = ["Forkserver", "ForkedKernel", "ForkserverError", "serve", "kill_group", "WARM_UP_MODULES"]

READY = "ready"
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"  # what ipykernel sets before matplotlib is imported
#: what (nearly) every lesson imports, and the grader's agent in the kernel: imported by every kernel before its
#: notebook (:meth:`~nnlib.grading.kernel.KernelSession.warm_up`)
WARM_UP_MODULES = (
    "numpy",
    "matplotlib.pyplot",
    "nnlib.checks",
    "nnlib.datasets",
    "nnlib.visual.plotting",
    "nnlib.grading.kernel_side",
)
#: imported by the server before it forks: a kernel's own modules, then those
PRELOADED = ("ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell", "matplotlib_inline.backend_inline")
PRELOADED += WARM_UP_MODULES


# --- in the sandbox --------------------------------------------------------------------------------


CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWPID = 0x00020000, 0x04000000, 0x08000000, 0x20000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT = 0x1, 0x2, 0x4, 0x8, 0x20
MS_BIND, MS_REC, MS_PRIVATE = 0x1000, 0x4000, 0x40000


@functools.cache
def _libc():
    return ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        raise OSError(ctypes.get_errno(), f"{what}: {os.strerror(ctypes.get_errno())}")


def _mount(source: str, target: str, kind: str | None, flags: int, options: str | None = None) -> None:
    encoded = [None if value is None else value.encode() for value in (source, target, kind, options)]
    _check(_libc().mount(encoded[0], encoded[1], encoded[2], flags, encoded[3]), f"mount {target}")


def _mounts_below(folder: str) -> list[tuple[str, bool]]:
    """The outermost mount points inside ``folder`` (the sandbox, a course kept in /tmp), each with whether it is
    read-only."""
    found = []
    with open("/proc/self/mountinfo", encoding="utf-8") as mounts:
        for line in mounts:
            fields = line.split()
            point = re.sub(r"\\(\d{3})", lambda octal: chr(int(octal.group(1), 8)), fields[4])
            if point.startswith(folder.rstrip("/") + "/"):
                found.append((point, "ro" in fields[5].split(",")))
    return [(point, ro) for point, ro in found if not any(point.startswith(other + "/") for other, _ in found)]


def _empty_folder(folder: str, size: int, user: int | None) -> None:
    """An empty folder in memory of ``size`` bytes on ``folder``, owned by ``user``; the mounts that were inside
    it are bound again at their places (they are opened first: once covered, no path reaches them)."""
    kept = [(point, ro, os.open(point, os.O_PATH)) for point, ro in _mounts_below(folder)]
    owner = f",uid={user},gid={user}" if user is not None else ""
    _mount("tmpfs", folder, "tmpfs", MS_NOSUID | MS_NODEV, f"size={size},mode=1777{owner}")
    for point, ro, opened in kept:
        os.makedirs(point, mode=0o755, exist_ok=True)
        _mount(f"/proc/self/fd/{opened}", point, None, MS_BIND | MS_REC)
        if ro:
            _mount("none", point, None, MS_BIND | MS_REMOUNT | MS_RDONLY)
        os.close(opened)


def _own_namespaces(private: list[tuple[str, int]], user: int | None) -> None:
    """In the kernel's first process (root in the learner's container): new mount, pid, IPC and uts namespaces,
    and an empty size-limited folder in memory on each of ``private`` (path, bytes), owned by ``user``."""
    _check(_libc().unshare(CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS), "unshare")
    _mount("none", "/", None, MS_REC | MS_PRIVATE)  # nothing mounted here reaches the container
    for folder, size in private:
        _empty_folder(folder, size, user)


def _become_user(user: int | None, processes: int | None) -> None:
    """Drop root for the learner's user id (its process limit first), and die with the parent."""
    if user is not None:
        become_user(user, processes)
    die_with_parent()


def _kernel(connection_file: str, environment: dict[str, str]) -> None:
    """Become a kernel answering on ``connection_file``; never returns."""
    try:
        os.environ.clear()
        os.environ.update(environment)
        null = os.open(os.devnull, os.O_RDWR)
        for stream in (0, 1, 2):
            os.dup2(null, stream)
        # matplotlib was imported before there was a shell: hook the inline backend to this one
        sys.argv = ["ipykernel_launcher", "-f", connection_file, "--matplotlib=inline"]
        from ipykernel import kernelapp

        kernelapp.launch_new_instance()
    finally:
        os._exit(0)


def _start_kernel(connection_file: str, environment: dict[str, str], setup: Setup) -> None:
    """In the forked child: the kernel, in namespaces of its own when the server may make them; never returns.

    With namespaces, this process stays root outside them, waits for the kernel (process 1 of its new pid
    namespace: when it ends, everything it started ends) and exits with it; the grader stops both."""
    try:
        os.setsid()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # the learner's code waits for its own children
        if not setup.isolated:
            _become_user(setup.user, setup.processes)
            _kernel(connection_file, environment)
        die_with_parent()  # still root: it makes the namespaces
        _own_namespaces(setup.private, setup.user)
        kernel = os.fork()
        if kernel == 0:
            try:
                _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)  # its own processes only
                os.chdir(environment.get("PWD", os.getcwd()))
                _become_user(setup.user, setup.processes)
            except BaseException:
                os._exit(1)
            _kernel(connection_file, environment)
        for stream in (0, 1, 2):
            os.close(stream)
        _, status = os.waitpid(kernel, 0)
        os._exit(os.waitstatus_to_exitcode(status) & 0xFF)
    finally:
        os._exit(1)


class Setup:
    """How the server makes kernels: the learner's user id and process limit (``None``: the server's own user),
    and the folders each kernel gets empty and private (``isolated``: when the server may make namespaces)."""

    def __init__(self, user: int | None, processes: int | None, private: list[tuple[str, int]]):
        self.user, self.processes, self.private = user, processes, private
        self.isolated = self._can_isolate()

    def _can_isolate(self) -> bool:
        """Whether a child can make namespaces of its own (the server is root in its container)."""
        probe = os.fork()
        if probe == 0:
            try:
                _own_namespaces([], None)
            except BaseException:
                os._exit(1)
            os._exit(0)
        _, status = os.waitpid(probe, 0)
        return os.waitstatus_to_exitcode(status) == 0


def serve(argv: list[str] | None = None) -> None:
    """The server: import :data:`PRELOADED`, say ``ready`` (and whether kernels get namespaces of their own), then
    fork a kernel per request line until stdin ends."""
    import argparse

    from nnlib.grading.sandbox import SHM_BYTES, TMP_BYTES

    parser = argparse.ArgumentParser(prog="python -m nnlib.grading.forkserver")
    parser.add_argument("--uid", type=int)
    parser.add_argument("--processes", type=int)
    args = parser.parse_args(argv)
    home, tmp, work = os.environ["HOME"], os.environ["TMPDIR"], os.getcwd()
    # in memory, so as much in all as a container of its own had: /tmp, /dev/shm, and the sandbox's folders
    private = [("/tmp", TMP_BYTES), ("/dev/shm", SHM_BYTES), (work, TMP_BYTES // 4), (home, TMP_BYTES // 4)]
    private.append((tmp, TMP_BYTES // 2))
    setup = Setup(args.uid, args.processes, private)
    environment = {**os.environ, "MPLBACKEND": INLINE_BACKEND, "PWD": work}
    os.environ["MPLBACKEND"] = INLINE_BACKEND
    for module in PRELOADED:
        __import__(module)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # kernels that end are reaped by the system
    print(READY, "isolated" if setup.isolated else "shared", flush=True)
    for line in sys.stdin:
        nonce, _, connection_file = line.strip().partition(" ")
        if not connection_file:
            continue
        pid = os.fork()
        if pid == 0:
            _start_kernel(connection_file, environment, setup)
        print(f"{nonce} {pid}", flush=True)


# --- in the grader ---------------------------------------------------------------------------------


class ForkserverError(RuntimeError):
    """The server did not start, or did not answer a request in time."""


def _children(pid: int) -> list[int]:
    """The children of process ``pid`` (Linux), empty when it is gone."""
    try:
        found = []
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as children:
                found += [int(child) for child in children.read().split()]
        return found
    except OSError:
        return []


def _innermost_pid(pid: int) -> int | None:
    """Process ``pid``'s number in its own (innermost) pid namespace."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("NSpid:"):
                    return int(line.split()[-1])
    except (OSError, ValueError):
        pass
    return None


def _start_time(pid: int) -> str | None:
    """When process ``pid`` started (clock ticks since boot): with its pid, names it even after the pid is reused."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            fields = stat.read().rpartition(")")[2].split()
    except OSError:
        return None
    return None if fields[0] in ("Z", "X") else fields[19]


def kill_group(process: subprocess.Popen | ForkedKernel, timeout: float = 30) -> None:
    """SIGKILL to the process group ``process`` leads (unless it has ended), then wait until it has. A forked
    kernel's first process's children get it too: a kernel in namespaces of its own is its child, and ends
    them all (process 1 of its pid namespace), even when it has left the group."""
    if process.poll() is None:
        inner = _children(process.pid) if isinstance(process, ForkedKernel) else []
        for pid in inner:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    process.wait(timeout=timeout)


class ForkedKernel:
    """A kernel forked by a :class:`Forkserver`, seen from the grader: what :class:`subprocess.Popen` offers
    :class:`~nnlib.grading.kernel.KernelSession` (``pid``, ``poll``, ``wait``, ``returncode``)."""

    def __init__(self, pid: int):
        self.pid = pid  # in the grader's pid namespace; the kernel leads its own process group
        self._started = _start_time(pid)
        self.returncode: int | None = None

    def poll(self) -> int | None:
        """``None`` while the kernel runs; afterwards -9 (its exit status belongs to the server, which reaped it)."""
        if self.returncode is None and (self._started is None or _start_time(self.pid) != self._started):
            self.returncode = -signal.SIGKILL
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = time.monotonic() + (timeout if timeout is not None else 1e9)
        while self.poll() is None:
            if time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout)
            time.sleep(0.01)
        return self.returncode


class Forkserver:
    """The server of one learner's kernels, in a container of ``sandbox`` (see :func:`serve`).

    Parameters
    ----------
    sandbox : Sandbox
        Contained (bubblewrap): its ``run/`` folder holds the kernels' connection files.
    environment : dict
        Added to the sandbox's environment, for the server and so for its kernels.
    """

    START_TIMEOUT = 60.0
    ANSWER_TIMEOUT = 10.0

    def __init__(self, sandbox, environment: dict[str, str]):
        from nnlib.grading.sandbox import arguments_through_a_pipe

        self.sandbox = sandbox
        user = [f"--uid={sandbox.uid}", f"--processes={sandbox.limits.processes}"] if sandbox.uid is not None else []
        # root in its container (ROOT_CAPABILITIES), so that each kernel gets namespaces of its own; every kernel
        # switches to the learner's user id before the learner's first line
        server = sandbox.python_command(["-m", "nnlib.grading.forkserver", *user], switch_user=False)
        command, read = arguments_through_a_pipe(server)
        self.process = subprocess.Popen(
            command,
            pass_fds=(read,),
            cwd=sandbox.work,
            env={**sandbox.environment(), **environment},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        os.close(read)
        self._answers = b""
        self._talking = threading.Lock()  # one request at a time: the next kernel starts in a thread of its own
        try:
            said = self._line(self.START_TIMEOUT)
        except ForkserverError:
            said = None
        self.isolated = said == f"{READY} isolated"  # each kernel in namespaces of its own
        if not said or said.split()[0] != READY:
            try:  # its output ends a moment before its exit status can be collected
                ended = self.process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                ended = None
            self.stop()
            if ended is not None:
                raise ForkserverError(f"the kernel server exited while starting (exit code {ended})")
            raise ForkserverError(f"the kernel server did not start within {self.START_TIMEOUT:g} s")
        self._server = self._find(lambda pid: _innermost_pid(pid) == 2)  # bwrap is 1, the server it started 2

    def alive(self) -> bool:
        return self.process.poll() is None and self._server is not None and _start_time(self._server) is not None

    def fork(self, connection_file) -> ForkedKernel:
        """A kernel that answers on ``connection_file`` (in the sandbox's ``run/``); :class:`ForkserverError`
        when the server does not answer in time."""
        with self._talking:
            return self._fork(connection_file)

    def _fork(self, connection_file) -> ForkedKernel:
        nonce = secrets.token_hex(8)  # what the learner's code could write to the server's output cannot guess it
        try:
            self.process.stdin.write(f"{nonce} {connection_file}\n".encode())
            self.process.stdin.flush()
        except OSError as error:
            raise ForkserverError(f"the kernel server is gone ({error})") from error
        deadline = time.monotonic() + self.ANSWER_TIMEOUT
        while True:  # lines that are not the answer (the learner's code can reach the server) are passed over
            answer = self._line(deadline - time.monotonic())
            said, _, pid = answer.partition(" ")
            if said == nonce and pid.isdigit():
                break
        for child in _children(self._server):
            if _innermost_pid(child) == int(pid):
                return ForkedKernel(child)
        raise ForkserverError(f"the kernel server's child {pid} is not there")

    def stop(self) -> None:
        """End the server's container, and with it every process the learner's kernels left."""
        kill_group(self.process)
        for stream in (self.process.stdin, self.process.stdout):
            try:
                stream.close()
            except OSError:
                pass

    def _line(self, timeout: float) -> str:
        """The server's next line; :class:`ForkserverError` when none comes within ``timeout`` seconds."""
        deadline = time.monotonic() + max(timeout, 0.0)
        stdout = self.process.stdout.fileno()
        while b"\n" not in self._answers:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([stdout], [], [], left)[0]:
                raise ForkserverError("the kernel server did not answer in time")
            chunk = os.read(stdout, 4096)
            if not chunk:
                raise ForkserverError("the kernel server has ended")
            self._answers += chunk
            if len(self._answers) > 2**16:
                raise ForkserverError("the kernel server said too much")
        line, _, self._answers = self._answers.partition(b"\n")
        return line.decode("ascii", errors="replace").strip()

    def _find(self, wanted) -> int | None:
        """The first process below the container's (breadth first) for which ``wanted(pid)`` holds."""
        queue = _children(self.process.pid)
        while queue:
            pid = queue.pop(0)
            if wanted(pid):
                return pid
            queue += _children(pid)
        return None


if __name__ == "__main__":
    serve()
