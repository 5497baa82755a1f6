"""The youth and integration programmes' dated rules (``parameters/programmes.yaml``).

``integration_first_offer``: the aim (2 weeks) and deadline (1 month) of the first company-oriented offer
after the municipality took over responsibility for a refugee or family-reunified person, or
``manual_review`` where indsats has no source for the day. ``education_order``: whether an education
order (uddannelsespålæg) can be given on a day — it ends with phase 2 of the reform, announced but not
enacted in the sources, so from 2027 it is ``manual_review``.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from .parameters import default_parameters

MANUAL_REVIEW = "manual_review"


@dataclass(frozen=True)
class Deadline:
    aim: date | None
    deadline: date | None
    source: str

    @property
    def manual_review(self) -> bool:
        return self.deadline is None


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def integration_first_offer(responsibility_from: date) -> Deadline:
    found = default_parameters().get("integration.first_offer", responsibility_from)
    if not found.value:
        return Deadline(None, None, found.source)
    return Deadline(responsibility_from + timedelta(days=int(found.value["aim_days"])),
                    add_months(responsibility_from, int(found.value["deadline_months"])), found.source)


def education_order(day: date) -> tuple[str, str]:
    """("yes" | "manual_review", the source) for an education order given on ``day``."""
    found = default_parameters().get("education_order.available", day)
    return str(found.value), found.source
