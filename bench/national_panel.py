"""A national-size synthetic weekly panel, streamed to Parquet in chunks of persons; then the KPI series on it.

    .venv/bin/python bench/national_panel.py --persons 3700000 --years 10 --out /data/national
    .venv/bin/python bench/national_panel.py --persons 370000 --years 10 --out /tmp/national --series

Persons are independent, so each chunk (``--chunk`` persons × every week) is generated, written
as one row group and dropped: memory stays at one chunk whatever ``--persons`` is. About a fifth
of the population is on a benefit in a week (as nationally: ~750,000 of 3.7 million aged
16-66), with spells of weeks to years. ``--series`` then runs ``indsats kpi --series`` for the
last year's 52 weeks on the file out of core (DuckDB ``memory_limit`` + ``temp_directory``,
``--memory-limit``) and prints its time and peak memory. Figures: docs/PERFORMANCE.md.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

STATES = [
    ("unemployment_benefit", None), ("cash_benefit", "job_ready"), ("cash_benefit", "activity_ready"),
    ("education_benefit", "education_ready"), ("sickness_benefit", None), ("flexjob", None),
    ("disability_pension", None), ("flexjob_waiting_benefit", None), ("resource_programme", None),
    ("early_retirement", None),
]
OFFERS = [None, "company_internship", "wage_subsidy", "mentor", "guidance_and_upskilling"]
START = date(2016, 11, 28)  # a Monday; ten years end in 2026
SCHEMA = pa.schema([("person_id", pa.string()), ("week", pa.string()), ("benefit", pa.string()),
                    ("readiness", pa.string()), ("offer", pa.string())])


def iso(day: date) -> str:
    y, w, _ = day.isocalendar()
    return f"{y}-W{w:02d}"


def _chunk(rng, first_id: int, n: int, week_names: np.ndarray, n_states: int, readiness_idx, no_offer,
           dicts) -> pa.Table:
    benefit_dict, readiness_dict, offer_dict = dicts
    state = np.where(rng.random(n) < 0.2, rng.integers(0, n_states, size=n), -1)
    offer = np.zeros(n, dtype=np.int64)
    ids = np.char.add("DK", np.char.zfill(np.arange(first_id, first_id + n).astype(str), 8))
    parts = []
    for week in week_names:
        leave = (state >= 0) & (rng.random(n) < 0.03)
        enter = (state < 0) & (rng.random(n) < 0.0075)  # keeps ~20 % on a benefit
        state = np.where(leave, -1, state)
        state = np.where(enter, rng.integers(0, n_states, size=n), state)
        flip = rng.random(n) < 0.1
        offer = np.where(flip, rng.integers(0, len(OFFERS), size=n), offer)
        on = state >= 0
        s = state[on]
        r_idx = readiness_idx[s]
        o_idx = np.where(no_offer[s], -1, offer[on] - 1)
        parts.append(pa.table({
            "person_id": ids[on], "week": np.full(on.sum(), week),
            "benefit": pa.DictionaryArray.from_arrays(pa.array(s, pa.int32()), benefit_dict).cast(pa.string()),
            "readiness": pa.DictionaryArray.from_arrays(pa.array(r_idx, pa.int32(), mask=r_idx < 0),
                                                        readiness_dict).cast(pa.string()),
            "offer": pa.DictionaryArray.from_arrays(pa.array(o_idx, pa.int32(), mask=o_idx < 0),
                                                    offer_dict).cast(pa.string()),
        }, schema=SCHEMA))
    return pa.concat_tables(parts)


def generate(out: Path, persons: int, years: int, chunk: int, seed: int = 7) -> tuple[int, float]:
    rng = np.random.default_rng(seed)
    week_names = np.array([iso(START + timedelta(weeks=k)) for k in range(52 * years)])
    benefit_dict = pa.array([b for b, _ in STATES])
    readiness_dict = pa.array(sorted({r for _, r in STATES if r}))
    readiness_idx = np.array([readiness_dict.to_pylist().index(r) if r else -1 for _, r in STATES])
    offer_dict = pa.array([o for o in OFFERS if o])
    no_offer = np.array([b in ("flexjob", "disability_pension", "early_retirement") for b, _ in STATES])
    rows, started = 0, time.perf_counter()
    with pq.ParquetWriter(out, SCHEMA, compression="zstd") as writer:
        for first in range(0, persons, chunk):
            n = min(chunk, persons - first)
            table = _chunk(rng, first, n, week_names, len(STATES), readiness_idx, no_offer,
                           (benefit_dict, readiness_dict, offer_dict))
            writer.write_table(table, row_group_size=1_000_000)
            rows += table.num_rows
            print(f"  {first + n:>10,} persons, {rows:>13,} rows, {time.perf_counter() - started:7.1f} s",
                  flush=True)
    return rows, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=3_700_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--chunk", type=int, default=50_000)
    parser.add_argument("--out", type=Path, required=True, help="a folder; panel.parquet is written there")
    parser.add_argument("--series", action="store_true", help="then run indsats kpi --series on the last year")
    parser.add_argument("--memory-limit", default="4GB", help="DuckDB memory_limit for the series")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "panel.parquet"
    rows, secs = generate(path, args.persons, args.years, args.chunk)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"generated {rows:,} rows ({args.persons:,} persons x {args.years} years) in {secs:.1f} s, "
          f"{path.stat().st_size / 2**30:.2f} GiB, generator peak RSS {peak:.0f} MB")
    if args.series:
        last_day = START + timedelta(weeks=52 * args.years - 1)
        first, last = iso(last_day - timedelta(weeks=51)), iso(last_day)
        tmp = args.out / "duckdb-spill"
        cmd = [sys.executable, "-c", "from indsats.cli import main; main()", "kpi", str(path), "--series", first,
               last, "--memory-limit", args.memory_limit, "--temp-dir", str(tmp), "--stats"]
        started = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True)
        print(done.stderr.strip()[-2000:])
        print(f"indsats kpi --series {first} {last}: exit {done.returncode}, {time.perf_counter() - started:.1f} s "
              f"wall, {len(done.stdout):,} bytes of JSON")


if __name__ == "__main__":
    main()
