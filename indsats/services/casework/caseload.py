"""Sagsstamme: the caseload paged, sorted and filtered in SQL, with each citizen's next deadline.

A caseworker sees their own citizens on an active benefit; a team leader the team's (or
another team of the municipality, or one caseworker). The next deadline is the earliest
open (due or overdue, not superseded) deadline in the kept obligations
(``citizen_obligations``). Only the citizens on the page are audited as read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from indsats.domain import clock
from indsats.domain import cpr as cpr_rules
from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.accounts import audit
from indsats.services.accounts.access import ensure_role
from indsats.services.casework.citizens import _rule_set_label, _rule_sets
from indsats.services.shared.errors import Forbidden, InvalidInput
from indsats.services.shared.paging import Page, PageRequest, fetch
from indsats.store.db import Database
from indsats.store.obligation_tables import CitizenObligationRow as T
from indsats.store.tables import BenefitSpellRow, CaseworkerRow, CitizenRow, TeamRow

SORTS = ("navn", "ydelse", "start", "frist", "sagsbehandler")


@dataclass(frozen=True)
class CaseloadRow:
    id: int
    cpr: str
    name: str
    benefit: str
    readiness: str | None
    spell_start: date
    caseworker: str | None
    team: str | None
    next_deadline: date | None
    overdue: bool
    synthetic: bool
    rule_set: str | None = None
    rule_set_label: str = ""


@dataclass(frozen=True)
class CaseloadFilter:
    benefit: str | None = None
    readiness: str | None = None
    caseworker_id: int | None = None
    team_id: int | None = None
    sort: str = "navn"
    unassigned: bool = False  # uden sagsbehandler (team leaders): the municipality's citizens with none


def _open_deadlines():
    return (select(T.citizen_id, func.min(T.deadline).label("next_deadline"))
            .where(T.status.in_(("due", "overdue")), T.superseded_on.is_(None), T.deadline.is_not(None))
            .group_by(T.citizen_id))


def _team_of(session: Session, user: User) -> int | None:
    return session.scalar(select(CaseworkerRow.team_id).where(CaseworkerRow.id == user.caseworker_id))


def _scoped(session: Session, user: User, flt: CaseloadFilter, query, worker):
    query = query.where(CitizenRow.municipality_code == user.municipality_code)
    if user.role == Role.CASEWORKER:
        if flt.caseworker_id not in (None, user.caseworker_id) or flt.team_id is not None or flt.unassigned:
            raise Forbidden("En sagsbehandler ser kun sin egen sagsstamme.")
        return query.where(CitizenRow.caseworker_id == user.caseworker_id)
    if flt.unassigned:
        return query.where(CitizenRow.caseworker_id.is_(None))
    if flt.caseworker_id is not None:
        query = query.where(CitizenRow.caseworker_id == flt.caseworker_id)
    if flt.caseworker_id is None or flt.team_id is not None:
        team = flt.team_id or _team_of(session, user)
        members = list(session.scalars(select(CaseworkerRow.id).where(CaseworkerRow.team_id == team)))
        query = query.where(CitizenRow.caseworker_id.in_(members))  # uses the caseworker index
    return query


def caseload_page(db: Database, user: User, flt: CaseloadFilter, request: PageRequest) -> Page[CaseloadRow]:
    ensure_role(user, Role.CASEWORKER, Role.TEAM_LEADER)
    if flt.sort not in SORTS:
        raise InvalidInput(f"Sortér efter en af: {', '.join(SORTS)}.")
    today = clock.today()
    with db.unit_of_work() as session:
        spell = aliased(BenefitSpellRow)
        worker = aliased(CaseworkerRow)
        deadlines = _open_deadlines().subquery() if flt.sort == "frist" else None
        columns = [CitizenRow.id, CitizenRow.cpr, CitizenRow.first_name, CitizenRow.last_name, CitizenRow.synthetic,
                   CitizenRow.birth_date, spell.benefit, spell.readiness, spell.start, worker.name.label("worker"), TeamRow.name.label("team")]
        if deadlines is not None:
            columns.append(deadlines.c.next_deadline)
        query = (select(*columns).join(spell, (spell.citizen_id == CitizenRow.id) & spell.end.is_(None))
                 .outerjoin(worker, worker.id == CitizenRow.caseworker_id)
                 .outerjoin(TeamRow, TeamRow.id == worker.team_id))
        if deadlines is not None:
            query = query.outerjoin(deadlines, deadlines.c.citizen_id == CitizenRow.id)
        query = _scoped(session, user, flt, query, worker)
        if flt.benefit:
            query = query.where(spell.benefit == flt.benefit)
        if flt.readiness:
            query = query.where(spell.readiness == flt.readiness)
        name = (CitizenRow.last_name, CitizenRow.first_name, CitizenRow.id)
        order = {"navn": name, "ydelse": (spell.benefit, *name), "start": (spell.start, *name),
                 "sagsbehandler": (worker.name, *name),
                 "frist": (deadlines.c.next_deadline.asc().nulls_last(), *name) if deadlines is not None else name}
        rows, total = fetch(session, query.order_by(*order[flt.sort]), request)
        ids = [r.id for r in rows]
        if deadlines is None:
            found = dict(session.execute(_open_deadlines().where(T.citizen_id.in_(ids))).all()) if ids else {}
        else:
            found = {r.id: r.next_deadline for r in rows}
        rule_sets = _rule_sets(session, ids)
        benefits = sorted({r.benefit for r in rows})
        items = [CaseloadRow(
            id=r.id, cpr=cpr_rules.formatted(r.cpr), name=f"{r.first_name} {r.last_name}", benefit=r.benefit,
            readiness=r.readiness, spell_start=r.start, caseworker=r.worker, team=r.team,
            next_deadline=found.get(r.id), overdue=found.get(r.id) is not None and found[r.id] < today,
            synthetic=r.synthetic, rule_set=rule_sets.get(r.id), rule_set_label=_rule_set_label(rule_sets.get(r.id)))
            for r in rows]
        audit.record_reads(session, user, ids, "sagsstamme")
        return Page(items, total, request.page, request.page_size, request.capped,
                    extra={"benefits": benefits, "births": {r.id: r.birth_date for r in rows}})


def filter_choices(db: Database, user: User) -> dict:
    """The caseworkers and teams a user may filter the caseload by."""
    ensure_role(user, Role.CASEWORKER, Role.TEAM_LEADER)
    if user.role == Role.CASEWORKER:  # no choices: not even a connection is needed
        return {"caseworkers": [], "teams": [], "own_team": None}
    with db.unit_of_work() as session:
        teams = session.execute(select(TeamRow.id, TeamRow.name).where(
            TeamRow.municipality_code == user.municipality_code).order_by(TeamRow.name)).all()
        workers = session.execute(select(CaseworkerRow.id, CaseworkerRow.name).where(
            CaseworkerRow.municipality_code == user.municipality_code).order_by(CaseworkerRow.name)).all()
        return {"caseworkers": [tuple(w) for w in workers], "teams": [tuple(t) for t in teams],
                "own_team": _team_of(session, user)}
