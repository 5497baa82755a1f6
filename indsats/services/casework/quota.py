"""Kvoter: the 75 % coverage and the 25 % exemptions of the 2026-07-01 quota duties, per cohort.

From 2026-07-01 the municipality (and, separately, each unemployment fund) must reach at least
75 % of a cohort with the conversations and the offer of the first six months and may exempt at
most 25 % (LAB §§ 31 and 102 as amended by lov 1750/2025). The measure is computed by the law
package's pure ``coverage()`` from the same kept obligations as the worklist and timeliness
(``citizen_obligations``): a ``due`` row past its deadline counts as not met
(``effective_status``), exactly as on the worklist.

``quota_report`` (team leaders and managers) gives the rows per cohort (entry month), measure,
group and actor, the totals and a chart; ``municipality_coverage`` the same rows without a user,
for the result review; ``exempted_citizens`` the exempted citizens of one cohort, paged and
written to the audit log.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from indsats.domain import clock
from indsats.domain.enums import Role
from indsats.domain.formatting import spreadsheet_csv
from indsats.domain.models import User
from indsats.law.coverage import (
    ACTOR_DA,
    CONVERSATIONS,
    DAGPENGE,
    DEFAULT_WARN_AT,
    FUND,
    GROUP_DA,
    JOB_READY_CASH_AND_FLEXJOB_WAITING,
    MEASURE_DA,
    MUNICIPALITY,
    OFFER,
    OFFER_GROUP,
    CoverageRow,
    classify,
    coverage,
)
from indsats.law.periods import TARGET_GROUP_DA
from indsats.reports.svg import share_chart
from indsats.services.accounts import audit
from indsats.services.accounts.access import ensure_role
from indsats.services.casework.obligation_store import T, effective_status
from indsats.services.shared.errors import InvalidInput
from indsats.services.shared.paging import PageNumbers
from indsats.store.db import Database
from indsats.store.tables import CaseEventRow, CaseworkerRow

#: The day the quota duties start (lov 1750/2025, in force 2026-07-01): no cohort before it.
QUOTA_START = date(2026, 7, 1)
WARN_AT = DEFAULT_WARN_AT
PAGE_SIZE = 50
TOTAL = "I alt"

#: (measure, group, actor) → the rule and target groups behind it (the inverse of coverage.classify).
SERIES: dict[tuple[str, str, str], tuple[str, tuple[str, ...] | None]] = {
    (CONVERSATIONS, DAGPENGE, MUNICIPALITY): ("contact.first_six_months", ("1",)),
    (CONVERSATIONS, DAGPENGE, FUND): ("contact.fund_first_three_months", None),
    (CONVERSATIONS, JOB_READY_CASH_AND_FLEXJOB_WAITING, MUNICIPALITY): ("contact.first_six_months", ("2", "9")),
    (OFFER, OFFER_GROUP, MUNICIPALITY): ("offer.right_and_duty", None),
}
SCOPE_DA = {"all": "Samtaler og tilbud", "conversations": "Kun samtaler", "offer": "Kun tilbud"}
_COHORT = re.compile(r"(\d{4})-(\d{2})")


def state(row: CoverageRow) -> str:
    """over (the cap is passed), warning (at or above the warning level), ok."""
    if row.over_cap:
        return "over"
    return "warning" if row.warning else "ok"


STATE_DA = {"over": "Over grænsen", "warning": "Nærmer sig grænsen", "ok": "Inden for grænsen"}


@dataclass(slots=True)
class Series:
    """One measure, group and actor: its cohorts month by month and their total."""

    measure: str
    group: str
    actor: str
    rows: list[CoverageRow]
    total: CoverageRow
    chart: str = ""

    @property
    def key(self) -> str:
        return f"{self.measure}-{self.group}-{self.actor}"

    @property
    def title(self) -> str:
        return f"{MEASURE_DA[self.measure]} – {GROUP_DA[self.group].lower()} – {ACTOR_DA[self.actor].lower()}"


@dataclass(slots=True)
class QuotaReport:
    municipality_code: str
    date_from: date
    as_of: date
    warn_at: float
    series: list[Series] = field(default_factory=list)
    kept_at: datetime | None = None

    @property
    def rows(self) -> list[CoverageRow]:
        return [row for s in self.series for row in s.rows]

    @property
    def warnings(self) -> list[tuple[Series, CoverageRow]]:
        return [(s, row) for s in self.series for row in s.rows if row.warning]

    def to_dict(self) -> dict:
        return {"from": self.date_from.isoformat(), "as_of": self.as_of.isoformat(), "warn_at": self.warn_at,
                "rows": [row.to_dict() for row in self.rows],
                "totals": [s.total.to_dict() for s in self.series],
                "computed_at": self.kept_at.isoformat() if self.kept_at else None}


def _total(rows: list[CoverageRow], warn_at: float) -> CoverageRow:
    first = rows[0]
    n, met, exempt, not_met, still_open = (sum(getattr(r, k) for r in rows)
                                           for k in ("n", "met", "exempt_by_quota", "not_met", "open"))
    return CoverageRow(TOTAL, first.measure, first.group, first.actor, n, met, exempt, not_met, still_open,
                       first.quota, first.exemption_cap, warning=bool(n) and exempt / n >= warn_at)


def municipality_coverage(session: Session, code: str, date_from: date, as_of: date,
                          warn_at: float = WARN_AT, date_to: date | None = None,
                          by_deadline: bool = False, rules: set[str] | None = None,
                          cohorts: set[str] | None = None) -> list[CoverageRow]:
    """Coverage rows of a municipality's cohorts entering from ``date_from`` to ``date_to`` (default
    ``as_of``), with each obligation's status on ``as_of``. No personal data leaves: counts only.

    ``by_deadline``: instead the obligations whose deadline fell from ``date_from`` up to the day
    before ``as_of`` — the same obligations timeliness counts for that span — still by entry month.
    ``rules`` and ``cohorts`` (YYYY-MM) narrow the rows read to those rules and entry months (one
    citizen's cohorts on the case page: a few thousand rows by ``ix_citizen_obligations_quota``).
    """
    status = effective_status(as_of).label("status_now")
    if by_deadline:
        span = [T.deadline >= date_from, T.deadline < as_of]
    else:
        span = [T.period_start >= max(date_from, QUOTA_START), T.period_start <= (date_to or as_of)]
    if rules is not None:
        span.append(T.rule.in_(sorted(rules)))
    if cohorts is not None:
        months = [_month(c) for c in sorted(cohorts)]
        span.append(or_(*(and_(T.period_start >= lo, T.period_start < hi) for lo, hi in months)))
    query = (select(T.rule, T.target_group, status, T.quota, T.period_start, func.count().label("n"))
             .where(T.municipality_code == code, T.quota.is_not(None), *span)
             .group_by(T.rule, T.target_group, status, T.quota, T.period_start))
    obligations = ({"rule": r.rule, "target_group": r.target_group, "status": r.status_now, "quota": r.quota,
                    "period_start": r.period_start, "n": r.n} for r in session.execute(query))
    return coverage(obligations, warn_at=warn_at)


def build_series(rows: list[CoverageRow], warn_at: float = WARN_AT, charts: bool = False) -> list[Series]:
    """Group coverage rows by measure, group and actor (in the order of ``SERIES``), with totals."""
    out = []
    for measure, group, actor in SERIES:
        mine = [r for r in rows if (r.measure, r.group, r.actor) == (measure, group, actor)]
        if not mine:
            continue
        series = Series(measure, group, actor, mine, _total(mine, warn_at))
        if charts:
            series.chart = share_chart([(r.cohort, r.coverage, r.exempt_share) for r in mine],
                                       quota=series.total.quota, cap=series.total.exemption_cap,
                                       warn_at=warn_at, title=series.title)
        out.append(series)
    return out


def quota_report(db: Database, user: User, date_from: date | None = None, as_of: date | None = None,
                 warn_at: float = WARN_AT) -> QuotaReport:
    """The user's municipality's coverage, month by month from 2026-07-01 (team leaders and managers)."""
    ensure_role(user, Role.TEAM_LEADER, Role.MANAGER)
    as_of = as_of or clock.today()
    date_from = max(date_from or QUOTA_START, QUOTA_START)
    with db.unit_of_work() as session:
        rows = municipality_coverage(session, user.municipality_code, date_from, as_of, warn_at)
        kept_at = session.scalar(select(func.max(T.computed_at)).where(T.municipality_code == user.municipality_code))
    return QuotaReport(user.municipality_code, date_from, as_of, warn_at, build_series(rows, warn_at, charts=True),
                       kept_at)


def quota_for_timeliness(db: Database, user: User, date_from: date, as_of: date) -> list[Series]:
    """Beside timeliness: the coverage of the quota duties whose deadline fell in the same span
    (team leaders and managers); empty before 2026-07-01."""
    import time

    from indsats.services.casework.obligation_store import VERSION

    ensure_role(user, Role.TEAM_LEADER, Role.MANAGER)
    key = (db.url, user.municipality_code, date_from, as_of, VERSION[0])  # kept like timeliness beside it
    hit = _TIMELINESS.get(key)
    if hit and time.monotonic() - hit[0] < TIMELINESS_SECONDS:
        return hit[1]
    with db.unit_of_work() as session:
        rows = municipality_coverage(session, user.municipality_code, date_from, as_of, by_deadline=True)
    if len(_TIMELINESS) > 200:
        _TIMELINESS.clear()
    _TIMELINESS[key] = (time.monotonic(), series := build_series(rows))
    return series


_TIMELINESS: dict[tuple, tuple[float, list[Series]]] = {}
TIMELINESS_SECONDS = 60  # a year of the municipality's quota duties; renewed by any write through this process


@dataclass(frozen=True, slots=True)
class CohortUse:
    """How much of the 25 % a citizen's cohort has used — counts only, for the exemption form."""

    title: str
    cohort: str
    n: int
    exempt: int
    share: float | None
    cap: float
    state: str


def cohort_use_for_citizen(db: Database, user: User, citizen_id: int) -> list[CohortUse]:
    """The exempted share of each cohort and series the citizen's quota duties belong to (staff who
    may read the case; the caller has authorised and logged the case read)."""
    with db.unit_of_work() as session:
        return cohort_use_in(session, db.url, user, citizen_id)


_COHORTS: dict[tuple, tuple[float, list[CoverageRow]]] = {}
COHORT_SECONDS = 60  # counts of whole cohorts: the case pages of one cohort's citizens share them


def cohort_use_in(session: Session, url: str, user: User, citizen_id: int) -> list[CohortUse]:
    """``cohort_use_for_citizen`` in the caller's session (database ``url``). The cohorts' counts are
    kept ``COHORT_SECONDS`` unless an obligation was written through this process meanwhile."""
    import time

    from indsats.services.casework.obligation_store import VERSION

    ensure_role(user, Role.CASEWORKER, Role.TEAM_LEADER, Role.MANAGER)
    mine = {(r.period_start, r.rule, r.target_group) for r in session.execute(
        select(T.period_start, T.rule, T.target_group).where(
            T.citizen_id == citizen_id, T.municipality_code == user.municipality_code, T.quota.is_not(None)))}
    kinds = {(f"{start.year:04d}-{start.month:02d}", *kind) for start, rule, group in mine
             if start is not None and (kind := classify(rule, group)) is not None}
    if not kinds:
        return []
    starts = [start for start, _rule, _group in mine if start is not None]
    first, last = min(starts).replace(day=1), _month(max(starts).strftime("%Y-%m"))[1] - timedelta(days=1)
    rules, cohorts = frozenset(rule for _start, rule, _group in mine), frozenset(c for c, *_kind in kinds)
    key = (url, user.municipality_code, first, last, clock.today(), rules, cohorts, VERSION[0])
    hit = _COHORTS.get(key)
    if hit and time.monotonic() - hit[0] < COHORT_SECONDS:
        rows = hit[1]
    else:
        rows = municipality_coverage(session, user.municipality_code, first, clock.today(), date_to=last,
                                     rules=set(rules), cohorts=set(cohorts))
        if len(_COHORTS) > 2000:
            _COHORTS.clear()
        _COHORTS[key] = (time.monotonic(), rows)
    found = [r for r in rows if (r.cohort, r.measure, r.group, r.actor) in kinds]
    return [CohortUse(build_series([r])[0].title, r.cohort, r.n, r.exempt_by_quota, r.exempt_share, r.exemption_cap,
                      state(r)) for r in found]


CSV_HEADER = ["kohorte", "måling", "gruppe", "aktør", "antal", "opfyldt", "undtaget", "ikke_opfyldt", "åbne",
              "dækning", "krav", "undtaget_andel", "loft", "status", "under_kravet"]


def quota_csv(report: QuotaReport) -> str:
    """One line per cohort and series, then each series' total; shares as decimals (0,75)."""
    lines = []
    for s in report.series:
        for row in [*s.rows, s.total]:
            lines.append([row.cohort, MEASURE_DA[row.measure], GROUP_DA[row.group], ACTOR_DA[row.actor], row.n,
                          row.met, row.exempt_by_quota, row.not_met, row.open, row.coverage, row.quota,
                          row.exempt_share, row.exemption_cap, STATE_DA[state(row)].lower(), row.below_quota])
    return spreadsheet_csv(CSV_HEADER, lines)


@dataclass(slots=True)
class ExemptedCitizen:
    citizen_id: int
    name: str
    caseworker: str
    period_start: date | None
    target_group: str
    exempted_on: date | None
    reason: str
    scope: str
    by: str


@dataclass(slots=True)
class ExemptedPage(PageNumbers):
    cohort: str
    measure: str
    group: str
    actor: str
    items: list[ExemptedCitizen]
    total: int
    page: int
    page_size: int = PAGE_SIZE

    @property
    def title(self) -> str:
        return f"{MEASURE_DA[self.measure]} – {GROUP_DA[self.group].lower()} – {ACTOR_DA[self.actor].lower()}"


def _month(cohort: str) -> tuple[date, date]:
    found = _COHORT.fullmatch(cohort or "")
    if not found or not 1 <= int(found.group(2)) <= 12 or not 2000 <= int(found.group(1)) <= 2100:
        raise InvalidInput(f"Ukendt kohorte «{cohort}»; skriv den som åååå-mm.")
    first = date(int(found.group(1)), int(found.group(2)), 1)
    return first, (first + timedelta(days=32)).replace(day=1)


def _exemption(events: list, period_start: date | None, measure: str, actor: str):
    """The recorded exemption behind an exempt obligation: the latest of the period with a matching scope and actor."""
    matching = [e for e in events if (period_start is None or e.date >= period_start)
                and (e.data or {}).get("scope", "all") in ("all", measure)
                and (e.data or {}).get("by", MUNICIPALITY) == actor]
    return max(matching, key=lambda e: (e.date, e.id), default=None)


def exempted_citizens(db: Database, user: User, cohort: str, measure: str, group: str, actor: str,
                      page: int = 1, page_size: int = PAGE_SIZE) -> ExemptedPage:
    """The citizens exempted in one cohort and series, with the recorded reason; each one shown is audited."""
    ensure_role(user, Role.TEAM_LEADER, Role.MANAGER)
    if (measure, group, actor) not in SERIES:
        raise InvalidInput("Ukendt kombination af måling, gruppe og aktør.")
    first, after = _month(cohort)
    rule, groups = SERIES[(measure, group, actor)]
    page, page_size = max(1, page), max(1, min(page_size, 200))
    where = [T.municipality_code == user.municipality_code, T.rule == rule, T.status == "exempt_by_quota",
             T.quota.is_not(None), T.period_start >= first, T.period_start < after]
    if groups is not None:
        where.append(T.target_group.in_(groups))
    with db.unit_of_work() as session:
        total = session.scalar(select(func.count()).select_from(T).where(*where)) or 0
        rows = list(session.execute(
            select(T.citizen_id, T.citizen_name, T.caseworker_id, T.period_start, T.target_group).where(*where)
            .order_by(T.citizen_name, T.citizen_id, T.period_start).offset((page - 1) * page_size).limit(page_size)))
        ids = sorted({r.citizen_id for r in rows})
        names = {r.id: r.initials for r in session.execute(
            select(CaseworkerRow.id, CaseworkerRow.initials)
            .where(CaseworkerRow.municipality_code == user.municipality_code))}
        events: dict[int, list] = {}
        for event in session.scalars(select(CaseEventRow).where(CaseEventRow.citizen_id.in_(ids),
                                                                CaseEventRow.type == "quota_exemption")):
            events.setdefault(event.citizen_id, []).append(event)
        items = []
        for r in rows:
            found = _exemption(events.get(r.citizen_id, []), r.period_start, measure, actor)
            data = (found.data or {}) if found else {}
            items.append(ExemptedCitizen(
                r.citizen_id, r.citizen_name, names.get(r.caseworker_id, ""), r.period_start,
                TARGET_GROUP_DA.get(r.target_group or "", r.target_group or ""), found.date if found else None,
                data.get("reason", ""), SCOPE_DA.get(data.get("scope", "all"), ""),
                ACTOR_DA.get(data.get("by", MUNICIPALITY), "")))
        audit.record_reads(session, user, ids, f"kvoter: undtagne borgere {cohort}")
    return ExemptedPage(cohort, measure, group, actor, items, total, page, page_size)


__all__ = ["QUOTA_START", "SERIES", "STATE_DA", "CohortUse", "CoverageRow", "cohort_use_for_citizen", "ExemptedPage", "QuotaReport", "Series",
           "build_series", "exempted_citizens", "municipality_coverage", "quota_csv", "quota_for_timeliness",
           "quota_report", "state"]
