"""The result review PDF's first render (nothing kept): seconds per source tree, in the same run.

    git archive <commit> | tar -x -C /tmp/base        # the code before, without touching any worktree
    .venv/bin/python bench/bench_review.py --database postgresql+psycopg://postgres@127.0.0.1:5432/indsats_b100k_pdf \\
        --tree before=/tmp/base --tree after=. --runs 3

Each run is a fresh interpreter with the tree first on ``PYTHONPATH``: it imports the analytics and
PDF libraries and computes the goals page first (as a server's background refresh has done before it
renders the review: plans parsed, law parameters loaded), then renders the review of the
municipality's plan in force for this year as the web does (``review_pdf_bytes(..., fresh=True)``:
neither the server's kept copy nor the one in ``kept_review_pdfs`` is used) and prints the render's
wall and CPU seconds, the load average beside them. The trees alternate so the load falls on both.
``--sections`` also times the sections of the render (the data, the HTML, WeasyPrint) in the last tree.
Writes only ``kept_review_pdfs`` (the render keeps its PDF): use a benchmark database.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

# What a serving process has loaded before it renders (the pages, the background refresh): imported before the clock
# starts, so the figure is the render, not the imports (a tree lacking one of them skips it).
PRELOAD = """
import importlib
for name in ("duckdb", "ibis", "pyarrow.parquet", "pyarrow.csv", "weasyprint", "sklearn.linear_model",
             "indsats.analytics.engine", "indsats.services.steering.panel_export", "indsats.services.steering.goals",
             "indsats.services.steering.comparison", "indsats.services.steering.store_measures",
             "indsats.services.casework.timeliness", "indsats.services.casework.quota",
             "indsats.services.evidence.local_effects", "indsats.services.evidence.effect_estimates",
             "indsats.evidence.effects", "indsats.services.company.small_jobs", "indsats.services.casework.sick_leave",
             "indsats.services.steering.programme_measures", "indsats.services.company.company_entry",
             "indsats.services.company.job_orders", "indsats.services.economy.labour_force",
             "indsats.services.steering.plan_versions", "indsats.reports.result_review"):
    try:
        importlib.import_module(name)
    except ImportError:
        pass
"""

# The background refresh computes the goals page just before the review (``measure_store.warm_views``): the plans
# are parsed, the law's parameters loaded and the mappers configured when the review renders.
WARM = """
from indsats.domain import clock
from indsats.services.steering import goals
from indsats.store.db import Database
db = Database()
goals.dashboard(db, sys.argv[1], None, clock.today(), fresh=True)
"""

RUN = PRELOAD + """
import json, sys, time
""" + WARM + """
from indsats.services.steering.result_review import review_pdf_bytes
wall, cpu = time.perf_counter(), time.process_time()
pdf = review_pdf_bytes(db, sys.argv[1], None, clock.today().year, fresh=True)
print(json.dumps({"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu, "bytes": len(pdf)}))
"""

SECTIONS = PRELOAD + """
import sys, time
import weasyprint
""" + WARM + """
from indsats.reports.result_review import TEMPLATES, render_html
from indsats.services.steering import result_review as rr
from indsats.services.steering.goals import plan_for
from indsats.store.db import Database
db, code, year = Database(), sys.argv[1], clock.today().year
plan = plan_for(db, code, None, year)

def timed(name, fn, *args, **kwargs):
    wall, cpu = time.perf_counter(), time.process_time()
    value = fn(*args, **kwargs)
    print(f"  {name:34s} {time.perf_counter() - wall:6.2f} s (CPU {time.process_time() - cpu:5.2f})", flush=True)
    return value

weekly = timed("kept weekly measures", rr.kept_weekly, db, code, year)
review = timed("build_review (all data)", rr.build_review, plan, year, None, None, db, code=code, weekly=weekly,
               compute_effects=False)
html = timed("render_html", render_html, review)
from indsats.reports import result_review as report
html = getattr(report, "_for_weasyprint", lambda h: h)(html)  # the charts as the PDF writer passes them
document = timed("WeasyPrint: parse, style, layout", lambda: weasyprint.HTML(string=html, base_url=str(TEMPLATES)).render())
pdf = timed("WeasyPrint: draw, write", document.write_pdf)
print(f"  {len(html):,} bytes of HTML, {len(document.pages)} pages, {len(pdf):,} bytes of PDF")
"""


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def run(tree: Path, database: str, code: str, script: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(tree), "INDSATS_DATABASE_URL": database}
    done = subprocess.run([sys.executable, "-c", script, code], cwd=tree, env=env, capture_output=True, text=True,
                          timeout=1800)
    if done.returncode != 0:
        raise RuntimeError(f"{tree}: {done.stderr[-2000:]}")
    return done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", required=True)
    parser.add_argument("--tree", action="append", required=True, help="name=path (first: the baseline)")
    parser.add_argument("--code", default="250")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sections", action="store_true")
    args = parser.parse_args()
    trees = [(name, Path(path).resolve()) for name, path in (t.split("=", 1) for t in args.tree)]
    seconds: dict[str, list[float]] = {name: [] for name, _ in trees}
    for i in range(args.runs):
        for name, tree in trees:
            before = loadavg()
            got = json.loads(run(tree, args.database, args.code, RUN).strip().splitlines()[-1])
            seconds[name].append(got["wall"])
            print(f"run {i + 1} {name:8s} {got['wall']:7.2f} s (CPU {got['cpu']:6.2f}), {got['bytes']:,} bytes, "
                  f"load {before} -> {loadavg()}", flush=True)
    base = statistics.median(seconds[trees[0][0]])
    for name, _ in trees:
        values = seconds[name]
        print(f"{name:8s} median {statistics.median(values):7.2f} s (min {min(values):.2f}, max {max(values):.2f}), "
              f"ratio {statistics.median(values) / base:.2f}")
    if args.sections:
        print(f"sections of {trees[-1][0]} (load {loadavg()}):")
        print(run(trees[-1][1], args.database, args.code, SECTIONS), end="")
        print(f"  (load {loadavg()})")


if __name__ == "__main__":
    main()
