"""Selvbooking: the citizen books, moves or cancels their own conversation in the caseworker's free slots.

Slots and the booking are the casework calendar's (``casework.appointments``): a booking takes the
caseworker's quarter hours in ``appointment_slots`` under a unique constraint, so two bookings of the
same time cannot both be stored, however many arrive at once — the losers get ``SlotTaken`` (409).
The window is the law's: from today (or the opening of the next deadline's window) to that deadline;
without an open deadline, the next four weeks. Every change refreshes the kept obligations.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from indsats.domain import clock
from indsats.domain.models import User
from indsats.services.casework.appointments import LOCAL, SlotTaken, book_in_session, free_slots_in, local_now
from indsats.services.casework.obligation_store import refresh_citizen
from indsats.services.citizen.duties import open_deadlines
from indsats.services.citizen.own import citizen_self
from indsats.services.shared.errors import InvalidInput, NotFound
from indsats.store.casework_tables import AppointmentRow, AppointmentSlotRow
from indsats.store.tables import CaseworkerRow, CitizenRow, ConversationRow

MINUTES = 30
DEFAULT_DAYS = 28
PURPOSE = "Jobsamtale (booket af dig selv)"
__all__ = ["SlotTaken", "book", "cancel", "move", "ics", "booking_page"]


@dataclass(frozen=True)
class Window:
    first: date
    last: date
    reason: str  # the deadline's title in plain Danish, or "" for the default window


@dataclass(frozen=True)
class Booking:
    id: int
    starts_at: datetime
    minutes: int
    caseworker: str
    place: str
    purpose: str
    by_me: bool


@dataclass(frozen=True)
class BookingPage:
    window: Window
    caseworker: str | None
    slots: dict[date, list[datetime]]
    bookings: list[Booking]


def _window(session: Session, citizen: CitizenRow) -> Window:
    today = clock.today()
    for d in open_deadlines(session, citizen.id, citizen.municipality_code, today):
        if d.deadline and d.deadline >= today:
            first = max(today, d.window_start or today)
            return Window(first, d.deadline, d.title)
    return Window(today, today + timedelta(days=DEFAULT_DAYS), "")


def _bookings(session: Session, citizen: CitizenRow, username: str) -> list[Booking]:
    rows = session.scalars(select(AppointmentRow).where(
        AppointmentRow.citizen_id == citizen.id, AppointmentRow.status == "booked",
        AppointmentRow.starts_at >= local_now()).order_by(AppointmentRow.starts_at)).all()
    names = {w.id: w.name for w in session.scalars(select(CaseworkerRow).where(
        CaseworkerRow.id.in_({r.caseworker_id for r in rows})))}
    return [Booking(r.id, r.starts_at, r.minutes, names.get(r.caseworker_id, ""), r.place, r.purpose,
                    r.booked_by == username) for r in rows]


def booking_page(db, user: User) -> BookingPage:
    with citizen_self(db, user) as (session, citizen):
        window = _window(session, citizen)
        worker = session.get(CaseworkerRow, citizen.caseworker_id) if citizen.caseworker_id else None
        slots: dict[date, list[datetime]] = {}
        if worker is not None:
            for slot in free_slots_in(session, worker.id, window.first, window.last + timedelta(days=1), MINUTES):
                slots.setdefault(slot.starts_at.date(), []).append(slot.starts_at)
        return BookingPage(window, worker.name if worker else None, slots, _bookings(session, citizen, user.username))


def _parse(starts_at: str) -> datetime:
    try:
        return datetime.fromisoformat((starts_at or "").strip()).replace(tzinfo=None, second=0, microsecond=0)
    except ValueError:
        raise InvalidInput("Vælg en ledig tid på listen.") from None


def _book(session: Session, user: User, citizen: CitizenRow, when: datetime) -> int:
    if citizen.caseworker_id is None:
        raise InvalidInput("Du har ikke en fast sagsbehandler endnu. Skriv til jobcentret for at få en tid.")
    window = _window(session, citizen)
    if not window.first <= when.date() <= window.last:
        raise InvalidInput(f"Vælg en tid mellem {window.first:%d.%m.%Y} og {window.last:%d.%m.%Y}.")
    try:
        with session.begin_nested():  # a lost race rolls back to here, not the whole transaction
            row = book_in_session(session, user, citizen, citizen.caseworker_id, when, MINUTES, "attendance",
                                  "Jobcentret", PURPOSE)
    except IntegrityError:
        raise SlotTaken("En anden har netop booket den tid. Vælg en anden ledig tid.") from None
    return row.id


def book(db, user: User, starts_at: str) -> int:
    """Book the slot starting at ``starts_at`` (ISO, local time); SlotTaken when someone was faster."""
    when = _parse(starts_at)
    with citizen_self(db, user) as (session, citizen):
        appointment_id = _book(session, user, citizen, when)
        session.flush()
        refresh_citizen(session, citizen.id)
        return appointment_id


def _own(session: Session, citizen: CitizenRow, appointment_id: int) -> AppointmentRow:
    row = session.get(AppointmentRow, appointment_id)
    if row is None or row.citizen_id != citizen.id:
        raise NotFound("Aftalen findes ikke.")
    if row.status != "booked" or row.starts_at < local_now():
        raise InvalidInput("Aftalen kan ikke ændres længere.")
    return row


def _cancel(session: Session, row: AppointmentRow) -> None:
    row.status, row.outcome_note = "cancelled", "Aflyst af borgeren"
    conversation = session.get(ConversationRow, row.conversation_id) if row.conversation_id else None
    if conversation is not None:
        conversation.status = "cancelled"
    session.execute(delete(AppointmentSlotRow).where(AppointmentSlotRow.appointment_id == row.id))
    session.flush()


def cancel(db, user: User, appointment_id: int) -> None:
    with citizen_self(db, user) as (session, citizen):
        _cancel(session, _own(session, citizen, appointment_id))
        refresh_citizen(session, citizen.id)


def move(db, user: User, appointment_id: int, starts_at: str) -> int:
    """Move a booking to a new free slot in one transaction: the old time is freed only if the new one is got."""
    when = _parse(starts_at)
    with citizen_self(db, user) as (session, citizen):
        _cancel(session, _own(session, citizen, appointment_id))
        new_id = _book(session, user, citizen, when)
        session.flush()
        refresh_citizen(session, citizen.id)
        return new_id


def ics(db, user: User, appointment_id: int) -> bytes:
    """The booking as a calendar file (.ics) for the citizen's own calendar."""
    from icalendar import Calendar, Event  # loaded on the first download, not at start-up

    with citizen_self(db, user) as (session, citizen):
        row = session.get(AppointmentRow, appointment_id)
        if row is None or row.citizen_id != citizen.id:
            raise NotFound("Aftalen findes ikke.")
        cal = Calendar()
        cal.add("prodid", "-//indsats//Jobcenter//DA")
        cal.add("version", "2.0")
        event = Event()
        event.add("uid", f"aftale-{row.id}@indsats")
        event.add("summary", "Samtale på jobcentret")
        event.add("dtstart", row.starts_at.replace(tzinfo=LOCAL))
        event.add("dtend", (row.starts_at + timedelta(minutes=row.minutes)).replace(tzinfo=LOCAL))
        event.add("dtstamp", clock.now())
        event.add("location", row.place or "Jobcentret")
        event.add("description", row.purpose)
        if row.status == "cancelled":
            event.add("status", "CANCELLED")
        cal.add_component(event)
        return cal.to_ical()

