"""The logic of the 2025-2026 reforms, each regime inheriting the one before.

* Sygedagpenge 2025 (lov 1657/2024, 2025-01-01): sickness follow-up — category 3 read as 2, § 13 f.
* Kontanthjælp 2025 (lov 1655/2024, 2025-07-01): education benefit is paid as cash benefit with a
  readiness; the education-ready (target groups 4-5) keep the continuous right and duty (§ 105).
* Reform 2026-02 (lov 1750/2025, 2026-02-01): no new resource programmes or rehabilitation;
  running ones keep the old rules.
* Reform 2026-07 (lov 1750/2025, 2026-07-01): conversations and the offer of the first six
  months are owed to at least 75 % of a cohort (``quota``); the sick-listed in work expected
  back within 26 weeks get no follow-up conversations.

Most changes are dated parameters read by the shared rules (``contact.quota_share``, a null
first-conversation deadline, ``sickness.followups_required`` null, ...); these classes decide
only which rules a period gets. What the law text could not settle is ``manual_review``.
"""

from __future__ import annotations

from .context import Context
from .logic_lab import Lab2024
from .obligation import NOT_APPLICABLE, Obligation
from .periods import EDUCATION, Period, SicknessSpell
from .rules import offers, sickness_2025, work_obligation


class Sickness2025(Lab2024):
    def sickness_obligations(self, ctx: Context, spell: SicknessSpell) -> list[Obligation]:
        return sickness_2025.adjust(ctx, spell, super().sickness_obligations(ctx, spell))


class CashSystem2025(Sickness2025):
    def offer_duty(self, ctx: Context, period: Period) -> list[Obligation]:
        if period.benefit != EDUCATION and period.education_like(ctx.as_of):
            return [offers.right_and_duty_not_applicable(ctx, period), offers.education_benefit_continuous(ctx, period)]
        return super().offer_duty(ctx, period)


class Reform2026February(CashSystem2025):
    def period_obligations(self, ctx: Context, period: Period) -> list[Obligation]:
        closed = ctx.value("programme.closed_for_new_starts", period.start)
        if period.benefit in closed:
            source = ctx.source("programme.closed_for_new_starts", period.start)
            return [offers.not_decided(
                ctx, period, "contact.first_six_months", source,
                f"Nye forløb ({period.benefit}) kan ikke startes fra {_first_day(ctx, period)}: ordningen er afskaffet "
                "ved lov 1750/2025; en sagsbehandler vurderer sagen")]
        return super().period_obligations(ctx, period)


def _first_day(ctx: Context, period: Period) -> str:
    return ctx.params.get("programme.closed_for_new_starts", period.start).valid_from.isoformat()


class Reform2026July(Reform2026February):
    def contact_process(self, ctx: Context, period: Period) -> list[Obligation]:
        unknown = ctx.optional("contact.count_not_established_groups", period.start) or ()
        if period.current_target_group(ctx.as_of) in unknown:
            return [offers.not_decided(
                ctx, period, "contact.first_six_months", ctx.source("contact.count_not_established_groups", period.start),
                "Om målgruppen har et individuelt antal jobsamtaler efter 1. juli 2026 kunne ikke fastslås; "
                "en sagsbehandler vurderer")]
        return super().contact_process(ctx, period)

    def offer_duty(self, ctx: Context, period: Period) -> list[Obligation]:
        start = period.start
        groups = ctx.value("offer.quota_groups", start)
        group = period.current_target_group(ctx.as_of)
        months = ctx.value("offer.right_and_duty_months", start)
        source = ctx.source("offer.right_and_duty_months", start)
        if group not in groups:
            return [ctx.obligation(period, "offer.right_and_duty", NOT_APPLICABLE, None, source, window_start=start,
                                   action="offer", note="Kravet om tilbud efter 1. juli 2026 gælder dagpengemodtagere "
                                   "og job- og uddannelsesparate kontanthjælpsmodtagere")]
        if work_obligation.runs_before(ctx, period, period.months_end(months)):
            return [ctx.obligation(period, "offer.right_and_duty", NOT_APPLICABLE, None, source, window_start=start,
                                   action="offer", note="Omfattet af arbejdspligt: løbende tilbud efter LAB kapitel "
                                   "16 a i stedet (offer.work_obligation)")]
        ob = offers.right_and_duty(ctx, period, months, source)
        ob.quota = ctx.value("offer.quota_share", start)
        return [ob]
