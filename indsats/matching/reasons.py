"""Why a candidate fits a job order: small structured reasons, rendered in English or Danish.

The ranking produces each reason once as a ``Reason(kind, value, isco)``; the batch
command prints ``en()`` (the phrases of shared/contracts/matching.md), the Danish pages
print ``da()``. ``as_json``/``from_json`` store a reason (e.g. with a proposal);
``from_json`` also reads the English phrases stored before reasons were structured.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, cast

SAME_OCCUPATION = "same_occupation"        # value: the occupation's label, None = same ESCO URI
RELATED_OCCUPATION = "related_occupation"  # value: the label; isco: the shared ISCO group
SIMILAR_TITLE = "similar_title"            # value: the candidate's title
SKILLS = "skills"                          # value: tuple of the matched skills
DISTANCE = "distance"                      # value: km
DISTANCE_BY_POSTCODE = "distance_by_postcode"  # value: km between postcode centres
WEEKS_UNEMPLOYED = "weeks_unemployed"      # value: whole weeks
LONG_TERM_UNEMPLOYED = "long_term_unemployed"
TEXT = "text"                              # value: a phrase kept as it was (an unrecognised stored reason)

#: Reasons about the candidate's unemployment: for the jobcenter only, never shown to a company.
ABOUT_UNEMPLOYMENT = frozenset({WEEKS_UNEMPLOYED, LONG_TERM_UNEMPLOYED})

Value = str | float | int | tuple[str, ...] | None


@dataclass(frozen=True, slots=True)
class Reason:
    kind: str
    value: Value = None
    isco: str = ""

    def en(self) -> str:
        return _EN[self.kind](self)

    def da(self) -> str:
        return _DA[self.kind](self)

    def as_json(self) -> dict[str, Any]:
        data = {"kind": self.kind, "value": list(self.value) if isinstance(self.value, tuple) else self.value}
        return data | {"isco": self.isco} if self.isco else data

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | str) -> Reason:
        if isinstance(data, str):
            return parse_en(data)
        value = data.get("value")
        kind = data.get("kind", TEXT)
        if kind not in _EN:
            return cls(TEXT, str(value or kind))
        return cls(kind, tuple(value) if isinstance(value, list) else value, data.get("isco", ""))


def _km(reason: Reason) -> str:
    return f"{reason.value:.0f}"


def _skills(reason: Reason) -> str:
    return ", ".join(cast(tuple[str, ...], reason.value))  # a SKILLS reason holds a tuple (from_json makes one)


_EN: dict[str, Callable[[Reason], str]] = {
    SAME_OCCUPATION: lambda r: f"same occupation: {r.value or 'same ESCO URI'}",
    RELATED_OCCUPATION: lambda r: f"related occupation: {r.value} (ISCO {r.isco})",
    SIMILAR_TITLE: lambda r: f"similar title: {r.value}",
    SKILLS: lambda r: "skills: " + _skills(r),
    DISTANCE: lambda r: f"{_km(r)} km",
    DISTANCE_BY_POSTCODE: lambda r: f"about {_km(r)} km (postcode)",
    WEEKS_UNEMPLOYED: lambda r: f"{r.value} weeks unemployed",
    LONG_TERM_UNEMPLOYED: lambda r: "long-term unemployed: a priority of the plan",
    TEXT: lambda r: str(r.value),
}

_DA: dict[str, Callable[[Reason], str]] = {
    SAME_OCCUPATION: lambda r: f"samme fag: {r.value}" if r.value else "samme fag (samme ESCO-kode)",
    RELATED_OCCUPATION: lambda r: f"beslægtet fag: {r.value} (ISCO {r.isco})",
    SIMILAR_TITLE: lambda r: f"lignende jobtitel: {r.value}",
    SKILLS: lambda r: "kompetencer: " + _skills(r),
    DISTANCE: lambda r: f"{_km(r)} km",
    DISTANCE_BY_POSTCODE: lambda r: f"ca. {_km(r)} km (efter postnummer)",
    WEEKS_UNEMPLOYED: lambda r: f"{r.value} {'uges' if r.value == 1 else 'ugers'} ledighed",
    LONG_TERM_UNEMPLOYED: lambda r: "langtidsledig: prioriteret i planen",
    TEXT: lambda r: str(r.value),
}

_LEGACY_EN: list[tuple[re.Pattern[str], Callable[[re.Match[str]], Reason]]] = [
    (re.compile(r"same occupation: same ESCO URI"), lambda m: Reason(SAME_OCCUPATION)),
    (re.compile(r"same occupation: (.+)"), lambda m: Reason(SAME_OCCUPATION, m[1])),
    (re.compile(r"related occupation: (.+) \(ISCO (\d+)\)"), lambda m: Reason(RELATED_OCCUPATION, m[1], m[2])),
    (re.compile(r"similar title: (.+)"), lambda m: Reason(SIMILAR_TITLE, m[1])),
    (re.compile(r"skills: (.+)"), lambda m: Reason(SKILLS, tuple(m[1].split(", ")))),
    (re.compile(r"(\d+) km"), lambda m: Reason(DISTANCE, float(m[1]))),
    (re.compile(r"about (\d+) km \(postcode\)"), lambda m: Reason(DISTANCE_BY_POSTCODE, float(m[1]))),
    (re.compile(r"(\d+) weeks unemployed"), lambda m: Reason(WEEKS_UNEMPLOYED, int(m[1]))),
    (re.compile(r"long-term unemployed: a priority of the plan"), lambda m: Reason(LONG_TERM_UNEMPLOYED)),
]


def parse_en(text: str) -> Reason:
    """The reason an English phrase of ``en()`` stands for; an unknown phrase is kept as ``TEXT``."""
    for pattern, make in _LEGACY_EN:
        if found := pattern.fullmatch(text):
            return make(found)
    return Reason(TEXT, text)
