"""Recording conversations, offers and events from the case page (forms) and the API."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Depends, Form
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field, field_validator

from indsats.domain.enums import CaseEventType, ConversationKind, ConversationStatus, OfferType, Role
from indsats.domain.models import User
from indsats.services.casework import recording as casework
from indsats.services.shared.database import Database

from ...deps import get_db, require_roles, verify_csrf
from ...input_bounds import MAX_NOTE, Cvr, Day, Hours, Note, RowId

router = APIRouter(tags=["sagsbehandling"], dependencies=[Depends(verify_csrf)])
writers = require_roles(Role.CASEWORKER, Role.TEAM_LEADER)


def _back(citizen_id: int, message: str) -> RedirectResponse:
    return RedirectResponse(f"/borgere/{citizen_id}?besked={message}", status_code=303)


@router.post("/borgere/{citizen_id}/samtaler", include_in_schema=False)
def conversation_form(citizen_id: RowId, day: Annotated[Day, Form()], kind: ConversationKind = Form(...),
                      status: ConversationStatus = Form(...), note: Annotated[Note, Form()] = "",
                      user: User = Depends(writers), db: Database = Depends(get_db)):
    casework.record_conversation(db, user, citizen_id, day, kind, status, note)
    return _back(citizen_id, "Samtalen er registreret.")


@router.post("/borgere/{citizen_id}/tilbud", include_in_schema=False)
def offer_form(citizen_id: RowId, start: Annotated[Day, Form()], hours_per_week: Annotated[Hours, Form()],
               offer_type: OfferType = Form(...), end: Annotated[Day | None, Form()] = None,
               company_cvr: Annotated[Cvr, Form()] = "",
               user: User = Depends(writers), db: Database = Depends(get_db)):
    casework.record_offer(db, user, citizen_id, offer_type, start, end, hours_per_week, company_cvr or None)
    return _back(citizen_id, "Tilbuddet er registreret.")


@router.post("/borgere/{citizen_id}/plan", include_in_schema=False)
def plan_form(citizen_id: RowId, goal: Annotated[Note, Form()], activities: Annotated[Note, Form()] = "",
              user: User = Depends(writers), db: Database = Depends(get_db)):
    casework.update_plan(db, user, citizen_id, goal, activities.splitlines())
    return _back(citizen_id, "Planen er gemt.")


@router.post("/min-sag/samtale", include_in_schema=False)
def request_conversation_form(wish: Annotated[Note, Form()] = "", user: User = Depends(require_roles(Role.CITIZEN)),
                              db: Database = Depends(get_db)):
    casework.request_conversation(db, user, wish=wish)
    return RedirectResponse("/min-sag?besked=Din anmodning om en samtale er sendt til jobcentret.", status_code=303)


class ConversationIn(BaseModel):
    date: Day
    kind: ConversationKind = ConversationKind.INDIVIDUAL
    status: ConversationStatus = ConversationStatus.HELD
    note: Note = ""


class OfferIn(BaseModel):
    offer_type: OfferType
    start: Day
    end: Day | None = None
    hours_per_week: Hours
    company_cvr: Cvr | None = None


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


@router.post("/api/citizens/{citizen_id}/conversations", status_code=201)
def api_conversation(citizen_id: RowId, body: ConversationIn, user: User = Depends(writers),
                     db: Database = Depends(get_db)):
    """Register a conversation (needs the X-CSRF-Token header from /api/login)."""
    return {"id": casework.record_conversation(db, user, citizen_id, body.date, body.kind, body.status, body.note)}


@router.post("/api/citizens/{citizen_id}/offers", status_code=201)
def api_offer(citizen_id: RowId, body: OfferIn, user: User = Depends(writers), db: Database = Depends(get_db)):
    """Register an active offer."""
    return {"id": casework.record_offer(db, user, citizen_id, body.offer_type, body.start, body.end,
                                        body.hours_per_week, body.company_cvr)}


@router.post("/api/citizens/{citizen_id}/events", status_code=201)
def api_event(citizen_id: RowId, body: EventIn, user: User = Depends(writers), db: Database = Depends(get_db)):
    """Register another timeline event (e.g. conversation_requested, exemption_start)."""
    return {"id": casework.record_event(db, user, citizen_id, body.type, body.date, body.data)}
