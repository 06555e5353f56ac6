"""`make lab` serves the course on 127.0.0.1 and keeps token authentication on.

Runs the real Makefile target (with --no-browser, a free port and a known
token added through LAB_ARGS), then asks the server's REST API for its status
with and without the token.
"""

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "nnfs-test-token"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    port = free_port()
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path_factory.mktemp("runtime")))
    args = f"--no-browser --port={port} --ServerApp.port_retries=0 --IdentityProvider.token={TOKEN}"
    log = tmp_path_factory.mktemp("log") / "lab.log"
    with open(log, "w") as out:
        process = subprocess.Popen(
            ["make", "--no-print-directory", "lab", f"LAB_ARGS={args}"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(f"make lab exited with {process.returncode}:\n{log.read_text()}")
            try:
                if status(f"{base}/api/status?token={TOKEN}") == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        else:
            pytest.fail(f"JupyterLab did not answer within 90 s:\n{log.read_text()}")
        yield base
    finally:
        stop(process)


def stop(process: subprocess.Popen) -> None:
    """End make and the server it started (the whole process group)."""
    for sig, wait in ((signal.SIGTERM, 20), (signal.SIGKILL, None)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            pass
        try:
            process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def test_lab_answers_with_the_token_and_refuses_without(lab):
    assert status(f"{lab}/api/status?token={TOKEN}") == 200
    assert status(f"{lab}/api/status") == 403
    assert status(f"{lab}/api/status?token=wrong") == 403


def test_lab_serves_the_course_root(lab):
    with urllib.request.urlopen(f"{lab}/api/contents?token={TOKEN}", timeout=5) as response:
        names = {item["name"] for item in json.load(response)["content"]}
    assert {"README.md", "notebooks", "solutions", "nnlib"} <= names


def listening_addresses(port: int) -> set[str]:
    """Local addresses of the sockets listening on ``port``, read from /proc/net."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, port_hex = local.split(":")
            if state == "0A" and int(port_hex, 16) == port:  # 0A = LISTEN
                found.add(address)
    return found


def test_lab_listens_on_loopback_only(lab):
    port = int(lab.rsplit(":", 1)[1])
    loopback = {"0100007F", "00000000000000000000000001000000"}  # 127.0.0.1 and ::1, as /proc writes them
    addresses = listening_addresses(port)
    assert addresses, f"nothing listens on port {port}"
    assert addresses <= loopback, f"the server also listens on {addresses - loopback} (hex, as in /proc/net)"


def test_lab_asks_no_news_question(lab):
    # The "news" prompt covers the notebook on the first visit: the course's overrides turn it off. The server
    # applies overrides to the schema's defaults, which is what the page reads when the user set nothing.
    url = f"{lab}/lab/api/settings/@jupyterlab/apputils-extension:notification?token={TOKEN}"
    with urllib.request.urlopen(url, timeout=5) as response:
        plugin = json.load(response)
    defaults = {name: value.get("default") for name, value in plugin["schema"]["properties"].items()}
    assert defaults["fetchNews"] == "false" and defaults["checkForUpdates"] is False
    assert plugin["settings"] == {}  # nothing of the user's overrides them
