"""Caseload, citizen search and the citizen's case file — every read is authorised and audited."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from indsats.domain import cpr as cpr_rules
from indsats.domain.enums import Role
from indsats.domain.labels import (
    BENEFIT_DA,
    CONVERSATION_KIND_DA,
    CONVERSATION_STATUS_DA,
    OFFER_DA,
    READINESS_DA,
    label,
)
from indsats.domain.models import User
from indsats.law.changes import rule_set_named
from indsats.services.accounts import audit
from indsats.services.accounts.access import ensure_role, may_read_citizen
from indsats.services.casework import appointments, availability, journal
from indsats.services.shared.errors import InvalidInput
from indsats.services.shared.paging import Page, PageRequest, count
from indsats.store.db import Database
from indsats.store.obligation_tables import CitizenObligationRow
from indsats.store.plan_tables import OfferPaletteReasonRow
from indsats.store.tables import (
    BenefitSpellRow,
    CaseEventRow,
    CaseworkerRow,
    CitizenPlanRow,
    CitizenRow,
    ConversationRow,
    OfferRow,
    TeamRow,
)


@dataclass(frozen=True)
class CitizenSummary:
    id: int
    cpr: str
    name: str
    birth_date: date
    benefit: str | None
    readiness: str | None
    spell_start: date | None
    caseworker: str | None
    synthetic: bool
    rule_set: str | None = None  # the regime of the citizen's latest period (as the law engine chose it)
    rule_set_label: str = ""


@dataclass(frozen=True)
class TimelineEntry:
    date: date
    kind: str  # benefit_start, benefit_end, conversation, offer_start, offer_end, event
    text: str
    detail: dict = field(default_factory=dict)


@dataclass
class CaseFile:
    citizen: CitizenRow
    caseworker: CaseworkerRow | None
    team: TeamRow | None
    spells: list[BenefitSpellRow]
    conversations: list[ConversationRow]
    offers: list[OfferRow]
    events: list[CaseEventRow]
    plan: CitizenPlanRow | None
    timeline: list[TimelineEntry]
    appointments: list = field(default_factory=list)  # appointments.AppointmentView
    availability: list = field(default_factory=list)  # availability.AvailabilityView
    journal: list = field(default_factory=list)  # journal.JournalEntry
    palette_reasons: dict[int, str] = field(default_factory=dict)  # offer id → reason for an offer outside the palette

    @property
    def current_spell(self) -> BenefitSpellRow | None:
        ongoing = [s for s in self.spells if s.end is None]
        return ongoing[-1] if ongoing else None


def _current_spells(session: Session, citizen_ids: list[int]) -> dict[int, BenefitSpellRow]:
    if not citizen_ids:
        return {}
    rows = session.scalars(
        select(BenefitSpellRow)
        .where(BenefitSpellRow.citizen_id.in_(citizen_ids), BenefitSpellRow.end.is_(None))
        .order_by(BenefitSpellRow.start)
    ).all()
    return {row.citizen_id: row for row in rows}


def _rule_set_label(name: str | None) -> str:
    found = rule_set_named(name) if name else None
    return found.label if found else ""


def _rule_sets(session: Session, citizen_ids: list[int]) -> dict[int, str]:
    """The rule set of each citizen's latest period, from the kept obligations (no row: unknown)."""
    if not citizen_ids:
        return {}
    latest: dict[int, tuple] = {}
    o = CitizenObligationRow  # one row per citizen and regime (its latest period), not every obligation
    for row in session.execute(
        select(o.citizen_id, o.regime, func.max(o.period_start).label("period_start"))
        .where(o.citizen_id.in_(citizen_ids), o.regime != "", o.local.is_(False)).group_by(o.citizen_id, o.regime)
    ):
        key = row.period_start or date.min
        if row.citizen_id not in latest or key > latest[row.citizen_id][0]:
            latest[row.citizen_id] = (key, row.regime)
    return {cid: regime for cid, (_start, regime) in latest.items()}


def _summaries(session: Session, rows: list[CitizenRow]) -> list[CitizenSummary]:
    spells = _current_spells(session, [r.id for r in rows])
    rule_sets = _rule_sets(session, [r.id for r in rows])
    worker_ids = {r.caseworker_id for r in rows if r.caseworker_id}
    workers = {w.id: w for w in session.scalars(select(CaseworkerRow).where(CaseworkerRow.id.in_(worker_ids)))}
    out = []
    for r in rows:
        spell = spells.get(r.id)
        worker = workers.get(r.caseworker_id) if r.caseworker_id else None
        out.append(CitizenSummary(
            id=r.id, cpr=cpr_rules.formatted(r.cpr), name=f"{r.first_name} {r.last_name}", birth_date=r.birth_date,
            benefit=spell.benefit if spell else None, readiness=spell.readiness if spell else None,
            spell_start=spell.start if spell else None, caseworker=worker.name if worker else None,
            synthetic=r.synthetic, rule_set=rule_sets.get(r.id),
            rule_set_label=_rule_set_label(rule_sets.get(r.id)),
        ))
    return out


def scope_filter(session: Session, user: User, query):
    """Restrict a query joined with ``CitizenRow`` to the user's caseload: a caseworker's own citizens,
    a team leader's team's."""
    query = query.where(CitizenRow.municipality_code == user.municipality_code)
    if user.role == Role.CASEWORKER:
        return query.where(CitizenRow.caseworker_id == user.caseworker_id)
    team_id = session.scalar(select(CaseworkerRow.team_id).where(CaseworkerRow.id == user.caseworker_id))
    members = select(CaseworkerRow.id).where(CaseworkerRow.team_id == team_id)
    return query.where(CitizenRow.caseworker_id.in_(members))


def caseload(db: Database, user: User, limit: int = 500) -> list[CitizenSummary]:
    """Sagsstamme: the active citizens of a caseworker (a team leader: of the team)."""
    ensure_role(user, Role.CASEWORKER, Role.TEAM_LEADER)
    with db.unit_of_work() as session:
        query = select(CitizenRow).where(CitizenRow.municipality_code == user.municipality_code)
        if user.role == Role.CASEWORKER:
            query = query.where(CitizenRow.caseworker_id == user.caseworker_id)
        else:
            team_id = session.scalar(select(CaseworkerRow.team_id).where(CaseworkerRow.id == user.caseworker_id))
            members = select(CaseworkerRow.id).where(CaseworkerRow.team_id == team_id)
            query = query.where(CitizenRow.caseworker_id.in_(members))
        active = select(BenefitSpellRow.citizen_id).where(BenefitSpellRow.end.is_(None))
        rows = session.scalars(
            query.where(CitizenRow.id.in_(active)).order_by(CitizenRow.last_name, CitizenRow.first_name).limit(limit)
        ).all()
        result = _summaries(session, list(rows))
        audit.record_reads(session, user, [r.id for r in rows], "sagsstamme")
        return result


_DIGITS = re.compile(r"[\d-]+")


def looks_like_cpr_search(text: str) -> bool:
    """A search by (part of) a CPR number: such a text must not travel in a URL."""
    return bool(_DIGITS.fullmatch((text or "").strip())) and any(c.isdigit() for c in text)


SEARCH_SORTS = {"navn": "navn", "foedselsdato": "fødselsdato"}


def search(db: Database, user: User, text: str, request: PageRequest | None = None,
           sort: str = "navn") -> Page[CitizenSummary]:
    """Search the user's municipality by CPR number (whole or first six digits) or by name, paged in SQL."""
    ensure_role(user, Role.CASEWORKER, Role.TEAM_LEADER, Role.MANAGER)
    request = request or PageRequest()
    text = (text or "").strip()
    if len(text) < 2:
        raise InvalidInput("Skriv mindst to tegn: et navn eller et CPR-nummer.")
    if sort not in SEARCH_SORTS:
        raise InvalidInput(f"Sortér efter en af: {', '.join(SEARCH_SORTS)}.")
    with db.unit_of_work() as session:
        query = select(CitizenRow).where(CitizenRow.municipality_code == user.municipality_code)
        if _DIGITS.fullmatch(text):
            digits = text.replace("-", "")
            if len(digits) == 10:
                try:
                    digits = cpr_rules.normalise(digits)
                except cpr_rules.InvalidCpr as exc:
                    raise InvalidInput(str(exc)) from exc
                query = query.where(CitizenRow.cpr == digits)
            else:
                query = query.where(CitizenRow.cpr.startswith(digits))
        else:
            for word in text.split():
                pattern = f"%{word}%"
                query = query.where(or_(CitizenRow.first_name.ilike(pattern), CitizenRow.last_name.ilike(pattern)))
        rows, total = _matches_page(session, query, sort, request)
        result = _summaries(session, rows)
        # A CPR number is never written to the audit log: the record says a CPR search was made.
        action = "CPR-søgning" if _DIGITS.fullmatch(text) else f"søgning: {text}"
        audit.record_reads(session, user, [r.id for r in rows], action)
        return Page(result, total, request.page, request.page_size, request.capped)


def _matches_page(session: Session, query, sort: str, request: PageRequest) -> tuple[list[CitizenRow], int]:
    """One page of the matches and how many there are, in one statement: the matches are found once
    (on PostgreSQL by the trigram indexes of the names, ``store.name_search``; materialised, so the
    planner cannot walk the name index row by row instead), counted by a window, sorted, cut."""
    matches = query.cte("matches").prefix_with("MATERIALIZED", dialect="postgresql")
    found = aliased(CitizenRow, matches)
    name = (found.last_name, found.first_name, found.id)
    order = name if sort == "navn" else (found.birth_date, *name)
    page = session.execute(select(found, func.count().over().label("total")).order_by(*order)
                           .offset(request.offset).limit(request.page_size)).all()
    if page:
        return [row[0] for row in page], int(page[0].total)
    return [], count(session, query) if request.offset else 0  # a page past the last: the count alone


def _timeline(spells, conversations, offers, events) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    for s in spells:
        entries.append(TimelineEntry(s.start, "benefit_start", f"Start på {label(BENEFIT_DA, s.benefit).lower()}"))
        if s.end:
            entries.append(TimelineEntry(s.end, "benefit_end", f"Ophør af {label(BENEFIT_DA, s.benefit).lower()}"))
    for c in conversations:
        entries.append(TimelineEntry(
            c.date, "conversation",
            f"{label(CONVERSATION_KIND_DA, c.kind)} ({label(CONVERSATION_STATUS_DA, c.status).lower()})"))
    for o in offers:
        entries.append(TimelineEntry(o.start, "offer_start", f"Tilbud: {label(OFFER_DA, o.offer_type)} starter"))
        if o.end:
            entries.append(TimelineEntry(o.end, "offer_end", f"Tilbud: {label(OFFER_DA, o.offer_type)} slutter"))
    for e in events:
        entries.append(TimelineEntry(e.date, "event", event_text(e.type, dict(e.data or {})), dict(e.data or {})))
    entries.sort(key=lambda e: e.date, reverse=True)
    return entries


EVENT_DA = {
    "first_contact": "Første henvendelse",
    "joint_conversation_requested": "Fællessamtale ønsket",
    "joint_participation_declined": "A-kassens deltagelse frabedt",
    "conversation_requested": "Borgeren har bedt om en samtale",
    "offer_given": "Tilbud givet",
    "employment_start": "Ansættelse starter",
    "employment_end": "Ansættelse ophører",
    "exemption_start": "Fritagelse starter",
    "exemption_end": "Fritagelse ophører",
    "sick_leave_start": "Første fraværsdag (sygemelding)",
    "category_change": "Ny opfølgningskategori",
    "followup": "Opfølgningssamtale (sygedagpenge)",
    "early_followup_requested": "Tidlig opfølgning ønsket",
    "readiness_change": "Ny visitation",
    "quota_exemption": "Undtaget inden for 25 %-kvoten",
    "work_obligation_start": "Arbejdspligt starter",
    "work_obligation_end": "Arbejdspligt ophører",
}


def event_text(kind: str, data: dict) -> str:
    """A timeline event in Danish, with what the caseworker or the citizen wrote."""
    from indsats.services.casework.registration_forms import EXEMPTION_REASON_DA

    text = EVENT_DA.get(kind, kind.replace("_", " "))
    details = []
    if data.get("readiness"):
        details.append(label(READINESS_DA, data["readiness"]).lower())
    if data.get("category"):
        details.append(f"kategori {data['category']}")
    if kind.startswith("exemption") and data.get("reason"):
        details.append(EXEMPTION_REASON_DA.get(data["reason"], data["reason"]).lower())
    if data.get("work") == "education":
        details.append("uddannelse")
    if details:
        text += f" ({', '.join(details)})"
    words = data.get("wish") or data.get("reasoning") or data.get("note") or (
        data.get("reason") if kind == "quota_exemption" else None)
    if words:
        text += f": «{words}»"
    return text


def case_file(db: Database, user: User, citizen_id: int, action: str) -> CaseFile:
    """The whole case of one citizen; raises NotFound or Forbidden; audits the read."""
    with audit.personal_data(db, user, action) as access:
        return read_case(access, user, citizen_id)


def read_case(access: audit.PersonalDataAccess, user: User, citizen_id: int) -> CaseFile:
    """``case_file`` inside the caller's ``personal_data`` block (the read is recorded with it)."""
    session = access.session
    citizen = access.citizen(citizen_id, may_read_citizen, forbidden="Du har ikke adgang til denne borgers sag.")
    spells = list(session.scalars(select(BenefitSpellRow).where(BenefitSpellRow.citizen_id == citizen_id)
                                  .order_by(BenefitSpellRow.start)))
    authored = list(session.execute(journal.conversations_with_authors(citizen_id)))
    conversations = [row for row, _author in authored]
    offers, reasons = [], {}
    for offer, reason in session.execute(
            select(OfferRow, OfferPaletteReasonRow.reason)
            .outerjoin(OfferPaletteReasonRow, OfferPaletteReasonRow.offer_id == OfferRow.id)
            .where(OfferRow.citizen_id == citizen_id).order_by(OfferRow.start.desc())):
        offers.append(offer)
        if reason is not None:
            reasons[offer.id] = reason
    events = list(session.scalars(select(CaseEventRow).where(CaseEventRow.citizen_id == citizen_id)
                                  .order_by(CaseEventRow.date.desc())))
    plan = session.scalar(select(CitizenPlanRow).where(CitizenPlanRow.citizen_id == citizen_id))
    worker, team = None, None
    if citizen.caseworker_id:
        worker, team = session.execute(select(CaseworkerRow, TeamRow).outerjoin(TeamRow, TeamRow.id == CaseworkerRow.team_id)
                                       .where(CaseworkerRow.id == citizen.caseworker_id)).first() or (None, None)
    staff = user.role in (Role.CASEWORKER, Role.TEAM_LEADER)
    return CaseFile(citizen=citizen, caseworker=worker, team=team, spells=spells, conversations=conversations,
                    offers=offers, events=events, plan=plan,
                    timeline=_timeline(spells, conversations, offers, events),
                    appointments=appointments.citizen_appointments(session, citizen_id),
                    availability=availability.citizen_cases(session, citizen_id) if staff else [],
                    journal=journal.entries(session, citizen_id, conversations=authored, events=events) if staff else [],
                    palette_reasons=reasons)
