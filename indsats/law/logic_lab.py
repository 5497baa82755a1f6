"""The logic of the LAB regimes 2015, 2020 and 2024: which rules apply to a period.

Each regime is one class; a later regime inherits the earlier one and overrides only what
changed (LAB 2024 changes the unemployment-benefit contact process and nothing else). The
dates and sources are in ``parameters/regimes.yaml``.
"""

from __future__ import annotations

from .context import Context
from .obligation import Obligation
from .periods import CASH, EDUCATION, INTEGRATION, UNEMPLOYMENT, Period, SicknessSpell
from .rules import contact, offers, sickness


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
