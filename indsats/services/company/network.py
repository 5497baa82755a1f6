"""The company network (seed 002): mentor courses, the companies' mentors and the course each took,
network meetings with the companies present, and the partner companies of a company centre.

Company consultants and managers of the municipality keep it; every use case is one transaction,
lists are paged in SQL. Mentors are companies' employees, not citizens of the case side: no
citizen's data is read here, so nothing is audited per citizen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from indsats.domain.models import User
from indsats.store.company_tables import CompanyCentreRow, CompanyRow
from indsats.store.db import Database
from indsats.store.network_tables import (
    CentrePartnerRow,
    MentorCourseRow,
    MentorRow,
    NetworkMeetingCompanyRow,
    NetworkMeetingRow,
)

from ..accounts.access import ensure_role
from ..shared.errors import Conflict, InvalidInput, NotFound
from ..shared.paging import Page, PageRequest, fetch
from ..shared.text_bounds import bounded
from .companies import COMPANY_STAFF, company_in_scope


@dataclass(frozen=True)
class Course:
    id: int
    title: str
    held_on: date
    place: str
    mentors: int


@dataclass(frozen=True)
class Mentor:
    id: int
    name: str
    job_title: str
    company_cvr: str
    company_name: str
    course: str
    course_on: date | None


@dataclass(frozen=True)
class Meeting:
    id: int
    held_on: date
    topic: str
    companies: list[str]


def _text(value: str, field: str, limit: int = 200) -> str:
    text = " ".join((value or "").split())
    if not text:
        raise InvalidInput(f"Feltet '{field}' skal udfyldes.")
    if len(text) > limit:
        raise InvalidInput(f"Feltet '{field}' må højst have {limit} tegn.")
    return text


def add_course(db: Database, user: User, title: str, held_on: date, place: str = "") -> int:
    ensure_role(user, *COMPANY_STAFF)
    title, place = _text(title, "kursus"), bounded(place, 200, "place", "Sted", squash=True)
    with db.unit_of_work() as s:
        row = MentorCourseRow(municipality_code=user.municipality_code, title=title, held_on=held_on, place=place)
        s.add(row)
        s.flush()
        return row.id


def courses(db: Database, user: User) -> list[Course]:
    """The municipality's mentor courses, newest first, with how many mentors took each."""
    ensure_role(user, *COMPANY_STAFF)
    with db.unit_of_work() as s:
        taken = (select(MentorRow.course_id, func.count().label("n")).group_by(MentorRow.course_id).subquery())
        rows = s.execute(select(MentorCourseRow, func.coalesce(taken.c.n, 0))
                         .outerjoin(taken, taken.c.course_id == MentorCourseRow.id)
                         .where(MentorCourseRow.municipality_code == user.municipality_code)
                         .order_by(MentorCourseRow.held_on.desc(), MentorCourseRow.id.desc())).all()
        return [Course(c.id, c.title, c.held_on, c.place, n) for c, n in rows]


def _course(s: Session, user: User, course_id: int | None) -> MentorCourseRow | None:
    if course_id is None:
        return None
    row = s.get(MentorCourseRow, course_id)
    if row is None or row.municipality_code != user.municipality_code:
        raise InvalidInput("Mentorkurset findes ikke.")
    return row


def add_mentor(db: Database, user: User, cvr: str, name: str, job_title: str = "", course_id: int | None = None,
               course_on: date | None = None) -> int:
    """A mentor at a company of the municipality; the course date defaults to the course's day."""
    ensure_role(user, *COMPANY_STAFF)
    name, job_title = _text(name, "navn"), bounded(job_title, 200, "job_title", "Stilling", squash=True)
    with db.unit_of_work() as s:
        try:
            company_in_scope(s, user, cvr)
        except NotFound as exc:
            raise InvalidInput(str(exc)) from None
        course = _course(s, user, course_id)
        if course_on is not None and course is None:
            raise InvalidInput("Vælg kurset, som mentoren har taget, når der er en kursusdato.")
        row = MentorRow(company_cvr=cvr, name=name, job_title=job_title,
                        course_id=course.id if course else None,
                        course_on=course_on or (course.held_on if course else None))
        s.add(row)
        s.flush()
        return row.id


def _mentor_query(user: User, cvr: str | None = None):
    query = (select(MentorRow, CompanyRow.name, MentorCourseRow.title)
             .join(CompanyRow, CompanyRow.cvr == MentorRow.company_cvr)
             .outerjoin(MentorCourseRow, MentorCourseRow.id == MentorRow.course_id)
             .where(CompanyRow.municipality_code == user.municipality_code))
    if cvr:
        query = query.where(MentorRow.company_cvr == cvr)
    return query.order_by(CompanyRow.name, MentorRow.name, MentorRow.id)


def mentors(db: Database, user: User, request: PageRequest, cvr: str | None = None) -> Page[Mentor]:
    """The mentors of the municipality's companies (or one company's), paged in SQL."""
    ensure_role(user, *COMPANY_STAFF)
    with db.unit_of_work() as s:
        rows, total = fetch(s, _mentor_query(user, cvr), request)
        items = [Mentor(m.id, m.name, m.job_title, m.company_cvr, company, course or "", m.course_on)
                 for m, company, course in rows]
        return Page(items, total, request.page, request.page_size, request.capped)


def all_mentors(db: Database, user: User) -> list[Mentor]:
    """Every mentor, for the CSV export."""
    return mentors(db, user, PageRequest(1, 10**6)).items


def _cvrs(s: Session, user: User, cvrs: list[str]) -> list[str]:
    wanted = list(dict.fromkeys(c.strip() for c in cvrs if c.strip()))
    if not wanted:
        raise InvalidInput("Vælg mindst én virksomhed, der deltog.")
    found = set(s.scalars(select(CompanyRow.cvr).where(CompanyRow.cvr.in_(wanted),
                                                         CompanyRow.municipality_code == user.municipality_code)))
    missing = [c for c in wanted if c not in found]
    if missing:
        raise InvalidInput(f"Virksomheden med CVR {missing[0]} findes ikke i kommunens register.")
    return wanted


def add_meeting(db: Database, user: User, held_on: date, topic: str, cvrs: list[str]) -> int:
    ensure_role(user, *COMPANY_STAFF)
    with db.unit_of_work() as s:
        topic = _text(topic, "emne", 300)
        present = _cvrs(s, user, cvrs)
        row = NetworkMeetingRow(municipality_code=user.municipality_code, held_on=held_on, topic=topic)
        s.add(row)
        s.flush()
        s.add_all(NetworkMeetingCompanyRow(meeting_id=row.id, company_cvr=c) for c in present)
        return row.id


def meetings(db: Database, user: User, request: PageRequest) -> Page[Meeting]:
    """Network meetings, newest first, each with the names of the companies present (paged in SQL)."""
    ensure_role(user, *COMPANY_STAFF)
    with db.unit_of_work() as s:
        query = (select(NetworkMeetingRow).where(NetworkMeetingRow.municipality_code == user.municipality_code)
                 .order_by(NetworkMeetingRow.held_on.desc(), NetworkMeetingRow.id.desc()))
        rows, total = fetch(s, query, request)
        ids = [r.id for (r,) in rows]
        present: dict[int, list[str]] = {}
        for meeting_id, name in s.execute(
                select(NetworkMeetingCompanyRow.meeting_id, CompanyRow.name)
                .join(CompanyRow, CompanyRow.cvr == NetworkMeetingCompanyRow.company_cvr)
                .where(NetworkMeetingCompanyRow.meeting_id.in_(ids)).order_by(CompanyRow.name)):
            present.setdefault(meeting_id, []).append(name)
        items = [Meeting(r.id, r.held_on, r.topic, present.get(r.id, [])) for (r,) in rows]
        return Page(items, total, request.page, request.page_size, request.capped)


def network_counts(db: Database, user: User, year: int) -> dict[str, int]:
    """Mentors (with a course), courses and meetings held in ``year`` and companies met — for the pages' figures."""
    ensure_role(user, *COMPANY_STAFF)
    code = user.municipality_code
    first, last = date(year, 1, 1), date(year, 12, 31)
    with db.unit_of_work() as s:
        mentor_base = (select(MentorRow.id).join(CompanyRow, CompanyRow.cvr == MentorRow.company_cvr)
                       .where(CompanyRow.municipality_code == code))
        return {
            "mentors": s.scalar(select(func.count()).select_from(mentor_base.subquery())) or 0,
            "trained": s.scalar(select(func.count()).select_from(
                mentor_base.where(MentorRow.course_id.is_not(None)).subquery())) or 0,
            "courses": s.scalar(select(func.count(MentorCourseRow.id)).where(
                MentorCourseRow.municipality_code == code, MentorCourseRow.held_on.between(first, last))) or 0,
            "meetings": s.scalar(select(func.count(NetworkMeetingRow.id)).where(
                NetworkMeetingRow.municipality_code == code, NetworkMeetingRow.held_on.between(first, last))) or 0,
            "companies_met": s.scalar(select(func.count(func.distinct(NetworkMeetingCompanyRow.company_cvr)))
                                      .join(NetworkMeetingRow, NetworkMeetingRow.id == NetworkMeetingCompanyRow.meeting_id)
                                      .where(NetworkMeetingRow.municipality_code == code,
                                             NetworkMeetingRow.held_on.between(first, last))) or 0,
        }


def add_partner(db: Database, user: User, centre_id: int, cvr: str) -> None:
    """Join a partner company to a centre's agreement (besides the host company)."""
    ensure_role(user, *COMPANY_STAFF)
    with db.unit_of_work() as s:
        centre = s.get(CompanyCentreRow, centre_id)
        if centre is None:
            raise NotFound("Virksomhedscentret findes ikke.")
        company_in_scope(s, user, centre.company_cvr)
        try:
            company_in_scope(s, user, cvr.strip())
        except NotFound as exc:
            raise InvalidInput(str(exc)) from None
        if cvr.strip() == centre.company_cvr:
            raise Conflict("Virksomheden er centrets værtsvirksomhed.")
        if s.scalar(select(CentrePartnerRow.id).where(CentrePartnerRow.centre_id == centre_id,
                                                      CentrePartnerRow.company_cvr == cvr.strip())):
            raise Conflict("Virksomheden er allerede partner i centret.")
        s.add(CentrePartnerRow(centre_id=centre_id, company_cvr=cvr.strip()))


def centre_partners(db: Database, user: User, centre_ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    """Centre id → [(cvr, name)] of its partner companies."""
    ensure_role(user, *COMPANY_STAFF)
    out: dict[int, list[tuple[str, str]]] = {}
    with db.unit_of_work() as s:
        for centre_id, cvr, name in s.execute(
                select(CentrePartnerRow.centre_id, CompanyRow.cvr, CompanyRow.name)
                .join(CompanyRow, CompanyRow.cvr == CentrePartnerRow.company_cvr)
                .where(CentrePartnerRow.centre_id.in_(centre_ids), CompanyRow.municipality_code == user.municipality_code)
                .order_by(CompanyRow.name)):
            out.setdefault(centre_id, []).append((cvr, name))
    return out
