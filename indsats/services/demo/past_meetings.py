"""Demo meetings that have already begun: the demo caseworker's booked meetings on the last working day, so a
new user can mark one held or not attended (udeblevet) and see the availability case it opens. Booking through
the UI refuses a time that has passed, so without these a fresh demo has nothing to mark."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from indsats.domain import clock
from indsats.domain.enums import ConversationStatus
from indsats.law.calendar import is_workday
from indsats.services.accounts.demo_accounts import _busiest_caseworker
from indsats.store.casework_tables import AppointmentRow, AppointmentSlotRow
from indsats.store.db import Database
from indsats.store.tables import BenefitSpellRow, CitizenRow, ConversationRow

HOURS = (time(9, 0), time(10, 0), time(11, 0))


def last_workday_before(day: date) -> date:
    day -= timedelta(days=1)
    while not is_workday(day):
        day -= timedelta(days=1)
    return day


def seed_past_meetings(db: Database, as_of: date | None = None) -> int:
    """Book three meetings on the last working day for each municipality's demo caseworker; returns how many."""
    day = last_workday_before(as_of or clock.today())
    made = 0
    with db.unit_of_work() as session:
        codes = sorted(set(session.scalars(select(CitizenRow.municipality_code).distinct())))
        for code in codes:
            worker = _busiest_caseworker(session, code)
            if worker is None:
                continue
            active = select(BenefitSpellRow.citizen_id).where(BenefitSpellRow.end.is_(None))
            citizens = session.scalars(select(CitizenRow).where(CitizenRow.caseworker_id == worker.id,
                                                                CitizenRow.id.in_(active))
                                       .order_by(CitizenRow.id).limit(len(HOURS))).all()
            for citizen, hour in zip(citizens, HOURS, strict=False):
                starts_at = datetime.combine(day, hour)
                conversation = ConversationRow(citizen_id=citizen.id, date=day, kind="individual",
                                               status=ConversationStatus.BOOKED.value, caseworker_id=worker.id, note="")
                session.add(conversation)
                session.flush()
                row = AppointmentRow(citizen_id=citizen.id, caseworker_id=worker.id, starts_at=starts_at, minutes=30,
                                     channel="attendance", place="Jobcentret", purpose="Opfølgning på jobsøgningen",
                                     status="booked", conversation_id=conversation.id, booked_by="demo",
                                     booked_at=clock.now() - timedelta(days=14))
                session.add(row)
                session.flush()
                session.add_all([AppointmentSlotRow(appointment_id=row.id, caseworker_id=worker.id,
                                                    slot_start=starts_at + timedelta(minutes=15 * q)) for q in (0, 1)])
                made += 1
    return made
