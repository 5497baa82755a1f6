"""Sickness follow-up changes from 2025 (lov 1657/2024) and 2026-07-01 (lov 1750/2025).

Applied to the obligations the earlier rules give for a spell, driven by dated parameters:

* ``sickness.category_3_read_as`` (2025-01-01): category 3 is repealed; a spell recorded as 3
  is read as 2 — the deadlines of 2 and 3 were the same, so only a note says so.
* ``sickness.section_13f_weeks`` (2025-01-01, § 13 f): an employee whose first follow-up found
  a full return expected by the end of week 13 from that follow-up gets no four follow-ups
  (``not_applicable``); the municipality only checks the raskmelding. Still sick after those
  13 weeks: what then could not be established → ``manual_review``.
* ``sickness.under_26_weeks_no_followup`` (2026-07-01): an employee who, with the employer,
  expects fewer than 26 weeks' absence gets no follow-up conversations at all by default.
  Still sick after 26 weeks: not established → ``manual_review``.
"""

from __future__ import annotations

from datetime import date, timedelta

from ..context import Context
from ..obligation import MANUAL_REVIEW, NOT_APPLICABLE, OPEN_STATUSES, Obligation
from ..periods import SicknessSpell

CONVERSATION_RULES = frozenset({"sickness.first_followup", "sickness.followups_first_half_year",
                                "sickness.category_1_past_8_weeks"})


def _still_sick_after(ctx: Context, spell: SicknessSpell, last_day: date) -> bool:
    return ctx.as_of > last_day and (spell.end is None or spell.end > last_day + timedelta(days=1))


def _set(ob: Obligation, status: str, note: str, source: str) -> None:
    ob.status = status
    ob.note = note
    ob.source = f"{ob.source}; {source}"
    if status == NOT_APPLICABLE:
        ob.met_on = None


def adjust(ctx: Context, spell: SicknessSpell, found: list[Obligation]) -> list[Obligation]:
    start = spell.start
    read_as = ctx.optional("sickness.category_3_read_as", start)
    if read_as is not None and (spell.category == 3 or any(c == 3 for _, c in spell.categories)):
        for ob in found:
            if ob.rule == "sickness.first_followup":
                ob.note = (ob.note + "; " if ob.note else "") + (
                    f"Kategori 3 er ophævet fra 1. januar 2025 og læses som kategori {read_as}")

    weeks_26 = ctx.optional("sickness.under_26_weeks_no_followup", start)
    if weeks_26 is not None and spell.employed and spell.expected_under_26_weeks:
        source = ctx.source("sickness.under_26_weeks_no_followup", start)
        last = start + timedelta(weeks=weeks_26) - timedelta(days=1)
        for ob in found:
            if ob.rule not in CONVERSATION_RULES:
                continue
            if _still_sick_after(ctx, spell, last):
                _set(ob, MANUAL_REVIEW, f"Forventet under {weeks_26} uger, men stadig sygemeldt efter "
                     f"{last.isoformat()}; reglerne herefter kunne ikke fastslås", source)
            else:
                _set(ob, NOT_APPLICABLE, f"Ansat, og borger og arbejdsgiver forventer under {weeks_26} ugers "
                     "fravær: ingen opfølgningssamtaler", source)
        return found

    weeks_13 = ctx.optional("sickness.section_13f_weeks", start)
    if weeks_13 is None or not spell.employed:
        return found
    last_day = spell.end - timedelta(days=1) if spell.end else None
    first = next((d for d in ctx.facts.followups if d >= start and (last_day is None or d <= last_day)), None)
    if first is None or ctx.facts.return_within_13_weeks.get(first) is not True:
        return found
    source = ctx.source("sickness.section_13f_weeks", start)
    end_13 = first + timedelta(weeks=weeks_13) - timedelta(days=1)  # end of week 13 from the first follow-up
    for ob in found:
        if ob.rule != "sickness.followups_first_half_year" or ob.status not in (*OPEN_STATUSES, MANUAL_REVIEW):
            continue
        if _still_sick_after(ctx, spell, end_13):
            _set(ob, MANUAL_REVIEW, f"§ 13 f: forventet tilbage senest {end_13.isoformat()}, men stadig sygemeldt; "
                 "reglerne herefter kunne ikke fastslås", source)
        else:
            _set(ob, NOT_APPLICABLE, f"§ 13 f: forventet fuldt tilbage senest {end_13.isoformat()}; kommunen "
                 "kontrollerer kun raskmeldingen", source)
    return found
