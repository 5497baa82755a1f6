"""The law engine: a citizen's timeline in, obligations out (shared/contracts/obligations.md).

Pure: no database, no web framework. The regime of a period is chosen by the date the
period starts; a period that runs into a change of the law affecting its benefit (its first
six months cross it, or it is still running, or ran, after it) gets a ``regime.transition``
obligation for a person to decide (convention 8).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

from .calendar import ONE_DAY, within_months_end
from .context import Context
from .facts import Facts, build_facts
from .local_rhythm import ContactRhythm, local_obligations, local_sickness_obligations, rhythm_for
from .obligation import EXEMPT_BY_QUOTA, MANUAL_REVIEW, OPEN_STATUSES, SUSPENDED, WAIVED, Obligation
from .parameters import Parameters, default_parameters
from .periods import (
    LAB_BENEFITS,
    Period,
    Segment,
    SicknessSpell,
    build_periods,
    build_segments,
    build_sickness_spells,
)
from .regimes import Regimes, default_regimes
from .rules import contact
from .rules.work_obligation import work_obligation
from .timeline import Timeline

NOT_COVERED_SOURCE = "Perioder før 1. juli 2015 er ikke dækket af motoren"
EXEMPTION_RULES = frozenset(
    {"contact.first_conversation", "contact.first_six_months", "contact.joint_1", "contact.joint_2",
     "contact.joint_16_months", "contact.fund_first_conversation", "contact.fund_first_three_months",
     "local.contact_rhythm"}
)


@dataclass(slots=True)
class Result:
    citizen: str | int  # echoed as given
    as_of: date
    regime: str
    obligations: list[Obligation] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "citizen": self.citizen,
            "as_of": self.as_of.isoformat(),
            "regime": self.regime,
            "obligations": [o.to_dict() for o in self.obligations],
        }


def _runs_until(window_end: date, end: date | None, as_of: date) -> date:
    """The last day a period or spell runs, as far as it matters for a change of the law.

    Convention 8: a case that started under one regime and *runs into* the next. An ended
    case ran until the day before its end; an open one runs at least to the end of its first
    six months (so a coming change is flagged in time) and at least to ``as_of``.
    """
    if end is not None:
        return end - ONE_DAY
    return max(window_end, as_of)


def _transition(ctx: Context, regimes: Regimes, benefit: str, start: date, last_day: date, period: Period | None,
                explicit: bool = False) -> Obligation | None:
    changes = regimes.changes_between(start, last_day, benefit, explicit)
    if not changes:
        return None
    new = changes[0]
    ob = ctx.obligation(period, "regime.transition", MANUAL_REVIEW, None,
                        f"{new.name} fra {new.valid_from.isoformat()}: {new.source}", window_start=start,
                        action="review",
                        note=f"Forløbet startede under {ctx.regime} og løber ind i {new.name}; "
                             "en sagsbehandler afgør hvilke regler der gælder")
    if period is None:
        ob.benefit = benefit
        ob.period_start = start
    return ob


def _apply_exemptions(obligations: list[Obligation], facts: Facts) -> None:
    """§ 106: no duty to attend conversations while exempt. An open duty is ``suspended`` while
    an exemption runs; one whose deadline fell inside an ended exemption is ``waived``."""
    if not facts.exemptions:
        return
    running = facts.exemption_at(facts.as_of)
    for ob in obligations:
        if ob.rule not in EXEMPTION_RULES or ob.status not in OPEN_STATUSES:
            continue
        if running is not None and (ob.deadline is None or running[0] <= ob.deadline):
            ob.status = SUSPENDED
            ob.note = f"Fritaget fra {running[0].isoformat()} (LAB § 106)"
        elif ob.deadline is not None and facts.exemption_at(ob.deadline) is not None:
            ob.status = WAIVED
            ob.note = "Fritaget ved fristen (LAB § 106)"


def _apply_quota_exemptions(found: list[Obligation], facts: Facts, period: Period) -> None:
    """A ``quota_exemption`` recorded during the period, on or before a quota duty's deadline,
    makes that open duty ``exempt_by_quota``.

    Only obligations with a ``quota`` (the 2026-07-01 rules) are touched, so an exemption on a
    period under earlier rules — or one that crosses a change of the law — is ignored. The first
    conversation, the 16-month conversation, requests and the work obligation carry no quota.
    """
    exemptions = [q for q in facts.quota_exemptions if period.covers(q.day)]
    if not exemptions or any(ob.rule == "regime.transition" for ob in found):
        return
    for ob in found:
        if ob.quota is None or ob.status not in OPEN_STATUSES:
            continue
        scope = "offer" if ob.rule.startswith("offer.") else "conversations"
        actor = "fund" if ob.rule.startswith("contact.fund_") else "municipality"
        # A judgement made after the deadline cannot undo a duty already missed (as with § 106
        # exemptions above): only an exemption recorded on or before the deadline counts.
        exemption = next((q for q in exemptions if q.covers(scope, actor)
                          and (ob.deadline is None or q.day <= ob.deadline)), None)
        if exemption is not None:
            ob.status = EXEMPT_BY_QUOTA
            who = "a-kassen" if actor == "fund" else "kommunen"
            ob.note = (f"Undtaget af {who} {exemption.day.isoformat()} som en af de højst 25 pct., "
                       "der vurderes selv at kunne komme i job")


def _apply_aliases(periods: list[Period], regimes: Regimes) -> None:
    """From 2025-07-01 education benefit is paid as cash benefit with a readiness (lov 1655/2024)."""
    for period in periods:
        regime = regimes.at(period.start)
        if regime is None or not regime.aliases:
            continue
        period.cash_system_2025 = True
        if period.benefit in regime.aliases:
            period.alias_of = period.benefit
            period.benefit = regime.aliases[period.benefit]


def _work_obligations(facts: Facts, params: Parameters, regimes: Regimes, periods: list[Period]) -> list[Obligation]:
    out = []
    for start, end in facts.work_obligations:
        period = next((p for p in reversed(periods) if p.covers(start)), None)
        benefit = period.benefit if period else None
        named = regimes.named_for(start, benefit)
        ctx = Context(facts, params, named.name if named else "ikke dækket")
        out.append(work_obligation(ctx, period, start, end))
    return out


def _sort_key(ob: Obligation) -> tuple[date, date, str]:
    return (ob.period_start or date.min, ob.window_start or date.min, ob.rule)


def compute(
    timeline: Timeline,
    *,
    params: Parameters | None = None,
    regimes: Regimes | None = None,
    rhythms: list[ContactRhythm] | None = None,
) -> Result:
    """Every obligation of one citizen as of ``timeline.as_of``."""
    params = params or default_parameters()
    regimes = regimes or default_regimes()
    facts = build_facts(timeline)
    segments = build_segments(timeline)
    periods = build_periods(timeline, facts, segments)
    _apply_aliases(periods, regimes)
    spells = build_sickness_spells(timeline, facts, segments)
    obligations: list[Obligation] = []
    latest: tuple[date, str] | None = None

    for period in periods:
        regime = regimes.at(period.start)
        if regime is None:
            ctx = Context(facts, params, "ikke dækket")
            obligations.append(ctx.obligation(period, "regime.not_covered", MANUAL_REVIEW, None, NOT_COVERED_SOURCE,
                                              window_start=period.start, action="review"))
            continue
        name = _shown_name(regimes, period.start, period.alias_of or period.benefit)
        ctx = Context(facts, params, name)
        latest = max(latest or (period.start, name), (period.start, name))
        found = regime.logic.period_obligations(ctx, period)
        window_end = period.months_end(ctx.value("contact.window_months", period.start))
        transition = _transition(ctx, regimes, period.benefit, period.start,
                                 _runs_until(window_end, period.end, timeline.as_of), period,
                                 explicit=period.benefit not in LAB_BENEFITS)
        if transition:
            found.append(transition)
        _apply_quota_exemptions(found, facts, period)
        if period.benefit in LAB_BENEFITS:
            if rhythms:
                if regime.logic.local_rhythm:
                    found.extend(local_obligations(ctx, period, partial(_rhythm_on, rhythms, period)))
        if period.cumulated and period.paused_on(timeline.as_of):
            for ob in found:
                if ob.status == "due" and ob.rule != "regime.transition":
                    ob.status = SUSPENDED
                    ob.note = "Ledighedsperioden er afbrudt af arbejde (sammenlagt ledighed, LAB § 9)"
        obligations.extend(found)

    for spell in spells:
        obligations.extend(_sickness(facts, params, regimes, spell, rhythms))
        named = regimes.named_for(spell.start, "sickness_benefit")
        if named is not None:
            latest = max(latest or (spell.start, named.name), (spell.start, named.name))

    obligations.extend(_requests(facts, params, regimes, periods, spells))
    if facts.work_obligations:
        obligations.extend(_work_obligations(facts, params, regimes, periods))
    obligations.extend(_loose_first_contacts(facts, params, regimes, periods, spells))
    _apply_exemptions(obligations, facts)
    obligations.sort(key=_sort_key)
    if latest is None:
        at = regimes.named_for(timeline.as_of, None)
        regime_name = at.name if at else "ikke dækket"
    else:
        regime_name = latest[1]
    return Result(timeline.citizen_id, timeline.as_of, regime_name, obligations)


def _shown_name(regimes: Regimes, day: date, benefit: str) -> str:
    """The rule set's name for a period or spell starting on a day some regime is in force."""
    named = regimes.named_for(day, benefit)
    if named is None:  # only when every regime in force then amends other benefits' rules (as before: no .name)
        raise AttributeError(f"no rule set names {benefit!r} on {day.isoformat()}")
    return named.name


def _rhythm_on(rhythms: list[ContactRhythm], period: Period, day: date) -> ContactRhythm | None:
    """The local rhythm of the period's benefit and its readiness on the day."""
    return rhythm_for(rhythms, period.benefit, period.readiness_on(day))


def _sickness(facts: Facts, params: Parameters, regimes: Regimes, spell: SicknessSpell,
              rhythms: list[ContactRhythm] | None) -> list[Obligation]:
    regime = regimes.at(spell.start)
    if regime is None:
        ctx = Context(facts, params, "ikke dækket")
        return [ctx.obligation(None, "regime.not_covered", MANUAL_REVIEW, None, NOT_COVERED_SOURCE,
                               window_start=spell.start, benefit="sickness_benefit", period_start=spell.start,
                               target_group="6", action="review")]
    ctx = Context(facts, params, _shown_name(regimes, spell.start, "sickness_benefit"))
    found = regime.logic.sickness_obligations(ctx, spell)
    last_day = _runs_until(within_months_end(spell.start, 6), spell.end, facts.as_of)
    transition = _transition(ctx, regimes, "sickness_benefit", spell.start, last_day, None)
    if transition:
        transition.target_group = "6"
        found.append(transition)
    rhythm = rhythm_for(rhythms, "sickness_benefit", None) if rhythms else None
    if rhythm is not None and regime.logic.local_rhythm:
        found.extend(local_sickness_obligations(ctx, spell, rhythm))
    return found


def _requests(facts: Facts, params: Parameters, regimes: Regimes, periods: list[Period],
              spells: list[SicknessSpell]) -> list[Obligation]:
    out: list[Obligation] = []
    if not facts.conversation_requests:
        return out
    for request in facts.conversation_requests:
        regime = regimes.named_for(request, None)
        ctx = Context(facts, params, regime.name if regime else "ikke dækket")
        period = next((p for p in reversed(periods) if p.start <= request), None)
        spell = next((s for s in reversed(spells) if s.start <= request), None)
        holder = period
        end = period.end if period else None
        if spell is not None and (period is None or spell.start > period.start):
            holder, end = None, spell.end
        ob = contact.requested(ctx, holder, request, end)
        if holder is None and spell is not None and (period is None or spell.start > period.start):
            ob.benefit, ob.target_group, ob.period_start = "sickness_benefit", "6", spell.start
        out.append(ob)
    return out


def _loose_first_contacts(facts: Facts, params: Parameters, regimes: Regimes, periods: list[Period],
                          spells: Sequence[SicknessSpell] = ()) -> list[Obligation]:
    """A first contact not yet followed by any benefit: the first conversation is still due.

    One that led to a benefit, or came while one (sick pay included) was running, is not loose:
    § 31, stk. 3 (2024: stk. 5) covers groups 2-5 only, so a first contact that led to sick pay
    (group 6) brings no first-conversation duty.
    """
    if not facts.first_contacts:
        return []
    starts = [p.start for p in periods] + [s.start for p in periods for s in p.segments]
    starts += [s.start for s in spells]
    out = []
    for day in facts.first_contacts:
        if (any(s >= day for s in starts) or any(p.covers(day) for p in periods)
                or any(s.start <= day and (s.end is None or day < s.end) for s in spells)):
            continue  # the contact led to a benefit, or came while one was running
        regime = regimes.named_for(day, "cash_benefit")
        if regime is None:
            continue
        ctx = Context(facts, params, regime.name)
        pseudo = Period("cash_benefit", day, "benefit_start", day, [Segment("cash_benefit", day, "benefit_start", [])])
        ob = contact.first_conversation(ctx, pseudo)
        ob.benefit = None
        ob.target_group = None
        out.append(ob)
    return out
