"""Tables of the youth and integration programmes: a young person's education plan made with youth
guidance and followed around the planned start, education orders kept as dated history, the start of
the integration effort, and each citizen's steps on the employment staircase."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class EducationPlanRow(Base):
    """Uddannelsesplan: made (with youth guidance — ungdommens uddannelsesvejledning/KUI — or not) for an education
    with a planned start; the contact around the start, the real start and a drop-out are followed."""

    __tablename__ = "education_plans"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), index=True)
    made_on: Mapped[date] = mapped_column(Date)
    with_youth_guidance: Mapped[bool] = mapped_column(Boolean, default=False)
    guidance_counsellor: Mapped[str] = mapped_column(String(200), default="")
    education: Mapped[str] = mapped_column(String(200))
    planned_start: Mapped[date] = mapped_column(Date, index=True)
    contact_on: Mapped[date | None] = mapped_column(Date)
    started_on: Mapped[date | None] = mapped_column(Date)
    dropped_on: Mapped[date | None] = mapped_column(Date)


class EducationOrderRow(Base):
    """Uddannelsespålæg, kept as dated history (the reform's phase 2 announces its end)."""

    __tablename__ = "education_orders"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), index=True)
    given_on: Mapped[date] = mapped_column(Date)
    education: Mapped[str] = mapped_column(String(200), default="")
    law_status: Mapped[str] = mapped_column(String(20))  # yes | manual_review (law.programmes.education_order)
    note: Mapped[str] = mapped_column(Text, default="")


class IntegrationStartRow(Base):
    """The integration effort: when the municipality took over responsibility and when the first
    company-oriented offer started (measured against ``law.programmes.integration_first_offer``)."""

    __tablename__ = "integration_starts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), index=True, unique=True)
    responsibility_from: Mapped[date] = mapped_column(Date, index=True)
    first_offer_on: Mapped[date | None] = mapped_column(Date)


class StaircaseStepRow(Base):
    """A step on the employment staircase: from ``on`` the citizen is at ``position``."""

    __tablename__ = "staircase_steps"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), index=True)
    on: Mapped[date] = mapped_column(Date, index=True)
    position: Mapped[str] = mapped_column(String(30))
