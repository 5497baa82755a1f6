"""The kept obligations: the law engine's result per citizen, stored so pages read rows, not timelines.

The law engine stays a pure function of a citizen's timeline; ``citizen_obligations`` is its
cache, rewritten for one citizen in the transaction of every write that changes the timeline
(``services.casework.obligation_store.refresh_citizen``) and in full by
``indsats obligations refresh`` (daily, after an import, a law change or a date change).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base

#: The rows a worklist shows or counts: open, and not superseded by a later event.
OPEN_ROWS = "status IN ('due', 'overdue', 'manual_review') AND superseded_on IS NULL"
#: The rows timeliness counts (met on time, late, missed) or may count once their deadline passes (due).
TIMELINESS_ROWS = "status IN ('met', 'met_late', 'overdue', 'due')"


class CitizenObligationRow(Base):
    """One obligation of one citizen as the engine computed it on ``as_of``.

    ``status`` is the engine's status on ``as_of``; a reader on a later day derives ``overdue``
    for a ``due`` row whose deadline has passed (see ``obligation_store.effective_status``).
    ``superseded_on``: an overdue duty that later events replaced (a new period, a later
    conversation) — missed for timeliness, no longer an action on the worklist.
    """

    __tablename__ = "citizen_obligations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), index=True)
    municipality_code: Mapped[str] = mapped_column(String(3))
    caseworker_id: Mapped[int | None] = mapped_column(Integer)
    team_id: Mapped[int | None] = mapped_column(Integer)
    citizen_name: Mapped[str] = mapped_column(String(170), default="")
    citizen_regime: Mapped[str] = mapped_column(String(80), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    rule: Mapped[str] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(20))
    deadline: Mapped[date | None] = mapped_column(Date)
    deadline_on_non_workday: Mapped[bool] = mapped_column(Boolean, default=False)
    window_start: Mapped[date | None] = mapped_column(Date)
    met_on: Mapped[date | None] = mapped_column(Date)
    period_start: Mapped[date | None] = mapped_column(Date)
    superseded_on: Mapped[date | None] = mapped_column(Date)
    regime: Mapped[str] = mapped_column(String(80), default="")
    benefit: Mapped[str | None] = mapped_column(String(40))
    target_group: Mapped[str | None] = mapped_column(String(60))
    action: Mapped[str] = mapped_column(String(20), default="conversation")
    source: Mapped[str] = mapped_column(Text, default="")
    local: Mapped[bool] = mapped_column(Boolean, default=False)
    held: Mapped[int | None] = mapped_column(Integer)
    required: Mapped[int | None] = mapped_column(Integer)
    quota: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")
    as_of: Mapped[date] = mapped_column(Date)
    computed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        Index("ix_citizen_obligations_worklist", "municipality_code", "status", "deadline"),
        Index("ix_citizen_obligations_caseworker", "caseworker_id", "status", "deadline"),
        Index("ix_citizen_obligations_team", "team_id", "status", "deadline"),
        # The worklists' open rows (services.casework.worklist_queries): each part of a view read in the page's
        # order (top-N, no sort of the jobcenter's rows), and the tab counts from the index alone (INCLUDE).
        Index("ix_citizen_obligations_open", "municipality_code", "status", "deadline", "citizen_name", "citizen_id",
              "position", postgresql_include=["caseworker_id", "action", "rule", "period_start"],
              postgresql_where=text(OPEN_ROWS), sqlite_where=text(OPEN_ROWS)),
        # Timeliness (services.casework.timeliness): a year of decided and open duties grouped from the index alone.
        Index("ix_citizen_obligations_timeliness", "municipality_code", "deadline",
              postgresql_include=["status", "local", "action", "target_group", "team_id", "rule", "caseworker_id"],
              postgresql_where=text(TIMELINESS_ROWS), sqlite_where=text(TIMELINESS_ROWS)),
        # The quota cohorts (services.casework.quota): a few percent of the rows, read by entry month.
        Index("ix_citizen_obligations_quota", "municipality_code", "period_start",
              postgresql_where=text("quota IS NOT NULL"), sqlite_where=text("quota IS NOT NULL")),
    )


class MeasureRow(Base):
    """A kept measure: one value of one KPI for a municipality and ISO week (or a whole-panel summary).

    Written by ``services.steering.measure_store``; the dashboard, management information and the
    result review read these rows and show ``computed_at``.
    """

    __tablename__ = "kept_measures"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    municipality_code: Mapped[str] = mapped_column(String(3))
    measure: Mapped[str] = mapped_column(String(80))
    week: Mapped[str] = mapped_column(String(10))
    payload: Mapped[dict] = mapped_column(default=dict)
    computed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_kept_measures_key", "municipality_code", "measure", "week", unique=True),)


class KeptReviewRow(Base):
    """The result review as rendered PDF, per municipality, plan content (``goals.plan_stamp``) and year.

    Written by ``services.steering.result_review`` after each render (the background refresh renders
    every ten minutes), read when the server has no copy in memory yet — after a restart a manager gets
    the last render at once instead of waiting minutes for a new one; the PDF says when it was made.
    """

    __tablename__ = "kept_review_pdfs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    municipality_code: Mapped[str] = mapped_column(String(3))
    plan_stamp: Mapped[str] = mapped_column(String(64))
    year: Mapped[int] = mapped_column(Integer)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    computed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_kept_review_pdfs_key", "municipality_code", "plan_stamp", "year", unique=True),)


class KeptViewRow(Base):
    """A manager's page as last computed: the goals dashboard or the management information of one
    municipality, per view name and key (``services.steering.kept_views``: plan content and date).

    Written by the background worker (``indsats worker``, a process of its own) every few minutes and by
    a server that found nothing kept; read by the server's pages, which show ``computed_at``.
    """

    __tablename__ = "kept_views"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    municipality_code: Mapped[str] = mapped_column(String(3))
    name: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict] = mapped_column(default=dict)
    computed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_kept_views_key", "municipality_code", "name", "key", unique=True),)


class DagpengeRunRow(Base):
    """A run of consecutive weeks on dagpenge of one citizen (``evidence.benefit_period.dagpenge_runs``),
    weeks numbered as ``analytics.weeks.index``; ``last_week`` NULL: open.

    Rewritten with the citizen's kept obligations (``obligation_store.refresh_citizen``, in the
    transaction of every write that changes the benefit spells, and ``indsats obligations refresh``);
    it depends on the spells only, not on the day or the law, so the benefit-exhaustion watch sums the
    weeks used of any reference period in SQL and pages the list there.
    """

    __tablename__ = "kept_dagpenge_runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"))
    first_week: Mapped[int] = mapped_column(Integer)
    last_week: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (Index("ix_kept_dagpenge_runs_citizen", "citizen_id", "first_week"),)
