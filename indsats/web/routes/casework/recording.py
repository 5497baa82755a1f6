"""Registering on a case from the case page (forms, with htmx) and the JSON API, over the same models.

A form that fails validation comes back with what was typed and the Danish message at the
field (422); a successful one answers with a fresh form and the ``case-changed`` event that
makes the deadline panel reload (htmx), or, without JavaScript, a redirect with a flash message.
"""

import json
from typing import Annotated

from fastapi import APIRouter, Body, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field, ValidationError, field_validator

from indsats.domain.enums import CaseEventType, ConversationKind, ConversationStatus, Role
from indsats.domain.models import User
from indsats.services.casework import recording as casework
from indsats.services.casework import registration_forms as forms
from indsats.services.casework import registrations
from indsats.services.casework.appointments import SlotTaken
from indsats.services.casework.case_dates import InvalidField
from indsats.services.shared.database import Database
from indsats.services.shared.errors import InvalidInput
from indsats.services.steering import offer_palette

from ...api_models import CreatedOut
from ...deps import get_db, render, require_roles, verify_csrf
from ...flash import flash
from ...input_bounds import MAX_NOTE, Day, Note, RowId
from .case_page import render_case_page
from .form_specs import SPECS, offer_spec

router = APIRouter(tags=["sagsbehandling"], dependencies=[Depends(verify_csrf)])
writers = require_roles(Role.CASEWORKER, Role.TEAM_LEADER)


def _form_response(request: Request, user: User, db: Database, citizen_id: int, kind: str,
                   values: dict, errors: dict, done: str | None = None, status: int | None = None):
    status = status or (422 if errors else 200)
    if request.headers.get("hx-request"):
        spec = offer_spec(offer_palette.citizen_palette(db, user, citizen_id)) if kind == "offer" else SPECS[kind]
        response = render(request, "casework/citizens/_registration_form.html", user=user, status_code=status,
                          spec=spec, citizen_id=citizen_id, values=values, errors=errors, done=done,
                          open=True)
        if done:
            response.headers["HX-Trigger"] = "case-changed"
        return response
    if not errors:
        flash(request, done or "Gemt.")
        return RedirectResponse(f"/borgere/{citizen_id}", status_code=303)
    return render_case_page(request, user, db, citizen_id, status_code=status,
                            form_state={"kind": kind, "values": values, "errors": errors})


@router.post("/borgere/{citizen_id}/registrer/{kind}", include_in_schema=False)
async def registration_form(request: Request, citizen_id: RowId, kind: str, user: User = Depends(writers),
                            db: Database = Depends(get_db)):
    if kind not in SPECS:
        raise HTTPException(404, "Den slags registrering findes ikke.")
    values = {k: str(v) for k, v in (await request.form()).items() if k != "csrf_token"}
    reason = values.pop(offer_palette.REASON_FIELD, "")
    try:
        registration = forms.parse_form(kind, values)
        if kind == "offer":
            offer_palette.register_offer(db, user, citizen_id, registration, reason)
        else:
            registrations.register(db, user, citizen_id, registration)
    except offer_palette.OutsidePalette as exc:
        return _form_response(request, user, db, citizen_id, kind, values | {exc.field: reason}, {exc.field: str(exc)})
    except ValidationError as exc:
        return _form_response(request, user, db, citizen_id, kind, values, forms.danish_errors(exc))
    except InvalidField as exc:
        kept = values | {offer_palette.REASON_FIELD: reason} if exc.field == offer_palette.REASON_FIELD else values
        return _form_response(request, user, db, citizen_id, kind, kept, {exc.field: str(exc)})
    except SlotTaken as exc:
        return _form_response(request, user, db, citizen_id, kind, values, {exc.field: str(exc)}, status=409)
    except InvalidInput as exc:
        return _form_response(request, user, db, citizen_id, kind, values, {"__all__": str(exc)})
    return _form_response(request, user, db, citizen_id, kind, {}, {}, done=SPECS[kind].done)


@router.post("/borgere/{citizen_id}/plan", include_in_schema=False)
def plan_form(request: Request, citizen_id: RowId, goal: Annotated[Note, Form()] = "",
              activities: Annotated[Note, Form()] = "",
              user: User = Depends(writers), db: Database = Depends(get_db)):
    try:
        casework.update_plan(db, user, citizen_id, goal, activities.splitlines())
    except InvalidInput as exc:
        return render_case_page(request, user, db, citizen_id, status_code=422, form_state={
            "kind": "plan", "values": {"goal": goal, "activities": activities}, "errors": {"goal": str(exc)}})
    flash(request, "Planen er gemt.")
    return RedirectResponse(f"/borgere/{citizen_id}", status_code=303)


@router.post("/min-sag/samtale", include_in_schema=False)
def request_conversation_form(request: Request, wish: Annotated[Note, Form()] = "",
                              user: User = Depends(require_roles(Role.CITIZEN)), db: Database = Depends(get_db)):
    try:
        casework.request_conversation(db, user, wish=wish)
    except InvalidInput as exc:
        flash(request, f"Anmodningen er ikke sendt: {exc}")
        return RedirectResponse("/min-sag", status_code=303)
    flash(request, "Din anmodning om en samtale er sendt til jobcentret.")
    return RedirectResponse("/min-sag", status_code=303)


# --- the JSON API: one endpoint per kind, the same models ------------------------------------


def _api_register(kind: str, model: type[forms.Registration]):
    def endpoint(citizen_id: RowId, body: model = Body(...), user: User = Depends(writers),  # type: ignore[valid-type]
                 db: Database = Depends(get_db)):
        if kind == "offer":  # the plan's palette holds here too; a reason goes through /api/citizens/{id}/offers
            try:
                return {"id": offer_palette.register_offer(db, user, citizen_id, body)}
            except offer_palette.OutsidePalette as exc:
                raise HTTPException(422, f"Feltet '{exc.field}': {exc} Send den som palette_reason til "
                                         f"/api/citizens/{citizen_id}/offers.") from None
        return {"id": registrations.register(db, user, citizen_id, body)}

    endpoint.__doc__ = (model.__doc__ or kind).strip().splitlines()[0]
    router.add_api_route(f"/api/citizens/{{citizen_id}}/registrations/{kind}", endpoint, methods=["POST"],
                         status_code=201, name=f"register_{kind}", response_model=CreatedOut,
                         summary=f"Registrér: {SPECS[kind].title}" if kind in SPECS else kind)


for _kind, _model in forms.KINDS.items():
    _api_register(_kind, _model)


def _validated(model: type[forms.Registration], data: dict) -> forms.Registration:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise HTTPException(422, [{"loc": ["body", k], "msg": v} for k, v in forms.danish_errors(exc).items()]) \
            from None


class ConversationIn(BaseModel):
    date: Day
    kind: ConversationKind = ConversationKind.INDIVIDUAL
    status: ConversationStatus = ConversationStatus.HELD
    note: Note = ""


class EventIn(BaseModel):
    type: CaseEventType
    date: Day
    data: dict = Field(default_factory=dict, description="Højst 10.000 tegn som JSON")

    @field_validator("data")
    @classmethod
    def _small(cls, value: dict) -> dict:
        if len(json.dumps(value, default=str)) > MAX_NOTE:
            raise ValueError(f"må højst fylde {MAX_NOTE} tegn som JSON")
        return value


@router.post("/api/citizens/{citizen_id}/conversations", status_code=201, response_model=CreatedOut)
def api_conversation(citizen_id: RowId, body: ConversationIn, user: User = Depends(writers),
                     db: Database = Depends(get_db)):
    """Register a conversation (needs the X-CSRF-Token header from /api/login)."""
    registration = _validated(forms.Conversation, {"date": body.date, "conversation_kind": body.kind,
                                                   "status": body.status, "note": body.note})
    return {"id": registrations.register(db, user, citizen_id, registration)}


@router.post("/api/citizens/{citizen_id}/offers", status_code=201, response_model=CreatedOut)
def api_offer(citizen_id: RowId, body: dict = Body(...), user: User = Depends(writers),
              db: Database = Depends(get_db)):
    """Register an active offer: offer_type, start, end (first day after), hours_per_week, company_cvr, and
    palette_reason — required when the offer lies outside the plan's palette for the citizen's target group
    (422 naming the field otherwise); stored with the offer in the same transaction."""
    data = {("date" if k == "start" else k): v for k, v in body.items() if k != offer_palette.REASON_FIELD}
    reason = body.get(offer_palette.REASON_FIELD, "")
    if not isinstance(reason, str) or len(reason) > MAX_NOTE:
        raise HTTPException(422, f"Feltet '{offer_palette.REASON_FIELD}': begrundelsen skal være tekst på højst "
                                 f"{MAX_NOTE} tegn.")
    registration = _validated(forms.Offer, data)
    try:
        return {"id": offer_palette.register_offer(db, user, citizen_id, registration, reason)}
    except offer_palette.OutsidePalette as exc:
        raise HTTPException(422, f"Feltet '{exc.field}': {exc}") from None


@router.post("/api/citizens/{citizen_id}/events", status_code=201, response_model=CreatedOut)
def api_event(citizen_id: RowId, body: EventIn, user: User = Depends(writers), db: Database = Depends(get_db)):
    """Register another timeline event in the contract's form (e.g. joint_conversation_requested)."""
    return {"id": casework.record_event(db, user, citizen_id, body.type, body.date, body.data)}
