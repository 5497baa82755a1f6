"""The audit log (logning) for managers: page, CSV export and API."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Query, Request

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.accounts.audit import (
    AUDIT_SORTS,
    KIND_DA,
    AuditFilter,
    AuditKind,
    all_audit,
    list_audit,
)
from indsats.services.shared.database import Database
from indsats.services.shared.paging import PageRequest

from ...api_models import AuditPageOut
from ...csv_export import csv_streamed_response
from ...deps import get_db, render, require_roles
from ...input_bounds import MaybeDay, MaybeId, Name

router = APIRouter(tags=["logning"])
managers = require_roles(Role.MANAGER)


def _filter(username: str | None, citizen_id: int | None, date_from: date | None, date_to: date | None,
            kind: str | None = None, sort: str | None = None) -> AuditFilter:
    return AuditFilter(username=username or None, citizen_id=citizen_id, date_from=date_from, date_to=date_to,
                       kind=kind or None, sort=sort or "nyeste")


@router.get("/logning", include_in_schema=False)
def audit_page(request: Request, username: Name | None = None, citizen_id: MaybeId = None,
               date_from: MaybeDay = None, date_to: MaybeDay = None, kind: Name | None = None,
               sort: Name | None = None, side: int = Query(1, ge=1, le=100_000),
               user: User = Depends(managers), db: Database = Depends(get_db)):
    page = list_audit(db, user, _filter(username, citizen_id, date_from, date_to, kind, sort), PageRequest.of(side, 50))
    query = {k: v for k, v in (("username", username), ("citizen_id", citizen_id), ("date_from", date_from),
                               ("date_to", date_to), ("kind", kind), ("sort", sort)) if v}
    return render(request, "accounts/audit/log.html", user=user, page=page, username=username or "",
                  citizen_id=citizen_id or "", date_from=date_from or "", date_to=date_to or "", kind=kind or "",
                  sort=sort or "nyeste", sorts=AUDIT_SORTS, kinds=KIND_DA, query=query)


@router.get("/logning.csv", include_in_schema=False)
def audit_csv(username: Name | None = None, citizen_id: MaybeId = None, date_from: MaybeDay = None,
              date_to: MaybeDay = None, kind: Name | None = None, sort: Name | None = None,
              user: User = Depends(managers), db: Database = Depends(get_db)):
    """Every record the filter selects, streamed (not a page)."""
    records = all_audit(db, user, _filter(username, citizen_id, date_from, date_to, kind, sort))
    return csv_streamed_response("logning.csv", ["tidspunkt", "bruger", "rolle", "borger_id", "art", "modtager",
                                                 "handling", "kommune"],
                                 ([r.at, r.username, r.role, r.citizen_id, KIND_DA.get(r.kind, r.kind),
                                   r.recipient or "", r.action, r.municipality_code] for r in records))


@router.get("/api/audit", response_model=AuditPageOut)
def api_audit(username: Name | None = None, citizen_id: MaybeId = None, date_from: MaybeDay = None,
              date_to: MaybeDay = None, kind: AuditKind | None = None,
              sort: Name = Query("nyeste", description="nyeste eller aeldste"),
              page: int = Query(1, ge=1, le=100_000), page_size: int = Query(50, ge=1, le=10_000, description="højst 200"),
              user: User = Depends(managers), db: Database = Depends(get_db)):
    """The audit log of the manager's municipality, newest first, paged: ``{"items", "total", "page", "page_size"}``."""
    result = list_audit(db, user, _filter(username, citizen_id, date_from, date_to, kind, sort),
                        PageRequest.of(page, page_size))
    out = result.to_dict()
    out["items"] = [dict(r, at=r["at"].isoformat()) for r in out["items"]]
    return out
