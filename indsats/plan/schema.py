"""The employment plan (beskæftigelsesplan) as data: a pydantic schema.

Every model forbids unknown keys, so a misspelt field is an error rather than a silent
default. ``indsats.plan.loader`` turns validation errors into messages naming the file,
the line and the field path.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..domain.enums import Benefit, OfferType, Readiness
from .measures import MEASURES

# Benefits a citizen's contact process can run on (contracts/obligations.md).
CONTACT_BENEFITS = frozenset(
    {
        "unemployment_benefit", "cash_benefit", "education_benefit", "sickness_benefit",
        "job_clarification", "resource_programme", "flexjob_waiting_benefit", "rehabilitation",
        "integration_benefit",
    }
)
ALL_BENEFITS = frozenset(b.value for b in Benefit)
READINESS = frozenset(r.value for r in Readiness)
# Offers of the glossary beyond the OfferType enum that a palette may name.
EXTRA_OFFERS = frozenset({"partial_return", "rehabilitation", "company_centre", "job_placement", "education_order"})
OFFERS = frozenset(o.value for o in OfferType) | EXTRA_OFFERS


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def known(kind: str, allowed: Collection[str]) -> classmethod[Any, Any, Any]:
    """A field validator: each value (one, a list, or None) must be one of ``allowed``."""

    def check(cls: type[BaseModel], value: object) -> object:
        for item in value if isinstance(value, list) else ([] if value is None else [value]):
            if item not in allowed:
                raise ValueError(f"unknown {kind} {item!r}; known: {', '.join(sorted(allowed))}")
        return value

    return classmethod(check)


class Municipality(_Strict):
    code: str = Field(pattern=r"^\d{3}$")
    name: str = Field(min_length=1)


class MinisterGoal(_Strict):
    """Ministermål — the employment minister's goal for the year."""

    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    description: str = ""


class Baseline(_Strict):
    """Udgangspunkt: the value of the measure on a date (value may be unknown)."""

    date: date
    value: float | None = None
    note: str = ""


class Target(_Strict):
    """Mål: an absolute value or a relative change from the baseline, as a bound."""

    value: float | None = None
    relative_change: float | None = None
    bound: Literal["at_most", "at_least"]

    @model_validator(mode="after")
    def _one_of(self) -> Target:
        if (self.value is None) == (self.relative_change is None):
            raise ValueError("give exactly one of 'value' and 'relative_change'")
        if self.relative_change is not None and not -1.0 <= self.relative_change <= 10.0:
            raise ValueError("relative_change is a fraction, e.g. -0.103 for -10.3 %")
        return self


class GoalComparison(_Strict):
    """Sammenligning: the goal is met relative to a comparison group (klynge / RAR).

    ``level``: the municipality's value must be at least as good as the group's, plus
    ``margin``. ``excess_decline`` (merfald): the municipality's relative change from the
    baseline must be better than the group's by at least ``margin`` (0.01 = 1 %-point).
    """

    group: str
    kind: Literal["level", "excess_decline"]
    margin: float = 0.0


class ResultGoal(_Strict):
    """Resultatmål — measure, baseline, target, deadline, optional comparison group."""

    id: str = Field(pattern=r"^[a-z0-9_\-]+$")
    title: str = Field(min_length=1)
    measure: str | None = None
    minister_goal: str | None = None
    kind: Literal["national", "local"] = "local"
    qualitative: bool = False
    description: str = ""
    benefits: list[str] = Field(default_factory=list)
    baseline: Baseline | None = None
    target: Target | None = None
    better: Literal["lower", "higher"] | None = None
    deadline: date
    comparison: GoalComparison | None = None
    source: str = ""

    _known_measure = field_validator("measure")(known("measure", MEASURES))

    _known_benefits = field_validator("benefits")(known("benefit", ALL_BENEFITS))

    @model_validator(mode="after")
    def _consistent(self) -> ResultGoal:
        if self.qualitative:
            return self
        if self.measure is None:
            raise ValueError("a quantitative goal needs a 'measure' (or set qualitative: true)")
        if self.target is None and self.comparison is None:
            raise ValueError("a quantitative goal needs a 'target' or a 'comparison'")
        if self.target is not None and self.target.relative_change is not None:
            if self.baseline is None:
                raise ValueError("a relative target needs a baseline (its date; the value is measured when missing)")
        if self.baseline is not None and self.baseline.date > self.deadline:
            raise ValueError("baseline.date lies after the deadline")
        return self

    @property
    def direction(self) -> str:
        """'lower' or 'higher': which way is better for this goal."""
        if self.better:
            return self.better
        if self.target is not None:
            return "lower" if self.target.bound == "at_most" else "higher"
        return "higher" if self.comparison and self.comparison.kind == "level" else "lower"

    @property
    def target_value(self) -> float | None:
        """The absolute target, computed from a relative change when needed."""
        if self.target is None:
            return None
        if self.target.value is not None:
            return self.target.value
        change = self.target.relative_change  # set when value is not (Target._one_of)
        if self.baseline is None or self.baseline.value is None or change is None:
            return None
        return round(self.baseline.value * (1.0 + change), 2)


class PaletteItem(_Strict):
    """One tool in a prioritised offer palette (tilbudsvifte), highest priority first."""

    offer: str
    note: str = ""
    hours_per_week: float | None = Field(default=None, ge=0, le=60)
    max_weeks: int | None = Field(default=None, ge=1)

    _known_offer = field_validator("offer")(known("offer", OFFERS))


class Strategy(_Strict):
    """Strategi for en målgruppe: principles, priority and the prioritised palette."""

    target_group: str = Field(pattern=r"^[a-z0-9_\-]+$")
    label: str = Field(min_length=1)
    benefits: list[str] = Field(default_factory=list)
    readiness: list[str] = Field(default_factory=list)
    age_max: int | None = Field(default=None, ge=15, le=100)  # the group holds citizens up to this age
    age_min: int | None = Field(default=None, ge=15, le=100)
    priority: bool = False
    slogans: list[str] = Field(default_factory=list)
    description: str = ""
    actions: list[str] = Field(default_factory=list)
    offer_palette: list[PaletteItem] = Field(default_factory=list)

    _benefits = field_validator("benefits")(known("benefit", ALL_BENEFITS))

    _readiness = field_validator("readiness")(known("readiness", READINESS))


class ContactRhythm(_Strict):
    """Lokal kontaktrytme per kompetencegruppe after the first six months (seed 003)."""

    competence_group: str = Field(pattern=r"^[a-z0-9_\-]+$")
    label: str = Field(min_length=1)
    benefits: list[str] = Field(min_length=1)
    readiness: list[str] | None = None
    interval_days: int = Field(ge=1, le=366)
    source: str = Field(min_length=1)

    _benefits = field_validator("benefits")(known("benefit", CONTACT_BENEFITS))

    _readiness = field_validator("readiness")(known("readiness", READINESS))


class ProductionTarget(_Strict):
    """Produktionsplan (seed 000): monthly targets for one team or caseworker (by name; '*' = each of them)."""

    level: Literal["team", "caseworker"]
    name: str = Field(min_length=1)
    conversations_per_month: int | None = Field(default=None, ge=0, le=10_000)
    offers_per_month: int | None = Field(default=None, ge=0, le=10_000)
    company_share: float | None = Field(default=None, ge=0, le=1)  # company-oriented share of offers started
    timeliness: float | None = Field(default=None, ge=0, le=1)
    source: str = ""


class CompanyEntry(_Strict):
    """Virksomhedsindgangen: working days a consultant has to answer a company's request."""

    response_days: int = Field(default=2, ge=1, le=30)


class ComparisonGroup(_Strict):
    """Klynge or RAR: the municipalities a goal is benchmarked against."""

    id: str = Field(pattern=r"^[a-z0-9_\-]+$")
    label: str = Field(min_length=1)
    kind: Literal["cluster", "region"] = "cluster"
    municipalities: list[str] = Field(default_factory=list)


class EvidenceTools(_Strict):
    """The municipality's choice of the evidence tools (docs/SCREENING_MODEL_CARD.md): the risk
    list for the newly unemployed is off unless the plan turns it on."""

    screening: bool = False


class SelfService(_Strict):
    """The citizen's self-service (docs/PLAN.md): how many job applications a job-ready citizen logs a month."""

    job_log_per_month: int = Field(default=4, ge=0, le=60)


class Youth(_Strict):
    """The municipality's own (local, not legal) rule for contact around a young person's planned education
    start: a contact no earlier than ``contact_days_before`` and no later than ``contact_days_after`` the start."""

    contact_days_before: int = Field(default=14, ge=0, le=180)
    contact_days_after: int = Field(default=30, ge=0, le=365)


class EmploymentPlan(_Strict):
    """Beskæftigelsesplan: goals, strategies per target group and the contact rhythm."""

    municipality: Municipality
    title: str = Field(min_length=1)
    year: int = Field(ge=2000, le=2100)
    description: str = ""
    source: str = ""
    vision: str = ""
    principles: list[str] = Field(default_factory=list)
    minister_goals: list[MinisterGoal] = Field(default_factory=list)
    result_goals: list[ResultGoal] = Field(default_factory=list)
    strategies: list[Strategy] = Field(default_factory=list)
    contact_rhythm: list[ContactRhythm] = Field(default_factory=list)
    comparison_groups: list[ComparisonGroup] = Field(default_factory=list)
    evidence: EvidenceTools = Field(default_factory=EvidenceTools)
    self_service: SelfService = Field(default_factory=SelfService)
    production_targets: list[ProductionTarget] = Field(default_factory=list)
    company_entry: CompanyEntry = Field(default_factory=CompanyEntry)
    youth: Youth = Field(default_factory=Youth)

    @model_validator(mode="after")
    def _references(self) -> EmploymentPlan:
        _unique("minister_goals", [g.id for g in self.minister_goals])
        _unique("result_goals", [g.id for g in self.result_goals])
        _unique("strategies", [s.target_group for s in self.strategies])
        _unique("contact_rhythm", [r.competence_group for r in self.contact_rhythm])
        _unique("comparison_groups", [c.id for c in self.comparison_groups])
        minister = {g.id for g in self.minister_goals}
        groups = {c.id for c in self.comparison_groups}
        for i, goal in enumerate(self.result_goals):
            if goal.minister_goal is not None and goal.minister_goal not in minister:
                raise ValueError(f"result_goals[{i}].minister_goal: no minister goal {goal.minister_goal!r}")
            if goal.comparison is not None and goal.comparison.group not in groups:
                raise ValueError(f"result_goals[{i}].comparison.group: no comparison group {goal.comparison.group!r}")
        return self

    def goal(self, goal_id: str) -> ResultGoal:
        for goal in self.result_goals:
            if goal.id == goal_id:
                return goal
        raise KeyError(goal_id)

    def comparison_group(self, group_id: str) -> ComparisonGroup:
        for group in self.comparison_groups:
            if group.id == group_id:
                return group
        raise KeyError(group_id)


def _unique(section: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for i, item in enumerate(ids):
        if item in seen:
            raise ValueError(f"{section}[{i}]: duplicate id {item!r}")
        seen.add(item)
