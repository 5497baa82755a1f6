"""The coordinated plan (samlet plan, "Fælles Borger") and sick-leave retention.

- ``coordination_participants``: a user from another department (social, health, youth) added to one
  citizen's coordinated plan by the caseworker; ``removed_at`` set = no longer a participant.
- ``sharing_consents``: the citizen's consent to share the coordinated plan with a department (one row
  per citizen and scope; given or withdrawn, dated, who recorded it).
- ``coordination_entries``: what each participant contributes — a goal, an action, the health
  coordinator's advice (sundhedsfaglig rådgivning) or, as dated history, the rehabilitation team's
  recommendation — with author, role, department and time.
- ``coordination_decisions``: a decision on flex job or disability pension and the advice it rests on.
- ``sick_leave_records``: partial return, retention plan, fast track, the parties (employer, doctor)
  and the outcome of a sick-leave spell (back at the same workplace or not).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base
from .consent_columns import ConsentColumns


class CoordinationParticipantRow(Base):
    __tablename__ = "coordination_participants"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    department: Mapped[str] = mapped_column(String(20))
    added_by: Mapped[str] = mapped_column(String(80))
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    removed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    removed_by: Mapped[str | None] = mapped_column(String(80))


class SharingConsentRow(ConsentColumns, Base):
    __tablename__ = "sharing_consents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), index=True)
    scope: Mapped[str] = mapped_column(String(20))
    # then the same consent record as the candidate profile's (ConsentColumns)

    __table_args__ = (UniqueConstraint("citizen_id", "scope", name="uq_sharing_consents_citizen_scope"),)


class CoordinationEntryRow(Base):
    __tablename__ = "coordination_entries"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))  # goal | action | health_advice | rehabilitation_team
    day: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    department: Mapped[str] = mapped_column(String(20))
    author_username: Mapped[str] = mapped_column(String(80))
    author_name: Mapped[str] = mapped_column(String(120))
    author_role: Mapped[str] = mapped_column(String(30))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CoordinationDecisionRow(Base):
    __tablename__ = "coordination_decisions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))  # flexjob | disability_pension
    day: Mapped[date] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(String(20))  # granted | refused
    reasoning: Mapped[str] = mapped_column(Text)
    basis_entry_id: Mapped[int | None] = mapped_column(ForeignKey("coordination_entries.id"))
    rule: Mapped[str] = mapped_column(String(40))  # the dated prerequisite applied
    decided_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SickLeaveRecordRow(Base):
    """kind: partial_return (hours_per_week from ``day``) | retention_plan (§ 7 a) | fast_track (§ 7 b) |
    party (employer or doctor) | return (the spell's outcome: ``outcome`` same_workplace, other_work, none)."""

    __tablename__ = "sick_leave_records"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    day: Mapped[date] = mapped_column(Date)
    hours_per_week: Mapped[float | None] = mapped_column(Float)
    party_role: Mapped[str | None] = mapped_column(String(20))  # employer | doctor
    name: Mapped[str] = mapped_column(String(200), default="")
    company_cvr: Mapped[str | None] = mapped_column(String(8))
    outcome: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_sick_leave_records_kind_day", "kind", "day"),)
