"""The background worker as a child of the server: ``indsats serve`` and ``indsats demo`` start
``indsats worker`` beside themselves (``INDSATS_BACKGROUND=process``, the default), at a lower CPU
priority, restart it when it dies and stop it when the server stops.

The worker is a process of its own so its computations (the analytics stack, NumPy, WeasyPrint:
seconds of CPU and a gigabyte of memory at 100,000 citizens) never hold the server's interpreter or
grow the server's memory; what it computes reaches the server through the database. It follows the
server out: a stopped server terminates it, and a server killed outright ends it too (the worker
watches its parent, ``indsats worker --parent``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

NICE = 10  # the worker yields the CPU to the server's requests
START_DELAY_SECONDS = 10.0  # the server answers /healthz before the worker's first round begins
RESTART_SECONDS = 5.0  # after a crash; doubled after each quick crash, up to MAX_RESTART_SECONDS
MAX_RESTART_SECONDS = 300.0
STOP_SECONDS = 10.0


def _say(message: str) -> None:
    print(f"indsats: {message}", file=sys.stderr, flush=True)


class WorkerProcess:
    """``indsats worker`` against ``url`` as a supervised child process."""

    def __init__(self, url: str, nice: int = NICE, delay: float = START_DELAY_SECONDS,
                 restart_seconds: float = RESTART_SECONDS):
        self.url, self.nice, self.delay, self.restart_seconds = url, nice, delay, restart_seconds
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._proc: subprocess.Popen | None = None
        self._watcher: threading.Thread | None = None

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    def _spawn(self) -> subprocess.Popen:
        # The URL goes in the environment, not on the command line (``ps`` shows command lines to every user).
        env = dict(os.environ, INDSATS_DATABASE_URL=self.url)
        argv = [sys.executable, "-m", "indsats", "worker", "--delay", str(self.delay), "--parent", str(os.getpid())]
        # A session of its own: Ctrl+C in the terminal reaches the server, which stops the worker itself.
        proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, start_new_session=True)
        try:  # lower priority from its first instruction (a nice value only ever goes up without privileges)
            os.setpriority(os.PRIO_PROCESS, proc.pid, min(19, os.getpriority(os.PRIO_PROCESS, 0) + self.nice))
        except (OSError, AttributeError):  # AttributeError: no priorities on this system (Windows)
            pass
        _say(f"baggrundsarbejderen kører som proces {proc.pid} (indsats worker, lavere CPU-prioritet).")
        return proc

    def start(self) -> WorkerProcess:
        with self._lock:
            self._proc = self._spawn()
        self._watcher = threading.Thread(target=self._watch, name="indsats-worker-watch", daemon=True)
        self._watcher.start()
        return self

    def _watch(self) -> None:
        wait = self.restart_seconds
        while True:
            proc = self._proc
            assert proc is not None
            started = time.monotonic()
            code = proc.wait()
            if self._stopping.is_set():
                return
            if time.monotonic() - started > 600:
                wait = self.restart_seconds  # it had run for a while: not a crash loop
            _say(f"baggrundsarbejderen (proces {proc.pid}) stoppede med kode {code}; startes igen om {wait:.0f} s.")
            if self._stopping.wait(wait):
                return
            with self._lock:
                if self._stopping.is_set():
                    return
                self._proc = self._spawn()
            wait = min(wait * 2, MAX_RESTART_SECONDS)

    def stop(self) -> None:
        """Terminate the worker (killed after ``STOP_SECONDS``) and wait for it: no orphan is left."""
        self._stopping.set()
        with self._lock:
            proc = self._proc
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
