"""Small jobs (småjob, seed 002): a citizen starts with a few ordinary hours a week at ordinary pay in a
company; the consultant follows each up by a date and counts them.

A small job is personal data (a citizen at a company): the list, its CSV and a new registration are
audited through ``personal_data`` (a new one as a disclosure to the company). The counts are aggregates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, func, or_, select

from indsats.domain import clock
from indsats.domain.models import User
from indsats.store.company_tables import CompanyRow
from indsats.store.db import Database
from indsats.store.network_tables import SmallJobRow
from indsats.store.tables import CitizenRow

from ..accounts.access import ensure_role
from ..accounts.audit import AuditKind, personal_data
from ..shared.errors import InvalidInput, NotFound
from ..shared.paging import Page, PageRequest, fetch
from ..shared.text_bounds import bounded
from .centres import _citizen_by_name_or_cpr
from .companies import COMPANY_STAFF, company_in_scope

MAX_HOURS = 15  # a small job is a few hours; more is an ordinary part-time job


@dataclass(frozen=True)
class SmallJob:
    id: int
    citizen_id: int
    citizen_name: str
    company_cvr: str
    company_name: str
    hours_per_week: int
    start: date
    end: date | None
    follow_up_on: date
    followed_up_on: date | None
    note: str

    @property
    def overdue(self) -> bool:
        return self.followed_up_on is None and self.follow_up_on < clock.today()


def add_small_job(db: Database, user: User, who: str, cvr: str, hours_per_week: int, start: date,
                  follow_up_on: date | None = None) -> int:
    """Register a small job for a citizen (name or CPR number); the follow-up defaults to four weeks after start."""
    ensure_role(user, *COMPANY_STAFF)
    if not 1 <= hours_per_week <= MAX_HOURS:
        raise InvalidInput(f"Timer pr. uge: et småjob er 1-{MAX_HOURS} timer om ugen.")
    follow = follow_up_on or date.fromordinal(start.toordinal() + 28)
    if follow < start:
        raise InvalidInput("Opfølgningsdatoen kan ikke ligge før starten.")
    with personal_data(db, user, "småjob registreret") as access:
        s = access.session
        try:
            company_in_scope(s, user, cvr.strip())
        except NotFound as exc:
            raise InvalidInput(str(exc)) from None
        citizen = _citizen_by_name_or_cpr(s, user, who)
        access.disclose(citizen.id, cvr.strip())
        row = SmallJobRow(citizen_id=citizen.id, company_cvr=cvr.strip(), hours_per_week=hours_per_week,
                          start=start, follow_up_on=follow)
        s.add(row)
        s.flush()
        return row.id


def follow_up(db: Database, user: User, job_id: int, on: date, note: str = "", end: date | None = None) -> None:
    """The follow-up is done (``on``), with what came of it; ``end`` when the small job stopped."""
    ensure_role(user, *COMPANY_STAFF)
    note = bounded(note, 2000, "note", "Note", squash=True)
    with personal_data(db, user, "småjob fulgt op") as access:
        s = access.session
        row = s.get(SmallJobRow, job_id)
        if row is None:
            raise NotFound("Småjobbet findes ikke.")
        company_in_scope(s, user, row.company_cvr)
        if on < row.start:
            raise InvalidInput("Opfølgningen kan ikke ligge før småjobbets start.")
        if end is not None and end <= row.start:
            raise InvalidInput("Slutdatoen skal ligge efter starten.")
        access.touch([row.citizen_id])
        row.followed_up_on, row.note, row.end = on, note, end or row.end


def _query(user: User, status: str):
    query = (select(SmallJobRow, CitizenRow.first_name, CitizenRow.last_name, CompanyRow.name)
             .join(CitizenRow, CitizenRow.id == SmallJobRow.citizen_id)
             .join(CompanyRow, CompanyRow.cvr == SmallJobRow.company_cvr)
             .where(CompanyRow.municipality_code == user.municipality_code))
    today = clock.today()
    if status == "active":
        query = query.where(SmallJobRow.start <= today, or_(SmallJobRow.end.is_(None), SmallJobRow.end > today))
    elif status == "due":
        query = query.where(SmallJobRow.followed_up_on.is_(None))
    return query.order_by(SmallJobRow.followed_up_on.is_not(None), SmallJobRow.follow_up_on, SmallJobRow.id)


STATUS_DA = {"all": "Alle", "active": "I gang i dag", "due": "Mangler opfølgning"}


def small_jobs(db: Database, user: User, request: PageRequest, status: str = "all",
               kind: AuditKind = AuditKind.READ) -> Page[SmallJob]:
    """Small jobs, those awaiting follow-up first by date; the citizens shown are audited."""
    ensure_role(user, *COMPANY_STAFF)
    if status not in STATUS_DA:
        raise InvalidInput("Ukendt filter.")
    with personal_data(db, user, "småjob" if kind == AuditKind.READ else "småjob (CSV)", kind) as access:
        rows, total = fetch(access.session, _query(user, status), request)
        items = [SmallJob(r.id, r.citizen_id, f"{first} {last}", r.company_cvr, company, r.hours_per_week, r.start,
                          r.end, r.follow_up_on, r.followed_up_on, r.note) for r, first, last, company in rows]
        access.touch(i.citizen_id for i in items)
        return Page(items, total, request.page, request.page_size, request.capped)


def small_job_counts(db: Database, code: str, year: int, today: date | None = None) -> dict[str, int | float | None]:
    """Active small jobs and their hours today, started in ``year``, follow-ups overdue, and the year's
    follow-ups done by their date (for the consultant's page and the dashboard; aggregates only)."""
    day = today or clock.today()
    first, last = date(year, 1, 1), date(year, 12, 31)
    active = and_(SmallJobRow.start <= day, or_(SmallJobRow.end.is_(None), SmallJobRow.end > day))
    due_in_year = SmallJobRow.follow_up_on.between(first, min(last, day))
    with db.unit_of_work() as s:
        row = s.execute(
            select(func.count(case((active, 1))), func.sum(case((active, SmallJobRow.hours_per_week))),
                   func.count(case((SmallJobRow.start.between(first, last), 1))),
                   func.count(case((and_(SmallJobRow.followed_up_on.is_(None), SmallJobRow.follow_up_on < day), 1))),
                   func.count(case((due_in_year, 1))),
                   func.count(case((and_(due_in_year, SmallJobRow.followed_up_on <= SmallJobRow.follow_up_on), 1))))
            .join(CompanyRow, CompanyRow.cvr == SmallJobRow.company_cvr)
            .where(CompanyRow.municipality_code == code)).one()
    due = row[4] or 0
    return {"active": row[0] or 0, "hours": int(row[1] or 0), "started": row[2] or 0, "overdue": row[3] or 0,
            "due": due, "on_time": row[5] or 0, "on_time_rate": (row[5] or 0) / due if due else None}
