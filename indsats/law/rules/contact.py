"""Kontaktforløbet: job conversations (LAB §§ 31-32). Pure functions of a period and its facts."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date, timedelta

from ..context import Context, in_period
from ..obligation import (
    CLOSED,
    DUE,
    MANUAL_REVIEW,
    MET,
    NOT_APPLICABLE,
    WAIVED,
    Obligation,
    count_status,
    single_status,
)
from ..periods import UNEMPLOYMENT, Period


def _single(ctx: Context, period: Period, rule: str, dates: list[date], window_start: date,
            deadline: date, source: str, action: str = "conversation") -> Obligation:
    """Met by one event in ``[window_start, deadline]``; ``dates`` sorted."""
    i = bisect_left(dates, window_start)
    on_time = dates[i] if i < len(dates) and dates[i] <= deadline else None
    j = bisect_right(dates, deadline)
    late = dates[j] if j < len(dates) else None
    status = single_status(on_time, late, deadline, ctx.as_of, period.end)
    return ctx.obligation(period, rule, status, deadline, source, window_start=window_start,
                          met_on=on_time or (late if status == "met_late" else None), action=action)


def _count(ctx: Context, period: Period, rule: str, dates: list[date], window_start: date, deadline: date,
           required: int, source: str, action: str = "conversation") -> Obligation:
    """At least ``required`` events from ``window_start``; ``dates`` sorted."""
    first = bisect_left(dates, window_start)
    total = len(dates) - first
    on_time = bisect_right(dates, deadline) - first if deadline >= window_start else 0
    status = count_status(required, on_time, total, deadline, ctx.as_of, period.end)
    met_on = dates[first + required - 1] if status in ("met", "met_late") else None
    held = on_time if status == MET else total  # late ones count towards the total (convention 7)
    return ctx.obligation(period, rule, status, deadline, source, window_start=window_start,
                          required=required, held=held, met_on=met_on, action=action)


NO_DEADLINE_NOTE = ("Fristen for første samtale efter 1. juli 2026 kunne ikke fastslås (L 66 2025/26 bem. "
                    "2.1.2.1.2 ændrer tidspunktet; lovteksten er ikke læst); en sagsbehandler vurderer")


def _held_without_deadline(ctx: Context, period: Period, rule: str, dates: list[date], window_start: date,
                           source: str, action: str = "conversation") -> Obligation:
    """A duty to hold a conversation whose deadline the law text could not give (value null):
    ``met`` once one was held, otherwise ``manual_review`` with the reason — never a guessed date."""
    held = next((d for d in dates if d >= window_start), None)
    if held is not None:
        return ctx.obligation(period, rule, MET, None, source, window_start=window_start, met_on=held, action=action)
    status = CLOSED if period.end is not None and period.end <= ctx.as_of else MANUAL_REVIEW
    return ctx.obligation(period, rule, status, None, source, window_start=window_start, action=action,
                          note=NO_DEADLINE_NOTE)


def _quota(ctx: Context, period: Period, groups_parameter: str, share_parameter: str) -> float | None:
    """The cohort share (0.75) when the period's target group's duty is a quota on its start day, else None."""
    share = ctx.optional(share_parameter, period.start)
    if share is None:
        return None
    groups = ctx.optional(groups_parameter, period.start) or ()
    return share if period.current_target_group(ctx.as_of) in groups else None


def first_conversation(ctx: Context, period: Period) -> Obligation:
    """First job conversation no later than 1 week from the first contact (§ 31, stk. 3 / 2024: stk. 5).

    Never a quota duty: from 2026-07-01 it is held with every job-ready person (not exemptible)."""
    anchor = period.first_contact or period.start
    days = ctx.value("contact.first_conversation_days", anchor)
    source = ctx.source("contact.first_conversation_days", anchor)
    dates = in_period(ctx.facts.all_conversations, period, anchor)
    if days is None:
        return _held_without_deadline(ctx, period, "contact.first_conversation", dates, anchor, source)
    deadline = anchor + timedelta(days=days)
    return _single(ctx, period, "contact.first_conversation", dates, anchor, deadline, source)


def first_six_months(ctx: Context, period: Period) -> Obligation:
    """At least 4 job conversations in the jobcenter within the first 6 months (§ 31, stk. 1).

    For unemployment benefit the two joint conversations come in addition, so only
    conversations without the fund count.
    """
    months = ctx.value("contact.window_months", period.start)
    required = ctx.value("contact.required_conversations", period.start)
    deadline = period.months_end(months)
    source_dates = ctx.facts.individual if period.benefit == UNEMPLOYMENT else ctx.facts.all_conversations
    dates = in_period(source_dates, period)
    ob = _count(ctx, period, "contact.first_six_months", dates, period.start, deadline, required,
                ctx.source("contact.required_conversations", period.start))
    ob.quota = _quota(ctx, period, "contact.quota_groups", "contact.quota_share")
    return ob


def _declined(ctx: Context, period: Period, first: date, last: date) -> date | None:
    return next((d for d in ctx.facts.joint_declines if first <= d <= last and period.covers(d)), None)


def joint_conversations(ctx: Context, period: Period) -> list[Obligation]:
    """The two joint conversations with the unemployment fund in the first 6 months (§ 31, stk. 2).

    Each joint conversation serves one obligation: on-time assignments first, then late ones.
    """
    start = period.start
    m1 = ctx.value("contact.joint_1_months", start)
    m2_from, m2_to = ctx.value("contact.joint_2_months", start)
    d1 = period.months_end(m1)
    ws2 = period.after_months(m2_from)
    d2 = period.months_end(m2_to)
    joints = in_period(ctx.facts.joint, period)
    j1 = next((d for d in joints if d <= d1), None)
    j2 = next((d for d in joints if ws2 <= d <= d2 and d != j1), None)
    used = {j1, j2}
    triggered = j1 is not None or any(start <= d <= d1 for d in ctx.facts.joint_requests)
    source1 = ctx.source("contact.joint_1_months", start)
    source2 = ctx.source("contact.joint_2_months", start)
    declined = _declined(ctx, period, start, d2)

    if not triggered:
        ob1 = ctx.obligation(period, "contact.joint_1", NOT_APPLICABLE, d1, source1, window_start=start, action="joint",
                             note="Ingen anmodning om fællessamtale inden for 3 måneder")
    else:
        late1 = next((d for d in joints if d > d1 and d not in used), None) if j1 is None else None
        used.add(late1)
        status = single_status(j1, late1, d1, ctx.as_of, period.end)
        ob1 = ctx.obligation(period, "contact.joint_1", status, d1, source1, window_start=start,
                             met_on=j1 or late1, action="joint")
    late2 = next((d for d in joints if d > d2 and d not in used), None) if j2 is None else None
    status2 = single_status(j2, late2, d2, ctx.as_of, period.end)
    ob2 = ctx.obligation(period, "contact.joint_2", status2, d2, source2, window_start=ws2,
                         met_on=j2 or late2, action="joint")
    if declined is not None:
        for ob, deadline in ((ob1, d1), (ob2, d2)):
            # A decline waives what was still open on that day; a deadline already missed stays missed.
            if (ob.status not in (MET, NOT_APPLICABLE) and not (ob.met_on and ob.met_on <= declined)
                    and declined <= deadline):
                ob.status = WAIVED
                ob.note = f"Borgeren har fravalgt a-kassens deltagelse ({declined.isoformat()})"
    return [ob1, ob2]


def joint_16_months(ctx: Context, period: Period) -> Obligation:
    """The fund takes part in a conversation no later than at 16 months' unemployment (§ 32, stk. 2)."""
    start = period.start
    months = ctx.value("contact.joint_16_months", start)
    window_start = period.after_months(ctx.value("contact.window_months", start))
    deadline = period.months_end(months)
    joints = in_period(ctx.facts.joint, period, window_start)
    ob = _single(ctx, period, "contact.joint_16_months", joints, window_start, deadline,
                 ctx.source("contact.joint_16_months", start), action="joint")
    if ctx.optional("contact.joint_16_months_fund_takes_part", start) is None and ob.status in (DUE, "overdue"):
        # From 2026-07-01 the law text on the fund's part was not read: a conversation held without
        # the fund in the window may meet the duty — a person decides; none held at all stays as it is.
        held = in_period(ctx.facts.individual, period, window_start)
        if any(d <= deadline for d in held):
            ob.status = MANUAL_REVIEW
            ob.note = ("Samtale holdt uden a-kassen; om a-kassen skal deltage efter 1. juli 2026 "
                       "kunne ikke fastslås")
        ob.source = ctx.source("contact.joint_16_months_fund_takes_part", start)
        return ob
    declined = next((d for d in ctx.facts.joint_declines if window_start <= d <= deadline and period.covers(d)), None)
    if declined is not None and ob.status != MET:
        ob.status = WAIVED
        ob.note = f"Borgeren har fravalgt a-kassens deltagelse ({declined.isoformat()})"
    return ob


def fund_contact_2024(ctx: Context, period: Period) -> list[Obligation]:
    """Unemployment benefit from 2024 (lov 727/2023): the fund's 3 conversations in months 0-3
    (the first within 2 weeks of registration), then the jobcenter's 3 by month 6 (§ 31, stk. 1 and 4)."""
    start = period.start
    dates = in_period(ctx.facts.all_conversations, period)
    first_days = ctx.value("contact.fund_first_conversation_days", start)
    fund_months = ctx.value("contact.fund_months", start)
    fund_end = period.months_end(fund_months)
    first_source = ctx.source("contact.fund_first_conversation_days", start)
    if first_days is None:
        first = _held_without_deadline(ctx, period, "contact.fund_first_conversation", dates, start, first_source,
                                       action="fund")
        first.note = "A-kassens samtale" + (f". {first.note}" if first.note else "")
    else:
        first = _single(ctx, period, "contact.fund_first_conversation", dates, start,
                        start + timedelta(days=first_days), first_source, action="fund")
        first.note = "A-kassens samtale"
    quota = ctx.optional("contact.quota_share", start)  # from 2026-07-01 both counts are quotas
    fund = _count(ctx, period, "contact.fund_first_three_months", [d for d in dates if d <= fund_end],
                  start, fund_end, ctx.value("contact.fund_required_conversations", start),
                  ctx.source("contact.fund_required_conversations", start), action="fund")
    fund.note = "A-kassens samtaler"
    fund.quota = quota
    jobcenter_start = period.after_months(fund_months)
    jobcenter = _count(ctx, period, "contact.first_six_months", dates, jobcenter_start,
                       period.months_end(ctx.value("contact.window_months", start)),
                       ctx.value("contact.jobcenter_required_conversations", start),
                       ctx.source("contact.jobcenter_required_conversations", start))
    jobcenter.quota = quota
    return [first, fund, jobcenter]


def requested(ctx: Context, period_or_none: Period | None, request: date, end: date | None) -> Obligation:
    """A conversation the citizen asked for (§ 32, stk. 1): the law sets no turnaround (deadline null)."""
    dates = sorted(ctx.facts.all_conversations + ctx.facts.followups)
    held = next((d for d in dates if d >= request and (end is None or d < end)), None)
    if held is not None:
        status = MET
    elif end is not None:
        status = "closed"
    else:
        status = DUE
    return ctx.obligation(period_or_none, "contact.requested", status, None, "LAB § 32, stk. 1, 3. pkt.",
                          window_start=request, met_on=held)
