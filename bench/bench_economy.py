"""Benchmark: ``indsats economy`` for one ISO year on the KPI benchmark's panel
(100,000 persons x 5 years of weekly rows, ``bench_kpi.generate``, seeded).

Compares, in one run and on the same Parquet file, each in its own subprocess (peak memory
= its VmHWM):
  * indsats: ``economy_for_file`` (read + validate the panel and the shipped rates, the
    staircase in Ibis on DuckDB, the contract object);
  * a straightforward per-person loop in Python (rows grouped by person, weeks walked one by
    one, the self-support weeks of the 156 before counted week by week). It runs on a sample
    of persons (``--loop-persons``) and its time is scaled to all persons — say so;
  * the scan floor: one DuckDB pass over the panel's columns (rows and persons per week and
    benefit) — what any engine must at least read.
Targets: >= 10x faster than the loop, within 5x of the scan.

    .venv/bin/python bench/bench_economy.py [--persons 100000] [--years 5] [--year 2025] [--loop-persons 2000]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_kpi import generate  # noqa: E402  (the KPI benchmark's panel generator)

RUNNER = textwrap.dedent("""
    import json, sys, time
    kind, path, year, sample = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    t0 = time.perf_counter()
    extra = {}
    if kind == "indsats":
        from indsats.economy.run import economy_for_file
        out = economy_for_file(path, None, year)
        extra["person_weeks"] = out["total"]["person_weeks"]
    elif kind == "scenario":
        import pyarrow.parquet as pq
        from indsats.economy.flows import estimate_flows
        from indsats.economy.monthly import steps_in_week
        from indsats.economy.rates import load_rates, rate_in_force
        from indsats.economy.simulation import Scenario, simulate
        from indsats.economy.staircase import rule_at
        from indsats.analytics import weeks
        table = pq.read_table(path)
        week = max(table.column("week").unique().to_pylist())
        flows = estimate_flows(table, week)
        rates = load_rates()
        steps = steps_in_week(table, rates, week)
        start = dict(zip(steps["person_id"], (int(x) for x in steps["step"])))
        monday = weeks.monday(week)
        in_force = {b: (r.weekly_rate, r.scheme) for b in flows.benefits if (r := rate_in_force(rates, b, monday))}
        t1 = time.perf_counter()
        simulate(flows, Scenario(), in_force, rule_at(monday), start)
        simulate(flows, Scenario(shorten_benefit="cash_benefit", shorten_weeks=4), in_force, rule_at(monday), start)
        extra = {"estimate_seconds": t1 - t0, "simulate_seconds": time.perf_counter() - t1,
                 "simulated_persons": len(flows.state_person)}
    elif kind == "scan":
        import duckdb
        n = len(duckdb.sql(f"SELECT week, benefit, count(*), count(DISTINCT person_id) "
                           f"FROM read_parquet('{path}') GROUP BY week, benefit").fetchall())
    else:
        sys.path.insert(0, "bench")
        from bench_economy import person_loop
        extra = person_loop(path, year, sample)
    secs = time.perf_counter() - t0
    peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM")) / 1024
    print(json.dumps({"seconds": secs, "peak_mb": peak, **extra}))
""")


def person_loop(path: str, year: int, sample: int) -> dict:
    """A plain per-person loop over the first ``sample`` persons (by id) of the panel."""
    import time
    from datetime import date, timedelta

    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from indsats.economy.rates import load_rates, rate_in_force
    from indsats.economy.staircase import rule_at

    t0 = time.perf_counter()
    rates = load_rates()
    table = pq.read_table(path, columns=["person_id", "week", "benefit"])
    ids = sorted(set(table.column("person_id").to_pylist()))
    chosen = set(ids[:sample])
    table = table.filter(pc.is_in(table.column("person_id"), value_set=__import__("pyarrow").array(sorted(chosen))))
    rows: dict[str, dict[date, str]] = {}
    for person, week, benefit in zip(*(table.column(c).to_pylist() for c in ("person_id", "week", "benefit")),
                                     strict=True):
        rows.setdefault(person, {})[date.fromisocalendar(int(week[:4]), int(week[6:8]), 1)] = benefit
    first = min(d for r in rows.values() for d in r)
    loaded = time.perf_counter()
    year_first = date.fromisocalendar(year, 1, 1)
    year_last = date.fromisocalendar(year + 1, 1, 1) - timedelta(days=7)
    gross = 0.0
    weeks_counted = 0
    for person_rows in rows.values():
        start, number, day = None, 0, first
        while day <= year_last:
            benefit = person_rows.get(day)
            rate = rate_in_force(rates, benefit, day) if benefit else None
            if rate is not None:
                if start is not None:
                    free, probe = 0, max(start + timedelta(weeks=1), day - timedelta(weeks=156))
                    while probe < day:
                        free += probe not in person_rows
                        probe += timedelta(weeks=1)
                    if free >= 52:
                        start = None
                if start is None:
                    start, number = day, 0
                number += 1
                if day >= year_first:
                    step = rule_at(day).step_of(number)
                    weeks_counted += 1
                    gross += float(rate.weekly_rate) * (float(step.refusion) if rate.scheme == "refusion" else 1)
            day += timedelta(weeks=1)
    return {"persons": len(rows), "person_weeks": weeks_counted, "of_persons": len(ids),
            "load_seconds": loaded - t0, "loop_seconds": time.perf_counter() - loaded}


def run(kind: str, path: Path, year: int, sample: int) -> dict:
    out = subprocess.run([sys.executable, "-c", RUNNER, kind, str(path), str(year), str(sample)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--year", type=int, default=2025, help="the ISO year computed (the panel runs 2021-W48..)")
    parser.add_argument("--only-scenario", action="store_true", help="time only the what-if scenario")
    parser.add_argument("--loop-persons", type=int, default=2_000,
                        help="persons the per-person loop computes (its time is scaled to all persons)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "panel.parquet"
        rows = generate(path, args.persons, args.years)
        print(f"panel: {args.persons:,} persons x {args.years} years = {rows:,} rows; economy for {args.year}")
        if args.only_scenario:
            scen = run("scenario", path, args.year, 0)
            print(f"what-if scenario: {scen}")
            return
        scan = run("scan", path, args.year, 0)
        ours = run("indsats", path, args.year, 0)
        loop = run("loop", path, args.year, args.loop_persons)
        scale = loop["of_persons"] / loop["persons"]
        # reading the file is paid once; only the per-person loop itself is scaled to all persons
        loop_all = loop["load_seconds"] + loop["loop_seconds"] * scale
        print(f"one DuckDB scan:        {scan['seconds']:8.2f} s   peak {scan['peak_mb']:7.0f} MB")
        print(f"indsats economy:        {ours['seconds']:8.2f} s   peak {ours['peak_mb']:7.0f} MB"
              f"   ({ours['person_weeks']:,} person-weeks)")
        print(f"per-person loop:        {loop_all:8.2f} s   peak {loop['peak_mb']:7.0f} MB"
              f"   (read {loop['load_seconds']:.1f} s + loop over {loop['persons']:,} persons "
              f"{loop['loop_seconds']:.1f} s scaled x{scale:.1f})")
        scen = run("scenario", path, args.year, 0)
        print(f"what-if scenario:       {scen['seconds']:8.2f} s   peak {scen['peak_mb']:7.0f} MB"
              f"   (flows and staircase estimated in {scen['estimate_seconds']:.1f} s, baseline + scenario "
              f"simulated in {scen['simulate_seconds']:.1f} s for {scen['simulated_persons']:,} persons on benefits)")
        print(f"speed-up vs per-person loop: {loop_all / ours['seconds']:.1f}x (target >= 10x)")
        print(f"ratio to one scan:           {ours['seconds'] / scan['seconds']:.1f}x (target <= 5x)")


if __name__ == "__main__":
    main()
