"""Kvoter: the 75 % coverage and the 25 % exemptions per cohort (page, CSV, JSON) and the exempted citizens."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.casework.quota import (
    QUOTA_START,
    STATE_DA,
    exempted_citizens,
    quota_csv,
    quota_report,
    state,
)
from indsats.services.shared.database import Database

from ...csv_export import csv_text_response
from ...deps import get_db, render, require_roles
from ...input_bounds import Day, Name
from ...report_models import QuotaCoverageOut

router = APIRouter(tags=["kvoter"])
leaders = require_roles(Role.TEAM_LEADER, Role.MANAGER)


@router.get("/kvoter", include_in_schema=False)
def quota_page(request: Request, fra: Day | None = None, dato: Day | None = None, user: User = Depends(leaders),
               db: Database = Depends(get_db)):
    report = quota_report(db, user, fra, dato)
    query = "&".join(f"{k}={v.isoformat()}" for k, v in (("fra", fra), ("dato", dato)) if v)
    return render(request, "casework/worklists/quota.html", user=user, r=report, state=state, state_da=STATE_DA,
                  quota_start=QUOTA_START, csv_query=query)


@router.get("/kvoter.csv", include_in_schema=False)
def quota_csv_export(fra: Day | None = None, dato: Day | None = None, user: User = Depends(leaders),
                     db: Database = Depends(get_db)):
    report = quota_report(db, user, fra, dato)
    return csv_text_response(f"kvoter-{report.as_of.isoformat()}.csv", quota_csv(report))


@router.get("/api/quota-coverage", response_model=QuotaCoverageOut)
def api_quota_coverage(date_from: Day | None = None, as_of: Day | None = None, user: User = Depends(leaders),
                       db: Database = Depends(get_db)):
    """Coverage of the 75 % quota duties per cohort (entry month), measure, group and actor, with totals."""
    return quota_report(db, user, date_from, as_of).to_dict()


@router.get("/kvoter/undtagne", include_in_schema=False)
def exempted_page(request: Request, kohorte: Name, maaling: Name, gruppe: Name, aktoer: Name,
                  side: int = Query(1, ge=1, le=100_000),
                  user: User = Depends(leaders), db: Database = Depends(get_db)):
    found = exempted_citizens(db, user, kohorte, maaling, gruppe, aktoer, page=side)
    base = f"kohorte={kohorte}&maaling={maaling}&gruppe={gruppe}&aktoer={aktoer}"
    return render(request, "casework/worklists/quota_exempted.html", user=user, p=found, base_query=base)
