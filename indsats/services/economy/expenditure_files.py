"""``indsats economy PANEL --rates RATES --year YYYY`` as a use case for the CLI.

Validates the rates file and the panel (Danish messages naming file, line and column) and
returns the contract object of shared/contracts/economy.md.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ...analytics.contract import PanelError
from ...domain.labels import BENEFIT_DA, label
from ...economy.rates import SHIPPED_RATES, RatesError
from ...economy.staircase import STEP_KEYS

__all__ = ["EconomyInputError", "STEP_KEYS", "SHIPPED_RATES", "economy", "rate_notes", "step_label", "benefit_label"]


class EconomyInputError(ValueError):
    """A malformed panel or rates file, or a bad year; the message is Danish."""


_PANEL_MESSAGES = {
    "empty person_id": "tomt person_id",
    "not an ISO week YYYY-Www (W01..W52, W53 only in years that have it)":
        "ikke en ISO-uge ÅÅÅÅ-Wuu (W01..W52, W53 kun i år der har den)",
    "unknown benefit; expected one of": "ukendt ydelse; forventet en af",
    "unknown readiness; expected empty or one of": "ukendt visitation; forventet tom eller en af",
    "not an offer name (lower-case snake_case, e.g. company_internship)":
        "ikke et tilbudsnavn (små bogstaver og _, fx company_internship)",
    "no such file": "filen findes ikke",
    "cannot be read": "kan ikke læses",
    "missing column(s)": "mangler kolonne(r)",
    "already has a row for": "har allerede en række for",
    "the panel holds one row per person and week": "panelet har én række pr. person og uge",
    "(value ": "(værdi ",
    "(header)": "(overskrift)",
    "; found ": "; fundet: ",
}


def danish_panel_message(message: str) -> str:
    """The KPI loader's English message with its places and phrases in Danish."""
    text = re.sub(r"row (\d+) \(line (\d+)\)", r"række \1 (linje \2)", message)
    text = re.sub(r"\brow (\d+)", r"række \1", text)
    text = re.sub(r"column '([^']*)'", r"kolonne '\1'", text)
    text = text.replace(" person ", " personen ")
    for english, danish in _PANEL_MESSAGES.items():
        text = text.replace(english, danish)
    return f"Panelet afvist — {text}"


def economy(panel: str | Path, rates: str | Path | None, year: int) -> dict[str, Any]:
    """The contract object for ISO year ``year``; ``rates`` None = the shipped rates file."""
    if not 1900 <= year <= 2999:
        raise EconomyInputError(f"--year: {year} er ikke et årstal (ÅÅÅÅ)")
    try:
        from ...economy.run import economy_for_file  # Ibis and pandas: loaded on use, not at start-up

        return economy_for_file(panel, rates, year)
    except RatesError as exc:
        raise EconomyInputError(str(exc)) from None
    except PanelError as exc:
        raise EconomyInputError(danish_panel_message(str(exc))) from None


def rate_notes(rates: str | Path | None, year: int, result: dict[str, Any]) -> list[str]:
    """Danish lines for the output: each counted benefit whose rate for ``year`` is carried forward
    from an earlier year, and (with the shipped rates) each benefit without a sourced rate."""
    from ...economy.rates import load_rates, rate_warnings

    loaded = load_rates(rates)
    counted = list(result.get("by_benefit", {}))
    return [f"{benefit_label(b)}: {reason}" for b, reason in rate_warnings(loaded, year, counted, rates is None)]


def benefit_label(name: str) -> str:
    return label(BENEFIT_DA, name)


def step_label(key: str) -> str:
    return {"1-4": "uge 1-4", "5-26": "uge 5-26", "27-52": "uge 27-52", "53+": "uge 53+"}[key]
