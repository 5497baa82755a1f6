"""Bounded input types for every route: ids, dates, texts and counts as they may enter the system.

Use them in route signatures, for path and query parameters as plain annotations
(``citizen_id: RowId``, ``as_of: Day | None = None``) and for form fields wrapped with
``Form()`` (``note: Annotated[Note, Form()] = ""``) — a ``= Form(...)`` default drops
the bounds. A value outside them is answered 422 with a Danish message naming the field,
never a 500 from the database.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from annotated_types import Ge, Le
from pydantic import AfterValidator, BeforeValidator, StringConstraints

MAX_ID = 2**31 - 1  # PostgreSQL's integer
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2100, 12, 31)
MAX_NAME = 200
MAX_NOTE = 10_000


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("må ikke indeholde NUL-tegn")
    return value


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_text_or_date(value: Any) -> Any:
    """Only ISO text (or a date) is a date: ``0`` or ``"0"`` must not become 1970-01-01."""
    if isinstance(value, date) or (isinstance(value, str) and _ISO_DAY.fullmatch(value)):
        return value
    raise ValueError("skal være en dato (åååå-mm-dd)")


def _plausible_day(value: date) -> date:
    if not FIRST_DAY <= value <= LAST_DAY:
        raise ValueError(f"skal ligge mellem {FIRST_DAY.isoformat()} og {LAST_DAY.isoformat()}")
    return value


RowId = Annotated[int, Ge(1), Le(MAX_ID)]
"""A database id (path, query, form or body)."""

Day = Annotated[date, BeforeValidator(_iso_text_or_date), AfterValidator(_plausible_day)]
"""A calendar date between 1900-01-01 and 2100-12-31, written åååå-mm-dd."""

def _blank_is_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


MaybeId = Annotated[RowId | None, BeforeValidator(_blank_is_none)]
"""An optional id from a filter form, where an empty field means none."""

MaybeDay = Annotated[Day | None, BeforeValidator(_blank_is_none)]
"""An optional date from a filter form, where an empty field means none."""

Year = Annotated[int, Ge(FIRST_DAY.year), Le(LAST_DAY.year)]

Name = Annotated[str, StringConstraints(max_length=MAX_NAME), AfterValidator(_no_nul)]
"""Names, titles, search text, short codes: at most 200 characters."""

Note = Annotated[str, StringConstraints(max_length=MAX_NOTE), AfterValidator(_no_nul)]
"""Notes and free text: at most 10,000 characters."""

Cvr = Annotated[str, StringConstraints(max_length=20), AfterValidator(_no_nul)]
"""A CVR number as given in a path (an unknown one is a 404)."""

Places = Annotated[int, Ge(0), Le(1_000)]
"""A number of places (a company centre)."""

Limit = Annotated[int, Ge(1), Le(10_000)]
"""How many rows a list returns."""

Hours = Annotated[float, Ge(0), Le(60)]
