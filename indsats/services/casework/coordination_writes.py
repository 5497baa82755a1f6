"""Writing the coordinated plan: participants added and removed by the caseworker, each participant's
contribution, the health coordinator's advice and the decision on flex job or disability pension.

Each is one transaction through ``audit.personal_data`` (access checked and the write logged with the
citizen). A decision on flex job or disability pension must rest on what the dated rule
``decision.flexjob_disability_pension.basis`` (``law.decisions``) requires on the decision's day: the
health coordinator's advice from 1 February 2026 (lov nr. 1750 af 29.12.2025), the rehabilitation
team's recommendation before; without it the decision is refused at the field ``basis_entry_id``.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from indsats.domain import clock
from indsats.domain.enums import Department, Role
from indsats.domain.labels import DEPARTMENT_DA
from indsats.domain.models import User
from indsats.law.decisions import HEALTH_ADVICE, REHABILITATION_TEAM, decision_basis
from indsats.services.accounts.audit import personal_data
from indsats.services.casework.case_dates import InvalidField
from indsats.services.casework.coordination import (
    DECISION_KIND_DA,
    MANAGERS_OF_PLAN,
    open_citizen,
    participation,
)
from indsats.services.shared.errors import Forbidden
from indsats.store.coordination_tables import (
    CoordinationDecisionRow,
    CoordinationEntryRow,
    CoordinationParticipantRow,
)
from indsats.store.db import Database
from indsats.store.tables import UserRow

PARTICIPANT_KINDS = ("goal", "action")
MAX_TEXT = 4000


def _ensure_manager(user: User) -> None:
    if user.role not in MANAGERS_OF_PLAN:
        raise Forbidden("Kun sagsbehandleren kan ændre deltagerne og træffe afgørelser i den samlede plan.")


def _department(value: str, field: str = "department") -> Department:
    try:
        department = Department(value)
    except ValueError:
        raise InvalidField(field, "Vælg en af afdelingerne.") from None
    if department == Department.EMPLOYMENT:
        raise InvalidField(field, "Vælg social-, sundheds- eller ungeområdet.")
    return department


def add_participant(db: Database, user: User, citizen_id: int, username: str, department: str) -> int:
    """The caseworker adds a colleague from another department (a ``participant`` login of the municipality)."""
    _ensure_manager(user)
    username = username.strip()
    dept = _department(department)
    with personal_data(db, user, f"tilføjede deltager {username[:80]} ({DEPARTMENT_DA[dept].lower()}) "
                                 "til samlet plan") as access:
        open_citizen(access, user, citizen_id)
        session = access.session
        account = session.scalar(select(UserRow).where(UserRow.username == username))
        if not username:
            raise InvalidField("username", "Skriv deltagerens brugernavn.")
        if account is None or account.municipality_code != user.municipality_code or account.disabled:
            raise InvalidField("username", f"Der er ingen aktiv bruger {username!r} i kommunen.")
        if account.role != Role.PARTICIPANT.value:
            raise InvalidField("username", f"{username} er ikke oprettet som tværfaglig deltager "
                                           "(indsats users add --role participant).")
        existing = session.scalar(select(CoordinationParticipantRow).where(
            CoordinationParticipantRow.citizen_id == citizen_id, CoordinationParticipantRow.user_id == account.id,
            CoordinationParticipantRow.removed_at.is_(None)))
        if existing is not None:
            raise InvalidField("username", f"{username} er allerede deltager i planen.")
        row = CoordinationParticipantRow(citizen_id=citizen_id, user_id=account.id, department=dept.value,
                                         added_by=user.username, added_at=clock.now())
        session.add(row)
        session.flush()
        return row.id


def remove_participant(db: Database, user: User, citizen_id: int, participant_id: int) -> None:
    """The participant keeps no access from now on; the row stays as history."""
    _ensure_manager(user)
    with personal_data(db, user, f"fjernede deltager {participant_id} fra samlet plan") as access:
        open_citizen(access, user, citizen_id)
        row = access.session.get(CoordinationParticipantRow, participant_id)
        if row is None or row.citizen_id != citizen_id or row.removed_at is not None:
            raise InvalidField("participant", "Deltageren findes ikke i planen.")
        row.removed_at, row.removed_by = clock.now(), user.username


def add_entry(db: Database, user: User, citizen_id: int, kind: str, day: date | None, text: str) -> int:
    """A contribution to the plan with author, role, department and time. Participants write their
    department's goals and actions (a health participant also advice); the caseworker also records the
    health coordinator's advice and, as history, the rehabilitation team's recommendation."""
    text = text.strip()
    with personal_data(db, user, f"bidrag til samlet plan ({kind[:30]})") as access:
        open_citizen(access, user, citizen_id)
        session = access.session
        if user.role == Role.PARTICIPANT:
            member = participation(session, user, citizen_id)
            department = member.department if member else ""
            allowed = PARTICIPANT_KINDS + ((HEALTH_ADVICE,) if department == Department.HEALTH.value else ())
        elif user.role in MANAGERS_OF_PLAN:
            department = Department.EMPLOYMENT.value
            allowed = PARTICIPANT_KINDS + (HEALTH_ADVICE, REHABILITATION_TEAM)
        else:
            raise Forbidden("Din rolle kan ikke skrive i den samlede plan.")
        if kind not in allowed:
            raise InvalidField("kind", "Vælg en af mulighederne.")
        day = day or clock.today()
        if day > clock.today():
            raise InvalidField("day", "Datoen kan ikke ligge i fremtiden.")
        if day < date(2013, 1, 1):
            raise InvalidField("day", "Datoen ligger før 2013.")
        if kind == REHABILITATION_TEAM:
            basis = decision_basis(day)
            if basis is not None and basis.required != REHABILITATION_TEAM:
                raise InvalidField("day", f"Rehabiliteringsteamet er ophævet fra {basis.valid_from:%d.%m.%Y}; "
                                          "registrér sundhedskoordinatorens rådgivning i stedet.")
        if len(text) < 3:
            raise InvalidField("text", "Skriv mindst 3 tegn.")
        if len(text) > MAX_TEXT:
            raise InvalidField("text", f"Højst {MAX_TEXT} tegn.")
        row = CoordinationEntryRow(citizen_id=citizen_id, kind=kind, day=day, text=text, department=department,
                                   author_username=user.username, author_name=user.display_name or user.username,
                                   author_role=user.role.value, created_at=clock.now())
        session.add(row)
        session.flush()
        return row.id


def record_decision(db: Database, user: User, citizen_id: int, kind: str, day: date | None, outcome: str,
                    reasoning: str, basis_entry_id: int | None) -> int:
    """A decision on flex job or disability pension, refused without the advice the law requires that day."""
    _ensure_manager(user)
    reasoning = reasoning.strip()
    with personal_data(db, user, f"afgørelse om {DECISION_KIND_DA.get(kind, 'ukendt').lower()}") as access:
        open_citizen(access, user, citizen_id)
        if kind not in DECISION_KIND_DA:
            raise InvalidField("kind", "Vælg fleksjob eller førtidspension.")
        if outcome not in ("granted", "refused"):
            raise InvalidField("outcome", "Vælg bevilget eller afslået.")
        if day is None:
            raise InvalidField("day", "Skriv afgørelsens dato.")
        if day > clock.today() + timedelta(days=31):
            raise InvalidField("day", "Afgørelsens dato ligger for langt ude i fremtiden.")
        if len(reasoning) < 3:
            raise InvalidField("reasoning", "Skriv en begrundelse (mindst 3 tegn).")
        if len(reasoning) > MAX_TEXT:
            raise InvalidField("reasoning", f"Højst {MAX_TEXT} tegn.")
        basis = decision_basis(day)
        rule = basis.required if basis else "manual_review"
        entry = access.session.get(CoordinationEntryRow, basis_entry_id) if basis_entry_id else None
        if basis is not None and (entry is None or entry.citizen_id != citizen_id or entry.kind != basis.required
                                  or entry.day > day):
            raise InvalidField("basis_entry_id", _missing_basis(basis.required, basis.valid_from, kind))
        row = CoordinationDecisionRow(citizen_id=citizen_id, kind=kind, day=day, outcome=outcome, reasoning=reasoning,
                                      basis_entry_id=entry.id if entry else None, rule=rule,
                                      decided_by=user.username, created_at=clock.now())
        access.session.add(row)
        access.session.flush()
        return row.id


def _missing_basis(required: str, since: date, kind: str) -> str:
    what = DECISION_KIND_DA[kind].lower()
    if required == HEALTH_ADVICE:
        return (f"Afgørelsen om {what} kan ikke træffes uden sundhedskoordinatorens sundhedsfaglige rådgivning. "
                f"Fra {since:%d.%m.%Y} skal den foreligge før afgørelsen (lov nr. 1750 af 29.12.2025). "
                "Registrér rådgivningen i planen (dateret senest afgørelsesdagen), og vælg den her.")
    return (f"Afgørelsen om {what} kan ikke træffes, før sagen har været forelagt rehabiliteringsteamet "
            "(lov om organisering og understøttelse af beskæftigelsesindsatsen § 9). Registrér teamets "
            "indstilling (dateret senest afgørelsesdagen), og vælg den her.")
