"""Kernels started ahead: while one of a learner's notebooks runs, the kernel of the next one starts.

Starting an IPython kernel under bubblewrap and importing numpy, matplotlib and nnlib takes
about two seconds, once per notebook. A :class:`KernelPool` serves one learner (one
``python -m nnlib.grading.learner`` process, one leased user id): :meth:`KernelPool.take`
hands out a kernel that is started and warmed up (:meth:`KernelSession.warm_up`), and starts
the one for the learner's next notebook in a background thread, in a sandbox of its own.

What keeps a kernel started ahead clean:

- it has a fresh sandbox (folder, connection file, container) and has run nothing but the
  grader's warm-up when it is handed out; a kernel is handed out once, and removed after its
  notebook (:meth:`KernelPool.discard`);
- kernels are started ahead only under bubblewrap. There the running notebook's kernel cannot
  reach the next one, although both run as the learner's user id: each has its own pid, IPC and
  network namespace, and the other sandboxes are hidden. Without bubblewrap (``--unsafe``) it
  could (the next kernel's connection file and processes are its user's), so each kernel is
  started when its notebook's turn comes;
- under bubblewrap, stopping a kernel ends every process of its container, so a notebook's
  kernel is stopped alone, never by killing every process of the user id (which would kill the
  next one). The class grader still empties the user id before and after each learner;
- a kernel started ahead that did not survive (the learner's memory budget stops every process
  of its user id) is removed, and the notebook gets one started on the spot.

The kernel started ahead counts against the learner's budgets, as any kernel of that learner does
(it runs as the learner's user id): about 100 MB of resident memory, a dozen threads.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from nnlib.grading.kernel import INTERRUPT_GRACE, KernelSession
from nnlib.grading.sandbox import Sandbox

__all__ = ["KernelPool"]


class KernelPool:
    """One learner's kernels, each started (ahead of its turn under bubblewrap) in a fresh sandbox.

    Parameters
    ----------
    new_sandbox : callable
        Makes the sandbox of one kernel (all of the learner's: the same user id and limits).
    data_mime : str
        Passed on to :class:`KernelSession`.

    Use as a context manager: on leaving, a kernel started ahead and not taken is removed.
    """

    def __init__(self, new_sandbox: Callable[[], Sandbox], data_mime: str):
        self._new_sandbox = new_sandbox
        self._data_mime = data_mime
        self._starter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kernel-ahead")
        self._ahead: Future | None = None

    def __enter__(self) -> KernelPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def take(self, *, another: bool) -> KernelSession:
        """A started, warmed-up kernel in a sandbox of its own; with ``another``, the next one starts now, in the
        background (only when its sandbox is contained). Raises :class:`~nnlib.grading.kernel.KernelError` when
        no kernel can be started."""
        session = self._started_ahead() or self._ready()
        if another and session.sandbox.contained:
            self._ahead = self._starter.submit(self._ready_ahead)
        return session

    def discard(self, session: KernelSession) -> None:
        """Stop ``session``'s kernel and remove its sandbox: its container's processes under bubblewrap, every
        process of its user id otherwise."""
        session.stop()
        session.sandbox.remove(every_process=not session.sandbox.contained)

    def close(self) -> None:
        """Remove the kernel started ahead, if any, and end the background thread."""
        spare = self._started_ahead()
        if spare is not None:
            self.discard(spare)
        self._starter.shutdown(wait=True)

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
        """A kernel started and warmed up in a new sandbox (removed again when that fails)."""
        session = KernelSession(self._new_sandbox(), self._data_mime)
        try:
            session.start()
            session.warm_up()
        except BaseException:
            self.discard(session)
            raise
        return session
