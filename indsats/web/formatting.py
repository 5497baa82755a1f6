"""Danish formatting for templates (Babel): dates, numbers, percentages, labels."""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal, format_percent

from indsats.domain import labels

LOCALE = "da_DK"


def dato(value: date | datetime | None, fmt: str = "d. MMM yyyy") -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_datetime(value, "d. MMM yyyy HH:mm", locale=LOCALE)
    return format_date(value, fmt, locale=LOCALE)


def tal(value: float | int | None, decimals: int = 0) -> str:
    if value is None:
        return "–"
    fmt = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=fmt, locale=LOCALE)


def procent(value: float | None, decimals: int = 1) -> str:
    if value is None:
        return "–"
    return format_percent(value, format="#,##0." + "0" * decimals + " %", locale=LOCALE)


def install(env) -> None:
    env.filters.update(dato=dato, tal=tal, procent=procent)
    env.globals.update(
        ydelse=lambda v: labels.label(labels.BENEFIT_DA, v),
        parathed=lambda v: labels.label(labels.READINESS_DA, v),
        tilbud=lambda v: labels.label(labels.OFFER_DA, v),
        samtaletype=lambda v: labels.label(labels.CONVERSATION_KIND_DA, v),
        samtalestatus=lambda v: labels.label(labels.CONVERSATION_STATUS_DA, v),
        rolle=lambda v: labels.label(labels.ROLE_DA, v),
    )
