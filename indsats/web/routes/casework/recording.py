"""Recording conversations, offers and events from the case page (forms) and the API."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Form
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field

from indsats.domain.enums import CaseEventType, ConversationKind, ConversationStatus, OfferType, Role
from indsats.domain.models import User
from indsats.services.casework import recording as casework
from indsats.services.shared.database import Database

from ...deps import get_db, require_roles, verify_csrf

router = APIRouter(tags=["sagsbehandling"], dependencies=[Depends(verify_csrf)])
writers = require_roles(Role.CASEWORKER, Role.TEAM_LEADER)


def _back(citizen_id: int, message: str) -> RedirectResponse:
    return RedirectResponse(f"/borgere/{citizen_id}?besked={message}", status_code=303)


@router.post("/borgere/{citizen_id}/samtaler", include_in_schema=False)
def conversation_form(citizen_id: int, day: date = Form(...), kind: ConversationKind = Form(...),
                      status: ConversationStatus = Form(...), note: str = Form(""),
                      user: User = Depends(writers), db: Database = Depends(get_db)):
    casework.record_conversation(db, user, citizen_id, day, kind, status, note)
    return _back(citizen_id, "Samtalen er registreret.")


@router.post("/borgere/{citizen_id}/tilbud", include_in_schema=False)
def offer_form(citizen_id: int, offer_type: OfferType = Form(...), start: date = Form(...),
               end: date | None = Form(None), hours_per_week: float = Form(...), company_cvr: str = Form(""),
               user: User = Depends(writers), db: Database = Depends(get_db)):
    casework.record_offer(db, user, citizen_id, offer_type, start, end, hours_per_week, company_cvr or None)
    return _back(citizen_id, "Tilbuddet er registreret.")


@router.post("/borgere/{citizen_id}/plan", include_in_schema=False)
def plan_form(citizen_id: int, goal: str = Form(...), activities: str = Form(""),
              user: User = Depends(writers), db: Database = Depends(get_db)):
    casework.update_plan(db, user, citizen_id, goal, activities.splitlines())
    return _back(citizen_id, "Planen er gemt.")


@router.post("/min-sag/samtale", include_in_schema=False)
def request_conversation_form(wish: str = Form(""), user: User = Depends(require_roles(Role.CITIZEN)),
                              db: Database = Depends(get_db)):
    casework.request_conversation(db, user, wish=wish)
    return RedirectResponse("/min-sag?besked=Din anmodning om en samtale er sendt til jobcentret.", status_code=303)


class ConversationIn(BaseModel):
    date: date
    kind: ConversationKind = ConversationKind.INDIVIDUAL
    status: ConversationStatus = ConversationStatus.HELD
    note: str = ""


class OfferIn(BaseModel):
    offer_type: OfferType
    start: date
    end: date | None = None
    hours_per_week: float = Field(ge=0, le=60)
    company_cvr: str | None = None


class EventIn(BaseModel):
    type: CaseEventType
    date: date
    data: dict = Field(default_factory=dict)


@router.post("/api/citizens/{citizen_id}/conversations", status_code=201)
def api_conversation(citizen_id: int, body: ConversationIn, user: User = Depends(writers),
                     db: Database = Depends(get_db)):
    """Register a conversation (needs the X-CSRF-Token header from /api/login)."""
    return {"id": casework.record_conversation(db, user, citizen_id, body.date, body.kind, body.status, body.note)}


@router.post("/api/citizens/{citizen_id}/offers", status_code=201)
def api_offer(citizen_id: int, body: OfferIn, user: User = Depends(writers), db: Database = Depends(get_db)):
    """Register an active offer."""
    return {"id": casework.record_offer(db, user, citizen_id, body.offer_type, body.start, body.end,
                                        body.hours_per_week, body.company_cvr)}


@router.post("/api/citizens/{citizen_id}/events", status_code=201)
def api_event(citizen_id: int, body: EventIn, user: User = Depends(writers), db: Database = Depends(get_db)):
    """Register another timeline event (e.g. conversation_requested, exemption_start)."""
    return {"id": casework.record_event(db, user, citizen_id, body.type, body.date, body.data)}
