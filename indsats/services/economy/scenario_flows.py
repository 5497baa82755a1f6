"""The estimated flows a scenario simulates from, kept per municipality, reference week and
panel version (docs/ECONOMY.md, "Speed").

The panel version is a fingerprint of what the store's panel is made of — per table (benefit
spells, offers) of the municipality: the number of rows, the highest id, the open rows, the
latest start and end, the sum of the ids — together with the shipped rates file and the
estimate's format. A new, removed, closed or moved spell or offer changes it, and the next
scenario estimates again; otherwise a scenario reads the kept estimate (a few hundred kB) and
only simulates.
"""

from __future__ import annotations

import hashlib
import time
from datetime import date, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from indsats.analytics import weeks
from indsats.domain import clock
from indsats.economy.flows import Flows, estimate_flows, flows_from_bytes, flows_to_bytes
from indsats.economy.rates import SHIPPED_RATES, load_rates
from indsats.store.db import Database
from indsats.store.economy_tables import ScenarioFlowsRow
from indsats.store.tables import BenefitSpellRow, CitizenRow, OfferRow

from ..steering.panel_export import export_panel

HISTORY_YEARS = 5
FORMAT = "flows-3"  # bump when the estimate's content changes


def panel_version(session: Session, code: str, week: str) -> str:
    parts = [FORMAT, week, hashlib.sha256(SHIPPED_RATES.read_bytes()).hexdigest()]
    for table in (BenefitSpellRow, OfferRow):
        row = session.execute(
            select(func.count(table.id), func.max(table.id), func.sum(table.id),
                   func.count(table.id).filter(table.end.is_(None)), func.max(table.start), func.max(table.end))
            .join(CitizenRow, CitizenRow.id == table.citizen_id)
            .where(CitizenRow.municipality_code == code)).one()
        parts.append("|".join(str(x) for x in row))
    return hashlib.sha256("/".join(parts).encode()).hexdigest()


def kept_flows(session: Session, code: str, week: str) -> tuple[str, Flows | None]:
    """(the panel's version now, the kept estimate for it or None)."""
    version = panel_version(session, code, week)
    row = session.scalars(select(ScenarioFlowsRow).where(ScenarioFlowsRow.municipality_code == code,
                                                         ScenarioFlowsRow.reference_week == week)).first()
    return version, (flows_from_bytes(row.data) if row is not None and row.panel_version == version else None)


def estimate_now(db: Database, code: str, week: str) -> tuple[Flows, float]:
    """Export the store's panel (five years back) and estimate; (flows, seconds)."""
    t0 = time.perf_counter()
    monday = weeks.monday(week)
    panel, _ = export_panel(db, code, date(monday.year - HISTORY_YEARS, 1, 1), monday + timedelta(days=6))
    return estimate_flows(panel, week, load_rates()), time.perf_counter() - t0


def keep(session: Session, code: str, week: str, version: str, flows: Flows, seconds: float) -> None:
    """Replace the municipality's kept estimate (only the newest week is kept)."""
    session.execute(delete(ScenarioFlowsRow).where(ScenarioFlowsRow.municipality_code == code))
    session.add(ScenarioFlowsRow(municipality_code=code, reference_week=week, panel_version=version,
                                 data=flows_to_bytes(flows), seconds=round(seconds, 3), computed_at=clock.now()))


def warm(db: Database, code: str, day: date) -> bool:
    """Estimate and keep the flows for the last full week of ``day`` when the kept estimate is of
    another panel version or week (the background refresh of ``indsats serve`` calls this, so a
    manager's scenario reads a kept estimate). True when it estimated."""
    week = weeks.last_full_week(day)
    with db.unit_of_work() as s:
        version = panel_version(s, code, week)
        kept = s.scalar(select(ScenarioFlowsRow.panel_version).where(ScenarioFlowsRow.municipality_code == code,
                                                                     ScenarioFlowsRow.reference_week == week))
    if kept == version:
        return False
    flows, seconds = estimate_now(db, code, week)
    with db.unit_of_work() as s:
        keep(s, code, week, version, flows, seconds)
    return True
