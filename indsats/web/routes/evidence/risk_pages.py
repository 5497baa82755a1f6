"""Tidlig opsporing: the caseworker's risk list and the caseworker's own assessment."""

from __future__ import annotations

from typing import Annotated

from annotated_types import Ge, Le
from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.evidence import risk_list
from indsats.services.shared.database import Database

from ...deps import get_db, render, require_roles, verify_csrf

Page = Annotated[int, Ge(1), Le(1_000_000)]

router = APIRouter(tags=["evidens"])
readers = require_roles(Role.CASEWORKER, Role.TEAM_LEADER)


@router.get("/evidens/risiko", include_in_schema=False)
def risk_page(request: Request, page: Page = 1, user: User = Depends(readers), db: Database = Depends(get_db)):
    view = risk_list.risk_list(db, user, page=page)
    return render(request, "evidence/risk.html", user=user, view=view, bands=risk_list.BANDS,
                  cutoffs=risk_list.CUTOFFS, page_size=risk_list.PAGE_SIZE,
                  message=request.query_params.get("besked", ""))


@router.post("/evidens/risiko/{citizen_id}/vurdering", include_in_schema=False, dependencies=[Depends(verify_csrf)])
def record_assessment(citizen_id: Annotated[int, Ge(1)], band: Annotated[str, Form(max_length=10)],
                      note: Annotated[str, Form(max_length=2000)] = "", page: Annotated[int, Form()] = 1,
                      user: User = Depends(readers), db: Database = Depends(get_db)):
    risk_list.record_assessment(db, user, citizen_id, band, note)
    return RedirectResponse(f"/evidens/risiko?page={page}&besked=Din vurdering er gemt.", status_code=303)
