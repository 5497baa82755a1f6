"""Single requests to the staff pages of a large municipality: each page N times, p50 and p95.

In process (FastAPI's TestClient: routing, services, SQL and rendering, no network), logged in
as the load test's users (``bench/load_100k.sh build``: load-sb0, load-tl0, load-ch0). The
first request of a page is reported on its own ("first"): it fills the managers' kept views.
"CPU" is the server process's own CPU time per request (median; the database server's is not
in it): on a shared machine it moves much less with the load than the wall-clock times. Trees
are compared in the same run — each in its own process with itself first on ``sys.path`` — and
every page's p50 is printed as a ratio to the first tree (the baseline):

    git archive <commit> | tar -x -C /tmp/base
    INDSATS_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/indsats_bench100k \\
        .venv/bin/python bench/bench_pages.py --tree before=/tmp/base --tree after=. -n 15
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

PASSWORD = os.environ.get("LOAD_PASSWORD", "belastning-2026")
PAGES = [  # (user, name, path; {id} and {q} are filled from the caseworker's caseload)
    ("load-sb0", "cw: /borgere/{id}", "/borgere/{id}"),
    ("load-sb0", "cw: /borgere/{id}/frister", "/borgere/{id}/frister"),
    ("load-sb0", "cw: /borgere?q=", "/borgere?q={q}"),
    ("load-sb0", "cw: /frister", "/frister"),
    ("load-sb0", "cw: /sager", "/sager"),
    ("load-sb0", "cw: caseload (API)", "/api/caseload"),
    ("load-tl0", "tl: /frister", "/frister"),
    ("load-tl0", "tl: /frister?side=3", "/frister?visning=overdue&side=3"),
    ("load-tl0", "tl: /frister?visning=to_book", "/frister?visning=to_book"),
    ("load-tl0", "tl: /rettidighed", "/rettidighed"),
    ("load-ch0", "mgr: /frister (hele jobcentret)", "/frister"),
    ("load-ch0", "mgr: /styring", "/styring"),
    ("load-ch0", "mgr: /styring/fordeling", "/styring/fordeling"),
    ("load-ch0", "mgr: /ledelsesinformation", "/ledelsesinformation"),
]


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def child(n: int, only: str | None) -> None:
    from fastapi.testclient import TestClient

    from indsats.web.app import create_app

    random.seed(7)
    clients, out = {}, {}
    app = create_app(secret_key="bench")
    for user in dict.fromkeys(u for u, _, _ in PAGES):
        client = TestClient(app)
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
        answer = client.post("/login", data={"username": user, "password": PASSWORD, "csrf_token": token},
                             follow_redirects=False)
        if answer.status_code != 303:
            raise SystemExit(f"{user}: log-in answered {answer.status_code}")
        clients[user] = client
    rows = clients["load-sb0"].get("/api/caseload").json()
    rows = rows["items"] if isinstance(rows, dict) else rows
    ids = [r["id"] for r in rows][:200] or [1]
    names = [r["name"].split()[-1] for r in rows if r.get("name")][:50] or ["Hansen"]
    for user, name, path in PAGES:
        if only and only not in name:
            continue
        times, cpu, statuses = [], [], set()
        for _ in range(n + 1):
            url = path.format(id=random.choice(ids), q=random.choice(names))
            started, started_cpu = time.perf_counter(), time.process_time()
            answer = clients[user].get(url)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            statuses.add(answer.status_code)
        rest = sorted(times[1:])
        out[name] = {"first": times[0], "p50": statistics.median(rest),
                     "p95": rest[min(len(rest) - 1, round(0.95 * (len(rest) - 1)))],
                     "cpu": statistics.median(cpu[1:]), "status": sorted(statuses)}
        print(json.dumps({name: out[name]}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tree", action="append", default=[], help="label=path; the first is the baseline")
    parser.add_argument("-n", type=int, default=15, help="requests per page after the first")
    parser.add_argument("--only", help="pages whose name contains this")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.n, args.only)
    trees = [(t.split("=", 1)[0], Path(t.split("=", 1)[1]).resolve()) for t in (args.tree or ["current=."])]
    results: dict[str, dict[str, dict]] = {}
    print(f"database {os.environ.get('INDSATS_DATABASE_URL')}; load average at start {load()}", flush=True)
    for label, tree in trees:
        results[label] = {}
        command = [sys.executable, str(Path(__file__).resolve()), "--child", "-n", str(args.n)]
        command += ["--only", args.only] if args.only else []
        proc = subprocess.Popen(command, cwd=tree, env={**os.environ, "PYTHONPATH": str(tree)},
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("{"):
                results[label].update(json.loads(line))
                print(f"  {label}: {line.strip()}  (load {load()})", flush=True)
        if proc.wait():
            raise SystemExit(f"{label}: the bench failed ({proc.returncode})")
    print(f"load average at end {load()}")
    base = trees[0][0]
    header = "| page | " + " | ".join(f"{label} first / p50 / p95 ms (CPU p50)" for label, _ in trees)
    print(header + (f" | p50 ratio to {base} |" if len(trees) > 1 else " |"))
    for name in results[base]:
        cells = [f"{r['first']:.0f} / {r['p50']:.0f} / {r['p95']:.0f} ({r.get('cpu', 0):.0f})"
                 + ("" if r["status"] == [200] else f" {r['status']}")
                 for r in (results[label].get(name) for label, _ in trees) if r]
        ratio = ""
        if len(trees) > 1 and name in results[trees[-1][0]]:
            ratio = f" | {results[trees[-1][0]][name]['p50'] / max(results[base][name]['p50'], 1e-9):.2f}"
        print(f"| {name} | " + " | ".join(cells) + ratio + " |")


if __name__ == "__main__":
    main()
