"""Domain entities as plain dataclasses (no framework, no I/O).

The store maps these to tables; services pass them between layers.
"""

from __future__ import annotations

import datetime as _datetime
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from .enums import Benefit, CaseEventType, ConversationKind, ConversationStatus, OfferType, Readiness, Role


@dataclass(frozen=True, slots=True)
class Municipality:
    """Kommune, by its official 3-digit code (e.g. 250 Frederikssund)."""

    code: str
    name: str


@dataclass(slots=True)
class Citizen:
    """Borger. ``cpr`` is sensitive personal data; ``synthetic`` marks generated test persons."""

    id: int | None
    cpr: str
    first_name: str
    last_name: str
    birth_date: date
    municipality_code: str
    address: str = ""
    postcode: str = ""
    city: str = ""
    caseworker_id: int | None = None
    synthetic: bool = False

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def age_on(self, day: date) -> int:
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years


@dataclass(slots=True)
class BenefitSpell:
    """Ydelsesforløb — one continuous period on one benefit. ``end`` is exclusive (first day off it)."""

    id: int | None
    citizen_id: int
    benefit: Benefit
    start: date
    end: date | None = None
    readiness: Readiness | None = None
    sickness_category: int | None = None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(slots=True)
class Conversation:
    """Samtale — an individual or joint (fællessamtale) job conversation."""

    id: int | None
    citizen_id: int
    date: date
    kind: ConversationKind = ConversationKind.INDIVIDUAL
    status: ConversationStatus = ConversationStatus.HELD
    caseworker_id: int | None = None
    note: str = ""


@dataclass(slots=True)
class Offer:
    """Aktivt tilbud. ``end`` is exclusive."""

    id: int | None
    citizen_id: int
    offer_type: OfferType
    start: date
    end: date | None = None
    hours_per_week: float = 0.0
    company_cvr: str | None = None
    given_on: date | None = None


@dataclass(slots=True)
class CaseEvent:
    """Any other dated event of the citizen's timeline (første henvendelse, fritagelse, ...)."""

    id: int | None
    citizen_id: int
    date: date
    type: CaseEventType
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class CitizenPlan:
    """Min Plan / jobplan — the citizen's goal and agreed activities."""

    id: int | None
    citizen_id: int
    goal: str
    activities: list[str] = field(default_factory=list)
    updated: date | None = None


@dataclass(slots=True)
class Team:
    """Kompetencegruppe / team with the target groups it serves."""

    id: int | None
    name: str
    municipality_code: str
    target_groups: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Caseworker:
    """Sagsbehandler / jobkonsulent."""

    id: int | None
    name: str
    initials: str
    team_id: int | None
    municipality_code: str


@dataclass(slots=True)
class Company:
    """Virksomhed, by CVR number."""

    cvr: str
    name: str
    municipality_code: str
    industry_code: str = ""
    industry: str = ""
    employees: int = 0
    address: str = ""
    postcode: str = ""
    city: str = ""


@dataclass(slots=True)
class CompanyContact:
    """Virksomhedskontakt — a registered visit or call."""

    id: int | None
    company_cvr: str
    date: date
    kind: str  # visit | call | email | meeting
    purpose: str = ""
    schemes: list[str] = field(default_factory=list)
    result: str = ""
    next_followup: _datetime.date | None = None  # ``date`` is the field above
    consultant_id: int | None = None


@dataclass(slots=True)
class User:
    """A login. ``municipality_code`` scopes what the user may see."""

    id: int | None
    username: str
    role: Role
    municipality_code: str
    display_name: str = ""
    caseworker_id: int | None = None
    citizen_id: int | None = None
    company_cvr: str | None = None


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """Logning af opslag — who read which citizen's personal data, when and where."""

    at: datetime
    username: str
    role: str
    citizen_id: int | None
    action: str
    municipality_code: str
    kind: str = "read"
    recipient: str | None = None
