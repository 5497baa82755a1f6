"""Benefit rates (satser): the contract's RATES file (shared/contracts/economy.md).

Columns ``benefit, valid_from, weekly_rate, scheme`` are required; any others (the shipped
file has ``basis, source, confidence``) are kept as notes. A malformed file is refused with a
Danish message naming the file, the line (1 = the header) and the column; nothing is used from
a file that failed a check. ``parameters/rates.csv`` is the project's own file.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .csv_rows import read_csv_rows

SHIPPED_RATES = Path(__file__).parent / "parameters" / "rates.csv"
REQUIRED = ("benefit", "valid_from", "weekly_rate", "scheme")
SCHEMES = ("refusion", "cofinancing")
NAME = re.compile(r"^[a-z][a-z0-9_]*$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NUMBER = re.compile(r"^\d+(\.\d+)?$")


class RatesError(ValueError):
    """A malformed rates file; the message (Danish) names file, line and column."""


@dataclass(frozen=True, slots=True)
class Rate:
    benefit: str
    valid_from: date
    weekly_rate: Decimal
    scheme: str
    line: int
    notes: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


def _fail(path: str | Path, line: int, column: str | None, message: str) -> RatesError:
    where = f"{path}: linje {line}" + (f", kolonne '{column}'" if column else "")
    return RatesError(f"Satsfilen afvist — {where}: {message}")


def parse_rates(text: str, path: str | Path = "satser") -> list[Rate]:
    """Validate the CSV text and return its rates, sorted by benefit and date."""
    table = read_csv_rows(text, semicolon_on_tie=False)
    if table is None:
        raise _fail(path, 1, None, "filen er tom; første linje skal være overskriften "
                                   "benefit,valid_from,weekly_rate,scheme")
    header = [h.strip() for h in table.header]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise _fail(path, 1, missing[0], f"kolonnen mangler i overskriften (fundet: {', '.join(header)})")
    pos = {c: header.index(c) for c in header}
    rates: list[Rate] = []
    seen: dict[tuple[str, date], int] = {}
    for line, row in table.rows:
        if len(row) != len(header):
            raise _fail(path, line, None, f"{len(row)} felter, men overskriften har {len(header)}")
        cell = {c: row[i].strip() for c, i in pos.items()}
        benefit = cell["benefit"]
        if not NAME.match(benefit):
            raise _fail(path, line, "benefit", f"{benefit!r} er ikke et ydelsesnavn (fx cash_benefit)")
        raw_day = cell["valid_from"]
        try:
            if not DATE.match(raw_day):
                raise ValueError
            day = date.fromisoformat(raw_day)
        except ValueError:
            raise _fail(path, line, "valid_from", f"{raw_day!r} er ikke en dato ÅÅÅÅ-MM-DD") from None
        raw_rate = cell["weekly_rate"]
        try:
            if not NUMBER.match(raw_rate):
                raise InvalidOperation
            amount = Decimal(raw_rate)
        except InvalidOperation:
            raise _fail(path, line, "weekly_rate",
                        f"{raw_rate!r} er ikke et beløb i kroner (fx 2844.46, punktum som decimaltegn)") from None
        scheme = cell["scheme"]
        if scheme not in SCHEMES:
            raise _fail(path, line, "scheme", f"{scheme!r} er hverken refusion eller cofinancing")
        if (benefit, day) in seen:
            raise _fail(path, line, "valid_from",
                        f"{benefit} har allerede en sats fra {raw_day} (linje {seen[(benefit, day)]})")
        seen[(benefit, day)] = line
        notes = {c: v for c, v in cell.items() if c not in REQUIRED and v}
        rates.append(Rate(benefit, day, amount, scheme, line, notes))
    return sorted(rates, key=lambda r: (r.benefit, r.valid_from))


def load_rates(path: str | Path | None = None) -> list[Rate]:
    """Read and validate a rates file (default: the shipped ``parameters/rates.csv``)."""
    path = Path(path) if path is not None else SHIPPED_RATES
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RatesError(f"Satsfilen afvist — {path}: filen findes ikke") from None
    except OSError as exc:
        raise RatesError(f"Satsfilen afvist — {path}: kan ikke læses ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _fail(path, line, None, "filen er ikke UTF-8") from None
    return parse_rates(text, path)


def rate_in_force(rates: list[Rate], benefit: str, monday: date) -> Rate | None:
    """The row of ``benefit`` that applies to the week whose Monday is ``monday``."""
    found = None
    for rate in rates:
        if rate.benefit == benefit and rate.valid_from <= monday:
            found = rate
    return found


UNSOURCED_FILE = Path(__file__).parent / "parameters" / "unsourced.csv"


def unsourced(path: Path = UNSOURCED_FILE) -> list[tuple[str, int, int, str]]:
    """(benefit, first year, last year, reason) for each rate the project could not source."""
    with path.open(encoding="utf-8", newline="") as f:
        return [(r["benefit"], int(r["first_year"]), int(r["last_year"]), r["reason"]) for r in csv.DictReader(f)]


def rate_warnings(rates: list[Rate], year: int, counted: list[str] | None = None,
                  shipped: bool = True) -> list[tuple[str, str]]:
    """(benefit, Danish reason) for the year's rates that are not sourced: a benefit whose rate
    row in force in the year is from an earlier year (carried forward), and — with the shipped
    rates — each benefit listed as unsourced for the year. ``counted`` limits the carried-forward
    check to the benefits with counted weeks (default: every benefit in ``rates``)."""
    last_day = date(year, 12, 31)
    out: dict[str, str] = {}
    reasons = {b: reason for b, first, last, reason in unsourced() if first <= year <= last} if shipped else {}
    for benefit in sorted(set(counted if counted is not None else [r.benefit for r in rates])):
        row = rate_in_force(rates, benefit, last_day)
        if row is not None and row.valid_from.year < year:
            out[benefit] = reasons.get(benefit) or f"ingen sats for {year} i satsfilen; satsen fra {row.valid_from} videreføres"
    for benefit, reason in reasons.items():
        out.setdefault(benefit, reason)
    return sorted(out.items())
