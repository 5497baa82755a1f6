"""Book samtale: the citizen's own booking in the caseworker's free slots; confirmation and .ics."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.citizen import booking
from indsats.services.shared.database import Database
from indsats.services.shared.errors import InvalidInput

from ...deps import get_db, render, require_roles, verify_csrf
from ...flash import flash
from ...input_bounds import MaybeId, Name, RowId

router = APIRouter(tags=["borger"])
citizen_only = require_roles(Role.CITIZEN)
csrf = [Depends(verify_csrf)]
DAYS_PER_PAGE = 5


def _page(request, user, db, side=1, move=None, error=None, status_code=200):
    data = booking.booking_page(db, user)
    days = sorted(data.slots)
    pages = max(1, -(-len(days) // DAYS_PER_PAGE))
    side = min(max(1, side), pages)
    shown = days[(side - 1) * DAYS_PER_PAGE: side * DAYS_PER_PAGE]
    return render(request, "citizen/booking.html", user=user, data=data, days=shown, page=side, pages=pages,
                  move=move, error=error, status_code=status_code)


@router.get("/book-samtale", include_in_schema=False)
def booking_page(request: Request, side: Annotated[int, Query(ge=1, le=1000)] = 1, flyt: MaybeId = None,
                 user: User = Depends(citizen_only), db: Database = Depends(get_db)):
    return _page(request, user, db, side, flyt)


@router.post("/book-samtale", include_in_schema=False, dependencies=csrf)
def book(request: Request, starts_at: Annotated[Name, Form()] = "", flyt: Annotated[MaybeId, Form()] = None,
         user: User = Depends(citizen_only), db: Database = Depends(get_db)):
    try:
        new_id = booking.move(db, user, flyt, starts_at) if flyt else booking.book(db, user, starts_at)
    except booking.SlotTaken as exc:
        return _page(request, user, db, 1, flyt, f"Tiden er desværre taget. {exc}", 409)
    except InvalidInput as exc:
        return _page(request, user, db, 1, flyt, str(exc), 422)
    flash(request, "Din samtale er flyttet." if flyt else "Din samtale er booket.")
    return RedirectResponse(f"/book-samtale/{new_id}", status_code=303)


@router.get("/book-samtale/{appointment_id}.ics", include_in_schema=False)
def calendar_file(appointment_id: RowId, user: User = Depends(citizen_only), db: Database = Depends(get_db)):
    return Response(booking.ics(db, user, appointment_id), media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="samtale-{appointment_id}.ics"'})


@router.get("/book-samtale/{appointment_id}", include_in_schema=False)
def confirmation(request: Request, appointment_id: RowId, user: User = Depends(citizen_only),
                 db: Database = Depends(get_db)):
    data = booking.booking_page(db, user)
    found = next((b for b in data.bookings if b.id == appointment_id), None)
    if found is None:
        return RedirectResponse("/book-samtale", status_code=303)
    return render(request, "citizen/booking_confirmation.html", user=user, b=found)


@router.post("/book-samtale/{appointment_id}/aflys", include_in_schema=False, dependencies=csrf)
def cancel(request: Request, appointment_id: RowId, user: User = Depends(citizen_only),
           db: Database = Depends(get_db)):
    try:
        booking.cancel(db, user, appointment_id)
    except InvalidInput as exc:
        return _page(request, user, db, 1, None, str(exc), 422)
    flash(request, "Din samtale er aflyst. Husk at booke en ny tid inden fristen.")
    return RedirectResponse("/book-samtale", status_code=303)
