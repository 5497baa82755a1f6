"""Sletteregler: the managers' view of the dated retention rules and the last run of the job."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.accounts.retention import retention_overview
from indsats.services.shared.database import Database

from ...deps import get_db, render, require_roles

router = APIRouter(tags=["sletning"])


@router.get("/sletteregler", include_in_schema=False)
def retention_page(request: Request, user: User = Depends(require_roles(Role.MANAGER)),
                   db: Database = Depends(get_db)):
    categories, last_run = retention_overview(db, user)
    return render(request, "accounts/retention/rules.html", user=user, categories=categories, last_run=last_run)
