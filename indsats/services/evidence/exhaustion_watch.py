"""The benefit-exhaustion watch (Dagpengeophør): dagpenge recipients within 26 weeks of the end of
their benefit period, soonest first, with the actions the municipality's plan names for them
(indsats/evidence/benefit_period.py; lov om arbejdsløshedsforsikring § 55, dated parameters).

The scope is the worklist's (``casework.worklists.caseworker_scope``): a caseworker sees their own
citizens (or a colleague's in their team), a team leader their team, a manager the municipality.
The weeks used are summed in one SQL query over the citizens' kept runs of dagpenge weeks
(``kept_dagpenge_runs``, rewritten with the kept obligations in every write that changes the spells:
``casework.dagpenge_runs``) of the scope's citizens on dagpenge this week, counted and paged there
(COUNT(*) OVER () beside LIMIT/OFFSET: one reading), soonest end first, and kept ``KEPT_SECONDS`` per
scope and page unless a write through this process changed the kept rows. Names are personal data: one
audit row per citizen shown, in the same transaction as the read.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Integer, and_, case, func, literal, or_, select

from indsats.analytics import weeks
from indsats.domain import clock
from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.law.parameters import ParameterError
from indsats.plan import PlanError
from indsats.plan.library import plan_files
from indsats.store.db import Database
from indsats.store.obligation_tables import DagpengeRunRow as K
from indsats.store.tables import CaseworkerRow, CitizenRow

from ..accounts.access import ensure_role
from ..accounts.audit import record_reads
from ..casework.obligation_store import VERSION
from ..casework.worklists import caseworker_scope
from ..shared import paging
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
    capped: bool = False

    def to_dict(self) -> dict[str, object]:
        items = [{**asdict(line), "expected_end": line.expected_end.isoformat()} for line in self.lines]
        out: dict[str, object] = {
            "week": self.week, "title": self.title, "within_weeks": WITHIN_WEEKS,
            "rule": asdict(self.rule) if self.rule else None, "actions": self.actions, "note": self.note,
            "items": items, "total": self.total, "page": self.page, "page_size": self.page_size}
        if self.capped:
            out["page_size_capped"] = f"page_size er højst {paging.MAX_PAGE_SIZE}"
        return out


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


def _scope_query(code: str, caseworker_ids: list[int] | None, monday: date, rule: PeriodRule):
    """One SQL query: the scope's citizens on dagpenge in the week of ``monday`` with at most WITHIN_WEEKS of
    their period left — weeks used summed over their kept runs (``kept_dagpenge_runs``) within the reference
    period — soonest end first. Columns: id, first_name, last_name, caseworker_id, used, left."""
    w = weeks.index(weeks.week_of(monday))
    now, lo = literal(w, Integer), literal(w - rule.reference_weeks + 1, Integer)
    run_last = case((or_(K.last_week.is_(None), K.last_week > w), now), else_=K.last_week)
    run_first = case((K.first_week < lo, lo), else_=K.first_week)
    used = func.sum(run_last - run_first + 1)
    this_week = func.max(case((and_(K.first_week <= w, or_(K.last_week.is_(None), K.last_week >= w)), 1), else_=0))
    on_dagpenge = select(K.citizen_id).where(K.first_week <= w, or_(K.last_week.is_(None), K.last_week >= w))
    if caseworker_ids is not None:  # (the municipality is the outer query's: joining it here reads every citizen)
        on_dagpenge = on_dagpenge.join(CitizenRow, CitizenRow.id == K.citizen_id).where(
            CitizenRow.caseworker_id.in_(caseworker_ids))
    runs = (select(K.citizen_id, used.label("used")).where(K.first_week <= w, or_(K.last_week.is_(None),
                                                                                   K.last_week >= lo),
                                                           K.citizen_id.in_(on_dagpenge))  # sum only this week's
            .group_by(K.citizen_id)
            .having(this_week == 1, used >= rule.period_weeks - WITHIN_WEEKS).subquery())
    left = case((runs.c.used >= rule.period_weeks, 0), else_=rule.period_weeks - runs.c.used)
    query = (select(CitizenRow.id, CitizenRow.first_name, CitizenRow.last_name, CitizenRow.caseworker_id,
                    runs.c.used, left.label("left"))
             .join(runs, runs.c.citizen_id == CitizenRow.id).where(CitizenRow.municipality_code == code))
    if caseworker_ids is not None:
        query = query.where(CitizenRow.caseworker_id.in_(caseworker_ids))
    return query.order_by(left, CitizenRow.first_name, CitizenRow.last_name, CitizenRow.id)


_KEPT: dict[tuple, tuple[float, tuple[list, int]]] = {}
KEPT_SECONDS = 60  # like the worklist's tab counts: renewed by any write through this process (VERSION)


def _read(session, query, page: int, page_size: int, everything: bool) -> tuple[list, int]:
    """(the rows shown, the total): the page and the total in one reading of the runs (COUNT(*) OVER ())."""
    if everything:
        shown = session.execute(query).all()
        return shown, len(shown)
    shown = session.execute(query.add_columns(func.count().over().label("total"))
                            .offset((max(page, 1) - 1) * page_size).limit(page_size)).all()
    if shown:
        return shown, shown[0].total
    total = paging.count(session, query) if page > 1 else 0
    if total:  # asked past the last page: show the last
        last = -(-total // page_size)
        shown = session.execute(query.offset((last - 1) * page_size).limit(page_size)).all()
    return shown, total


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
        asked = paging.PageRequest.of(page, page_size)
        view.page_size, view.capped = asked.page_size, asked.capped and not everything
        if rule is None:
            view.note = (f"Ingen kildebelagt regel for dagpengeperioden i uge {week}: "
                         "sagerne skal vurderes manuelt (manual review).")
            return view
        key = (db.url, code, None if caseworker_ids is None else tuple(caseworker_ids), monday, rule, WITHIN_WEEKS, page,
               asked.page_size, everything, VERSION[0])
        hit = _KEPT.get(key)
        if hit and time.monotonic() - hit[0] < KEPT_SECONDS:
            shown, total = hit[1]
        else:
            shown, total = _read(session, _scope_query(code, caseworker_ids, monday, rule), page, asked.page_size,
                                 everything)
            if len(_KEPT) > 500:
                _KEPT.clear()
            _KEPT[key] = (time.monotonic(), (shown, total))
        view.page_size = (total or 1) if everything else asked.page_size
        view.total = total
        view.pages = max(1, -(-total // view.page_size))
        view.page = min(max(page, 1), view.pages)
        initials = {r.id: r.initials for r in session.execute(select(CaseworkerRow.id, CaseworkerRow.initials)
                                                                .where(CaseworkerRow.municipality_code == code))}
        view.lines = [WatchLine(r.id, f"{r.first_name} {r.last_name}",
                                initials.get(r.caseworker_id, "") if r.caseworker_id else "", int(r.used),
                                int(r.left), monday + timedelta(weeks=int(r.left))) for r in shown]
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
