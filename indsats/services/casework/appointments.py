"""Meetings as appointments: booking a caseworker's time, the calendar with free slots, the outcome.

A booking takes the caseworker's quarter hours in ``appointment_slots`` (unique per
caseworker and quarter), so two bookings of the same time cannot both be stored — the
second is refused with ``SlotTaken`` (409). A booked appointment is a booked conversation
on the case; marked held it becomes the held ``conversation`` the law engine counts;
marked not attended (udeblevet) it opens an availability case (``availability``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from indsats.domain import clock
from indsats.domain.enums import ConversationStatus, Role
from indsats.domain.formatting import dato
from indsats.domain.models import User
from indsats.law.calendar import is_workday
from indsats.services.accounts import audit
from indsats.services.accounts.access import ensure_may_read_citizen, ensure_role
from indsats.services.shared.errors import Conflict, Forbidden, InvalidInput, NotFound
from indsats.store.casework_tables import AppointmentRow, AppointmentSlotRow
from indsats.store.db import Database
from indsats.store.tables import CaseworkerRow, CitizenRow, ConversationRow

QUARTER = timedelta(minutes=15)
CHANNEL_DA = {"attendance": "Fremmøde", "phone": "Telefon", "video": "Video"}
STATUS_DA = {"booked": "Booket", "held": "Afholdt", "cancelled": "Aflyst", "no_show": "Udeblevet"}
OUTCOMES = ("held", "cancelled", "no_show")


LOCAL = ZoneInfo("Europe/Copenhagen")


def local_now() -> datetime:
    """Now on the jobcenter's wall clock (appointments are stored as local times)."""
    return clock.now().astimezone(LOCAL).replace(tzinfo=None)


def working_hours(day: date) -> tuple[time, time] | None:
    """The jobcenter's opening hours for meetings: Monday–Thursday 8–15.30, Friday 8–13, not on holidays."""
    if not is_workday(day):
        return None
    return (time(8, 0), time(13, 0)) if day.weekday() == 4 else (time(8, 0), time(15, 30))


class SlotTaken(Conflict):
    """The caseworker's time is already booked; ``field`` names the form field to show it at."""

    field = "time"


@dataclass(frozen=True)
class Slot:
    starts_at: datetime
    minutes: int


@dataclass(frozen=True)
class AppointmentView:
    id: int
    citizen_id: int
    citizen_name: str
    caseworker_id: int
    caseworker_name: str
    starts_at: datetime
    minutes: int
    channel: str
    channel_da: str
    place: str
    purpose: str
    status: str
    status_da: str
    outcome_note: str

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.minutes)


def _quarters(start: datetime, minutes: int) -> list[datetime]:
    return [start + i * QUARTER for i in range(minutes // 15)]


def _within_hours(start: datetime, minutes: int) -> bool:
    hours = working_hours(start.date())
    if hours is None:
        return False
    end = start + timedelta(minutes=minutes)
    return start.time() >= hours[0] and end.date() == start.date() and end.time() <= hours[1]


def _taken(session: Session, caseworker_id: int, start: datetime, end: datetime) -> set[datetime]:
    return set(session.scalars(select(AppointmentSlotRow.slot_start).where(
        AppointmentSlotRow.caseworker_id == caseworker_id, AppointmentSlotRow.slot_start >= start,
        AppointmentSlotRow.slot_start < end)))


def free_slots_in(session: Session, caseworker_id: int, start: date | datetime, end: date | datetime,
                  minutes: int = 30) -> list[Slot]:
    """Every start (on the quarter hour) from ``start`` up to ``end`` where ``minutes`` of the
    caseworker's working time are free and not in the past."""
    first = start if isinstance(start, datetime) else datetime.combine(start, time.min)
    last = end if isinstance(end, datetime) else datetime.combine(end, time.min)
    first = max(first, local_now())
    if first.second or first.microsecond:  # a started minute is past: the next quarter after it
        first = first.replace(second=0, microsecond=0) + timedelta(minutes=1)
    first += timedelta(minutes=(-first.minute) % 15)
    taken = _taken(session, caseworker_id, first, last + timedelta(minutes=minutes))
    out, cursor = [], first
    while cursor < last:
        quarters = _quarters(cursor, minutes)
        if _within_hours(cursor, minutes) and not taken.intersection(quarters):
            out.append(Slot(cursor, minutes))
        cursor += QUARTER
    return out


def free_slots(db: Database, caseworker_id: int, start: date | datetime, end: date | datetime,
               minutes: int = 30) -> list[Slot]:
    """Free slots of a caseworker (no personal data: for the calendar and the citizen's self-booking)."""
    if minutes % 15 or not 15 <= minutes <= 180:
        raise InvalidInput("Varigheden skal være 15 til 180 minutter i hele kvarterer.")
    with db.unit_of_work() as session:
        if session.get(CaseworkerRow, caseworker_id) is None:
            raise NotFound("Sagsbehandleren findes ikke.")
        return free_slots_in(session, caseworker_id, start, end, minutes)


def book_in_session(session: Session, user: User, citizen: CitizenRow, caseworker_id: int | None,
                    starts_at: datetime, minutes: int, channel: str, place: str, purpose: str) -> AppointmentRow:
    """Book within the caller's transaction; raises SlotTaken (409) when the time is not free."""
    worker_id = caseworker_id or user.caseworker_id or citizen.caseworker_id
    worker = session.get(CaseworkerRow, worker_id) if worker_id else None
    if worker is None or worker.municipality_code != citizen.municipality_code:
        raise InvalidInput("Vælg en sagsbehandler i borgerens kommune.")
    if starts_at.minute % 15 or minutes % 15:
        raise SlotTaken("Møder bookes i hele kvarterer (fx 9.00, 9.15, 9.30).")
    if starts_at < local_now():
        raise SlotTaken("Tidspunktet er allerede passeret.")
    if not _within_hours(starts_at, minutes):
        raise SlotTaken("Tidspunktet ligger uden for åbningstiden (mandag–torsdag 8–15.30, fredag 8–13, ikke "
                        "helligdage).")
    quarters = _quarters(starts_at, minutes)
    if _taken(session, worker.id, quarters[0], quarters[-1] + QUARTER):
        raise SlotTaken(f"{worker.name} har allerede en aftale {dato(starts_at.date())} i tidsrummet "
                        f"{starts_at:%H.%M}–{starts_at + timedelta(minutes=minutes):%H.%M}. Vælg en ledig tid.")
    conversation = ConversationRow(citizen_id=citizen.id, date=starts_at.date(), kind="individual",
                                   status=ConversationStatus.BOOKED.value, caseworker_id=worker.id, note="")
    session.add(conversation)
    session.flush()
    row = AppointmentRow(citizen_id=citizen.id, caseworker_id=worker.id, starts_at=starts_at, minutes=minutes,
                         channel=channel, place=place, purpose=purpose, status="booked",
                         conversation_id=conversation.id, booked_by=user.username, booked_at=clock.now())
    session.add(row)
    session.flush()
    session.add_all([AppointmentSlotRow(appointment_id=row.id, caseworker_id=worker.id, slot_start=q)
                     for q in quarters])
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError:
        raise SlotTaken(f"{worker.name} blev netop booket i samme tidsrum. Vælg en anden tid.") from None
    return row


def _view(row: AppointmentRow, citizen: CitizenRow, worker: CaseworkerRow | None) -> AppointmentView:
    return AppointmentView(
        id=row.id, citizen_id=row.citizen_id, citizen_name=f"{citizen.first_name} {citizen.last_name}",
        caseworker_id=row.caseworker_id, caseworker_name=worker.name if worker else "", starts_at=row.starts_at,
        minutes=row.minutes, channel=row.channel, channel_da=CHANNEL_DA.get(row.channel, row.channel),
        place=row.place, purpose=row.purpose, status=row.status, status_da=STATUS_DA.get(row.status, row.status),
        outcome_note=row.outcome_note)


def appointment_in_scope(session: Session, user: User, appointment_id: int) -> tuple[AppointmentRow, CitizenRow]:
    row = session.get(AppointmentRow, appointment_id)
    if row is None:
        raise NotFound("Aftalen findes ikke.")
    citizen = session.get(CitizenRow, row.citizen_id)
    ensure_may_read_citizen(user, citizen)
    return row, citizen


def citizen_appointments(session: Session, citizen_id: int) -> list[AppointmentView]:
    """The citizen's appointments, newest first (the caller has checked access)."""
    citizen = session.get(CitizenRow, citizen_id)
    rows = session.scalars(select(AppointmentRow).where(AppointmentRow.citizen_id == citizen_id)
                           .order_by(AppointmentRow.starts_at.desc())).all()
    ids = {r.caseworker_id for r in rows}
    workers = {w.id: w for w in session.scalars(select(CaseworkerRow).where(CaseworkerRow.id.in_(ids)))} if ids else {}
    return [_view(r, citizen, workers.get(r.caseworker_id)) for r in rows]


MAX_NOTE = 4000  # the outcome's note (also the conversation's note)


def record_outcome(db: Database, user: User, appointment_id: int, outcome: str, note: str = "") -> int | None:
    """Mark a booked appointment held, cancelled or not attended; returns an opened availability case's id."""
    from indsats.services.casework import availability
    from indsats.services.casework.obligation_store import refresh_citizen

    ensure_role(user, Role.CASEWORKER, Role.TEAM_LEADER)
    if outcome not in OUTCOMES:
        raise InvalidInput("Vælg afholdt, aflyst eller udeblevet.")
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise InvalidInput(f"Notatet må højst være {MAX_NOTE} tegn (det er {len(note)}).")
    opened = None
    with db.unit_of_work() as session:
        row, citizen = appointment_in_scope(session, user, appointment_id)
        if row.status != "booked":
            raise InvalidInput(f"Aftalen er allerede markeret som {STATUS_DA[row.status].lower()}.")
        if outcome in ("held", "no_show") and row.starts_at > local_now():
            raise InvalidInput("Et møde, der ikke er begyndt, kan kun aflyses.")
        row.status, row.outcome_note = outcome, note
        conversation = session.get(ConversationRow, row.conversation_id) if row.conversation_id else None
        if conversation is not None:
            conversation.status = {"held": "held", "cancelled": "cancelled", "no_show": "no_show"}[outcome]
            conversation.note = note
        if outcome == "cancelled":
            session.execute(delete(AppointmentSlotRow).where(AppointmentSlotRow.appointment_id == row.id))
        if outcome == "no_show":
            opened = availability.open_case_in_session(session, user, citizen, "missed_meeting",
                                                       row.starts_at.date(), appointment_id=row.id)
        audit.record_read(session, user, citizen.id, f"markerede aftale {row.starts_at:%Y-%m-%d %H:%M} som "
                                                     f"{STATUS_DA[outcome].lower()}")
        session.flush()
        refresh_citizen(session, citizen.id)
    return opened


@dataclass(frozen=True)
class CalendarDay:
    day: date
    hours: tuple[time, time] | None
    appointments: list[AppointmentView]
    free: list[Slot]


def calendar(db: Database, user: User, caseworker_id: int | None, first_day: date, days: int = 1
             ) -> tuple[CaseworkerRow, list[CalendarDay], list[tuple[int, str]]]:
    """A caseworker's days: the appointments and the free half hours. A caseworker sees their own
    calendar, a team leader those of the team. Returns (caseworker, days, the calendars one may open)."""
    ensure_role(user, Role.CASEWORKER, Role.TEAM_LEADER)
    with db.unit_of_work() as session:
        own = session.get(CaseworkerRow, user.caseworker_id) if user.caseworker_id else None
        if own is None:
            raise NotFound("Din bruger er ikke knyttet til en sagsbehandler.")
        if user.role == Role.TEAM_LEADER and own.team_id is not None:
            choices = list(session.scalars(select(CaseworkerRow).where(CaseworkerRow.team_id == own.team_id)
                                           .order_by(CaseworkerRow.name)))
        else:
            choices = [own]
        worker = next((w for w in choices if w.id == (caseworker_id or own.id)), None)
        if worker is None:
            raise Forbidden("Du kan kun se din egen kalender og dit teams.")
        start = datetime.combine(first_day, time.min)
        end = start + timedelta(days=days)
        rows = session.scalars(select(AppointmentRow).where(
            AppointmentRow.caseworker_id == worker.id, AppointmentRow.starts_at >= start,
            AppointmentRow.starts_at < end).order_by(AppointmentRow.starts_at)).all()
        citizens = {c.id: c for c in session.scalars(select(CitizenRow).where(
            CitizenRow.id.in_({r.citizen_id for r in rows})))}
        views = [_view(r, citizens[r.citizen_id], worker) for r in rows]
        free = free_slots_in(session, worker.id, start, end, 30)
        audit.record_reads(session, user, sorted(citizens), "kalender")
        out = []
        for i in range(days):
            day = first_day + timedelta(days=i)
            out.append(CalendarDay(day, working_hours(day), [v for v in views if v.starts_at.date() == day],
                                   [s for s in free if s.starts_at.date() == day and s.starts_at.minute in (0, 30)]))
        session.expunge(worker)
        return worker, out, [(w.id, w.name) for w in choices]


def invitation_pdf(db: Database, user: User, appointment_id: int) -> tuple[str, bytes]:
    """The invitation letter (indkaldelse) as PDF; the first print is kept in the journal as a letter sent."""
    from indsats.services.casework import letters
    from indsats.store.casework_tables import JournalNoteRow

    ensure_role(user, Role.CASEWORKER, Role.TEAM_LEADER)
    with db.unit_of_work() as session:
        row, citizen = appointment_in_scope(session, user, appointment_id)
        letter = letters.invitation(session, row)
        title = f"{letter.title} {row.starts_at:%d.%m.%Y %H.%M}"
        if session.scalar(select(JournalNoteRow.id).where(JournalNoteRow.citizen_id == citizen.id,
                                                          JournalNoteRow.title == title)) is None:
            letters.keep_in_journal(session, user, citizen.id, letters.Letter(title, letter.sections))
        audit.record_read(session, user, citizen.id, f"indkaldelse {row.starts_at:%Y-%m-%d %H:%M} som PDF")
        return f"indkaldelse-{row.starts_at:%Y-%m-%d-%H%M}.pdf", letters.render_pdf(session, user, citizen, letter)
