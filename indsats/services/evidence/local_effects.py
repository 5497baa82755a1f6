"""The effects of the municipality's own offers, for the manager's and team leader's page.

From the store's weekly panel (the same export as ``indsats panel-export``): offer starts in the
52 weeks that end ``horizon`` weeks before the last full week, each offer type overall and per
target group, with its interval, the number of starts and a plain-Danish reading. The figures
are aggregates of at least 30 starts — no person is shown, so nothing is audited per citizen.
The result is kept per municipality and week, since it changes only when a week ends.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from indsats.analytics import weeks
from indsats.domain import clock
from indsats.domain.enums import Role
from indsats.domain.labels import OFFER_DA, label
from indsats.domain.models import User
from indsats.evidence.codes import CASH, EDU, JOB_READY, UB, readiness_code
from indsats.evidence.errors import EvidenceError
from indsats.evidence.reading import horizon_da, reading_da
from indsats.evidence.reference import ALL_GROUPS, read_reference
from indsats.plan.library import plans_dir
from indsats.store.db import Database

from ..accounts.access import ensure_role
from ..steering.panel_export import export_panel

READERS = (Role.TEAM_LEADER, Role.MANAGER)
HORIZON = 26
HISTORY_YEARS = 5
ACTIVITY_READY = readiness_code("activity_ready")

#: Target groups: Danish name → (benefit × 16 + readiness) codes of the panel.
TARGET_GROUPS = {
    "Dagpengemodtagere": [UB * 16 + r for r in range(5)],
    "Jobparate kontanthjælpsmodtagere": [CASH * 16 + JOB_READY],
    "Aktivitetsparate kontanthjælpsmodtagere": [CASH * 16 + ACTIVITY_READY],
    "Uddannelseshjælpsmodtagere": [EDU * 16 + r for r in range(5)],
}


@dataclass(frozen=True)
class EffectLine:
    offer: str
    starts: int
    effect_pp: float
    ci_low_pp: float
    ci_high_pp: float
    naive_pp: float
    reading: str
    reference: str = ""  # the knowledge bank's figure for the same offer and target group, when imported


@dataclass
class LocalEffects:
    first: str
    last: str
    horizon: int
    horizon_text: str
    overall: list[EffectLine]
    by_group: dict[str, list[EffectLine]] = field(default_factory=dict)
    note: str = ""


_CACHE: dict[tuple, LocalEffects] = {}


def reference_file(code: str) -> Path | None:
    """``jobeffekter-<code>.csv`` (else ``jobeffekter.csv``) in the plans folder, if the municipality has one."""
    for name in (f"jobeffekter-{code}.csv", "jobeffekter.csv"):
        if (plans_dir() / name).exists():
            return plans_dir() / name
    return None


def _lines(found, references: dict, group: str) -> list[EffectLine]:
    out = []
    for offer, e in sorted(found.items(), key=lambda kv: -kv[1].starts):
        name = label(OFFER_DA, offer)
        ref = references.get((offer, group))
        out.append(EffectLine(name, e.starts, e.effect * 100, e.ci_low * 100, e.ci_high * 100,
                              e.naive_effect * 100, reading_da(name, e.effect, e.ci_low, e.ci_high, HORIZON),
                              ref.text() if ref else ""))
    return out


def local_effects(db: Database, user: User, as_of: date | None = None, horizon: int = HORIZON) -> LocalEffects:
    ensure_role(user, *READERS)
    day = as_of or clock.today()
    last_week = weeks.last_full_week(day)
    import pyarrow.parquet as pq  # Arrow, NumPy and scikit-learn: loaded on the first page, not at start-up

    from indsats.evidence.effects import eligible_rows, estimate
    from indsats.evidence.weekmatrix import read_matrix

    source = reference_file(user.municipality_code)
    key = (user.municipality_code, last_week, horizon, str(source), source.stat().st_mtime if source else 0.0)
    if key in _CACHE:
        return _CACHE[key]
    last_idx = weeks.index(last_week)
    first, last = weeks.from_index(last_idx - horizon - 51), weeks.from_index(last_idx - horizon)
    panel, persons = export_panel(db, user.municipality_code, date(day.year - HISTORY_YEARS, 1, 1),
                                  weeks.monday(last_week) + timedelta(days=6))
    view = LocalEffects(first, last, horizon, horizon_da(horizon), [])
    if panel.num_rows == 0:
        view.note = "Der er ingen ydelsesforløb i kommunens data endnu."
        return view
    with tempfile.TemporaryDirectory() as tmp:
        pq.write_table(panel, Path(tmp) / "panel.parquet")
        pq.write_table(persons, Path(tmp) / "persons.parquet")
        matrix = read_matrix(Path(tmp) / "panel.parquet", Path(tmp) / "persons.parquet", last_week)
    start, stop = matrix.col(first), matrix.col(last)
    if stop < 1:
        view.note = "Kommunens data går ikke langt nok tilbage til at måle effekter."
        return view
    try:
        rows = eligible_rows(matrix, max(start, 1), stop, horizon)
    except EvidenceError as exc:
        view.note = str(exc)
        return view
    references: dict = {}
    if source is not None:
        try:
            references = read_reference(source, tuple(TARGET_GROUPS))
        except EvidenceError as exc:
            view.note = f"Vidensbankens tal kunne ikke læses: {exc}"
    view.overall = _lines(estimate(rows, matrix.offers), references, ALL_GROUPS)
    for name, codes in TARGET_GROUPS.items():
        view.by_group[name] = _lines(estimate(rows, matrix.offers, groups=codes), references, name)
    _CACHE[key] = view
    return view
