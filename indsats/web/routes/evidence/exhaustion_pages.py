"""Dagpengeophør: dagpenge recipients within 26 weeks of the end of their benefit period."""

from __future__ import annotations

from typing import Annotated

from annotated_types import Ge, Le
from fastapi import APIRouter, Depends, Request

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.evidence import exhaustion_watch
from indsats.services.shared.database import Database

from ...deps import get_db, render, require_roles

Page = Annotated[int, Ge(1), Le(1_000_000)]

router = APIRouter(tags=["evidens"])
readers = require_roles(Role.TEAM_LEADER, Role.MANAGER)


@router.get("/evidens/dagpengeophor", include_in_schema=False)
def exhaustion_page(request: Request, page: Page = 1, user: User = Depends(readers), db: Database = Depends(get_db)):
    view = exhaustion_watch.exhaustion_watch(db, user, page=page)
    return render(request, "evidence/exhaustion.html", user=user, view=view, within=exhaustion_watch.WITHIN_WEEKS)
