"""The economy's own records (docs/ECONOMY.md): the budget by area and month, entered
costs (løn, drift), prices of offers per week, and labour-force figures for the expenditure
per person in the labour force. Benefit expenditure itself is computed from the panel."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    Numeric,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base

MONEY = Numeric(14, 2)


class AreaMonthAmount:
    """The columns a budget line and an entered cost share: a municipality's amount for one area in one month.

    ``sort_order=-1``: these columns stand first in the table, as they did before they were shared."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True, sort_order=-1)
    municipality_code: Mapped[str] = mapped_column(ForeignKey("municipalities.code"), index=True, sort_order=-1)
    year: Mapped[int] = mapped_column(Integer, sort_order=-1)
    month: Mapped[int] = mapped_column(Integer, sort_order=-1)
    area: Mapped[str] = mapped_column(String(20), sort_order=-1)
    amount: Mapped[float] = mapped_column(MONEY, sort_order=-1)


class BudgetLineRow(AreaMonthAmount, Base):
    """The budget of one area (forsørgelse, aktivering, drift, løn) in one month."""

    __tablename__ = "budget_lines"
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (UniqueConstraint("municipality_code", "year", "month", "area", name="uq_budget_line"),)


class CostEntryRow(AreaMonthAmount, Base):
    """An actual cost entered for an area and month (løn, drift; aktivering beyond offer prices)."""

    __tablename__ = "cost_entries"
    note: Mapped[str] = mapped_column(String(200), default="")
    entered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class OfferPriceRow(Base):
    """The price per week of an offer type, for one provider (CVR) or for all ('')."""

    __tablename__ = "offer_prices"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    municipality_code: Mapped[str] = mapped_column(ForeignKey("municipalities.code"), index=True)
    offer_type: Mapped[str] = mapped_column(String(40))
    provider: Mapped[str] = mapped_column(String(8), default="")
    valid_from: Mapped[date] = mapped_column(Date)
    weekly_price: Mapped[float] = mapped_column(MONEY)

    __table_args__ = (UniqueConstraint("municipality_code", "offer_type", "provider", "valid_from",
                                       name="uq_offer_price"),)


class LabourForceRow(Base):
    """Persons in the labour force of an area (the municipality or its comparison group) in a year."""

    __tablename__ = "labour_force"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    municipality_code: Mapped[str] = mapped_column(ForeignKey("municipalities.code"), index=True)
    area: Mapped[str] = mapped_column(String(160))
    year: Mapped[int] = mapped_column(Integer)
    persons: Mapped[int] = mapped_column(Integer)
    expenditure: Mapped[float | None] = mapped_column(MONEY, nullable=True)
    source: Mapped[str] = mapped_column(String(200), default="")

    __table_args__ = (UniqueConstraint("municipality_code", "area", "year", name="uq_labour_force"),)


class ScenarioRow(Base):
    """A saved what-if scenario: its assumptions and next year's figures beside the baseline."""

    __tablename__ = "economy_scenarios"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    municipality_code: Mapped[str] = mapped_column(ForeignKey("municipalities.code"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    reference_week: Mapped[str] = mapped_column(String(8))
    assumptions: Mapped[dict] = mapped_column(JSON)
    baseline: Mapped[dict] = mapped_column(JSON)
    result: Mapped[dict] = mapped_column(JSON)
    created_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ScenarioFlowsRow(Base):
    """The flows a scenario simulates from, estimated once per municipality, reference week and
    panel version (a fingerprint of the spells and offers); ``data`` is ``flows_to_bytes``."""

    __tablename__ = "economy_scenario_flows"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    municipality_code: Mapped[str] = mapped_column(ForeignKey("municipalities.code"), index=True)
    reference_week: Mapped[str] = mapped_column(String(8))
    panel_version: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    seconds: Mapped[float] = mapped_column(Float)
    computed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (UniqueConstraint("municipality_code", "reference_week", name="uq_scenario_flows"),)
