"""Weeks used of the unemployment benefit period and the expected end (the exhaustion watch).

Rule (dated parameters in ``parameters/benefit_period.yaml``, lov om arbejdsløshedsforsikring
§ 55): dagpenge for at most 2 years within a reference period of 3 years. From the weekly panel:

* **weeks used** = weeks on ``unemployment_benefit`` among the last ``reference_weeks`` weeks
  (this week included);
* **expected end** = the Monday of the week in which the period would be used up if the person
  stays on dagpenge every week from now: this week + (period − used) weeks.

Simplifications, said where the figures are shown: a panel week counts as a full week of
dagpenge (the act counts hours: partial benefit uses less), the reference window is rolling
(the act starts it at the first payment), and extension by work (genoptjening, konvertering)
is not counted — so the end is an early estimate, to be checked in the unemployment fund's
records before anything is said to the citizen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..law.parameters import Parameter, load_parameter_file
from .spell_weeks import dagpenge_runs
from .weekmatrix import UB, WeekMatrix, prefix_sum, window_sum

__all__ = ["PeriodRule", "dagpenge_runs", "exhaustion", "from_spells", "rule_at", "weeks_on_dagpenge"]

PARAMETERS = Path(__file__).with_name("parameters") / "benefit_period.yaml"


@dataclass(frozen=True)
class PeriodRule:
    period_weeks: int
    reference_weeks: int
    source: str
    confidence: str


@lru_cache(maxsize=4)
def _parameters(_changed: int) -> dict[str, Parameter]:
    return load_parameter_file(PARAMETERS)


def rule_at(day: date) -> PeriodRule:
    params = _parameters(PARAMETERS.stat().st_mtime_ns)  # parsed once per change of the file, not per page
    period = params["unemployment_benefit.period_weeks"].at(day)
    reference = params["unemployment_benefit.reference_weeks"].at(day)
    return PeriodRule(int(period.value), int(reference.value), period.source, period.confidence)


@dataclass(frozen=True)
class Exhaustion:
    person_id: str
    weeks_used: int
    weeks_left: int
    expected_end: date


def exhaustion(m: WeekMatrix, col: int, within_weeks: int = 26) -> tuple[PeriodRule, list[Exhaustion]]:
    """Persons on dagpenge in column ``col`` with at most ``within_weeks`` weeks of their period left."""
    from ..analytics import weeks

    monday = weeks.monday_of_index(m.first_idx + col)
    rule = rule_at(monday)
    rows = np.flatnonzero(m.benefit[:, col] == UB)
    on_ub = prefix_sum(m.benefit == UB)
    used = window_sum(on_ub, rows, np.full(len(rows), col - rule.reference_weeks + 1), np.full(len(rows), col))
    left = np.maximum(rule.period_weeks - used, 0)
    keep = left <= within_weeks
    out = [Exhaustion(str(m.person_ids[r]), int(u), int(k), monday + timedelta(weeks=int(k)))
           for r, u, k in zip(rows[keep], used[keep], left[keep], strict=True)]
    out.sort(key=lambda e: (e.weeks_left, e.person_id))
    return rule, out


def weeks_on_dagpenge(spells: list[tuple[str, date, date | None]], first: date, last: date) -> list[bool]:
    """For each Monday ``first`` .. ``last``: was the person on dagpenge that week — by the weekly
    panel's rule (``indsats panel-export``): a spell ``(benefit, start, end)`` touches the weeks from
    its start up to the day before ``end`` (open: to ``last``'s week), and of the spells touching a
    week the one listed last (spells in order of start) decides its benefit."""
    n = (last - first).days // 7 + 1
    winner: list[str | None] = [None] * n
    stop = last + timedelta(days=7)
    for benefit, start, end in spells:
        until = min(end or stop, stop)
        lo = max(start, first)
        if until <= lo:
            continue
        a = max(0, (lo - first).days // 7)
        b = min(n - 1, ((until - timedelta(days=1)) - first).days // 7)
        for k in range(a, b + 1):
            winner[k] = benefit
    return [w == "unemployment_benefit" for w in winner]


def from_spells(spells: list[tuple[str, date, date | None]], monday: date, rule: PeriodRule) -> tuple[int, int] | None:
    """(weeks used, weeks left) for a person on dagpenge in the week of ``monday``; None when not on dagpenge then."""
    on = weeks_on_dagpenge(spells, monday - timedelta(weeks=rule.reference_weeks - 1), monday)
    if not on[-1]:
        return None
    used = sum(on)
    return used, max(rule.period_weeks - used, 0)

