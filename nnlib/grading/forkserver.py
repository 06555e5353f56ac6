"""A learner's kernels forked from one warmed-up process in the learner's sandbox, instead of each started anew.

Starting an IPython kernel and importing numpy, matplotlib and nnlib costs about a second of
CPU; forked from a process that has done it, a kernel is ready in a tenth of that. Once per
learner the grader starts :func:`serve` in a bubblewrap container (:class:`Forkserver`); for
each notebook it writes a connection file into the sandbox's ``run/`` folder and asks for a
kernel, which the server forks: a new process, new session, nothing of the learner's in it,
the modules already imported (what :meth:`~nnlib.grading.kernel.KernelSession.warm_up` imports
anyway), its standard streams on ``/dev/null``.

What the learner's kernels share, and why that is fair: they run in one container (its pid,
IPC, uts and network namespaces, its ``/tmp``), as the learner's own user id, one after the
other. A kernel can reach the learner's next kernel or the server, but nothing of any other
learner's, and the grader's verdicts never come from the kernel. Each notebook still gets a
fresh process and an empty namespace; a kernel's process group is killed after its notebook,
and the container (with anything detached that a notebook left running) when the learner is
done. A server that dies (killed by a learner's code, or by the learner's memory budget) is
started again.

The protocol, one line each way over the server's stdin and stdout: the grader writes
``NONCE CONNECTION_FILE``, the server answers ``NONCE PID`` (the kernel's pid in the container).
"""

from __future__ import annotations

import os
import secrets
import select
import signal
import subprocess
import sys
import threading
import time

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


def _start_kernel(connection_file: str, environment: dict[str, str]) -> None:
    """In the forked child: become a kernel answering on ``connection_file``; never returns."""
    try:
        os.setsid()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # the learner's code waits for its own children
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


def serve() -> None:
    """The server: import :data:`PRELOADED`, say ``ready``, then fork a kernel per request line until stdin ends."""
    environment = {**os.environ, "MPLBACKEND": INLINE_BACKEND}
    os.environ["MPLBACKEND"] = INLINE_BACKEND
    for module in PRELOADED:
        __import__(module)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # kernels that end are reaped by the system
    print(READY, flush=True)
    for line in sys.stdin:
        nonce, _, connection_file = line.strip().partition(" ")
        if not connection_file:
            continue
        pid = os.fork()
        if pid == 0:
            _start_kernel(connection_file, environment)
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
    """SIGKILL to the process group ``process`` leads (unless it has ended), then wait until it has."""
    if process.poll() is None:
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
        command, read = arguments_through_a_pipe(sandbox.python_command(["-m", "nnlib.grading.forkserver"]))
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
        if said != READY:
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
