"""Comparison figures (sammenligningstal) for goals: imported from jobindsats.dk or synthesised
for the demo's cluster of comparable municipalities."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class ComparisonFigureRow(Base):
    """One figure: an area's (cluster, RAR, municipality) value of a measure in a period."""

    __tablename__ = "comparison_figures"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    municipality_code: Mapped[str] = mapped_column(ForeignKey("municipalities.code"), index=True)
    area: Mapped[str] = mapped_column(String(160))
    measure: Mapped[str] = mapped_column(String(120))  # e.g. expenditure_per_labour_force_person:cash_benefit+education_benefit
    period: Mapped[str] = mapped_column(String(20))
    period_end: Mapped[date] = mapped_column(Date)
    value: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(200), default="")
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_comparison_figures_lookup", "municipality_code", "measure", "area", "period_end"),)
