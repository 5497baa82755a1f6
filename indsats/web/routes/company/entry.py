"""Virksomhedsindgangen: the company posts a request and follows its status; the consultant answers."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.company import company_entry
from indsats.services.shared.database import Database

from ...deps import get_db, render, require_roles, verify_csrf
from ...input_bounds import RowId
from .companies import back

router = APIRouter(tags=["virksomhedsindgang"])
company = require_roles(Role.COMPANY)
consultants = require_roles(Role.COMPANY_CONSULTANT, Role.MANAGER)
csrf = [Depends(verify_csrf)]


def _company_page(request: Request, user: User, db: Database, values: dict, errors: dict, status_code: int = 200):
    return render(request, "company/portal/requests.html", user=user, rows=company_entry.own_requests(db, user),
                  kinds=company_entry.KIND_DA, values=values, errors=errors, status_code=status_code)


@router.get("/portal/henvendelser", include_in_schema=False)
def company_requests(request: Request, user: User = Depends(company), db: Database = Depends(get_db)):
    return _company_page(request, user, db, {}, {})


@router.post("/portal/henvendelser", include_in_schema=False, dependencies=csrf)
def post_request(request: Request, kind: Annotated[str, Form(max_length=30)] = "",
                 description: Annotated[str, Form(max_length=8000)] = "",
                 contact: Annotated[str, Form(max_length=400)] = "",
                 user: User = Depends(company), db: Database = Depends(get_db)):
    try:
        company_entry.post_request(db, user, kind, description, contact)
    except company_entry.RequestInvalid as exc:
        return _company_page(request, user, db, {"kind": kind, "description": description, "contact": contact},
                             exc.errors, status_code=422)
    return back(request, "/portal/henvendelser", "Henvendelsen er sendt til jobcentret.")


@router.get("/henvendelser", include_in_schema=False)
def pipeline_page(request: Request, alle: bool = False, user: User = Depends(consultants),
                  db: Database = Depends(get_db)):
    rows, stats = company_entry.pipeline(db, user, mine_only=not alle)
    return render(request, "company/companies/requests.html", user=user, rows=rows, stats=stats, alle=alle,
                  errors={})


@router.post("/henvendelser/{request_id}/svar", include_in_schema=False, dependencies=csrf)
def answer(request: Request, request_id: RowId, answer: Annotated[str, Form(max_length=8000)] = "",
           close: bool = Form(False), user: User = Depends(consultants), db: Database = Depends(get_db)):
    try:
        company_entry.answer_request(db, user, request_id, answer, close)
    except company_entry.RequestInvalid as exc:
        rows, stats = company_entry.pipeline(db, user)
        return render(request, "company/companies/requests.html", user=user, rows=rows, stats=stats, alle=False,
                      errors={request_id: exc.errors["answer"]}, status_code=422)
    return back(request, "/henvendelser", "Svaret er sendt til virksomheden.")
