"""The one clock: every "today" and "now" in indsats is read here.

Tests freeze it with time-machine (or set ``INDSATS_TODAY=YYYY-MM-DD`` for a whole process,
e.g. a demo "as of" a date); code never calls ``date.today()`` or ``datetime.now()`` itself.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime


def today() -> date:
    """The date the system works on: ``INDSATS_TODAY`` if set, else the machine's local date."""
    fixed = os.environ.get("INDSATS_TODAY")
    if fixed:
        return date.fromisoformat(fixed)
    return date.today()


def now() -> datetime:
    """The current instant, timezone-aware (UTC). ``INDSATS_TODAY`` does not move it."""
    return datetime.now(UTC)


__all__ = ["now", "today"]
