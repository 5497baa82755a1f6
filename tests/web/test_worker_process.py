"""`indsats serve` starts the background worker (`indsats worker`) as a child process at a lower CPU
priority, starts it again when it dies, and leaves no orphan when the server stops — or is killed."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for its parent to reap it counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def _until(check, seconds: float = 60.0, what: str = ""):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError(f"not within {seconds} s: {what}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _workers(log: Path) -> list[int]:
    return [int(p) for p in re.findall(r"baggrundsarbejderen kører som proces (\d+)", log.read_text())]


def _serve(tmp_path: Path, background: str = "process") -> tuple[subprocess.Popen, Path, int]:
    port, log = _free_port(), tmp_path / "serve.log"
    env = dict(os.environ, INDSATS_DATABASE_URL=f"sqlite:///{tmp_path / 'indsats.db'}", INDSATS_BACKGROUND=background)
    with log.open("w") as out:
        server = subprocess.Popen([sys.executable, "-m", "indsats", "serve", "--port", str(port)], env=env,
                                  stdout=out, stderr=subprocess.STDOUT)

    def answers() -> bool:
        try:
            return urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).status == 200
        except OSError:
            return False

    _until(answers, 90, "the server answers /healthz")
    return server, log, port


def test_serve_runs_the_worker_restarts_it_and_stops_it_with_itself(tmp_path):
    server, log, _ = _serve(tmp_path)
    try:
        worker = _until(lambda: _workers(log), 30, "the worker started")[0]
        assert _alive(worker)
        cmdline = Path(f"/proc/{worker}/cmdline").read_bytes().split(b"\0")
        assert b"worker" in cmdline and str(server.pid).encode() in cmdline
        assert os.getpriority(os.PRIO_PROCESS, worker) >= min(19, os.getpriority(os.PRIO_PROCESS, server.pid) + 10)

        os.kill(worker, signal.SIGKILL)  # the worker dies: the server says so and starts another
        restarted = _until(lambda: _workers(log)[1:], 60, "the worker started again")[0]
        assert restarted != worker and _alive(restarted)
        assert f"baggrundsarbejderen (proces {worker}) stoppede" in log.read_text()

        server.send_signal(signal.SIGTERM)  # the server stops: the worker stops with it
        assert server.wait(60) == 0
        assert not _alive(restarted), "the worker outlived the server"
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def test_a_killed_server_leaves_no_worker_behind(tmp_path):
    server, log, _ = _serve(tmp_path)
    worker = _until(lambda: _workers(log), 30, "the worker started")[0]
    server.kill()  # no chance to stop its child itself
    server.wait()
    _until(lambda: not _alive(worker), 30, "the orphaned worker ended")


def test_background_off_starts_no_worker(tmp_path):
    server, log, _ = _serve(tmp_path, background="off")
    try:
        time.sleep(1)
        assert _workers(log) == []
    finally:
        server.terminate()
        server.wait(60)
