"""Tables of the company side: the company register, the jobcenter's contacts, job orders,
candidate profiles and company centres (virksomhedscentre).

``companies.employees`` and ``company_contacts.schemes`` (a JSON list of wage_subsidy,
company_internship, flexjob, mentor, job_rotation, adult_apprentice) feed the
cooperation rate (samarbejdsgrad).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base
from .consent_columns import ConsentColumns


class CompanyRow(Base):
    __tablename__ = "companies"
    cvr: Mapped[str] = mapped_column(String(8), primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    municipality_code: Mapped[str] = mapped_column(ForeignKey("municipalities.code"), index=True)
    industry_code: Mapped[str] = mapped_column(String(10), default="")
    industry: Mapped[str] = mapped_column(String(160), default="")
    employees: Mapped[int] = mapped_column(Integer, default=0)
    address: Mapped[str] = mapped_column(String(160), default="")
    postcode: Mapped[str] = mapped_column(String(4), default="")
    city: Mapped[str] = mapped_column(String(80), default="")


class ProductionUnitRow(Base):
    """Produktionsenhed (P-nummer): one workplace of a company."""

    __tablename__ = "production_units"
    p_number: Mapped[str] = mapped_column(String(10), primary_key=True)
    company_cvr: Mapped[str] = mapped_column(ForeignKey("companies.cvr"), index=True)
    name: Mapped[str] = mapped_column(String(160), default="")
    address: Mapped[str] = mapped_column(String(160), default="")
    postcode: Mapped[str] = mapped_column(String(4), default="")
    city: Mapped[str] = mapped_column(String(80), default="")
    employees: Mapped[int] = mapped_column(Integer, default=0)


class CompanyPersonRow(Base):
    """Kontaktperson hos virksomheden."""

    __tablename__ = "company_persons"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_cvr: Mapped[str] = mapped_column(ForeignKey("companies.cvr"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(120), default="")
    email: Mapped[str] = mapped_column(String(160), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")


class CompanyContactRow(Base):
    __tablename__ = "company_contacts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_cvr: Mapped[str] = mapped_column(ForeignKey("companies.cvr"), index=True)
    date: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(20))
    purpose: Mapped[str] = mapped_column(Text, default="")
    schemes: Mapped[list] = mapped_column(default=list)
    result: Mapped[str] = mapped_column(Text, default="")
    next_followup: Mapped[date | None] = mapped_column(Date)
    consultant_id: Mapped[int | None] = mapped_column(ForeignKey("caseworkers.id"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("company_persons.id"))
    followup_done: Mapped[bool] = mapped_column(Boolean, default=False)


class JobOrderRow(Base):
    """Jobordre: a company asks the jobcenter for candidates."""

    __tablename__ = "job_orders"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_cvr: Mapped[str] = mapped_column(ForeignKey("companies.cvr"), index=True)
    municipality_code: Mapped[str] = mapped_column(ForeignKey("municipalities.code"), index=True)
    title: Mapped[str] = mapped_column(String(160))
    description: Mapped[str] = mapped_column(Text, default="")
    occupation_uri: Mapped[str | None] = mapped_column(String(120))
    occupation_label: Mapped[str] = mapped_column(String(160), default="")
    kind: Mapped[str] = mapped_column(String(20), default="ordinary")
    hours_per_week: Mapped[float | None] = mapped_column(Float)
    positions: Mapped[int] = mapped_column(Integer, default=1)
    address: Mapped[str] = mapped_column(String(160), default="")
    postcode: Mapped[str] = mapped_column(String(4), default="")
    requires_driving_licence: Mapped[bool] = mapped_column(Boolean, default=False)
    requires_languages: Mapped[list] = mapped_column(default=list)
    heavy_lifting: Mapped[bool] = mapped_column(Boolean, default=False)
    night_work: Mapped[bool] = mapped_column(Boolean, default=False)
    requirements: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    created: Mapped[date] = mapped_column(Date)
    filled_date: Mapped[date | None] = mapped_column(Date, index=True)
    consultant_id: Mapped[int | None] = mapped_column(ForeignKey("caseworkers.id"))


class CandidateProfileRow(ConsentColumns, Base):
    """Kandidatprofil: what the jobcenter may use to match a ledig to a job."""

    __tablename__ = "candidate_profiles"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), unique=True)
    occupations: Mapped[list] = mapped_column(default=list)
    occupation_uris: Mapped[list] = mapped_column(default=list)
    skills: Mapped[list] = mapped_column(default=list)
    education: Mapped[str] = mapped_column(String(200), default="")
    driving_licence: Mapped[bool] = mapped_column(Boolean, default=False)
    languages: Mapped[list] = mapped_column(default=list)
    accommodation_needs: Mapped[list] = mapped_column(default=list)
    max_hours: Mapped[float | None] = mapped_column(Float)
    max_commute_km: Mapped[float | None] = mapped_column(Float)
    available_from: Mapped[date | None] = mapped_column(Date)
    # the consent columns (ConsentColumns) stand here; sort_order=1 keeps these two after them
    summary: Mapped[str] = mapped_column(Text, default="", sort_order=1)
    updated: Mapped[date | None] = mapped_column(Date, sort_order=1)


class JobProposalRow(Base):
    """A candidate proposed to a company for one of its job orders."""

    __tablename__ = "job_proposals"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_order_id: Mapped[int] = mapped_column(ForeignKey("job_orders.id"), index=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), index=True)
    proposed_on: Mapped[date] = mapped_column(Date)
    score: Mapped[float] = mapped_column(Float, default=0.0)
    reasons: Mapped[list] = mapped_column(default=list)
    status: Mapped[str] = mapped_column(String(20), default="proposed")

    __table_args__ = (UniqueConstraint("job_order_id", "citizen_id", name="uq_job_proposals_job_citizen"),)


class CompanyCentreRow(Base):
    """Virksomhedscenter: an agreement on fixed internship places with a mentor."""

    __tablename__ = "company_centres"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_cvr: Mapped[str] = mapped_column(ForeignKey("companies.cvr"), index=True)
    name: Mapped[str] = mapped_column(String(160))
    places: Mapped[int] = mapped_column(Integer)
    mentor_name: Mapped[str] = mapped_column(String(120), default="")
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date | None] = mapped_column(Date)


class CentrePlacementRow(Base):
    """A citizen placed in a company centre; ``end`` is exclusive (first day out)."""

    __tablename__ = "centre_placements"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("company_centres.id"), index=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), index=True)
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date | None] = mapped_column(Date)
