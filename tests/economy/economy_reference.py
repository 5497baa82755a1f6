"""An independent, deliberately plain reading of shared/contracts/economy.md: one person at a
time, one week at a time, sets and loops — no windows, no index tricks. The engine must equal
it value by value."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

REFUSION = {"1-4": Decimal("0.80"), "5-26": Decimal("0.40"), "27-52": Decimal("0.30"), "53+": Decimal("0.20")}
COFINANCING = {"1-4": Decimal("0.20"), "5-26": Decimal("0.60"), "27-52": Decimal("0.70"), "53+": Decimal("0.80")}


def monday(week: str) -> date:
    return date.fromisocalendar(int(week[:4]), int(week[6:8]), 1)


def step_key(n: int) -> str:
    if n <= 4:
        return "1-4"
    if n <= 26:
        return "5-26"
    if n <= 52:
        return "27-52"
    return "53+"


def rate_for(rates: list[dict], benefit: str, day: date):
    """The row of the benefit with the latest valid_from on or before the Monday ``day``."""
    best = None
    for r in rates:
        if r["benefit"] == benefit and r["valid_from"] <= day:
            if best is None or r["valid_from"] > best["valid_from"]:
                best = r
    return best


def reference(panel: list[tuple[str, str, str]], rates: list[dict], year: int) -> dict:
    """panel: (person_id, week, benefit); rates: dicts benefit, valid_from (date),
    weekly_rate (Decimal), scheme."""
    if not panel:
        return _result(year, {})
    all_mondays = sorted({monday(w) for _, w, _ in panel})
    first_monday = all_mondays[0]
    year_first = date.fromisocalendar(year, 1, 1)
    year_last = date.fromisocalendar(year + 1, 1, 1) - timedelta(days=7)
    by_person: dict[str, dict[date, str]] = {}
    for person, week, benefit in panel:
        by_person.setdefault(person, {})[monday(week)] = benefit
    weeks_in_year: list[tuple[str, str, dict]] = []  # (benefit, step, rate row)
    for rows in by_person.values():
        start = None
        number = 0
        day = first_monday
        while day <= year_last:
            if day in rows:
                rate = rate_for(rates, rows[day], day)
                if rate is not None:
                    if start is not None:
                        # self-support weeks after the first week of the period, within the 156 before
                        self_support = 0
                        probe = day - timedelta(weeks=156)
                        while probe < day:
                            if probe > start and probe not in rows:
                                self_support += 1
                            probe += timedelta(weeks=1)
                        if self_support >= 52:
                            start = None
                    if start is None:
                        start = day
                        number = 0
                    number += 1
                    if day >= year_first:
                        weeks_in_year.append((rows[day], step_key(number), rate))
            day += timedelta(weeks=1)
    return _result(year, weeks_in_year)


def _result(year, weeks_in_year) -> dict:
    def empty():
        return {"person_weeks": 0, "weeks_by_step": {k: 0 for k in REFUSION},
                "gross": Decimal(0), "refusion": Decimal(0), "cofinancing": Decimal(0), "ref_gross": Decimal(0)}

    per: dict[str, dict] = {}
    total = empty()
    for benefit, step, rate in weeks_in_year or []:
        for acc in (per.setdefault(benefit, empty()), total):
            acc["person_weeks"] += 1
            acc["weeks_by_step"][step] += 1
            acc["gross"] += rate["weekly_rate"]
            if rate["scheme"] == "refusion":
                acc["ref_gross"] += rate["weekly_rate"]
                acc["refusion"] += rate["weekly_rate"] * REFUSION[step]
            else:
                acc["cofinancing"] += rate["weekly_rate"] * COFINANCING[step]

    def out(acc):
        r = lambda v: float(v.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))  # noqa: E731
        return {"person_weeks": acc["person_weeks"], "weeks_by_step": acc["weeks_by_step"],
                "gross": r(acc["gross"]), "refusion": r(acc["refusion"]), "cofinancing": r(acc["cofinancing"]),
                "municipal_net": r(acc["ref_gross"] - acc["refusion"] + acc["cofinancing"])}

    return {"year": year, "by_benefit": {b: out(per[b]) for b in sorted(per)}, "total": out(total)}
