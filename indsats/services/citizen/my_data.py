"""The citizen's rights over their data (GDPR arts. 15 and 7(3)) on *Min sag*: who has read my
case and when, what was shared with which company, my consent (given by me, dated, withdrawable),
and an export of my data.

Everything here is the logged-in citizen's own (``User.citizen_id``); there is no citizen id in
these URLs. The export is itself logged as an export.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from indsats.domain import clock
from indsats.domain.enums import Role
from indsats.domain.labels import ROLE_DA
from indsats.domain.models import User
from indsats.services.accounts.access import ensure_role
from indsats.services.accounts.audit import KIND_DA, AuditKind, record
from indsats.services.company.consent import ConsentRecord, change_consent, consent_record
from indsats.services.shared.errors import NotFound
from indsats.store.company_tables import CandidateProfileRow, CompanyRow
from indsats.store.db import Database
from indsats.store.tables import AuditRow


@dataclass(frozen=True)
class AccessEntry:
    at: datetime
    who: str  # role and user name, e.g. "Sagsbehandler (mette)"
    kind: str  # Danish: opslag, videregivelse, afvist
    what: str
    company: str | None  # the company a disclosure went to: "Lagerhuset A/S (CVR 31000008)"


@dataclass(frozen=True)
class ConsentView:
    given: bool
    since: date | None


def _citizen_id(user: User) -> int:
    ensure_role(user, Role.CITIZEN)
    if user.citizen_id is None:
        raise NotFound("Din bruger er ikke knyttet til en sag.")
    return user.citizen_id


def access_log(db: Database, user: User, limit: int = 500) -> list[AccessEntry]:
    """Who among the staff and companies has read, been given or been refused my data; newest first."""
    citizen_id = _citizen_id(user)
    with db.unit_of_work() as session:
        rows = session.scalars(select(AuditRow).where(AuditRow.citizen_id == citizen_id,
                                                      AuditRow.username != user.username)
                               .order_by(AuditRow.at.desc(), AuditRow.id.desc()).limit(limit)).all()
        cvrs = {r.recipient for r in rows if r.recipient}
        names = dict(session.execute(select(CompanyRow.cvr, CompanyRow.name).where(CompanyRow.cvr.in_(cvrs))).all())
        return [AccessEntry(r.at, f"{_role_da(r.role)} ({r.username})", KIND_DA.get(r.kind, r.kind), r.action,
                            f"{names.get(r.recipient, 'ukendt virksomhed')} (CVR {r.recipient})" if r.recipient
                            else None) for r in rows]


def _role_da(role: str) -> str:
    try:
        return ROLE_DA[Role(role)]
    except ValueError:
        return role


def shared_with_companies(entries: list[AccessEntry]) -> list[AccessEntry]:
    return [e for e in entries if e.company]


def consent(db: Database, user: User) -> ConsentRecord | None:
    """My consent to share my candidate profile with companies (None: I have no candidate profile)."""
    citizen_id = _citizen_id(user)
    with db.unit_of_work() as session:
        row = session.scalar(select(CandidateProfileRow).where(CandidateProfileRow.citizen_id == citizen_id))
        return consent_record(row)


def set_consent(db: Database, user: User, given: bool) -> None:
    """I give or withdraw my consent myself; giving it is dated today, withdrawing it takes effect at once."""
    citizen_id = _citizen_id(user)
    with db.unit_of_work() as session:
        row = session.scalar(select(CandidateProfileRow).where(CandidateProfileRow.citizen_id == citizen_id))
        if row is None:
            raise NotFound("Du har ingen kandidatprofil; tal med din sagsbehandler om den.")
        if change_consent(row, given, user):
            row.updated = clock.today()
        record(session, user, [citizen_id], "samtykke givet af borgeren" if given else
               "samtykke trukket tilbage af borgeren")


def export_log(db: Database, user: User, rows: int) -> None:
    """The citizen's own export of their data, logged as an export."""
    citizen_id = _citizen_id(user)
    with db.unit_of_work() as session:
        record(session, user, [citizen_id], f"borgerens udtræk af egne data ({rows} poster)", AuditKind.EXPORT)
