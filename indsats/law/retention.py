"""Retention and deletion as dated data: which category of data is deleted after how long, from
which date, on which legal source (``law/retention.yaml``; not under ``parameters/``, whose files
are the timeline engine's). Pure: the job that applies the rules is ``services.accounts.retention``.

A category whose period could not be sourced is ``manual_review``: nothing of it is deleted and the
reason is shown to the manager.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml

PARAMETERS = Path(__file__).with_name("retention.yaml")
Action = Literal["delete", "manual_review"]
ACTIONS: tuple[str, ...] = ("delete", "manual_review")


class RetentionRuleError(ValueError):
    """The parameter file is wrong; the message names the category and the field."""


@dataclass(frozen=True)
class RetentionRule:
    category: str
    label: str
    tables: str
    counted_from: str
    valid_from: date
    action: Action
    source: str
    confidence: str
    keep_days: int | None = None
    reason: str = ""

    @property
    def deletes(self) -> bool:
        return self.action == "delete"

    def cutoff(self, as_of: date) -> date | None:
        """Rows counted from before this day are past their period; ``None`` when nothing is deleted."""
        if not self.deletes or self.keep_days is None:
            return None
        return as_of - timedelta(days=self.keep_days)


def _rule(category: str, body: dict[str, Any], value: dict[str, Any]) -> RetentionRule:
    where = f"retention.yaml: {category}"
    action = value.get("action")
    if action not in ACTIONS:
        raise RetentionRuleError(f"{where}: action skal være en af {', '.join(ACTIONS)}, ikke {action!r}")
    if not value.get("source"):
        raise RetentionRuleError(f"{where}: source mangler (hver regel skal have sin retskilde)")
    if not isinstance(value.get("valid_from"), date):
        raise RetentionRuleError(f"{where}: valid_from skal være en dato (åååå-mm-dd)")
    keep = value.get("keep_days")
    if action == "delete" and (not isinstance(keep, int) or keep < 0):
        raise RetentionRuleError(f"{where}: keep_days skal være et helt antal dage ≥ 0 for action delete")
    if action == "manual_review" and not value.get("reason"):
        raise RetentionRuleError(f"{where}: reason mangler (hvorfor ingen frist kan kildebelægges)")
    return RetentionRule(category=category, label=str(body.get("label", category)), tables=str(body.get("table", "")),
                         counted_from=str(body.get("counted_from", "")), valid_from=value["valid_from"],
                         action=action, source=" ".join(str(value["source"]).split()),
                         confidence=str(value.get("confidence", "U")), keep_days=keep,
                         reason=str(value.get("reason", "")))


@lru_cache(maxsize=4)
def _load(path: Path) -> dict[str, tuple[RetentionRule, ...]]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    rules: dict[str, tuple[RetentionRule, ...]] = {}
    for category, body in raw.items():
        values = sorted((_rule(category, body, v) for v in body.get("rules", [])), key=lambda r: r.valid_from)
        if not values:
            raise RetentionRuleError(f"retention.yaml: {category}: ingen regler")
        rules[category] = tuple(values)
    return rules


def rules_on(day: date, path: Path = PARAMETERS) -> list[RetentionRule]:
    """The rule of each category in force on ``day`` (a category without one yet is left out)."""
    in_force = []
    for values in _load(path).values():
        current = [r for r in values if r.valid_from <= day]
        if current:
            in_force.append(current[-1])
    return in_force


__all__ = ["RetentionRule", "RetentionRuleError", "rules_on"]
