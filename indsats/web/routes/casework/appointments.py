"""Appointments (calendar, outcome, invitation PDF), availability cases and the journal (notes, letters, documents)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field

from indsats.domain import clock
from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.casework import appointments, availability, journal
from indsats.services.shared.database import Database
from indsats.services.shared.errors import InvalidField, InvalidInput
from indsats.services.shared.paging import PageRequest

from ...deps import get_db, render, require_roles, verify_csrf
from ...flash import flash
from ...input_bounds import MaybeId
from ...report_models import OutcomeOut

router = APIRouter(tags=["aftaler og journal"])
writers = require_roles(Role.CASEWORKER, Role.TEAM_LEADER)
readers = require_roles(Role.CASEWORKER, Role.TEAM_LEADER, Role.MANAGER)
csrf = [Depends(verify_csrf)]
ID = Annotated[int, Field(ge=1, le=2**31 - 1)]


def _back(request: Request, citizen_id: int, message: str, anchor: str = "") -> RedirectResponse:
    flash(request, message)
    return RedirectResponse(f"/borgere/{citizen_id}{anchor}", status_code=303)


def _refused(request: Request, user: User, db: Database, citizen_id: int, kind: str, values: dict,
             exc: InvalidInput):
    """The case page again with the typed text kept and the message at the field (``__all__``: the form's)."""
    from .case_page import render_case_page

    errors = {getattr(exc, "field", "__all__"): str(exc)}
    return render_case_page(request, user, db, citizen_id, status_code=422,
                            form_state={"kind": kind, "values": values, "errors": errors})


def _pdf(filename: str, content: bytes, media_type: str = "application/pdf") -> Response:
    return Response(content, media_type=media_type,
                    headers={"Content-Disposition": f'inline; filename="{filename}"', "Cache-Control": "no-store"})


@router.get("/kalender", include_in_schema=False)
def calendar_page(request: Request, dato: date | None = None, visning: str = "uge",
                  sagsbehandler: int | None = Query(None, ge=1, le=2**31 - 1),
                  user: User = Depends(writers), db: Database = Depends(get_db)):
    day = dato or clock.today()
    days = 1 if visning == "dag" else 5
    first = day if days == 1 else day - timedelta(days=day.weekday())
    worker, calendar_days, choices = appointments.calendar(db, user, sagsbehandler, first, days)
    return render(request, "casework/appointments/calendar.html", user=user, worker=worker, days=calendar_days,
                  choices=choices, first=first, view=("dag" if days == 1 else "uge"), step=days if days == 1 else 7,
                  timedelta=timedelta)


@router.post("/aftaler/{appointment_id}/udfald", include_in_schema=False, dependencies=csrf)
def outcome_form(request: Request, appointment_id: ID, outcome: Annotated[str, Form(max_length=20)],
                 citizen_id: Annotated[int, Form(ge=1, le=2**31 - 1)], note: Annotated[str, Form(max_length=10_000)] = "",
                 user: User = Depends(writers), db: Database = Depends(get_db)):
    try:
        opened = appointments.record_outcome(db, user, appointment_id, outcome, note)
    except InvalidInput as exc:
        return _back(request, citizen_id, f"Aftalen blev ikke ændret: {exc}", "#aftaler")
    message = {"held": "Mødet er markeret som afholdt.", "cancelled": "Mødet er aflyst.",
               "no_show": "Borgeren er markeret som udeblevet, og en rådighedssag er oprettet."}[outcome]
    return _back(request, citizen_id, message, "#raadighed" if opened else "#aftaler")


@router.get("/aftaler/{appointment_id}/indkaldelse.pdf", include_in_schema=False)
def invitation_pdf(appointment_id: ID, user: User = Depends(writers), db: Database = Depends(get_db)):
    return _pdf(*appointments.invitation_pdf(db, user, appointment_id))


@router.post("/borgere/{citizen_id}/raadighed", include_in_schema=False, dependencies=csrf)
def open_availability_form(request: Request, citizen_id: ID, cause: Annotated[str, Form(max_length=30)],
                           cause_date: Annotated[date, Form()], user: User = Depends(writers),
                           db: Database = Depends(get_db)):
    try:
        availability.open_case(db, user, citizen_id, cause, cause_date)
    except InvalidInput as exc:
        return _back(request, citizen_id, f"Rådighedssagen blev ikke oprettet: {exc}", "#raadighed")
    return _back(request, citizen_id, "Rådighedssagen er oprettet.", "#raadighed")


@router.post("/raadighed/{case_id}/{step}", include_in_schema=False, dependencies=csrf)
def availability_step(request: Request, case_id: ID, step: str, citizen_id: Annotated[int, Form(ge=1, le=2**31 - 1)],
                      answer: Annotated[str, Form(max_length=10_000)] = "", received_on: Annotated[str, Form()] = "",
                      decision: Annotated[str, Form(max_length=30)] = "", reason: Annotated[str, Form(max_length=10_000)] = "",
                      reduction_days: Annotated[str, Form(max_length=3)] = "",
                      user: User = Depends(writers), db: Database = Depends(get_db)):
    try:
        if step == "partshoering":
            availability.send_hearing(db, user, case_id)
            message = "Partshøringen er sendt og ligger i journalen."
        elif step == "svar":
            try:
                day = date.fromisoformat(received_on) if received_on else clock.today()
            except ValueError:
                raise InvalidField("received_on", "Skriv datoen for svaret som en dato.") from None
            availability.record_answer(db, user, case_id, answer, day)
            message = "Borgerens svar er registreret."
        elif step == "afgoerelse":
            days = int(reduction_days) if reduction_days.strip().isdigit() else None
            availability.decide(db, user, case_id, decision, reason, days)
            message = "Afgørelsen er registreret."
        else:
            raise InvalidInput("Ukendt trin i rådighedssagen.")
    except InvalidInput as exc:
        if step in ("svar", "afgoerelse") and hasattr(exc, "field"):  # the form is on the page: keep the text
            return _refused(request, user, db, citizen_id, f"{step}-{case_id}", {
                "answer": answer, "received_on": received_on, "decision": decision, "reason": reason,
                "reduction_days": reduction_days}, exc)
        return _back(request, citizen_id, f"Ikke gemt: {exc}", "#raadighed")
    return _back(request, citizen_id, message, "#raadighed")


@router.get("/raadighed", include_in_schema=False)
def availability_page(request: Request, sagsbehandler: MaybeId = None, team: MaybeId = None,
                      side: Annotated[int, Query(ge=1, le=100_000)] = 1,
                      user: User = Depends(readers), db: Database = Depends(get_db)):
    """Every open availability case of the scope (own, the team's, the municipality's), paged."""
    page = availability.deadlines(db, user, caseworker_id=sagsbehandler, team_id=team, request=PageRequest.of(side, 50))
    query = {k: v for k, v in (("sagsbehandler", sagsbehandler), ("team", team)) if v}
    return render(request, "casework/appointments/availability.html", user=user, page=page, query=query,
                  source=availability.practice_source())


@router.post("/borgere/{citizen_id}/journal", include_in_schema=False, dependencies=csrf)
def note_form(request: Request, citizen_id: ID, text: Annotated[str, Form(max_length=10_000)] = "",
              title: Annotated[str, Form(max_length=200)] = "", user: User = Depends(writers),
              db: Database = Depends(get_db)):
    try:
        journal.add_note(db, user, citizen_id, text, title)
    except InvalidInput as exc:
        return _back(request, citizen_id, f"Notatet blev ikke gemt: {exc}", "#journal")
    return _back(request, citizen_id, "Journalnotatet er gemt.", "#journal")


@router.get("/borgere/{citizen_id}/journal", include_in_schema=False)
def journal_search(request: Request, citizen_id: ID, q: Annotated[str, Query(max_length=200)] = "",
                   user: User = Depends(writers), db: Database = Depends(get_db)):
    entries = journal.search(db, user, citizen_id, q)
    return render(request, "casework/appointments/_journal_entries.html", user=user, entries=entries, q=q)


@router.post("/borgere/{citizen_id}/dokumenter", include_in_schema=False, dependencies=csrf)
async def upload_form(request: Request, citizen_id: ID, fil: Annotated[UploadFile, File()],
                      title: Annotated[str, Form(max_length=10_000)] = "", user: User = Depends(writers),
                      db: Database = Depends(get_db)):
    content = await fil.read(journal.MAX_DOCUMENT_BYTES + 1)
    try:
        journal.upload_document(db, user, citizen_id, fil.filename or "", content, title)
    except InvalidInput as exc:
        return _refused(request, user, db, citizen_id, "dokument", {"title": title}, exc)
    return _back(request, citizen_id, "Dokumentet er lagt på sagen.", "#journal")


@router.get("/dokumenter/{document_id}", include_in_schema=False)
def download(document_id: ID, user: User = Depends(writers), db: Database = Depends(get_db)):
    filename, media_type, content = journal.download_document(db, user, document_id)
    safe = "".join(ch if ch.isascii() and ch not in '"\\' else "_" for ch in filename)
    return Response(content, media_type=media_type, headers={
        "Content-Disposition": f'attachment; filename="{safe}"', "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff"})


@router.get("/journal/{note_id}/brev.pdf", include_in_schema=False)
def letter_pdf(note_id: ID, user: User = Depends(writers), db: Database = Depends(get_db)):
    return _pdf(*journal.letter_pdf(db, user, note_id))


# --- JSON API ------------------------------------------------------------------------------------


class SlotOut(BaseModel):
    starts_at: datetime
    minutes: int


@router.get("/api/caseworkers/{caseworker_id}/free-slots", response_model=list[SlotOut])
def api_free_slots(caseworker_id: ID, date_from: date = Query(..., alias="from"), date_to: date = Query(..., alias="to"),
                   minutes: int = Query(30, ge=15, le=180), user: User = Depends(writers),
                   db: Database = Depends(get_db)):
    """Free slots in the caseworker's working hours (no more than 31 days at a time)."""
    if date_to <= date_from or (date_to - date_from).days > 31:
        raise InvalidInput("Vælg en periode på 1 til 31 dage ('to' efter 'from').")
    return [SlotOut(starts_at=s.starts_at, minutes=s.minutes)
            for s in appointments.free_slots(db, caseworker_id, date_from, date_to, minutes)]


class OutcomeIn(BaseModel):
    outcome: str = Field(pattern="^(held|cancelled|no_show)$")
    note: str = Field("", max_length=4000)


@router.post("/api/appointments/{appointment_id}/outcome", dependencies=csrf, response_model=OutcomeOut)
def api_outcome(appointment_id: ID, body: OutcomeIn, user: User = Depends(writers), db: Database = Depends(get_db)):
    """Mark an appointment held, cancelled or not attended (no_show opens an availability case)."""
    return {"availability_case_id": appointments.record_outcome(db, user, appointment_id, body.outcome, body.note)}
