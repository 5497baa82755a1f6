"""Caseload, citizen search and the case file: pages and JSON API over the same services."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field

from indsats.domain import clock
from indsats.domain.enums import Role
from indsats.domain.labels import BENEFIT_DA, READINESS_DA
from indsats.domain.models import User
from indsats.services.casework import assignment, caseload
from indsats.services.casework import citizens as citizen_service
from indsats.services.casework.caseload import CaseloadFilter
from indsats.services.casework.citizens import CitizenSummary
from indsats.services.casework.law_changes import coming_for_benefits
from indsats.services.shared.database import Database
from indsats.services.shared.errors import Forbidden, InvalidInput, NotFound
from indsats.services.shared.paging import PageRequest
from indsats.services.steering import offer_palette

from ...api_models import PageOut
from ...deps import current_user, get_db, render, require_roles, verify_csrf
from ...flash import flash
from ...input_bounds import MAX_NAME, Name, RowId
from ...report_models import CaseloadOut
from ...schemas import CaseFileOut, case_file_out
from .case_page import render_case_page

router = APIRouter(tags=["borgere"])

staff = require_roles(Role.CASEWORKER, Role.TEAM_LEADER, Role.MANAGER)
caseworkers = require_roles(Role.CASEWORKER, Role.TEAM_LEADER)
team_leaders = require_roles(Role.TEAM_LEADER)

UNASSIGNED = "uden"  # the caseworker filter's value for "Uden sagsbehandler"
_CASELOAD_KEYS = ("ydelse", "visitation", "sagsbehandler", "team", "sort", "side")


def _caseload_filter(ydelse, visitation, sagsbehandler, team, sort, unassigned=False) -> CaseloadFilter:
    return CaseloadFilter(benefit=ydelse or None, readiness=visitation or None, caseworker_id=sagsbehandler,
                          team_id=team, sort=sort or "navn", unassigned=unassigned)


@router.get("/sager", include_in_schema=False)
def caseload_page(request: Request, ydelse: Name = "", visitation: Name = "", sagsbehandler: Name = "",
                  team: Name = "", sort: Name = "navn", side: int = Query(1, ge=1, le=100_000),
                  user: User = Depends(caseworkers), db: Database = Depends(get_db)):
    # an empty choice in the filter form ("Alle") is no filter, not an error
    worker_id = int(sagsbehandler) if sagsbehandler.isdigit() and len(sagsbehandler) < 10 else None
    team_id = int(team) if team.isdigit() and len(team) < 10 else None
    flt = _caseload_filter(ydelse, visitation, worker_id, team_id, sort, unassigned=sagsbehandler == UNASSIGNED)
    page = caseload.caseload_page(db, user, flt, PageRequest.of(side, 50))
    coming = coming_for_benefits(clock.today(), page.extra.get("benefits", []))
    query = {k: v for k, v in (("ydelse", ydelse), ("visitation", visitation), ("sagsbehandler", sagsbehandler),
                               ("team", team), ("sort", sort)) if v}
    return render(request, "casework/citizens/caseload.html", user=user, page=page, rows=page.items, coming=coming,
                  flt=flt, query=query, choices=caseload.filter_choices(db, user), sorts=caseload.SORTS,
                  benefit_options=list(BENEFIT_DA.items()), readiness_options=list(READINESS_DA.items()),
                  priority=offer_palette.priority_marks(db, user.municipality_code, page.items, page.extra.get("births")),
                  back=urlencode({**query, **({"side": side} if side > 1 else {})}))


@router.post("/sager/flyt", include_in_schema=False, dependencies=[Depends(verify_csrf)])
def assign_form(request: Request, citizen_ids: Annotated[list[RowId], Form(max_length=assignment.MAX_CITIZENS)] = [],  # noqa: B006
                caseworker_id: Annotated[str, Form(max_length=12)] = "", tilbage: Annotated[str, Form(max_length=600)] = "",
                user: User = Depends(team_leaders), db: Database = Depends(get_db)):
    """Flyt/tildel: the ticked citizens get the chosen caseworker; back to the same caseload view."""
    back = urlencode([(k, v) for k, v in parse_qsl(tilbage) if k in _CASELOAD_KEYS])
    try:
        if not caseworker_id.isdigit() or len(caseworker_id) > 10:
            raise InvalidInput("Vælg den sagsbehandler, borgerne skal flyttes til.")
        result = assignment.assign(db, user, citizen_ids, int(caseworker_id))
    except (InvalidInput, NotFound, Forbidden) as exc:
        flash(request, f"Ingen borgere blev flyttet: {exc}")
    else:
        flash(request, assignment.message(result))
    return RedirectResponse("/sager" + (f"?{back}" if back else ""), status_code=303)


class AssignmentIn(BaseModel):
    citizen_ids: list[RowId] = Field(min_length=1, max_length=assignment.MAX_CITIZENS,
                                     description="Borgerne, der skal flyttes (højst 200)")
    caseworker_id: RowId = Field(description="Den sagsbehandler, borgerne flyttes til (teamet følger med)")


class AssignmentOut(BaseModel):
    moved: int
    unchanged: int
    caseworker_id: int
    caseworker: str
    team: str | None
    citizen_ids: list[int]
    message: str


@router.post("/api/assignments", response_model=AssignmentOut, dependencies=[Depends(verify_csrf)])
def api_assign(body: AssignmentIn, user: User = Depends(team_leaders), db: Database = Depends(get_db)):
    """Flyt/tildel (team leaders): give the citizens a caseworker of the municipality; each move is audited
    as a change of responsibility. Refused (403) for other roles and across municipalities."""
    result = assignment.assign(db, user, body.citizen_ids, body.caseworker_id)
    return AssignmentOut(**result.__dict__, message=assignment.message(result))


CPR_NOT_IN_URL = "Søg på CPR-nummer med søgefeltet: nummeret må ikke stå i adressen."


def _search_answer(request: Request, user: User, db: Database, q: str, side: int = 1, sort: str = "navn"):
    page, error = None, None
    if q:
        try:
            page = citizen_service.search(db, user, q, PageRequest.of(side, 50), sort)
        except InvalidInput as exc:
            error = str(exc)
    template = "casework/citizens/_results.html" if request.headers.get("hx-request") else "casework/citizens/search.html"
    return render(request, template, user=user, page=page, rows=page.items if page else [], q=q, error=error,
                  sort=sort, sorts=citizen_service.SEARCH_SORTS)


@router.get("/borgere", include_in_schema=False)
def search_page(request: Request, q: Name = "", side: int = Query(1, ge=1, le=100_000), sort: Name = "navn",
                user: User = Depends(staff), db: Database = Depends(get_db)):
    """The search form; a name in ``?q=`` still searches, a CPR number there is refused unsearched."""
    if citizen_service.looks_like_cpr_search(q):
        return render(request, "casework/citizens/search.html", user=user, rows=[], q="", error=CPR_NOT_IN_URL,
                      status_code=422, page=None, sort="navn", sorts=citizen_service.SEARCH_SORTS)
    return _search_answer(request, user, db, q, side, sort)


@router.post("/borgere", include_in_schema=False, dependencies=[Depends(verify_csrf)])
def search_post(request: Request, q: Name = Form(""), side: int = Form(1, ge=1, le=100_000),
                sort: Name = Form("navn"), user: User = Depends(staff), db: Database = Depends(get_db)):
    """Search by name or CPR number sent in the body: the number stays out of the URL and the history."""
    return _search_answer(request, user, db, q, side, sort)


@router.get("/borgere/{citizen_id}", include_in_schema=False)
def case_page(request: Request, citizen_id: RowId, user: User = Depends(staff), db: Database = Depends(get_db)):
    return render_case_page(request, user, db, citizen_id)


@router.get("/api/caseload", response_model=CaseloadOut)
def api_caseload(benefit: Name = "", readiness: Name = "", caseworker_id: RowId | None = None,
                 team_id: RowId | None = None, unassigned: bool = Query(False, description="uden sagsbehandler"),
                 sort: Name = "navn", page: int = Query(1, ge=1, le=100_000),
                 page_size: int = Query(50, ge=1, le=10_000, description="højst 200"),
                 user: User = Depends(caseworkers), db: Database = Depends(get_db)):
    """The caseworker's (team leader's: the team's) citizens on an active benefit, paged:
    ``{"items", "total", "page", "page_size"}``; sort by navn, ydelse, start, frist or sagsbehandler."""
    flt = _caseload_filter(benefit, readiness, caseworker_id, team_id, sort, unassigned)
    return caseload.caseload_page(db, user, flt, PageRequest.of(page, page_size)).to_dict()


@router.get("/api/citizens", response_model=PageOut[CitizenSummary])
def api_search(q: str = Query(..., min_length=2, max_length=MAX_NAME, description="Navn (CPR-numre: POST)"),
               sort: Name = Query("navn", description="navn eller foedselsdato"),
               page: int = Query(1, ge=1, le=100_000), page_size: int = Query(50, ge=1, le=10_000, description="højst 200"),
               user: User = Depends(staff), db: Database = Depends(get_db)):
    """Search citizens of the user's municipality by name, paged: ``{"items", "total", "page", "page_size"}``;
    a CPR number is refused here (it would stand in the URL) — send it to ``POST /api/citizen-search``."""
    if citizen_service.looks_like_cpr_search(q):
        raise InvalidInput(CPR_NOT_IN_URL + " Brug POST /api/citizen-search.")
    return citizen_service.search(db, user, q, PageRequest.of(page, page_size), sort).to_dict()


class SearchIn(BaseModel):
    q: Name = Field(min_length=2, description="Navn eller CPR-nummer (hele eller de første seks cifre)")
    sort: Name = Field("navn", description="navn eller foedselsdato")
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(50, ge=1, le=10_000, description="højst 200")


@router.post("/api/citizen-search", response_model=PageOut[CitizenSummary], dependencies=[Depends(verify_csrf)])
def api_search_post(body: SearchIn, user: User = Depends(staff), db: Database = Depends(get_db)):
    """Search citizens of the user's municipality by name or CPR number, sent in the body; paged."""
    return citizen_service.search(db, user, body.q, PageRequest.of(body.page, body.page_size), body.sort).to_dict()


@router.get("/api/citizens/{citizen_id}", response_model=CaseFileOut)
def api_case(citizen_id: RowId, user: User = Depends(current_user), db: Database = Depends(get_db)):
    """The citizen's case: benefit history, conversations, offers, plan and timeline."""
    case = citizen_service.case_file(db, user, citizen_id, action=f"api: /api/citizens/{citizen_id}")
    return case_file_out(case)
