"""Conversations and case events that follow the contact process, with realistic timeliness.

For each spell the generator plays the jobcenter: it aims at the law's rhythm (4
conversations in the first six months, the first within a week of first contact for
cash and education benefit, joint conversations with the unemployment fund, sickness
follow-up by the end of week 8, then the municipality's own rhythm) and misses by a
calibrated share: with probability ``1 - timeliness`` a conversation is late or does
not happen. Conversations after the as-of date are only the next *booked* one.
Sickness follow-ups are case events of type ``followup`` (the timeline's own event),
not rows of ``conversations``. The first day of absence is the sickness spell's start
and its category the spell's ``sickness_category``: the law service derives the
``sick_leave_start`` event from the spell, so no case event repeats it (a second one
would double the sickness obligations). From 2024 the unemployment fund's own
conversations in months 0-3 are stored as conversations with no caseworker and the
note ``FUND_NOTE``.
"""

from __future__ import annotations

import random
from datetime import date

from indsats.domain.enums import CaseEventType, ConversationKind, ConversationStatus

from .careers import SpellDraft

HALF_YEAR = 182
LAB_2020 = date(2020, 1, 1).toordinal()
LAB_2024 = date(2024, 1, 1).toordinal()
QUOTA_2026 = date(2026, 7, 1).toordinal()  # lov 1750/2025: up to 25 % of a cohort may be exempted
QUOTA_REASONS = ("Har tilsagn om job inden for kort tid", "Søger selv aktivt og har jobsamtaler i gang",
                 "Efterspurgt faglighed; vurderes selv at kunne komme i job")

#: municipal rhythm after the first six months (days between conversations), per track
#: (as in the demo plan plans/demo-frederikssund.yaml and Hedensted's plans/hedensted-2020.yaml)
LOCAL_RHYTHM = {"ub": 60, "cash_jr": 42, "edu_er": 30, "edu_oer": 30, "integ": 30}
LOCAL_RHYTHM_DEFAULT = 90
FUND_NOTE = "Samtale i a-kassen"

HELD = ConversationStatus.HELD
INDIVIDUAL = ConversationKind.INDIVIDUAL
JOINT = ConversationKind.JOINT


class ContactPlan:
    """Collects one citizen's conversations ``(day, kind, status)`` and events ``(day, type, data)``."""

    __slots__ = ("rng", "as_of", "timeliness", "conversations", "events", "_booked")
    #: conversations are (day, kind, status, held by the fund)

    def __init__(self, rng: random.Random, as_of: int, timeliness: float):
        self.rng = rng
        self.as_of = as_of
        self.timeliness = timeliness
        self.conversations: list[tuple[int, ConversationKind, ConversationStatus, bool]] = []
        self.events: list[tuple[int, CaseEventType, dict]] = []
        self._booked = False

    def on_time(self) -> bool:
        return self.rng.random() < self.timeliness

    def talk(self, day: int, kind: ConversationKind = INDIVIDUAL, fund: bool = False) -> None:
        """A conversation on ``day``: held if past, booked if it is the next one after as-of."""
        if day > self.as_of:
            if not self._booked and not fund and day <= self.as_of + 60:
                self.conversations.append((day, kind, ConversationStatus.BOOKED, fund))
                self._booked = True
            return
        if self.rng.random() < 0.03:  # udeblivelse, then a new conversation a little later
            self.conversations.append((day, kind, ConversationStatus.NO_SHOW, fund))
            day += self.rng.randint(3, 14)
            if day > self.as_of:
                return
        self.conversations.append((day, kind, HELD, fund))

    def event(self, day: int, kind: CaseEventType, data: dict | None = None) -> None:
        if day <= self.as_of:
            self.events.append((day, kind, data or {}))


def plan_spell(plan: ContactPlan, spell: SpellDraft) -> None:
    """Add the conversations and events of one spell to ``plan``."""
    track = spell.track
    if track.name == "sick":
        _sickness(plan, spell)
        return
    if not track.contact:
        return
    rng = plan.rng
    start = spell.start
    stop = spell.end if spell.end is not None else plan.as_of + 61  # exclusive
    first = start + rng.randint(2, 20)
    if track.benefit in ("cash_benefit", "education_benefit"):
        contact = start - rng.randint(0, 5)
        plan.event(contact, CaseEventType.FIRST_CONTACT)
        first = contact + (rng.randint(1, 7) if plan.on_time() else rng.randint(8, 21))
    is_ub = track.name == "ub"
    if is_ub and start >= LAB_2024:
        # lov 727/2023: the fund holds the first three (the first within 2 weeks); the jobcenter three by month 6
        fund = [rng.randint(3, 14) if plan.on_time() else rng.randint(15, 30), rng.randint(35, 60),
                rng.randint(62, 88) if plan.on_time() else rng.randint(93, 110)]
        for offset in fund:
            if start + offset < stop:
                plan.talk(start + offset, fund=True)
        offsets = [rng.randint(92, 110), rng.randint(120, 140), rng.randint(150, 175)]
    else:
        offsets = [first - start, rng.randint(35, 60), rng.randint(80, 115), rng.randint(125, 170)]
    if not plan.on_time():
        if rng.random() < 0.4:
            offsets.pop(rng.randrange(1, len(offsets)))  # a conversation that never happens
        else:
            offsets[-1] = HALF_YEAR + rng.randint(1, 45)  # the last one is late
    for offset in offsets:
        if start + offset < stop:
            plan.talk(start + offset)
    if is_ub:
        _joint(plan, start, stop)
    if stop - start > HALF_YEAR and rng.random() < 0.06:
        asked = start + rng.randint(HALF_YEAR, max(HALF_YEAR, stop - start - 1))
        if asked < stop:
            plan.event(asked, CaseEventType.CONVERSATION_REQUESTED, {"by": "citizen"})
            plan.talk(asked + rng.randint(1, 14))
    interval = LOCAL_RHYTHM.get(track.name, LOCAL_RHYTHM_DEFAULT)
    day = start + HALF_YEAR + rng.randint(0, interval // 3)
    while day < stop:
        plan.talk(day)
        day += int(interval * (rng.uniform(0.7, 1.0) if plan.on_time() else rng.uniform(1.05, 1.5)))
    if is_ub or track.name == "cash_jr":
        if spell.exit == "job" and spell.end is not None and rng.random() < 0.05:
            plan.event(spell.end - rng.randint(7, 42), CaseEventType.EXEMPTION_START,
                       {"reason": "job_within_6_weeks"})
            plan.event(spell.end, CaseEventType.EXEMPTION_END, {"reason": "job_within_6_weeks"})
    if (is_ub or track.name == "cash_jr") and start >= QUOTA_2026:
        _quota_exemption(plan, spell, first)


def _quota_exemption(plan: ContactPlan, spell: SpellDraft, first: int) -> None:
    """Some of the quota cohorts from 2026-07-01 are exempted after a concrete judgement (the law
    allows up to 25 %), more often those who later leave for a job. A random source of its own, so
    the rest of the municipality is drawn exactly as before."""
    rng = random.Random(f"quota-{spell.start}-{first}-{len(plan.conversations)}")
    if rng.random() < (0.3 if spell.exit == "job" else 0.1):
        plan.event(spell.start + rng.randint(3, 30), CaseEventType.QUOTA_EXEMPTION,
                   {"reason": rng.choice(QUOTA_REASONS), "scope": "all", "by": "municipality"})


def _joint(plan: ContactPlan, start: int, stop: int) -> None:
    """Fællessamtaler with the unemployment fund (LAB § 31 stk. 2, § 32 stk. 2)."""
    rng = plan.rng
    if start < LAB_2024:
        if rng.random() < 0.15:
            asked = start + rng.randint(7, 40)
            plan.event(asked, CaseEventType.JOINT_CONVERSATION_REQUESTED,
                       {"by": rng.choice(("citizen", "jobcenter", "fund"))})
            day = asked + (rng.randint(7, 45) if plan.on_time() else rng.randint(60, 90))
            if day < stop:
                plan.talk(day, JOINT)
        day = start + (rng.randint(95, 175) if plan.on_time() else rng.randint(183, 220))
        if day < stop:
            plan.talk(day, JOINT)
    day = start + (rng.randint(400, 480) if plan.on_time() else rng.randint(490, 520))
    if day < stop:
        plan.talk(day, JOINT)


def _sickness(plan: ContactPlan, spell: SpellDraft) -> None:
    """Sygedagpengeopfølgning (sygedagpengeloven § 13 b): follow-ups as ``followup`` events."""
    rng = plan.rng
    start, category = spell.start, spell.category or 1
    stop = spell.end if spell.end is not None else plan.as_of + 1
    if category == 1:
        if stop - start > 56:  # category 1 running past week 8: follow-up and re-assessment
            day = start + rng.randint(57, 75)
            if day < stop:
                plan.event(day, CaseEventType.FOLLOWUP)
                plan.event(day, CaseEventType.CATEGORY_CHANGE, {"category": 2})
                _later_followups(plan, day, stop)
        return
    if rng.random() < 0.05:
        asked = start + rng.randint(3, 30)
        plan.event(asked, CaseEventType.EARLY_FOLLOWUP_REQUESTED, {"by": rng.choice(("employer", "citizen"))})
        first = asked + (rng.randint(3, 14) if plan.on_time() else rng.randint(15, 25))
    else:
        first = start + (rng.randint(30, 55) if plan.on_time() else rng.randint(56, 80))
    if first < stop:
        plan.event(first, CaseEventType.FOLLOWUP)
        _later_followups(plan, first, stop)


def _later_followups(plan: ContactPlan, first: int, stop: int) -> None:
    rng = plan.rng
    day, count = first, 1
    while True:
        if count < 4:
            day += rng.randint(24, 34)
        else:  # then the municipality's rhythm (56 days in the demo plan)
            day += rng.randint(40, 56) if plan.on_time() else rng.randint(57, 80)
        if day >= stop or day > plan.as_of:
            return
        if count >= 4 or plan.on_time() or rng.random() < 0.5:
            plan.event(day, CaseEventType.FOLLOWUP)
        count += 1
