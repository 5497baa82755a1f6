"""The effects of the municipality's own offers, for the manager's and team leader's page.

The kept estimates of ``effect_estimates`` (offer starts in the 52 weeks that end ``horizon`` weeks
before the last full week, each offer type overall and per target group), computed and kept on the
first view of a new week. The figures are aggregates of at least 30 starts — no person is shown,
so nothing is audited per citizen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from indsats.domain import clock
from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.evidence.reading import horizon_da
from indsats.evidence.reference import ALL_GROUPS, read_reference
from indsats.evidence.weekmatrix import EvidenceError
from indsats.plan.library import plans_dir
from indsats.store.db import Database

from ..accounts.access import ensure_role
from .effect_estimates import (
    ALL,
    HORIZON,
    TARGET_GROUPS,
    EffectEstimate,
    kept_effect_estimates,
    latest_window,
    refresh_effect_estimates,
)

READERS = (Role.TEAM_LEADER, Role.MANAGER)


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
    computed_at: datetime | None = None


_NOTHING: dict[tuple, str] = {}  # (municipality, window) → why nothing could be estimated, so it is not retried


def reference_file(code: str) -> Path | None:
    """``jobeffekter-<code>.csv`` (else ``jobeffekter.csv``) in the plans folder, if the municipality has one."""
    for name in (f"jobeffekter-{code}.csv", "jobeffekter.csv"):
        if (plans_dir() / name).exists():
            return plans_dir() / name
    return None


def _line(e: EffectEstimate, references: dict, group: str) -> EffectLine:
    ref = references.get((e.offer, group))
    return EffectLine(e.offer_label, e.starts, e.effect * 100, e.ci_low * 100, e.ci_high * 100, e.naive_effect * 100,
                      e.reading, ref.text() if ref else "")


def local_effects(db: Database, user: User, as_of: date | None = None, horizon: int = HORIZON) -> LocalEffects:
    ensure_role(user, *READERS)
    code = user.municipality_code
    first, last = latest_window(as_of or clock.today(), horizon)
    view = LocalEffects(first, last, horizon, horizon_da(horizon), [])
    with db.unit_of_work() as session:
        found = kept_effect_estimates(session, code, horizon, last_week=last)
    if not found and (code, first, last, horizon) not in _NOTHING:
        try:
            found = refresh_effect_estimates(db, code, horizon=horizon, window=(first, last))
        except EvidenceError as exc:
            _NOTHING[(code, first, last, horizon)] = str(exc)
    view.note = _NOTHING.get((code, first, last, horizon), "")
    references: dict = {}
    source = reference_file(code)
    if source is not None:
        try:
            references = read_reference(source, tuple(name for name, _ in TARGET_GROUPS.values()))
        except EvidenceError as exc:
            view.note = f"Vidensbankens tal kunne ikke læses: {exc}"
    view.computed_at = max((e.computed_at for e in found), default=None)
    for group, (name, _) in TARGET_GROUPS.items():
        lines = [_line(e, references, ALL_GROUPS if group == ALL else name) for e in found if e.target_group == group]
        if group == ALL:
            view.overall = lines
        else:
            view.by_group[name] = lines
    return view
