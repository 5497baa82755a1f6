"""Panels and rates files for the economy tests, written as the contract's CSV files."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

RATES = [
    {"benefit": "cash_benefit", "valid_from": date(2018, 1, 1), "weekly_rate": Decimal("2500.00"), "scheme": "refusion"},
    # a change in the middle of 2020 (Monday 2020-06-15) and a Wednesday valid_from in 2021
    {"benefit": "cash_benefit", "valid_from": date(2020, 6, 15), "weekly_rate": Decimal("2600.55"), "scheme": "refusion"},
    {"benefit": "cash_benefit", "valid_from": date(2021, 3, 3), "weekly_rate": Decimal("2701.13"), "scheme": "refusion"},
    {"benefit": "unemployment_benefit", "valid_from": date(2018, 1, 1), "weekly_rate": Decimal("4403.77"),
     "scheme": "cofinancing"},
    # sickness benefit has a rate only from 2020-09-01: earlier weeks are outside the law
    {"benefit": "sickness_benefit", "valid_from": date(2020, 9, 1), "weekly_rate": Decimal("4465.00"), "scheme": "refusion"},
    # flexjob has no rate at all
]


def write_rates(path: Path, rates=RATES) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["benefit", "valid_from", "weekly_rate", "scheme"])
        for r in rates:
            w.writerow([r["benefit"], r["valid_from"].isoformat(), str(r["weekly_rate"]), r["scheme"]])
    return path


def write_panel(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["person_id", "week", "benefit", "readiness", "offer"])
        for person, week, benefit in rows:
            w.writerow([person, week, benefit, "", ""])
    return path


def iso(day: date) -> str:
    y, w, _ = day.isocalendar()
    return f"{y}-W{w:02d}"


def weeks_from(first: str, n: int) -> list[str]:
    start = date.fromisocalendar(int(first[:4]), int(first[6:8]), 1)
    return [iso(start + timedelta(weeks=k)) for k in range(n)]


def spells(person: str, first: str, pattern: list[tuple[int, str | None]]) -> list[tuple[str, str, str]]:
    """Rows from a pattern of (weeks, benefit or None for weeks without a row)."""
    total = sum(n for n, _ in pattern)
    names = weeks_from(first, total)
    rows, k = [], 0
    for n, benefit in pattern:
        for _ in range(n):
            if benefit:
                rows.append((person, names[k], benefit))
            k += 1
    return rows
