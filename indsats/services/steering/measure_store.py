"""Kept measures: the weekly KPI objects of each municipality, stored per ISO week in ``kept_measures``.

The dashboard, management information and the distribution read stored weeks instead of
exporting the panel and running the KPI series on every request. ``refresh_measures``
computes only the weeks that can have changed — from ``LOOKBACK_WEEKS`` before the newest
kept week up to the last week ended by today (a late registration changes recent weeks, not
last year's) — or every week of ``KEEP_DAYS`` when nothing is kept yet or ``full=True``.
It runs at build time (``indsats synth``/``indsats demo``), by ``indsats measures refresh``
(cron, e.g. 06:00) and by the background worker (``indsats worker``, a process that ``indsats serve``
starts beside itself; ``run_rounds``) so a server's cold start never waits for it. The pages show when the figures were computed.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import delete, func, insert, select

from indsats.analytics import weeks
from indsats.domain import clock
from indsats.store.db import Database
from indsats.store.obligation_tables import MeasureRow
from indsats.store.tables import CitizenRow

log = logging.getLogger(__name__)
WEEKLY = "weekly_kpis"
KEEP_DAYS = 800  # the dashboard's two years back plus a margin
LOOKBACK_WEEKS = 8
REFRESH_SECONDS = float(os.environ.get("INDSATS_MEASURES_REFRESH_SECONDS", 6 * 3600))
REVIEW_SECONDS = 600
WARM_SECONDS = 300  # the managers' pages are recomputed this often, well inside kept_views.MAX_AGE_SECONDS
# The first refresh waits this long: it imports the analytics stack and computes in the server's process, which
# would hold the interpreter while the server starts and answers its first requests (docs/PERFORMANCE.md).
START_DELAY_SECONDS = 20.0
Progress = Callable[[str, int, int], None]
_running = threading.Lock()


def kept_weeks(db: Database, code: str, first: date, last: date) -> dict[str, dict]:
    """Stored weekly KPI objects for the weeks touching ``first``..``last`` (may be incomplete)."""
    lo, hi = weeks.week_of(first), weeks.week_of(last)
    with db.unit_of_work() as session:
        rows = session.execute(select(MeasureRow.week, MeasureRow.payload).where(
            MeasureRow.municipality_code == code, MeasureRow.measure == WEEKLY,
            MeasureRow.week >= lo, MeasureRow.week <= hi))
        return {week: payload for week, payload in rows}


def updated_at(db: Database, code: str) -> datetime | None:
    """When the municipality's kept measures were last computed (None: never)."""
    with db.unit_of_work() as session:
        return session.scalar(select(func.max(MeasureRow.computed_at)).where(
            MeasureRow.municipality_code == code, MeasureRow.measure == WEEKLY))


def _store(db: Database, code: str, weekly: dict[str, dict]) -> None:
    now = clock.now()
    with db.unit_of_work() as session:
        session.execute(delete(MeasureRow).where(MeasureRow.municipality_code == code,
                                                 MeasureRow.measure == WEEKLY, MeasureRow.week.in_(list(weekly))))
        if weekly:
            session.execute(insert(MeasureRow), [
                {"municipality_code": code, "measure": WEEKLY, "week": week, "payload": obj, "computed_at": now}
                for week, obj in weekly.items()])


def refresh_municipality(db: Database, code: str, as_of: date | None = None, full: bool = False) -> int:
    """Recompute the weeks that can have changed for one municipality; returns the weeks written."""
    from indsats.services.steering.goals import weekly_from_store

    as_of = as_of or clock.today()
    first = as_of - timedelta(days=KEEP_DAYS)
    if not full:
        with db.unit_of_work() as session:
            newest = session.scalar(select(func.max(MeasureRow.week)).where(
                MeasureRow.municipality_code == code, MeasureRow.measure == WEEKLY))
        if newest is not None:
            first = max(first, weeks.monday(newest) - timedelta(weeks=LOOKBACK_WEEKS))
    weekly = weekly_from_store(db, code, first, as_of)
    _store(db, code, weekly)
    return len(weekly)


def refresh_measures(db: Database, progress: Progress | None = None, as_of: date | None = None,
                     full: bool = False, municipality_code: str | None = None) -> dict[str, int]:
    """Refresh the kept measures of every municipality with citizens (one at a time)."""
    with _running:
        with db.unit_of_work() as session:
            codes = sorted(session.scalars(select(CitizenRow.municipality_code).distinct()))
        if municipality_code is not None:
            codes = [c for c in codes if c == municipality_code]
        written = {}
        for i, code in enumerate(codes):
            written[code] = refresh_municipality(db, code, as_of, full)
            if progress:
                progress("nøgletal", i + 1, len(codes))
        return written


def warm_views(db: Database) -> None:
    """Recompute each municipality's goals and management information for today and keep them in the
    database (``kept_views``), so a manager's page — in the server's process — reads them instead of
    waiting for the computation."""
    from indsats.services.steering import kept_views

    with db.unit_of_work() as session:
        codes = sorted(session.scalars(select(CitizenRow.municipality_code).distinct()))
    today = clock.today()
    from indsats.services.steering.result_review import review_pdf_bytes

    for code in codes:
        kept_views.dashboard(db, code, None, today, fresh=True)
        kept_views.management_information(db, code, today, fresh=True)
        review_pdf_bytes(db, code, None, today.year, fresh=True, older_than=REVIEW_SECONDS)  # the heaviest
        from indsats.services.economy.scenario_flows import warm as warm_scenario_flows

        warm_scenario_flows(db, code, today)  # re-estimated only when the panel or the week changed


def run_rounds(db: Database, stop: threading.Event, interval: float | None = None,
               delay: float = START_DELAY_SECONDS, warmers: Sequence[Callable[[Database], object]] = (),
               rounds: int | None = None) -> None:
    """The background refresh, in the caller's thread: ``delay`` seconds from now the kept measures (every
    ``interval`` seconds), the managers' pages, the review PDF and the scenario flows, then ``warmers`` —
    other contexts' kept figures, handed in by the composition root (the effect estimates and risk scores:
    ``services.evidence.background``), each deciding itself whether anything is due — and again every
    ``WARM_SECONDS``, until ``stop`` is set or ``rounds`` rounds are done. A failure is logged; the last
    stored figures stay and the next round tries again. ``indsats worker`` runs this in a process of its own."""
    interval = REFRESH_SECONDS if interval is None else interval
    if stop.wait(delay):
        return
    last_refresh = float("-inf")
    done = 0
    while True:
        started = time.perf_counter()
        try:
            if started - last_refresh >= interval:
                refresh_measures(db)
                last_refresh = started
                log.info("kept measures refreshed in %.1f s", time.perf_counter() - started)
            warm_views(db)
        except Exception:  # a failed refresh keeps the last stored figures; the next round tries again
            log.exception("kept measures: refresh failed")
        for warm in warmers:
            try:
                warm(db)
            except Exception:
                log.exception("background refresh: %s failed", getattr(warm, "__name__", warm))
        log.info("background round done in %.1f s", time.perf_counter() - started)
        done += 1
        if (rounds is not None and done >= rounds) or stop.wait(WARM_SECONDS):
            return


def start_background_refresh(db: Database, interval: float | None = None, delay: float = START_DELAY_SECONDS,
                             warmers: Sequence[Callable[[Database], object]] = (),
                             stop: threading.Event | None = None) -> threading.Thread:
    """``run_rounds`` in a daemon thread of the server (``INDSATS_BACKGROUND=thread``; the default is a
    process of its own, ``indsats worker``). ``stop`` ends the loop after the round (a test's)."""
    stop = stop or threading.Event()
    thread = threading.Thread(target=run_rounds, args=(db, stop, interval, delay, warmers),
                              name="indsats-measures", daemon=True)
    thread.start()
    return thread
