"""Tables of the company side: companies and the jobcenter's contacts with them.

Job orders, candidate profiles and company centres are added here by the company
service (issue 5).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


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
