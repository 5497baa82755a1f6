"""The manager's view of the youth and integration programmes (/styring/programmer) and its flows as CSV."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.shared.database import Database
from indsats.services.steering.programme_measures import programme_measures

from ...csv_export import csv_response
from ...deps import get_db, render, require_roles
from ...input_bounds import Day

router = APIRouter(tags=["styring"])
leaders = require_roles(Role.TEAM_LEADER, Role.MANAGER)


@router.get("/styring/programmer", include_in_schema=False)
def programmes_page(request: Request, as_of: Day | None = None, user: User = Depends(leaders),
                    db: Database = Depends(get_db)):
    return render(request, "steering/dashboard/programmes.html", user=user, m=programme_measures(db, user, as_of))


@router.get("/styring/programmer/forloeb.csv", include_in_schema=False)
def flows_csv(as_of: Day | None = None, user: User = Depends(leaders), db: Database = Depends(get_db)):
    m = programme_measures(db, user, as_of)
    return csv_response(f"beskaeftigelsestrappen-{user.municipality_code}.csv", ["kvartal", "fra", "til", "borgere"],
                        ([q, m.position_da[a], m.position_da[b], n] for q, a, b, n in m.flows))
