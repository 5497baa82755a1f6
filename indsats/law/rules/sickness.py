"""Sygedagpengeopfølgning (sygedagpengeloven §§ 12, 13 a, 13 b, 24)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from ..calendar import ONE_DAY, end_of_month, end_of_week, within_months_end
from ..context import Context, between
from ..obligation import (
    CLOSED,
    DUE,
    MANUAL_REVIEW,
    MET,
    NOT_APPLICABLE,
    OVERDUE,
    Obligation,
    count_status,
    single_status,
)
from ..periods import SicknessSpell

SICK = "sickness_benefit"


def _ob(ctx: Context, spell: SicknessSpell, rule: str, status: str, deadline: date | None, source: str, **kw: Any) -> Obligation:
    kw.setdefault("window_start", spell.start)
    kw.setdefault("action", "followup")
    return ctx.obligation(None, rule, status, deadline, source, benefit=SICK, target_group="6",
                          period_start=spell.start, **kw)


def _followups(ctx: Context, spell: SicknessSpell) -> list[date]:
    last = spell.end - ONE_DAY if spell.end else None
    return between(ctx.facts.followups, spell.start, last)


def _week8(ctx: Context, spell: SicknessSpell) -> tuple[date, str]:
    weeks = ctx.value("sickness.first_followup_weeks", spell.start)
    return end_of_week(spell.start, weeks), ctx.source("sickness.first_followup_weeks", spell.start)


def _category_2_or_3_by(spell: SicknessSpell, day: date) -> bool:
    """Whether S1/S3 apply: category 2 or 3 from the start, or re-assessed to it by ``day``.

    A spell whose category was unknown at the start (sick pay without ``sick_leave_start``)
    takes the first category recorded for it as its visitation (§ 12), whenever it came.
    """
    if spell.category in (2, 3):
        return True
    changes = spell.categories
    if spell.category is None and changes and changes[0][1] in (2, 3):
        return True
    return any(c in (2, 3) and d <= day for d, c in changes)


def first_followup(ctx: Context, spell: SicknessSpell) -> list[Obligation]:
    """S1/S2: first follow-up by the end of week 8 (categories 2 and 3), or within 2 weeks of
    a request for early follow-up, which supersedes it (§ 13 b, stk. 1-2)."""
    week8, source = _week8(ctx, spell)
    followups = _followups(ctx, spell)
    out: list[Obligation] = []
    request = next((d for d in ctx.facts.early_requests if d >= spell.start and (spell.end is None or d < spell.end)), None)
    if request is not None:
        early_source = ctx.source("sickness.early_followup_days", spell.start)
        held_before = next((d for d in followups if d < request), None)
        if held_before is not None:
            # § 13 b, stk. 2 concerns the *first* follow-up: once it was held, a request is moot.
            out.append(_ob(ctx, spell, "sickness.early_followup", NOT_APPLICABLE, None, early_source,
                           window_start=request, note=f"Første opfølgning allerede holdt {held_before.isoformat()}"))
        else:
            days = ctx.value("sickness.early_followup_days", spell.start)
            deadline = request + timedelta(days=days)
            on_time = next((d for d in followups if d <= deadline), None)
            late = next((d for d in followups if d > deadline), None)
            status = single_status(on_time, late, deadline, ctx.as_of, spell.end)
            out.append(_ob(ctx, spell, "sickness.early_followup", status, deadline, early_source,
                           window_start=request, met_on=on_time or late))
            if request <= week8:
                # "jf. dog stk. 2": a request made while the week-8 deadline still runs replaces it.
                out.append(_ob(ctx, spell, "sickness.first_followup", NOT_APPLICABLE, week8, source,
                               note="Erstattet af tidlig opfølgning (§ 13 b, stk. 2)"))
                return out
        # A request after the first follow-up or after week 8 cannot undo the week-8 duty.
    if spell.category is None and not spell.categories:
        out.append(_ob(ctx, spell, "sickness.first_followup", MANUAL_REVIEW, week8, source,
                       note="Visitationskategori ukendt"))
        return out
    if not _category_2_or_3_by(spell, min(week8, ctx.as_of)):
        out.append(_ob(ctx, spell, "sickness.first_followup", NOT_APPLICABLE, week8, source,
                       note="Kategori 1"))
        return out
    on_time = next((d for d in followups if d <= week8), None)
    late = next((d for d in followups if d > week8), None)
    status = single_status(on_time, late, week8, ctx.as_of, spell.end)
    out.append(_ob(ctx, spell, "sickness.first_followup", status, week8, source, met_on=on_time or late))
    return out


def followups_first_half_year(ctx: Context, spell: SicknessSpell) -> Obligation | None:
    """S3: at least 4 follow-ups in the first half year, categories 2 and 3 (§ 13 b, stk. 1)."""
    months = ctx.value("sickness.followups_months", spell.start)
    deadline = within_months_end(spell.start, months)
    required = ctx.value("sickness.followups_required", spell.start)
    source = ctx.source("sickness.followups_required", spell.start)
    if spell.category is None and not spell.categories:
        return _ob(ctx, spell, "sickness.followups_first_half_year", MANUAL_REVIEW, deadline, source,
                   required=required, note="Visitationskategori ukendt")
    if not _category_2_or_3_by(spell, min(deadline, ctx.as_of)):
        return _ob(ctx, spell, "sickness.followups_first_half_year", NOT_APPLICABLE, deadline, source,
                   required=required, note="Kategori 1")
    if required is None:
        return _ob(ctx, spell, "sickness.followups_first_half_year", MANUAL_REVIEW, None, source,
                   note="Antallet af opfølgninger efter 1. juli 2026 ('mere fleksible opfølgningsforløb') "
                        "kunne ikke fastslås; en sagsbehandler vurderer")
    followups = _followups(ctx, spell)
    on_time = sum(1 for d in followups if d <= deadline)
    status = count_status(required, on_time, len(followups), deadline, ctx.as_of, spell.end)
    held = on_time if status == MET else len(followups)
    return _ob(ctx, spell, "sickness.followups_first_half_year", status, deadline, source,
               required=required, held=held)


def followup_every_4_weeks(ctx: Context, spell: SicknessSpell) -> Obligation | None:
    """Before 2020: after the first follow-up, at least every 4 weeks (categories 2 and 3) [2nd]."""
    if not _category_2_or_3_by(spell, ctx.as_of):
        return None
    followups = _followups(ctx, spell)
    if not followups:
        return None
    interval = ctx.value("sickness.followup_interval_days", spell.start)
    source = f"{ctx.source('sickness.followup_interval_days', spell.start)} [2nd]"
    anchor = followups[0]
    for later in followups[1:]:
        if later > anchor + timedelta(days=interval):
            break
        anchor = later
    deadline = anchor + timedelta(days=interval)
    if spell.end is not None and spell.end <= deadline:
        status = "closed"
    else:
        status = OVERDUE if ctx.as_of > deadline else DUE
    return _ob(ctx, spell, "sickness.followup_every_4_weeks", status, deadline, source, window_start=anchor)


def category_1_past_8_weeks(ctx: Context, spell: SicknessSpell) -> Obligation | None:
    """S5: category 1 running past 8 weeks needs a follow-up and re-assessment to 2 or 3; no fixed deadline (§ 13 a)."""
    week8, _ = _week8(ctx, spell)
    past = week8 + ONE_DAY
    if spell.category != 1 or ctx.as_of < past or (spell.end is not None and spell.end <= past):
        return None
    if any(c in (2, 3) and d < past for d, c in spell.categories):
        return None
    followup = next((d for d in _followups(ctx, spell) if d >= past), None)
    reassessed = any(c in (2, 3) and d >= past for d, c in spell.categories)
    if followup and reassessed:
        status = MET
    elif spell.end is not None:
        status = CLOSED  # back at work or off sick pay: nothing left to re-assess
    else:
        status = DUE
    return _ob(ctx, spell, "sickness.category_1_past_8_weeks", status, None, "Sygedagpengeloven § 13 a",
               window_start=past, met_on=followup if status == MET else None)


def reassessment(ctx: Context, spell: SicknessSpell) -> Obligation | None:
    """S6: re-assessment before sick pay stops after 22 weeks within 9 months, at the end of a
    month; the employer period (first 30 days) is not counted [2nd]."""
    weeks = ctx.value("sickness.reassessment_weeks", spell.start)
    skip = ctx.value("sickness.employer_period_days", spell.start)
    # Days 1-30 are the employer period; counted days start on day 31. "More than 22 weeks":
    # the 155th counted day is the first beyond the limit; the re-assessment point is the end
    # of the month in which it falls (§ 24, stk. 1: "ved udgangen af en måned").
    limit_day = spell.start + timedelta(days=skip + 7 * weeks)
    deadline = end_of_month(limit_day)
    window_start = deadline - timedelta(weeks=8) + ONE_DAY
    if spell.end is not None and spell.end <= window_start:
        return None
    if ctx.as_of < window_start:
        return None
    followups = _followups(ctx, spell)
    on_time = next((d for d in followups if window_start <= d <= deadline), None)
    late = next((d for d in followups if d > deadline), None)
    status = single_status(on_time, late, deadline, ctx.as_of, spell.end)
    return _ob(ctx, spell, "sickness.reassessment", status, deadline,
               f"{ctx.source('sickness.reassessment_weeks', spell.start)} [2nd]", window_start=window_start,
               met_on=on_time, action="review")
