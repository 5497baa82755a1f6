"""Dagpengeophør: dagpenge recipients within 26 weeks of the end of their benefit period — for the
caseworker's own citizens, the team leader's team, the manager's municipality (page, CSV, API)."""

from __future__ import annotations

from typing import Annotated

from annotated_types import Ge, Le
from fastapi import APIRouter, Depends, Query, Request

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.evidence import exhaustion_watch
from indsats.services.shared.database import Database

from ...csv_export import csv_text_response
from ...deps import get_db, render, require_roles
from ...input_bounds import Day, MaybeDay, MaybeId, RowId

Page = Annotated[int, Ge(1), Le(1_000_000)]

router = APIRouter(tags=["evidens"])
readers = require_roles(Role.CASEWORKER, Role.TEAM_LEADER, Role.MANAGER)


def _query(**params) -> str:
    return "&".join(f"{k}={v}" for k, v in params.items() if v not in (None, ""))


@router.get("/evidens/dagpengeophor", include_in_schema=False)
def exhaustion_page(request: Request, page: Page = 1, sagsbehandler: MaybeId = None, team: MaybeId = None,
                    dato: MaybeDay = None, user: User = Depends(readers), db: Database = Depends(get_db)):
    view = exhaustion_watch.exhaustion_watch(db, user, page=page, as_of=dato, caseworker_id=sagsbehandler,
                                             team_id=team)
    return render(request, "evidence/exhaustion.html", user=user, view=view, within=exhaustion_watch.WITHIN_WEEKS,
                  query=_query(sagsbehandler=sagsbehandler, team=team, dato=dato))


@router.get("/evidens/dagpengeophor.csv", include_in_schema=False)
def exhaustion_csv(sagsbehandler: MaybeId = None, team: MaybeId = None, dato: MaybeDay = None,
                   user: User = Depends(readers), db: Database = Depends(get_db)):
    view = exhaustion_watch.exhaustion_watch(db, user, as_of=dato, caseworker_id=sagsbehandler, team_id=team,
                                             everything=True, audit_action="Dagpengeophør (CSV)")
    return csv_text_response(f"dagpengeophor-{view.week}.csv", exhaustion_watch.exhaustion_csv(view))


@router.get("/api/worklists/benefit-exhaustion")
def api_exhaustion(caseworker_id: RowId | None = None, team_id: RowId | None = None,
                   page: int = Query(1, ge=1, le=100_000), page_size: int = Query(50, ge=1, le=10_000, description="højst 200"),
                   as_of: Annotated[Day | None, Query(description="Opgørelsesdato (standard: i dag)")] = None,
                   user: User = Depends(readers), db: Database = Depends(get_db)):
    """Dagpenge recipients of the worklist's scope within 26 weeks of the benefit period's end:
    ``{"items": [{citizen_id, name, caseworker, weeks_used, weeks_left, expected_end}], "total", "page",
    "page_size", "rule", "actions", ...}``."""
    return exhaustion_watch.exhaustion_watch(db, user, page=page, as_of=as_of, caseworker_id=caseworker_id,
                                             team_id=team_id, page_size=page_size).to_dict()
