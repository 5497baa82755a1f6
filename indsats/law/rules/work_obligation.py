"""Arbejdspligt (LAB kapitel 16 a, from 2025): continuous offers of up to 37 hours a week.

The law sets no start deadline the notes could read, so the obligation has none: it is
``met`` while an offer runs on ``as_of`` and otherwise left to a person (``manual_review``),
never ``overdue`` — also during the phase-in (SHO group to 2025-06-30, cash benefit to
2026-01-01). It is never exempted by the 25 % quota (lov 1750/2025 leaves chapter 16 a as it was).
"""

from __future__ import annotations

from datetime import date

from ..context import Context
from ..obligation import CLOSED, MANUAL_REVIEW, MET, NOT_APPLICABLE, Obligation
from ..periods import Period

RULE = "offer.work_obligation"
PHASE_NOTE = {
    "sho_phase_in": "Arbejdspligten indfases for selvforsørgelses- og overgangsydelse til 30. juni 2025",
    "cash_phase_in": "Arbejdspligten indfases for kontanthjælp på mindstesats til 1. januar 2026",
}


def work_obligation(ctx: Context, period: Period | None, start: date, end: date | None) -> Obligation:
    """One spell of the work obligation from ``start`` to ``end`` (exclusive)."""
    phase = ctx.optional("work_obligation.phase", start)
    if phase is None:
        return ctx.obligation(period, RULE, NOT_APPLICABLE, None, "LAB kapitel 16 a (L 12 2024-25)",
                              window_start=start, action="offer",
                              note="Arbejdspligten gælder fra 1. januar 2025")
    source = ctx.source("work_obligation.weekly_hours", start)
    if end is not None and end <= ctx.as_of:
        return ctx.obligation(period, RULE, CLOSED, None, source, window_start=start, action="offer",
                              note=f"Arbejdspligten ophørte {end.isoformat()}")
    running = next((o for o in sorted(ctx.facts.offers, key=lambda o: o.start)
                    if o.started and o.start <= ctx.as_of and (o.end is None or o.end > ctx.as_of)), None)
    if running is not None:
        return ctx.obligation(period, RULE, MET, None, source, window_start=start, action="offer",
                              met_on=running.start)
    notes = ["Intet tilbud løber i dag; arbejdspligten kræver løbende tilbud op til "
             f"{ctx.value('work_obligation.weekly_hours', start)} timer om ugen"]
    phase_now = ctx.optional("work_obligation.phase", ctx.as_of)
    if phase_now in PHASE_NOTE:
        notes.append(PHASE_NOTE[phase_now])
    return ctx.obligation(period, RULE, MANUAL_REVIEW, None, source, window_start=start, action="offer",
                          note="; ".join(notes))


def runs_before(ctx: Context, period: Period, last: date) -> bool:
    """Whether a work obligation ran at some time in the period on or before ``last``."""
    return any(start <= last and period.covers(max(start, period.start)) and (end is None or end > period.start)
               for start, end in ctx.facts.work_obligations)
