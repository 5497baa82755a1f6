"""Periods of the contact process (LAB § 9) and sickness spells, derived from a timeline.

* Unemployment benefit (target group 1): cumulated unemployment from placement in a benefit
  period. Work and days off the benefit pause the clock; a later change back to
  unemployment benefit resumes the same period (convention 5).
* Cash benefit, education benefit, job clarification, resource programme, flex-job waiting
  benefit, rehabilitation: one continuous spell on the same benefit; for cash and education
  benefit from the first contact (første henvendelse). A change of benefit starts a new
  period from the change, except while in rehabilitation (§ 9, stk. 3). A readiness change
  within a benefit is not a change of benefit.
* Sickness: from the first day of absence (sick_leave_start) to the next end or change of
  benefit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from .calendar import ONE_DAY, extend_by_pauses, within_months_end
from .facts import Facts
from .timeline import Timeline

UNEMPLOYMENT = "unemployment_benefit"
CASH = "cash_benefit"
EDUCATION = "education_benefit"
SICKNESS = "sickness_benefit"
REHABILITATION = "rehabilitation"
INTEGRATION = "integration_benefit"
EDUCATION_READINESS = frozenset({"education_ready", "obviously_education_ready"})

LAB_BENEFITS = frozenset(
    {UNEMPLOYMENT, CASH, EDUCATION, "job_clarification", "resource_programme", "flexjob_waiting_benefit", REHABILITATION}
)
PERIOD_BENEFITS = LAB_BENEFITS | {INTEGRATION}

TARGET_GROUP_DA = {
    "1": "Dagpengemodtagere",
    "2": "Jobparate kontanthjælpsmodtagere",
    "3": "Aktivitetsparate kontanthjælpsmodtagere",
    "4": "Uddannelsesparate uddannelseshjælpsmodtagere",
    "5": "Aktivitetsparate uddannelseshjælpsmodtagere",
    "6": "Sygedagpengemodtagere",
    "7": "Jobafklaringsforløb",
    "8": "Ressourceforløb",
    "9": "Ledighedsydelse",
    "10": "Revalidering",
    "integration": "Selvforsørgelses- og hjemrejseydelse",
}


def target_group(benefit: str, readiness: str | None) -> str:
    """LAB § 6 target group number (as text) for a benefit and readiness."""
    if benefit == UNEMPLOYMENT:
        return "1"
    if benefit == CASH:
        return "3" if readiness == "activity_ready" else "2"
    if benefit == EDUCATION:
        return "5" if readiness == "activity_ready" else "4"
    return {
        SICKNESS: "6",
        "job_clarification": "7",
        "resource_programme": "8",
        "flexjob_waiting_benefit": "9",
        REHABILITATION: "10",
        INTEGRATION: "integration",
    }.get(benefit, "other")


@dataclass(slots=True)
class Segment:
    benefit: str
    start: date
    started_by: str
    readiness: list[tuple[date, str | None]]
    end: date | None = None
    ended_by: str | None = None


@dataclass(slots=True)
class Period:
    benefit: str
    start: date
    started_by: str
    first_contact: date | None
    segments: list[Segment] = field(default_factory=list)
    pauses: list[tuple[date, date]] = field(default_factory=list)
    _target_group: str | None = None
    _months_end: dict[int, date] = field(default_factory=dict)
    # The cash-benefit system from 2025-07-01 (lov 1655/2024): education benefit is paid as cash
    # benefit with a readiness; ``alias_of`` keeps the name the timeline used.
    alias_of: str | None = None
    cash_system_2025: bool = False

    @property
    def end(self) -> date | None:
        return self.segments[-1].end

    @property
    def ended_by(self) -> str | None:
        return self.segments[-1].ended_by

    @property
    def cumulated(self) -> bool:
        return self.benefit == UNEMPLOYMENT

    def readiness_on(self, day: date) -> str | None:
        current = None
        for seg in self.segments:
            for when, value in seg.readiness:
                if when <= day:
                    current = value
        return current

    def target_group_on(self, day: date) -> str:
        readiness = self.readiness_on(day)
        if self.cash_system_2025 and self.benefit == CASH:
            if readiness in EDUCATION_READINESS:
                return "4"
            if self.alias_of == EDUCATION:
                return "5" if readiness == "activity_ready" else "4"
        return target_group(self.benefit, readiness)

    def education_like(self, as_of: date) -> bool:
        """Education benefit, or (from 2025-07-01) cash benefit in the former education benefit's groups 4-5."""
        return self.benefit == EDUCATION or (self.cash_system_2025 and self.current_target_group(as_of) in ("4", "5"))

    def current_target_group(self, as_of: date) -> str:
        """Target group on the period's last known day (cached: asked once per obligation)."""
        if self._target_group is None:
            last = as_of if self.end is None else min(as_of, self.end - ONE_DAY)
            self._target_group = self.target_group_on(last)
        return self._target_group

    def months_end(self, months: int) -> date:
        """Last day of the first ``months`` months of the period (cumulated for group 1)."""
        found = self._months_end.get(months)
        if found is None:
            base = within_months_end(self.start, months)
            found = extend_by_pauses(base, self.pauses) if self.pauses else base
            self._months_end[months] = found
        return found

    def after_months(self, months: int) -> date:
        """First day after ``months`` months of the period."""
        return self.months_end(months) + ONE_DAY

    def paused_on(self, day: date) -> bool:
        return any(a <= day < b for a, b in self.pauses)

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(slots=True)
class SicknessSpell:
    start: date
    category: int | None
    end: date | None = None
    categories: list[tuple[date, int]] = field(default_factory=list)
    employed: bool = False  # in an ansættelsesforhold (sick_leave_start.employed)
    expected_under_26_weeks: bool = False  # person and employer expect < 26 weeks (from 2026-07-01)

    def category_on(self, day: date) -> int | None:
        current = self.category
        for when, value in self.categories:
            if when <= day:
                current = value
        return current


def build_segments(timeline: Timeline) -> list[Segment]:
    """Continuous stretches on one benefit, from the benefit events known on ``as_of``."""
    segments: list[Segment] = []
    current: Segment | None = None
    for event in timeline.events:
        if event.date > timeline.as_of:
            break
        kind = event.type
        if kind in ("benefit_start", "benefit_change"):
            benefit = event.data["benefit"]
            readiness = event.data.get("readiness")
            if current is not None and current.end is None and benefit == current.benefit:
                if readiness is not None:
                    current.readiness.append((event.date, readiness))
                continue
            if current is not None and current.end is None:
                current.end = event.date
                current.ended_by = "benefit_change"
            current = Segment(benefit, event.date, kind, [(event.date, readiness)])
            segments.append(current)
        elif kind == "benefit_end":
            if current is not None and current.end is None:
                current.end = event.date
                current.ended_by = "benefit_end"
        elif kind == "readiness_change":
            if current is not None and current.end is None:
                current.readiness.append((event.date, event.data["readiness"]))
    return [s for s in segments if s.end is None or s.end > s.start]


def _first_contact_for(seg: Segment, previous: Segment | None, first_contacts: list[date]) -> date | None:
    """The first contact (første henvendelse) that opened a cash or education benefit period.

    § 9, stk. 2, nr. 2: the period runs from the first contact. It is the latest first contact
    on or before the segment's start that came after the previous cash/education segment ended,
    or after any other benefit ended; when the citizen moves straight from another benefit
    (e.g. unemployment benefit running out), after that benefit started: one may ask for help
    while the old benefit still runs.
    A change from education to cash benefit (or back) starts the new period at the change
    itself (§ 9, stk. 2, nr. 2, 2. pkt.), so no first contact is looked for then.
    """
    if previous is None:
        candidates = [d for d in first_contacts if d <= seg.start]
    elif previous.benefit in (CASH, EDUCATION):
        if previous.end is None or (seg.started_by == "benefit_change" and previous.end == seg.start):
            return None
        candidates = [d for d in first_contacts if previous.end <= d <= seg.start]
    elif previous.ended_by == "benefit_end" and previous.end is not None:  # ended_by is set with end
        candidates = [d for d in first_contacts if previous.end <= d <= seg.start]
    else:
        candidates = [d for d in first_contacts if previous.start < d <= seg.start]
    return candidates[-1] if candidates else None


def _pauses(period: Period, facts: Facts) -> list[tuple[date, date]]:
    tomorrow = facts.as_of + ONE_DAY
    raw: list[tuple[date, date]] = []
    for before, after in zip(period.segments, period.segments[1:], strict=False):
        if before.end is not None and after.start > before.end:
            raw.append((before.end, after.start))
    for start, end in facts.employments:
        raw.append((start, end or tomorrow))
    clipped = sorted((max(a, period.start), b) for a, b in raw if b > period.start and b > a)
    merged: list[tuple[date, date]] = []
    for a, b in clipped:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        elif b > a:
            merged.append((a, b))
    last_end = period.segments[-1].end
    if last_end is not None:
        merged = [(a, min(b, last_end)) for a, b in merged if a < last_end]
    return merged


def build_periods(timeline: Timeline, facts: Facts, segments: list[Segment] | None = None) -> list[Period]:
    """Contact-process periods (LAB § 9), oldest first."""
    periods: list[Period] = []
    last_unemployment: Period | None = None
    previous: Segment | None = None
    for seg in build_segments(timeline) if segments is None else segments:
        if seg.benefit not in PERIOD_BENEFITS:
            previous = seg
            continue
        if (
            seg.benefit == UNEMPLOYMENT
            and seg.started_by == "benefit_change"
            and last_unemployment is not None
        ):
            last_unemployment.segments.append(seg)  # back on the benefit: the clock resumes
        elif (
            previous is not None
            and periods
            and periods[-1].benefit == REHABILITATION
            and periods[-1].segments[-1] is previous
            and seg.started_by == "benefit_change"
        ):
            periods[-1].segments.append(seg)  # § 9, stk. 3: no new period while in revalidering
        else:
            first_contact = None
            start = seg.start
            if seg.benefit in (CASH, EDUCATION):
                first_contact = _first_contact_for(seg, previous, facts.first_contacts)
                if first_contact is not None:
                    start = first_contact
            period = Period(seg.benefit, start, seg.started_by, first_contact, [seg])
            periods.append(period)
            if seg.benefit == UNEMPLOYMENT:
                last_unemployment = period
        previous = seg
    for period in periods:
        if period.cumulated:
            period.pauses = _pauses(period, facts)
    return periods


def build_sickness_spells(timeline: Timeline, facts: Facts, segments: list[Segment] | None = None) -> list[SicknessSpell]:
    """Sickness spells from the first day of absence; a sickness benefit without one starts a spell itself."""
    spells: list[SicknessSpell] = []
    segments = build_segments(timeline) if segments is None else segments
    if not facts.sick_starts and not any(seg.benefit == SICKNESS for seg in segments):
        return spells
    starts: list[tuple[date, int | None]] = list(facts.sick_starts)
    for seg in segments:
        if seg.benefit == "sickness_benefit":
            near = [d for d, _ in starts if seg.start - timedelta(days=60) <= d and (seg.end is None or d < seg.end)]
            if not near:
                starts.append((seg.start, None))
    by_day: dict[date, int | None] = {}
    for day, category in starts:  # the same first day twice (e.g. spell and event) is one spell
        if by_day.get(day) is None:
            by_day[day] = category
    starts = sorted(by_day.items())
    stops = sorted(
        e.date
        for e in timeline.events
        if e.date <= timeline.as_of
        and (
            e.type == "benefit_end"
            or (e.type in ("benefit_start", "benefit_change") and e.data["benefit"] != "sickness_benefit")
        )
    )
    for i, (start, category) in enumerate(starts):
        next_start = starts[i + 1][0] if i + 1 < len(starts) else None
        end = next((d for d in stops if d > start), None)
        if next_start is not None and (end is None or next_start < end):
            end = next_start
        changes = [(d, c) for d, c in facts.category_changes if d >= start and (end is None or d < end)]
        employed, under_26 = facts.sick_flags.get(start, (False, False))
        spells.append(SicknessSpell(start, category, end, changes, employed, under_26))
    return spells
