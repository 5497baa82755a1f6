"""What every rule needs besides the period: the facts, the parameters, the regime's name."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .facts import Facts
from .obligation import Obligation
from .parameters import Parameters, ParameterValue
from .periods import Period


@dataclass(slots=True)
class Context:
    facts: Facts
    params: Parameters
    regime: str
    _day: date | None = None
    _snapshot: dict[str, ParameterValue] = field(default_factory=dict)  # the values on _day

    def _values_on(self, day: date) -> dict[str, ParameterValue]:
        if day != self._day:
            self._day = day
            self._snapshot = self.params.snapshot(day)
        return self._snapshot

    @property
    def as_of(self) -> date:
        return self.facts.as_of

    def value(self, name: str, day: date) -> Any:
        try:
            return (self._snapshot if day == self._day else self._values_on(day))[name].value
        except KeyError:
            return self.params.value(name, day)  # raises ParameterError naming the parameter and day

    def optional(self, name: str, day: date) -> Any:
        """The value in force on ``day``, or None where the parameter has none then (a rule that
        only exists from a later date)."""
        found = (self._snapshot if day == self._day else self._values_on(day)).get(name)
        return None if found is None else found.value

    def source(self, name: str, day: date) -> str:
        try:
            return (self._snapshot if day == self._day else self._values_on(day))[name].source
        except KeyError:
            return self.params.source(name, day)

    def obligation(self, period: Period | None, rule: str, status: str, deadline: date | None, source: str,
                   window_start: date | None = None, required: int | None = None, held: int | None = None,
                   local: bool = False, benefit: str | None = None, target_group: str | None = None,
                   period_start: date | None = None, action: str = "conversation", met_on: date | None = None,
                   note: str = "", quota: float | None = None) -> Obligation:
        """An obligation of this regime; the period fills in benefit, target group and start."""
        if period is not None:
            if benefit is None:
                benefit = period.benefit
            if target_group is None:
                target_group = period.current_target_group(self.as_of)
            if period_start is None:
                period_start = period.start
        return Obligation(rule, status, deadline, source, window_start, required, held, local, self.regime,
                          benefit, target_group, period_start, action, met_on, note, quota)


def between(days: list[date], first: date, last: date | None) -> list[date]:
    """The dates of a sorted list in ``[first, last]`` (``last`` None: no upper bound)."""
    lo = bisect_left(days, first)
    hi = len(days) if last is None else bisect_right(days, last)
    return days[lo:hi]


def in_period(days: list[date], period: Period, first: date | None = None) -> list[date]:
    """Dates within the period (from ``first`` or its start, before its end)."""
    start = first or period.start
    selected = between(days, start, None)
    if period.end is not None:
        selected = [d for d in selected if d < period.end]
    return selected
