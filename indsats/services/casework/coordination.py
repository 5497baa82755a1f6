"""The coordinated plan (samlet plan, "Fælles Borger"): who may read it, what it shows, the consents.

The reform's *samlet beskrivelse af borgerens forudsætninger* (lov nr. 1750 af 29.12.2025) and the
seeds' "Fælles Borger – fælles praksis": one plan per citizen to which the caseworker adds
participants from other departments (social, health, youth). A participant logs in with the role
``participant`` and reaches only the coordinated plans they have been added to, and only while the
citizen has consented to share the plan with their department (``sharing_consents``); never the
case page. Staff of the municipality read every plan; the citizen reads their own on *Min sag*.
Every read is audited through ``audit.personal_data``; a refusal is logged as refused.

Writes (participants, contributions, advice, decisions) are in ``coordination_writes``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from indsats.domain import clock
from indsats.domain.enums import Department, Role
from indsats.domain.labels import DEPARTMENT_DA, ROLE_DA
from indsats.domain.models import User
from indsats.law.decisions import HEALTH_ADVICE, REHABILITATION_TEAM, decision_basis
from indsats.services.accounts.access import STAFF_WITH_CASE_ACCESS, may_read_citizen
from indsats.services.accounts.audit import personal_data, record
from indsats.services.company.consent import ConsentRecord, change_consent, consent_record
from indsats.services.shared.errors import Forbidden, NotFound
from indsats.services.shared.paging import Page, PageRequest
from indsats.store.coordination_tables import (
    CoordinationDecisionRow,
    CoordinationEntryRow,
    CoordinationParticipantRow,
    SharingConsentRow,
)
from indsats.store.db import Database
from indsats.store.tables import CitizenPlanRow, CitizenRow, UserRow

#: The departments a citizen can consent to share the plan with (the jobcenter has it anyway).
SCOPES = (Department.SOCIAL, Department.HEALTH, Department.YOUTH)
ENTRY_KIND_DA = {"goal": "Mål", "action": "Indsats", HEALTH_ADVICE: "Sundhedsfaglig rådgivning",
                 REHABILITATION_TEAM: "Rehabiliteringsteamets indstilling (før 1.2.2026)"}
DECISION_KIND_DA = {"flexjob": "Fleksjob", "disability_pension": "Førtidspension"}
OUTCOME_DA = {"granted": "Bevilget", "refused": "Afslået"}
MANAGERS_OF_PLAN = (Role.CASEWORKER, Role.TEAM_LEADER)


@dataclass(frozen=True)
class ParticipantView:
    id: int
    username: str
    name: str
    department: str
    department_da: str
    added_by: str
    added_at: datetime


@dataclass(frozen=True)
class EntryView:
    id: int
    kind: str
    kind_da: str
    day: date
    text: str
    department_da: str
    author: str  # "Name (Rolle)"
    created_at: datetime


@dataclass(frozen=True)
class DecisionView:
    kind_da: str
    day: date
    outcome_da: str
    reasoning: str
    basis: str  # the advice or recommendation it rests on
    decided_by: str


@dataclass(frozen=True)
class ScopeConsent:
    scope: str
    scope_da: str
    consent: ConsentRecord | None  # the candidate profile's consent record (services.company.consent)


@dataclass(frozen=True)
class PlanView:
    citizen_id: int
    citizen_name: str
    jobcenter_goal: str
    jobcenter_activities: list[str]
    participants: list[ParticipantView]
    entries: list[EntryView]
    decisions: list[DecisionView]
    consents: list[ScopeConsent]
    may_manage: bool  # the caseworker: participants, decisions, consents recorded in person
    viewer_department: str
    rule_today: str  # the dated rule for decisions on flex job and disability pension, in Danish


def participation(session: Session, user: User, citizen_id: int) -> CoordinationParticipantRow | None:
    """The user's active membership of the citizen's coordinated plan."""
    if user.id is None:
        return None
    return session.scalar(select(CoordinationParticipantRow).where(
        CoordinationParticipantRow.citizen_id == citizen_id, CoordinationParticipantRow.user_id == user.id,
        CoordinationParticipantRow.removed_at.is_(None)))


def consent_given(session: Session, citizen_id: int, scope: str) -> bool:
    return bool(session.scalar(select(SharingConsentRow.consent).where(
        SharingConsentRow.citizen_id == citizen_id, SharingConsentRow.scope == scope)))


def refusal(session: Session, user: User, citizen: CitizenRow | None) -> str | None:
    """Why the user may not read this citizen's coordinated plan (a Danish message), or None."""
    if citizen is None:
        return "Borgeren findes ikke."
    if user.role == Role.PARTICIPANT:
        member = participation(session, user, citizen.id)
        if member is None or citizen.municipality_code != user.municipality_code:
            return "Du er ikke deltager i denne borgers samlede plan."
        if not consent_given(session, citizen.id, member.department):
            return (f"Borgeren har ikke givet samtykke til at dele den samlede plan med "
                    f"{DEPARTMENT_DA[Department(member.department)].lower()}.")
        return None
    if user.role in STAFF_WITH_CASE_ACCESS or user.role == Role.CITIZEN:
        return None if may_read_citizen(user, citizen) else "Du har ikke adgang til denne borgers sag."
    return "Din rolle giver ikke adgang til samlede planer."


def open_citizen(access, user: User, citizen_id: int) -> CitizenRow:
    """The citizen through the audited unit of work, refused (403, logged) with the reason."""
    session = access.session
    reason = refusal(session, user, session.get(CitizenRow, citizen_id))
    return access.citizen(citizen_id, rule=lambda _u, _c: reason is None, forbidden=reason or "")


def rule_text(day: date) -> str:
    basis = decision_basis(day)
    if basis is None:
        return "Reglerne før 2013 er ikke dækket; afgørelsen vurderes manuelt."
    source = basis.source.split(":")[0].split(";")[0]
    if basis.required == HEALTH_ADVICE:
        return ("Før afgørelse om fleksjob eller førtidspension skal sundhedskoordinatorens sundhedsfaglige "
                f"rådgivning foreligge (fra {basis.valid_from:%d.%m.%Y}; {source}). Rehabiliteringsteamet er ophævet.")
    return f"Før afgørelse om fleksjob eller førtidspension skal rehabiliteringsteamets indstilling foreligge ({source})."


def _author(row: CoordinationEntryRow) -> str:
    try:
        role = ROLE_DA[Role(row.author_role)]
    except ValueError:
        role = row.author_role
    return f"{row.author_name} ({role})"


def _view(session: Session, user: User, citizen: CitizenRow) -> PlanView:
    plan = session.scalar(select(CitizenPlanRow).where(CitizenPlanRow.citizen_id == citizen.id))
    members = session.execute(
        select(CoordinationParticipantRow, UserRow.username, UserRow.display_name)
        .join(UserRow, UserRow.id == CoordinationParticipantRow.user_id)
        .where(CoordinationParticipantRow.citizen_id == citizen.id, CoordinationParticipantRow.removed_at.is_(None))
        .order_by(CoordinationParticipantRow.added_at)).all()
    entries = session.scalars(select(CoordinationEntryRow).where(CoordinationEntryRow.citizen_id == citizen.id)
                              .order_by(CoordinationEntryRow.day.desc(), CoordinationEntryRow.id.desc())).all()
    by_id = {e.id: e for e in entries}
    decisions = session.scalars(select(CoordinationDecisionRow).where(CoordinationDecisionRow.citizen_id == citizen.id)
                                .order_by(CoordinationDecisionRow.day.desc())).all()
    consents = {c.scope: c for c in session.scalars(select(SharingConsentRow)
                                                    .where(SharingConsentRow.citizen_id == citizen.id))}
    member = participation(session, user, citizen.id) if user.role == Role.PARTICIPANT else None
    return PlanView(
        citizen.id, f"{citizen.first_name} {citizen.last_name}", plan.goal if plan else "",
        list(plan.activities) if plan else [],
        [ParticipantView(m.id, username, name or username, m.department, DEPARTMENT_DA[Department(m.department)],
                         m.added_by, m.added_at) for m, username, name in members],
        [EntryView(e.id, e.kind, ENTRY_KIND_DA.get(e.kind, e.kind), e.day, e.text,
                   DEPARTMENT_DA.get(Department(e.department), e.department), _author(e), e.created_at)
         for e in entries],
        [DecisionView(DECISION_KIND_DA.get(d.kind, d.kind), d.day, OUTCOME_DA.get(d.outcome, d.outcome), d.reasoning,
                      _basis_text(by_id.get(d.basis_entry_id) if d.basis_entry_id else None, d.rule), d.decided_by)
         for d in decisions],
        [ScopeConsent(s.value, DEPARTMENT_DA[s], consent_record(consents.get(s))) for s in SCOPES],  # type: ignore[arg-type]
        user.role in MANAGERS_OF_PLAN,
        member.department if member else (Department.EMPLOYMENT.value if user.role != Role.CITIZEN else ""),
        rule_text(clock.today()),
    )


def _basis_text(entry: CoordinationEntryRow | None, rule: str) -> str:
    if entry is None:
        return "Manuel vurdering (reglerne før 2013 er ikke dækket)" if rule == "manual_review" else "—"
    return f"{ENTRY_KIND_DA.get(entry.kind, entry.kind)} {entry.day:%d.%m.%Y} af {_author(entry)}"


def plan_view(db: Database, user: User, citizen_id: int) -> PlanView:
    """The coordinated plan of one citizen for staff, an added participant with consent, or the citizen."""
    with personal_data(db, user, f"samlet plan: borger {citizen_id}") as access:
        citizen = open_citizen(access, user, citizen_id)
        return _view(access.session, user, citizen)


def own_plan(db: Database, user: User) -> PlanView:
    """The citizen's own coordinated plan (Min sag)."""
    if user.role != Role.CITIZEN or user.citizen_id is None:
        raise Forbidden("Kun borgeren selv kan se sin samlede plan her.")
    with personal_data(db, user, "min samlede plan") as access:
        citizen = open_citizen(access, user, user.citizen_id)
        return _view(access.session, user, citizen)


@dataclass(frozen=True)
class MyPlanItem:
    citizen_id: int
    name: str
    department_da: str
    consented: bool
    added_at: datetime


def my_plans(db: Database, user: User, request: PageRequest) -> Page[MyPlanItem]:
    """A participant's coordinated plans, paged in SQL; only those with consent open."""
    if user.role != Role.PARTICIPANT:
        raise Forbidden("Siden er for tværfaglige deltagere.")
    with db.unit_of_work() as session:
        base = (select(CoordinationParticipantRow, CitizenRow.first_name, CitizenRow.last_name, SharingConsentRow.consent)
                .join(CitizenRow, CitizenRow.id == CoordinationParticipantRow.citizen_id)
                .outerjoin(SharingConsentRow, (SharingConsentRow.citizen_id == CoordinationParticipantRow.citizen_id)
                           & (SharingConsentRow.scope == CoordinationParticipantRow.department))
                .where(CoordinationParticipantRow.user_id == user.id, CoordinationParticipantRow.removed_at.is_(None),
                       CitizenRow.municipality_code == user.municipality_code))
        total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
        rows = session.execute(base.order_by(CitizenRow.last_name, CitizenRow.first_name, CitizenRow.id)
                               .limit(request.page_size).offset(request.offset)).all()
        items = [MyPlanItem(m.citizen_id, f"{first} {last}", DEPARTMENT_DA[Department(m.department)], bool(given),
                            m.added_at) for m, first, last, given in rows]
        record(session, user, [i.citizen_id for i in items], "liste: mine samlede planer")
        return Page(items, total, request.page, request.page_size, request.capped)


def set_sharing_consent(db: Database, user: User, citizen_id: int, scope: str, given: bool, reason: str = "") -> None:
    """The citizen gives or withdraws consent to share the plan with a department (Min sag), or the caseworker
    registers it on the citizen's behalf with a reason — the candidate profile's consent model
    (``services.company.consent.change_consent``): who gave it, when, who withdrew it; a withdrawal ends access at once."""
    try:
        department = Department(scope)
    except ValueError:
        raise NotFound("Den slags samtykke findes ikke.") from None
    if department not in SCOPES:
        raise NotFound("Den slags samtykke findes ikke.")
    if user.role not in (Role.CITIZEN, *MANAGERS_OF_PLAN):
        raise Forbidden("Kun borgeren eller sagsbehandleren kan registrere samtykke.")
    with personal_data(db, user, f"samtykke til deling med {DEPARTMENT_DA[department].lower()} "
                                 f"{'givet' if given else 'trukket tilbage'}") as access:
        open_citizen(access, user, citizen_id)
        row = access.session.scalar(select(SharingConsentRow).where(SharingConsentRow.citizen_id == citizen_id,
                                                                    SharingConsentRow.scope == department.value))
        if row is None:
            row = SharingConsentRow(citizen_id=citizen_id, scope=department.value, consent=False)
            access.session.add(row)
        change_consent(row, given, user, reason)  # type: ignore[arg-type]  # the same columns as the profile's
