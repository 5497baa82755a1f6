"""One legal (or local) obligation and how its status is decided.

Statuses (contract): ``due``, ``overdue``, ``met``, ``met_late``, ``not_applicable``,
``waived``, ``suspended``, ``closed``, ``manual_review``; from the 2026-07-01 rules also
``exempt_by_quota`` (one of the up to 25 % a municipality or fund exempts, LAB § 31/§ 102 as
amended by lov 1750/2025; left out of timeliness like ``waived``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from .calendar import on_non_workday

DUE = "due"
OVERDUE = "overdue"
MET = "met"
MET_LATE = "met_late"
NOT_APPLICABLE = "not_applicable"
WAIVED = "waived"
SUSPENDED = "suspended"
CLOSED = "closed"
MANUAL_REVIEW = "manual_review"
EXEMPT_BY_QUOTA = "exempt_by_quota"

STATUSES = (DUE, OVERDUE, MET, MET_LATE, NOT_APPLICABLE, WAIVED, SUSPENDED, CLOSED, MANUAL_REVIEW, EXEMPT_BY_QUOTA)
OPEN_STATUSES = frozenset({DUE, OVERDUE})
FINAL_MET = frozenset({MET, MET_LATE})


@dataclass(slots=True)
class Obligation:
    rule: str
    status: str
    deadline: date | None
    source: str
    window_start: date | None = None
    required: int | None = None
    held: int | None = None
    local: bool = False
    regime: str = ""
    benefit: str | None = None
    target_group: str | None = None
    period_start: date | None = None
    action: str = "conversation"  # what a caseworker books to meet it: conversation, joint, offer, followup, review
    met_on: date | None = None
    note: str = ""
    quota: float | None = None  # the cohort share the law asks for (0.75), when the duty is a quota

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"rule": self.rule}
        if self.required is not None:
            out["required"] = self.required
        if self.held is not None:
            out["held"] = self.held
        out["window_start"] = self.window_start.isoformat() if self.window_start else None
        out["deadline"] = self.deadline.isoformat() if self.deadline else None
        out["status"] = self.status
        out["deadline_on_non_workday"] = on_non_workday(self.deadline)
        out["source"] = self.source
        out["local"] = self.local
        out["regime"] = self.regime
        if self.benefit:
            out["benefit"] = self.benefit
        if self.target_group:
            out["target_group"] = self.target_group
        if self.period_start:
            out["period_start"] = self.period_start.isoformat()
        if self.met_on:
            out["met_on"] = self.met_on.isoformat()
        if self.note:
            out["note"] = self.note
        if self.quota is not None:
            out["quota"] = self.quota
        return out


def single_status(
    on_time: date | None, late: date | None, deadline: date | None, as_of: date, closed_at: date | None
) -> str:
    """Status of a duty met by one event: on time, late, or not yet.

    ``closed_at`` is the first day the period no longer runs (a benefit change or end on or
    before ``as_of``); a duty whose deadline had not passed by then is ``closed``.
    """
    if on_time is not None:
        return MET
    if closed_at is not None and (deadline is None or closed_at <= deadline):
        return CLOSED
    if deadline is None:
        return DUE
    if as_of > deadline:
        return MET_LATE if late is not None else OVERDUE
    return DUE


def count_status(
    required: int, on_time: int, total: int, deadline: date, as_of: date, closed_at: date | None
) -> str:
    """Status of a duty to hold ``required`` events by ``deadline`` (convention 7 for late ones)."""
    if on_time >= required:
        return MET
    if closed_at is not None and closed_at <= deadline:
        return CLOSED
    if as_of > deadline:
        return MET_LATE if total >= required else OVERDUE
    return DUE


def nth_date(days: list[date], n: int) -> date | None:
    """The date of the n-th event (1-based) in a sorted list, or None."""
    return days[n - 1] if n >= 1 and len(days) >= n else None
