"""The committee pack (udvalgspakke): the plan's goals with their status, budget against actuals and
forecast, the local effects of the offers and the plan version's status, for a chosen meeting date,
as one Danish PDF (rendered by ``indsats.reports.committee_pack`` like the result review).

The figures are aggregates, but the pack leaves the system as a document, so each download is
recorded in the audit log as an export. Budget figures come from ``services.economy`` when the
municipality has entered a budget for the meeting's year; effects from the kept results of
``services.evidence`` (the pack never starts an estimation of its own).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from indsats.domain import clock
from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.plan import EmploymentPlan
from indsats.reports.committee_pack import pdf_bytes, render_html
from indsats.store.db import Database

from ..accounts.access import ensure_role
from ..accounts.audit import AuditKind, record
from ..shared.errors import InvalidInput
from .goals import GoalView, dashboard, goal_charts

READERS = (Role.TEAM_LEADER, Role.MANAGER)


@dataclass
class BudgetLine:
    label: str
    budget: float
    actual: float
    expected: float

    @property
    def deviation(self) -> float:
        """Expected spending over (+) or under (−) the budget."""
        return self.expected - self.budget


@dataclass
class EffectRow:
    offer: str
    starts: int
    effect_pp: float
    ci_low_pp: float
    ci_high_pp: float
    reading: str


@dataclass
class VersionStatus:
    number: int
    title: str
    year: int
    status_da: str
    decided_on: date | None
    decision: str
    in_force_from: date | None


@dataclass
class CommitteePack:
    municipality: str
    meeting: date
    as_of: date
    plan: EmploymentPlan
    goals: list[GoalView]
    charts: dict[str, str]
    versions: list[VersionStatus]
    budget_year: int
    versions_total: int = 0
    budget: list[BudgetLine] = field(default_factory=list)
    budget_through_month: int = 0
    budget_chart: str = ""
    effects: list[EffectRow] = field(default_factory=list)
    effects_period: str = ""
    effects_horizon: str = ""
    generated: datetime = field(default_factory=clock.now)

    def status_counts(self) -> list[tuple[str, int]]:
        counts: dict[str, int] = {}
        for v in self.goals:
            counts[v.attainment.status_da] = counts.get(v.attainment.status_da, 0) + 1
        return sorted(counts.items(), key=lambda kv: -kv[1])

    @property
    def budget_totals(self) -> BudgetLine | None:
        if not self.budget:
            return None
        return BudgetLine("I alt", sum(b.budget for b in self.budget), sum(b.actual for b in self.budget),
                          sum(b.expected for b in self.budget))


def meeting_date(text: str | None) -> date:
    """The meeting date from a form field (YYYY-MM-DD); empty = today. A Danish message otherwise."""
    if not text:
        return clock.today()
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"Mødedato: '{text[:20]}' er ikke en dato (åååå-mm-dd).") from None
    if not 2000 <= day.year <= 2100:
        raise InvalidInput("Mødedato: vælg en dato mellem år 2000 og 2100.")
    return day


VERSIONS_SHOWN = 5  # the newest versions in the pack; the pack says how many there are in all


def _versions(db: Database, code: str) -> tuple[list[VersionStatus], int]:
    from .plan_versions import list_versions

    current = [v for v in list_versions(db, code) if v["status"] != "replaced"]
    return [VersionStatus(v["number"], v["title"], v["year"], v["status_da"], v["decided_on"], v["decision"],
                          v["in_force_from"]) for v in current[:VERSIONS_SHOWN]], len(current)


def _budget(db: Database, user: User, pack: CommitteePack) -> None:
    from ..economy.budget_overview import overview
    from ..economy.budget_records import budget

    if not any(budget(db, user, pack.budget_year).values()):
        return
    view = overview(db, user, pack.budget_year, pack.as_of)
    pack.budget = [BudgetLine(a.label, a.budget_total, a.actual_total, a.expected_total) for a in view.areas]
    pack.budget_through_month, pack.budget_chart = view.last_actual_month, view.chart


def _effects(db: Database, code: str, pack: CommitteePack) -> None:
    from indsats.evidence.reading import horizon_da

    from ..evidence.effect_estimates import ALL, kept_effect_estimates

    with db.unit_of_work() as session:
        found = [e for e in kept_effect_estimates(session, code) if e.target_group == ALL]
    if not found:
        return
    pack.effects = [EffectRow(e.offer_label, e.starts, e.effect * 100, e.ci_low * 100, e.ci_high * 100, e.reading)
                    for e in found]
    pack.effects_period = f"{found[0].first_week}–{found[0].last_week}"
    pack.effects_horizon = horizon_da(found[0].horizon)


def build_pack(db: Database, user: User, meeting: date, plan_name: str | None = None) -> CommitteePack:
    """The pack's content for the meeting: figures as of the meeting (at the latest today)."""
    ensure_role(user, *READERS)
    as_of = min(meeting, clock.today())
    plan, views = dashboard(db, user.municipality_code, plan_name, as_of)
    versions, versions_total = _versions(db, user.municipality_code)
    pack = CommitteePack(user.municipality_code, meeting, as_of, plan, views, goal_charts(views),
                         versions, meeting.year, versions_total)
    _budget(db, user, pack)
    _effects(db, user.municipality_code, pack)
    return pack


def committee_pack_pdf(db: Database, user: User, meeting: date, plan_name: str | None = None) -> bytes:
    """The pack as PDF; the download is recorded as an export in the audit log."""
    pack = build_pack(db, user, meeting, plan_name)
    content = pdf_bytes(render_html(pack))
    with db.unit_of_work() as session:
        record(session, user, [None], f"udvalgspakke til mødet {meeting.isoformat()} ({pack.plan.title})",
               AuditKind.EXPORT)
    return content
