"""Caseload, citizen search and the case file: pages and JSON API over the same services."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request

from indsats.domain import clock
from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.casework import citizens as citizen_service
from indsats.services.casework.citizens import CitizenSummary
from indsats.services.casework.law_changes import coming_for_benefits
from indsats.services.shared.database import Database
from indsats.services.shared.errors import InvalidInput
from indsats.services.steering import offer_palette

from ...deps import current_user, get_db, render, require_roles
from ...input_bounds import MAX_NAME, Name, RowId
from ...schemas import CaseFileOut, case_file_out
from .case_page import render_case_page

router = APIRouter(tags=["borgere"])

staff = require_roles(Role.CASEWORKER, Role.TEAM_LEADER, Role.MANAGER)
caseworkers = require_roles(Role.CASEWORKER, Role.TEAM_LEADER)


@router.get("/sager", include_in_schema=False)
def caseload_page(request: Request, user: User = Depends(caseworkers), db: Database = Depends(get_db)):
    rows = citizen_service.caseload(db, user)
    coming = coming_for_benefits(clock.today(), [r.benefit for r in rows])
    return render(request, "casework/citizens/caseload.html", user=user, rows=rows, coming=coming,
                  priority=offer_palette.priority_marks(db, user.municipality_code, rows))


@router.get("/borgere", include_in_schema=False)
def search_page(request: Request, q: Name = "", user: User = Depends(staff), db: Database = Depends(get_db)):
    rows, error = [], None
    if q:
        try:
            rows = citizen_service.search(db, user, q)
        except InvalidInput as exc:
            error = str(exc)
    template = "casework/citizens/_results.html" if request.headers.get("hx-request") else "casework/citizens/search.html"
    return render(request, template, user=user, rows=rows, q=q, error=error)


@router.get("/borgere/{citizen_id}", include_in_schema=False)
def case_page(request: Request, citizen_id: RowId, user: User = Depends(staff), db: Database = Depends(get_db)):
    return render_case_page(request, user, db, citizen_id)


@router.get("/api/caseload", response_model=list[CitizenSummary])
def api_caseload(user: User = Depends(caseworkers), db: Database = Depends(get_db)):
    """The caseworker's (team leader's: the team's) active citizens."""
    return citizen_service.caseload(db, user)


@router.get("/api/citizens", response_model=list[CitizenSummary])
def api_search(q: str = Query(..., min_length=2, max_length=MAX_NAME, description="Navn eller CPR-nummer"),
               user: User = Depends(staff), db: Database = Depends(get_db)):
    """Search citizens of the user's municipality by name or CPR number."""
    return citizen_service.search(db, user, q)


@router.get("/api/citizens/{citizen_id}", response_model=CaseFileOut)
def api_case(citizen_id: RowId, user: User = Depends(current_user), db: Database = Depends(get_db)):
    """The citizen's case: benefit history, conversations, offers, plan and timeline."""
    case = citizen_service.case_file(db, user, citizen_id, action=f"api: /api/citizens/{citizen_id}")
    return case_file_out(case)
