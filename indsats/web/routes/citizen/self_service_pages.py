"""Joblog, Min plan and Beskeder: the citizen's pages (no citizen id in any URL: always the logged-in citizen)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from indsats.domain import clock
from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.citizen import joblog, messages, plan_answers
from indsats.services.shared.database import Database
from indsats.services.shared.errors import InvalidInput

from ...deps import get_db, render, require_roles, verify_csrf
from ...flash import flash
from ...input_bounds import Name, Note, RowId

router = APIRouter(tags=["borger"])
citizen_only = require_roles(Role.CITIZEN)
csrf = [Depends(verify_csrf)]
Page = Annotated[int, Query(ge=1, le=10_000)]


def _joblog(request, user, db, page=1, values=None, errors=None, status_code=200):
    return render(request, "citizen/joblog.html", user=user, log=joblog.my_log(db, user, page), how=joblog.HOW_DA,
                  values=values or {"applied_on": clock.today().isoformat()}, errors=errors or {},
                  status_code=status_code)


@router.get("/joblog", include_in_schema=False)
def joblog_page(request: Request, side: Page = 1, user: User = Depends(citizen_only), db: Database = Depends(get_db)):
    return _joblog(request, user, db, side)


@router.post("/joblog", include_in_schema=False, dependencies=csrf)
def joblog_add(request: Request, employer: Annotated[Name, Form()] = "", job_title: Annotated[Name, Form()] = "",
               applied_on: Annotated[Name, Form()] = "", how: Annotated[Name, Form()] = "",
               user: User = Depends(citizen_only), db: Database = Depends(get_db)):
    values = {"employer": employer, "job_title": job_title, "applied_on": applied_on, "how": how}
    try:
        joblog.log_application(db, user, employer, job_title, applied_on, how)
    except joblog.JobLogErrors as exc:
        return _joblog(request, user, db, 1, values, exc.errors, 422)
    flash(request, "Ansøgningen er skrevet i din joblog.")
    return RedirectResponse("/joblog", status_code=303)


def _plan(request, user, db, error=None, comment="", status_code=200):
    return render(request, "citizen/plan.html", user=user, plan=plan_answers.my_plan(db, user), error=error,
                  comment=comment, answer_da=plan_answers.ANSWER_DA, status_code=status_code)


@router.get("/min-plan", include_in_schema=False)
def plan_page(request: Request, user: User = Depends(citizen_only), db: Database = Depends(get_db)):
    return _plan(request, user, db)


@router.post("/min-plan", include_in_schema=False, dependencies=csrf)
def plan_answer(request: Request, answer: Annotated[Name, Form()] = "", comment: Annotated[Note, Form()] = "",
                user: User = Depends(citizen_only), db: Database = Depends(get_db)):
    try:
        plan_answers.answer_plan(db, user, answer == "accepted", comment)
    except InvalidInput as exc:
        return _plan(request, user, db, str(exc), comment, 422)
    flash(request, "Tak. Du har accepteret din plan." if answer == "accepted"
          else "Tak. Din kommentar er sendt til jobcentret.")
    return RedirectResponse("/min-plan", status_code=303)


def _messages(request, user, db, error=None, body="", status_code=200):
    return render(request, "citizen/messages.html", user=user, thread=messages.my_thread(db, user), error=error,
                  body=body, status_code=status_code)


@router.get("/beskeder", include_in_schema=False)
def messages_page(request: Request, user: User = Depends(citizen_only), db: Database = Depends(get_db)):
    return _messages(request, user, db)


@router.post("/beskeder", include_in_schema=False, dependencies=csrf)
async def messages_send(request: Request, body: Annotated[Note, Form()] = "",
                        fil: Annotated[UploadFile | None, File()] = None, user: User = Depends(citizen_only),
                        db: Database = Depends(get_db)):
    content = await fil.read(messages.MAX_DOCUMENT_BYTES + 1) if fil is not None and fil.filename else b""
    try:
        messages.send_as_citizen(db, user, body, fil.filename if fil is not None else "", content)
    except InvalidInput as exc:
        return _messages(request, user, db, str(exc), body, 422)
    flash(request, "Din besked er sendt til jobcentret.")
    return RedirectResponse("/beskeder", status_code=303)


@router.get("/beskeder/bilag/{document_id}", include_in_schema=False)
def attachment(document_id: RowId, user: User = Depends(citizen_only), db: Database = Depends(get_db)):
    name, media_type, content = messages.my_attachment(db, user, document_id)
    return Response(content, media_type=media_type,
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"})
