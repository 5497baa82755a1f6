"""The effects of the municipality's own offers, for the manager's and team leader's page.

The kept estimates of ``effect_estimates`` (offer starts in the 52 weeks that end ``horizon`` weeks
before the last full week, each offer type overall and per target group), computed and kept by
``indsats serve``'s background refresh when a new week begins (``effect_estimates.warm``; on the page's
first view only when the server's thread has not got to it yet), beside the knowledge bank's imported figures (``effect_references``),
with a chart per target group and a CSV export. The figures are aggregates of at least 30 starts —
no person is shown, so nothing is audited per citizen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from indsats.domain import clock
from indsats.domain.enums import Role
from indsats.domain.formatting import spreadsheet_csv
from indsats.domain.models import User
from indsats.evidence.errors import EvidenceError
from indsats.evidence.reading import horizon_da
from indsats.evidence.reference import Reference
from indsats.reports.effect_chart import effect_chart
from indsats.store.db import Database

from ..accounts.access import ensure_role
from .effect_estimates import (
    HORIZON,
    NOTHING,
    TARGET_GROUPS,
    EffectEstimate,
    kept_effect_estimates,
    latest_window,
    refresh_effect_estimates,
)
from .effect_references import reference_figures

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
    reference: Reference | None = None  # the knowledge bank's figure for the same offer and target group

    @property
    def reference_text(self) -> str:
        return self.reference.text() if self.reference else ""


@dataclass
class GroupEffects:
    code: str
    name: str
    lines: list[EffectLine]
    chart: str = ""


@dataclass
class LocalEffects:
    first: str
    last: str
    horizon: int
    horizon_text: str
    groups: list[GroupEffects] = field(default_factory=list)
    note: str = ""
    computed_at: datetime | None = None
    references: int = 0


_NOTHING = NOTHING  # (municipality, window) → why nothing could be estimated, shared with the background refresh


def _line(e: EffectEstimate, references: dict[tuple[str, str], Reference]) -> EffectLine:
    return EffectLine(e.offer_label, e.starts, e.effect * 100, e.ci_low * 100, e.ci_high * 100, e.naive_effect * 100,
                      e.reading, references.get((e.offer, e.target_group)))


def effect_groups(found: list[EffectEstimate], references: dict[tuple[str, str], Reference],
                  charts: bool = True) -> list[GroupEffects]:
    """The estimates per target group (every group, empty ones too), each with its chart."""
    out = []
    for code, (name, _) in TARGET_GROUPS.items():
        lines = [_line(e, references) for e in found if e.target_group == code]
        group = GroupEffects(code, name, lines)
        if charts and lines:
            group.chart = effect_chart(
                [(x.offer, (x.effect_pp, x.ci_low_pp, x.ci_high_pp),
                  (x.reference.effect_pp, x.reference.low_pp, x.reference.high_pp) if x.reference else None)
                 for x in lines], title=f"Effekter: {name}, lokalt og i vidensbanken")
        out.append(group)
    return out


def local_effects(db: Database, user: User, as_of: date | None = None, horizon: int = HORIZON) -> LocalEffects:
    ensure_role(user, *READERS)
    code = user.municipality_code
    first, last = latest_window(as_of or clock.today(), horizon)
    view = LocalEffects(first, last, horizon, horizon_da(horizon))
    with db.unit_of_work() as session:
        found = kept_effect_estimates(session, code, horizon, last_week=last)
    if not found and (code, first, last, horizon) not in _NOTHING:
        try:
            found = refresh_effect_estimates(db, code, horizon=horizon, window=(first, last))
        except EvidenceError as exc:
            _NOTHING[(code, first, last, horizon)] = str(exc)
    view.note = _NOTHING.get((code, first, last, horizon), "")
    with db.unit_of_work() as session:
        references = reference_figures(session, code)
    view.references = len(references)
    view.computed_at = max((e.computed_at for e in found), default=None)
    view.groups = effect_groups(found, references)
    return view


CSV_HEADER = ["målgruppe", "tilbud", "starter", "effekt_pct_point", "nedre", "øvre", "naiv_forskel", "læsning",
              "starter_fra_uge", "starter_til_uge", "uger_efter_start", "vidensbank_effekt", "vidensbank_nedre",
              "vidensbank_øvre", "vidensbank_kilde", "vidensbank_år"]


def effects_csv(view: LocalEffects) -> str:
    rows = []
    for group in view.groups:
        for x in group.lines:
            ref = x.reference
            rows.append([group.name, x.offer, x.starts, round(x.effect_pp, 1), round(x.ci_low_pp, 1),
                         round(x.ci_high_pp, 1), round(x.naive_pp, 1), x.reading, view.first, view.last, view.horizon,
                         ref.effect_pp if ref else None, ref.low_pp if ref else None, ref.high_pp if ref else None,
                         ref.source if ref else None, ref.year if ref else None])
    return spreadsheet_csv(CSV_HEADER, rows)


@dataclass
class ReviewEffects:
    """The result review's section: the effects of the year's offer starts (kept, or computed and kept)."""

    year: int
    first: str = ""
    last: str = ""
    horizon_text: str = horizon_da(HORIZON)
    groups: list[GroupEffects] = field(default_factory=list)
    note: str = ""


def review_effects(db: Database, code: str, year: int, as_of: date | None = None, compute: bool = True) -> ReviewEffects:
    """For ``services.steering.result_review``: aggregates only, so no access check or audit per citizen.
    ``compute``: estimate the window when nothing is kept for it (minutes at 100,000 citizens); else say so."""
    from .effect_estimates import year_window

    section = ReviewEffects(year)
    window = year_window(year, as_of or clock.today())
    if window is None:
        section.note = f"Ingen tilbudsstarter i {year} har et kendt udfald {horizon_da(HORIZON)} endnu."
        return section
    section.first, section.last = window
    with db.unit_of_work() as session:
        found = kept_effect_estimates(session, code, HORIZON, last_week=window[1])
    if not found and not compute:
        section.note = (f"Effekterne af tilbudsstarterne i {window[0]}–{window[1]} er ikke beregnet endnu. Det seneste "
                        "års effekter beregnes i baggrunden og kommer med, når revisionen dannes igen; et tidligere "
                        "år beregnes med «indsats report result-review».")
        return section
    if not found:
        try:
            found = refresh_effect_estimates(db, code, horizon=HORIZON, window=window)
        except EvidenceError as exc:
            section.note = str(exc)
    with db.unit_of_work() as session:
        references = reference_figures(session, code)
    section.groups = [g for g in effect_groups(found, references) if g.lines]
    if not section.groups and not section.note:
        section.note = "Ingen tilbudstyper med mindst 30 starter i året."
    return section
