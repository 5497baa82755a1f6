"""The audit log (logning) for managers: page, CSV export and API."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Request

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.accounts.audit import KIND_DA, AuditFilter, AuditKind, list_audit
from indsats.services.shared.database import Database

from ...api_models import AuditPageOut
from ...csv_export import csv_response
from ...deps import get_db, render, require_roles
from ...input_bounds import Day, Limit, MaybeDay, MaybeId, Name, RowId

router = APIRouter(tags=["logning"])
managers = require_roles(Role.MANAGER)


def _filter(username: str | None, citizen_id: int | None, date_from: date | None, date_to: date | None,
            limit: int = 200, kind: str | None = None) -> AuditFilter:
    return AuditFilter(username=username or None, citizen_id=citizen_id, date_from=date_from, date_to=date_to,
                       limit=limit, kind=kind or None)


@router.get("/logning", include_in_schema=False)
def audit_page(request: Request, username: Name | None = None, citizen_id: MaybeId = None,
               date_from: MaybeDay = None, date_to: MaybeDay = None, kind: Name | None = None,
               user: User = Depends(managers), db: Database = Depends(get_db)):
    page = list_audit(db, user, _filter(username, citizen_id, date_from, date_to, kind=kind))
    return render(request, "accounts/audit/log.html", user=user, page=page, username=username or "",
                  citizen_id=citizen_id or "", date_from=date_from or "", date_to=date_to or "", kind=kind or "",
                  kinds=KIND_DA)


@router.get("/logning.csv", include_in_schema=False)
def audit_csv(username: Name | None = None, citizen_id: MaybeId = None, date_from: MaybeDay = None,
              date_to: MaybeDay = None, kind: Name | None = None, user: User = Depends(managers), db: Database = Depends(get_db)):
    page = list_audit(db, user, _filter(username, citizen_id, date_from, date_to, limit=100_000, kind=kind))
    return csv_response("logning.csv", ["tidspunkt", "bruger", "rolle", "borger_id", "art", "modtager", "handling",
                                        "kommune"],
                        ([r.at, r.username, r.role, r.citizen_id, KIND_DA.get(r.kind, r.kind), r.recipient or "",
                          r.action, r.municipality_code] for r in page.records))


@router.get("/api/audit", response_model=AuditPageOut)
def api_audit(username: Name | None = None, citizen_id: RowId | None = None, date_from: Day | None = None,
              date_to: Day | None = None, limit: Limit = 200, kind: AuditKind | None = None, user: User = Depends(managers),
              db: Database = Depends(get_db)):
    """The audit log of the manager's municipality, newest first."""
    page = list_audit(db, user, _filter(username, citizen_id, date_from, date_to, limit=limit, kind=kind))
    return {"total": page.total, "records": [
        {"at": r.at.isoformat(), "username": r.username, "role": r.role, "citizen_id": r.citizen_id,
         "action": r.action, "municipality_code": r.municipality_code, "kind": r.kind, "recipient": r.recipient}
        for r in page.records]}
