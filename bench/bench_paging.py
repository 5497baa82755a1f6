"""Benchmark: the first page of a team leader's caseload on 100,000 citizens (PostgreSQL), target under 150 ms.

Compared with what the caseload did before paging: every active citizen of the team read,
summarised and audited in one go (``citizens.caseload`` without its old 500 cut — the
"full render"), and the old cut at 500 as it was shipped.

    createdb indsats_bench_paging   # then, once:
    INDSATS_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/indsats_bench_paging \\
        .venv/bin/python -c "from indsats.cli import main; main()" synth --citizens 100000
    .venv/bin/python bench/bench_paging.py [--url URL] [--repeat 7]
"""

from __future__ import annotations

import argparse
import statistics
import time

from sqlalchemy import func, select, text

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.casework import citizens
from indsats.services.casework.caseload import CaseloadFilter, caseload_page
from indsats.services.shared.paging import PageRequest
from indsats.store.db import Database, make_engine
from indsats.store.tables import BenefitSpellRow, CaseworkerRow, CitizenRow

URL = "postgresql+psycopg://postgres@127.0.0.1:5432/indsats_bench_paging"


def _team_leader(db: Database) -> tuple[User, int]:
    """A team leader of the municipality's largest team (by active citizens), as a User."""
    with db.unit_of_work() as s:
        team_id, n = s.execute(
            select(CaseworkerRow.team_id, func.count())
            .join(CitizenRow, CitizenRow.caseworker_id == CaseworkerRow.id)
            .join(BenefitSpellRow, (BenefitSpellRow.citizen_id == CitizenRow.id) & BenefitSpellRow.end.is_(None))
            .group_by(CaseworkerRow.team_id).order_by(func.count().desc()).limit(1)).one()
        worker = s.scalar(select(CaseworkerRow).where(CaseworkerRow.team_id == team_id).limit(1))
        return User(id=0, username="bench.teamleder", role=Role.TEAM_LEADER, municipality_code=worker.municipality_code,
                    display_name="Bench", caseworker_id=worker.id), n


def _time(fn, repeat: int) -> float:
    fn()  # warm the caches once
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default=URL)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    db = Database(args.url, engine=make_engine(args.url))
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("ANALYZE"))  # a fresh bulk load has no planner statistics yet (autovacuum would add them)
    with db.unit_of_work() as s:
        population = s.scalar(select(func.count()).select_from(CitizenRow))
    user, team_size = _team_leader(db)
    print(f"{population:,} citizens; the team leader's team has {team_size:,} on an active benefit")
    page = lambda: caseload_page(db, user, CaseloadFilter(), PageRequest.of(1, 50))  # noqa: E731
    first = page()
    assert first.total == team_size, (first.total, team_size)
    paged = _time(page, args.repeat)
    by_deadline = _time(lambda: caseload_page(db, user, CaseloadFilter(sort="frist"), PageRequest.of(1, 50)),
                        args.repeat)
    full = _time(lambda: citizens.caseload(db, user, limit=10**9), max(3, args.repeat // 2))
    cut = _time(lambda: citizens.caseload(db, user, limit=500), max(3, args.repeat // 2))
    print(f"first page (50 of {first.total:,}), sorted by name:  {paged:8.1f} ms  (target < 150 ms: "
          f"{'met' if paged < 150 else 'NOT met'})")
    print(f"first page sorted by next deadline:            {by_deadline:8.1f} ms")
    print(f"before: the whole caseload read at once:        {full:8.1f} ms  → {full / paged:.1f}× slower")
    print(f"before: as shipped, cut silently at 500:        {cut:8.1f} ms  → {cut / paged:.1f}× slower")


if __name__ == "__main__":
    main()
