"""Joblog: the job-ready citizen logs applications; the month's count against the plan's requirement."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from indsats.domain import clock
from indsats.domain.models import User
from indsats.services.citizen.duties import current_spell, is_job_ready, month_start
from indsats.services.citizen.own import citizen_self, job_log_requirement, staff_read
from indsats.services.shared.errors import InvalidInput
from indsats.store.citizen_tables import JobApplicationRow
from indsats.store.db import Database
from indsats.store.tables import CitizenRow

HOW_DA = {"online": "Online eller e-mail", "letter": "Brev", "in_person": "Mødt op personligt",
          "phone": "Telefon", "unsolicited": "Uopfordret ansøgning"}
PAGE_SIZE = 25


class JobLogErrors(InvalidInput):
    def __init__(self, errors: dict[str, str]):
        super().__init__("Tjek de markerede felter.")
        self.errors = errors


@dataclass(frozen=True)
class Application:
    employer: str
    job_title: str
    applied_on: date
    how: str


@dataclass(frozen=True)
class JobLog:
    job_ready: bool
    required: int
    this_month: int
    entries: list[Application]
    total: int
    page: int
    pages: int


def _log(session: Session, citizen: CitizenRow, page: int) -> JobLog:
    today = clock.today()
    base = select(JobApplicationRow).where(JobApplicationRow.citizen_id == citizen.id)
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, page), pages)
    rows = session.scalars(base.order_by(JobApplicationRow.applied_on.desc(), JobApplicationRow.id.desc())
                           .limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).all()
    month = session.scalar(select(func.count()).select_from(JobApplicationRow).where(
        JobApplicationRow.citizen_id == citizen.id, JobApplicationRow.applied_on >= month_start(today),
        JobApplicationRow.applied_on <= today)) or 0
    return JobLog(is_job_ready(current_spell(session, citizen.id, today)),
                  job_log_requirement(citizen.municipality_code), month,
                  [Application(r.employer, r.job_title, r.applied_on, HOW_DA.get(r.how, r.how)) for r in rows],
                  total, page, pages)


def my_log(db: Database, user: User, page: int = 1) -> JobLog:
    with citizen_self(db, user) as (session, citizen):
        return _log(session, citizen, page)


def staff_log(db: Database, user: User, citizen_id: int, page: int = 1) -> JobLog:
    """The citizen's job log for the caseworker (audited like the case)."""
    with staff_read(db, user, citizen_id, "joblog") as (session, citizen):
        return _log(session, citizen, page)


def log_application(db: Database, user: User, employer: str, job_title: str, applied_on: str, how: str) -> None:
    """One application; the fields are checked in Danish, each at its field."""
    errors: dict[str, str] = {}
    employer, job_title = (employer or "").strip(), (job_title or "").strip()
    if not 2 <= len(employer) <= 200:
        errors["employer"] = "Skriv navnet på arbejdsgiveren (2-200 tegn)."
    if not 2 <= len(job_title) <= 200:
        errors["job_title"] = "Skriv hvilket job, du søgte (2-200 tegn)."
    today = clock.today()
    day = None
    try:
        day = date.fromisoformat((applied_on or "").strip())
    except ValueError:
        errors["applied_on"] = "Skriv datoen som åååå-mm-dd, f.eks. " + today.isoformat() + "."
    if day is not None and day > today:
        errors["applied_on"] = "Datoen må ikke ligge i fremtiden."
    elif day is not None and day < today - timedelta(days=365):
        errors["applied_on"] = "Datoen må højst ligge et år tilbage."
    if how not in HOW_DA:
        errors["how"] = "Vælg hvordan du søgte."
    if errors:
        raise JobLogErrors(errors)
    with citizen_self(db, user) as (session, citizen):
        session.add(JobApplicationRow(citizen_id=citizen.id, employer=employer, job_title=job_title, applied_on=day,
                                      how=how, logged_at=clock.now()))
