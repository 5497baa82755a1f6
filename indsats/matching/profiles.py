"""What the matcher knows about a candidate and a job order (contract field names)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .reasons import Reason

NO_HEAVY_LIFTING = "no_heavy_lifting"
NO_NIGHT_WORK = "no_night_work"
ACCOMMODATION_NEEDS = (NO_HEAVY_LIFTING, NO_NIGHT_WORK)
JOB_KINDS = ("ordinary", "flexjob", "small_job", "internship", "wage_subsidy")


@dataclass(slots=True)
class Candidate:
    """A ledig's profile. Skånebehov: ``accommodation_needs`` and ``max_hours``."""

    id: str | int
    occupations: list[str] = field(default_factory=list)
    occupation_uris: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    education: str = ""
    driving_licence: bool = False
    languages: list[str] = field(default_factory=list)
    lat: float | None = None
    lon: float | None = None
    postcode: str = ""
    max_commute_km: float | None = None
    accommodation_needs: list[str] = field(default_factory=list)
    max_hours: float | None = None
    weeks_unemployed: int | None = None
    consent: bool = False


@dataclass(slots=True)
class Job:
    """A job order (jobordre) as the matcher sees it."""

    id: str | int
    title: str = ""
    description: str = ""
    occupation_uri: str | None = None
    lat: float | None = None
    lon: float | None = None
    postcode: str = ""
    hours_per_week: float | None = None
    kind: str = "ordinary"
    requires_driving_licence: bool = False
    requires_languages: list[str] = field(default_factory=list)
    heavy_lifting: bool = False
    night_work: bool = False


@dataclass(frozen=True, slots=True)
class Match:
    """A ranked candidate; ``why`` holds the structured reasons (``Reason.en()``/``.da()`` render them)."""

    id: str | int
    score: float
    why: tuple[Reason, ...] = ()

    @property
    def reasons(self) -> list[str]:
        """The reasons as English phrases, as the batch contract prints them."""
        return [r.en() for r in self.why]

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "score": self.score, "reasons": list(self.reasons)}
