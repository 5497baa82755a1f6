"""Read jobindsats.dk API exports (the JSON of its ``v2/data`` endpoint) as comparison figures.

The accepted shape is one result object or a list of them, each with the column
descriptions under ``Variables`` (a list of names, or of objects with ``Name``/``Label``)
and the rows under ``Data`` (lists in column order); an optional ``Measurement`` or
``Table`` names the indicator. Key names are matched case-insensitively. The period
column is the one whose values look like jobindsats periods:

* ``2024M03`` — the month, dated its last day;
* ``2024Q1`` — the quarter, dated its last day;
* ``2024QMAT03`` (and ``2024MMAT03``) — the rolling year ending with month 03, dated its last day;
* ``2024`` — the year, dated 31 December.

Every other text column is treated as the area (municipality, cluster or RAR), every
numeric column as a figure; Danish number formatting (``1.234,5``) is understood.
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

PERIOD = re.compile(r"^(\d{4})(?:M(\d{2})|Q([1-4])|[QM]MAT(\d{2}))?$")


class JobindsatsError(ValueError):
    """An export that cannot be read; names the file, table, row and column."""


@dataclass(frozen=True)
class Figure:
    indicator: str
    area: str
    period: str
    period_end: date
    column: str
    value: float


def period_end(text: str) -> date:
    """The last day of a jobindsats period; ValueError when it is not one."""
    match = PERIOD.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a jobindsats period (2024M03, 2024Q1, 2024QMAT03, 2024)")
    year = int(match.group(1))
    month = match.group(2) or match.group(4)
    if month is not None:
        m = int(month)
        if not 1 <= m <= 12:
            raise ValueError(f"{text!r}: month {m} out of range")
        return date(year, m, calendar.monthrange(year, m)[1])
    if match.group(3):
        m = int(match.group(3)) * 3
        return date(year, m, calendar.monthrange(year, m)[1])
    return date(year, 12, 31)


def _number(value: object) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        text = value.strip().replace("\u00a0", "").replace(" ", "")
        if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", text) or "," in text:
            text = text.replace(".", "").replace(",", ".")
        try:
            return float(text)
        except ValueError:
            return None
    return None


def _get(obj: Mapping[str, Any], *names: str) -> Any:
    lower = {k.lower(): v for k, v in obj.items()}
    for name in names:
        if name.lower() in lower:
            return lower[name.lower()]
    return None


def parse(data: object, source: str = "<jobindsats>") -> list[Figure]:
    tables = data if isinstance(data, list) else [data]
    figures: list[Figure] = []
    for t, table in enumerate(tables):
        where = f"{source}: table {t + 1}"
        if not isinstance(table, dict):
            raise JobindsatsError(f"{where}: expected an object with 'Variables' and 'Data'")
        variables, rows = _get(table, "Variables", "Columns"), _get(table, "Data", "Rows")
        if not isinstance(variables, list) or not isinstance(rows, list):
            raise JobindsatsError(f"{where}: missing 'Variables' or 'Data' list")
        names = [str(_get(v, "Label", "Name", "Id") if isinstance(v, dict) else v) for v in variables]
        indicator = str(_get(table, "Measurement", "Table", "TableId", "Name") or "")
        period_col = None
        for c in range(len(names)):
            values = [r[c] for r in rows if isinstance(r, list) and len(r) > c]
            if values and all(isinstance(v, str) and PERIOD.match(v.strip()) for v in values):
                period_col = c
                break
        if period_col is None:
            raise JobindsatsError(f"{where}: no column holds periods such as 2024M03")
        for r, row in enumerate(rows, start=1):
            if not isinstance(row, list) or len(row) != len(names):
                raise JobindsatsError(f"{where}, row {r}: expected {len(names)} values in column order")
            texts = [str(v) for c, v in enumerate(row) if c != period_col and _number(v) is None]
            area = " / ".join(texts) if texts else ""
            for c, value in enumerate(row):
                if c == period_col:
                    continue
                number = _number(value)
                if number is None:
                    continue
                figures.append(Figure(indicator or names[c], area, row[period_col].strip(),
                                      period_end(row[period_col]), names[c], number))
    return figures


def read_export(path: str | Path, measure: str | None = None) -> list[Figure]:
    """Read a jobindsats JSON export file into figures (indicator, area, period, value).

    ``measure`` (a key of ``indsats.plan.measures``) names what the figures measure; it
    replaces the export's own indicator name so goals can find them.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise JobindsatsError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except json.JSONDecodeError as exc:
        raise JobindsatsError(f"{path}: line {exc.lineno}: not valid JSON: {exc.msg}") from exc
    figures = parse(data, str(path))
    if measure is not None:
        figures = [Figure(measure, f.area, f.period, f.period_end, f.column, f.value) for f in figures]
    return figures


def value_for(figures: list[Figure], area: str, when: date, indicator: str | None = None) -> float | None:
    """The figure for ``area`` (case-insensitive, substring) in the latest period ending by
    ``when``; with ``indicator``, only figures of that indicator (measure) count."""
    wanted = area.lower()
    best: Figure | None = None
    for f in figures:
        if wanted not in f.area.lower() or (indicator and f.indicator != indicator) or f.period_end > when:
            continue
        if best is None or f.period_end > best.period_end:
            best = f
    return best.value if best else None
