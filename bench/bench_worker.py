"""The server while the background refresh runs its first round: server memory and a caseworker page's latency.

Starts ``indsats serve`` of each tree in turn against INDSATS_DATABASE_URL with everything the background
refresh keeps emptied first (effects, risk scores, scenario flows, review PDF, kept views), so each tree's
first round does the same work; a caseworker (``load-sb0``) asks for one of her case pages every 0.2 s
meanwhile. Samples the server's RSS and (when there is one) the worker process's every second. The round
counts as done when the risk scores — the last thing a round keeps — are stored, or at ``--timeout``.
Then ``--after`` seconds more of the same requests with the worker idle. For benchmark databases only.

    git archive main | tar -x -C /tmp/base
    INDSATS_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/indsats_b100k_x \\
        .venv/bin/python bench/bench_worker.py --tree before=/tmp/base:thread --tree after=.:process
"""

from __future__ import annotations

import argparse
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import requests
from sqlalchemy import create_engine, text

PASSWORD = os.environ.get("LOAD_PASSWORD", "belastning-2026")
KEPT = ("kept_effect_estimates", "kept_risk_scores", "economy_scenario_flows", "kept_review_pdfs", "kept_views")


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def empty_kept(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        for table in KEPT:
            if conn.execute(text("SELECT to_regclass(:t)"), {"t": table}).scalar():
                conn.execute(text(f"DELETE FROM {table}"))
    engine.dispose()


def risk_kept(url: str) -> bool:
    engine = create_engine(url)
    with engine.connect() as conn:
        found = conn.execute(text("SELECT count(*) FROM kept_risk_scores")).scalar()
    engine.dispose()
    return bool(found)


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p * (len(values) - 1))))] if values else float("nan")


def run(name: str, tree: Path, mode: str, url: str, timeout: float, after: float) -> dict:
    empty_kept(url)
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(tree), INDSATS_DATABASE_URL=url, INDSATS_BACKGROUND=mode)
    log = Path(f"/tmp/bench_worker_{name}.log")
    with log.open("w") as out:
        server = subprocess.Popen([sys.executable, "-c", "from indsats.cli import main; main()", "serve",
                                   "--port", str(port)], env=env, stdout=out, stderr=subprocess.STDOUT, cwd=tree)
    base = f"http://127.0.0.1:{port}"
    started = time.monotonic()
    client = requests.Session()
    while True:
        try:
            if client.get(f"{base}/healthz", timeout=5).status_code == 200:
                break
        except requests.RequestException:
            time.sleep(0.2)
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get(f"{base}/login").text).group(1)
    client.post(f"{base}/login", data={"username": "load-sb0", "password": PASSWORD, "csrf_token": token})
    ids = [c["id"] for c in client.get(f"{base}/api/caseload").json()["items"]]
    proc = psutil.Process(server.pid)
    rss: list[tuple[float, int, int]] = []
    lat: list[tuple[float, float]] = []
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            kids = proc.children(recursive=True)
            rss.append((time.monotonic(), proc.memory_info().rss, sum(k.memory_info().rss for k in kids)))
            time.sleep(1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    random.seed(7)
    round_done = None
    checked = 0.0
    while True:
        now = time.monotonic()
        if round_done is None and now - checked > 2:
            checked = now
            if risk_kept(url) or now - started > timeout:
                round_done = now
        if round_done is not None and now - round_done > after:
            break
        t0 = time.perf_counter()
        page = client.get(f"{base}/borgere/{random.choice(ids)}", timeout=120)
        lat.append((time.monotonic(), (time.perf_counter() - t0) * 1000))
        assert page.status_code == 200, page.status_code
        time.sleep(0.2)
    stop.set()
    sampler.join()
    server.terminate()
    server.wait(60)
    during = [ms for t, ms in lat if t <= round_done]
    quiet = [ms for t, ms in lat if t > round_done]
    return {"name": name, "mode": mode, "round_s": round_done - started, "timed_out": round_done - started >= timeout,
            "server_peak_mb": max(r for _, r, _ in rss) / 2**20, "worker_peak_mb": max(w for _, _, w in rss) / 2**20,
            "during": (len(during), statistics.median(during), pct(during, 0.95), max(during)),
            "quiet": (len(quiet), statistics.median(quiet), pct(quiet, 0.95), max(quiet)) if quiet else None}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tree", action="append", required=True, help="name=path:mode (mode: thread, process)")
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--after", type=float, default=60)
    args = ap.parse_args()
    url = os.environ["INDSATS_DATABASE_URL"]
    for spec in args.tree:
        name, rest = spec.split("=", 1)
        path, mode = rest.rsplit(":", 1)
        print(f"{name}: start, load average {load()}", flush=True)
        r = run(name, Path(path).resolve(), mode, url, args.timeout, args.after)
        print(f"{name} ({mode}): round {r['round_s']:.0f} s{' (timed out)' if r['timed_out'] else ''}; "
              f"server peak RSS {r['server_peak_mb']:.0f} MB, worker peak RSS {r['worker_peak_mb']:.0f} MB; "
              f"load average {load()}", flush=True)
        for phase in ("during", "quiet"):
            if r[phase]:
                n, p50, p95, top = r[phase]
                print(f"  cw /borgere/{{id}} {phase} the round: n={n} p50 {p50:.0f} ms, p95 {p95:.0f} ms, "
                      f"max {top:.0f} ms", flush=True)


if __name__ == "__main__":
    main()
