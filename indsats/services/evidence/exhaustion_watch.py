"""The benefit-exhaustion watch (Dagpengeophør): dagpenge recipients within 26 weeks of the end of
their benefit period, soonest first, with the actions the municipality's plan names for them
(indsats/evidence/benefit_period.py; lov om arbejdsløshedsforsikring § 55, dated parameters).

The scope is the worklist's (``casework.worklists.caseworker_scope``): a caseworker sees their own
citizens (or a colleague's in their team), a team leader their team, a manager the municipality.
Candidates — the scope's citizens with a dagpenge spell in the week — are selected in SQL; their
weeks used are counted from their spells by the weekly panel's rule. Names are personal data: one
audit row per citizen shown, in the same transaction as the read.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import or_, select

from indsats.analytics import weeks
from indsats.domain import clock
from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.law.parameters import ParameterError
from indsats.plan import PlanError
from indsats.plan.library import plan_files
from indsats.store.db import Database
from indsats.store.tables import BenefitSpellRow, CaseworkerRow, CitizenRow

from ..accounts.access import ensure_role
from ..accounts.audit import record_reads
from ..casework.obligation_store import VERSION
from ..casework.worklists import caseworker_scope
from ..steering.goals import cached_plan

if TYPE_CHECKING:  # NumPy and DuckDB load on the first page, not at start-up
    from indsats.evidence.benefit_period import PeriodRule

READERS = (Role.CASEWORKER, Role.TEAM_LEADER, Role.MANAGER)
WITHIN_WEEKS = 26
PAGE_SIZE = 50
UB = "unemployment_benefit"


@dataclass(frozen=True)
class WatchLine:
    citizen_id: int
    name: str
    caseworker: str
    weeks_used: int
    weeks_left: int
    expected_end: date


@dataclass
class ExhaustionWatch:
    week: str
    title: str
    rule: PeriodRule | None
    lines: list[WatchLine] = field(default_factory=list)
    total: int = 0
    page: int = 1
    pages: int = 1
    page_size: int = PAGE_SIZE
    actions: list[str] = field(default_factory=list)
    note: str = ""

    def to_dict(self) -> dict[str, object]:
        items = [{**asdict(line), "expected_end": line.expected_end.isoformat()} for line in self.lines]
        return {"week": self.week, "title": self.title, "within_weeks": WITHIN_WEEKS,
                "rule": asdict(self.rule) if self.rule else None, "actions": self.actions, "note": self.note,
                "items": items, "total": self.total, "page": self.page, "page_size": self.page_size}


_ACTIONS: dict[tuple, list[str]] = {}


def _actions_of(plan) -> list[str]:
    actions: list[str] = []
    for strategy in plan.strategies:
        if "unemployment_benefit" in strategy.benefits:
            actions += [f"{strategy.label}: {a}" for a in strategy.actions]
    return actions


def plan_actions(code: str, db: Database | None = None) -> list[str]:
    """The actions and offers the municipality's plan names for dagpenge recipients: the version in
    force in the store (docs/PLAN.md), else the newest plan file — kept until a plan file changes
    (parsing every plan took about a second on the worklist page)."""
    if db is not None:
        from ..steering.plan_versions import plan_in_force

        found_in_force = plan_in_force(db, code)
        if found_in_force is not None:
            return _actions_of(found_in_force[1])
    files = plan_files()
    key = (code, tuple((str(p), p.stat().st_mtime_ns) for p in files.values()))
    if key not in _ACTIONS:
        if len(_ACTIONS) > 100:
            _ACTIONS.clear()
        _ACTIONS[key] = _plan_actions(code, list(files.values()))
    return list(_ACTIONS[key])


def _plan_actions(code: str, paths: list) -> list[str]:
    found = []
    for path in paths:
        try:
            plan = cached_plan(path)  # parsed once per change of the file, not on every worklist
        except PlanError:
            continue
        if plan.municipality.code == code:
            found.append((plan.year, path.stem.startswith("demo-"), plan))
    if not found:
        return []
    return _actions_of(max(found, key=lambda f: f[:2])[2])


_KEPT: dict[tuple, tuple[float, list]] = {}
KEPT_SECONDS = 60  # like the worklist's tab counts: a write through the server (obligation_store.VERSION) renews it


def _kept_watch(session, db: Database, code: str, caseworker_ids: list[int] | None, monday: date, rule: PeriodRule
                ) -> list[tuple[int, str, int | None, int, int]]:
    """``_watch`` kept for ``KEPT_SECONDS`` per scope: it reads the spells of every citizen on dagpenge in scope,
    and the team leader's worklist shows it on every page."""
    key = (db.url, code, tuple(caseworker_ids) if caseworker_ids is not None else None, monday, rule, VERSION[0])
    hit = _KEPT.get(key)
    if hit and time.monotonic() - hit[0] < KEPT_SECONDS:
        return hit[1]
    if len(_KEPT) > 200:
        _KEPT.clear()
    found = _watch(session, code, caseworker_ids, monday, rule)
    _KEPT[key] = (time.monotonic(), found)
    return found


def _watch(session, code: str, caseworker_ids: list[int] | None, monday: date, rule: PeriodRule
           ) -> list[tuple[int, str, int | None, int, int]]:
    """(citizen id, name, caseworker id, weeks used, weeks left) within WITHIN_WEEKS, soonest first."""
    from indsats.evidence.benefit_period import from_spells

    sunday = monday + timedelta(days=6)
    now_on_ub = (select(BenefitSpellRow.citizen_id).where(
        BenefitSpellRow.benefit == UB, BenefitSpellRow.start <= sunday,
        or_(BenefitSpellRow.end.is_(None), BenefitSpellRow.end > monday)))
    who = select(CitizenRow.id, CitizenRow.first_name, CitizenRow.last_name, CitizenRow.caseworker_id).where(
        CitizenRow.municipality_code == code, CitizenRow.id.in_(now_on_ub))
    if caseworker_ids is not None:
        who = who.where(CitizenRow.caseworker_id.in_(caseworker_ids))
    people = {r.id: r for r in session.execute(who)}
    spells: dict[int, list[tuple[str, date, date | None]]] = {}
    ids = list(people)
    window = monday - timedelta(weeks=rule.reference_weeks)
    for chunk in range(0, len(ids), 1000):
        for s in session.execute(
                select(BenefitSpellRow.citizen_id, BenefitSpellRow.benefit, BenefitSpellRow.start, BenefitSpellRow.end)
                .where(BenefitSpellRow.citizen_id.in_(ids[chunk:chunk + 1000]), BenefitSpellRow.start <= sunday,
                       or_(BenefitSpellRow.end.is_(None), BenefitSpellRow.end > window))
                .order_by(BenefitSpellRow.citizen_id, BenefitSpellRow.start, BenefitSpellRow.id)):
            spells.setdefault(s.citizen_id, []).append((s.benefit, s.start, s.end))
    out = []
    for cid, person in people.items():
        found = from_spells(spells.get(cid, []), monday, rule)
        if found is not None and found[1] <= WITHIN_WEEKS:
            out.append((cid, f"{person.first_name} {person.last_name}", person.caseworker_id, *found))
    out.sort(key=lambda r: (r[4], r[1], r[0]))
    return out


def exhaustion_watch(db: Database, user: User, page: int = 1, as_of: date | None = None, *,
                     caseworker_id: int | None = None, team_id: int | None = None, page_size: int = PAGE_SIZE,
                     everything: bool = False, audit_action: str = "Dagpengeophør") -> ExhaustionWatch:
    """One page (``everything``: all, for the CSV) of the scope's citizens within 26 weeks of the end."""
    from indsats.evidence.benefit_period import rule_at

    ensure_role(user, *READERS)
    code = user.municipality_code
    week = weeks.last_full_week(as_of or clock.today())
    monday = weeks.monday(week)
    with db.unit_of_work() as session:
        title, caseworker_ids = caseworker_scope(session, user, caseworker_id, team_id)
        try:
            rule: PeriodRule | None = rule_at(monday)
        except ParameterError:
            rule = None
        view = ExhaustionWatch(week, title.replace("Arbejdsliste for", "Dagpengeophør for"), rule,
                               actions=plan_actions(code, db))
        if rule is None:
            view.note = (f"Ingen kildebelagt regel for dagpengeperioden i uge {week}: "
                         "sagerne skal vurderes manuelt (manual review).")
            return view
        found = _kept_watch(session, db, code, caseworker_ids, monday, rule)
        view.page_size = (len(found) or 1) if everything else max(1, min(page_size, 200))
        view.total = len(found)
        view.pages = max(1, -(-len(found) // view.page_size))
        view.page = min(max(page, 1), view.pages)
        shown = found[(view.page - 1) * view.page_size: view.page * view.page_size]
        initials = {r.id: r.initials for r in session.execute(select(CaseworkerRow.id, CaseworkerRow.initials)
                                                                .where(CaseworkerRow.municipality_code == code))}
        view.lines = [WatchLine(cid, name, initials.get(worker, "") if worker else "", used, left,
                                monday + timedelta(weeks=left)) for cid, name, worker, used, left in shown]
        record_reads(session, user, [line.citizen_id for line in view.lines],
                     f"{audit_action}: borgere inden for {WITHIN_WEEKS} uger af dagpengeperiodens slut "
                     f"(side {view.page})")
    return view


CSV_HEADER = ["borger_id", "navn", "sagsbehandler", "uger_brugt", "uger_tilbage", "forventet_ophør", "uge",
              "planens_indsatser"]


def exhaustion_csv(view: ExhaustionWatch) -> str:
    from indsats.domain.formatting import spreadsheet_csv

    actions = " | ".join(view.actions)
    return spreadsheet_csv(CSV_HEADER, [[x.citizen_id, x.name, x.caseworker, x.weeks_used, x.weeks_left,
                                         x.expected_end, view.week, actions] for x in view.lines])
