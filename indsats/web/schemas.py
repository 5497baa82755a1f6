"""Pydantic response models of the JSON API (they give /docs its OpenAPI)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from indsats.domain import cpr as cpr_rules
from indsats.services.casework.citizens import CaseFile


class SpellOut(BaseModel):
    benefit: str
    readiness: str | None
    start: date
    end: date | None
    sickness_category: int | None


class ConversationOut(BaseModel):
    date: date
    kind: str
    status: str
    note: str


class OfferOut(BaseModel):
    offer_type: str
    start: date
    end: date | None
    hours_per_week: float
    company_cvr: str | None


class EventOut(BaseModel):
    date: date
    type: str
    data: dict


class PlanOut(BaseModel):
    goal: str
    activities: list[str]
    updated: date | None


class TimelineOut(BaseModel):
    date: date
    kind: str
    text: str


class CaseFileOut(BaseModel):
    id: int
    cpr: str
    name: str
    birth_date: date
    address: str
    postcode: str
    city: str
    municipality_code: str
    synthetic: bool
    caseworker: str | None
    team: str | None
    spells: list[SpellOut]
    conversations: list[ConversationOut]
    offers: list[OfferOut]
    events: list[EventOut]
    plan: PlanOut | None
    timeline: list[TimelineOut]


def case_file_out(case: CaseFile) -> CaseFileOut:
    c = case.citizen
    return CaseFileOut(
        id=c.id, cpr=cpr_rules.formatted(c.cpr), name=f"{c.first_name} {c.last_name}", birth_date=c.birth_date,
        address=c.address, postcode=c.postcode, city=c.city, municipality_code=c.municipality_code,
        synthetic=c.synthetic, caseworker=case.caseworker.name if case.caseworker else None,
        team=case.team.name if case.team else None,
        spells=[SpellOut(benefit=s.benefit, readiness=s.readiness, start=s.start, end=s.end,
                         sickness_category=s.sickness_category) for s in case.spells],
        conversations=[ConversationOut(date=v.date, kind=v.kind, status=v.status, note=v.note or "")
                       for v in case.conversations],
        offers=[OfferOut(offer_type=o.offer_type, start=o.start, end=o.end, hours_per_week=o.hours_per_week,
                         company_cvr=o.company_cvr) for o in case.offers],
        events=[EventOut(date=e.date, type=e.type, data=dict(e.data or {})) for e in case.events],
        plan=PlanOut(goal=case.plan.goal, activities=list(case.plan.activities or []), updated=case.plan.updated)
        if case.plan else None,
        timeline=[TimelineOut(date=t.date, kind=t.kind, text=t.text) for t in case.timeline],
    )
