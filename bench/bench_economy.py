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
import os
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
        # what a manager's scenario costs: the estimate once per panel version, then every scenario
        import pyarrow.parquet as pq
        from indsats.economy.flows import estimate_flows, flows_from_bytes, flows_to_bytes
        from indsats.economy.rates import load_rates, rate_in_force
        from indsats.economy.simulation import Scenario, simulate
        from indsats.economy.staircase import rule_at
        from indsats.analytics import weeks
        cols = ["person_id", "week", "benefit", "readiness", "offer"]
        table = pq.read_table(path, columns=cols, read_dictionary=cols[1:])
        week = max(max(c.dictionary.to_pylist()) for c in table.column("week").chunks)
        t_read = time.perf_counter()
        flows = estimate_flows(table, week)
        kept = flows_to_bytes(flows)
        t1 = time.perf_counter()
        flows = flows_from_bytes(kept)
        rates = load_rates()
        monday = weeks.monday(week)
        in_force = {b: (r.weekly_rate, r.scheme) for b in flows.benefits if (r := rate_in_force(rates, b, monday))}
        simulate(flows, Scenario(), in_force, rule_at(monday))
        simulate(flows, Scenario(shorten_benefit="cash_benefit", shorten_weeks=4), in_force, rule_at(monday))
        extra = {"read_seconds": t_read - t0, "estimate_seconds": t1 - t_read, "kept_bytes": len(kept),
                 "scenario_seconds": time.perf_counter() - t1, "simulated_persons": len(flows.state_person)}
    elif kind == "scenario_old":
        # the previous path (DuckDB window functions + the Ibis staircase) on the first ``sample`` persons
        import pyarrow as pa
        import pyarrow.compute as pc
        import pyarrow.parquet as pq
        sys.path.insert(0, "bench")
        from bench_economy import old_estimate_flows
        from indsats.economy.monthly import steps_in_week
        from indsats.economy.rates import load_rates
        table = pq.read_table(path)
        ids = sorted(set(table.column("person_id").unique().to_pylist()))
        week = max(table.column("week").unique().to_pylist())
        table = table.filter(pc.is_in(table.column("person_id"), value_set=pa.array(ids[:sample])))
        t1 = time.perf_counter()
        flows = old_estimate_flows(table, week)
        steps_in_week(table, load_rates(), week)
        extra = {"read_seconds": t1 - t0, "estimate_seconds": time.perf_counter() - t1, "persons": min(sample, len(ids)),
                 "of_persons": len(ids)}
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


def old_estimate_flows(table, week: str):
    """The flows as estimated before (window functions over the whole panel in DuckDB); kept here
    as the scenario benchmark's baseline. Only the passes are timed, not the small results."""
    import duckdb

    from indsats.analytics import weeks
    from indsats.economy.flows import DURATION_BUCKETS, YEAR_WEEKS

    w = weeks.index(week)
    con = duckdb.connect()
    try:
        con.register("raw", table.select(["person_id", "week", "benefit", "readiness", "offer"]))
        names = sorted({str(x) for x in table.column("week").unique().to_pylist() if x and weeks.is_week(str(x))})
        import pyarrow as pa
        con.register("cal", pa.table({"week": names, "idx": [weeks.index(n) for n in names]}))
        lo, first = w - YEAR_WEEKS + 1, w - YEAR_WEEKS - DURATION_BUCKETS[-1] - 1
        con.execute(f"""CREATE TABLE r AS
            WITH p AS (SELECT CAST(person_id AS VARCHAR) AS person_id, c.idx, CAST(benefit AS VARCHAR) AS benefit,
                              NULLIF(CAST(readiness AS VARCHAR), '') AS readiness, NULLIF(CAST(offer AS VARCHAR), '') AS offer
                       FROM raw JOIN cal c ON CAST(raw.week AS VARCHAR) = c.week WHERE c.idx BETWEEN {first} AND {w}),
            s AS (SELECT *, lag(idx) OVER n AS prev_idx, lag(benefit) OVER n AS prev_benefit,
                         lead(idx) OVER n AS next_idx, lead(benefit) OVER n AS next_benefit
                  FROM p WINDOW n AS (PARTITION BY person_id ORDER BY idx)),
            t AS (SELECT *, (prev_idx IS NULL OR prev_idx <> idx - 1 OR prev_benefit <> benefit) AS starts FROM s)
            SELECT person_id, idx, benefit, readiness, offer, next_idx, next_benefit, prev_idx,
                   idx - max(CASE WHEN starts THEN idx END) OVER (PARTITION BY person_id ORDER BY idx
                         ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) + 1 AS duration
            FROM t QUALIFY idx >= {lo - 1}""")
        case = " ".join(f"WHEN duration >= {d} THEN {i}" for i, d in reversed(list(enumerate(DURATION_BUCKETS))))
        out = [con.execute(f"""SELECT benefit, CASE {case} END AS k, count(*),
                count_if(next_idx IS NULL OR next_idx <> idx + 1 OR next_benefit <> benefit)
                FROM r WHERE idx < {w} GROUP BY ALL""").fetchall(),
               con.execute(f"""SELECT benefit, CASE WHEN next_idx = idx + 1 THEN next_benefit END, count(*)
                FROM r WHERE idx < {w} AND (next_idx IS NULL OR next_idx <> idx + 1 OR next_benefit <> benefit)
                GROUP BY ALL""").fetchall(),
               con.execute(f"""SELECT benefit, coalesce(readiness, ''), count(*) FROM r
                WHERE idx >= {lo} AND (prev_idx IS NULL OR prev_idx <> idx - 1) GROUP BY ALL""").fetchall(),
               con.execute(f"SELECT person_id, benefit, coalesce(readiness, ''), duration FROM r WHERE idx = {w} "
                           "ORDER BY person_id").fetchall()]
    finally:
        con.close()
    return out


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
    parser.add_argument("--old-persons", type=int, default=10_000,
                        help="persons the previous scenario estimate runs on (its time is scaled to all persons)")
    parser.add_argument("--loop-persons", type=int, default=2_000,
                        help="persons the per-person loop computes (its time is scaled to all persons)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "panel.parquet"
        rows = generate(path, args.persons, args.years)
        print(f"panel: {args.persons:,} persons x {args.years} years = {rows:,} rows; economy for {args.year}")
        if args.only_scenario:
            scenario_report(path, args)
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
        print(f"speed-up vs per-person loop: {loop_all / ours['seconds']:.1f}x (target >= 10x)")
        print(f"ratio to one scan:           {ours['seconds'] / scan['seconds']:.1f}x (target <= 5x)")
        scenario_report(path, args)


def scenario_report(path: Path, args) -> None:
    """The what-if scenario at this size, against the previous estimate (run on a sample, scaled)."""
    new = run("scenario", path, args.year, 0)
    old = run("scenario_old", path, args.year, args.old_persons)
    scale = old["of_persons"] / old["persons"]
    old_all = old["estimate_seconds"] * scale
    print(f"load average: {os.getloadavg()[0]:.1f} (2 cores shared)")
    print(f"scenario, estimate kept per panel version: baseline + scenario simulated in "
          f"{new['scenario_seconds']:6.2f} s for {new['simulated_persons']:,} persons (target < 10 s)")
    print(f"scenario, first after a panel change:      read {new['read_seconds']:.1f} s + estimate "
          f"{new['estimate_seconds']:.1f} s (kept: {new['kept_bytes'] / 1e6:.1f} MB) + "
          f"{new['scenario_seconds']:.1f} s   peak {new['peak_mb']:.0f} MB")
    print(f"previous estimate (DuckDB windows + Ibis staircase) on {old['persons']:,} persons: "
          f"{old['estimate_seconds']:.1f} s, EXTRAPOLATED x{scale:.0f} to {old['of_persons']:,}: {old_all:.0f} s")
    print(f"estimate speed-up vs previous: {old_all / new['estimate_seconds']:.1f}x")


if __name__ == "__main__":
    main()
