"""The caseworker's own risk assessment beside the screening (docs/SCREENING_MODEL_CARD.md).

The score itself is never stored: it is recomputed from the panel. What is kept is what the
caseworker judged — the band and a note — with who and when; it is shown first and is what counts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class RiskAssessmentRow(Base):
    """One recorded assessment; the newest per citizen is the current one."""

    __tablename__ = "risk_assessments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), index=True)
    band: Mapped[str] = mapped_column(String(10))  # lav, middel, høj
    note: Mapped[str] = mapped_column(String(500), default="")
    username: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
