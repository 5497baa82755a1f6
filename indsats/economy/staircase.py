"""The staircase as dated parameters, read from ``parameters/staircase.yaml``.

A rule has the date it took effect, its legal source and confidence, its steps (first week
of each step with the refusion and co-financing shares) and the reset rule of § 6 (self-support
weeks needed within a window of weeks). ``rule_at`` is the one place a rule is selected by date.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

STAIRCASE_FILE = Path(__file__).parent / "parameters" / "staircase.yaml"
STEP_KEYS = ("1-4", "5-26", "27-52", "53+")


class StaircaseError(ValueError):
    """The staircase file is malformed; the message names the rule and field."""


@dataclass(frozen=True, slots=True)
class Step:
    key: str
    first_week: int
    refusion: Decimal
    cofinancing: Decimal


@dataclass(frozen=True, slots=True)
class StaircaseRule:
    valid_from: date
    source: str
    confidence: str
    steps: tuple[Step, ...]  # ordered by first_week; the last is open-ended
    self_support_weeks: int
    window_weeks: int

    def step_of(self, week_number: int) -> Step:
        """The step of the ``week_number``-th week (1-based) of a period."""
        found = self.steps[0]
        for step in self.steps:
            if week_number >= step.first_week:
                found = step
        return found

    @property
    def last_step_start(self) -> int:
        return self.steps[-1].first_week


def _rule(raw: dict[str, Any], where: str) -> StaircaseRule:
    try:
        steps = tuple(
            Step(str(s["key"]), int(s["first_week"]), Decimal(str(s["refusion"])), Decimal(str(s["cofinancing"])))
            for s in raw["steps"]
        )
        valid_from = raw["valid_from"] if isinstance(raw["valid_from"], date) else date.fromisoformat(
            str(raw["valid_from"]))
        reset = raw["reset"]
        rule = StaircaseRule(valid_from, str(raw["source"]), str(raw["confidence"]), steps,
                             int(reset["self_support_weeks"]), int(reset["window_weeks"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise StaircaseError(f"{where}: missing or malformed field ({exc})") from None
    if [s.key for s in steps] != list(STEP_KEYS):
        raise StaircaseError(f"{where}: steps must be {', '.join(STEP_KEYS)} in that order")
    if steps[0].first_week != 1 or any(a.first_week >= b.first_week for a, b in zip(steps, steps[1:], strict=False)):
        raise StaircaseError(f"{where}: steps must start at week 1 and rise")
    return rule


@lru_cache(maxsize=4)
def load_rules(path: Path = STAIRCASE_FILE) -> tuple[StaircaseRule, ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    rules = [_rule(r, f"{path.name}: rule {i}") for i, r in enumerate(data.get("rules") or [], start=1)]
    if not rules:
        raise StaircaseError(f"{path.name}: no rules")
    return tuple(sorted(rules, key=lambda r: r.valid_from))


def rule_at(day: date, rules: tuple[StaircaseRule, ...] | None = None) -> StaircaseRule:
    """The rule in force on ``day``. Before the first rule (the law took effect 4 January 2016)
    the first rule is applied, as the contract counts every week of the panel (docs/ECONOMY.md)."""
    rules = rules or load_rules()
    index = bisect_right([r.valid_from for r in rules], day) - 1
    return rules[max(index, 0)]
