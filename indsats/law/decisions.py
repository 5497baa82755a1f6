"""What must be on the case before a decision on flex job or disability pension — a dated rule.

Until 31 January 2026 the case went before the rehabilitation team (rehabiliteringsteamet), whose
recommendation (indstilling) the decision rested on; from 1 February 2026 (lov nr. 1750 af 29.12.2025)
the team is abolished and the decision rests on the coordinated description of the citizen's situation
with the health coordinator's advice (sundhedsfaglig rådgivning). The rule and its source are the
dated parameter ``decision.flexjob_disability_pension.basis``; this module only reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .parameters import ParameterError, Parameters, default_parameters

PARAMETER = "decision.flexjob_disability_pension.basis"
HEALTH_ADVICE = "health_advice"
REHABILITATION_TEAM = "rehabilitation_team"


@dataclass(frozen=True, slots=True)
class DecisionBasis:
    """``required``: the kind of coordinated-plan entry a decision on ``day`` must rest on."""

    required: str
    valid_from: date
    source: str
    confidence: str


def decision_basis(day: date, params: Parameters | None = None) -> DecisionBasis | None:
    """The rule in force on ``day``; ``None`` before the first dated value (not covered: a person decides)."""
    try:
        value = (params or default_parameters()).get(PARAMETER, day)
    except ParameterError:
        return None
    return DecisionBasis(str(value.value), value.valid_from, value.source, value.confidence)
