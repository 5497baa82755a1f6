"""Benchmark: build a 100,000-citizen synthetic municipality into SQLite (target: under 2 minutes).

Measured in one run:
  * indsats: ``build()`` — generate (one process by default) and write every record in
    chunks with Core ``insert()`` executemany, one transaction (what ``indsats synth`` does);
  * floor: generating the same citizens without writing (``generate_municipality``,
    one process) — what any writer must at least cost;
  * baseline: writing rows one ORM object at a time (``session.add`` + ``flush`` per
    row) on a sample of 2,000 citizens, extrapolated by row count to the full build.

    .venv/bin/python bench/bench_synth.py [--citizens 100000] [--sample 2000] [--workers 1]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date
from pathlib import Path

from indsats.store import company_tables, tables
from indsats.store.db import Database, make_engine
from indsats.store.migrations import upgrade
from indsats.synth.build import build
from indsats.synth.generator import generate_municipality, split_citizens

AS_OF = date(2026, 11, 23)


def _fresh(directory: Path, name: str) -> Database:
    url = f"sqlite:///{directory / name}"
    upgrade(url)
    return Database(url, engine=make_engine(url))


def orm_one_at_a_time(db: Database, citizens: int) -> tuple[float, int]:
    """Seconds and rows for writing a municipality of ``citizens`` one ORM object per flush."""
    m = generate_municipality("250", seed=1, as_of=AS_OF, citizens=citizens)
    started = time.perf_counter()
    rows = 0
    with db.unit_of_work() as session:
        def add(obj) -> None:
            nonlocal rows
            session.add(obj)
            session.flush()
            rows += 1

        add(tables.MunicipalityRow(code="250", name="Frederikssund"))
        for t in m.teams:
            add(tables.TeamRow(id=t.id, name=t.name, municipality_code="250", target_groups=t.target_groups))
        for w in m.caseworkers:
            add(tables.CaseworkerRow(id=w.id, name=w.name, initials=w.initials, team_id=w.team_id,
                                     municipality_code="250"))
        for c in m.companies:
            add(company_tables.CompanyRow(cvr=c.cvr, name=c.name, municipality_code="250", employees=c.employees))
        for c in m.citizens:
            add(tables.CitizenRow(id=c.id, cpr=c.cpr, first_name=c.first_name, last_name=c.last_name,
                                  birth_date=c.birth_date, municipality_code="250", caseworker_id=c.caseworker_id,
                                  synthetic=True))
        for s in m.spells:
            add(tables.BenefitSpellRow(citizen_id=s.citizen_id, benefit=str(s.benefit), start=s.start, end=s.end,
                                       readiness=s.readiness and str(s.readiness),
                                       sickness_category=s.sickness_category))
        for v in m.conversations:
            add(tables.ConversationRow(citizen_id=v.citizen_id, date=v.date, kind=str(v.kind),
                                       status=str(v.status), caseworker_id=v.caseworker_id))
        for o in m.offers:
            add(tables.OfferRow(citizen_id=o.citizen_id, offer_type=str(o.offer_type), start=o.start, end=o.end,
                                hours_per_week=o.hours_per_week, company_cvr=o.company_cvr, given_on=o.given_on))
        for e in m.events:
            add(tables.CaseEventRow(citizen_id=e.citizen_id, date=e.date, type=str(e.type), data=e.data))
        for p in m.plans:
            add(tables.CitizenPlanRow(citizen_id=p.citizen_id, goal=p.goal, activities=p.activities,
                                      updated=p.updated))
    return time.perf_counter() - started, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--citizens", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=2_000)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        db = _fresh(directory, "build.db")
        started = time.perf_counter()
        summary = build(db, seed=1, as_of=AS_OF, citizens=args.citizens, workers=args.workers)
        build_seconds = time.perf_counter() - started
        db.engine.dispose()

        sizes = split_citizens(["250", "766"], args.citizens)
        started = time.perf_counter()
        for code, size in sizes.items():
            generate_municipality(code, seed=1, as_of=AS_OF, citizens=size, workers=1)
        floor_seconds = time.perf_counter() - started

        orm_db = _fresh(directory, "orm.db")
        orm_seconds, orm_rows = orm_one_at_a_time(orm_db, args.sample)
        orm_db.engine.dispose()
    orm_extrapolated = orm_seconds * summary.rows / orm_rows
    print(f"citizens: {summary.citizens:,}, rows written: {summary.rows:,}, workers: {args.workers}")
    print(f"indsats build (generate + write, SQLite):   {build_seconds:8.1f} s   (target < 120 s)")
    print(f"floor: generate only, one process:          {floor_seconds:8.1f} s   "
          f"build / floor = {build_seconds / floor_seconds:.2f}")
    print(f"baseline: ORM one row per flush, {orm_rows:,} rows in {orm_seconds:.1f} s, "
          f"extrapolated: {orm_extrapolated:8.1f} s   baseline / build = {orm_extrapolated / build_seconds:.1f}x")


if __name__ == "__main__":
    main()
