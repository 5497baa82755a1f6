"""The facts of a timeline as of a date: conversations, offers, exemptions, requests.

Only events on or before ``as_of`` are known; an offer given before ``as_of`` may carry a
later start date (a booked offer).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from .timeline import Timeline


@dataclass(slots=True)
class OfferSpan:
    offer: str
    start: date
    given_on: date | None = None
    end: date | None = None  # exclusive
    started: bool = False


@dataclass(frozen=True, slots=True)
class QuotaExemption:
    """One of the up to 25 % a municipality or fund exempts (lov 1750/2025, from 2026-07-01)."""

    day: date
    scope: str = "all"  # conversations, offer or all
    by: str = "municipality"  # municipality or fund

    def covers(self, scope: str, actor: str) -> bool:
        return self.by == actor and self.scope in ("all", scope)


@dataclass(slots=True)
class Facts:
    as_of: date
    birth_date: date | None
    individual: list[date] = field(default_factory=list)
    joint: list[date] = field(default_factory=list)
    followups: list[date] = field(default_factory=list)
    offers: list[OfferSpan] = field(default_factory=list)
    exemptions: list[tuple[date, date | None]] = field(default_factory=list)
    employments: list[tuple[date, date | None]] = field(default_factory=list)
    first_contacts: list[date] = field(default_factory=list)
    joint_requests: list[date] = field(default_factory=list)
    joint_declines: list[date] = field(default_factory=list)
    conversation_requests: list[date] = field(default_factory=list)
    early_requests: list[date] = field(default_factory=list)
    sick_starts: list[tuple[date, int | None]] = field(default_factory=list)
    category_changes: list[tuple[date, int]] = field(default_factory=list)
    all_conversations: list[date] = field(default_factory=list)  # individual and joint, sorted
    # Additions for the rules in force from 2025
    quota_exemptions: list[QuotaExemption] = field(default_factory=list)
    work_obligations: list[tuple[date, date | None]] = field(default_factory=list)
    sick_flags: dict[date, tuple[bool, bool]] = field(default_factory=dict)  # first day → (employed, < 26 weeks)
    return_within_13_weeks: dict[date, bool] = field(default_factory=dict)  # follow-up day → § 13 f assessment

    def age_on(self, day: date) -> int | None:
        if self.birth_date is None:
            return None
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years

    def exemption_at(self, day: date) -> tuple[date, date | None] | None:
        """The exemption (fritagelse) running on ``day``, if any."""
        for start, end in self.exemptions:
            if start <= day and (end is None or day < end):
                return start, end
        return None


_PERIOD_EVENTS = frozenset({"benefit_start", "benefit_change", "benefit_end", "readiness_change"})


def _open_interval(intervals: list[tuple[date, date | None]], day: date) -> None:
    """A start while the same state already runs is the same state recorded twice: ignored."""
    if not intervals or intervals[-1][1] is not None:
        intervals.append((day, None))


def _close_interval(open_list: list[tuple[date, date | None]], day: date) -> None:
    for i in range(len(open_list) - 1, -1, -1):
        start, end = open_list[i]
        if end is None:
            open_list[i] = (start, day)
            return


def build_facts(timeline: Timeline) -> Facts:
    as_of = timeline.as_of
    facts = Facts(as_of=as_of, birth_date=timeline.birth_date)
    for day, kind, data, _ in timeline.events:
        if day > as_of:
            break
        if kind in _PERIOD_EVENTS:
            continue  # read by periods.build_segments
        if kind == "conversation":
            held = facts.joint if data.get("joint") else facts.individual
            if not held or held[-1] != day:  # the same conversation recorded twice counts once
                held.append(day)
        elif kind == "followup":
            if not facts.followups or facts.followups[-1] != day:
                facts.followups.append(day)
            if data.get("return_within_13_weeks") is not None:
                facts.return_within_13_weeks[day] = data["return_within_13_weeks"]
        elif kind == "quota_exemption":
            facts.quota_exemptions.append(QuotaExemption(day, data.get("scope", "all"), data.get("by", "municipality")))
        elif kind == "work_obligation_start":
            _open_interval(facts.work_obligations, day)
        elif kind == "work_obligation_end":
            _close_interval(facts.work_obligations, day)
        elif kind == "offer_given":
            facts.offers.append(OfferSpan(data["offer"], data["start"], given_on=day))
        elif kind == "offer_start":
            _start_offer(facts.offers, data["offer"], day)
        elif kind == "offer_end":
            _end_offer(facts.offers, data["offer"], day)
        elif kind == "exemption_start":
            _open_interval(facts.exemptions, day)
        elif kind == "exemption_end":
            _close_interval(facts.exemptions, day)
        elif kind == "employment_start":
            _open_interval(facts.employments, day)
        elif kind == "employment_end":
            _close_interval(facts.employments, day)
        elif kind == "first_contact":
            facts.first_contacts.append(day)
        elif kind == "joint_conversation_requested":
            facts.joint_requests.append(day)
        elif kind == "joint_participation_declined":
            facts.joint_declines.append(day)
        elif kind == "conversation_requested":
            facts.conversation_requests.append(day)
        elif kind == "early_followup_requested":
            facts.early_requests.append(day)
        elif kind == "sick_leave_start":
            facts.sick_starts.append((day, data.get("category")))
            if data.get("employed") or data.get("expected_under_26_weeks"):
                facts.sick_flags[day] = (bool(data.get("employed")), bool(data.get("expected_under_26_weeks")))
        elif kind == "category_change":
            facts.category_changes.append((day, data["category"]))
    facts.all_conversations = sorted(facts.individual + facts.joint) if facts.joint else facts.individual
    for offer in facts.offers:
        if offer.given_on is not None and not offer.started and offer.start <= as_of:
            offer.started = True  # given with a start date that has come
    return facts


def _start_offer(offers: list[OfferSpan], offer: str, day: date) -> None:
    window = timedelta(days=31)
    for span in offers:
        if span.offer == offer and not span.started and span.given_on is not None and abs(span.start - day) <= window:
            span.start = day
            span.started = True
            return
    offers.append(OfferSpan(offer, day, started=True))


def _end_offer(offers: list[OfferSpan], offer: str, day: date) -> None:
    for span in offers:
        if span.offer == offer and span.end is None and span.start <= day:
            span.end = day
            return
