"""Worklists: what is overdue, what is due within 14 days, what to book and what needs a person's review.

Read from the kept obligations (``citizen_obligations``, see ``obligation_store``), filtered
by caseworker, team, rule and view and paged in SQL; a recorded conversation, offer or event
rewrites its citizen's rows in the same transaction, so it shows at once. An overdue duty
that later events superseded (a new period, a later conversation) is left out: it needs no
action now, and timeliness keeps it as missed. Every citizen shown is written to the audit log.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from sqlalchemy import case, func, select

from indsats.domain import clock
from indsats.domain.enums import Role
from indsats.domain.formatting import spreadsheet_csv
from indsats.domain.labels import BENEFIT_DA
from indsats.domain.models import User
from indsats.law.periods import TARGET_GROUP_DA
from indsats.services.accounts import audit
from indsats.services.casework.obligation_store import T
from indsats.services.casework.worklist_queries import (
    Conditions,
    conditions,
    counts,
    page_query,
    params,
)
from indsats.services.shared.errors import Forbidden, InvalidInput, NotFound
from indsats.services.shared.paging import PageNumbers
from indsats.store.db import Database
from indsats.store.tables import CaseworkerRow, TeamRow

STAFF = (Role.CASEWORKER, Role.TEAM_LEADER, Role.MANAGER)

RULE_DA = {
    "contact.first_conversation": "Første samtale (inden 1 uge)",
    "contact.first_six_months": "Samtaler de første 6 måneder",
    "contact.joint_1": "1. fællessamtale med a-kassen",
    "contact.joint_2": "2. fællessamtale med a-kassen",
    "contact.joint_16_months": "Fællessamtale ved 16 måneder",
    "contact.requested": "Samtale efter ønske",
    "contact.fund_first_conversation": "A-kassens første samtale",
    "contact.fund_first_three_months": "A-kassens samtaler de første 3 måneder",
    "offer.right_and_duty": "Ret og pligt-tilbud",
    "offer.education_benefit": "Tilbud (uddannelseshjælp)",
    "offer.work_obligation": "Arbejdspligt: løbende tilbud",
    "sickness.first_followup": "Første sygeopfølgning (uge 8)",
    "sickness.early_followup": "Tidlig sygeopfølgning",
    "sickness.followups_first_half_year": "Sygeopfølgning første halve år",
    "sickness.followup_every_4_weeks": "Sygeopfølgning hver 4. uge",
    "sickness.category_1_past_8_weeks": "Kategori 1 over 8 uger: revisitation",
    "sickness.reassessment": "Revurdering (22 uger)",
    "integration.first_offer": "Første tilbud i integrationsprogrammet",
    "local.contact_rhythm": "Lokal kontaktrytme",
    "regime.transition": "Overgang mellem regelsæt",
    "regime.not_covered": "Regelsæt ikke dækket",
}
STATUS_DA = {
    "due": "Skal nås", "overdue": "Overskredet", "met": "Overholdt", "met_late": "Overholdt for sent",
    "not_applicable": "Ikke aktuel", "waived": "Frafaldet", "suspended": "Stillet i bero", "closed": "Lukket",
    "manual_review": "Til vurdering", "exempt_by_quota": "Undtaget (højst 25 pct.)",
}
ACTION_DA = {
    "conversation": "Book jobsamtale", "joint": "Book fællessamtale med a-kassen", "offer": "Giv tilbud",
    "followup": "Book opfølgningssamtale", "review": "Vurdér sagen", "fund": "A-kassens samtale",
}


VIEWS = {"open": "Overskredne og inden 14 dage", "overdue": "Overskredne frister",
         "due_soon": "Frister inden for 14 dage", "to_book": "Skal bookes", "manual_review": "Til vurdering"}
PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
CSV_MAX_ROWS = 100_000


@dataclass(slots=True)
class WorkItem:
    citizen_id: int
    citizen_name: str
    caseworker: str
    rule: str
    rule_label: str
    status: str
    status_label: str
    deadline: date | None
    days_left: int | None
    action: str
    action_label: str
    benefit: str
    target_group: str
    source: str
    local: bool
    held: int | None = None
    required: int | None = None
    note: str = ""
    deadline_on_non_workday: bool = False
    computed_at: datetime | None = None
    rule_set: str = ""  # the regime the law engine applied to the obligation ("Reform 2026-07")


@dataclass(slots=True)
class Booking:
    citizen_id: int
    citizen_name: str
    caseworker: str
    action: str
    action_label: str
    by: date | None
    overdue: bool
    reason: str


@dataclass(slots=True)
class Worklist(PageNumbers):
    """One page of one view of a worklist, with the count of every view for the tabs."""

    title: str
    as_of: date
    citizens: int
    view: str
    items: list = field(default_factory=list)  # WorkItem, or Booking for the view ``to_book``
    total: int = 0
    page: int = 1
    page_size: int = PAGE_SIZE
    counts: dict[str, int] = field(default_factory=dict)
    kept_at: datetime | None = None

    def to_dict(self) -> dict:
        items = []
        for row in self.items:
            d = asdict(row)
            for key in ("deadline", "by"):
                if key in d and d[key] is not None:
                    d[key] = d[key].isoformat()
            items.append(d)
        return {"title": self.title, "as_of": self.as_of.isoformat(), "citizens": self.citizens, "view": self.view,
                "counts": self.counts, "items": items, "total": self.total, "page": self.page,
                "page_size": self.page_size,
                "computed_at": self.kept_at.isoformat() if self.kept_at else None}


def _scope(session, user: User, caseworker_id: int | None, team_id: int | None) -> tuple[str, list[int] | None]:
    """Which caseworkers' citizens the user may see here, and the worklist's title."""
    if user.role not in STAFF:
        raise Forbidden("Din rolle giver ikke adgang til arbejdslister.")
    if caseworker_id is None and team_id is None:
        if user.role == Role.CASEWORKER:
            caseworker_id = user.caseworker_id
            if caseworker_id is None:
                raise NotFound("Din bruger er ikke knyttet til en sagsbehandler.")
        elif user.role == Role.TEAM_LEADER and user.caseworker_id is not None:
            own = session.get(CaseworkerRow, user.caseworker_id)
            team_id = own.team_id if own else None
    if caseworker_id is not None:
        worker = session.get(CaseworkerRow, caseworker_id)
        if worker is None or worker.municipality_code != user.municipality_code:
            raise NotFound("Sagsbehandleren findes ikke.")
        if user.role == Role.CASEWORKER and caseworker_id != user.caseworker_id:
            mine = session.get(CaseworkerRow, user.caseworker_id) if user.caseworker_id else None
            if mine is None or mine.team_id != worker.team_id:
                raise Forbidden("Du kan kun se din egen og dit teams arbejdslister.")
        return f"Arbejdsliste for {worker.name} ({worker.initials})", [caseworker_id]
    if team_id is not None:
        team = session.get(TeamRow, team_id)
        if team is None or team.municipality_code != user.municipality_code:
            raise NotFound("Teamet findes ikke.")
        if user.role == Role.CASEWORKER:  # the same rule as for another caseworker's list
            mine = session.get(CaseworkerRow, user.caseworker_id) if user.caseworker_id else None
            if mine is None or mine.team_id != team_id:
                raise Forbidden("Du kan kun se din egen og dit teams arbejdslister.")
        ids = list(session.scalars(select(CaseworkerRow.id).where(CaseworkerRow.team_id == team_id)))
        return f"Arbejdsliste for team {team.name}", ids
    if user.role == Role.CASEWORKER:
        raise Forbidden("Vælg din egen arbejdsliste.")
    return "Arbejdsliste for hele jobcenteret", None


def caseworker_scope(session, user: User, caseworker_id: int | None = None,
                     team_id: int | None = None) -> tuple[str, list[int] | None]:
    """The worklist's title and the caseworkers it covers (None: the municipality), with its access rule
    — for lists beside the worklist, such as the evidence context's Dagpengeophør."""
    return _scope(session, user, caseworker_id, team_id)




def _item(row, names: dict[int, str], as_of: date) -> WorkItem:
    return WorkItem(
        citizen_id=row.citizen_id, citizen_name=row.citizen_name, caseworker=names.get(row.caseworker_id, ""),
        rule=row.rule, rule_label=RULE_DA.get(row.rule, row.rule), status=row.status_now,
        status_label=STATUS_DA[row.status_now], deadline=row.deadline,
        days_left=(row.deadline - as_of).days if row.deadline else None,
        action=row.action, action_label=ACTION_DA.get(row.action, row.action),
        benefit=BENEFIT_DA.get(row.benefit, row.benefit or ""),
        target_group=TARGET_GROUP_DA.get(row.target_group or "", row.target_group or ""),
        source=row.source, local=row.local, held=row.held, required=row.required, note=row.note,
        deadline_on_non_workday=row.deadline_on_non_workday, rule_set=row.regime, computed_at=row.computed_at)


def _obligation_page(session, view: str, bound: dict, names, offset: int, limit: int):
    query = page_query(view, "caseworker_ids" in bound, "rule" in bound)
    rows = session.execute(query, {**bound, "upto": offset + limit, "offset": offset, "limit": limit})
    return [_item(row, names, bound["as_of"]) for row in rows]


def _booking_page(session, c: Conditions, bound: dict, names, offset: int, limit: int) -> list[Booking]:
    """The next booking per citizen and kind: the earliest open deadline decides 'by when'."""
    as_of = bound["as_of"]
    by = func.min(T.deadline)
    query = (select(T.citizen_id, T.citizen_name, T.caseworker_id, T.action, by.label("by"))
             .where(*c.scope, c.to_book).group_by(T.citizen_id, T.citizen_name, T.caseworker_id, T.action)
             .order_by(case((by < as_of, 0), else_=1), by.asc().nulls_last(), T.citizen_name, T.citizen_id, T.action)
             .offset(offset).limit(limit))
    groups = list(session.execute(query, bound))
    reasons: dict[tuple[int, str], tuple] = {}
    if groups:
        for row in session.execute(select(T.citizen_id, T.action, T.deadline, T.rule)
                                   .where(*c.scope, c.to_book, T.citizen_id.in_({g.citizen_id for g in groups})),
                                   bound):
            key = (row.citizen_id, row.action)
            if key not in reasons or (row.deadline or date.max) < (reasons[key][0] or date.max):
                reasons[key] = (row.deadline, row.rule)
    return [Booking(g.citizen_id, g.citizen_name, names.get(g.caseworker_id, ""), g.action,
                    ACTION_DA.get(g.action, g.action), g.by, g.by is not None and g.by < as_of,
                    RULE_DA.get(reasons.get((g.citizen_id, g.action), (None, ""))[1], ""))
            for g in groups]


_COUNTS: dict[tuple, tuple[float, tuple[dict[str, int], int]]] = {}
COUNTS_SECONDS = 60


def _kept_counts(session, c: Conditions, bound: dict, key: tuple) -> tuple[dict[str, int], int]:
    """The tab counts, kept for ``COUNTS_SECONDS`` per scope unless a write in this process changed the table."""
    import time

    from indsats.services.casework.obligation_store import VERSION

    key = (*key, VERSION[0])
    hit = _COUNTS.get(key)
    if hit and time.monotonic() - hit[0] < COUNTS_SECONDS:
        return hit[1]
    if len(_COUNTS) > 1000:
        _COUNTS.clear()
    value = counts(session, c, bound)
    _COUNTS[key] = (time.monotonic(), value)
    return value


def build_worklist(db: Database, user: User, as_of: date | None = None, *, caseworker_id: int | None = None,
                   team_id: int | None = None, rule: str | None = None, view: str = "open", page: int = 1,
                   page_size: int = PAGE_SIZE, everything: bool = False) -> Worklist:
    """One page of a worklist view (``everything``: all rows of the view, for the CSV export)."""
    if view not in VIEWS:
        raise InvalidInput(f"Ukendt visning «{view}»; vælg en af {', '.join(VIEWS)}.")
    as_of = as_of or clock.today()
    page = max(1, page)
    page_size = CSV_MAX_ROWS if everything else max(1, min(page_size, MAX_PAGE_SIZE))
    with db.unit_of_work() as session:
        title, caseworker_ids = _scope(session, user, caseworker_id, team_id)
        names = {row.id: row.initials for row in session.execute(
            select(CaseworkerRow.id, CaseworkerRow.initials)
            .where(CaseworkerRow.municipality_code == user.municipality_code))}
        c = conditions(caseworker_ids is not None, bool(rule))
        bound = params(user, caseworker_ids, as_of, rule)
        tabs, citizens = _kept_counts(session, c, bound, (db.url, user.municipality_code,
                                                             tuple(caseworker_ids or ()), rule, as_of))
        offset = (page - 1) * page_size
        if view == "to_book":
            items: list = _booking_page(session, c, bound, names, offset, page_size)
        else:
            items = _obligation_page(session, view, bound, names, offset, page_size)
        kept_at = max((i.computed_at for i in items if isinstance(i, WorkItem) and i.computed_at), default=None)
        worklist = Worklist(title, as_of, citizens, view, items, tabs[view], page, page_size, tabs, kept_at)
        audit.record_reads(session, user, sorted({i.citizen_id for i in items}), "arbejdsliste")
        return worklist


CSV_COLUMNS = [
    ("liste", None), ("borger_id", "citizen_id"), ("navn", "citizen_name"), ("sagsbehandler", "caseworker"),
    ("regel", "rule"), ("beskrivelse", "rule_label"), ("status", "status_label"), ("frist", "deadline"),
    ("dage_tilbage", "days_left"), ("handling", "action_label"), ("ydelse", "benefit"),
    ("målgruppe", "target_group"), ("kilde", "source"), ("lokal", "local"), ("regelsæt", "rule_set"),
]


def worklist_csv(worklist: Worklist) -> str:
    """Semicolon-separated (Danish Excel) with a header row; one line per obligation or booking of the view."""
    label = VIEWS[worklist.view].lower()
    rows = []
    for item in worklist.items:
        if isinstance(item, Booking):
            rows.append(["skal bookes", item.citizen_id, item.citizen_name, item.caseworker, "", item.reason,
                         "overskredet" if item.overdue else "skal nås", item.by, "", item.action_label,
                         "", "", "", "", ""])
        else:
            rows.append([label] + [getattr(item, attr) for _, attr in CSV_COLUMNS[1:]])
    return spreadsheet_csv([name for name, _ in CSV_COLUMNS], rows)


def non_workdays(result) -> set[date]:
    """The deadlines of a citizen's obligations that fall on a weekend or public holiday (they do not move)."""
    from indsats.law.calendar import on_non_workday

    return {o.deadline for o in result.obligations if on_non_workday(o.deadline)}


@dataclass(slots=True)
class Scopes:
    teams: list[tuple[int, str]]
    caseworkers: list[tuple[int, str, int | None]]  # id, "Name (INI)", team id


def worklist_scopes(db: Database, user: User) -> Scopes:
    """Teams and caseworkers of the user's municipality, for choosing a worklist."""
    if user.role not in STAFF:
        raise Forbidden("Din rolle giver ikke adgang til arbejdslister.")
    with db.unit_of_work() as session:
        teams = [(r.id, r.name) for r in session.execute(
            select(TeamRow.id, TeamRow.name).where(TeamRow.municipality_code == user.municipality_code)
            .order_by(TeamRow.name))]
        workers = [(r.id, f"{r.name} ({r.initials})", r.team_id) for r in session.execute(
            select(CaseworkerRow.id, CaseworkerRow.name, CaseworkerRow.initials, CaseworkerRow.team_id)
            .where(CaseworkerRow.municipality_code == user.municipality_code).order_by(CaseworkerRow.name))]
    return Scopes(teams, workers)
