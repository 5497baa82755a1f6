"""Tables of the daily casework beyond the timeline: appointments, availability cases, the journal.

A booked appointment holds one ``appointment_slots`` row per quarter hour it covers; the
unique (caseworker, slot) pair is what makes double booking impossible, in the database.
Times are local (Europe/Copenhagen) wall-clock times without a zone, as a calendar shows them.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class AppointmentRow(Base):
    __tablename__ = "appointments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), index=True)
    caseworker_id: Mapped[int] = mapped_column(ForeignKey("caseworkers.id"), index=True)
    starts_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    minutes: Mapped[int] = mapped_column(Integer)
    channel: Mapped[str] = mapped_column(String(20))  # attendance, phone, video
    place: Mapped[str] = mapped_column(String(200), default="")
    purpose: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="booked")  # booked, held, cancelled, no_show
    conversation_id: Mapped[int | None] = mapped_column(ForeignKey("conversations.id"))
    booked_by: Mapped[str] = mapped_column(String(80))
    booked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    outcome_note: Mapped[str] = mapped_column(Text, default="")


class AppointmentSlotRow(Base):
    """One quarter hour of a caseworker's time taken by a booked or held appointment."""

    __tablename__ = "appointment_slots"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    appointment_id: Mapped[int] = mapped_column(ForeignKey("appointments.id", ondelete="CASCADE"), index=True)
    caseworker_id: Mapped[int] = mapped_column(ForeignKey("caseworkers.id"))
    slot_start: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (UniqueConstraint("caseworker_id", "slot_start", name="uq_appointment_slot_caseworker"),)


class AvailabilityCaseRow(Base):
    """Rådighedssag: opened by a missed meeting or a refused offer; hearing, answer, decision."""

    __tablename__ = "availability_cases"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), index=True)
    opened_on: Mapped[date] = mapped_column(Date)
    cause: Mapped[str] = mapped_column(String(30))  # missed_meeting, refused_offer
    cause_date: Mapped[date] = mapped_column(Date)
    appointment_id: Mapped[int | None] = mapped_column(ForeignKey("appointments.id"))
    deadline: Mapped[date] = mapped_column(Date, index=True)
    hearing_sent_on: Mapped[date | None] = mapped_column(Date)
    answer_deadline: Mapped[date | None] = mapped_column(Date)
    answer: Mapped[str] = mapped_column(Text, default="")
    answer_received_on: Mapped[date | None] = mapped_column(Date)
    decision: Mapped[str | None] = mapped_column(String(30))  # no_consequence, sanction, fund_referral
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    decided_on: Mapped[date | None] = mapped_column(Date)
    reduction: Mapped[str] = mapped_column(String(200), default="")
    caseworker_id: Mapped[int | None] = mapped_column(ForeignKey("caseworkers.id"))


class JournalNoteRow(Base):
    __tablename__ = "journal_notes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), index=True)
    written_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    author: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(30), default="note")  # note, letter
    title: Mapped[str] = mapped_column(String(200), default="")
    text: Mapped[str] = mapped_column(Text)


class DocumentRow(Base):
    __tablename__ = "case_documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(80))
    size: Mapped[int] = mapped_column(Integer)
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    uploaded_by: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(200), default="")
    content: Mapped[bytes] = mapped_column(LargeBinary)
