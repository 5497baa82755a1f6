"""Refusionstrappen nu: citizens on each step and who reaches week 27 or 53 soon (audited)."""

from __future__ import annotations

from typing import Annotated

from annotated_types import Ge, Le
from fastapi import APIRouter, Depends, Request

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.economy import staircase_now
from indsats.services.economy.expenditure_files import step_label
from indsats.services.shared.database import Database

from ...deps import get_db, render, require_roles

Page = Annotated[int, Ge(1), Le(1_000_000)]

router = APIRouter(tags=["økonomi"])
readers = require_roles(Role.TEAM_LEADER, Role.MANAGER)


@router.get("/okonomi/refusionstrappe", include_in_schema=False)
def staircase_page(request: Request, page: Page = 1, user: User = Depends(readers), db: Database = Depends(get_db)):
    view = staircase_now.staircase_now(db, user, page=page)
    return render(request, "economy/staircase.html", user=user, view=view, step_label=step_label,
                  horizon=staircase_now.HORIZON_WEEKS, page_size=staircase_now.PAGE_SIZE)
