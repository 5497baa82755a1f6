"""The effect of a scenario's changed offer starts (docs/ECONOMY.md, "Local effect estimates").

Moving a share of offer type A's starts to B, or adding starts of A, changes the share of the
starters in self-support ``horizon`` weeks later by the offers' effects. The kept local
estimates of the evidence context (``indsats effects`` on the municipality's own panel, all
target groups) are used when every offer concerned has one; the assumption lists each estimate
with its 95 % interval and number of starts. Otherwise the manager's own number (percentage
points per changed start) is used, labelled as the manager's own; without either only the
offer costs change, and the assumption says so.
"""

from __future__ import annotations

import math
from dataclasses import replace

from sqlalchemy.orm import Session

from indsats.domain.labels import OFFER_DA, label
from indsats.economy.flows import YEAR_WEEKS, Flows
from indsats.economy.simulation import Scenario

from ..evidence.effect_estimates import ALL, HORIZON, EffectEstimate, kept_effect_estimates

Z95 = 1.959964


def _pp(x: float) -> str:
    return f"{x * 100:+.1f}".replace(".", ",")


def _number(x: float) -> str:
    return f"{x:+.0f}".replace("-", "−")


def changed_starts(s: Scenario, flows: Flows) -> dict[str, float]:
    """Offer type → change in starts over the year (moved away negative)."""
    out: dict[str, float] = {}
    starts = {o: sum(v.values()) for o, v in flows.offer_starts.items()}
    if s.move_from and s.move_to and s.move_share and s.move_from != s.move_to:
        moved = starts.get(s.move_from, 0) * s.move_share
        out[s.move_from] = out.get(s.move_from, 0.0) - moved
        out[s.move_to] = out.get(s.move_to, 0.0) + moved
    if s.more_offer and s.more_share:
        out[s.more_offer] = out.get(s.more_offer, 0.0) + starts.get(s.more_offer, 0) * s.more_share
    return {o: n for o, n in out.items() if n}


def _where(s: Scenario, flows: Flows, change: dict[str, float]) -> tuple[tuple[str, float], ...]:
    """The benefits of the starters of the offers gaining starts (else of all changed offers)."""
    gaining = [o for o, n in change.items() if n > 0] or list(change)
    counts: dict[str, int] = {}
    for o in gaining:
        for b, n in flows.offer_starts.get(o, {}).items():
            if b:
                counts[b] = counts.get(b, 0) + n
    total = sum(counts.values())
    return tuple((b, n / total) for b, n in sorted(counts.items())) if total else ()


def kept_estimates(session: Session, code: str) -> dict[str, EffectEstimate]:
    """The newest kept local estimates for all target groups, by offer type."""
    return {e.offer: e for e in kept_effect_estimates(session, code) if e.target_group == ALL}


def with_effects(s: Scenario, flows: Flows, kept: dict[str, EffectEstimate], own_pp: float | None) -> Scenario:
    """The scenario with its effect on self-support and the assumption's text."""
    change = changed_starts(s, flows)
    if not change:
        return s
    names = ", ".join(label(OFFER_DA, o).lower() for o in change)
    if all(o in kept for o in change):
        found: list[EffectEstimate] = [kept[o] for o in change]
        persons = sum(n * kept[o].effect for o, n in change.items())
        se = math.sqrt(sum((n * (kept[o].ci_high - kept[o].ci_low) / (2 * Z95)) ** 2 for o, n in change.items()))
        parts = "; ".join(f"{e.offer_label.lower()} {_pp(e.effect)} pct.-point (95 %-interval {_pp(e.ci_low)} til "
                          f"{_pp(e.ci_high)}; {e.starts} starter {e.first_week}–{e.last_week})" for e in found)
        text = (f"Lokalt effektestimat ({found[0].horizon} uger efter start, alle målgrupper): {parts}. "
                f"Ændrede starter giver {_number(persons)} personer i selvforsørgelse pr. år "
                f"(95 %-interval {_number(persons - Z95 * se)} til {_number(persons + Z95 * se)})")
        horizon = found[0].horizon
    elif own_pp is not None:
        missing = ", ".join(label(OFFER_DA, o).lower() for o in change if o not in kept)
        moved = sum(abs(n) for n in change.values()) / (2 if s.move_from and s.move_to and s.move_share else 1)
        persons = moved * own_pp / 100
        text = (f"Egen antagelse (intet lokalt effektestimat for {missing}): {_pp(own_pp / 100)} pct.-point i "
                f"selvforsørgelse pr. ændret start, dvs. {_number(persons)} personer pr. år")
        horizon = HORIZON
    else:
        return replace(s, effect_text=f"Intet lokalt effektestimat for {names} og ingen egen antagelse: "
                                      "kun udgiften til tilbud ændres")
    return replace(s, effect_per_week=persons / YEAR_WEEKS, effect_benefits=_where(s, flows, change),
                   effect_from_week=horizon + 1, effect_text=text)
