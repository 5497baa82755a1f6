"""Virksomhedsindgangen: the company posts a request and follows its status; the consultant answers."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.company import company_entry
from indsats.services.shared.database import Database
from indsats.services.shared.paging import PageRequest

from ...api_models import CompanyRequestOut, PageOut
from ...deps import get_db, render, require_roles, verify_csrf
from ...input_bounds import Name, RowId
from .companies import PageSize, Side, back, query_of

router = APIRouter(tags=["virksomhedsindgang"])
company = require_roles(Role.COMPANY)
consultants = require_roles(Role.COMPANY_CONSULTANT, Role.MANAGER)
csrf = [Depends(verify_csrf)]


def _company_page(request: Request, user: User, db: Database, values: dict, errors: dict, status_code: int = 200,
                  side: int = 1):
    page = company_entry.own_requests(db, user, PageRequest.of(side, 50))
    return render(request, "company/portal/requests.html", user=user, page=page, rows=page.items,
                  kinds=company_entry.KIND_DA, values=values, errors=errors, status_code=status_code, query={})


@router.get("/portal/henvendelser", include_in_schema=False)
def company_requests(request: Request, side: Side = 1, user: User = Depends(company), db: Database = Depends(get_db)):
    return _company_page(request, user, db, {}, {}, side=side)


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


def _pipeline_page(request: Request, user: User, db: Database, alle: bool, sort: str, status: str, side: int,
                   errors: dict, answers: dict, status_code: int = 200):
    page, stats = company_entry.pipeline(db, user, mine_only=not alle, request=PageRequest.of(side, 50), sort=sort,
                                         status=status or None)
    return render(request, "company/companies/requests.html", user=user, page=page, rows=page.items, stats=stats,
                  alle=alle, errors=errors, answers=answers, sort=sort, sorts=company_entry.REQUEST_SORTS,
                  status=status, statuses=company_entry.STATUS_DA, status_code=status_code,
                  query=query_of(alle="true" if alle else "", sort=sort, status=status))


@router.get("/henvendelser", include_in_schema=False)
def pipeline_page(request: Request, alle: bool = False, sort: Name = "frist", status: Name = "", side: Side = 1,
                  user: User = Depends(consultants), db: Database = Depends(get_db)):
    return _pipeline_page(request, user, db, alle, sort, status, side, {}, {})


@router.post("/henvendelser/{request_id}/svar", include_in_schema=False, dependencies=csrf)
def answer(request: Request, request_id: RowId, answer: Annotated[str, Form(max_length=8000)] = "",
           close: bool = Form(False), user: User = Depends(consultants), db: Database = Depends(get_db)):
    try:
        company_entry.answer_request(db, user, request_id, answer, close)
    except company_entry.RequestInvalid as exc:
        return _pipeline_page(request, user, db, False, "frist", "", 1, {request_id: exc.errors["answer"]},
                              {request_id: answer}, status_code=422)
    return back(request, "/henvendelser", "Svaret er sendt til virksomheden.")


@router.get("/api/company-requests", response_model=PageOut[CompanyRequestOut])
def api_requests(all: bool = False, sort: Name = Query("frist", description="frist, modtaget eller virksomhed"),
                 status: Name = Query("", description="new, answered eller closed"), page: Side = 1,
                 page_size: PageSize = 50, user: User = Depends(consultants), db: Database = Depends(get_db)):
    """Virksomhedsindgangen: the consultant's requests (all=true: the municipality's), paged."""
    found, _ = company_entry.pipeline(db, user, mine_only=not all, request=PageRequest.of(page, page_size),
                                      sort=sort, status=status or None)
    return found.to_dict()
