"""Tables of the case side: municipalities, staff, citizens and their timelines, users, audit.

Company-side tables live in ``company_tables.py``. Import ``indsats.store.schema`` to get
all tables registered on ``Base.metadata``.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class MunicipalityRow(Base):
    __tablename__ = "municipalities"
    code: Mapped[str] = mapped_column(String(3), primary_key=True)
    name: Mapped[str] = mapped_column(String(80))


class TeamRow(Base):
    __tablename__ = "teams"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    municipality_code: Mapped[str] = mapped_column(ForeignKey("municipalities.code"), index=True)
    target_groups: Mapped[list] = mapped_column(default=list)


class CaseworkerRow(Base):
    __tablename__ = "caseworkers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    initials: Mapped[str] = mapped_column(String(10))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"), index=True)
    municipality_code: Mapped[str] = mapped_column(ForeignKey("municipalities.code"), index=True)


class CitizenRow(Base):
    __tablename__ = "citizens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cpr: Mapped[str] = mapped_column(String(10), unique=True)
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    birth_date: Mapped[date] = mapped_column(Date)
    municipality_code: Mapped[str] = mapped_column(ForeignKey("municipalities.code"), index=True)
    address: Mapped[str] = mapped_column(String(160), default="")
    postcode: Mapped[str] = mapped_column(String(4), default="")
    city: Mapped[str] = mapped_column(String(80), default="")
    caseworker_id: Mapped[int | None] = mapped_column(ForeignKey("caseworkers.id"), index=True)
    synthetic: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (Index("ix_citizens_name", "last_name", "first_name"),)


class BenefitSpellRow(Base):
    __tablename__ = "benefit_spells"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), index=True)
    benefit: Mapped[str] = mapped_column(String(40))
    readiness: Mapped[str | None] = mapped_column(String(40))
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date | None] = mapped_column(Date)
    sickness_category: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (Index("ix_benefit_spells_benefit_start", "benefit", "start"),)


class ConversationRow(Base):
    __tablename__ = "conversations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), index=True)
    date: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20), default="individual")
    status: Mapped[str] = mapped_column(String(20), default="held")
    caseworker_id: Mapped[int | None] = mapped_column(ForeignKey("caseworkers.id"))
    note: Mapped[str] = mapped_column(Text, default="")


class OfferRow(Base):
    __tablename__ = "offers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), index=True)
    offer_type: Mapped[str] = mapped_column(String(40))
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date | None] = mapped_column(Date)
    hours_per_week: Mapped[float] = mapped_column(Float, default=0.0)
    company_cvr: Mapped[str | None] = mapped_column(String(8))
    given_on: Mapped[date | None] = mapped_column(Date)


class CaseEventRow(Base):
    __tablename__ = "case_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), index=True)
    date: Mapped[date] = mapped_column(Date)
    type: Mapped[str] = mapped_column(String(40))
    data: Mapped[dict] = mapped_column(default=dict)


class CitizenPlanRow(Base):
    __tablename__ = "citizen_plans"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), unique=True)
    goal: Mapped[str] = mapped_column(Text)
    activities: Mapped[list] = mapped_column(default=list)
    updated: Mapped[date | None] = mapped_column(Date)


class UserRow(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(30))
    municipality_code: Mapped[str] = mapped_column(ForeignKey("municipalities.code"))
    display_name: Mapped[str] = mapped_column(String(120), default="")
    caseworker_id: Mapped[int | None] = mapped_column(ForeignKey("caseworkers.id"))
    citizen_id: Mapped[int | None] = mapped_column(ForeignKey("citizens.id"))
    company_cvr: Mapped[str | None] = mapped_column(String(8))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    # The OpenID Connect subject (``sub``) that logs in as this account; set by ``indsats users link-oidc``
    oidc_subject: Mapped[str | None] = mapped_column(String(255), unique=True)


class AuditRow(Base):
    """Logning: one row per read, disclosure or export of a citizen's personal data, per refused attempt,
    and per log-in, failed log-in, log-out and account change."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    username: Mapped[str] = mapped_column(String(80), index=True)
    role: Mapped[str] = mapped_column(String(30))
    citizen_id: Mapped[int | None] = mapped_column(Integer, index=True)
    action: Mapped[str] = mapped_column(String(200))
    municipality_code: Mapped[str] = mapped_column(String(3), index=True)
    # read | disclosure (to a company) | export | refused | login | login_failed | logout | account; ``recipient`` is the company's CVR of a disclosure
    kind: Mapped[str] = mapped_column(String(20), default="read", server_default="read", index=True)
    recipient: Mapped[str | None] = mapped_column(String(20))
