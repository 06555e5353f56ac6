"""A learner's kernel, driven cell by cell: time limits with an interrupt, restarts, capped output.

:class:`KernelSession` starts an IPython kernel in a :class:`~nnlib.grading.sandbox.Sandbox`
and runs code in it with a time limit. When time is up it interrupts the
kernel (``KeyboardInterrupt`` in the cell) and carries on; when the
interrupt does not help within a few seconds, or the kernel dies (``os._exit``,
a crash, its CPU limit), it starts a new kernel and runs again the cells
that had finished, so that later cells and exercises can still be graded. A cell that
runs out of memory gets a new kernel too, since the one it leaves behind may have none left.
What a cell shows is kept as notebook outputs, up to a cap.

Before a learner's first cell, :meth:`KernelSession.warm_up` imports the modules every lesson
uses (:data:`WARM_UP_MODULES`): the grader's code, binding no name, so that a kernel started
ahead of its notebook (:mod:`nnlib.grading.pool`) has paid for them already. Kernels run with
live plots' pauses off (:data:`nnlib.progress.LIVE_PAUSE_VARIABLE`): nobody watches them.
"""

from __future__ import annotations

import json
import os
import queue
import secrets
import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from jupyter_client.blocking import BlockingKernelClient
from jupyter_client.connect import write_connection_file

from nnlib.grading.forkserver import WARM_UP_MODULES, ForkedKernel, ForkserverError, kill_group
from nnlib.grading.sandbox import Sandbox, arguments_through_a_pipe
from nnlib.progress import LIVE_PAUSE_VARIABLE

__all__ = ["CellRun", "KernelSession", "KernelError", "MAX_CELL_OUTPUT", "MAX_NOTEBOOK_OUTPUT", "WARM_UP_MODULES"]

MAX_CELL_OUTPUT = 200_000  # characters of output kept per cell
MAX_NOTEBOOK_OUTPUT = 4_000_000  # and per notebook
MAX_DATA = 100 * 2**20  # characters of the grader's data kept per request
MAX_RESTARTS = 8  # kernels started again per notebook; then the notebook is given up
INTERRUPT_GRACE = 5.0  # seconds an interrupted cell has to stop before the kernel is restarted
START_TIMEOUT = 60.0
KERNEL_ENVIRONMENT = {LIVE_PAUSE_VARIABLE: "0"}  # added to the sandbox's: live plots without pauses (nobody watches)


class KernelError(RuntimeError):
    """The kernel could not be started (or restarted)."""


@dataclass
class CellRun:
    """What running one piece of code gave.

    ``status`` is ``"ok"``, ``"error"`` (it raised), ``"timeout"`` (interrupted
    after its time limit), or ``"died"`` (the kernel died or had to be killed).
    """

    status: str = "ok"
    outputs: list = field(default_factory=list)
    error: str = ""
    dropped: int = 0  # characters of output not kept
    data: list = field(default_factory=list)  # the grader's MIME payloads published by this code
    oversized: int = 0  # characters of the grader's payloads refused for their size


def _size(output) -> int:
    if output.get("output_type") == "stream":
        return len(output.get("text", ""))
    if output.get("output_type") == "error":
        return sum(len(line) for line in output.get("traceback", [])) + len(output.get("evalue", ""))
    return sum(len(value) if isinstance(value, str) else len(json.dumps(value)) for value in output["data"].values())


def _first_child(pid: int) -> int | None:
    """The first child of process ``pid`` (Linux): of bubblewrap, the sandbox's process 1."""
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as children:
            found = children.read().split()
    except OSError:
        return None
    return int(found[0]) if found else None


def _wait_ended(pid: int, timeout: float = 10.0) -> None:
    """Wait until process ``pid`` has exited (gone, or a zombie). For a pid namespace's process 1 that
    means every process of the namespace has: it exits only after the system has killed and reaped them."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
                if stat.read().rpartition(")")[2].split()[0] in ("Z", "X"):
                    return
        except OSError:
            return
        time.sleep(0.01)


class KernelSession:
    """An IPython kernel in ``sandbox``; :meth:`run_cell` for the learner's cells, :meth:`run_code` for the grader's.

    Parameters
    ----------
    sandbox : Sandbox
    data_mime : str
        The MIME type under which the grader's agent publishes data; those
        outputs are handed back in :attr:`CellRun.data`, never kept as outputs.
    """

    def __init__(self, sandbox: Sandbox, data_mime: str, fork: Callable[[Path], ForkedKernel] | None = None):
        self.sandbox = sandbox
        self.data_mime = data_mime
        self.fork = fork  # forks a kernel answering on a connection file (a kernel server's), if kernels are forked
        self.process: subprocess.Popen | ForkedKernel | None = None
        self.client: BlockingKernelClient | None = None
        self.replay: list[str] = []  # learner cells that finished (raising or not), to run again after a restart
        self.restarts = 0
        self.deadline = float("inf")  # time.monotonic() at which the notebook's time is up, replays included
        self.kept = 0  # characters of output kept so far in this notebook

    # --- life cycle ---------------------------------------------------------------------------

    def start(self) -> None:
        name = f"kernel-{secrets.token_hex(4)}"
        connection = self.sandbox.run / f"{name}.json"
        key = secrets.token_hex(16).encode()
        if self.sandbox.contained:  # no network in the sandbox: sockets in the folder it shares with the grader
            write_connection_file(str(connection), transport="ipc", ip=str(self.sandbox.run / name), key=key)
        else:
            write_connection_file(str(connection), ip="127.0.0.1", key=key)
        self.sandbox.own(connection)
        if self.fork is not None:
            try:
                self.process = self.fork(connection)
            except ForkserverError as error:
                raise KernelError(str(error)) from error
        else:
            self.process = self._popen(connection)
        self.client = BlockingKernelClient()
        self.client.load_connection_file(str(connection))
        self.client.start_channels()
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if self.process.poll() is not None:
                raise KernelError(f"the kernel exited while starting (exit code {self.process.returncode})")
            try:
                self.client.wait_for_ready(timeout=2)
                return
            except RuntimeError as error:
                if time.monotonic() > deadline:
                    raise KernelError(f"the kernel did not start within {START_TIMEOUT:g} s") from error

    def _popen(self, connection) -> subprocess.Popen:
        """A kernel started on its own (in a container of its own when the sandbox is contained)."""
        command, passed = self.sandbox.kernel_command(connection), ()
        if self.sandbox.contained:
            command, read = arguments_through_a_pipe(command)
            passed = (read,)
        process = subprocess.Popen(
            command,
            pass_fds=passed,
            cwd=self.sandbox.work,
            env={**self.sandbox.environment(), **KERNEL_ENVIRONMENT},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        for descriptor in passed:
            os.close(descriptor)
        return process

    def warm_up(self) -> None:
        """Import :data:`WARM_UP_MODULES` in the kernel (no name bound, nothing in its history); a
        :class:`KernelError` when that fails."""
        run = self.run_code(f"if list(map(__import__, {WARM_UP_MODULES!r})):\n    pass", START_TIMEOUT)
        if run.status != "ok":
            raise KernelError(f"the kernel's warm-up did not finish ({run.status}: {run.error})")

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        """Kill the kernel and its process group. In a container of its own (bubblewrap, no server) that ends every
        process it started too: they live in its own pid namespace, which dies with the sandbox's first process
        (waited for); a forked kernel's detached processes end with the learner's container."""
        if self.client is not None:
            self.client.stop_channels()
            self.client = None
        if self.process is not None:
            own_container = self.sandbox.contained and self.fork is None
            first = _first_child(self.process.pid) if own_container else None
            kill_group(self.process)
            self.process = None
            if first is not None:
                _wait_ended(first)

    @property
    def given_up(self) -> bool:
        """Whether the kernel was restarted :data:`MAX_RESTARTS` times and is not started again."""
        return self.restarts >= MAX_RESTARTS and not self.alive()

    def restart(self, cell_timeout: float) -> None:
        """A new kernel, with the cells that had run replayed quietly (those that die again are dropped).

        Replays take their time from the notebook's (:attr:`deadline`); after
        :data:`MAX_RESTARTS` restarts the kernel is left stopped (:attr:`given_up`)."""
        self.stop()
        if not self.sandbox.contained:  # its children may have left its process group: every process of its user
            self.sandbox.kill_everything()
        if self.restarts >= MAX_RESTARTS:
            return
        self.restarts += 1
        self.start()
        survivors = []
        for source in self.replay:
            left = self.deadline - time.monotonic()
            if left <= 0:
                break
            run = self._execute(source, min(cell_timeout, left), keep=False)
            if run.status == "died":
                self.stop()
                self.start()
                continue
            survivors.append(source)
        self.replay = survivors

    def interrupt(self) -> None:
        """Interrupt what the kernel runs and wait until it is idle again (stop it when it does not stop)."""
        if self.alive():
            self._send_interrupt()
            if self._execute("pass", INTERRUPT_GRACE, keep=False, history=False).status != "ok":
                self.stop()

    def _send_interrupt(self) -> None:
        """SIGINT to the kernel: as a signal, or, when it runs in its own pid namespace (where the grader's
        process is bubblewrap, not the kernel), as Jupyter's ``interrupt_request`` message, which makes the
        kernel signal itself."""
        if not self.sandbox.contained:
            os.kill(self.process.pid, signal.SIGINT)
        else:
            self.client.control_channel.send(self.client.session.msg("interrupt_request", content={}))

    # --- running code -------------------------------------------------------------------------

    def run_cell(self, source: str, timeout: float) -> CellRun:
        """Run one of the learner's cells; restart the kernel if it died."""
        run = self._execute(source, timeout, keep=True)
        if run.status == "died" or run.error.startswith("MemoryError"):
            self.restart(timeout)  # a kernel at its memory limit cannot be trusted to run the next cell
        elif run.status != "timeout":  # an interrupted cell is not run again
            self.replay.append(source)
        return run

    def run_code(self, code: str, timeout: float, on_input: Callable[[str], str] | None = None) -> CellRun:
        """Run the grader's ``code`` (not kept in the history); ``on_input`` answers the kernel's input requests."""
        return self._execute(code, timeout, keep=False, on_input=on_input, history=False)

    def _execute(self, code, timeout, *, keep, on_input=None, history=True) -> CellRun:
        run = CellRun()
        if not self.alive():
            run.status = "died"
            return run
        client = self.client
        msg_id = client.execute(code, store_history=history, allow_stdin=on_input is not None)
        deadline = time.monotonic() + timeout
        interrupted = False
        while True:
            if not self.alive():
                run.status = "died"
                self.stop()
                return run
            now = time.monotonic()
            if now >= deadline:
                if interrupted:
                    run.status = "died"
                    self.stop()
                    return run
                interrupted = True
                run.status = "timeout"
                self._send_interrupt()
                deadline = now + INTERRUPT_GRACE
            if on_input is not None:
                self._answer_input(msg_id, on_input)
            try:
                message = client.get_iopub_msg(timeout=min(0.01 if on_input else 0.2, max(deadline - now, 0.01)))
            except (queue.Empty, ValueError):  # nothing yet, or a message that is not signed properly
                continue
            try:
                if self._handle(message, msg_id, run, keep, interrupted):
                    break
            except (KeyError, TypeError, AttributeError, ValueError):
                continue  # a malformed message (the kernel can send anything): ignored
        self._drain_reply(msg_id)
        return run

    def _answer_input(self, msg_id: str, on_input: Callable[[str], str]) -> None:
        """Answer the kernel's input request for the request ``msg_id`` with ``on_input``, if it asked one."""
        try:
            request = self.client.get_stdin_msg(timeout=0)
            if request["parent_header"].get("msg_id") == msg_id:
                self.client.input(on_input(request["content"].get("prompt", "")))
        except (queue.Empty, KeyError, TypeError, AttributeError, ValueError):
            pass  # nothing asked, or a malformed request: ignored

    def _handle(self, message: dict, msg_id: str, run: CellRun, keep: bool, interrupted: bool) -> bool:
        """Record one iopub message of the request ``msg_id``; True when the kernel is idle again."""
        if message["parent_header"].get("msg_id") != msg_id:
            return False
        kind, content = message["msg_type"], message["content"]
        if kind == "status":
            return content.get("execution_state") == "idle"
        if kind == "clear_output":
            run.outputs.clear()
        elif kind in ("stream", "display_data", "execute_result", "error"):
            if kind == "error" and not interrupted:
                run.status = "error"
                run.error = f"{content.get('ename', '')}: {content.get('evalue', '')}"
            if kind == "display_data" and self.data_mime in content.get("data", {}):
                payload = content["data"][self.data_mime]
                if isinstance(payload, str) and sum(map(len, run.data)) + len(payload) <= MAX_DATA:
                    run.data.append(payload)
                elif isinstance(payload, str):
                    run.oversized += len(payload)
            elif keep:
                self._keep(run, nbformat.v4.output_from_msg(message))
        return False

    def _keep(self, run: CellRun, output) -> None:
        size = _size(output)
        cell_kept = sum(_size(kept) for kept in run.outputs)
        if cell_kept + size > MAX_CELL_OUTPUT or self.kept + size > MAX_NOTEBOOK_OUTPUT:
            run.dropped += size
            return
        if output.output_type == "stream" and run.outputs and run.outputs[-1].get("name") == output.get("name"):
            run.outputs[-1]["text"] += output["text"]
        else:
            run.outputs.append(output)
        self.kept += size

    def _drain_reply(self, msg_id: str) -> None:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            try:
                reply = self.client.get_shell_msg(timeout=0.5)
            except queue.Empty:
                if not self.alive():
                    return
                continue
            if reply["parent_header"].get("msg_id") == msg_id:
                return
