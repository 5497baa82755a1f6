"""Use cases around the dated law itself (no personal data): which changes take effect in a span,
what changes soon for a benefit, which rule set a regime name stands for.

A thin layer over ``indsats.law.changes`` so that the CLI and the web (which may import only
services and domain) can show them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from indsats.law import Result
from indsats.law.changes import LawChange, RuleSet, law_changes, rule_set_named, upcoming_changes
from indsats.law.coverage import CoverageRow, coverage


def dated_changes(first: date, last: date) -> list[LawChange]:
    """Regime starts and parameter values taking effect from ``first`` to ``last`` (both included;
    empty when ``last`` is before ``first``)."""
    return law_changes(first, last)


def coming_changes(as_of: date, benefit: str | None, days: int = 60) -> list[LawChange]:
    """What changes in the rules for ``benefit`` within ``days`` days after ``as_of`` ("Fra 1. juli 2026: ...")."""
    return upcoming_changes(as_of, benefit, days)


@dataclass(frozen=True, slots=True)
class LawNotice:
    """What the deadline panel says about the law: the rule sets in use and what changes soon."""

    rule_sets: tuple[RuleSet, ...]
    coming: tuple[LawChange, ...]


def law_notice(result: Result, days: int = 60) -> LawNotice:
    """The rule sets behind a citizen's obligations and the changes to their benefits' rules within
    ``days`` days of the result's date (computed from the obligations already authorised and logged)."""
    names = dict.fromkeys(o.regime for o in result.obligations if o.regime) or {result.regime: None}
    rule_sets = tuple(found for name in names if (found := rule_set_named(name)) is not None)
    coming: dict[str, LawChange] = {}
    for benefit in dict.fromkeys(o.benefit for o in result.obligations if o.benefit):
        for change in upcoming_changes(result.as_of, benefit, days):
            coming.setdefault(change.name, change)
    return LawNotice(rule_sets, tuple(sorted(coming.values(), key=lambda c: c.day)))


def coming_for_benefits(as_of: date, benefits, days: int = 60) -> list[LawChange]:
    """The rule-set changes within ``days`` days of ``as_of`` for any of ``benefits`` (a worklist's or a
    caseload's citizens), each once, by date; empty when nothing changes in the window."""
    coming: dict[str, LawChange] = {}
    for benefit in dict.fromkeys(b for b in benefits if b):
        for change in upcoming_changes(as_of, benefit, days):
            coming.setdefault(change.name, change)
    return sorted(coming.values(), key=lambda c: c.day)


def rule_set(name: str) -> RuleSet | None:
    """The rule set (name and Danish label) of a regime name as written on each obligation."""
    return rule_set_named(name)


__all__ = ["CoverageRow", "LawChange", "LawNotice", "RuleSet", "law_notice", "coming_changes", "coming_for_benefits", "coverage", "dated_changes", "rule_set"]
