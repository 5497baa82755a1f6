"""What-if micro-simulation of next year from the municipality's own flows (``flows.py``).

Every person on a benefit in the reference week, and every person flowing in, is simulated
week by week for 52 weeks: each week a person leaves the benefit with the hazard of its
benefit and spell duration; a leaver goes to another benefit or off benefits by the observed
destinations (and is then no longer followed: returns are part of the inflow); inflow is the
observed persons per week per benefit, added deterministically (fractions carried over).
Readiness on entry is drawn from the observed shares. The week's number on the staircase
continues from the engine's count in the reference week and rises by one for each week on a
benefit with a rate; money uses the rates and the staircase rule in force in the reference
week. Baseline and scenario use the same random numbers (per week and person slot), so their
difference is the scenario's effect, not noise.

A scenario may shorten the spells of one benefit by N weeks (each duration bucket's hazard h
becomes 1 / max(1, 1/h − N): the expected remaining spell of a constant hazard shrinks by N
weeks), change the inflow to one benefit (or all) by a share, move a share of one offer type's
weeks to another or add starts of one offer type (priced by the offer prices). The changed
starts' effect on self-support (``effect_per_week``: changed starts per week × the effect, from
the kept local estimates or the manager's own number) moves that many persons per week off the
benefits the starters were on (or keeps them on, for a negative effect) from the week the
effect is measured after the first changed start.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any, TypedDict

import numpy as np

from .flows import DURATION_BUCKETS, YEAR_WEEKS, Flows, bucket_of
from .staircase import StaircaseRule

GROSS_READINESS = {"cash_benefit": ("job_ready",), "education_benefit": ("education_ready", "obviously_education_ready")}
LONG_TERM_MIN_WEEKS = 42
NO_HAZARD_MEAN_WEEKS = 520.0  # a bucket where nobody left: a ten-year expected spell


@dataclass(frozen=True)
class Scenario:
    name: str = "Basis"
    shorten_benefit: str = ""
    shorten_weeks: float = 0.0
    inflow_benefit: str = ""  # '' = every benefit
    inflow_change: float = 0.0  # -0.10 = 10 % fewer
    move_from: str = ""
    move_to: str = ""
    move_share: float = 0.0
    more_offer: str = ""  # more starts of one offer type ...
    more_share: float = 0.0  # ... by this share (0.2 = 20 % more)
    # The effect of the changed offer starts on self-support (set by the service from the kept local
    # estimates or the manager's own number): persons per week leaving benefits (negative: staying),
    # drawn from the benefits the starters were on, from week ``effect_from_week`` (the estimates'
    # horizon after the first changed start).
    effect_per_week: float = 0.0
    effect_benefits: tuple[tuple[str, float], ...] = ()
    effect_from_week: int = 27
    effect_text: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class SimulationResult(TypedDict):
    """One simulated year (kept as JSON with the scenario)."""

    gross_unemployed: int
    long_term_unemployed: int
    public_support_fte: float
    gross: float
    refusion: float
    cofinancing: float
    municipal_net: float
    aktivering_change: float


def _allocate(k: int, shares: np.ndarray) -> np.ndarray:
    """``k`` persons split by ``shares`` (largest remainder)."""
    exact: np.ndarray = k * shares / shares.sum()
    out: np.ndarray = np.floor(exact).astype(np.int64)
    out[np.argsort(out - exact)[: k - int(out.sum())]] += 1
    return out


def shortened(hazard: np.ndarray, weeks: float) -> np.ndarray:
    mean = np.where(hazard > 0, 1.0 / np.maximum(hazard, 1e-12), NO_HAZARD_MEAN_WEEKS)
    return 1.0 / np.maximum(1.0, mean - weeks)


def simulate(flows: Flows, scenario: Scenario, rates: dict[str, tuple[Decimal, str]], rule: StaircaseRule,
             start_steps: dict[str, int] | None = None, prices: dict[str, float] | None = None, seed: int = 7,
             horizon: int = YEAR_WEEKS) -> SimulationResult:
    """Next year's figures: mean gross unemployed, long-term unemployed at the year's end,
    public-support FTE, gross, refusion, co-financing, municipal net and the aktivering change.

    ``start_steps`` (person → week number on the staircase in the reference week) overrides the
    week numbers the estimate carries (``flows.state_step``)."""
    nb = len(flows.benefits)
    hazard = flows.hazard.copy()
    if scenario.shorten_benefit in flows.benefits and scenario.shorten_weeks:
        b = flows.benefits.index(scenario.shorten_benefit)
        hazard[b] = shortened(hazard[b], scenario.shorten_weeks)
    inflow = flows.inflow.copy()
    for b, name in enumerate(flows.benefits):
        if scenario.inflow_benefit in ("", name):
            inflow[b] *= max(0.0, 1.0 + scenario.inflow_change)
    rate = np.array([float(rates[b][0]) if b in rates else 0.0 for b in flows.benefits] + [0.0])
    refusion_scheme = np.array([b in rates and rates[b][1] == "refusion" for b in flows.benefits] + [False])
    firsts = np.array([s.first_week for s in rule.steps])
    ref_pct = np.array([float(s.refusion) for s in rule.steps])
    cof_pct = np.array([float(s.cofinancing) for s in rule.steps])
    ready_names = sorted({r for v in flows.readiness.values() for r, _ in v} | set(flows.state_readiness))
    ready_code = {r: i for i, r in enumerate(ready_names)}
    if "" not in ready_code:
        ready_code[""] = len(ready_code)
        ready_names.append("")
    gross_ok = np.zeros((nb + 1, max(len(ready_names), 1)), dtype=bool)
    for b, name in enumerate(flows.benefits):
        for r, i in ready_code.items():
            gross_ok[b, i] = name == "unemployment_benefit" or r in GROSS_READINESS.get(name, ())
    entry = [flows.readiness.get(name) or [("", 1.0)] for name in flows.benefits]
    entry_cum = [np.cumsum([s for _, s in e]) for e in entry]
    entry_codes = [np.array([ready_code[r] for r, _ in e]) for e in entry]

    n0 = len(flows.state_person)
    capacity = n0 + int(np.ceil((inflow.sum() + abs(scenario.effect_per_week)) * horizon)) + 2 * nb + 1
    effect_share = np.zeros(nb)
    for name, share in scenario.effect_benefits:
        if name in flows.benefits:
            effect_share[flows.benefits.index(name)] += share
    effect_carry = 0.0
    benefit = np.full(capacity, nb, dtype=np.int64)  # nb = not on a benefit
    duration = np.zeros(capacity, dtype=np.int64)
    step = np.zeros(capacity, dtype=np.int64)
    ready = np.zeros(capacity, dtype=np.int64)
    gross_weeks = np.zeros(capacity, dtype=np.int64)
    benefit[:n0] = flows.state_benefit
    duration[:n0] = flows.state_duration
    if start_steps is not None:
        step[:n0] = [start_steps.get(p, 0) for p in flows.state_person]
    elif len(flows.state_step) == n0:
        step[:n0] = flows.state_step
    ready[:n0] = np.array([ready_code[r] for r in flows.state_readiness], dtype=np.int64)
    used, carry = n0, np.zeros(nb)
    totals = {"person_weeks": 0, "gross_weeks": 0, "gross": 0.0, "refusion": 0.0, "cofinancing": 0.0,
              "cofinanced_gross": 0.0}
    hazard_full = np.vstack([hazard, np.zeros((1, len(DURATION_BUCKETS)))])
    for week in range(1, horizon + 1):
        rng = np.random.default_rng([seed, week])
        u_exit, u_dest, u_ready = rng.random(capacity), rng.random(capacity), rng.random(capacity)
        on = benefit[:used] < nb
        idx = np.nonzero(on)[0]
        h = hazard_full[benefit[idx], bucket_of(duration[idx])]
        leaving = idx[u_exit[idx] < h]
        staying = idx[u_exit[idx] >= h]
        duration[staying] += 1
        if leaving.size:
            cum = flows.destination[benefit[leaving]]
            dest = (u_dest[leaving][:, None] > cum).sum(axis=1)
            benefit[leaving] = np.minimum(dest, nb)
            duration[leaving] = 1
            for b in np.unique(benefit[leaving]):
                if b < nb:
                    who = leaving[benefit[leaving] == b]
                    pick = np.minimum(np.searchsorted(entry_cum[b], u_ready[who]), len(entry_codes[b]) - 1)
                    ready[who] = entry_codes[b][pick]
        carry += inflow
        for b in range(nb):
            k = int(carry[b])
            if k:
                carry[b] -= k
                new = np.arange(used, used + k)
                benefit[new], duration[new], step[new] = b, 1, 0
                pick = np.minimum(np.searchsorted(entry_cum[b], u_ready[new]), len(entry_codes[b]) - 1)
                ready[new] = entry_codes[b][pick]
                used += k
        if scenario.effect_per_week and week >= scenario.effect_from_week and effect_share.sum() > 0:
            effect_carry += abs(scenario.effect_per_week)
            k = int(effect_carry)
            effect_carry -= k
            u_effect = rng.random(capacity)  # drawn after the others: the baseline's numbers are unchanged
            for b, n in enumerate(_allocate(k, effect_share)):
                if n and scenario.effect_per_week > 0:  # n more persons in self-support
                    who = np.nonzero(benefit[:used] == b)[0]
                    pick = who[np.argsort(u_effect[who])[:n]]
                    benefit[pick], duration[pick] = nb, 1
                elif n:  # n more persons stay on the benefit
                    new = np.arange(used, used + n)
                    benefit[new], duration[new], step[new] = b, 1, 0
                    pick = np.minimum(np.searchsorted(entry_cum[b], u_ready[new]), len(entry_codes[b]) - 1)
                    ready[new] = entry_codes[b][pick]
                    used += n
        b_now = benefit[:used]
        on = b_now < nb
        rated = on & (rate[b_now] > 0)
        step[:used][rated] += 1
        gross = on & gross_ok[b_now, ready[:used]]
        gross_weeks[:used][gross] += 1
        s = np.searchsorted(firsts, np.maximum(step[:used], 1), side="right") - 1
        money = np.where(rated, rate[b_now], 0.0)
        totals["person_weeks"] += int(on.sum())
        totals["gross_weeks"] += int(gross.sum())
        totals["gross"] += float(money.sum())
        totals["refusion"] += float((money * ref_pct[s] * refusion_scheme[b_now]).sum())
        totals["cofinancing"] += float((money * cof_pct[s] * ~refusion_scheme[b_now]).sum())
        totals["cofinanced_gross"] += float((money * ~refusion_scheme[b_now]).sum())
    b_now = benefit[:used]
    end_gross = (b_now < nb) & gross_ok[b_now, ready[:used]]
    aktivering = 0.0
    if scenario.move_from and scenario.move_to and scenario.move_share and prices:
        moved = flows.offer_weeks.get(scenario.move_from, 0) * scenario.move_share
        aktivering = moved * (prices.get(scenario.move_to, 0.0) - prices.get(scenario.move_from, 0.0))
    if scenario.more_offer and scenario.more_share and prices:
        aktivering += flows.offer_weeks.get(scenario.more_offer, 0) * scenario.more_share * prices.get(
            scenario.more_offer, 0.0)
    refusion_gross = totals["gross"] - totals["cofinanced_gross"]
    return {
        "gross_unemployed": round(totals["gross_weeks"] / horizon),
        "long_term_unemployed": int((end_gross & (gross_weeks[:used] >= LONG_TERM_MIN_WEEKS)).sum()),
        "public_support_fte": round(totals["person_weeks"] / horizon, 2),
        "gross": round(totals["gross"], 2),
        "refusion": round(totals["refusion"], 2),
        "cofinancing": round(totals["cofinancing"], 2),
        "municipal_net": round(refusion_gross - totals["refusion"] + totals["cofinancing"], 2),
        "aktivering_change": round(aktivering, 2),
    }

