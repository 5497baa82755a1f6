"""Use cases around the dated law itself (no personal data): which changes take effect in a span,
what changes soon for a benefit, which rule set a regime name stands for.

A thin layer over ``indsats.law.changes`` so that the CLI and the web (which may import only
services and domain) can show them.
"""

from __future__ import annotations

from datetime import date

from indsats.law.changes import LawChange, RuleSet, law_changes, rule_set_named, upcoming_changes
from indsats.law.coverage import CoverageRow, coverage


def dated_changes(first: date, last: date) -> list[LawChange]:
    """Regime starts and parameter values taking effect from ``first`` to ``last`` (both included;
    empty when ``last`` is before ``first``)."""
    return law_changes(first, last)


def coming_changes(as_of: date, benefit: str | None, days: int = 60) -> list[LawChange]:
    """What changes in the rules for ``benefit`` within ``days`` days after ``as_of`` ("Fra 1. juli 2026: ...")."""
    return upcoming_changes(as_of, benefit, days)


def rule_set(name: str) -> RuleSet | None:
    """The rule set (name and Danish label) of a regime name as written on each obligation."""
    return rule_set_named(name)


__all__ = ["CoverageRow", "LawChange", "RuleSet", "coming_changes", "coverage", "dated_changes", "rule_set"]
