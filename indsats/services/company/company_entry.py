"""Virksomhedsindgangen (one company entry, the 2025–2027 reform): a company posts a request in one place —
a job order, a wage-subsidy job, an internship, a flex job or help to keep a sick employee. It lands with a
consultant with a response deadline (the plan's ``company_entry.response_days`` working days); the company sees
its status, and the consultant's pipeline counts the requests answered on time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from indsats.domain import clock
from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.accounts.access import ensure_role
from indsats.services.shared.errors import Forbidden, InvalidInput, NotFound
from indsats.services.shared.paging import Page, PageRequest, fetch
from indsats.services.steering import goals as steering
from indsats.store.company_tables import CompanyContactRow, CompanyRow
from indsats.store.db import Database
from indsats.store.plan_tables import CompanyRequestRow
from indsats.store.tables import CaseworkerRow, UserRow

KIND_DA = {"job_order": "Jobordre (ordinært job)", "wage_subsidy": "Løntilskudsjob", "internship": "Virksomhedspraktik",
           "flexjob": "Fleksjob", "retention": "Hjælp til at fastholde en sygemeldt medarbejder"}
MAX_ANSWER = 4000
STATUS_DA = {"new": "Modtaget", "answered": "Besvaret", "closed": "Afsluttet"}


@dataclass
class Request:
    id: int
    company_cvr: str
    company: str
    kind: str
    kind_da: str
    description: str
    contact: str
    received_on: date
    respond_by: date
    consultant: str | None
    status: str
    status_da: str
    answered_on: date | None
    answer: str
    on_time: bool | None  # None while open and not yet late
    overdue: bool


def add_working_days(day: date, days: int) -> date:
    while days:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def _view(row: CompanyRequestRow, company: str, consultant: str | None, today: date) -> Request:
    on_time = None if row.answered_on is None else row.answered_on <= row.respond_by
    return Request(row.id, row.company_cvr, company, row.kind, KIND_DA.get(row.kind, row.kind), row.description,
                   row.contact, row.received_on, row.respond_by, consultant, row.status, STATUS_DA[row.status],
                   row.answered_on, row.answer, on_time, row.answered_on is None and today > row.respond_by)


def _consultant_for(session, code: str, cvr: str) -> int | None:
    """The consultant who last had contact with the company; else the consultant with the fewest open requests."""
    last = session.scalar(select(CompanyContactRow.consultant_id).where(
        CompanyContactRow.company_cvr == cvr, CompanyContactRow.consultant_id.is_not(None))
        .order_by(CompanyContactRow.id.desc()).limit(1))
    if last is not None:
        return last
    consultants = list(session.scalars(select(UserRow.caseworker_id).where(
        UserRow.municipality_code == code, UserRow.role == Role.COMPANY_CONSULTANT.value,
        UserRow.caseworker_id.is_not(None)).order_by(UserRow.caseworker_id)))
    if not consultants:
        return None
    load = dict(session.execute(select(CompanyRequestRow.consultant_id, func.count()).where(
        CompanyRequestRow.status == "new").group_by(CompanyRequestRow.consultant_id)).all())
    return min(consultants, key=lambda c: (load.get(c, 0), c))


def post_request(db: Database, user: User, kind: str, description: str, contact: str = "") -> int:
    """The company's request; the deadline is the plan's response days in working days from today."""
    ensure_role(user, Role.COMPANY)
    if not user.company_cvr:
        raise Forbidden("Brugeren er ikke knyttet til en virksomhed.")
    errors = {}
    if kind not in KIND_DA:
        errors["kind"] = "Vælg, hvad henvendelsen drejer sig om."
    if len(description.strip()) < 10:
        errors["description"] = "Beskriv henvendelsen med mindst 10 tegn."
    if len(description) > 4000:
        errors["description"] = "Beskrivelsen må højst være 4000 tegn."
    if len(contact) > 200:
        errors["contact"] = "Kontaktoplysningerne må højst være 200 tegn."
    if errors:
        raise RequestInvalid(errors)
    today = clock.today()
    days = steering.plan_for(db, user.municipality_code, steering.IN_FORCE, today.year).company_entry.response_days
    with db.unit_of_work() as s:
        if s.get(CompanyRow, user.company_cvr) is None:
            raise NotFound("Virksomheden findes ikke.")
        row = CompanyRequestRow(municipality_code=user.municipality_code, company_cvr=user.company_cvr, kind=kind,
                                description=description.strip(), contact=contact.strip(), received_on=today,
                                respond_by=add_working_days(today, days),
                                consultant_id=_consultant_for(s, user.municipality_code, user.company_cvr),
                                status="new", answer="", posted_by=user.username, posted_at=clock.now())
        s.add(row)
        s.flush()
        return row.id


class RequestInvalid(InvalidInput):
    def __init__(self, errors: dict[str, str]):
        super().__init__(" ".join(errors.values()))
        self.errors = errors


REQUEST_SORTS = {"frist": "svarfrist (åbne først)", "modtaget": "senest modtaget", "virksomhed": "virksomhed"}


def _page(db: Database, query, request: PageRequest, sort: str) -> Page[Request]:
    if sort not in REQUEST_SORTS:
        raise InvalidInput(f"Sortér efter en af: {', '.join(REQUEST_SORTS)}.")
    newest = (CompanyRequestRow.received_on.desc(), CompanyRequestRow.id.desc())
    order = {"frist": (CompanyRequestRow.answered_on.is_not(None), CompanyRequestRow.respond_by, CompanyRequestRow.id),
             "modtaget": newest, "virksomhed": (CompanyRow.name, *newest)}[sort]
    today = clock.today()
    with db.unit_of_work() as s:
        rows, total = fetch(s, query.join(CompanyRow, CompanyRow.cvr == CompanyRequestRow.company_cvr)
                            .outerjoin(CaseworkerRow, CaseworkerRow.id == CompanyRequestRow.consultant_id)
                            .order_by(*order), request)
        items = [_view(r, name, consultant, today) for r, name, consultant in rows]
        return Page(items, total, request.page, request.page_size, request.capped)


def own_requests(db: Database, user: User, request: PageRequest | None = None,
                 sort: str = "modtaget") -> Page[Request]:
    """The company's own requests with their status, one page counted in SQL."""
    ensure_role(user, Role.COMPANY)
    return _page(db, select(CompanyRequestRow, CompanyRow.name, CaseworkerRow.name).where(
        CompanyRequestRow.company_cvr == user.company_cvr), request or PageRequest(), sort)


def _stats(db: Database, where, today: date | None = None) -> dict:
    """The pipeline's counts over every request the scope selects (in SQL, never a first page)."""
    today = today or clock.today()
    r = CompanyRequestRow
    answered = r.answered_on.is_not(None)
    with db.unit_of_work() as s:
        row = s.execute(select(
            func.count(), func.count().filter(~answered), func.count().filter(~answered & (r.respond_by < today)),
            func.count().filter(answered), func.count().filter(answered & (r.answered_on <= r.respond_by)),
        ).where(*where)).one()
    total, still_open, overdue, done, on_time = (int(v or 0) for v in row)
    return {"total": total, "open": still_open, "overdue": overdue, "answered": done, "on_time": on_time,
            "on_time_share": round(on_time / done, 4) if done else None}


def year_stats(db: Database, code: str, year: int, as_of: date) -> dict:
    """The pipeline's counts for the requests the municipality received in ``year`` (the result review)."""
    r = CompanyRequestRow
    return _stats(db, [r.municipality_code == code, r.received_on.between(date(year, 1, 1), date(year, 12, 31))],
                  as_of)


def pipeline(db: Database, user: User, mine_only: bool = True, request: PageRequest | None = None,
             sort: str = "frist", status: str | None = None) -> tuple[Page[Request], dict]:
    """The consultant's requests (a manager's: all), one page, and the counts answered on time over all."""
    ensure_role(user, Role.COMPANY_CONSULTANT, Role.MANAGER)
    if status and status not in STATUS_DA:
        raise InvalidInput(f"Status skal være en af: {', '.join(STATUS_DA)}.")
    where = [CompanyRequestRow.municipality_code == user.municipality_code]
    if mine_only and user.role == Role.COMPANY_CONSULTANT:
        where.append(CompanyRequestRow.consultant_id == user.caseworker_id)
    stats = _stats(db, where)
    if status:
        where.append(CompanyRequestRow.status == status)
    query = select(CompanyRequestRow, CompanyRow.name, CaseworkerRow.name).where(*where)
    return _page(db, query, request or PageRequest(), sort), stats


def answer_request(db: Database, user: User, request_id: int, answer: str, close: bool = False) -> None:
    ensure_role(user, Role.COMPANY_CONSULTANT, Role.MANAGER)
    if len(answer.strip()) < 3:
        raise RequestInvalid({"answer": "Skriv et svar til virksomheden."})
    if len(answer.strip()) > MAX_ANSWER:
        raise RequestInvalid({"answer": f"Svaret må højst være {MAX_ANSWER} tegn (det er {len(answer.strip())})."})
    with db.unit_of_work() as s:
        row = s.get(CompanyRequestRow, request_id)
        if row is None or row.municipality_code != user.municipality_code:
            raise NotFound("Henvendelsen findes ikke.")
        if row.answered_on is None:
            row.answered_on = clock.today()
        row.answer = answer.strip()
        row.status = "closed" if close else "answered"
        if row.consultant_id is None:
            row.consultant_id = user.caseworker_id
