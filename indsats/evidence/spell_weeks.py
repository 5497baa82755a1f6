"""Runs of dagpenge weeks from a citizen's benefit spells, by the weekly panel's rule.

Pure and light (no NumPy): ``services.casework.dagpenge_runs`` calls it in every write that changes the
spells, and the web server must not load the analytics stack at start-up (docs/PERFORMANCE.md).
"""

from __future__ import annotations

from datetime import date, timedelta


def _week(day: date) -> int:
    """The week's consecutive number, as ``analytics.weeks.index`` (Mondays since 0001-01-01)."""
    return (day.toordinal() - 1) // 7


def dagpenge_runs(spells: list[tuple[str, date, date | None]]) -> list[tuple[int, int | None]]:
    """The person's runs of consecutive weeks on dagpenge by the same rule as ``benefit_period.weeks_on_dagpenge``, as
    (first week, last week) numbers of ``analytics.weeks.index``; last ``None``: open (every later week).

    Exact for any week asked later: after the last start or end the spells touching a week no longer
    change, so the weeks after it share one benefit. Kept per citizen in ``kept_dagpenge_runs``, the
    weeks used in a reference period are then a sum over runs in SQL."""
    parts: list[tuple[int, int | None, str]] = []  # (first week, week after the last or None, benefit)
    for benefit, start, end in spells:
        if end is not None and end <= start:
            continue
        parts.append((_week(start), None if end is None else _week(end - timedelta(days=1)) + 1, benefit))
    points = sorted({a for a, _, _ in parts} | {b for _, b, _ in parts if b is not None})
    runs: list[tuple[int, int | None]] = []
    for i, point in enumerate(points):
        winner = None
        for a, b, benefit in parts:  # of the spells touching the week, the one listed last decides
            if a <= point and (b is None or b > point):
                winner = benefit
        if winner != "unemployment_benefit":
            continue
        last = points[i + 1] - 1 if i + 1 < len(points) else None
        if runs and runs[-1][1] == point - 1:
            runs[-1] = (runs[-1][0], last)
        else:
            runs.append((point, last))
    return runs
