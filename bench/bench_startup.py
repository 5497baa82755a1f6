"""Start-up: seconds from launching ``indsats serve`` to the first 200 from ``/healthz``.

Compares source trees in the same run, alternating them so a shared machine's load falls on
both alike, and prints each tree's median and its ratio to the first (the baseline):

    git archive <commit> | tar -x -C /tmp/base        # the code before, without touching any worktree
    .venv/bin/python bench/bench_startup.py --database postgresql+psycopg://postgres@127.0.0.1:5432/indsats_bench100k \\
        --tree before=/tmp/base --tree after=. --runs 5

Each tree runs with itself first on ``sys.path`` (``PYTHONPATH``) and the same interpreter. The
floor is ``python -c pass``. Serves loopback only; each server is stopped after its answer.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from serving import answers_healthz, stop_group, uptime

SERVE = "from indsats.cli import main; main()"


def healthz_after_serve(tree: Path, database: str, port: int, timeout: float) -> float:
    env = {**os.environ, "PYTHONPATH": str(tree), "INDSATS_DATABASE_URL": database}
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-c", SERVE, "serve", "--host", "127.0.0.1", "--port", str(port)],
                              cwd=tree, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    try:
        while time.perf_counter() - started < timeout:
            if server.poll() is not None:
                raise RuntimeError(f"{tree}: the server stopped with {server.returncode}")
            if answers_healthz(port):
                return time.perf_counter() - started
            time.sleep(0.05)
        raise RuntimeError(f"{tree}: no answer within {timeout} s")
    finally:
        stop_group(server)


def floor() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default=os.environ.get("INDSATS_DATABASE_URL", "sqlite:///indsats.db"))
    parser.add_argument("--tree", action="append", default=[], help="label=path; the first is the baseline")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--port", type=int, default=8790)
    parser.add_argument("--timeout", type=float, default=300.0)
    args = parser.parse_args()
    trees = [(t.split("=", 1)[0], Path(t.split("=", 1)[1]).resolve()) for t in (args.tree or ["current=."])]
    times: dict[str, list[float]] = {label: [] for label, _ in trees}
    floors: list[float] = []
    print(f"start: load average {uptime()}", flush=True)
    for run in range(args.runs):
        floors.append(floor())
        order = trees if run % 2 == 0 else trees[::-1]
        for label, tree in order:
            seconds = healthz_after_serve(tree, args.database, args.port, args.timeout)
            times[label].append(seconds)
            print(f"run {run + 1} {label}: healthz after {seconds:.2f} s (load {uptime()})", flush=True)
    print(f"end: load average {uptime()}")
    base = statistics.median(times[trees[0][0]])
    print(f"floor (python -c pass): median {statistics.median(floors):.2f} s")
    for label, _ in trees:
        median = statistics.median(times[label])
        print(f"{label}: median {median:.2f} s, min {min(times[label]):.2f} s, max {max(times[label]):.2f} s, "
              f"ratio to {trees[0][0]} {median / base:.2f}")


if __name__ == "__main__":
    main()
