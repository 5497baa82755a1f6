"""Worklists: what is overdue, what is due within 14 days and what to book — per caseworker and team.

Computed from the law engine's obligations for every active citizen, on read (so a recorded
conversation, offer or event shows at once). Every citizen shown is written to the audit log.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

from sqlalchemy import select

from indsats.domain import clock
from indsats.domain.enums import Role
from indsats.domain.formatting import spreadsheet_csv
from indsats.domain.labels import BENEFIT_DA
from indsats.domain.models import User
from indsats.law.local_rhythm import ContactRhythm
from indsats.law.periods import TARGET_GROUP_DA
from indsats.services.accounts import audit
from indsats.services.casework.obligations import compute_all, load_timelines
from indsats.services.shared.errors import Forbidden, NotFound
from indsats.store.db import Database
from indsats.store.tables import CaseworkerRow, TeamRow

DUE_SOON_DAYS = 14
REVIEW_DAYS = 365  # cases for a person's review: periods started within the last year ...
ONGOING_REVIEW = frozenset({"offer.education_benefit"})  # ... and duties that run as long as the benefit
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
class Worklist:
    title: str
    as_of: date
    citizens: int
    overdue: list[WorkItem] = field(default_factory=list)
    due_soon: list[WorkItem] = field(default_factory=list)
    to_book: list[Booking] = field(default_factory=list)
    review: list[WorkItem] = field(default_factory=list)

    def to_dict(self) -> dict:
        def items(rows):
            out = []
            for row in rows:
                d = asdict(row)
                for key in ("deadline", "by"):
                    if key in d and d[key] is not None:
                        d[key] = d[key].isoformat()
                out.append(d)
            return out

        return {"title": self.title, "as_of": self.as_of.isoformat(), "citizens": self.citizens,
                "overdue": items(self.overdue), "due_within_14_days": items(self.due_soon),
                "to_book": items(self.to_book), "manual_review": items(self.review)}


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
        ids = list(session.scalars(select(CaseworkerRow.id).where(CaseworkerRow.team_id == team_id)))
        return f"Arbejdsliste for team {team.name}", ids
    if user.role == Role.CASEWORKER:
        raise Forbidden("Vælg din egen arbejdsliste.")
    return "Arbejdsliste for hele jobcenteret", None


def _booking_for(items: list[WorkItem]) -> list[Booking]:
    """The next booking per citizen and kind: the earliest open deadline decides 'by when'."""
    best: dict[tuple[int, str], WorkItem] = {}
    for item in items:
        if item.action in ("fund", "review"):
            continue
        key = (item.citizen_id, item.action)
        current = best.get(key)
        if current is None or (item.deadline or date.max) < (current.deadline or date.max):
            best[key] = item
    out = [
        Booking(i.citizen_id, i.citizen_name, i.caseworker, i.action, ACTION_DA.get(i.action, i.action),
                i.deadline, i.status == "overdue", i.rule_label)
        for i in best.values()
    ]
    out.sort(key=lambda b: (not b.overdue, b.by or date.max, b.citizen_name))
    return out


def build_worklist(db: Database, user: User, as_of: date | None = None, *, caseworker_id: int | None = None,
                   team_id: int | None = None, rhythms: list[ContactRhythm] | None = None) -> Worklist:
    as_of = as_of or clock.today()
    with db.unit_of_work() as session:
        title, caseworker_ids = _scope(session, user, caseworker_id, team_id)
        names = {row.id: row.initials for row in session.execute(select(CaseworkerRow.id, CaseworkerRow.initials))}
        timelines = load_timelines(session, as_of, municipality_code=user.municipality_code,
                                   caseworker_ids=caseworker_ids)
        results = compute_all(timelines, rhythms)
        worklist = Worklist(title, as_of, len(results))
        soon = as_of + timedelta(days=DUE_SOON_DAYS)
        review_since = as_of - timedelta(days=REVIEW_DAYS)
        open_items: list[WorkItem] = []
        for cid, (ref, result) in results.items():
            for ob in result.obligations:
                if ob.status not in ("due", "overdue", "manual_review"):
                    continue
                item = WorkItem(
                    citizen_id=cid, citizen_name=ref.name, caseworker=names.get(ref.caseworker_id, ""),
                    rule=ob.rule, rule_label=RULE_DA.get(ob.rule, ob.rule), status=ob.status,
                    status_label=STATUS_DA[ob.status], deadline=ob.deadline,
                    days_left=(ob.deadline - as_of).days if ob.deadline else None,
                    action=ob.action, action_label=ACTION_DA.get(ob.action, ob.action),
                    benefit=BENEFIT_DA.get(ob.benefit, ob.benefit or ""),
                    target_group=TARGET_GROUP_DA.get(ob.target_group or "", ob.target_group or ""),
                    source=ob.source, local=ob.local, held=ob.held, required=ob.required, note=ob.note,
                )
                if ob.status == "manual_review":
                    if ob.rule in ONGOING_REVIEW or (ob.period_start and ob.period_start >= review_since):
                        worklist.review.append(item)
                    continue
                if ob.action == "fund":
                    continue
                open_items.append(item)
                if ob.status == "overdue":
                    worklist.overdue.append(item)
                elif ob.deadline is None or ob.deadline <= soon:
                    worklist.due_soon.append(item)
        worklist.overdue.sort(key=lambda i: (i.deadline or date.max, i.citizen_name))
        worklist.due_soon.sort(key=lambda i: (i.deadline or date.max, i.citizen_name))
        worklist.to_book = _booking_for(open_items)
        shown = sorted({i.citizen_id for i in worklist.overdue + worklist.due_soon + worklist.review}
                       | {b.citizen_id for b in worklist.to_book})
        audit.record_reads(session, user, shown, "arbejdsliste")
        return worklist


CSV_COLUMNS = [
    ("liste", None), ("borger_id", "citizen_id"), ("navn", "citizen_name"), ("sagsbehandler", "caseworker"),
    ("regel", "rule"), ("beskrivelse", "rule_label"), ("status", "status_label"), ("frist", "deadline"),
    ("dage_tilbage", "days_left"), ("handling", "action_label"), ("ydelse", "benefit"),
    ("målgruppe", "target_group"), ("kilde", "source"), ("lokal", "local"),
]


def worklist_csv(worklist: Worklist) -> str:
    """Semicolon-separated (Danish Excel) with a header row; one line per obligation or booking."""
    rows = []
    sections = (("overskredet", worklist.overdue), ("inden 14 dage", worklist.due_soon),
                ("til vurdering", worklist.review))
    for label, items in sections:
        for item in items:
            rows.append([label] + [getattr(item, attr) for _, attr in CSV_COLUMNS[1:]])
    for booking in worklist.to_book:
        rows.append(["book", booking.citizen_id, booking.citizen_name, booking.caseworker, "", booking.reason,
                     "overskredet" if booking.overdue else "skal nås", booking.by, "", booking.action_label,
                     "", "", "", ""])
    return spreadsheet_csv([name for name, _ in CSV_COLUMNS], rows)


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
