"""Kept local effect estimates: the effect of each offer type per target group, from the store's own panel.

``refresh_effect_estimates`` computes them (indsats/evidence/effects.py on the panel that
``indsats panel-export`` writes) for the starts in a window of weeks and keeps them in
``kept_effect_estimates``, replacing that window's earlier rows in one transaction.
``kept_effect_estimates(session, municipality)`` is the stable read for other contexts — the
*Effekter* page, the result review, the economy's what-if scenarios — and returns the newest kept
window. The figures are aggregates of at least 30 starts: no person is shown or audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from indsats.analytics import weeks
from indsats.domain import clock
from indsats.domain.labels import OFFER_DA, label
from indsats.evidence.codes import CASH, EDU, JOB_READY, UB, readiness_code
from indsats.evidence.errors import EvidenceError
from indsats.evidence.reading import reading_da
from indsats.store.db import Database
from indsats.store.evidence_tables import KeptEffectRow

from .panel_matrix import municipality_matrix

HORIZON = 26
HISTORY_YEARS = 5
ALL = "all"
_ACTIVITY_READY = readiness_code("activity_ready")

#: Target group code → (Danish name, benefit × 16 + readiness codes of the panel; None = everyone).
TARGET_GROUPS: dict[str, tuple[str, list[int] | None]] = {
    ALL: ("Alle målgrupper", None),
    "unemployment_benefit": ("Dagpengemodtagere", [UB * 16 + r for r in range(5)]),
    "cash_benefit_job_ready": ("Jobparate kontanthjælpsmodtagere", [CASH * 16 + JOB_READY]),
    "cash_benefit_activity_ready": ("Aktivitetsparate kontanthjælpsmodtagere", [CASH * 16 + _ACTIVITY_READY]),
    "education_benefit": ("Uddannelseshjælpsmodtagere", [EDU * 16 + r for r in range(5)]),
}


def target_group_da(code: str) -> str:
    return TARGET_GROUPS.get(code, (code, None))[0]


@dataclass(frozen=True)
class EffectEstimate:
    """The effect on self-support ``horizon`` weeks after starting ``offer`` (ATT, shares: 0.06 = 6
    percentage points), for offer starts in ``first_week`` .. ``last_week`` in ``target_group``."""

    offer: str  # the panel's offer type, e.g. company_internship
    target_group: str  # a key of TARGET_GROUPS ("all", "unemployment_benefit", ...)
    horizon: int
    first_week: str
    last_week: str
    starts: int
    treated_rate: float
    effect: float
    ci_low: float
    ci_high: float
    naive_effect: float
    computed_at: datetime

    @property
    def offer_label(self) -> str:
        return label(OFFER_DA, self.offer)

    @property
    def target_group_label(self) -> str:
        return target_group_da(self.target_group)

    @property
    def comparison_rate(self) -> float:
        return self.treated_rate - self.effect

    @property
    def reading(self) -> str:
        """"Virksomhedspraktik: 6 procentpoint flere i selvforsørgelse efter et halvt år, usikkerhed 2–10"."""
        return reading_da(self.offer_label, self.effect, self.ci_low, self.ci_high, self.horizon)


def latest_window(as_of: date, horizon: int = HORIZON) -> tuple[str, str]:
    """The 52 weeks of starts whose outcome week is the last full week before ``as_of`` at the latest."""
    last_idx = weeks.index(weeks.last_full_week(as_of))
    return weeks.from_index(last_idx - horizon - 51), weeks.from_index(last_idx - horizon)


def year_window(year: int, as_of: date, horizon: int = HORIZON) -> tuple[str, str] | None:
    """The starts of ``year`` whose outcome is known by ``as_of`` (cut short in the current year); None: none."""
    first = weeks.week_of(date(year, 1, 4))
    last_idx = min(weeks.index(weeks.week_of(date(year, 12, 28))),
                   weeks.index(weeks.last_full_week(as_of)) - horizon)
    if last_idx < weeks.index(first):
        return None
    return first, weeks.from_index(last_idx)


def compute_effect_estimates(db: Database, code: str, first: str, last: str, horizon: int = HORIZON
                             ) -> list[EffectEstimate]:
    """Estimate every offer type with at least 30 starts, overall and per target group (not kept).

    Raises ``EvidenceError`` when the municipality's data cannot answer (no spells, too short)."""
    from indsats.evidence.effects import eligible_rows, estimate  # NumPy, scikit-learn: loaded on use

    outcome_week = weeks.from_index(weeks.index(last) + horizon)
    end = weeks.monday(outcome_week) + timedelta(days=6)
    matrix = municipality_matrix(db, code, date(weeks.monday(first).year - HISTORY_YEARS, 1, 1), end, outcome_week)
    start, stop = matrix.col(first), matrix.col(last)
    if stop < 1:
        raise EvidenceError("Kommunens data går ikke langt nok tilbage til at måle effekter.")
    rows = eligible_rows(matrix, max(start, 1), stop, horizon)
    now = clock.now()
    out = []
    for group, (_, codes) in TARGET_GROUPS.items():
        found = estimate(rows, matrix.offers, groups=codes)
        for offer, e in sorted(found.items(), key=lambda kv: -kv[1].starts):
            if e.effect != e.effect:  # NaN: no stratum with both starts and comparison rows
                continue
            out.append(EffectEstimate(offer, group, horizon, first, last, e.starts, round(e.treated_rate, 4),
                                      round(e.effect, 4), round(e.ci_low, 4), round(e.ci_high, 4),
                                      round(e.naive_effect, 4), now))
    return out


def keep(session: Session, code: str, first: str, last: str, horizon: int, found: list[EffectEstimate]) -> None:
    """Replace the kept estimates of one window (in the caller's transaction)."""
    session.execute(delete(KeptEffectRow).where(KeptEffectRow.municipality_code == code,
                                                KeptEffectRow.horizon == horizon, KeptEffectRow.last_week == last))
    if found:
        session.execute(insert(KeptEffectRow), [
            {"municipality_code": code, "offer": e.offer, "target_group": e.target_group, "horizon": e.horizon,
             "first_week": e.first_week, "last_week": e.last_week, "starts": e.starts,
             "treated_rate": e.treated_rate, "effect": e.effect, "ci_low": e.ci_low, "ci_high": e.ci_high,
             "naive_effect": e.naive_effect, "computed_at": e.computed_at} for e in found])


def refresh_effect_estimates(db: Database, code: str, as_of: date | None = None, horizon: int = HORIZON,
                             window: tuple[str, str] | None = None) -> list[EffectEstimate]:
    """Compute and keep the estimates of ``window`` (default: the newest 52 weeks with a known outcome)."""
    first, last = window or latest_window(as_of or clock.today(), horizon)
    found = compute_effect_estimates(db, code, first, last, horizon)
    with db.unit_of_work() as session:
        keep(session, code, first, last, horizon, found)
    return found


#: (municipality, first, last, horizon) → why nothing could be estimated, so neither the page nor the
#: background refresh retries a window the data cannot answer.
NOTHING: dict[tuple, str] = {}


def warm(db: Database, code: str, day: date | None = None, horizon: int = HORIZON) -> bool:
    """Compute and keep the page's window (``latest_window``) when it is not kept yet — the first round of
    ``indsats serve``'s background refresh in a new week does it, so the *Effekter* page reads kept
    estimates instead of computing while the user waits. True when it computed."""
    first, last = latest_window(day or clock.today(), horizon)
    with db.unit_of_work() as session:
        kept = session.scalar(select(func.count()).select_from(KeptEffectRow).where(
            KeptEffectRow.municipality_code == code, KeptEffectRow.horizon == horizon,
            KeptEffectRow.last_week == last))
    if kept or (code, first, last, horizon) in NOTHING:
        return False
    try:
        refresh_effect_estimates(db, code, horizon=horizon, window=(first, last))
    except EvidenceError as exc:
        NOTHING[(code, first, last, horizon)] = str(exc)
    return True


def warm_all(db: Database, day: date | None = None) -> list[str]:
    """``warm`` for every municipality with citizens; returns the codes computed."""
    from indsats.store.tables import CitizenRow

    with db.unit_of_work() as session:
        codes = sorted(session.scalars(select(CitizenRow.municipality_code).distinct()))
    return [code for code in codes if warm(db, code, day)]


def _estimate(row: KeptEffectRow) -> EffectEstimate:
    return EffectEstimate(row.offer, row.target_group, row.horizon, row.first_week, row.last_week, row.starts,
                          row.treated_rate, row.effect, row.ci_low, row.ci_high, row.naive_effect, row.computed_at)


def kept_effect_estimates(session: Session, municipality: str, horizon: int = HORIZON,
                          last_week: str | None = None) -> list[EffectEstimate]:
    """The kept estimates of the municipality — the newest window (or the one ending ``last_week``),
    overall first, then per target group, most starts first. Empty when none are kept."""
    where = [KeptEffectRow.municipality_code == municipality, KeptEffectRow.horizon == horizon]
    if last_week is None:
        last_week = session.scalar(select(func.max(KeptEffectRow.last_week)).where(*where))
        if last_week is None:
            return []
    rows = session.scalars(select(KeptEffectRow).where(*where, KeptEffectRow.last_week == last_week))
    order = list(TARGET_GROUPS)
    found = [_estimate(r) for r in rows]
    found.sort(key=lambda e: (order.index(e.target_group) if e.target_group in order else len(order),
                              -e.starts, e.offer))
    return found
