"""The company portal: a company's own job orders and the consented candidate summaries proposed to it."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.company import job_orders
from indsats.services.company import portal as company_portal
from indsats.services.shared.database import Database
from indsats.services.shared.paging import PageRequest

from ...api_models import PageOut, PortalJobDetailOut, PortalJobOut
from ...deps import get_db, render, require_roles, verify_csrf
from ...flash import flash
from ...input_bounds import Name, RowId
from .companies import PageSize, Side

router = APIRouter(tags=["virksomhedsportal"])
company = require_roles(Role.COMPANY)


def _job_out(job) -> dict:
    keys = ("id", "title", "description", "kind", "hours_per_week", "positions", "postcode", "status", "created",
            "filled_date", "occupation_label", "requirements")
    return {k: getattr(job, k) for k in keys}


@router.get("/portal", include_in_schema=False)
def portal_page(request: Request, user: User = Depends(company), db: Database = Depends(get_db)):
    rows = company_portal.own_job_orders(db, user)
    return render(request, "company/portal/index.html", user=user, rows=rows, name=company_portal.company_name(db, user),
                  statuses=job_orders.STATUSES, kinds=job_orders.KIND_LABELS)


@router.get("/portal/jobordrer/{job_id}", include_in_schema=False)
def portal_job_page(request: Request, job_id: RowId, user: User = Depends(company), db: Database = Depends(get_db)):
    job, proposed = company_portal.own_job_order(db, user, job_id)
    return render(request, "company/portal/job_order.html", user=user, job=job, proposed=proposed,
                  statuses=job_orders.STATUSES, kinds=job_orders.KIND_LABELS,
                  proposal_statuses=job_orders.PROPOSAL_STATUSES)


@router.post("/portal/forslag/{proposal_id}", include_in_schema=False, dependencies=[Depends(verify_csrf)])
def portal_answer(request: Request, proposal_id: RowId, job_id: Annotated[RowId, Form()],
                  answer: Annotated[Name, Form()], user: User = Depends(company),
                  db: Database = Depends(get_db)):
    company_portal.answer_proposal(db, user, proposal_id, answer)
    flash(request, "Svaret er sendt til jobcentret.")
    return RedirectResponse(f"/portal/jobordrer/{job_id}", status_code=303)


@router.get("/api/portal/job-orders", response_model=PageOut[PortalJobOut])
def api_portal_job_orders(page: Side = 1, page_size: PageSize = 50, user: User = Depends(company),
                          db: Database = Depends(get_db)):
    """The company's own job orders, newest first, paged: ``{"items", "total", "page", "page_size"}``."""
    found = company_portal.own_job_orders_page(db, user, PageRequest.of(page, page_size))
    out = found.to_dict()
    out["items"] = [_job_out(j) for j in found.items]
    return out


@router.get("/api/portal/job-orders/{job_id}", response_model=PortalJobDetailOut)
def api_portal_job_order(job_id: RowId, user: User = Depends(company), db: Database = Depends(get_db)):
    """One of the company's job orders with the consented candidate summaries proposed to it (404 for others');
    ``reasons`` in English, ``reasons_da`` in Danish."""
    job, proposed = company_portal.own_job_order(db, user, job_id)
    return {"job_order": _job_out(job), "candidates": [
        dict(asdict(p), reasons=[r.en() for r in p.reasons], reasons_da=[r.da() for r in p.reasons])
        for p in proposed]}
