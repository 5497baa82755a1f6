"""Effekter af tilbud: the municipality's own estimates per offer and target group."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.evidence import local_effects
from indsats.services.shared.database import Database

from ...deps import get_db, render, require_roles

router = APIRouter(tags=["evidens"])
readers = require_roles(Role.TEAM_LEADER, Role.MANAGER)


@router.get("/evidens/effekter", include_in_schema=False)
def effects_page(request: Request, user: User = Depends(readers), db: Database = Depends(get_db)):
    view = local_effects.local_effects(db, user)
    return render(request, "evidence/effects.html", user=user, view=view)
