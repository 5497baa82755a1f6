"""ISO weeks as strings ``YYYY-Www`` and as a consecutive integer index.

The index counts Mondays since 0001-01-01 (itself a Monday), so the previous ISO week is
always ``index - 1`` — across years with 53 weeks too.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

WEEK_RE = re.compile(r"^(\d{4})-W(\d{2})$")


def is_week(text: str) -> bool:
    """True when ``text`` is a real ISO week (W53 only in years that have one)."""
    match = WEEK_RE.match(text or "")
    if not match:
        return False
    year, week = int(match.group(1)), int(match.group(2))
    return 1 <= week <= weeks_in_year(year) and year >= 1


def weeks_in_year(year: int) -> int:
    return date(year, 12, 28).isocalendar().week


def monday(text: str) -> date:
    """The Monday of an ISO week; ValueError for anything that is not one."""
    if not is_week(text):
        raise ValueError(f"{text!r} is not an ISO week (YYYY-Www)")
    return date.fromisocalendar(int(text[:4]), int(text[6:]), 1)


def week_of(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def index(text: str) -> int:
    """Consecutive week number: Mondays since 0001-01-01."""
    return (monday(text).toordinal() - 1) // 7


def from_index(idx: int) -> str:
    return week_of(date.fromordinal(idx * 7 + 1))


def monday_of_index(idx: int) -> date:
    return date.fromordinal(idx * 7 + 1)


def week_range(first: str, last: str) -> list[str]:
    """Every ISO week from ``first`` to ``last`` inclusive."""
    a, b = index(first), index(last)
    if b < a:
        raise ValueError(f"{last} lies before {first}")
    return [from_index(i) for i in range(a, b + 1)]


def week_ending(day: date) -> str:
    """The ISO week containing ``day`` (used for goals with a date deadline)."""
    return week_of(day)


def last_full_week(day: date) -> str:
    """The last ISO week that has ended by ``day`` (Sunday inclusive)."""
    return week_of(day - timedelta(days=(day.weekday() + 1) % 7))
