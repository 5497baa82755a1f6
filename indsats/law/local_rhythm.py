"""The municipality's own contact rhythm after the first six months (local, not legal).

After the first six months the law leaves the rhythm to the jobcenter and the citizen
(LAB § 32, stk. 1); a municipality sets its own per competence group in its employment
plan (seed 003, Hedensted). The plan's ``contact_rhythm`` list is parsed here (no I/O: the
caller passes the parsed YAML list) and turns into obligations marked ``local: true``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from .calendar import within_months_end
from .context import Context, in_period
from .obligation import DUE, MET, MET_LATE, OVERDUE, Obligation
from .periods import Period, SicknessSpell

RULE = "local.contact_rhythm"
MAX_LINKS = 400

# One link of a chain: (status, window_start, deadline, source, held) -> the obligation.
MakeLink = Callable[[str, date, date, str, "date | None"], Obligation]


class ContactRhythm(BaseModel):
    """One competence group's rhythm: at least one conversation every ``interval_days``."""

    competence_group: str
    label: str = ""
    benefits: list[str]
    readiness: list[str] | None = None
    interval_days: int = Field(gt=0, le=730)
    source: str = ""

    def matches(self, benefit: str, readiness: str | None) -> bool:
        return benefit in self.benefits and (not self.readiness or readiness in self.readiness)


class RhythmError(ValueError):
    pass


def parse_rhythms(raw: list[Any] | None, where: str = "contact_rhythm") -> list[ContactRhythm]:
    """Validate the plan's ``contact_rhythm`` list; errors name the entry and the field."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise RhythmError(f"{where}: must be a list")
    out = []
    for i, entry in enumerate(raw, start=1):
        try:
            out.append(ContactRhythm.model_validate(entry))
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"]) or "?"
            raise RhythmError(f"{where}, entry {i}: field '{field}': {first['msg']}") from None
    return out


#: a rhythm, or the rhythm that applies on a day (None: no local rhythm then)
RhythmAt = ContactRhythm | Callable[[date], "ContactRhythm | None"]


def rhythm_for(rhythms: list[ContactRhythm], benefit: str, readiness: str | None) -> ContactRhythm | None:
    return next((r for r in rhythms if r.matches(benefit, readiness)), None)


def local_obligations(ctx: Context, period: Period, rhythm: RhythmAt) -> list[Obligation]:
    """A chain of "next conversation within N days" from the end of the first six months.

    Each link is met by the first conversation in its window; a late one is ``met_late``
    and the next link counts from it. The last link is the one open today. ``rhythm`` may be a
    function of the day: a link keeps the rhythm of the readiness when its window opened, so a
    visitation today does not rewrite the deadlines of past years; the open link follows today's.
    """
    start = period.after_months(ctx.value("contact.window_months", period.start))
    conversations = in_period(ctx.facts.all_conversations, period, start)

    def make(status: str, window_start: date, deadline: date, source: str, held: date | None) -> Obligation:
        return ctx.obligation(period, RULE, status, deadline, source, window_start=window_start, local=True,
                              met_on=held, note="Lokal kontaktrytme (kommunens beskæftigelsesplan)")

    return chain(ctx.as_of, start, period.end, conversations, rhythm, make)


def local_sickness_obligations(ctx: Context, spell: SicknessSpell, rhythm: ContactRhythm) -> list[Obligation]:
    """The municipality's follow-up rhythm for sick leave after the first half year."""
    start = within_months_end(spell.start, 6) + timedelta(days=1)
    followups = [d for d in ctx.facts.followups if d >= start and (spell.end is None or d < spell.end)]

    def make(status: str, window_start: date, deadline: date, source: str, held: date | None) -> Obligation:
        return ctx.obligation(None, RULE, status, deadline, source, window_start=window_start, local=True,
                              met_on=held, benefit="sickness_benefit", target_group="6", period_start=spell.start,
                              action="followup", note="Lokal opfølgningsrytme (kommunens beskæftigelsesplan)")

    return chain(ctx.as_of, start, spell.end, followups, rhythm, make)


def chain(as_of: date, start: date, end: date | None, held_dates: list[date], rhythm: RhythmAt,
          make: MakeLink) -> list[Obligation]:
    if start > as_of:
        return []
    fixed = rhythm if isinstance(rhythm, ContactRhythm) else None
    rhythm_at: Callable[[date], ContactRhythm | None] = (
        (lambda _day: fixed) if isinstance(rhythm, ContactRhythm) else rhythm)
    out: list[Obligation] = []
    window_start = start
    index = 0
    while len(out) < MAX_LINKS:
        held = held_dates[index] if index < len(held_dates) else None
        current = rhythm_at(window_start if held is not None else max(window_start, as_of))
        if current is None:  # no local rhythm for the readiness of this link
            break
        source = f"{current.label or current.competence_group}: {current.source}".strip(": ")
        step = timedelta(days=current.interval_days)
        deadline = window_start - timedelta(days=1) + step
        if end is not None and end <= deadline and (held is None or held > deadline):
            out.append(make("closed" if held is None else MET_LATE, window_start, deadline, source, held))
            break
        if held is None:
            out.append(make(OVERDUE if as_of > deadline else DUE, window_start, deadline, source, None))
            break
        out.append(make(MET if held <= deadline else MET_LATE, window_start, deadline, source, held))
        index += 1
        window_start = held + timedelta(days=1)
        if window_start > as_of:
            following = rhythm_at(as_of)
            if following is not None:
                out.append(make(DUE, window_start, held + timedelta(days=following.interval_days),
                                f"{following.label or following.competence_group}: {following.source}".strip(": "),
                                None))
            break
    return out


