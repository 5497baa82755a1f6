"""Frister og rettidighed: worklists per caseworker and team (page, CSV, JSON) and timeliness."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from indsats.domain import clock
from indsats.domain.enums import Role
from indsats.domain.formatting import spreadsheet_csv
from indsats.domain.models import User
from indsats.services.casework import availability
from indsats.services.casework.law_changes import coming_changes, law_notice, rule_set
from indsats.services.casework.obligations import citizen_deadlines, citizen_obligations
from indsats.services.casework.quota import QUOTA_START, STATE_DA, quota_for_timeliness, state
from indsats.services.casework.timeliness import compute_timeliness
from indsats.services.casework.worklists import (
    PAGE_SIZE,
    RULE_DA,
    STATUS_DA,
    VIEWS,
    build_worklist,
    non_workdays,
    worklist_csv,
    worklist_scopes,
)
from indsats.services.evidence import exhaustion_watch
from indsats.services.shared.database import Database
from indsats.services.shared.paging import MAX_PAGE_SIZE, PageRequest

from ...api_models import AvailabilityDeadlineOut, PageOut
from ...csv_export import csv_text_response
from ...deps import current_user, get_db, render, require_roles
from ...input_bounds import Day, MaybeDay, MaybeId, Name, RowId
from ...report_models import CitizenObligationsOut, TimelinessOut, WorklistOut

router = APIRouter(tags=["frister"])
staff = require_roles(Role.CASEWORKER, Role.TEAM_LEADER, Role.MANAGER)
leaders = require_roles(Role.TEAM_LEADER, Role.MANAGER)


def _query(**params) -> str:
    return "&".join(f"{k}={v}" for k, v in params.items() if v not in (None, ""))


@router.get("/frister", include_in_schema=False)
def worklist_page(request: Request, sagsbehandler: MaybeId = None, team: MaybeId = None,
                  dato: MaybeDay = None, regel: Name | None = None, visning: Name = "open",
                  side: Annotated[int, Query(ge=1, le=100_000)] = 1,
                  user: User = Depends(staff), db: Database = Depends(get_db)):
    worklist = build_worklist(db, user, dato, caseworker_id=sagsbehandler, team_id=team, rule=regel or None,
                              view=visning, page=side)
    scopes = worklist_scopes(db, user)
    base = _query(sagsbehandler=sagsbehandler, team=team, dato=dato, regel=regel)
    names = dict.fromkeys(getattr(i, "rule_set", "") for i in worklist.items)
    rule_sets = [found for name in names if name and (found := rule_set(name)) is not None]
    open_cases = availability.deadlines(db, user, caseworker_id=sagsbehandler, team_id=team, as_of=worklist.as_of,
                                        request=PageRequest.of(1, 10))
    exhaustion = exhaustion_watch.exhaustion_watch(db, user, as_of=worklist.as_of, caseworker_id=sagsbehandler,
                                                   team_id=team, page_size=10, audit_action="arbejdsliste")
    return render(request, "casework/worklists/worklist.html", user=user, wl=worklist, scopes=scopes,
                  availability=open_cases, availability_source=availability.practice_source(),
                  availability_query=_query(sagsbehandler=sagsbehandler, team=team),
                  exhaustion=exhaustion, exhaustion_within=exhaustion_watch.WITHIN_WEEKS,
                  exhaustion_query=_query(sagsbehandler=sagsbehandler, team=team, dato=dato),
                  rule_sets=rule_sets, coming=coming_changes(worklist.as_of, None),
                  chosen_worker=sagsbehandler, chosen_team=team, chosen_rule=regel or "", views=VIEWS,
                  rules=RULE_DA, base_query=base, csv_query=_query(sagsbehandler=sagsbehandler, team=team,
                                                                    dato=dato, regel=regel,
                                                                    visning=None if visning == "open" else visning))


@router.get("/frister.csv", include_in_schema=False)
def worklist_csv_export(sagsbehandler: MaybeId = None, team: MaybeId = None, dato: MaybeDay = None,
                        regel: Name | None = None, visning: Name = "open", user: User = Depends(staff),
                        db: Database = Depends(get_db)):
    worklist = build_worklist(db, user, dato, caseworker_id=sagsbehandler, team_id=team, rule=regel or None,
                              view=visning, everything=True)
    text = worklist_csv(worklist)
    window = {"open": "open", "overdue": "overdue", "due_soon": "due_soon"}.get(visning)
    if window and not regel:  # the open availability cases (local practice) of the same window and scope
        cases = availability.deadlines(db, user, caseworker_id=sagsbehandler, team_id=team, as_of=worklist.as_of,
                                       window=window, everything=True)
        text += spreadsheet_csv([], availability.csv_rows(cases))[2:]
    return csv_text_response(f"frister-{worklist.as_of.isoformat()}.csv", text)


@router.get("/api/worklists", response_model=WorklistOut)
def api_worklist(caseworker_id: RowId | None = None, team_id: RowId | None = None, rule: Name | None = None,
                 status: str = Query("open", description="open, overdue, due_soon, to_book eller manual_review"),
                 page: int = Query(1, ge=1, le=100_000),
                 page_size: int = Query(PAGE_SIZE, ge=1, le=10_000, description="højst 200"),
                 as_of: Annotated[Day | None, Query(description="Opgørelsesdato (standard: i dag)")] = None,
                 user: User = Depends(staff), db: Database = Depends(get_db)):
    """One page of a worklist: ``{"items", "total", "page", "page_size", "counts", ...}``."""
    out = build_worklist(db, user, as_of, caseworker_id=caseworker_id, team_id=team_id, rule=rule, view=status,
                         page=page, page_size=page_size).to_dict()
    if page_size > MAX_PAGE_SIZE:
        out["page_size_capped"] = f"page_size er højst {MAX_PAGE_SIZE}"
    return out


@router.get("/api/worklists/availability", response_model=PageOut[AvailabilityDeadlineOut])
def api_availability(caseworker_id: RowId | None = None, team_id: RowId | None = None,
                     window: str = Query("all", description="all, open, overdue eller due_soon"),
                     page: int = Query(1, ge=1, le=100_000),
                     page_size: int = Query(PAGE_SIZE, ge=1, le=10_000, description="højst 200"),
                     as_of: Annotated[Day | None, Query(description="Opgørelsesdato (standard: i dag)")] = None,
                     user: User = Depends(staff), db: Database = Depends(get_db)):
    """Open availability cases (rådighedssager) of the worklist's scope with the deadline of their next step —
    local practice (``source``), not a legal deadline: ``{"items", "total", "page", "page_size"}``."""
    return availability.deadlines(db, user, caseworker_id=caseworker_id, team_id=team_id, as_of=as_of,
                                  window=window, request=PageRequest.of(page, page_size)).to_dict()


@router.get("/api/citizens/{citizen_id}/obligations", response_model=CitizenObligationsOut)
def api_citizen_obligations(citizen_id: RowId, as_of: Day | None = None, user: User = Depends(current_user),
                            db: Database = Depends(get_db)):
    """Every legal (and local) obligation of one citizen, in the format of contracts/obligations.md."""
    return citizen_obligations(db, user, citizen_id, as_of).to_dict()


def _default_from(as_of: date) -> date:
    return date(as_of.year - 1, as_of.month, 1)


@router.get("/rettidighed", include_in_schema=False)
def timeliness_page(request: Request, fra: Day | None = None, dato: Day | None = None, team: RowId | None = None,
                    lokal: bool = False, user: User = Depends(leaders), db: Database = Depends(get_db)):
    as_of = dato or clock.today()
    result = compute_timeliness(db, user, fra or _default_from(as_of), as_of, team_id=team, local=lokal)
    scopes = worklist_scopes(db, user)
    months = sorted(result.by_month.items())
    quota = quota_for_timeliness(db, user, result.date_from, as_of) if as_of > QUOTA_START and not lokal else None
    return render(request, "casework/worklists/timeliness.html", user=user, t=result, months=months, scopes=scopes,
                  chosen_team=team, lokal=lokal, quota=quota, state=state, state_da=STATE_DA, rule_names=RULE_DA)


@router.get("/api/timeliness", response_model=TimelinessOut)
def api_timeliness(date_from: Annotated[Day | None, Query(alias="from")] = None, as_of: Day | None = None,
                   team_id: RowId | None = None, local: bool = False, user: User = Depends(leaders),
                   db: Database = Depends(get_db)):
    """Share of obligations met on time, by month, target group, team and rule."""
    as_of = as_of or clock.today()
    return compute_timeliness(db, user, date_from or _default_from(as_of), as_of, team_id=team_id,
                              local=local).to_dict()


@router.get("/borgere/{citizen_id}/frister", include_in_schema=False)
def citizen_obligations_page(request: Request, citizen_id: RowId, dato: Day | None = None,
                             user: User = Depends(current_user), db: Database = Depends(get_db)):
    result, cases = citizen_deadlines(db, user, citizen_id, dato,
                                      availability=user.role in (Role.CASEWORKER, Role.TEAM_LEADER))
    template = "casework/worklists/_citizen_obligations.html" if request.headers.get("hx-request") else "casework/worklists/citizen.html"
    return render(request, template, user=user, result=result, citizen_id=citizen_id,
                  rule_da=RULE_DA, status_da=STATUS_DA, availability=cases, law=law_notice(result), non_workdays=non_workdays(result))
