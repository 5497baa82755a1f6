"""Response models of the list and report endpoints (worklist, a citizen's obligations, caseload,
timeliness, quota coverage, goals, production figures, management information): the OpenAPI
documents each answer's shape, and FastAPI checks every answer against it."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

Number = int | float


class _Out(BaseModel):
    # "allow": a field a service adds later is passed on (and should be added here), never a 500
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class WorkItemOut(_Out):
    """An open obligation on the worklist (views open, overdue, due_soon, manual_review)."""
    citizen_id: int
    citizen_name: str
    caseworker: str
    rule: str
    rule_label: str
    status: str
    status_label: str
    deadline: str | None = Field(description="åååå-mm-dd")
    days_left: int | None
    action: str
    action_label: str
    benefit: str
    target_group: str
    source: str = Field(description="The legal source of the rule")
    local: bool
    held: int | None = None
    required: int | None = None
    note: str = ""
    deadline_on_non_workday: bool = False
    computed_at: datetime | None = None
    rule_set: str = ""


class BookingOut(_Out):
    """A conversation or offer to book (view to_book)."""
    citizen_id: int
    citizen_name: str
    caseworker: str
    action: str
    action_label: str
    by: str | None = Field(description="Book senest (åååå-mm-dd)")
    overdue: bool
    reason: str


class WorklistOut(_Out):
    title: str
    as_of: str
    citizens: int
    view: str
    counts: dict[str, int] = Field(description="Antal pr. visning (open, overdue, due_soon, to_book, manual_review)")
    items: list[WorkItemOut | BookingOut]
    total: int
    page: int
    page_size: int
    computed_at: str | None = Field(description="When the kept obligations were last refreshed")


class ObligationOut(_Out):
    """One obligation in the format of contracts/obligations.md."""
    rule: str
    required: int | None = None
    held: int | None = None
    window_start: str | None
    deadline: str | None
    status: str
    deadline_on_non_workday: bool
    source: str
    local: bool
    regime: str
    benefit: str | None = None
    target_group: str | None = None
    period_start: str | None = None
    met_on: str | None = None
    note: str | None = None
    quota: float | None = None


class CitizenObligationsOut(_Out):
    citizen: str
    as_of: str
    regime: str
    obligations: list[ObligationOut]


class CaseloadItemOut(_Out):
    id: int
    cpr: str
    name: str
    benefit: str
    readiness: str | None
    spell_start: date
    caseworker: str | None
    team: str | None
    next_deadline: date | None
    overdue: bool
    synthetic: bool
    rule_set: str | None = None
    rule_set_label: str = ""


class CaseloadOut(_Out):
    items: list[CaseloadItemOut]
    total: int
    page: int
    page_size: int
    page_size_capped: str | None = None


class CellOut(_Out):
    met: int
    met_late: int
    overdue: int
    total: int
    rate: float | None = Field(description="met / total, 4 decimals; null without decided obligations")


class TimelinessCellOut(CellOut):
    month: str
    target_group: str
    team: str


class TimelinessOut(_Out):
    date_from: str = Field(alias="from", serialization_alias="from")
    as_of: str
    local: bool
    overall: CellOut
    by_month: dict[str, CellOut]
    by_target_group: dict[str, CellOut]
    by_team: dict[str, CellOut]
    by_rule: dict[str, CellOut]
    cells: list[TimelinessCellOut]


class CoverageRowOut(_Out):
    cohort: str
    measure: str
    group: str
    actor: str
    n: int
    met: int
    exempt_by_quota: int
    not_met: int
    open: int
    coverage: float | None
    exempt_share: float | None
    open_share: float | None
    quota: float
    exemption_cap: float
    warning: bool
    over_cap: bool
    below_quota: bool


class QuotaCoverageOut(_Out):
    date_from: str = Field(alias="from", serialization_alias="from")
    as_of: str
    warn_at: float
    rows: list[CoverageRowOut]
    totals: list[CoverageRowOut]
    computed_at: str | None


class OutcomeOut(_Out):
    availability_case_id: int | None = Field(description="The availability case a no-show opened, else null")


class SeriesPointOut(_Out):
    date: str
    value: Number | None


class GoalOut(_Out):
    goal: str
    title: str
    measure: str
    unit: str
    status: str
    status_da: str
    baseline: Number | None
    target: Number | None
    actual: Number | None
    trajectory: Number | None
    attainment: Number | None
    trend: str | None
    deadline: str
    available: bool
    reason: str
    series: list[SeriesPointOut]


class GoalsOut(_Out):
    plan: str
    municipality: str
    as_of: str
    goals: list[GoalOut]


class ProductionRowOut(_Out):
    group: str
    active: int
    in_offer: int
    conversations: int
    timeliness: float | None
    activation: float | None
    conversations_per_citizen: float | None


class ManagementMonthOut(BaseModel):
    """One month of management information; further measures may be added as fields."""
    model_config = ConfigDict(extra="allow")
    month: str = Field(description="åååå-mm")
    partial: bool
    through: str
    public_support_persons: Number | None = None
    gross_unemployed: Number | None = None
    long_term_unemployed: Number | None = None
    activation_rate: Number | None = None
    company_activation_share: Number | None = None
    conversations_held: Number | None = None
    company_contacts: Number | None = None
    timeliness: Number | None = None
