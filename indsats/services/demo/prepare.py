"""Preparing the demo database: schema, synthetic municipalities, demo logins, company demo data."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import func, select

from indsats.domain import clock
from indsats.services.accounts.demo_accounts import DemoLogin, ensure_demo_accounts
from indsats.services.casework.obligation_store import refresh_all
from indsats.services.demo.past_meetings import seed_past_meetings
from indsats.services.steering.measure_store import refresh_measures
from indsats.store.db import Database
from indsats.store.migrations import upgrade
from indsats.store.tables import CitizenRow
from indsats.synth.build import build

#: progress(stage, done, total)
Progress = Callable[[str, int, int], None]


def has_citizens(db: Database) -> bool:
    with db.unit_of_work() as session:
        return (session.scalar(select(func.count()).select_from(CitizenRow)) or 0) > 0


def prepare_demo(db: Database, seed: int = 1, as_of: date | None = None, citizens: int | None = None,
                 progress: Progress | None = None) -> tuple[bool, list[DemoLogin]]:
    """Build the demo data if the database has none; returns (built now?, the demo logins)."""
    upgrade(db.url)
    built = False
    if not has_citizens(db):
        build(db, seed=seed, as_of=as_of, citizens=citizens, progress=progress)
        db.analyze()
        refresh_all(db, progress, as_of=as_of)
        refresh_measures(db, progress, as_of=as_of, full=True)
        _seed_company_demo(db, seed)
        _synthesize_comparison_clusters(db, as_of or clock.today(), progress)
        seed_past_meetings(db, as_of)
        built = True
    return built, ensure_demo_accounts(db)


def _synthesize_comparison_clusters(db: Database, as_of: date, progress: Progress | None) -> None:
    """Comparable municipalities for the goals of the demo plans (``plans/demo-*.yaml``)."""
    from indsats.plan import load_plan
    from indsats.plan.library import plan_files
    from indsats.services.steering.comparison import synthesize_cluster

    with db.unit_of_work() as session:
        codes = set(session.scalars(select(CitizenRow.municipality_code).distinct()))
    demo_plans = [load_plan(path) for name, path in plan_files().items() if name.startswith("demo-")]
    for plan in (p for p in demo_plans if p.municipality.code in codes):
        if progress:
            progress(f"sammenligningsklynge for {plan.municipality.name}", 0, 1)
        synthesize_cluster(db, plan.municipality.code, plan, as_of, members=3)
        if progress:
            progress(f"sammenligningsklynge for {plan.municipality.name}", 1, 1)


def _seed_company_demo(db: Database, seed: int) -> None:
    """Candidate profiles, job orders and company centres for the company service."""
    from indsats.services.demo.company_demo import seed_company_demo

    seed_company_demo(db, seed)
