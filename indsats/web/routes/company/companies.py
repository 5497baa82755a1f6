"""Company consultants' pages and API: the register, a company's history, contacts, follow-ups, centres."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field

from indsats.domain import clock
from indsats.domain.enums import Role
from indsats.domain.labels import OFFER_DA
from indsats.domain.models import User
from indsats.services.company import centres as company_centres
from indsats.services.company import companies, job_orders
from indsats.services.shared.database import Database
from indsats.services.shared.errors import Conflict, InvalidInput
from indsats.services.shared.paging import PageRequest

from ...api_models import CompanyOverviewOut, CompanySummaryOut, CreatedOut, FollowUpOut, PageOut
from ...deps import get_db, render, require_roles, verify_csrf
from ...flash import flash
from ...input_bounds import FIRST_DAY, LAST_DAY, Cvr, Day, Name, Note, Places, RowId

router = APIRouter(tags=["virksomheder"])
staff = require_roles(Role.COMPANY_CONSULTANT, Role.MANAGER)
csrf = [Depends(verify_csrf)]


def day(value: str, field: str) -> date | None:
    """A date from a form field ('' = none); a bad one is refused naming the field."""
    if not value.strip():
        return None
    try:
        parsed = date.fromisoformat(value.strip())
    except ValueError as exc:
        raise InvalidInput(f"Feltet '{field}' skal være en dato (åååå-mm-dd), ikke {value!r}.") from exc
    if not FIRST_DAY <= parsed <= LAST_DAY:
        raise InvalidInput(f"Feltet '{field}' skal ligge mellem {FIRST_DAY} og {LAST_DAY}.")
    return parsed


def back(request: Request, path: str, message: str) -> RedirectResponse:
    """After a form: the message goes in the session (shown once), never in the URL."""
    flash(request, message)
    return RedirectResponse(path, status_code=303)


Side = Annotated[int, Query(ge=1, le=100_000)]
PageSize = Annotated[int, Query(ge=1, le=10_000, description="højst 200")]


def query_of(**params) -> dict:
    """A list page's other parameters, for its pager's links (empty ones left out)."""
    return {k: v for k, v in params.items() if v not in (None, "", False)}


@router.get("/virksomheder", include_in_schema=False)
def companies_page(request: Request, q: Name = "", sort: Name = "ansatte", side: Side = 1,
                   user: User = Depends(staff), db: Database = Depends(get_db)):
    page = companies.list_companies(db, user, q, PageRequest.of(side, 50), sort)
    return render(request, "company/companies/list.html", user=user, page=page, rows=page.items, q=q, sort=sort,
                  sorts=companies.COMPANY_SORTS, query=query_of(q=q, sort=sort))


@router.get("/virksomheder/opfoelgning", include_in_schema=False)
def followups_page(request: Request, alle: bool = False, user: User = Depends(staff), db: Database = Depends(get_db)):
    today = clock.today()
    todo = companies.followups(db, user, today, mine_only=not alle)
    pipeline = job_orders.job_order_pipeline(db, user, mine=not alle and user.role == Role.COMPANY_CONSULTANT)
    filled = job_orders.count_jobs_filled(db, user.municipality_code, date(today.year, 1, 1), today)
    from indsats.services.company import network, small_jobs

    return render(request, "company/companies/followups.html", user=user, todo=todo, pipeline=pipeline, alle=alle,
                  statuses=job_orders.STATUSES, filled=filled, year=today.year,
                  small=small_jobs.small_job_counts(db, user.municipality_code, today.year),
                  net=network.network_counts(db, user, today.year))


@router.get("/virksomheder/{cvr}", include_in_schema=False)
def company_page(request: Request, cvr: Cvr, user: User = Depends(staff), db: Database = Depends(get_db)):
    overview = companies.company_overview(db, user, cvr)
    return render(request, "company/companies/company.html", user=user, o=overview, kinds=companies.CONTACT_KINDS,
                  schemes=companies.SCHEMES, statuses=job_orders.STATUSES, job_kinds=job_orders.KIND_LABELS,
                  offer_labels=OFFER_DA, today=clock.today())


@router.post("/virksomheder/{cvr}/kontakter", include_in_schema=False, dependencies=csrf)
def contact_form(request: Request, cvr: Cvr, on: Annotated[Name, Form()], kind: Annotated[Name, Form()],
                 purpose: Annotated[Note, Form()] = "", schemes: Annotated[list[Name], Form()] = [],  # noqa: B006
                 result: Annotated[Note, Form()] = "", next_followup: Annotated[Name, Form()] = "",
                 person_id: Annotated[RowId | None, Form()] = None, user: User = Depends(staff),
                 db: Database = Depends(get_db)):
    companies.record_contact(db, user, cvr, day(on, "dato") or clock.today(), kind, purpose, schemes, result,
                             day(next_followup, "næste opfølgning"), person_id)
    return back(request, f"/virksomheder/{cvr}", "Kontakten er registreret.")


@router.post("/virksomheder/{cvr}/personer", include_in_schema=False, dependencies=csrf)
def person_form(request: Request, cvr: Cvr, name: Annotated[Name, Form()], title: Annotated[Name, Form()] = "",
                email: Annotated[Name, Form()] = "", phone: Annotated[Name, Form()] = "",
                user: User = Depends(staff), db: Database = Depends(get_db)):
    companies.add_person(db, user, cvr, name, title, email, phone)
    return back(request, f"/virksomheder/{cvr}", "Kontaktpersonen er oprettet.")


@router.post("/virksomheder/{cvr}/centre", include_in_schema=False, dependencies=csrf)
def centre_form(request: Request, cvr: Cvr, name: Annotated[Name, Form()], places: Annotated[Places, Form()],
                start: Annotated[Name, Form()], mentor_name: Annotated[Name, Form()] = "", user: User = Depends(staff), db: Database = Depends(get_db)):
    company_centres.create_centre(db, user, cvr, name, places, mentor_name, day(start, "start") or clock.today())
    return back(request, f"/virksomheder/{cvr}", "Virksomhedscentret er oprettet.")


@router.post("/virksomheder/kontakter/{contact_id}/afslut", include_in_schema=False, dependencies=csrf)
def followup_done_form(request: Request, contact_id: RowId, user: User = Depends(staff), db: Database = Depends(get_db)):
    companies.complete_followup(db, user, contact_id)
    return back(request, "/virksomheder/opfoelgning", "Opfølgningen er afsluttet.")


@router.get("/virksomhedscentre", include_in_schema=False)
def centres_page(request: Request, user: User = Depends(staff), db: Database = Depends(get_db)):
    return centres_view(request, user, db)


def centres_view(request: Request, user: User, db: Database, failed: dict | None = None, status_code: int = 200):
    """The centres with their placed citizens and partner companies (``failed``: a form to show again)."""
    from indsats.services.company.network import centre_partners

    rows = company_centres.centres(db, user, clock.today())
    return render(request, "company/companies/centres.html", user=user, rows=rows, today=clock.today(),
                  partners=centre_partners(db, user, [c.id for c in rows]), status_code=status_code,
                  **({"failed": failed} if failed else {}))


@router.post("/virksomhedscentre/{centre_id}/placeringer", include_in_schema=False, dependencies=csrf)
def placement_form(request: Request, centre_id: RowId, who: Annotated[Name, Form()] = "",
                   start: Annotated[Name, Form()] = "",
                   user: User = Depends(staff), db: Database = Depends(get_db)):
    try:
        company_centres.place(db, user, centre_id, None, day(start, "start") or clock.today(), who=who)
    except (InvalidInput, Conflict) as exc:
        return centres_view(request, user, db, status_code=409 if isinstance(exc, Conflict) else 422,
                            failed={"centre_id": centre_id, "who": who, "start": start, "error": str(exc)})
    return back(request, "/virksomhedscentre", "Borgeren er placeret.")


@router.post("/virksomhedscentre/placeringer/{placement_id}/afslut", include_in_schema=False, dependencies=csrf)
def placement_end_form(request: Request, placement_id: RowId, end: Annotated[Name, Form()] = "", user: User = Depends(staff),
                       db: Database = Depends(get_db)):
    company_centres.end_placement(db, user, placement_id, day(end, "slut") or clock.today())
    return back(request, "/virksomhedscentre", "Placeringen er afsluttet.")


# ---- JSON API -------------------------------------------------------------------------------------------

class ContactIn(BaseModel):
    date: Day
    kind: Name = Field(description="visit, call, email eller meeting")
    purpose: Note = ""
    schemes: list[Name] = Field(default_factory=list, max_length=20, description=", ".join(companies.SCHEMES))
    result: Note = ""
    next_followup: Day | None = None
    person_id: RowId | None = None


@router.get("/api/companies", response_model=PageOut[CompanySummaryOut])
def api_companies(q: Name = "", sort: Name = Query("ansatte", description="ansatte, navn eller kontakt"),
                  page: Side = 1, page_size: PageSize = 50, user: User = Depends(staff), db: Database = Depends(get_db)):
    """The municipality's companies (search by name, CVR or industry), paged: ``{"items", "total", "page", "page_size"}``."""
    return companies.list_companies(db, user, q, PageRequest.of(page, page_size), sort).to_dict()


@router.get("/api/companies/{cvr}", response_model=CompanyOverviewOut)
def api_company(cvr: Cvr, user: User = Depends(staff), db: Database = Depends(get_db)):
    """One company's history with the jobcenter: units, persons, contacts, job orders, centres, offers."""
    o = companies.company_overview(db, user, cvr)

    def plain(row):
        return {c.name: getattr(row, c.key) for c in row.__table__.columns}

    return {"company": plain(o.company), "production_units": [plain(u) for u in o.units],
            "persons": [plain(p) for p in o.persons], "contacts": [plain(c) for c in o.contacts],
            "job_orders": [plain(j) for j in o.job_orders], "centres": [plain(c) for c in o.centres],
            "offers_by_type": o.offers_by_type}


@router.post("/api/companies/{cvr}/contacts", status_code=201, dependencies=csrf, response_model=CreatedOut)
def api_contact(cvr: Cvr, body: ContactIn, user: User = Depends(staff), db: Database = Depends(get_db)):
    """Register a visit, call, e-mail or meeting (closes the company's open follow-ups)."""
    return {"id": companies.record_contact(db, user, cvr, body.date, body.kind, body.purpose, body.schemes,
                                           body.result, body.next_followup, body.person_id)}


@router.get("/api/company-followups", response_model=PageOut[FollowUpOut])
def api_followups(all: bool = False, page: Side = 1, page_size: PageSize = 50, user: User = Depends(staff),
                  db: Database = Depends(get_db)):
    """Open follow-ups, earliest first (the consultant's own unless all=true), paged."""
    return companies.followups_page(db, user, clock.today(), not all, PageRequest.of(page, page_size)).to_dict()
