"""The citizen's self-service: CV additions, job log, messages with the jobcenter, answers to Min Plan.

The CV's matching fields (occupations, skills, education, licence, languages, hours, commute,
accommodation needs, consent) live in ``candidate_profiles`` so the company consultants' matching
reads them unchanged; ``citizen_cvs`` holds what only the CV has and marks that the citizen has one.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class CitizenCvRow(Base):
    """The citizen's own CV: work experience, and when consent was last withdrawn."""

    __tablename__ = "citizen_cvs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), unique=True)
    experience: Mapped[str] = mapped_column(Text, default="")
    updated: Mapped[date] = mapped_column(Date)
    consent_withdrawn_on: Mapped[date | None] = mapped_column(Date)


class JobApplicationRow(Base):
    """Joblog: one application the citizen sent."""

    __tablename__ = "job_applications"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"))
    employer: Mapped[str] = mapped_column(String(200))
    job_title: Mapped[str] = mapped_column(String(200))
    applied_on: Mapped[date] = mapped_column(Date)
    how: Mapped[str] = mapped_column(String(20))
    logged_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_job_applications_citizen_day", "citizen_id", "applied_on"),)


class CitizenMessageRow(Base):
    """One message in the secure thread between a citizen and the jobcenter."""

    __tablename__ = "citizen_messages"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"))
    from_citizen: Mapped[bool] = mapped_column(Boolean)
    author: Mapped[str] = mapped_column(String(120))
    body: Mapped[str] = mapped_column(Text)
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("case_documents.id"))  # an attached document

    __table_args__ = (Index("ix_citizen_messages_thread", "citizen_id", "sent_at"),)


class PlanAnswerRow(Base):
    """The citizen's answer to Min Plan (accepted or a comment), with the plan as it was answered."""

    __tablename__ = "plan_answers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), index=True)
    answer: Mapped[str] = mapped_column(String(20))  # accepted, comment
    comment: Mapped[str] = mapped_column(Text, default="")
    plan_goal: Mapped[str] = mapped_column(Text, default="")
    plan_activities: Mapped[list] = mapped_column(default=list)
    plan_updated: Mapped[date | None] = mapped_column(Date)
    answered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
