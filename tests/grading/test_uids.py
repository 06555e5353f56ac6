"""nnlib.grading.uids: a user id per slot under a lock, emptied of processes and files."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from nnlib.grading import uids

root_only = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")


@root_only
def test_two_leases_never_share_a_user_id(tmp_path):
    first, second = uids.lease_uid(tmp_path), uids.lease_uid(tmp_path)
    try:
        assert first.uid != second.uid
        # another process (another grading run) skips both
        other = subprocess.run(
            [
                sys.executable,
                "-c",
                f"from nnlib.grading import uids; from pathlib import Path; "
                f"print(uids.lease_uid(Path({str(tmp_path)!r})).uid)",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        assert int(other.stdout) not in (first.uid, second.uid)
    finally:
        first.release()
        second.release()


@root_only
def test_a_user_is_emptied_of_detached_processes_and_files(tmp_path):
    lease = uids.lease_uid(tmp_path)
    try:
        uid = lease.uid
        script = (
            "import os, subprocess\n"
            "open('/tmp/nnlib-uid-test-left', 'w').write('x')\n"
            "subprocess.Popen(['sleep', '300'], start_new_session=True)\n"
        )
        subprocess.run(
            ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "/usr/bin/python3", "-c", script],
            check=True,
            cwd="/",
        )
        assert uids.processes_of(uid)
        note = uids.empty_user(uid)
        assert note and "1 processes and 1 files" in note
        assert not uids.processes_of(uid) and not os.path.exists("/tmp/nnlib-uid-test-left")
        assert uids.empty_user(uid) is None
    finally:
        lease.release()
