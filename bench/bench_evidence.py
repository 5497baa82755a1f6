"""Benchmark: ``indsats screening`` and ``indsats effects`` on 100,000 persons x 5 years of weekly panel.

The panel is ``bench_kpi.py``'s generator (the same Parquet file the KPI benchmark uses). In one
run, each in its own subprocess so its peak memory (VmHWM) is its own:
  * screening at the last week: read + validate, train on every earlier cohort, score and explain;
  * effects of offer starts over the last year but 26 weeks, horizon 26, with the 95 % intervals;
  * baseline 1 — one DuckDB scan of the file (persons per week), the floor for any reading;
  * baseline 2 — the naive effect estimator alone in DuckDB (treated rate − rate of all eligible
    without an offer, per offer), the cheapest answer to the effects question.
Target: each command under 2 minutes on 2 cores.

    python bench/bench_evidence.py [--persons 100000] [--years 5]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_kpi import generate, iso  # noqa: E402

RUNNER = textwrap.dedent("""
    import json, sys, time
    kind, panel, persons, as_of, first, last = sys.argv[1:7]
    t0 = time.perf_counter()
    if kind == "screening":
        from indsats.services.evidence.files import screening
        out = screening(panel, persons, as_of)
        n = len(out["persons"])
        extra = {"trained_on": out["model"]["trained_on"], "auc_in_history": out["model"]["auc_in_history"]}
    elif kind == "effects":
        from indsats.services.evidence.files import offer_effects
        out = offer_effects(panel, persons, first, last, 26)
        n = len(out["offers"])
        extra = {"starts": sum(o["starts"] for o in out["offers"].values())}
    elif kind == "scan":
        import duckdb
        n = len(duckdb.sql(f"SELECT week, count(*), count(DISTINCT person_id) "
                           f"FROM read_parquet('{panel}') GROUP BY week").fetchall())
        extra = {}
    else:
        import duckdb
        sql = f'''
            WITH wi AS (SELECT week, CAST(row_number() OVER (ORDER BY week) AS INTEGER) AS i
                        FROM (SELECT DISTINCT week FROM read_parquet('{panel}'))),
            p AS (SELECT person_id, i, week, benefit, offer,
                         lag(offer) OVER (PARTITION BY person_id ORDER BY i) AS prev,
                         lag(i) OVER (PARTITION BY person_id ORDER BY i) AS prev_i
                  FROM read_parquet('{panel}') JOIN wi USING (week)),
            e AS (SELECT * FROM p WHERE benefit IN ('unemployment_benefit', 'cash_benefit', 'education_benefit')
                    AND week BETWEEN '{first}' AND '{last}'),
            s AS (SELECT CASE WHEN offer IS NULL THEN '-'
                              WHEN prev IS NULL OR prev_i <> i - 1 OR prev <> offer THEN offer END AS o,
                         person_id, i FROM e)
            SELECT o, count(*), avg(CASE WHEN later.person_id IS NULL THEN 1 ELSE 0 END)
            FROM s LEFT JOIN p AS later ON later.person_id = s.person_id AND later.i = s.i + 26
            WHERE o IS NOT NULL GROUP BY o'''
        n = len(duckdb.sql(sql).fetchall())
        extra = {}
    secs = time.perf_counter() - t0
    peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM")) / 1024
    print(json.dumps({"seconds": secs, "peak_mb": peak, "n": n, **extra}))
""")


def load() -> str:
    """The machine's load average (1, 5, 15 min), printed beside each figure: the machine is shared."""
    return "load " + " / ".join(f"{x:.1f}" for x in os.getloadavg())


def run(kind: str, *args: str) -> dict:
    before = load()
    out = subprocess.run([sys.executable, "-c", RUNNER, kind, *args], capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"{kind} failed:\n{out.stderr}")
    return {**json.loads(out.stdout.strip().splitlines()[-1]), "load": f"{before} before, {load()} after"}


def write_persons(path: Path, persons: int, seed: int = 42) -> None:
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(seed)
    born = date(1960, 1, 1).toordinal() + rng.integers(0, 365 * 45, persons)
    pq.write_table(pa.table({"person_id": [f"P{n:06d}" for n in range(persons)],
                             "birth_date": [date.fromordinal(int(d)).isoformat() for d in born]}), path)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        panel, persons = Path(tmp) / "panel.parquet", Path(tmp) / "persons.parquet"
        rows = generate(panel, args.persons, args.years)
        write_persons(persons, args.persons)
        last_day = date(2021, 11, 29) + timedelta(weeks=52 * args.years - 1)
        as_of = iso(last_day)
        first, last = iso(last_day - timedelta(weeks=26 + 51)), iso(last_day - timedelta(weeks=26))
        print(f"panel: {args.persons:,} persons x {args.years} years = {rows:,} rows; "
              f"screening at {as_of}; effects of starts {first}..{last}, horizon 26")
        scan = run("scan", str(panel), str(persons), as_of, first, last)
        naive = run("naive", str(panel), str(persons), as_of, first, last)
        scr = run("screening", str(panel), str(persons), as_of, first, last)
        eff = run("effects", str(panel), str(persons), as_of, first, last)
        print(f"one DuckDB scan:        {scan['seconds']:7.2f} s   peak {scan['peak_mb']:6.0f} MB   ({scan['load']})")
        print(f"naive effects (DuckDB): {naive['seconds']:7.2f} s   peak {naive['peak_mb']:6.0f} MB   ({naive['load']})")
        print(f"indsats screening:      {scr['seconds']:7.2f} s   peak {scr['peak_mb']:6.0f} MB   "
              f"{scr['n']:,} scored, trained on {scr['trained_on']:,}, AUC in history {scr['auc_in_history']} "
              f"({scr['load']})")
        print(f"indsats effects:        {eff['seconds']:7.2f} s   peak {eff['peak_mb']:6.0f} MB   "
              f"{eff['n']} offers, {eff['starts']:,} starts ({eff['load']})")
        print(f"screening / one scan:   {scr['seconds'] / scan['seconds']:.1f}x")
        print(f"effects / naive:        {eff['seconds'] / naive['seconds']:.1f}x")
        for name, result in (("screening", scr), ("effects", eff)):
            verdict = "ok" if result["seconds"] < 120 else "OVER"
            print(f"{name}: {result['seconds']:.1f} s against the 120 s target — {verdict}")


if __name__ == "__main__":
    main()
