"""Benchmark: a two-year weekly KPI series over 100,000 persons x 5 years of weekly panel.

Compares, in one run and on the same Parquet file:
  * indsats: ``kpis_for_file`` (read + validate + every KPI for 104 weeks, DuckDB via Ibis);
  * a straightforward pandas loop: for each of the 104 weeks, filter the year and count;
  * one DuckDB scan of the file: persons per week (``count(DISTINCT person_id) GROUP BY week``),
    the simplest KPI in one pass — the floor for any engine.
Each is run in its own subprocess so its peak memory (VmHWM, peak resident set) is its own.
Targets: >= 10x faster than the pandas loop, within 5x of the scan.

    .venv/bin/python bench/bench_kpi.py [--persons 100000] [--years 5] [--pandas-weeks 104]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import textwrap
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

STATES = [
    ("unemployment_benefit", None), ("cash_benefit", "job_ready"), ("cash_benefit", "activity_ready"),
    ("education_benefit", "education_ready"), ("sickness_benefit", None), ("flexjob", None),
    ("disability_pension", None), ("flexjob_waiting_benefit", None), ("resource_programme", None),
]
OFFERS = [None, "company_internship", "wage_subsidy", "mentor", "guidance_and_upskilling"]


def iso(day: date) -> str:
    y, w, _ = day.isocalendar()
    return f"{y}-W{w:02d}"


def generate(path: Path, persons: int, years: int, seed: int = 42) -> int:
    rng = np.random.default_rng(seed)
    n_weeks = 52 * years
    start = date(2021, 11, 29)  # a Monday; five years end in the demo's 2026
    week_names = np.array([iso(start + timedelta(weeks=k)) for k in range(n_weeks)])
    state = rng.integers(-3, len(STATES), size=persons)  # negative = no benefit
    offer = np.zeros(persons, dtype=np.int64)
    ids = np.array([f"P{n:06d}" for n in range(persons)])
    benefit_dict = pa.array([b for b, _ in STATES])
    readiness_dict = pa.array(sorted({r for _, r in STATES if r}))
    readiness_idx = np.array([readiness_dict.to_pylist().index(r) if r else -1 for _, r in STATES])
    offer_dict = pa.array([o for o in OFFERS if o])
    no_offer = np.array([b in ("flexjob", "disability_pension") for b, _ in STATES])
    tables = []
    for k in range(n_weeks):
        change = rng.random(persons) < 0.05
        state = np.where(change, rng.integers(-3, len(STATES), size=persons), state)
        flip = rng.random(persons) < 0.1
        offer = np.where(flip, rng.integers(0, len(OFFERS), size=persons), offer)
        on = state >= 0
        s = state[on]
        r_idx = readiness_idx[s]
        o_idx = offer[on] - 1
        o_idx = np.where(no_offer[s], -1, o_idx)
        tables.append(pa.table({
            "person_id": ids[on],
            "week": np.full(on.sum(), week_names[k]),
            "benefit": pa.DictionaryArray.from_arrays(pa.array(s, pa.int32()), benefit_dict).cast(pa.string()),
            "readiness": pa.DictionaryArray.from_arrays(
                pa.array(r_idx, pa.int32(), mask=r_idx < 0), readiness_dict).cast(pa.string()),
            "offer": pa.DictionaryArray.from_arrays(
                pa.array(o_idx, pa.int32(), mask=o_idx < 0), offer_dict).cast(pa.string()),
        }))
    table = pa.concat_tables(tables)
    pq.write_table(table, path)
    return table.num_rows


RUNNER = textwrap.dedent("""
    import json, sys, time
    kind, path, first, last = sys.argv[1:5]
    import resource
    import indsats.analytics.engine, duckdb  # imports are not what is measured

    def cpu_now():
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime  # all threads; steadier than wall time on a shared machine

    cpu0 = cpu_now()
    t0 = time.perf_counter()
    if kind == "indsats":
        from indsats.analytics.engine import kpis_for_file
        out = kpis_for_file(path, None, first, last)
        n = len(out)
    elif kind == "economy":
        from indsats.economy.run import economy_for_file
        n = economy_for_file(path, None, int(last[:4]) - 1)["total"]["person_weeks"]
    elif kind == "scan":
        import duckdb
        n = len(duckdb.sql(f"SELECT week, count(*), count(DISTINCT person_id) "
                           f"FROM read_parquet('{path}') GROUP BY week").fetchall())
    else:
        sys.path.insert(0, "bench")
        from bench_kpi_pandas import pandas_loop
        n = len(pandas_loop(path, first, last))
    secs = time.perf_counter() - t0
    cpu = cpu_now() - cpu0
    # VmHWM is this process image's own peak (ru_maxrss would include the parent's at fork).
    peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM")) / 1024
    print(json.dumps({"seconds": secs, "cpu": cpu, "peak_mb": peak, "rows": n}))
""")


def run(kind: str, path: Path, first: str, last: str) -> dict:
    out = subprocess.run([sys.executable, "-c", RUNNER, kind, str(path), first, last],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--pandas-weeks", type=int, default=104,
                        help="weeks the pandas loop computes (its time is scaled to 104 when fewer)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "panel.parquet"
        rows = generate(path, args.persons, args.years)
        last_day = date(2021, 11, 29) + timedelta(weeks=52 * args.years - 1)
        last = iso(last_day)
        first = iso(last_day - timedelta(weeks=103))
        pandas_first = iso(last_day - timedelta(weeks=args.pandas_weeks - 1))
        print(f"panel: {args.persons:,} persons x {args.years} years = {rows:,} rows; series {first}..{last}")
        scan = run("scan", path, first, last)
        ours = run("indsats", path, first, last)
        loop = run("pandas", path, pandas_first, last)
        money = run("economy", path, first, last)
        loop_104 = loop["seconds"] * 104 / args.pandas_weeks
        print(f"one DuckDB scan:   {scan['seconds']:8.2f} s   peak {scan['peak_mb']:7.0f} MB")
        print(f"indsats (104 wk):  {ours['seconds']:8.2f} s   peak {ours['peak_mb']:7.0f} MB")
        print(f"pandas loop:       {loop_104:8.2f} s   peak {loop['peak_mb']:7.0f} MB"
              f"   ({args.pandas_weeks} weeks measured)")
        print(f"indsats economy (the year before {last[:4]}, bench/bench_economy.py): {money['seconds']:8.2f} s"
              f"   peak {money['peak_mb']:7.0f} MB")
        print(f"speed-up vs pandas loop: {loop_104 / ours['seconds']:.1f}x (target >= 10x)")
        print(f"ratio to one scan:       {ours['seconds'] / scan['seconds']:.1f}x wall, "
              f"{ours['cpu'] / scan['cpu']:.1f}x CPU (target <= 5x; CPU time counts every thread and is the "
              "steadier figure on a shared machine)")


if __name__ == "__main__":
    main()
