"""The caseworker's side of the citizen's self-service: one panel on the case page (CV, job log, messages)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.citizen import cv as cv_service
from indsats.services.shared.database import Database

from ...deps import get_db, render, require_roles
from ...input_bounds import RowId

router = APIRouter(tags=["borger"])
staff = require_roles(Role.CASEWORKER, Role.TEAM_LEADER, Role.MANAGER)


@router.get("/borgere/{citizen_id}/selvbetjening", include_in_schema=False)
def self_service_panel(request: Request, citizen_id: RowId, user: User = Depends(staff),
                       db: Database = Depends(get_db)):
    cv = cv_service.staff_cv(db, user, citizen_id)
    return render(request, "citizen/staff_panel.html", user=user, citizen_id=citizen_id, cv=cv,
                  needs=cv_service.NEEDS_STAFF_DA)
