"""Benchmark: recompute the obligations of every active citizen of a 100,000-citizen municipality.

The citizens' events are generated in memory from a seeded RNG (a mix of unemployment
benefit, cash and education benefit, sickness benefit, resource programmes and so on, with
conversations, offers, work spells, requests and exemptions) as typed rows, the way the
store hands them to the service — so the benchmark needs no database. Both ways below
start from the same rows and build each citizen's timeline inside the timed section:

* baseline — the straightforward per-citizen loop: build the timeline, run the engine,
  one citizen after the other, in one process;
* implementation — ``indsats.services.casework.obligations.compute_parallel``: the rows are split
  into chunks; forked worker processes (one per core, inheriting the rows, garbage
  collector frozen) build the timelines and compute them, and return only the tallies.

With ``--store`` the same two ways run on the active citizens of a 100,000-citizen synthetic
municipality built by ``indsats synth`` into a temporary SQLite database: their timelines are
read from the store (timed on its own — one query per table, as the worklists read them) and
then computed both ways.

Wall-clock time and the CPU time of this process and its children are both printed: on a
machine shared with other jobs the wall clock says more about the neighbours.

    .venv/bin/python bench/bench_obligations.py [--citizens 100000] [--workers 2] [--store]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from indsats.law import compute  # noqa: E402
from indsats.law.timeline import trusted_timeline  # noqa: E402
from indsats.services.casework.obligations import compute_parallel  # noqa: E402

AS_OF = date(2026, 6, 1)
BENEFITS = [("unemployment_benefit", 0.35), ("cash_benefit", 0.22), ("education_benefit", 0.08),
            ("sickness_benefit", 0.2), ("resource_programme", 0.05), ("job_clarification", 0.04),
            ("flexjob_waiting_benefit", 0.03), ("rehabilitation", 0.01), ("integration_benefit", 0.02)]
OFFERS = ["company_internship", "wage_subsidy", "guidance_and_upskilling", "utility_work", "mentor"]


def _d(day: date) -> str:
    return day.isoformat()


def make_timeline(rng: random.Random, i: int) -> dict:
    benefit = rng.choices([b for b, _ in BENEFITS], [w for _, w in BENEFITS])[0]
    start = AS_OF - timedelta(days=rng.randint(0, 900))
    birth = date(rng.randint(1960, 2004), rng.randint(1, 12), rng.randint(1, 28))
    events: list[dict] = []
    if benefit in ("cash_benefit", "education_benefit"):
        events.append({"date": _d(start), "type": "first_contact"})
    if benefit == "sickness_benefit":
        events.append({"date": _d(start), "type": "benefit_start", "benefit": benefit})
        events.append({"date": _d(start), "type": "sick_leave_start", "category": rng.choice([1, 2, 2, 3])})
        day = start
        for _ in range(rng.randint(0, 6)):
            day += timedelta(days=rng.randint(10, 50))
            if day <= AS_OF:
                events.append({"date": _d(day), "type": "followup"})
        if rng.random() < 0.1:
            events.append({"date": _d(start + timedelta(days=7)), "type": "early_followup_requested", "by": "employer"})
    else:
        readiness = {"cash_benefit": rng.choice(["job_ready", "activity_ready"]),
                     "education_benefit": rng.choice(["education_ready", "activity_ready"])}.get(benefit)
        event = {"date": _d(start), "type": "benefit_start", "benefit": benefit}
        if readiness:
            event["readiness"] = readiness
        events.append(event)
        day = start
        for _ in range(rng.randint(0, 9)):
            day += timedelta(days=rng.randint(7, 70))
            if day > AS_OF:
                break
            events.append({"date": _d(day), "type": "conversation", "joint": benefit == "unemployment_benefit"
                           and rng.random() < 0.2})
        if rng.random() < 0.5:
            offer_day = start + timedelta(days=rng.randint(30, 250))
            if offer_day <= AS_OF:
                offer = rng.choice(OFFERS)
                events.append({"date": _d(offer_day), "type": "offer_start", "offer": offer})
                end = offer_day + timedelta(days=rng.randint(7, 120))
                if end <= AS_OF:
                    events.append({"date": _d(end), "type": "offer_end", "offer": offer})
        if benefit == "unemployment_benefit" and rng.random() < 0.2:
            work = start + timedelta(days=rng.randint(20, 300))
            events.append({"date": _d(work), "type": "employment_start"})
            events.append({"date": _d(work + timedelta(days=rng.randint(5, 90))), "type": "employment_end"})
        if rng.random() < 0.1:
            events.append({"date": _d(start + timedelta(days=rng.randint(100, 400))), "type": "conversation_requested"})
        if rng.random() < 0.05:
            ex = start + timedelta(days=rng.randint(60, 200))
            events.append({"date": _d(ex), "type": "exemption_start", "reason": "job_within_6_weeks"})
            events.append({"date": _d(ex + timedelta(days=rng.randint(10, 42))), "type": "exemption_end"})
        if rng.random() < 0.1 and benefit == "cash_benefit":
            events.append({"date": _d(start + timedelta(days=rng.randint(30, 300))), "type": "readiness_change",
                           "readiness": "activity_ready"})
    return {"citizen": {"id": f"c{i}", "birth_date": _d(birth)}, "as_of": _d(AS_OF),
            "events": [e for e in events if e["date"] <= _d(AS_OF)]}


def to_rows(raw: dict) -> tuple[str, date, date, list[tuple[date, str, dict]]]:
    """The generated timeline as the store's typed rows (dates as dates)."""
    rows = []
    for e in raw["events"]:
        data = {k: v for k, v in e.items() if k not in ("date", "type")}
        rows.append((date.fromisoformat(e["date"]), e["type"], data))
    return raw["citizen"]["id"], date.fromisoformat(raw["citizen"]["birth_date"]), AS_OF, rows


def baseline(rows: list) -> dict[str, int]:
    counts: dict[str, int] = {}
    for citizen_id, birth, as_of, events in rows:
        for ob in compute(trusted_timeline(citizen_id, birth, as_of, events)).obligations:
            counts[ob.status] = counts.get(ob.status, 0) + 1
    return counts


def _build(row) -> object:
    return trusted_timeline(*row)


def implementation(rows: list, workers: int) -> dict[str, int]:
    return compute_parallel(rows, workers=workers, build=_build)


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def run_store(citizens: int, workers: int) -> None:
    """The store variant: synthetic municipality in SQLite → timelines → obligations, both ways."""
    import tempfile

    from indsats.services.casework.obligations import compute_all, load_timelines
    from indsats.store.db import Database
    from indsats.store.migrations import upgrade
    from indsats.synth.build import build

    as_of = date(2026, 11, 23)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        upgrade(url)
        db = Database(url)
        t0 = time.perf_counter()
        build(db, seed=1, as_of=as_of, codes=("250",), citizens=citizens)
        print(f"synthetic municipality of {citizens:,} citizens built in {time.perf_counter() - t0:.1f} s")
        t0 = time.perf_counter()
        with db.unit_of_work() as session:
            timelines = load_timelines(session, as_of)
        read = time.perf_counter() - t0
        items = [tl for _, tl in timelines.values()]
        print(f"read from the store: {len(items):,} active citizens' timelines in {read:.2f} s")
        t0 = time.perf_counter()
        count_impl = compute_parallel(items, workers=workers)
        impl = time.perf_counter() - t0
        t0 = time.perf_counter()
        results = compute_all(timelines)
        base = time.perf_counter() - t0
        count_base: dict[str, int] = {}
        for _, result in results.values():
            for ob in result.obligations:
                count_base[ob.status] = count_base.get(ob.status, 0) + 1
        if count_base != count_impl:
            raise SystemExit(f"mismatch: {count_base} != {count_impl}")
        print(f"implementation (compute_parallel, {workers} workers): {impl:6.2f} s   "
              f"baseline (per-citizen loop): {base:6.2f} s   ratio {base / impl:.2f}x   "
              f"{sum(count_impl.values()):,} obligations")
        print(f"read + compute: {read + impl:.2f} s   target: compute < 5 s -> {'OK' if impl < 5 else 'MISSED'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--citizens", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=20260601)
    parser.add_argument("--store", action="store_true",
                        help="also run on a synthetic municipality built into SQLite, read from the store")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    rows = [to_rows(make_timeline(rng, i)) for i in range(args.citizens)]
    print(f"{args.citizens:,} active citizens, {sum(len(r[3]) for r in rows):,} events, as of {AS_OF}")
    baseline(rows[:200])  # load parameters and regimes before timing

    cpu0 = _cpu()
    t0 = time.perf_counter()
    count_impl = implementation(rows, args.workers)
    impl = time.perf_counter() - t0
    cpu_impl = _cpu() - cpu0
    print(f"implementation (compute_parallel, {args.workers} workers): {impl:6.2f} s wall, {cpu_impl:6.2f} s CPU  "
          f"{sum(count_impl.values()):,} obligations")

    cpu0 = _cpu()
    t0 = time.perf_counter()
    count_base = baseline(rows)
    base = time.perf_counter() - t0
    cpu_base = _cpu() - cpu0
    print(f"baseline (per-citizen loop, 1 process):        {base:6.2f} s wall, {cpu_base:6.2f} s CPU  "
          f"{sum(count_base.values()):,} obligations")
    if count_base != count_impl:
        raise SystemExit(f"mismatch: {count_base} != {count_impl}")
    print("statuses:", ", ".join(f"{k} {v:,}" for k, v in sorted(count_impl.items())))
    print(f"ratio baseline / implementation: {base / impl:.2f}x wall   target: implementation < 5 s -> "
          f"{'OK' if impl < 5 else 'MISSED'}   (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    if args.store:
        run_store(args.citizens, args.workers)


if __name__ == "__main__":
    main()
