"""The coordinated plan's pages (samlet plan): the caseworker's and participants' page per citizen, the
participant's own list, and the citizen's view and consents on *Min sag*.

A form that fails comes back with what was typed and the Danish message at the field (422)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse

from indsats.domain.enums import Role
from indsats.domain.labels import DEPARTMENT_DA
from indsats.domain.models import User
from indsats.services.casework import coordination, coordination_writes
from indsats.services.casework.case_dates import InvalidField
from indsats.services.shared.database import Database
from indsats.services.shared.errors import InvalidInput
from indsats.services.shared.paging import PageRequest

from ...deps import get_db, render, require_roles, verify_csrf
from ...flash import flash
from ...input_bounds import Name, Note, RowId

router = APIRouter(tags=["samlet plan"])
CSRF = [Depends(verify_csrf)]
readers = require_roles(Role.CASEWORKER, Role.TEAM_LEADER, Role.MANAGER, Role.PARTICIPANT)
writers = require_roles(Role.CASEWORKER, Role.TEAM_LEADER)
contributors = require_roles(Role.CASEWORKER, Role.TEAM_LEADER, Role.PARTICIPANT)
citizen_only = require_roles(Role.CITIZEN)


def _day(raw: str, field: str) -> date | None:
    raw = raw.strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise InvalidField(field, "Skriv en gyldig dato.") from None


def _page(request: Request, user: User, db: Database, citizen_id: int, form: str | None = None,
          values: dict | None = None, errors: dict | None = None, status_code: int = 200):
    plan = coordination.plan_view(db, user, citizen_id)
    return render(request, "casework/coordination/plan.html", user=user, plan=plan, form=form,
                  values=values or {}, errors=errors or {}, status_code=status_code,
                  departments=[(s.value, DEPARTMENT_DA[s]) for s in coordination.SCOPES],
                  basis_options=[("", "Intet valgt")] + [
                      (str(e.id), f"{e.kind_da} {e.day:%d.%m.%Y} – {e.author}") for e in plan.entries
                      if e.kind in ("health_advice", "rehabilitation_team")])


def _done(request: Request, citizen_id: int, message: str) -> RedirectResponse:
    flash(request, message)
    return RedirectResponse(f"/borgere/{citizen_id}/samlet-plan", status_code=303)


@router.get("/borgere/{citizen_id}/samlet-plan", include_in_schema=False)
def plan_page(request: Request, citizen_id: RowId, user: User = Depends(readers), db: Database = Depends(get_db)):
    return _page(request, user, db, citizen_id)


@router.post("/borgere/{citizen_id}/samlet-plan/deltagere", include_in_schema=False, dependencies=CSRF)
def add_participant(request: Request, citizen_id: RowId, username: Annotated[Name, Form()] = "",
                    department: Annotated[Name, Form()] = "", user: User = Depends(writers),
                    db: Database = Depends(get_db)):
    values = {"username": username, "department": department}
    try:
        coordination_writes.add_participant(db, user, citizen_id, username, department)
    except InvalidField as exc:
        return _page(request, user, db, citizen_id, "participant", values, {exc.field: str(exc)}, 422)
    return _done(request, citizen_id, f"{username} er tilføjet som deltager.")


@router.post("/borgere/{citizen_id}/samlet-plan/deltagere/{participant_id}/fjern",
              include_in_schema=False, dependencies=CSRF)
def remove_participant(request: Request, citizen_id: RowId, participant_id: RowId, user: User = Depends(writers),
                       db: Database = Depends(get_db)):
    try:
        coordination_writes.remove_participant(db, user, citizen_id, participant_id)
    except InvalidField as exc:
        return _page(request, user, db, citizen_id, "participant", {}, {"username": str(exc)}, 422)
    return _done(request, citizen_id, "Deltageren er fjernet og har ikke længere adgang til planen.")


@router.post("/borgere/{citizen_id}/samlet-plan/bidrag", include_in_schema=False, dependencies=CSRF)
def add_entry(request: Request, citizen_id: RowId, kind: Annotated[Name, Form()] = "",
              day: Annotated[Name, Form()] = "", text: Annotated[Note, Form()] = "",
              user: User = Depends(contributors), db: Database = Depends(get_db)):
    values = {"kind": kind, "day": day, "text": text}
    try:
        coordination_writes.add_entry(db, user, citizen_id, kind, _day(day, "day"), text)
    except InvalidField as exc:
        return _page(request, user, db, citizen_id, "entry", values, {exc.field: str(exc)}, 422)
    return _done(request, citizen_id, "Bidraget er gemt i den samlede plan.")


@router.post("/borgere/{citizen_id}/samlet-plan/afgoerelse", include_in_schema=False, dependencies=CSRF)
def record_decision(request: Request, citizen_id: RowId, kind: Annotated[Name, Form()] = "",
                    day: Annotated[Name, Form()] = "", outcome: Annotated[Name, Form()] = "",
                    reasoning: Annotated[Note, Form()] = "", basis_entry_id: Annotated[Name, Form()] = "",
                    user: User = Depends(writers), db: Database = Depends(get_db)):
    values = {"kind": kind, "day": day, "outcome": outcome, "reasoning": reasoning, "basis_entry_id": basis_entry_id}
    try:
        basis = int(basis_entry_id) if basis_entry_id.strip().isdigit() else None
        coordination_writes.record_decision(db, user, citizen_id, kind, _day(day, "day"), outcome, reasoning,
                                            basis if basis and basis < 2**31 else None)
    except InvalidField as exc:
        return _page(request, user, db, citizen_id, "decision", values, {exc.field: str(exc)}, 422)
    return _done(request, citizen_id, "Afgørelsen er registreret.")


@router.post("/borgere/{citizen_id}/samlet-plan/samtykke", include_in_schema=False, dependencies=CSRF)
def record_consent(request: Request, citizen_id: RowId, scope: Annotated[Name, Form()] = "",
                   given: Annotated[Name, Form()] = "", reason: Annotated[Note, Form()] = "",
                   user: User = Depends(writers), db: Database = Depends(get_db)):
    try:
        coordination.set_sharing_consent(db, user, citizen_id, scope, given == "ja", reason)
    except InvalidInput as exc:
        return _page(request, user, db, citizen_id, "consent", {"scope": scope, "reason": reason},
                     {"reason": str(exc)}, 422)
    return _done(request, citizen_id, "Samtykket er registreret.")


@router.get("/samlet-plan", include_in_schema=False)
def my_plans(request: Request, side: int = 1, user: User = Depends(require_roles(Role.PARTICIPANT)),
             db: Database = Depends(get_db)):
    page = coordination.my_plans(db, user, PageRequest.of(min(max(side, 1), 100_000), 50))
    return render(request, "casework/coordination/mine.html", user=user, page=page)


@router.get("/min-sag/samlet-plan", include_in_schema=False)
def own_plan(request: Request, user: User = Depends(citizen_only), db: Database = Depends(get_db)):
    plan = coordination.own_plan(db, user)
    return render(request, "casework/coordination/own.html", user=user, plan=plan)


@router.post("/min-sag/samlet-plan/samtykke", include_in_schema=False, dependencies=CSRF)
def own_consent(request: Request, scope: Annotated[Name, Form()] = "", given: Annotated[Name, Form()] = "",
                user: User = Depends(citizen_only), db: Database = Depends(get_db)):
    coordination.set_sharing_consent(db, user, user.citizen_id or -1, scope, given == "ja")
    flash(request, "Dit samtykke er gemt." if given == "ja" else "Dit samtykke er trukket tilbage.")
    return RedirectResponse("/min-sag/samlet-plan", status_code=303)
