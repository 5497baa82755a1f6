"""Danish notation (Babel) for dates, numbers, percentages and measure values; shared by the
web's templates and the result review, which is why it lives in the domain."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from functools import lru_cache

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal, format_percent

LOCALE = "da_DK"


# Babel takes some 30 µs a call; a list page formats hundreds of the same dates and counts.
# The results are kept (immutable strings, keyed by the value and its type).


def dato(value: date | datetime | None, fmt: str = "d. MMM yyyy") -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):  # equal instants in two time zones are shown apart: the zone is in the key
        return _dato(value, fmt, (value.tzinfo, value.utcoffset()))
    return _dato(value, fmt, None)


@lru_cache(maxsize=8192)
def _dato(value: date | datetime, fmt: str, zone: tuple[object, object] | None) -> str:
    if zone is not None:
        return format_datetime(value, "d. MMM yyyy HH:mm", locale=LOCALE)
    return format_date(value, fmt, locale=LOCALE)


def tal(value: float | int | None, decimals: int = 0) -> str:
    if value is None:
        return "–"
    return _tal(value, type(value).__name__, decimals)


@lru_cache(maxsize=8192)
def _tal(value: float | int, _kind: str, decimals: int) -> str:
    fmt = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=fmt, locale=LOCALE)


def procent(value: float | None, decimals: int = 1) -> str:
    if value is None:
        return "–"
    return _procent(value, type(value).__name__, decimals)


@lru_cache(maxsize=8192)
def _procent(value: float, _kind: str, decimals: int) -> str:
    return format_percent(value, format="#,##0." + "0" * decimals + " %", locale=LOCALE)


def format_value(value: float | None, unit: str) -> str:
    """A measure's value in Danish notation: shares as per cent, FTE with 2 decimals."""
    if value is None:
        return "–"
    if unit == "share":
        return procent(value)
    return tal(value, 2 if unit in ("fte", "kr") or value != int(value) else 0)


#: A text cell starting with one of these is a formula to a spreadsheet (CSV injection, OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_text(text: str) -> str:
    """A text cell a spreadsheet shows as text: a leading formula character gets a ``'`` before it."""
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_cell(value: object) -> str:
    """One spreadsheet cell: ISO dates, ja/nej, decimal comma, empty for nothing; text that would
    start a formula (``= + - @``) is escaped, numbers (also negative ones) are not."""
    import datetime as _dt

    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".").replace(".", ",")
    if isinstance(value, int):
        return str(value)
    return csv_text(str(value))


def spreadsheet_csv(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    """CSV a Danish spreadsheet opens as it is: ';' between fields, CRLF (the download adds a BOM)."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return buffer.getvalue()
