"""The caseworker's own risk assessment beside the screening (docs/SCREENING_MODEL_CARD.md).

What the caseworker judged — the band and a note — with who and when is shown first and is what
counts. The screening's scores of the current week are kept in ``kept_risk_scores`` (one row per
citizen and week, replaced by the weekly refresh) so the list is paged in SQL."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Float, ForeignKey, Index, Integer, String
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


class KeptRiskScoreRow(Base):
    """The screening's score of one newly unemployed citizen in ``week`` (``services.evidence.risk_scores``);
    a support only — nothing is derived from it."""

    __tablename__ = "kept_risk_scores"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    municipality_code: Mapped[str] = mapped_column(String(3))
    week: Mapped[str] = mapped_column(String(10))
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), index=True)
    band: Mapped[str] = mapped_column(String(10))  # lav, middel, høj
    band_rank: Mapped[int] = mapped_column(Integer)  # 0 lav, 1 middel, 2 høj: the list's first sort key
    probability: Mapped[float] = mapped_column(Float)
    factors: Mapped[list] = mapped_column()  # [[factor, value, "øger"/"mindsker"], ...] in words, top three
    model_version: Mapped[str] = mapped_column(String(60))
    computed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_kept_risk_scores_key", "municipality_code", "week", "citizen_id", unique=True),
                      Index("ix_kept_risk_scores_order", "municipality_code", "week", "band_rank", "probability"))


class KeptEffectRow(Base):
    """One kept local effect estimate: an offer type × target group for starts in ``first_week`` ..
    ``last_week``, outcome ``horizon`` weeks later (``services.evidence.effect_estimates``)."""

    __tablename__ = "kept_effect_estimates"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    municipality_code: Mapped[str] = mapped_column(String(3))
    offer: Mapped[str] = mapped_column(String(60))
    target_group: Mapped[str] = mapped_column(String(40))
    horizon: Mapped[int] = mapped_column(Integer)
    first_week: Mapped[str] = mapped_column(String(10))
    last_week: Mapped[str] = mapped_column(String(10))
    starts: Mapped[int] = mapped_column(Integer)
    treated_rate: Mapped[float] = mapped_column(Float)
    effect: Mapped[float] = mapped_column(Float)
    ci_low: Mapped[float] = mapped_column(Float)
    ci_high: Mapped[float] = mapped_column(Float)
    naive_effect: Mapped[float] = mapped_column(Float)
    computed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_kept_effect_estimates_key", "municipality_code", "horizon", "last_week",
                            "offer", "target_group", unique=True),)


class EffectReferenceRow(Base):
    """A reference figure from the national knowledge bank (jobeffekter.dk), imported from a CSV file;
    an import replaces all of the municipality's figures at once."""

    __tablename__ = "effect_references"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    municipality_code: Mapped[str] = mapped_column(String(3), index=True)
    offer: Mapped[str] = mapped_column(String(60))
    target_group: Mapped[str] = mapped_column(String(40))
    effect_pp: Mapped[float] = mapped_column(Float)
    low_pp: Mapped[float | None] = mapped_column(Float, nullable=True)
    high_pp: Mapped[float | None] = mapped_column(Float, nullable=True)
    source: Mapped[str] = mapped_column(String(300))
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    file_name: Mapped[str] = mapped_column(String(200))
    imported_by: Mapped[str] = mapped_column(String(100))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
