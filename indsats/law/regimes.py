"""The regimes of the law: which rules apply to a period, chosen by the date it starts.

The dates, names, Danish labels and sources come from ``parameters/regimes.yaml``; each
regime's logic is one class (``logic_lab.py`` for LAB 2015-2024, ``logic_2025.py`` for the
2025-2026 reforms). A later regime inherits the earlier one and overrides only what changed.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

from .logic_2025 import CashSystem2025, Reform2026February, Reform2026July, Sickness2025
from .logic_lab import Lab2015, Lab2020, Lab2024
from .periods import LAB_BENEFITS

REGIMES_FILE = Path(__file__).parent / "parameters" / "regimes.yaml"


LOGIC = {"lab2015": Lab2015, "lab2020": Lab2020, "lab2024": Lab2024, "sickness2025": Sickness2025,
         "cash2025": CashSystem2025, "reform2026_02": Reform2026February, "reform2026_07": Reform2026July}


@dataclass(frozen=True, slots=True)
class Regime:
    name: str
    valid_from: date
    source: str
    confidence: str
    changes_for: frozenset[str] | None  # None: every benefit
    logic: Lab2020
    label: str = ""  # Danish, for the case page and the worklist
    amendment: bool = False  # its name governs only the benefits in changes_for
    continuing: frozenset[str] = frozenset()  # running periods of these benefits keep the old rules
    aliases: dict[str, str] = field(default_factory=dict)  # benefit name in a timeline → name it is paid as

    def changes(self, benefit: str) -> bool:
        return self.changes_for is None or benefit in self.changes_for

    def names(self, benefit: str) -> bool:
        """Whether this regime's name is the rule set shown for a period of ``benefit``."""
        return not self.amendment or self.changes(benefit)


class Regimes:
    def __init__(self, regimes: list[Regime]):
        self.regimes = sorted(regimes, key=lambda r: r.valid_from)
        self._starts = [r.valid_from for r in self.regimes]

    def at(self, day: date) -> Regime | None:
        """The regime in force on ``day``; None before the first one the engine covers."""
        index = bisect_right(self._starts, day) - 1
        return self.regimes[index] if index >= 0 else None

    def changes_between(self, first: date, last: date, benefit: str, explicit: bool = False) -> list[Regime]:
        """Regimes that take effect after ``first`` and on or before ``last`` and change ``benefit``'s rules.

        A regime whose transitional rule lets running periods of the benefit keep the old rules
        (``continuing``) is no change for them. ``explicit``: only regimes that name the benefit.
        """
        return [r for r in self.regimes if first < r.valid_from <= last and benefit not in r.continuing
                and (r.changes_for is not None and benefit in r.changes_for if explicit else r.changes(benefit))]

    def named_for(self, day: date, benefit: str | None) -> Regime | None:
        """The rule set shown for a period of ``benefit`` starting on ``day``: the latest regime in
        force then that is not an amendment of other benefits' rules (without a benefit: the latest
        that is no amendment)."""
        index = bisect_right(self._starts, day) - 1
        while index >= 0:
            regime = self.regimes[index]
            if regime.names(benefit or ""):
                return regime
            index -= 1
        return None


def load_regimes(path: Path = REGIMES_FILE) -> Regimes:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    regimes: list[Regime] = []
    aliases: dict[str, str] = {}
    for entry in sorted(data["regimes"], key=lambda e: str(e["valid_from"])):
        changes = entry.get("changes_for", "all")
        regimes.append(
            Regime(
                name=entry["name"],
                valid_from=entry["valid_from"] if isinstance(entry["valid_from"], date) else date.fromisoformat(entry["valid_from"]),
                source=entry["source"],
                confidence=str(entry.get("confidence", "")),
                changes_for=None if changes == "all" else frozenset(changes),
                logic=LOGIC[entry["logic"]](),
                label=str(entry.get("label", "")),
                amendment=bool(entry.get("amendment", False)),
                continuing=frozenset(entry.get("continuing", ())),
                aliases={**aliases, **entry.get("aliases", {})},
            )
        )
        aliases = regimes[-1].aliases  # an alias holds until a later regime says otherwise
    return Regimes(regimes)


@lru_cache(maxsize=1)
def default_regimes() -> Regimes:
    return load_regimes()


__all__ = ["LAB_BENEFITS", "Regime", "Regimes", "default_regimes", "load_regimes"]
