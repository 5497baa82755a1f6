"""Calendar arithmetic for legal deadlines, with Danish public holidays.

The conventions of shared/docs/law-notes.md live here, once:

1. "Within the first N months" from S ends on S + N calendar months − 1 day (the day of
   month is kept and clamped to the month's end).
2. "No later than 1 week after X" is X + 7 days.
3. "The end of the 8th week from the first day of absence" is the first day + 55 days.
6. Weekends and public holidays (helligdage) never move a deadline; they are only flagged.

The ``holidays`` package knows that Store Bededag was abolished from 2024.
"""

from __future__ import annotations

import calendar as _calendar
from datetime import date, timedelta
from functools import lru_cache

import holidays

ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=4096)
def add_months(day: date, months: int) -> date:
    """``day`` plus whole calendar months, the day of month clamped to the month's end."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last = _calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def within_months_end(start: date, months: int) -> date:
    """Last day of "within the first ``months`` months" counted from ``start`` (convention 1)."""
    return add_months(start, months) - ONE_DAY


def end_of_week(first_day: date, weeks: int) -> date:
    """Last day of week ``weeks`` counted from ``first_day`` (convention 3: 8 weeks → +55 days)."""
    return first_day + timedelta(days=7 * weeks - 1)


def end_of_month(day: date) -> date:
    return date(day.year, day.month, _calendar.monthrange(day.year, day.month)[1])


@lru_cache(maxsize=256)
def _holidays_of(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("DK", years=year).keys())


def is_public_holiday(day: date) -> bool:
    """Danish public holiday (helligdag) on that date, as the ``holidays`` package knows them."""
    return day in _holidays_of(day.year)


def is_workday(day: date) -> bool:
    """Monday-Friday and not a Danish public holiday."""
    return day.weekday() < 5 and not is_public_holiday(day)


def on_non_workday(day: date | None) -> bool:
    """True when a deadline falls on a weekend or public holiday (convention 6: it does not move)."""
    return day is not None and not is_workday(day)


def extend_by_pauses(base: date, pauses: list[tuple[date, date]]) -> date:
    """Push ``base`` later by every paused day up to it (convention 5, cumulated unemployment).

    ``pauses`` are sorted, disjoint half-open intervals ``[start, end)`` on which the clock
    does not run (work, days off the benefit). A pause that starts on or before the moving
    deadline moves it by its full length.
    """
    deadline = base
    for start, end in pauses:
        if start > deadline:
            break
        deadline += end - start
    return deadline
