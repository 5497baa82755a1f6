"""Budget areas, the budget CSV and the forecast to year end — pure, no store.

Gribskov's plan (seed 000, Tillæg 2) names four budget areas: forsørgelse, aktivering, drift
and løn. The budget CSV has one row per area and month:

    year;month;area;amount          (or: år;måned;område;beløb)
    2026;1;forsørgelse;12.500.000,00

``;`` or ``,`` between fields; amounts with a decimal comma and thousands dots (as a Danish
spreadsheet writes them) or a decimal point. The forecast continues each area's monthly trend
(a least-squares line through the months with actuals; their mean with fewer than three).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .csv_rows import read_csv_rows

AREAS = ("forsorgelse", "aktivering", "drift", "lon")
AREA_DA = {"forsorgelse": "Forsørgelse", "aktivering": "Aktivering", "drift": "Drift", "lon": "Løn"}
ENTERED_AREAS = ("drift", "lon", "aktivering")  # areas whose actuals may be entered by hand
_AREA_NAMES = {**{a: a for a in AREAS}, "forsørgelse": "forsorgelse", "løn": "lon"}
_HEADERS = {"year": "year", "år": "year", "month": "month", "måned": "month", "area": "area",
            "område": "area", "amount": "amount", "beløb": "amount"}
_DANISH_NUMBER = re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d+)?$|^-?\d+(,\d+)?$")
_PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


class BudgetFileError(ValueError):
    """A malformed budget file; the Danish message names file, line and column."""


@dataclass(frozen=True, slots=True)
class BudgetLine:
    year: int
    month: int
    area: str
    amount: Decimal
    line: int


def area_of(text: str) -> str | None:
    return _AREA_NAMES.get((text or "").strip().lower())


def parse_amount(text: str) -> Decimal:
    """Kroner written the Danish way (``1.234,50``) or plainly (``1234.50``); ValueError else."""
    raw = (text or "").strip().replace(" ", "").replace("\u00a0", "")
    try:
        if _PLAIN_NUMBER.match(raw) and raw.count(".") <= 1 and not re.match(r"^-?\d{1,3}\.\d{3}$", raw):
            return Decimal(raw)
        if _DANISH_NUMBER.match(raw):
            return Decimal(raw.replace(".", "").replace(",", "."))
    except InvalidOperation:
        pass
    raise ValueError(f"{text!r} er ikke et beløb i kroner (fx 1.234.567,50)")


def parse_budget_csv(text: str, path: str = "budget") -> list[BudgetLine]:
    """All lines of the file, or BudgetFileError naming the first bad line and column."""
    table = read_csv_rows(text)
    if table is None:
        raise BudgetFileError(f"{path}: linje 1: filen er tom; overskriften skal være year;month;area;amount")
    header = [_HEADERS.get(h.strip().lower(), h.strip().lower()) for h in table.header]
    for column in ("year", "month", "area", "amount"):
        if column not in header:
            raise BudgetFileError(f"{path}: linje 1, kolonne '{column}': kolonnen mangler i overskriften")
    pos = {c: header.index(c) for c in ("year", "month", "area", "amount")}
    out: list[BudgetLine] = []
    seen: dict[tuple[int, int, str], int] = {}
    for line, row in table.rows:
        if len(row) < len(header):
            raise BudgetFileError(f"{path}: linje {line}: {len(row)} felter, men overskriften har {len(header)}")

        def bad(column: str, message: str, line: int = line) -> BudgetFileError:
            return BudgetFileError(f"{path}: linje {line}, kolonne '{column}': {message}")

        cell = {c: row[i].strip() for c, i in pos.items()}
        if not re.fullmatch(r"\d{4}", cell["year"]):
            raise bad("year", f"{cell['year']!r} er ikke et årstal")
        if not re.fullmatch(r"\d{1,2}", cell["month"]) or not 1 <= int(cell["month"]) <= 12:
            raise bad("month", f"{cell['month']!r} er ikke en måned 1-12")
        area = area_of(cell["area"])
        if area is None:
            raise bad("area", f"{cell['area']!r} er ikke et budgetområde (forsørgelse, aktivering, drift, løn)")
        try:
            amount = parse_amount(cell["amount"])
        except ValueError as exc:
            raise bad("amount", str(exc)) from None
        key = (int(cell["year"]), int(cell["month"]), area)
        if key in seen:
            raise bad("area", f"{AREA_DA[area]} {key[1]}/{key[0]} står allerede i linje {seen[key]}")
        seen[key] = line
        out.append(BudgetLine(key[0], key[1], area, amount, line))
    return out


def trend_forecast(actuals: dict[int, float], last_actual_month: int) -> dict[int, float]:
    """Months after ``last_actual_month`` continued from the months 1..last_actual_month:
    a least-squares line with three or more months, their mean with one or two, 0 with none;
    never below 0."""
    months = [m for m in range(1, last_actual_month + 1)]
    values = [float(actuals.get(m, 0.0)) for m in months]
    rest = range(last_actual_month + 1, 13)
    if not months:
        return {m: 0.0 for m in rest}
    if len(months) < 3:
        mean = sum(values) / len(values)
        return {m: max(mean, 0.0) for m in rest}
    import numpy as np  # only here: the budget pages load without NumPy

    slope, intercept = np.polyfit(months, values, 1)
    return {m: max(float(intercept + slope * m), 0.0) for m in rest}
