"""The employment plan in the store: versions of the validated plan document and their status history."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class PlanVersionRow(Base):
    """One version of a municipality's plan: the pydantic ``EmploymentPlan`` as JSON and its status.

    status: draft (kladde) → sent (sendt til udvalget) → approved (godkendt, with date and decision)
    → in_force (i kraft); a version in force is ``replaced`` when the next one comes into force."""

    __tablename__ = "plan_versions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    municipality_code: Mapped[str] = mapped_column(ForeignKey("municipalities.code"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    year: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    document: Mapped[dict] = mapped_column()
    status: Mapped[str] = mapped_column(String(20), default="draft")
    decided_on: Mapped[date | None] = mapped_column(Date)
    decision: Mapped[str] = mapped_column(Text, default="")
    in_force_from: Mapped[date | None] = mapped_column(Date)
    based_on: Mapped[int | None] = mapped_column(Integer)
    origin: Mapped[str] = mapped_column(String(200), default="")
    created_by: Mapped[str] = mapped_column(String(80), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_plan_versions_number", "municipality_code", "number", unique=True),)


class PlanStatusEventRow(Base):
    """A status change of a plan version: when, to what, the decision and by whom."""

    __tablename__ = "plan_status_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("plan_versions.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    on: Mapped[date] = mapped_column(Date)
    decision: Mapped[str] = mapped_column(Text, default="")
    by: Mapped[str] = mapped_column(String(80), default="")
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class OfferPaletteReasonRow(Base):
    """Why an offer outside the plan's palette for the citizen's target group was chosen (stored with the offer)."""

    __tablename__ = "offer_palette_reasons"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id"), unique=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), index=True)
    target_group: Mapped[str] = mapped_column(String(60))
    offer_type: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text)
    recorded_on: Mapped[date] = mapped_column(Date)
    by: Mapped[str] = mapped_column(String(80), default="")


class CompanyRequestRow(Base):
    """Virksomhedsindgang: a company's request (job order, wage subsidy, internship, flex job, retention of a sick
    employee) that lands with a consultant with a response deadline."""

    __tablename__ = "company_requests"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    municipality_code: Mapped[str] = mapped_column(ForeignKey("municipalities.code"), index=True)
    company_cvr: Mapped[str] = mapped_column(ForeignKey("companies.cvr"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    description: Mapped[str] = mapped_column(Text)
    contact: Mapped[str] = mapped_column(String(200), default="")
    received_on: Mapped[date] = mapped_column(Date)
    respond_by: Mapped[date] = mapped_column(Date)
    consultant_id: Mapped[int | None] = mapped_column(ForeignKey("caseworkers.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="new")
    answered_on: Mapped[date | None] = mapped_column(Date)
    answer: Mapped[str] = mapped_column(Text, default="")
    posted_by: Mapped[str] = mapped_column(String(80), default="")
    posted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
