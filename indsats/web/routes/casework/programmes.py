"""A citizen's youth and integration programmes (/borgere/{id}/programmer): the education plan with youth
guidance and the contact around its start, education orders as dated history, the integration effort's
start against the law's deadline and the steps on the employment staircase."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.casework import programmes
from indsats.services.shared.database import Database
from indsats.services.shared.errors import InvalidInput

from ...deps import get_db, render, require_roles, verify_csrf
from ...flash import flash
from ...input_bounds import Name, Note, RowId
from ..company.companies import day

router = APIRouter(tags=["sager"])
readers = require_roles(Role.CASEWORKER, Role.TEAM_LEADER, Role.MANAGER)
writers = require_roles(Role.CASEWORKER, Role.TEAM_LEADER)
csrf = [Depends(verify_csrf)]


def _page(request: Request, user: User, db: Database, citizen_id: int, failed: dict | None = None,
          status_code: int = 200):
    found = programmes.programme_file(db, user, citizen_id)
    return render(request, "casework/citizens/programmes.html", user=user, f=found, positions=programmes.POSITIONS,
                  local_rule=programmes.LOCAL_RULE_DA, failed=failed or {}, status_code=status_code)


@router.get("/borgere/{citizen_id}/programmer", include_in_schema=False)
def programmes_page(request: Request, citizen_id: RowId, user: User = Depends(readers), db: Database = Depends(get_db)):
    return _page(request, user, db, citizen_id)


def _done(request: Request, citizen_id: int, message: str) -> RedirectResponse:
    flash(request, message)
    return RedirectResponse(f"/borgere/{citizen_id}/programmer", status_code=303)


def _need(value: str, field: str):
    found = day(value, field)
    if found is None:
        raise InvalidInput(f"Feltet '{field}' skal udfyldes.")
    return found


@router.post("/borgere/{citizen_id}/programmer/uddannelsesplan", include_in_schema=False, dependencies=csrf)
def education_plan_form(request: Request, citizen_id: RowId, education: Annotated[Note, Form()] = "",
                        made_on: Annotated[Name, Form()] = "", planned_start: Annotated[Name, Form()] = "",
                        guidance: Annotated[Name, Form()] = "", counsellor: Annotated[Note, Form()] = "",
                        user: User = Depends(writers), db: Database = Depends(get_db)):
    try:
        programmes.add_education_plan(db, user, citizen_id, _need(made_on, "planen lavet"), education,
                                      _need(planned_start, "planlagt studiestart"), guidance == "ja", counsellor)
    except InvalidInput as exc:
        return _page(request, user, db, citizen_id, status_code=422, failed={
            "form": "plan", "error": str(exc), "field": getattr(exc, "field", None), "education": education, "made_on": made_on,
            "planned_start": planned_start, "guidance": guidance, "counsellor": counsellor})
    return _done(request, citizen_id, "Uddannelsesplanen er gemt.")


@router.post("/borgere/{citizen_id}/programmer/uddannelsesplan/{plan_id}", include_in_schema=False,
             dependencies=csrf)
def follow_form(request: Request, citizen_id: RowId, plan_id: RowId, contact_on: Annotated[Name, Form()] = "",
                started_on: Annotated[Name, Form()] = "", dropped_on: Annotated[Name, Form()] = "",
                user: User = Depends(writers), db: Database = Depends(get_db)):
    try:
        programmes.follow_education(db, user, plan_id, day(contact_on, "kontakt"), day(started_on, "startet"),
                                    day(dropped_on, "faldet fra"))
    except InvalidInput as exc:
        return _page(request, user, db, citizen_id, status_code=422, failed={
            "form": plan_id, "error": str(exc), "contact_on": contact_on, "started_on": started_on,
            "dropped_on": dropped_on})
    return _done(request, citizen_id, "Opfølgningen er gemt.")


@router.post("/borgere/{citizen_id}/programmer/paalaeg", include_in_schema=False, dependencies=csrf)
def order_form(request: Request, citizen_id: RowId, given_on: Annotated[Name, Form()] = "",
               education: Annotated[Note, Form()] = "", note: Annotated[Note, Form()] = "",
               user: User = Depends(writers), db: Database = Depends(get_db)):
    try:
        status = programmes.add_education_order(db, user, citizen_id, _need(given_on, "givet den"), education, note)
    except InvalidInput as exc:
        return _page(request, user, db, citizen_id, status_code=422, failed={
            "form": "order", "error": str(exc), "field": getattr(exc, "field", None), "given_on": given_on, "education": education, "note": note})
    return _done(request, citizen_id, "Uddannelsespålægget er registreret." if status == "yes" else
                 "Uddannelsespålægget er registreret til manuel vurdering: ordningen er annonceret afskaffet fra 2027.")


@router.post("/borgere/{citizen_id}/programmer/integration", include_in_schema=False, dependencies=csrf)
def integration_form(request: Request, citizen_id: RowId, responsibility_from: Annotated[Name, Form()] = "",
                     first_offer_on: Annotated[Name, Form()] = "", user: User = Depends(writers),
                     db: Database = Depends(get_db)):
    try:
        programmes.set_integration_start(db, user, citizen_id, _need(responsibility_from, "ansvar overtaget"),
                                         day(first_offer_on, "første virksomhedsrettede tilbud"))
    except InvalidInput as exc:
        return _page(request, user, db, citizen_id, status_code=422, failed={
            "form": "integration", "error": str(exc), "responsibility_from": responsibility_from,
            "first_offer_on": first_offer_on})
    return _done(request, citizen_id, "Integrationsindsatsen er gemt.")


@router.post("/borgere/{citizen_id}/programmer/trappe", include_in_schema=False, dependencies=csrf)
def step_form(request: Request, citizen_id: RowId, on: Annotated[Name, Form()] = "",
              position: Annotated[Name, Form()] = "", user: User = Depends(writers), db: Database = Depends(get_db)):
    try:
        programmes.add_step(db, user, citizen_id, _need(on, "fra dato"), position)
    except InvalidInput as exc:
        return _page(request, user, db, citizen_id, status_code=422, failed={
            "form": "step", "error": str(exc), "on": on, "position": position})
    return _done(request, citizen_id, "Trinnet på beskæftigelsestrappen er gemt.")
