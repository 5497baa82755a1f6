"""The company register, contact persons, registered contacts and the consultant's follow-up list.

Company consultants (virksomhedskonsulenter) and managers see the companies of their
own municipality; a company outside it is "not found". Recording a contact closes the
company's open follow-ups: the new contact is the follow-up.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.accounts.access import ensure_role
from indsats.services.shared.errors import InvalidInput, NotFound
from indsats.services.shared.paging import Page, PageRequest, fetch
from indsats.store.company_tables import (
    CompanyCentreRow,
    CompanyContactRow,
    CompanyPersonRow,
    CompanyRow,
    JobOrderRow,
    ProductionUnitRow,
)
from indsats.store.db import Database
from indsats.store.tables import OfferRow

COMPANY_STAFF = (Role.COMPANY_CONSULTANT, Role.MANAGER)
CONTACT_KINDS = {"visit": "Besøg", "call": "Telefon", "email": "E-mail", "meeting": "Møde"}
SCHEMES = {
    "wage_subsidy": "Løntilskud", "company_internship": "Virksomhedspraktik", "flexjob": "Fleksjob",
    "mentor": "Mentor", "job_rotation": "Jobrotation", "adult_apprentice": "Voksenlærling",
}


@dataclass(frozen=True)
class CompanySummary:
    cvr: str
    name: str
    industry: str
    employees: int
    postcode: str
    city: str
    last_contact: date | None
    open_job_orders: int


@dataclass
class CompanyOverview:
    """Everything the jobcenter has had to do with one company, on one page."""

    company: CompanyRow
    units: list[ProductionUnitRow]
    persons: list[CompanyPersonRow]
    contacts: list[CompanyContactRow]
    job_orders: list[JobOrderRow]
    centres: list[CompanyCentreRow]
    offers_by_type: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class FollowUp:
    contact_id: int
    company_cvr: str
    company_name: str
    due: date
    purpose: str
    result: str
    overdue: bool


def company_in_scope(session: Session, user: User, cvr: str) -> CompanyRow:
    """The company, if it belongs to the user's municipality; otherwise NotFound."""
    row = session.get(CompanyRow, cvr)
    if row is None or row.municipality_code != user.municipality_code:
        raise NotFound(f"Virksomheden med CVR {cvr} findes ikke i kommunens register.")
    return row


def company_name(db: Database, user: User, cvr: str) -> str:
    ensure_role(user, *COMPANY_STAFF)
    with db.unit_of_work() as session:
        return company_in_scope(session, user, cvr).name


COMPANY_SORTS = {"ansatte": "flest ansatte", "navn": "navn", "kontakt": "seneste kontakt"}


def list_companies(db: Database, user: User, q: str = "", request: PageRequest | None = None,
                   sort: str = "ansatte") -> Page[CompanySummary]:
    """The municipality's companies (search by name, CVR or industry), one page counted in SQL."""
    ensure_role(user, *COMPANY_STAFF)
    if sort not in COMPANY_SORTS:
        raise InvalidInput(f"Sortér efter en af: {', '.join(COMPANY_SORTS)}.")
    request = request or PageRequest()
    with db.unit_of_work() as session:
        last_contact = (select(CompanyContactRow.company_cvr, func.max(CompanyContactRow.date).label("last"))
                        .group_by(CompanyContactRow.company_cvr).subquery())
        query = (select(CompanyRow, last_contact.c.last)
                 .outerjoin(last_contact, last_contact.c.company_cvr == CompanyRow.cvr)
                 .where(CompanyRow.municipality_code == user.municipality_code))
        if q.strip():
            like = f"%{q.strip()}%"
            query = query.where(or_(CompanyRow.name.ilike(like), CompanyRow.cvr.like(like), CompanyRow.industry.ilike(like)))
        order = {"ansatte": (CompanyRow.employees.desc(), CompanyRow.name, CompanyRow.cvr),
                 "navn": (CompanyRow.name, CompanyRow.cvr),
                 "kontakt": (last_contact.c.last.desc().nulls_last(), CompanyRow.name, CompanyRow.cvr)}[sort]
        rows, total = fetch(session, query.order_by(*order), request)
        cvrs = [r.cvr for r, _ in rows]
        open_orders = dict(session.execute(
            select(JobOrderRow.company_cvr, func.count()).where(JobOrderRow.company_cvr.in_(cvrs),
                                                                 JobOrderRow.status.in_(("open", "in_progress")))
            .group_by(JobOrderRow.company_cvr)).all())
        items = [CompanySummary(r.cvr, r.name, r.industry, r.employees, r.postcode, r.city, last,
                                open_orders.get(r.cvr, 0)) for r, last in rows]
        return Page(items, total, request.page, request.page_size, request.capped)


def company_overview(db: Database, user: User, cvr: str) -> CompanyOverview:
    ensure_role(user, *COMPANY_STAFF)
    with db.unit_of_work() as session:
        company = company_in_scope(session, user, cvr)

        def rows(model, *order):
            return list(session.scalars(select(model).where(model.company_cvr == cvr).order_by(*order)))

        offers = Counter(session.scalars(select(OfferRow.offer_type).where(OfferRow.company_cvr == cvr)))
        return CompanyOverview(
            company=company,
            units=rows(ProductionUnitRow, ProductionUnitRow.p_number),
            persons=rows(CompanyPersonRow, CompanyPersonRow.name),
            contacts=rows(CompanyContactRow, CompanyContactRow.date.desc(), CompanyContactRow.id.desc()),
            job_orders=rows(JobOrderRow, JobOrderRow.created.desc(), JobOrderRow.id.desc()),
            centres=rows(CompanyCentreRow, CompanyCentreRow.start.desc()),
            offers_by_type=dict(offers.most_common()),
        )


def add_person(db: Database, user: User, cvr: str, name: str, title: str = "", email: str = "",
               phone: str = "") -> int:
    ensure_role(user, *COMPANY_STAFF)
    if not name.strip():
        raise InvalidInput("Kontaktpersonen skal have et navn.")
    if email and "@" not in email:
        raise InvalidInput(f"Ugyldig e-mailadresse: {email!r}")
    with db.unit_of_work() as session:
        company_in_scope(session, user, cvr)
        row = CompanyPersonRow(company_cvr=cvr, name=name.strip(), title=title.strip(), email=email.strip(),
                               phone=phone.strip())
        session.add(row)
        session.flush()
        return row.id


def record_contact(db: Database, user: User, cvr: str, on: date, kind: str, purpose: str = "",
                   schemes: list[str] | None = None, result: str = "", next_followup: date | None = None,
                   person_id: int | None = None) -> int:
    """Register a visit, call, e-mail or meeting; it closes the company's open follow-ups."""
    ensure_role(user, *COMPANY_STAFF)
    schemes = list(dict.fromkeys(schemes or []))
    if kind not in CONTACT_KINDS:
        raise InvalidInput(f"Ukendt kontaktform {kind!r}; tilladt: {', '.join(CONTACT_KINDS)}")
    unknown = [s for s in schemes if s not in SCHEMES]
    if unknown:
        raise InvalidInput(f"Ukendt ordning {unknown[0]!r}; tilladt: {', '.join(SCHEMES)}")
    if next_followup is not None and next_followup < on:
        raise InvalidInput("Næste opfølgning kan ikke ligge før kontakten.")
    with db.unit_of_work() as session:
        company_in_scope(session, user, cvr)
        if person_id is not None:
            person = session.get(CompanyPersonRow, person_id)
            if person is None or person.company_cvr != cvr:
                raise InvalidInput("Kontaktpersonen hører ikke til virksomheden.")
        for earlier in session.scalars(select(CompanyContactRow).where(
                CompanyContactRow.company_cvr == cvr, CompanyContactRow.next_followup.is_not(None),
                CompanyContactRow.followup_done.is_(False), CompanyContactRow.date <= on)):
            earlier.followup_done = True
        row = CompanyContactRow(company_cvr=cvr, date=on, kind=kind, purpose=purpose.strip(), schemes=schemes,
                                result=result.strip(), next_followup=next_followup,
                                consultant_id=user.caseworker_id, person_id=person_id)
        session.add(row)
        session.flush()
        return row.id


def complete_followup(db: Database, user: User, contact_id: int) -> None:
    ensure_role(user, *COMPANY_STAFF)
    with db.unit_of_work() as session:
        row = session.get(CompanyContactRow, contact_id)
        if row is None:
            raise NotFound("Kontakten findes ikke.")
        company_in_scope(session, user, row.company_cvr)
        row.followup_done = True


def _followups_query(user: User, mine_only: bool):
    ensure_role(user, *COMPANY_STAFF)
    later = aliased(CompanyContactRow)
    query = (select(CompanyContactRow, CompanyRow.name)
             .join(CompanyRow, CompanyRow.cvr == CompanyContactRow.company_cvr)
             .where(CompanyRow.municipality_code == user.municipality_code,
                    CompanyContactRow.next_followup.is_not(None), CompanyContactRow.followup_done.is_(False),
                    ~exists().where(later.company_cvr == CompanyContactRow.company_cvr,
                                    later.date > CompanyContactRow.date)))
    if mine_only and user.role == Role.COMPANY_CONSULTANT and user.caseworker_id is not None:
        query = query.where(CompanyContactRow.consultant_id == user.caseworker_id)
    return query.order_by(CompanyContactRow.next_followup, CompanyContactRow.id)


def _followup(c: CompanyContactRow, name: str, as_of: date) -> FollowUp:
    return FollowUp(c.id, c.company_cvr, name, c.next_followup, c.purpose, c.result, c.next_followup < as_of)


def followups(db: Database, user: User, as_of: date, mine_only: bool = True) -> list[FollowUp]:
    """Every open follow-up, earliest first; a consultant's own unless ``mine_only`` is false.

    A follow-up is open until it is closed by hand or the company has a later contact.
    """
    query = _followups_query(user, mine_only)
    with db.unit_of_work() as session:
        return [_followup(c, name, as_of) for c, name in session.execute(query)]


def followups_page(db: Database, user: User, as_of: date, mine_only: bool, request: PageRequest) -> Page[FollowUp]:
    """One page of the open follow-ups, counted in SQL (the API)."""
    query = _followups_query(user, mine_only)
    with db.unit_of_work() as session:
        rows, total = fetch(session, query, request)
        return Page([_followup(c, name, as_of) for c, name in rows], total, request.page, request.page_size,
                    request.capped)
