"""The staircase now: how many citizens stand on each step in the last full week, and who will
cross into week 27 or 53 of their period within the next weeks if they stay on benefits.

Counts are anonymous; the list of crossing citizens shows names, so reading it is a personal
read: access is checked (team leaders and managers of the municipality) and one audit row is
written per citizen shown, in the same transaction as the read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from indsats.analytics import weeks
from indsats.domain import clock
from indsats.domain.labels import BENEFIT_DA, label
from indsats.domain.models import User
from indsats.economy.rates import load_rates
from indsats.economy.staircase import STEP_KEYS, rule_at
from indsats.store.db import Database
from indsats.store.tables import CitizenRow

from ..accounts.access import ensure_role
from ..accounts.audit import record_reads
from ..steering.panel_export import export_panel
from .budget_records import READERS

HORIZON_WEEKS = 8
THRESHOLDS = (27, 53)
PAGE_SIZE = 50
HISTORY_YEARS = 5


@dataclass(frozen=True)
class Crossing:
    citizen_id: int
    name: str
    benefit: str
    week_number: int
    crosses_into: int
    in_weeks: int
    on: date


@dataclass
class StaircaseNow:
    week: str
    by_step: dict[str, int]
    crossing: list[Crossing]
    total_crossing: int
    page: int
    pages: int


def _crossing(n: int, horizon: int) -> tuple[int, int] | None:
    """(threshold, weeks until) when week ``n`` + k reaches 27 or 53 for some 1 <= k <= horizon."""
    for threshold in THRESHOLDS:
        if 1 <= threshold - n <= horizon:
            return threshold, threshold - n
    return None


def staircase_now(db: Database, user: User, as_of: date | None = None, page: int = 1,
                  horizon: int = HORIZON_WEEKS) -> StaircaseNow:
    from indsats.economy.weekgrid import steps_now  # NumPy and Arrow: loaded on use

    ensure_role(user, *READERS)
    day = as_of or clock.today()
    week = weeks.last_full_week(day)
    code = user.municipality_code
    panel, _ = export_panel(db, code, date(day.year - HISTORY_YEARS, 1, 1), weeks.monday(week) + timedelta(days=6))
    rows = steps_now(panel, load_rates(), week)  # the engine's week numbers, on the dense grid
    rule = rule_at(weeks.monday(week))
    by_step = dict.fromkeys(STEP_KEYS, 0)
    candidates = []
    for person_id, benefit, step in rows:
        by_step[rule.step_of(int(step)).key] += 1
        hit = _crossing(int(step), horizon)
        if hit and person_id.startswith(f"{code}-"):
            candidates.append((int(person_id.split("-", 1)[1]), benefit, int(step), *hit))
    candidates.sort(key=lambda c: (c[4], c[0]))  # soonest first
    pages = max(1, -(-len(candidates) // PAGE_SIZE))
    page = min(max(page, 1), pages)
    shown = candidates[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    monday = weeks.monday(week)
    with db.unit_of_work() as s:
        names = {c.id: f"{c.first_name} {c.last_name}" for c in s.scalars(
            select(CitizenRow).where(CitizenRow.id.in_([c[0] for c in shown]), CitizenRow.municipality_code == code))}
        crossing = [Crossing(cid, names.get(cid, ""), label(BENEFIT_DA, benefit), n, threshold, k,
                             monday + timedelta(weeks=k)) for cid, benefit, n, threshold, k in shown if cid in names]
        record_reads(s, user, [c.citizen_id for c in crossing],
                     f"Refusionstrappen: borgere der når uge 27 eller 53 inden for {horizon} uger (side {page})")
    return StaircaseNow(week, by_step, crossing, len(candidates), page, pages)
