"""Measures that live outside the panel, computed from the store (docs/KPIS.md).

Each is one sentence and one formula over the period ``start``..``end`` (both inclusive)
for one municipality:

* conversations_held = #conversations with status held and date in the period;
* company_contacts = #company contacts dated in the period (companies of the municipality);
* cooperation_rate (samarbejdsgrad) = #companies with >= 1 employee and >= 1 contact in
  the period about at least one listed scheme ÷ #companies with >= 1 employee;
* jobs_filled = #job orders of kind ``ordinary`` with status ``filled`` whose filling date lies
  in the period (``services.job_orders.count_jobs_filled``) — the plans' "ordinære job besat";
* timeliness (rettidighed) = obligations met on time ÷ obligations whose deadline lies in
  the period and has passed, by the law engine's rules (``services.timeliness``).
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import and_, func, select

from indsats.store.company_tables import CompanyContactRow, CompanyRow
from indsats.store.db import Database
from indsats.store.tables import CitizenRow, ConversationRow

STORE_MEASURES = ("conversations_held", "company_contacts", "cooperation_rate", "jobs_filled", "timeliness")


def conversations_held(db: Database, code: str, start: date, end: date) -> int:
    with db.unit_of_work() as s:
        return s.scalar(
            select(func.count(ConversationRow.id))
            .join(CitizenRow, CitizenRow.id == ConversationRow.citizen_id)
            .where(CitizenRow.municipality_code == code, ConversationRow.status == "held",
                   ConversationRow.date >= start, ConversationRow.date <= end)
        ) or 0


def company_contacts(db: Database, code: str, start: date, end: date) -> int:
    with db.unit_of_work() as s:
        return s.scalar(
            select(func.count(CompanyContactRow.id))
            .join(CompanyRow, CompanyRow.cvr == CompanyContactRow.company_cvr)
            .where(CompanyRow.municipality_code == code, CompanyContactRow.date >= start,
                   CompanyContactRow.date <= end)
        ) or 0


def cooperation_rate(db: Database, code: str, start: date, end: date) -> float | None:
    with db.unit_of_work() as s:
        employers = s.scalar(
            select(func.count(CompanyRow.cvr)).where(CompanyRow.municipality_code == code, CompanyRow.employees >= 1)
        ) or 0
        if employers == 0:
            return None
        rows = s.execute(
            select(CompanyContactRow.company_cvr, CompanyContactRow.schemes)
            .join(CompanyRow, CompanyRow.cvr == CompanyContactRow.company_cvr)
            .where(and_(CompanyRow.municipality_code == code, CompanyRow.employees >= 1,
                        CompanyContactRow.date >= start, CompanyContactRow.date <= end))
        ).all()
    cooperating = {cvr for cvr, schemes in rows if schemes}
    return round(len(cooperating) / employers, 4)


def jobs_filled(db: Database, code: str, start: date, end: date) -> int:
    """Ordinary job orders filled in the period (the company service's count)."""
    from indsats.services.company.job_orders import count_jobs_filled

    return count_jobs_filled(db, code, start, end, kind="ordinary")


def timeliness_detail(db: Database, code: str, start: date, end: date):
    """The law engine's timeliness (``services.timeliness``) for the municipality, or None.

    Obligations whose deadline falls in ``start``..``end`` and has passed by ``end``.
    """
    from indsats.domain.enums import Role
    from indsats.domain.models import User
    from indsats.services.casework.timeliness import compute_timeliness

    steering_user = User(id=None, username="styring", role=Role.MANAGER, municipality_code=code)
    return compute_timeliness(db, steering_user, start, end + timedelta(days=1))


def timeliness(db: Database, code: str, start: date, end: date) -> float | None:
    """Share of obligations met on time (rettidighed), rounded to 4 decimals; None without any."""
    rate = timeliness_detail(db, code, start, end).overall.rate
    return None if rate is None else round(rate, 4)


SERIES_KEYS = ("conversations_held", "company_contacts", "cooperation_rate")


def period_measure(db: Database, key: str, code: str, lo: date, hi: date):
    """One read of the rows of ``lo``..``hi`` for a measure of ``SERIES_KEYS``; returns ``f(start, end)``
    giving the measure for any period inside (a goal's series asks for 28 dates: one query, not 28)."""
    import bisect

    with db.unit_of_work() as s:
        if key == "conversations_held":
            rows = s.execute(
                select(ConversationRow.date, func.count(ConversationRow.id))
                .join(CitizenRow, CitizenRow.id == ConversationRow.citizen_id)
                .where(CitizenRow.municipality_code == code, ConversationRow.status == "held",
                       ConversationRow.date >= lo, ConversationRow.date <= hi)
                .group_by(ConversationRow.date)).all()
        elif key == "company_contacts":
            rows = s.execute(
                select(CompanyContactRow.date, func.count(CompanyContactRow.id))
                .join(CompanyRow, CompanyRow.cvr == CompanyContactRow.company_cvr)
                .where(CompanyRow.municipality_code == code, CompanyContactRow.date >= lo,
                       CompanyContactRow.date <= hi)
                .group_by(CompanyContactRow.date)).all()
        else:
            employers = s.scalar(select(func.count(CompanyRow.cvr)).where(
                CompanyRow.municipality_code == code, CompanyRow.employees >= 1)) or 0
            contacts = sorted(
                (day, cvr) for cvr, day, schemes in s.execute(
                    select(CompanyContactRow.company_cvr, CompanyContactRow.date, CompanyContactRow.schemes)
                    .join(CompanyRow, CompanyRow.cvr == CompanyContactRow.company_cvr)
                    .where(CompanyRow.municipality_code == code, CompanyRow.employees >= 1,
                           CompanyContactRow.date >= lo, CompanyContactRow.date <= hi)) if schemes)
    if key != "cooperation_rate":
        days = sorted(rows)
        keys = [d for d, _ in days]
        cumulative = [0]
        for _, n in days:
            cumulative.append(cumulative[-1] + n)

        def count(start: date, end: date) -> int:
            return cumulative[bisect.bisect_right(keys, end)] - cumulative[bisect.bisect_left(keys, start)]

        return count
    keys = [d for d, _ in contacts]

    def rate(start: date, end: date) -> float | None:
        if employers == 0:
            return None
        inside = contacts[bisect.bisect_left(keys, start):bisect.bisect_right(keys, end)]
        return round(len({cvr for _, cvr in inside}) / employers, 4)

    return rate


def store_measure(db: Database, key: str, code: str, start: date, end: date) -> float | None:
    fn = {"conversations_held": conversations_held, "company_contacts": company_contacts,
          "cooperation_rate": cooperation_rate, "jobs_filled": jobs_filled, "timeliness": timeliness}[key]
    return fn(db, code, start, end)


DIMENSIONS = {"team": "Team", "caseworker": "Sagsbehandler", "target_group": "Målgruppe"}


def production_figures(db: Database, code: str, as_of: date, dimension: str, days: int = 91) -> list[dict]:
    """Produktionsplan figures per team, caseworker or target group at ``as_of``.

    active = citizens with a benefit spell covering the day; in_offer = those of them with
    an offer covering the day; activation = in_offer ÷ active; conversations = held
    conversations in the ``days`` days up to the day, for the same citizens' group;
    timeliness (teams only) = the law engine's year-to-date timeliness of the team.
    """
    from indsats.domain.labels import BENEFIT_DA, READINESS_DA
    from indsats.store.tables import BenefitSpellRow, CaseworkerRow, OfferRow, TeamRow

    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown dimension {dimension!r}")
    covering = lambda row: and_(row.start <= as_of, (row.end.is_(None)) | (row.end > as_of))  # noqa: E731
    with db.unit_of_work() as s:
        spells = s.execute(
            select(CitizenRow.id, BenefitSpellRow.benefit, BenefitSpellRow.readiness, CaseworkerRow.name,
                   TeamRow.name)
            .join(BenefitSpellRow, BenefitSpellRow.citizen_id == CitizenRow.id)
            .outerjoin(CaseworkerRow, CaseworkerRow.id == CitizenRow.caseworker_id)
            .outerjoin(TeamRow, TeamRow.id == CaseworkerRow.team_id)
            .where(CitizenRow.municipality_code == code, covering(BenefitSpellRow))
        ).all()
        in_offer = set(s.scalars(
            select(OfferRow.citizen_id).join(CitizenRow, CitizenRow.id == OfferRow.citizen_id)
            .where(CitizenRow.municipality_code == code, covering(OfferRow))
        ))
        talks = s.execute(
            select(ConversationRow.citizen_id, func.count(ConversationRow.id))
            .join(CitizenRow, CitizenRow.id == ConversationRow.citizen_id)
            .where(CitizenRow.municipality_code == code, ConversationRow.status == "held",
                   ConversationRow.date > as_of - timedelta(days=days), ConversationRow.date <= as_of)
            .group_by(ConversationRow.citizen_id)
        ).all()
    held = dict(talks)
    groups: dict[str, dict] = {}
    seen: set[int] = set()
    for cid, benefit, readiness, worker, team in spells:
        if cid in seen:
            continue
        seen.add(cid)
        if dimension == "team":
            key = team or "Uden team"
        elif dimension == "caseworker":
            key = worker or "Uden sagsbehandler"
        else:
            key = BENEFIT_DA.get(benefit, benefit) + (f" – {READINESS_DA.get(readiness, readiness)}" if readiness else "")
        g = groups.setdefault(key, {"group": key, "active": 0, "in_offer": 0, "conversations": 0})
        g["active"] += 1
        g["in_offer"] += cid in in_offer
        g["conversations"] += held.get(cid, 0)
    rows = sorted(groups.values(), key=lambda g: -g["active"])
    by_team = timeliness_detail(db, code, date(as_of.year, 1, 1), as_of).by_team if dimension == "team" else {}
    for g in rows:
        cell = by_team.get(g["group"])
        g["timeliness"] = None if cell is None or cell.rate is None else round(cell.rate, 4)
        g["activation"] = round(g["in_offer"] / g["active"], 4) if g["active"] else None
        g["conversations_per_citizen"] = round(g["conversations"] / g["active"], 2) if g["active"] else None
    return rows
