"""The demo on a fresh clone: seconds from launching ``indsats demo`` to the first 200 from ``/healthz``.

Each source (a git repository or worktree; its committed HEAD is what a user clones) is cloned
afresh into ``/tmp/democlone/<label>`` (no ``indsats.db`` yet, as after ``git clone``), then
``indsats demo --port N`` runs from the clone with the clone first on ``PYTHONPATH`` and this
interpreter (the installed venv: the install has finished). Sources alternate run by run so a
shared machine's load falls on all alike; the load average is printed beside every figure, and
the demo's own line of stage times (``Bygget på …``) where the tree prints one:

    git clone -q /work/main /tmp/demo-base              # before
    .venv/bin/python bench/bench_demo_start.py --source before=/tmp/demo-base --source after=. --runs 2

Serves loopback only; each server is stopped (its process group) after its answer.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from serving import answers_healthz, stop_group, uptime

DEMO = "from indsats.cli import main; main()"
CLONES = Path("/tmp/democlone")


def _stat(pid: int) -> list[str]:
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2:].split()  # from field 3 (state) on


def cpu_seconds(pid: int) -> tuple[float, float, float]:
    """CPU seconds (user + system) so far of the process ``pid`` itself, of its ended child processes and
    of its live ones: load-independent figures beside the wall time (the first is the least an idle
    machine waits for the demo's own process)."""
    tick = os.sysconf("SC_CLK_TCK")
    fields = [int(x) / tick for x in _stat(pid)[11:15]]  # utime stime cutime cstime
    own, ended = fields[0] + fields[1], fields[2] + fields[3]
    children = 0.0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = _stat(int(entry.name))
            except (OSError, ValueError):
                continue
            if int(fields[1]) == pid:
                children += sum(int(x) for x in fields[11:13]) / tick
    return own, ended, children


def fresh_clone(label: str, source: Path) -> Path:
    target = CLONES / label
    shutil.rmtree(target, ignore_errors=True)
    CLONES.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "clone", "-q", str(source), str(target)], check=True)
    shared = Path("/work/shared")
    if shared.exists():  # as in a checkout beside the shared folder
        link = Path("/tmp/shared")
        if link.is_symlink() or not link.exists():
            link.unlink(missing_ok=True)
            link.symlink_to(shared)
    return target


def healthz_after_demo(tree: Path, port: int, timeout: float) -> tuple[float, tuple[float, float, float], str]:
    """Seconds to the first 200, the CPU seconds of the demo and its child processes then, and the
    demo's line of stage times (empty where it prints none)."""
    env = {k: v for k, v in os.environ.items() if k != "INDSATS_DATABASE_URL"}
    env["PYTHONPATH"] = str(tree)
    with tempfile.TemporaryFile(mode="w+") as out:
        started = time.perf_counter()
        server = subprocess.Popen([sys.executable, "-c", DEMO, "demo", "--port", str(port)], cwd=tree, env=env,
                                  stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            while time.perf_counter() - started < timeout:
                if server.poll() is not None:
                    out.seek(0)
                    raise RuntimeError(f"{tree}: the demo stopped with {server.returncode}:\n{out.read()[-2000:]}")
                if answers_healthz(port):
                    seconds = time.perf_counter() - started
                    cpu = cpu_seconds(server.pid)
                    break
                time.sleep(0.1)
            else:
                raise RuntimeError(f"{tree}: no answer within {timeout} s")
        finally:
            stop_group(server)
        out.seek(0)
        stages = next((line.strip() for line in out if line.startswith("Bygget på")), "")
    return seconds, cpu, stages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", action="append", default=[], help="label=path; the first is the baseline")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--port", type=int, default=8798)
    parser.add_argument("--timeout", type=float, default=600.0)
    args = parser.parse_args()
    sources = [(s.split("=", 1)[0], Path(s.split("=", 1)[1]).resolve()) for s in (args.source or ["current=."])]
    times: dict[str, list[float]] = {label: [] for label, _ in sources}
    print(f"start: load average {uptime()}", flush=True)
    for run in range(args.runs):
        for label, source in (sources if run % 2 == 0 else sources[::-1]):
            tree = fresh_clone(label, source)
            before = uptime()
            seconds, (cpu, ended, children), stages = healthz_after_demo(tree, args.port, args.timeout)
            times[label].append(seconds)
            print(f"run {run + 1} {label}: healthz after {seconds:.1f} s (load {before} → {uptime()}); CPU then: "
                  f"demo process {cpu:.1f} s, its ended child processes {ended:.1f} s, its live ones {children:.1f} s",
                  flush=True)
            if stages:
                print(f"    {stages}", flush=True)
    print(f"end: load average {uptime()}")
    base = statistics.median(times[sources[0][0]])
    for label, _ in sources:
        median = statistics.median(times[label])
        print(f"{label}: median {median:.1f} s (min {min(times[label]):.1f}, max {max(times[label]):.1f}), "
              f"ratio to {sources[0][0]} {median / base:.2f}")


if __name__ == "__main__":
    main()
