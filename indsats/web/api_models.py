"""Response models of the company, portal, audit and common JSON endpoints (the OpenAPI documents
them; schemathesis checks every answer against them). The case file's are in ``schemas.py``."""

from __future__ import annotations

from datetime import date
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict

T = TypeVar("T")


class PageOut(BaseModel, Generic[T]):
    """A page of a list, counted and cut in SQL (``services.shared.paging.Page.to_dict()``)."""

    items: list[T]
    total: int
    page: int
    page_size: int
    page_size_capped: str | None = None


class CreatedOut(BaseModel):
    id: int


class HealthOut(BaseModel):
    status: str


class AuditRecordOut(BaseModel):
    at: str
    username: str
    role: str
    citizen_id: int | None
    action: str
    municipality_code: str
    kind: str
    recipient: str | None


class AuditPageOut(PageOut[AuditRecordOut]):
    pass


class CompanySummaryOut(BaseModel):
    cvr: str
    name: str
    industry: str
    employees: int
    postcode: str
    city: str
    last_contact: date | None
    open_job_orders: int


class AvailabilityDeadlineOut(BaseModel):
    """An open availability case and the deadline of its next step (local practice: ``source``)."""

    case_id: int
    citizen_id: int
    citizen_name: str
    caseworker: str
    cause: str
    cause_da: str
    stage: str
    stage_da: str
    deadline: date | None
    overdue: bool
    days_left: int | None
    source: str
    local: bool


class CandidateListOut(BaseModel):
    citizen_id: int
    name: str
    occupations: list[str]
    consent: bool
    weeks_unemployed: int
    city: str


class CompanyRequestOut(BaseModel):
    id: int
    company_cvr: str
    company: str
    kind: str
    kind_da: str
    description: str
    contact: str
    received_on: date
    respond_by: date
    consultant: str | None
    status: str
    status_da: str
    answered_on: date | None
    answer: str
    on_time: bool | None
    overdue: bool


class CompanyOverviewOut(BaseModel):
    """A company's history: its row and the related rows, each as the table's columns."""

    company: dict
    production_units: list[dict]
    persons: list[dict]
    contacts: list[dict]
    job_orders: list[dict]
    centres: list[dict]
    offers_by_type: dict[str, int]


class FollowUpOut(BaseModel):
    contact_id: int
    company_cvr: str
    company_name: str
    due: date
    purpose: str
    result: str
    overdue: bool


class JobOrderOut(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: int
    company_cvr: str
    title: str
    kind: str
    status: str
    positions: int
    hours_per_week: float | None
    created: date
    filled_date: date | None
    company_name: str | None = None


class MatchOut(BaseModel):
    citizen_id: int
    name: str
    score: float
    reasons: list[str]
    reasons_da: list[str]
    proposal_status: str | None


class JobsFilledOut(BaseModel):
    municipality_code: str
    start: date
    end: date
    kind: str | None
    jobs_filled: int


class OccupationOut(BaseModel):
    uri: str
    isco: str
    label_da: str
    label_en: str


class PortalJobOut(BaseModel):
    id: int
    title: str
    description: str
    kind: str
    hours_per_week: float | None
    positions: int
    postcode: str
    status: str
    created: date
    filled_date: date | None
    occupation_label: str
    requirements: str


class CandidateSummaryOut(BaseModel):
    """What a company sees of a proposed, consenting candidate: no name, CPR, health or benefits."""

    proposal_id: int
    status: str
    reasons: list[str]
    reasons_da: list[str]
    candidate: dict


class PortalJobDetailOut(BaseModel):
    job_order: PortalJobOut
    candidates: list[CandidateSummaryOut]
