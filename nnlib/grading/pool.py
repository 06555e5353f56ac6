"""Kernels started ahead: while one of a learner's notebooks runs, the kernel of the next one starts.

Starting an IPython kernel under bubblewrap and importing numpy, matplotlib and nnlib takes
about a second of CPU. A :class:`KernelPool` serves one learner (one
``python -m nnlib.grading.learner`` process, one leased user id): :meth:`KernelPool.take`
hands out a kernel that is started and warmed up (:meth:`KernelSession.warm_up`), and starts
the one for the learner's next notebook in a background thread.

Under bubblewrap the learner's kernels are forked by one server in one container
(:mod:`nnlib.grading.forkserver`), which has imported those modules once: a kernel is then
ready in about a tenth of the time. Without bubblewrap (``--unsafe``) each kernel is started
on its own, in a sandbox of its own, when its notebook's turn comes (started ahead, the running
notebook's kernel could reach it: its connection file and processes are its user's).

What keeps a kernel clean:

- it is a new process that has run nothing but the grader's warm-up when it is handed out; a
  kernel is handed out once, and stopped after its notebook (:meth:`KernelPool.discard`);
- when the grader is root, each kernel has mount, pid, IPC and uts namespaces of its own, with
  empty ``/tmp``, ``/dev/shm``, working folder, home and ``TMPDIR``: the running notebook's
  kernel cannot reach the next one, and stopping a kernel ends every process it started (process
  1 of its pid namespace). Otherwise the learner's kernels share the container, one learner's
  alone, and what a notebook left running detached ends with it. Leaving the pool ends the
  container; the class grader empties the user id before and after each learner too;
- a server that did not survive (the learner's memory budget stops every process of its user id,
  or the learner's code killed it) is started again, in a fresh container of the same sandbox.

The kernel started ahead counts against the learner's budgets (it runs as the learner's user id),
and so does the server in a cgroup budget (the watchdog counts processes by user id, and the server
is root when the grader is): about 100 MB of resident memory each.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from nnlib.grading.forkserver import ForkedKernel, Forkserver, ForkserverError
from nnlib.grading.kernel import INTERRUPT_GRACE, KERNEL_ENVIRONMENT, KernelSession
from nnlib.grading.sandbox import Sandbox

__all__ = ["KernelPool"]


class KernelPool:
    """One learner's kernels: forked by a server in one contained sandbox (started ahead of their turn), or each
    started in a sandbox of its own when sandboxes are not contained.

    Parameters
    ----------
    new_sandbox : callable
        Makes a sandbox (all of the learner's: the same user id and limits).
    data_mime : str
        Passed on to :class:`KernelSession`.

    Use as a context manager: on leaving, the kernel started ahead and the server are removed.
    """

    def __init__(self, new_sandbox: Callable[[], Sandbox], data_mime: str):
        self._new_sandbox = new_sandbox
        self._data_mime = data_mime
        self._starter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kernel-ahead")
        self._ahead: Future | None = None
        self._server: Forkserver | None = None
        self._server_sandbox: Sandbox | None = None
        self._contained: bool | None = None  # known once the first sandbox is made
        self._lock = threading.Lock()

    def __enter__(self) -> KernelPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def take(self, *, another: bool) -> KernelSession:
        """A started, warmed-up kernel; with ``another``, the next one starts now, in the background (only when
        sandboxes are contained). Raises :class:`~nnlib.grading.kernel.KernelError` when no kernel can be started."""
        session = self._started_ahead() or self._ready()
        if another and session.sandbox.contained:
            self._ahead = self._starter.submit(self._ready_ahead)
        return session

    def discard(self, session: KernelSession) -> None:
        """Stop ``session``'s kernel: its process group under the server; without one, remove its sandbox too (its
        container's processes under bubblewrap, every process of its user id otherwise)."""
        session.stop()
        if session.sandbox is not self._server_sandbox:
            session.sandbox.remove(every_process=not session.sandbox.contained)

    def close(self) -> None:
        """Remove the kernel started ahead, if any, end the background thread, and end the server's container."""
        spare = self._started_ahead()
        if spare is not None:
            self.discard(spare)
        self._starter.shutdown(wait=True)
        with self._lock:
            self._end_server()

    def _started_ahead(self) -> KernelSession | None:
        """The kernel started ahead, once it is ready; ``None`` when there is none or it did not survive."""
        ahead, self._ahead = self._ahead, None
        if ahead is None:
            return None
        try:
            session = ahead.result()
        except Exception:  # noqa: BLE001  (it could not start, or was stopped while starting: start another)
            return None
        if session.run_code("pass", INTERRUPT_GRACE).status == "ok":  # it still answers
            return session
        self.discard(session)
        return None

    def _ready_ahead(self) -> KernelSession:
        """:meth:`_ready`, in the background thread; the event loop jupyter_client made for the thread is closed
        after (the kernel's client then runs in the grader's thread, with that thread's loop)."""
        try:
            return self._ready()
        finally:
            try:
                asyncio.get_event_loop_policy().get_event_loop().close()
            except RuntimeError:  # no loop was made
                pass

    def _ready(self) -> KernelSession:
        """A kernel started and warmed up: forked by the server, or in a new sandbox of its own (removed again
        when that fails)."""
        if not self._contained:  # not yet known, or each kernel in a sandbox of its own
            sandbox = self._new_sandbox()
            self._contained = sandbox.contained
            if sandbox.contained:
                with self._lock:
                    self._server_sandbox = sandbox
        if self._contained:
            session = KernelSession(self._server_sandbox, self._data_mime, fork=self._fork)
        else:
            session = KernelSession(sandbox, self._data_mime)
        try:
            session.start()
            session.warm_up()
        except BaseException:
            self.discard(session)
            raise
        return session

    def _fork(self, connection_file) -> ForkedKernel:
        """A kernel forked by the learner's server. A server that fails to answer (it may have been killed a moment
        ago, before it looked dead) is replaced and asked again, once."""
        server = self._live_server()
        try:
            return server.fork(connection_file)
        except ForkserverError:
            with self._lock:
                if self._server is server:  # not replaced meanwhile by the other thread
                    server.stop()
                    self._server = None
            return self._live_server().fork(connection_file)

    def _live_server(self) -> Forkserver:
        """The learner's kernel server, started (again, in a fresh container) when there is none alive."""
        with self._lock:
            if self._server is not None and self._server.alive():
                return self._server
            if self._server is not None:
                self._server.stop()
            self._server = Forkserver(self._server_sandbox, KERNEL_ENVIRONMENT)
            return self._server

    def _end_server(self) -> None:
        """Stop the server (its container ends, and every process in it) and remove its sandbox; under the lock."""
        if self._server is not None:
            self._server.stop()
            self._server = None
        if self._server_sandbox is not None:
            self._server_sandbox.remove(every_process=False)
            self._server_sandbox = None
