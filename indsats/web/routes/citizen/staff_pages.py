"""The caseworker's side of the citizen's self-service: one panel on the case page (CV, job log, Min Plan
answers, messages with a reply form) and the list of citizens with unread messages."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.citizen import cv as cv_service
from indsats.services.citizen import joblog, messages, plan_answers
from indsats.services.shared.database import Database
from indsats.services.shared.errors import InvalidInput

from ...deps import get_db, render, require_roles, verify_csrf
from ...flash import flash
from ...input_bounds import Note, RowId

router = APIRouter(tags=["borger"])
staff = require_roles(Role.CASEWORKER, Role.TEAM_LEADER, Role.MANAGER)
writers = require_roles(Role.CASEWORKER, Role.TEAM_LEADER)


def _panel(request, user, db, citizen_id, error=None, body="", status_code=200):
    return render(request, "citizen/staff_panel.html", user=user, citizen_id=citizen_id,
                  cv=cv_service.staff_cv(db, user, citizen_id), needs=cv_service.NEEDS_STAFF_DA,
                  log=joblog.staff_log(db, user, citizen_id), plan=plan_answers.staff_plan(db, user, citizen_id),
                  answer_da=plan_answers.ANSWER_DA, thread=messages.staff_thread(db, user, citizen_id),
                  error=error, body=body, status_code=status_code)


@router.get("/borgere/{citizen_id}/selvbetjening", include_in_schema=False)
def self_service_panel(request: Request, citizen_id: RowId, user: User = Depends(staff),
                       db: Database = Depends(get_db)):
    return _panel(request, user, db, citizen_id)


@router.post("/borgere/{citizen_id}/selvbetjening/besked", include_in_schema=False,
             dependencies=[Depends(verify_csrf)])
def reply(request: Request, citizen_id: RowId, body: Annotated[Note, Form()] = "", user: User = Depends(writers),
          db: Database = Depends(get_db)):
    try:
        messages.reply(db, user, citizen_id, body)
    except InvalidInput as exc:
        return _panel(request, user, db, citizen_id, str(exc), body, 422)
    if request.headers.get("hx-request"):
        return _panel(request, user, db, citizen_id)
    flash(request, "Svaret er sendt til borgeren.")
    return RedirectResponse(f"/borgere/{citizen_id}", status_code=303)


@router.get("/borgerbeskeder", include_in_schema=False)
def unread_page(request: Request, side: Annotated[int, Query(ge=1, le=10_000)] = 1, user: User = Depends(writers),
                db: Database = Depends(get_db)):
    rows, total = messages.unread_for_staff(db, user, side)
    return render(request, "citizen/unread.html", user=user, rows=rows, total=total, page=side,
                  pages=max(1, -(-total // messages.PAGE_SIZE)), page_size=messages.PAGE_SIZE)
