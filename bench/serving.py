"""What the start-up benchmarks share: the load average, whether a server on loopback answers
``/healthz``, and stopping a server started in its own process group (with its worker)."""

from __future__ import annotations

import os
import signal
import subprocess
import urllib.request
from pathlib import Path


def uptime() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def answers_healthz(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:
            return answer.status == 200
    except OSError:
        return False


def stop_group(server: subprocess.Popen) -> None:
    """SIGTERM to the server's process group (the server and its background worker), SIGKILL after 10 s."""
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(10)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
