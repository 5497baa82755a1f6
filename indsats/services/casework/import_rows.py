"""Row models of the import format (see docs/IMPORT.md), validated with pydantic."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from indsats.domain import cpr as cpr_rules
from indsats.domain.enums import Benefit, CaseEventType, OfferType, Readiness


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class _HasCpr(_Row):
    cpr: str

    @field_validator("cpr")
    @classmethod
    def _cpr(cls, value: str) -> str:
        try:
            return cpr_rules.normalise(value)
        except cpr_rules.InvalidCpr as exc:
            raise ValueError(str(exc)) from exc


class CitizenIn(_HasCpr):
    first_name: str = Field(min_length=1)
    last_name: str = Field(min_length=1)
    municipality_code: str = Field(pattern=r"^\d{3}$")
    municipality_name: str | None = None
    birth_date: date | None = None
    address: str = ""
    postcode: str = Field(default="", pattern=r"^(\d{4})?$")
    city: str = ""
    synthetic: bool = False

    @model_validator(mode="after")
    def _birth_date_matches_cpr(self):
        from_cpr = cpr_rules.birth_date(self.cpr)
        if self.birth_date is None:
            self.birth_date = from_cpr
        elif self.birth_date != from_cpr:
            raise ValueError(f"birth_date {self.birth_date} passer ikke med CPR-nummerets {from_cpr}")
        return self


class SpellIn(_HasCpr):
    benefit: Benefit
    start: date
    end: date | None = None
    readiness: Readiness | None = None
    sickness_category: int | None = Field(default=None, ge=1, le=3)

    @model_validator(mode="after")
    def _end_after_start(self):
        if self.end is not None and self.end <= self.start:
            raise ValueError("end skal ligge efter start (end er første dag uden ydelsen)")
        return self


CONVERSATION = "conversation"
OFFER = "offer"
EVENT_TYPES = {CONVERSATION, OFFER} | {t.value for t in CaseEventType}


class EventIn(_HasCpr):
    date: date
    type: str
    joint: bool = False
    offer: OfferType | None = None
    end: date | None = None
    hours_per_week: float | None = Field(default=None, ge=0, le=60)
    company_cvr: str | None = Field(default=None, pattern=r"^\d{8}$")
    by: str | None = None
    reason: str | None = None
    category: int | None = Field(default=None, ge=1, le=3)
    readiness: Readiness | None = None
    note: str | None = None

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in EVENT_TYPES:
            raise ValueError(f"ukendt hændelsestype {value!r}; tilladt: {', '.join(sorted(EVENT_TYPES))}")
        return value

    @model_validator(mode="after")
    def _type_specific(self):
        if self.type == OFFER and self.offer is None:
            raise ValueError("offer skal angives for type 'offer'")
        if self.type == CaseEventType.SICK_LEAVE_START and self.category is None:
            raise ValueError("category (1, 2 eller 3) skal angives for type 'sick_leave_start'")
        if self.end is not None and self.end <= self.date:
            raise ValueError("end skal ligge efter date")
        return self

    def event_data(self) -> dict:
        data = {"by": self.by, "reason": self.reason, "category": self.category,
                "readiness": self.readiness.value if self.readiness else None}
        return {k: v for k, v in data.items() if v is not None}
