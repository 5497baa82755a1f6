"""What changes in the law when — read from the same dated data the engine uses.

* ``law_changes(first, last)``: every regime start and every parameter ``valid_from`` in the span,
  with a Danish description, the legal source and the confidence mark (``indsats law changes``).
* ``upcoming_changes(as_of, benefit, days=60)``: the changes of the rules for a benefit within
  the next ``days`` days, as Danish sentences ("Fra 1. juli 2026: ...") for the case page and
  the worklist.
* ``rule_set_for(period)``: the rule set (regime name and Danish label) that governs a period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from indsats.domain.formatting import dato

from .parameters import Parameters, default_parameters
from .periods import Period, SicknessSpell
from .regimes import Regime, Regimes, default_regimes

BENEFIT_DA = {
    "unemployment_benefit": "dagpenge", "cash_benefit": "kontanthjælp", "education_benefit": "uddannelseshjælp",
    "sickness_benefit": "sygedagpenge", "job_clarification": "jobafklaringsforløb",
    "resource_programme": "ressourceforløb", "flexjob_waiting_benefit": "ledighedsydelse",
    "rehabilitation": "revalidering", "integration_benefit": "selvforsørgelses- og hjemrejseydelse",
}


@dataclass(frozen=True, slots=True)
class LawChange:
    day: date
    kind: str  # "regelsæt" (a regime starts) or "parameter"
    name: str  # regime name or parameter name
    description: str  # Danish
    source: str
    confidence: str
    benefits: tuple[str, ...] = ()  # the benefits whose rules change (regimes); empty: all or not tied

    @property
    def text(self) -> str:
        return f"Fra {danish_date(self.day)}: {self.description}"

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.day.isoformat(), "kind": self.kind, "name": self.name, "description": self.description,
                "source": self.source, "confidence": self.confidence, "benefits": list(self.benefits),
                "text": self.text}


@dataclass(frozen=True, slots=True)
class RuleSet:
    name: str
    label: str  # Danish
    valid_from: date
    source: str

    @property
    def text(self) -> str:
        return f"{self.name}: {self.label}" if self.label else self.name


def danish_date(day: date) -> str:
    """1. juli 2026."""
    return dato(day, "d. MMMM yyyy")


def _value_da(value: Any) -> str:
    if value is None:
        return "ikke fastslået (til vurdering)"
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) if value else "ingen"
    return str(value)


def _regime_change(regime: Regime) -> LawChange:
    benefits = tuple(sorted(regime.changes_for)) if regime.changes_for is not None else ()
    return LawChange(regime.valid_from, "regelsæt", regime.name, regime.label or regime.name, regime.source,
                     regime.confidence, benefits)


def law_changes(first: date, last: date, *, params: Parameters | None = None,
                regimes: Regimes | None = None) -> list[LawChange]:
    """Regime starts and parameter values taking effect from ``first`` to ``last`` (both included)."""
    params = params or default_parameters()
    regimes = regimes or default_regimes()
    out = [_regime_change(r) for r in regimes.regimes if first <= r.valid_from <= last]
    for name in params.names():
        parameter = params.parameter(name)
        for value in parameter.values:
            if first <= value.valid_from <= last:
                description = f"{parameter.description} — {_value_da(value.value)}"
                out.append(LawChange(value.valid_from, "parameter", name, description, value.source, value.confidence))
    return sorted(out, key=lambda c: (c.day, c.kind != "regelsæt", c.name))


def upcoming_changes(as_of: date, benefit: str | None, days: int = 60, *,
                     regimes: Regimes | None = None) -> list[LawChange]:
    """The rule sets that take effect after ``as_of`` and within ``days`` days and change the rules
    for ``benefit`` (None: any benefit). ``LawChange.text`` reads "Fra 1. juli 2026: ..."."""
    regimes = regimes or default_regimes()
    last = as_of + timedelta(days=days)
    return [_regime_change(r) for r in regimes.regimes
            if as_of < r.valid_from <= last and (benefit is None or r.changes(benefit))]


def rule_set_for(period: Period | SicknessSpell | date, benefit: str | None = None, *,
                 regimes: Regimes | None = None) -> RuleSet | None:
    """The rule set that governs a period (or a period of ``benefit`` starting on a date); None
    before 2015-07-01, which the engine does not cover."""
    regimes = regimes or default_regimes()
    if isinstance(period, Period):
        start, benefit = period.start, period.alias_of or period.benefit
    elif isinstance(period, SicknessSpell):
        start, benefit = period.start, "sickness_benefit"
    else:
        start = period
    regime = regimes.named_for(start, benefit)
    if regime is None:
        return None
    return RuleSet(regime.name, regime.label, regime.valid_from, regime.source)


def rule_set_named(name: str, *, regimes: Regimes | None = None) -> RuleSet | None:
    """The rule set of a regime name as the engine writes it on each obligation (``regime``)."""
    regimes = regimes or default_regimes()
    regime = next((r for r in regimes.regimes if r.name == name), None)
    return RuleSet(regime.name, regime.label, regime.valid_from, regime.source) if regime else None


__all__ = ["BENEFIT_DA", "LawChange", "RuleSet", "danish_date", "law_changes", "rule_set_for", "rule_set_named",
           "upcoming_changes"]
