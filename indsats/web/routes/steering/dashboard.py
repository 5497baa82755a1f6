"""Mål og resultater (goals dashboard), drill-down (produktionsplaner) and monthly
management information (ledelsesinformation) for team leaders and managers; JSON API too."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response

from indsats.domain import clock
from indsats.domain.enums import Role
from indsats.domain.formatting import format_value
from indsats.domain.models import User
from indsats.services.company.small_jobs import small_job_counts
from indsats.services.shared.database import Database
from indsats.services.shared.errors import InvalidInput
from indsats.services.steering import (
    committee_pack,
    kept_views,
    measure_store,
    offer_palette,
    production_plans,
    result_review,
)
from indsats.services.steering import goals as steering
from indsats.services.steering import store_measures as store_kpis
from indsats.services.steering.goals import PlanError

from ...csv_export import csv_response
from ...deps import get_db, render, require_roles
from ...input_bounds import Day, Name, RowId, Year
from ...report_models import GoalsOut, ManagementMonthOut, ProductionRowOut

router = APIRouter(tags=["styring"])
leaders = require_roles(Role.TEAM_LEADER, Role.MANAGER)


def _goals_kept(db: Database, user: User, plan: str | None, as_of: date | None) -> kept_views.Kept:
    """(plan, goal views) as the background worker kept them (``kept_views``), and when they were computed."""
    try:
        return kept_views.dashboard(db, user.municipality_code, plan, as_of or clock.today())
    except (PlanError, steering.ReviewInputError) as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc


def _goals(db: Database, user: User, plan: str | None, as_of: date | None):
    return _goals_kept(db, user, plan, as_of).value


def _goal_json(view) -> dict:
    a = view.attainment
    return {
        "goal": view.goal.id, "title": view.goal.title, "measure": view.goal.measure, "unit": view.unit,
        "status": a.status, "status_da": a.status_da, "baseline": a.baseline, "target": a.target,
        "actual": a.actual, "trajectory": a.trajectory, "attainment": a.attainment, "trend": a.trend,
        "deadline": view.goal.deadline.isoformat(), "available": view.available, "reason": view.reason,
        "series": [{"date": d.isoformat(), "value": v} for d, v in view.series],
    }


@router.get("/styring", include_in_schema=False)
def goals_page(request: Request, plan: Name | None = None, as_of: Day | None = None,
               user: User = Depends(leaders), db: Database = Depends(get_db)):
    return _goals_page(request, plan, as_of, user, db)


def _goals_page(request: Request, plan: str | None, as_of: date | None, user: User, db: Database,
                meeting: str = "", pack_error: str = "", status_code: int = 200):
    day = as_of or clock.today()
    found = _goals_kept(db, user, plan, day)
    the_plan, views = found.value
    charts = steering.goal_charts(views)
    return render(request, "steering/dashboard/goals.html", user=user, plan=the_plan, views=views, charts=charts, fmtv=format_value,
                  updated=measure_store.updated_at(db, user.municipality_code), computed=found.computed_at,
                  priority=offer_palette.priority_counts(db, user.municipality_code),
                  plans=[steering.IN_FORCE] + list(steering.plan_files()), as_of=day,
                  plan_name=steering.shown_plan_name(db, user.municipality_code, plan, day.year),
                  meeting=meeting or day.isoformat(), pack_error=pack_error, status_code=status_code,
                  small_jobs=small_job_counts(db, user.municipality_code, day.year, day))


@router.get("/styring/udvalgspakke.pdf", include_in_schema=False)
def committee_pack_pdf(request: Request, meeting: Name | None = None, plan: Name | None = None,
                       user: User = Depends(leaders), db: Database = Depends(get_db)):
    """The committee pack for a meeting date: goals, budget, effects and the plan's status (audited export)."""
    try:
        day = committee_pack.meeting_date(meeting)
    except InvalidInput as exc:
        return _goals_page(request, plan, None, user, db, meeting=meeting or "", pack_error=str(exc), status_code=422)
    try:
        content = committee_pack.committee_pack_pdf(db, user, day, plan)
    except (PlanError, steering.ReviewInputError) as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc
    return Response(content, media_type="application/pdf",
                    headers={"Content-Disposition": f"inline; filename=udvalgspakke-{day.isoformat()}.pdf"})


@router.get("/api/styring/goals", response_model=GoalsOut)
def goals_api(plan: Name | None = None, as_of: Day | None = None, user: User = Depends(leaders),
              db: Database = Depends(get_db)) -> dict:
    """Planens mål mod kommunens egne data: status, udgangspunkt, mål, resultat og serie."""
    the_plan, views = _goals(db, user, plan, as_of)
    return {"plan": the_plan.title, "municipality": user.municipality_code,
            "as_of": (as_of or clock.today()).isoformat(), "goals": [_goal_json(v) for v in views]}


@router.get("/styring/fordeling", include_in_schema=False)
def drilldown_page(request: Request, dimension: Name = "team", as_of: Day | None = None,
                   user: User = Depends(leaders), db: Database = Depends(get_db)):
    if dimension not in store_kpis.DIMENSIONS:
        raise HTTPException(status_code=422, detail="Ukendt opdeling.")
    rows = steering.kept_view("distribution", store_kpis.production_figures, db, user.municipality_code,
                                   as_of or clock.today(), dimension)
    chart = steering.bar_chart([(r["group"], r["activation"] or 0.0) for r in rows[:15]], "share", title="Aktivering")
    return render(request, "steering/dashboard/drilldown.html", user=user, rows=rows, dimension=dimension,
                  dimensions=store_kpis.DIMENSIONS, chart=chart, as_of=as_of or clock.today())


@router.get("/api/styring/fordeling", response_model=list[ProductionRowOut])
def drilldown_api(dimension: Name = "team", as_of: Day | None = None, user: User = Depends(leaders),
                  db: Database = Depends(get_db)) -> list[dict]:
    """Produktionstal pr. team, sagsbehandler eller målgruppe: aktive borgere, i tilbud, samtaler."""
    if dimension not in store_kpis.DIMENSIONS:
        raise HTTPException(status_code=422, detail="Ukendt opdeling.")
    return steering.kept_view("distribution", store_kpis.production_figures, db, user.municipality_code,
                                   as_of or clock.today(), dimension)


@router.get("/ledelsesinformation", include_in_schema=False)
def management_page(request: Request, as_of: Day | None = None, user: User = Depends(leaders),
                    db: Database = Depends(get_db)):
    found = kept_views.management_information(db, user.municipality_code, as_of or clock.today())
    rows = found.value
    series = [(r["month"], r["activation_rate"]) for r in rows]
    chart = steering.line_chart(series, "share", title="Aktiveringsgrad (rullende år)")
    return render(request, "steering/dashboard/management.html", user=user, rows=rows, chart=chart,
                  updated=measure_store.updated_at(db, user.municipality_code), computed=found.computed_at)


MANAGEMENT_COLUMNS = [
    ("month", "måned"), ("public_support_persons", "på offentlig forsørgelse"),
    ("gross_unemployed", "bruttoledige"), ("long_term_unemployed", "langtidsledige"),
    ("activation_rate", "aktiveringsgrad"), ("company_activation_share", "virksomhedsrettet andel"),
    ("conversations_held", "samtaler afholdt"), ("company_contacts", "virksomhedskontakter"),
    ("timeliness", "rettidighed"), ("partial", "foreløbig"),
]


def _management_cell(row: dict, key: str):
    if key == "month":
        return row["month"].isoformat()[:7]
    if key == "partial":
        return f"ja, til og med {row['through'].isoformat()}" if row["partial"] else ""
    return row[key]


@router.get("/ledelsesinformation.csv", include_in_schema=False)
def management_csv(as_of: Day | None = None, user: User = Depends(leaders), db: Database = Depends(get_db)):
    rows = steering.management_information(db, user.municipality_code, as_of or clock.today())
    return csv_response(f"ledelsesinformation-{user.municipality_code}.csv", [h for _, h in MANAGEMENT_COLUMNS],
                        ([_management_cell(r, k) for k, _ in MANAGEMENT_COLUMNS] for r in rows))


@router.get("/styring.csv", include_in_schema=False)
def goals_csv(plan: Name | None = None, as_of: Day | None = None, user: User = Depends(leaders),
              db: Database = Depends(get_db)):
    the_plan, views = _goals(db, user, plan, as_of)
    header = ["mål", "målepunkt", "frist", "udgangspunkt", "mål (værdi)", "målsti nu", "resultat", "målopfyldelse",
              "status"]
    rows = ([v.goal.title, v.goal.measure, v.goal.deadline.isoformat(), v.attainment.baseline, v.attainment.target,
             v.attainment.trajectory, v.attainment.actual, v.attainment.attainment, v.attainment.status_da]
            for v in views)
    return csv_response(f"maal-og-resultater-{user.municipality_code}.csv", header, rows)


@router.get("/api/ledelsesinformation", response_model=list[ManagementMonthOut])
def management_api(as_of: Day | None = None, user: User = Depends(leaders),
                   db: Database = Depends(get_db)) -> list[dict]:
    """Månedlig ledelsesinformation: forsørgelse, ledighed, aktivering, samtaler, virksomhedskontakter."""
    rows = steering.management_information(db, user.municipality_code, as_of or clock.today())
    return [{**r, "month": r["month"].isoformat()[:7], "through": r["through"].isoformat()} for r in rows]


@router.get("/styring/resultatrevision.pdf", include_in_schema=False)
def review_pdf(plan: Name | None = None, year: Year | None = None,
               scenarie: Annotated[list[RowId] | None, Query(max_length=6)] = None,
               user: User = Depends(leaders), db: Database = Depends(get_db)):
    """The result review of a plan for a year, from the municipality's own data, as PDF; with
    ``scenarie`` ids, the chosen saved scenarios (next year beside the baseline) are included."""
    files = steering.plan_files()
    if plan and plan not in files and plan != steering.IN_FORCE:
        raise HTTPException(status_code=404, detail="Planen findes ikke.")
    the_year = year or clock.today().year
    try:
        content = result_review.review_pdf_bytes(db, user.municipality_code, plan, the_year,
                                                 scenario_ids=tuple(scenarie or ()))
    except (PlanError, steering.ReviewInputError, ValueError) as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc
    return Response(content, media_type="application/pdf",
                    headers={"Content-Disposition": f"inline; filename=resultatrevision-{the_year}.pdf"})


@router.get("/styring/produktionsplan", include_in_schema=False)
def production_page(request: Request, level: Name = "team", as_of: Day | None = None,
                    user: User = Depends(leaders), db: Database = Depends(get_db)):
    if level not in production_plans.LEVEL_DA:
        raise HTTPException(status_code=422, detail="Ukendt niveau: vælg team eller sagsbehandler.")
    rows, months = production_plans.production_plan(db, user.municipality_code, level, as_of or clock.today())
    return render(request, "steering/dashboard/production.html", user=user, rows=rows, months=months, level=level,
                  levels=production_plans.LEVEL_DA)
