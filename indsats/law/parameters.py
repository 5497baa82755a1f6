"""Dated legal parameters, read from ``parameters/*.yaml``.

Each parameter has values that took effect on a date, each with its legal source and a
confidence mark — the way OpenFisca keeps parameters. A rule asks for the value in force
on a date (normally the day its period started); a change in the law is a new dated entry
in a YAML file, not a change of code.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

PARAMETER_DIR = Path(__file__).parent / "parameters"


class ParameterError(LookupError):
    """A parameter is missing, or has no value in force on the asked date."""


@dataclass(frozen=True, slots=True)
class ParameterValue:
    value: Any
    valid_from: date
    source: str
    confidence: str


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    description: str
    values: tuple[ParameterValue, ...]  # sorted by valid_from
    starts: tuple[date, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "starts", tuple(v.valid_from for v in self.values))

    def at(self, day: date) -> ParameterValue:
        index = bisect_right(self.starts, day) - 1
        if index < 0:
            raise ParameterError(f"parameter {self.name!r} has no value in force on {day.isoformat()}")
        return self.values[index]


def _to_date(raw: Any, where: str) -> date:
    if isinstance(raw, date):
        return raw
    try:
        return date.fromisoformat(str(raw))
    except ValueError as exc:
        raise ParameterError(f"{where}: valid_from {raw!r} is not a date (YYYY-MM-DD)") from exc


def load_parameter_file(path: Path) -> dict[str, Parameter]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    parameters: dict[str, Parameter] = {}
    for name, body in data.items():
        where = f"{path.name}: {name}"
        if not isinstance(body, dict) or not isinstance(body.get("values"), list):
            raise ParameterError(f"{where}: needs a list 'values'")
        values = []
        for i, entry in enumerate(body["values"], start=1):
            for key in ("valid_from", "value", "source", "confidence"):
                if key not in entry:
                    raise ParameterError(f"{where}, value {i}: missing field {key!r}")
            values.append(
                ParameterValue(
                    value=entry["value"],
                    valid_from=_to_date(entry["valid_from"], f"{where}, value {i}"),
                    source=str(entry["source"]),
                    confidence=str(entry["confidence"]),
                )
            )
        values.sort(key=lambda v: v.valid_from)
        parameters[name] = Parameter(name, str(body.get("description", "")), tuple(values))
    return parameters


class Parameters:
    """All dated parameters of the law engine."""

    def __init__(self, parameters: dict[str, Parameter]):
        self._parameters = parameters
        self._snapshots: dict[date, dict[str, ParameterValue]] = {}

    def snapshot(self, day: date) -> dict[str, ParameterValue]:
        """Every parameter's value in force on ``day`` (cached per day: many citizens share a start day)."""
        found = self._snapshots.get(day)
        if found is None:
            found = {}
            for name, parameter in self._parameters.items():
                index = bisect_right(parameter.starts, day) - 1
                if index >= 0:
                    found[name] = parameter.values[index]
            if len(self._snapshots) > 20_000:
                self._snapshots.clear()
            self._snapshots[day] = found
        return found

    def get(self, name: str, day: date) -> ParameterValue:
        try:
            parameter = self._parameters[name]
        except KeyError as exc:
            raise ParameterError(f"unknown parameter {name!r}") from exc
        return parameter.at(day)

    def value(self, name: str, day: date) -> Any:
        parameter = self._parameters.get(name)
        if parameter is None:
            raise ParameterError(f"unknown parameter {name!r}")
        index = bisect_right(parameter.starts, day) - 1
        if index < 0:
            raise ParameterError(f"parameter {name!r} has no value in force on {day.isoformat()}")
        return parameter.values[index].value

    def source(self, name: str, day: date) -> str:
        return self.get(name, day).source

    def names(self) -> list[str]:
        return sorted(self._parameters)

    def parameter(self, name: str) -> Parameter:
        return self._parameters[name]


@lru_cache(maxsize=1)
def default_parameters() -> Parameters:
    merged: dict[str, Parameter] = {}
    for path in sorted(PARAMETER_DIR.glob("*.yaml")):
        if path.name == "regimes.yaml":
            continue
        merged.update(load_parameter_file(path))
    return Parameters(merged)
