"""The benefit-exhaustion watch for the team leader: dagpenge recipients within 26 weeks of the
end of their benefit period, soonest first, with the actions the municipality's plan names for
them (indsats/evidence/benefit_period.py; lov om arbejdsløshedsforsikring § 55).

Names are personal data: access is checked (team leaders and managers of the municipality) and one
audit row is written per citizen shown, in the same transaction as the read.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from indsats.analytics import weeks
from indsats.domain import clock
from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.plan import PlanError, load_plan
from indsats.plan.library import plan_files
from indsats.store.db import Database
from indsats.store.tables import CitizenRow

from ..accounts.access import ensure_role
from ..accounts.audit import record_reads
from ..steering.panel_export import export_panel

if TYPE_CHECKING:  # NumPy, DuckDB and Arrow load on the first page, not at start-up
    from indsats.evidence.benefit_period import PeriodRule

READERS = (Role.TEAM_LEADER, Role.MANAGER)
WITHIN_WEEKS = 26
PAGE_SIZE = 50


@dataclass(frozen=True)
class WatchLine:
    citizen_id: int
    name: str
    weeks_used: int
    weeks_left: int
    expected_end: date


@dataclass
class ExhaustionWatch:
    week: str
    rule: PeriodRule
    lines: list[WatchLine] = field(default_factory=list)
    total: int = 0
    page: int = 1
    pages: int = 1
    actions: list[str] = field(default_factory=list)


def plan_actions(code: str) -> list[str]:
    """The actions and offers the municipality's newest plan names for dagpenge recipients."""
    found = []
    for path in plan_files().values():
        try:
            plan = load_plan(path)
        except PlanError:
            continue
        if plan.municipality.code == code:
            found.append((plan.year, path.stem.startswith("demo-"), plan))
    if not found:
        return []
    plan = max(found, key=lambda f: f[:2])[2]
    actions: list[str] = []
    for strategy in plan.strategies:
        if "unemployment_benefit" in strategy.benefits:
            actions += [f"{strategy.label}: {a}" for a in strategy.actions]
    return actions


def exhaustion_watch(db: Database, user: User, page: int = 1, as_of: date | None = None) -> ExhaustionWatch:
    import pyarrow.parquet as pq

    from indsats.evidence.benefit_period import exhaustion, rule_at
    from indsats.evidence.weekmatrix import read_matrix

    ensure_role(user, *READERS)
    code = user.municipality_code
    day = as_of or clock.today()
    week = weeks.last_full_week(day)
    rule = rule_at(weeks.monday(week))
    first = weeks.monday(week) - timedelta(weeks=rule.reference_weeks)
    panel, persons = export_panel(db, code, first, weeks.monday(week) + timedelta(days=6))
    view = ExhaustionWatch(week, rule, actions=plan_actions(code))
    if panel.num_rows == 0:
        return view
    with tempfile.TemporaryDirectory() as tmp:
        pq.write_table(panel, Path(tmp) / "panel.parquet")
        pq.write_table(persons, Path(tmp) / "persons.parquet")
        matrix = read_matrix(Path(tmp) / "panel.parquet", Path(tmp) / "persons.parquet", week)
    _, found = exhaustion(matrix, matrix.col(week), WITHIN_WEEKS)
    found = [f for f in found if f.person_id.startswith(f"{code}-")]
    view.total = len(found)
    view.pages = max(1, -(-len(found) // PAGE_SIZE))
    view.page = min(max(page, 1), view.pages)
    shown = found[(view.page - 1) * PAGE_SIZE: view.page * PAGE_SIZE]
    ids = [int(f.person_id.split("-", 1)[1]) for f in shown]
    with db.unit_of_work() as s:
        names = {c.id: f"{c.first_name} {c.last_name}" for c in s.scalars(
            select(CitizenRow).where(CitizenRow.id.in_(ids), CitizenRow.municipality_code == code))}
        view.lines = [WatchLine(cid, names[cid], f.weeks_used, f.weeks_left, f.expected_end)
                      for cid, f in zip(ids, shown, strict=True) if cid in names]
        record_reads(s, user, [line.citizen_id for line in view.lines],
                     f"Dagpengeophør: borgere inden for {WITHIN_WEEKS} uger af periodens slut (side {view.page})")
    return view
