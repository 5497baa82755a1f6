"""The regimes of the law: which rules apply to a period, chosen by the date it starts.

Each regime's logic lives in one class here; the dates and sources come from
``parameters/regimes.yaml``. A later regime inherits the earlier one and overrides only
what changed (LAB 2024 changes the unemployment-benefit contact process and nothing else).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

from .context import Context
from .obligation import Obligation
from .periods import CASH, EDUCATION, INTEGRATION, LAB_BENEFITS, UNEMPLOYMENT, Period, SicknessSpell
from .rules import contact, offers, sickness

REGIMES_FILE = Path(__file__).parent / "parameters" / "regimes.yaml"


class Lab2020:
    """LAB 2020 (lov 548/2019): the simplified employment effort."""

    local_rhythm = True  # after the first six months the municipality sets the rhythm (§ 32, stk. 1)

    def period_obligations(self, ctx: Context, period: Period) -> list[Obligation]:
        out: list[Obligation] = []
        if period.benefit == INTEGRATION:
            out.append(offers.integration_first_offer(ctx, period))
            return out
        if period.benefit in (CASH, EDUCATION) and (period.started_by == "benefit_start" or period.first_contact):
            out.append(contact.first_conversation(ctx, period))
        out.extend(self.contact_process(ctx, period))
        out.extend(self.offer_duty(ctx, period))
        return out

    def contact_process(self, ctx: Context, period: Period) -> list[Obligation]:
        out = [contact.first_six_months(ctx, period)]
        if period.benefit == UNEMPLOYMENT:
            out.extend(contact.joint_conversations(ctx, period))
            out.append(contact.joint_16_months(ctx, period))
        return out

    def offer_duty(self, ctx: Context, period: Period) -> list[Obligation]:
        if period.benefit in (UNEMPLOYMENT, CASH):
            months = ctx.value("offer.right_and_duty_months", period.start)
            return [offers.right_and_duty(ctx, period, months, ctx.source("offer.right_and_duty_months", period.start))]
        out = [offers.right_and_duty_not_applicable(ctx, period)]
        if period.benefit == EDUCATION:
            out.append(offers.education_benefit_continuous(ctx, period))
        return out

    def sickness_obligations(self, ctx: Context, spell: SicknessSpell) -> list[Obligation]:
        out = sickness.first_followup(ctx, spell)
        for rule in (sickness.followups_first_half_year, sickness.category_1_past_8_weeks, sickness.reassessment):
            found = rule(ctx, spell)
            if found is not None:
                out.append(found)
        return out


class Lab2024(Lab2020):
    """Lov 727/2023 from 2024-01-01: the fund holds the first 3 months for unemployment benefit;
    no joint conversations 1-2; the 16-month joint conversation stays."""

    def contact_process(self, ctx: Context, period: Period) -> list[Obligation]:
        if period.benefit != UNEMPLOYMENT:
            return super().contact_process(ctx, period)
        return [*contact.fund_contact_2024(ctx, period), contact.joint_16_months(ctx, period)]


class Lab2015(Lab2020):
    """LAB 2015 (from 2015-07-01 to 2019-12-31), as far as the seeds and secondary sources allow.

    Covered: first conversation within a week (cash and education benefit), the first offer
    for unemployment benefit (after 3 months under 30, after 6 months from 30), the first
    offer for education benefit within a month, sickness follow-up by week 8 and then every
    4 weeks. The intensified contact process's conversation counts are not covered.
    """

    local_rhythm = False

    def contact_process(self, ctx: Context, period: Period) -> list[Obligation]:
        return [offers.not_decided(ctx, period, "contact.first_six_months", "LAB 2015, kontaktforløbet [U]",
                                   "Kontaktforløbet før 2020 (fælles og intensiveret) er ikke dækket af motoren")]

    def offer_duty(self, ctx: Context, period: Period) -> list[Obligation]:
        start = period.start
        if period.benefit == UNEMPLOYMENT:
            age = ctx.facts.age_on(start)
            name = "offer.right_and_duty_months_under_30" if age is not None and age < 30 else "offer.right_and_duty_months"
            return [offers.right_and_duty(ctx, period, ctx.value(name, start), f"{ctx.source(name, start)} [U]")]
        if period.benefit == EDUCATION:
            return [offers.education_benefit_first_offer(ctx, period)]
        if period.benefit == CASH:
            return [offers.not_decided(ctx, period, "offer.right_and_duty", "LAB 2015, kontanthjælp [U]",
                                       "Reglerne for kontanthjælp før 2020 er ikke dækket af motoren")]
        return []

    def sickness_obligations(self, ctx: Context, spell: SicknessSpell) -> list[Obligation]:
        out = sickness.first_followup(ctx, spell)
        for rule in (sickness.followup_every_4_weeks, sickness.category_1_past_8_weeks, sickness.reassessment):
            found = rule(ctx, spell)
            if found is not None:
                out.append(found)
        return out


LOGIC = {"lab2015": Lab2015, "lab2020": Lab2020, "lab2024": Lab2024}


@dataclass(frozen=True, slots=True)
class Regime:
    name: str
    valid_from: date
    source: str
    confidence: str
    changes_for: frozenset[str] | None  # None: every benefit
    logic: Lab2020

    def changes(self, benefit: str) -> bool:
        return self.changes_for is None or benefit in self.changes_for


class Regimes:
    def __init__(self, regimes: list[Regime]):
        self.regimes = sorted(regimes, key=lambda r: r.valid_from)
        self._starts = [r.valid_from for r in self.regimes]

    def at(self, day: date) -> Regime | None:
        """The regime in force on ``day``; None before the first one the engine covers."""
        index = bisect_right(self._starts, day) - 1
        return self.regimes[index] if index >= 0 else None

    def changes_between(self, first: date, last: date, benefit: str) -> list[Regime]:
        """Regimes that take effect after ``first`` and on or before ``last`` and change ``benefit``'s rules."""
        return [r for r in self.regimes if first < r.valid_from <= last and r.changes(benefit)]


def load_regimes(path: Path = REGIMES_FILE) -> Regimes:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    regimes = []
    for entry in data["regimes"]:
        changes = entry.get("changes_for", "all")
        regimes.append(
            Regime(
                name=entry["name"],
                valid_from=entry["valid_from"] if isinstance(entry["valid_from"], date) else date.fromisoformat(entry["valid_from"]),
                source=entry["source"],
                confidence=str(entry.get("confidence", "")),
                changes_for=None if changes == "all" else frozenset(changes),
                logic=LOGIC[entry["logic"]](),
            )
        )
    return Regimes(regimes)


@lru_cache(maxsize=1)
def default_regimes() -> Regimes:
    return load_regimes()


__all__ = ["LAB_BENEFITS", "Regime", "Regimes", "default_regimes", "load_regimes"]
