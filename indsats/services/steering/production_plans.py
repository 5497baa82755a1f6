"""Produktionsplaner (seed 000): the plan's monthly targets per team and caseworker — conversations held,
offers started, the company-oriented share of them, timeliness — against the actuals month by month."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from indsats.domain.enums import COMPANY_ORIENTED_OFFERS
from indsats.plan.schema import ProductionTarget
from indsats.services.steering import goals as steering
from indsats.services.steering.store_measures import timeliness_detail
from indsats.store.db import Database
from indsats.store.tables import CaseworkerRow, CitizenRow, ConversationRow, OfferRow, TeamRow

LEVEL_DA = {"team": "Team", "caseworker": "Sagsbehandler"}
MEASURE_DA = {"conversations": "Samtaler afholdt", "offers": "Tilbud startet", "company_share": "Virksomhedsrettet andel",
              "timeliness": "Rettidighed"}
COMPANY = {str(o) for o in COMPANY_ORIENTED_OFFERS}


@dataclass
class Row:
    group: str
    measure: str
    label: str
    unit: str  # count | share
    target: float | None
    months: list[tuple[date, float | None, bool | None]] = field(default_factory=list)  # (month, actual, met)


def _months(as_of: date, count: int) -> list[tuple[date, date]]:
    out, year, month = [], as_of.year, as_of.month
    for _ in range(count):
        out.append((date(year, month, 1), min(date(year, month, calendar.monthrange(year, month)[1]), as_of)))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out[::-1]


def _counts(db: Database, code: str, level: str, first: date, last: date) -> dict:
    """(group, month) → {'conversations': n, 'offers': n, 'company': n} from the store."""
    group_col = TeamRow.name if level == "team" else CaseworkerRow.name
    out: dict[tuple[str, str], dict] = {}
    with db.unit_of_work() as s:
        def grouped(query, citizen_col):
            return (query.join(CitizenRow, CitizenRow.id == citizen_col)
                    .join(CaseworkerRow, CaseworkerRow.id == CitizenRow.caseworker_id)
                    .outerjoin(TeamRow, TeamRow.id == CaseworkerRow.team_id)
                    .where(CitizenRow.municipality_code == code))
        talks = s.execute(grouped(select(ConversationRow.date, group_col).where(
            ConversationRow.status == "held", ConversationRow.date >= first, ConversationRow.date <= last),
            ConversationRow.citizen_id)).all()
        offers = s.execute(grouped(select(OfferRow.start, group_col, OfferRow.offer_type).where(
            OfferRow.start >= first, OfferRow.start <= last), OfferRow.citizen_id)).all()
    for day, group in talks:
        out.setdefault((group or "Uden team", day.strftime("%Y-%m")), {"conversations": 0, "offers": 0, "company": 0})[
            "conversations"] += 1
    for day, group, offer in offers:
        cell = out.setdefault((group or "Uden team", day.strftime("%Y-%m")), {"conversations": 0, "offers": 0, "company": 0})
        cell["offers"] += 1
        cell["company"] += offer in COMPANY
    return out


def _groups(db: Database, code: str, level: str) -> list[str]:
    with db.unit_of_work() as s:
        if level == "team":
            return list(s.scalars(select(TeamRow.name).where(TeamRow.municipality_code == code).order_by(TeamRow.name)))
        return list(s.scalars(select(CaseworkerRow.name).where(CaseworkerRow.municipality_code == code)
                              .order_by(CaseworkerRow.name)))


def _met(actual: float | None, target: float | None) -> bool | None:
    return None if actual is None or target is None else actual >= target


def production_plan(db: Database, code: str, level: str, as_of: date, months: int = 6) -> tuple[list[Row], list[date]]:
    """Rows of target and actual per month for each team or caseworker with a target in the plan in use."""
    if level not in LEVEL_DA:
        raise ValueError(f"unknown level {level!r}")
    plan = steering.plan_for(db, code, steering.IN_FORCE, as_of.year)
    targets: list[ProductionTarget] = [t for t in plan.production_targets if t.level == level]
    periods = _months(as_of, months)
    counts = _counts(db, code, level, periods[0][0], as_of)
    timely: dict[str, dict[str, float | None]] = {}
    if level == "team" and any(t.timeliness is not None for t in targets):
        for start, end in periods:
            detail = timeliness_detail(db, code, start, end)
            for team, cell in detail.by_team.items():
                timely.setdefault(team, {})[start.strftime("%Y-%m")] = cell.rate
    names = _groups(db, code, level)
    rows: list[Row] = []
    for name in names:
        target = next((t for t in targets if t.name == name), None) or next((t for t in targets if t.name == "*"), None)
        if target is None:
            continue
        for measure, value, unit in (("conversations", target.conversations_per_month, "count"),
                                     ("offers", target.offers_per_month, "count"),
                                     ("company_share", target.company_share, "share"),
                                     ("timeliness", target.timeliness, "share")):
            if value is None:
                continue
            row = Row(name, measure, MEASURE_DA[measure], unit, value)
            for start, _ in periods:
                key = start.strftime("%Y-%m")
                cell = counts.get((name, key), {"conversations": 0, "offers": 0, "company": 0})
                if measure == "conversations":
                    actual = cell["conversations"]
                elif measure == "offers":
                    actual = cell["offers"]
                elif measure == "company_share":
                    actual = round(cell["company"] / cell["offers"], 4) if cell["offers"] else None
                else:
                    actual = timely.get(name, {}).get(key)
                row.months.append((start, actual, _met(actual, value)))
            rows.append(row)
    return rows, [p[0] for p in periods]
