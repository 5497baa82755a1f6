"""Ret og pligt til tilbud (LAB § 102, § 105) and the integration programme's first offer."""

from __future__ import annotations

from datetime import date, timedelta

from ..calendar import within_months_end
from ..context import Context
from ..facts import OfferSpan
from ..obligation import MANUAL_REVIEW, MET, NOT_APPLICABLE, SUSPENDED, Obligation, single_status
from ..parameters import ParameterError
from ..periods import Period


def _qualifying(ctx: Context, period: Period, types: list[str], minimum_days: int) -> list[OfferSpan]:
    found = []
    for offer in ctx.facts.offers:
        if offer.offer not in types or not offer.started:
            continue
        if offer.start < period.start or (period.end is not None and offer.start >= period.end):
            continue
        if offer.end is not None and (offer.end - offer.start).days < minimum_days:
            continue  # § 102, stk. 2: at least 2 weeks' continuous duration
        found.append(offer)
    return sorted(found, key=lambda o: o.start)


def _booked(ctx: Context, period: Period) -> OfferSpan | None:
    return next((o for o in ctx.facts.offers if not o.started and o.given_on and o.given_on >= period.start), None)


def right_and_duty(ctx: Context, period: Period, months: int, source: str) -> Obligation:
    """The first active offer must start no later than after ``months`` months (§ 102, stk. 1).

    A wage-subsidy job counts if given by the deadline and started within 3 weeks after it
    (stk. 3). Exempt at the deadline: the offer is due 1 month after the exemption ends (stk. 4).
    """
    start = period.start
    deadline = period.months_end(months)
    note = ""
    types = ctx.value("offer.qualifying_types", start)
    offers = _qualifying(ctx, period, types, ctx.value("offer.minimum_days", start))
    exemption = ctx.facts.exemption_at(deadline)
    if exemption is not None and any(o.start <= deadline for o in offers):
        exemption = None  # the duty was met before the exemption mattered
    if exemption is not None:
        exemption_end = exemption[1]
        source = f"{source}; {ctx.source('offer.after_exemption_months', start)}"
        if exemption_end is None:
            return ctx.obligation(period, "offer.right_and_duty", SUSPENDED,
                                  deadline if ctx.as_of <= deadline else None, source,
                                  window_start=start, action="offer",
                                  note="Fritagelse løber; tilbud senest 1 måned efter fritagelsens ophør")
        deadline = within_months_end(exemption_end, ctx.value("offer.after_exemption_months", start))
        note = "Frist flyttet: fritaget ved fristens udløb (tilbud senest 1 måned efter ophør)"
    unsettled = _unsettled(ctx, period, offers, deadline)
    if unsettled:
        offers = [o for o in offers if o.offer not in unsettled[0]]
    on_time = next((o.start for o in offers if o.start <= deadline), None)
    try:
        grace = ctx.value("offer.wage_subsidy_grace_days", start)
    except ParameterError:
        grace = None  # no such grace before 2020
    if on_time is None:
        if grace is not None:
            on_time = next(
                (o.start for o in offers if o.offer == "wage_subsidy" and o.given_on is not None
                 and o.given_on <= deadline and o.start <= deadline + timedelta(days=grace)),
                None,
            )
    late = next((o.start for o in offers if o.start > deadline), None)
    status = single_status(on_time, late, deadline, ctx.as_of, period.end)
    if unsettled and status in ("due", "overdue") and unsettled[1]:
        return ctx.obligation(period, "offer.right_and_duty", MANUAL_REVIEW, deadline, source, window_start=start,
                              action="offer", note=unsettled[1])
    booked = _booked(ctx, period)
    if booked and status in ("due", "overdue"):
        note = (note + "; " if note else "") + f"Tilbud givet, starter {booked.start.isoformat()}"
        if (status == "overdue" and grace is not None and booked.offer == "wage_subsidy"
                and booked.given_on is not None and booked.given_on <= deadline and booked.start <= deadline + timedelta(days=grace)):
            status = "due"  # § 102, stk. 3: given in time, may start up to 3 weeks after the deadline
    return ctx.obligation(period, "offer.right_and_duty", status, deadline, source, window_start=start,
                          met_on=on_time or (late if status == "met_late" else None), action="offer", note=note)


def _unsettled(ctx: Context, period: Period, counted: list[OfferSpan], deadline: date) -> tuple[frozenset[str], str] | None:
    """Offers whose effect on the duty the law text does not settle, with the reason (Danish).

    From 2026-02-01 job rotation is abolished (date unclear), so it no longer settles the duty;
    from 2026-07-01 the new offer's minimum length and qualifying types were not read, so a
    started offer that the old rules would not count goes to a person, not to ``overdue``.
    """
    start = period.start
    dropped = frozenset(ctx.optional("offer.types_no_longer_counting", start) or ())
    established = ctx.optional("offer.new_offer_rules_established", start)
    if not dropped and established is not False:
        return None
    by_deadline = [o for o in ctx.facts.offers if o.started and period.covers(o.start) and o.start <= deadline]
    reason = ""
    if any(o.offer in dropped for o in counted if o.start <= deadline):
        reason = ("Jobrotation er afskaffet ved lov 1750/2025, men datoen er uklar; om tilbuddet opfylder "
                  "pligten vurderes af en sagsbehandler")
    elif established is False and by_deadline and not any(o.start <= deadline for o in counted):
        reason = ("Et tilbud er givet, men minimumsvarighed og tilbudstyper efter 1. juli 2026 kunne ikke "
                  "fastslås; en sagsbehandler vurderer")
    return dropped, reason


def right_and_duty_not_applicable(ctx: Context, period: Period) -> Obligation:
    """§ 102 covers target groups 1-3 only; other groups get it as not applicable."""
    return ctx.obligation(period, "offer.right_and_duty", NOT_APPLICABLE, None, "LAB § 102, stk. 1 (målgruppe 1-3)",
                          window_start=period.start, action="offer",
                          note="Ret og pligt efter § 102 gælder dagpenge- og kontanthjælpsmodtagere")


def education_benefit_continuous(ctx: Context, period: Period) -> Obligation:
    """Uddannelseshjælp: continuous right and duty to offers (§ 105).

    The start deadline and the maximum pause were not found in the law text, so the engine
    leaves the case to a person (manual_review) unless an offer is running today.
    """
    source = f"{ctx.source('offer.education_benefit_source', period.start)} [U]"
    types = ctx.value("offer.qualifying_types", period.start)
    running = next(
        (o for o in ctx.facts.offers if o.offer in types and o.started and o.start >= period.start
         and o.start <= ctx.as_of and (o.end is None or o.end > ctx.as_of)),
        None,
    )
    if period.end is not None:
        status = MET if any(o.started and period.covers(o.start) for o in ctx.facts.offers if o.offer in types) else "closed"
    else:
        status = MET if running else MANUAL_REVIEW
    return ctx.obligation(period, "offer.education_benefit", status, None, source, window_start=period.start,
                          action="offer", met_on=running.start if running else None,
                          note="Fristen for uddannelseshjælp er ikke fundet i lovteksten; vurderes af en sagsbehandler")


def education_benefit_first_offer(ctx: Context, period: Period) -> Obligation:
    """LAB 2015: first offer for education benefit no later than 1 month after the first contact [U]."""
    anchor = period.first_contact or period.start
    deadline = within_months_end(anchor, ctx.value("offer.education_benefit_first_months", anchor))
    types = ctx.value("offer.qualifying_types", anchor)
    offers = _qualifying(ctx, period, types, 0)
    on_time = next((o.start for o in offers if o.start <= deadline), None)
    late = next((o.start for o in offers if o.start > deadline), None)
    status = single_status(on_time, late, deadline, ctx.as_of, period.end)
    return ctx.obligation(period, "offer.education_benefit", status, deadline,
                          f"{ctx.source('offer.education_benefit_first_months', anchor)} [U]",
                          window_start=anchor, action="offer", met_on=on_time)


def integration_first_offer(ctx: Context, period: Period) -> Obligation:
    """Integration programme: a first offer no later than 1 month after the municipality takes over [2nd]."""
    start = period.start
    deadline = within_months_end(start, ctx.value("integration.first_offer_months", start))
    offers = sorted((o for o in ctx.facts.offers if o.started and period.covers(o.start)), key=lambda o: o.start)
    on_time = next((o.start for o in offers if o.start <= deadline), None)
    late = next((o.start for o in offers if o.start > deadline), None)
    status = single_status(on_time, late, deadline, ctx.as_of, period.end)
    return ctx.obligation(period, "integration.first_offer", status, deadline,
                          f"{ctx.source('integration.first_offer_months', start)} [2nd]",
                          window_start=start, action="offer", met_on=on_time)


def not_decided(ctx: Context, period: Period, rule: str, source: str, note: str) -> Obligation:
    return ctx.obligation(period, rule, MANUAL_REVIEW, None, source, window_start=period.start, action="review",
                          note=note)
