"""Fastholdelse: the share of sick-listed employees back at the same workplace, per month (page with a chart,
CSV), for team leaders (their team) and managers (the municipality)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.casework import sick_leave
from indsats.services.shared.database import Database

from ...csv_export import csv_response
from ...deps import get_db, render, require_roles
from ...input_bounds import Day

router = APIRouter(tags=["fastholdelse"])
leaders = require_roles(Role.TEAM_LEADER, Role.MANAGER)


@router.get("/fastholdelse", include_in_schema=False)
def retention_page(request: Request, dato: Day | None = None, user: User = Depends(leaders),
                   db: Database = Depends(get_db)):
    report = sick_leave.retention_report(db, user, dato)
    return render(request, "casework/worklists/sick_leave_retention.html", user=user, r=report,
                  csv_query=f"?dato={dato.isoformat()}" if dato else "")


@router.get("/fastholdelse.csv", include_in_schema=False)
def retention_csv(dato: Day | None = None, user: User = Depends(leaders), db: Database = Depends(get_db)):
    report = sick_leave.retention_report(db, user, dato)
    return csv_response("fastholdelse.csv", sick_leave.CSV_HEADER, sick_leave.csv_rows(report))
