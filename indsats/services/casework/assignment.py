"""Flyt og tildel: a team leader moves citizens to another caseworker (and so to that caseworker's team)
or gives citizens without one a caseworker.

All in one transaction: every citizen and the caseworker are checked first (own municipality),
then the citizens are moved, each move is audited as a change of responsibility, and the kept
obligations of the moved citizens are refreshed (they carry caseworker and team for the worklists).
A refusal writes nothing but the refusal's own audit record.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.accounts import audit
from indsats.services.accounts.access import ensure_role
from indsats.services.casework import obligation_store
from indsats.services.shared.errors import Forbidden, InvalidInput, NotFound
from indsats.store.db import Database
from indsats.store.tables import CaseworkerRow, CitizenRow, TeamRow

MAX_CITIZENS = 200
ACTION = "ansvarsskifte"


@dataclass(frozen=True)
class AssignmentResult:
    moved: int  # citizens whose caseworker changed
    unchanged: int  # citizens who already had this caseworker
    caseworker_id: int
    caseworker: str
    team: str | None
    citizen_ids: list[int]


def message(result: AssignmentResult) -> str:
    """The Danish sentence for the flash message."""
    who = "1 borger er" if result.moved == 1 else f"{result.moved} borgere er"
    text = f"{who} flyttet til {result.caseworker}"
    if result.team:
        text += f" ({result.team})"
    text += "."
    if result.unchanged:
        text += (" 1 borger havde allerede" if result.unchanged == 1
                 else f" {result.unchanged} borgere havde allerede") + " denne sagsbehandler."
    return text


def assign(db: Database, user: User, citizen_ids: Iterable[int], caseworker_id: int) -> AssignmentResult:
    """Give ``citizen_ids`` the caseworker ``caseworker_id`` (team leaders, own municipality only)."""
    ensure_role(user, Role.TEAM_LEADER)
    ids = list(dict.fromkeys(int(i) for i in citizen_ids))
    if not ids:
        raise InvalidInput("Vælg mindst én borger, der skal flyttes.")
    if len(ids) > MAX_CITIZENS:
        raise InvalidInput(f"Flyt højst {MAX_CITIZENS} borgere ad gangen.")
    with audit.personal_data(db, user, ACTION, audit.AuditKind.ASSIGNMENT) as access:
        session = access.session
        worker = session.get(CaseworkerRow, caseworker_id)
        if worker is None:
            raise NotFound("Sagsbehandleren findes ikke.")
        if worker.municipality_code != user.municipality_code:
            raise Forbidden("Du kan kun flytte borgere til en sagsbehandler i din egen kommune.")
        rows = {r.id: r for r in session.scalars(select(CitizenRow).where(CitizenRow.id.in_(ids)))}
        missing = [i for i in ids if i not in rows]
        if missing:
            access.attempted = missing[0]
            raise NotFound("Borgeren findes ikke." if len(missing) == 1
                           else f"{len(missing)} af de valgte borgere findes ikke.")
        foreign = [i for i in ids if rows[i].municipality_code != user.municipality_code]
        if foreign:
            access.attempted = foreign[0]
            raise Forbidden("Du kan kun flytte borgere i din egen kommune.")
        team = session.get(TeamRow, worker.team_id) if worker.team_id else None
        previous = {r.caseworker_id for r in rows.values() if r.caseworker_id}
        names = dict(session.execute(select(CaseworkerRow.id, CaseworkerRow.name)
                                     .where(CaseworkerRow.id.in_(previous))).all()) if previous else {}
        moved = [i for i in ids if rows[i].caseworker_id != worker.id]
        for cid in moved:
            row = rows[cid]
            before = names.get(row.caseworker_id, "ingen sagsbehandler") if row.caseworker_id else "ingen sagsbehandler"
            row.caseworker_id = worker.id
            audit.record(session, user, [cid], f"{ACTION}: {before} → {worker.name}"
                         + (f" ({team.name})" if team else ""), audit.AuditKind.ASSIGNMENT)
        if moved:
            obligation_store.refresh_citizens(session, moved)
        return AssignmentResult(moved=len(moved), unchanged=len(ids) - len(moved), caseworker_id=worker.id,
                                caseworker=worker.name, team=team.name if team else None, citizen_ids=moved)
