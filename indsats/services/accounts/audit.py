"""Logning: every read, disclosure and export of a citizen's personal data leaves a record, and so
does every refused attempt, log-in, failed log-in, log-out and account change.

The one way in is ``personal_data``: a unit of work that authorises (the block raises
``Forbidden``/``NotFound`` when the user may not), records what the block touched in the
same transaction, and — when the attempt is refused — records the refusal in a transaction
of its own, since the refused one is rolled back::

    with personal_data(db, user, "kandidatprofil") as access:
        citizen = access.citizen(citizen_id, rule=in_municipality)   # refused → logged, raised
        ...                                                          # the read → logged

A disclosure (a citizen proposed to or placed in a company, a company's answer) is
recorded with ``kind=disclosure`` and the company's CVR as recipient; an export (the
panel export) with ``kind=export`` and its row count. The older ``record_read`` /
``record_reads`` write through the same ``record``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from indsats.domain import clock
from indsats.domain.enums import Role
from indsats.domain.models import AuditRecord, User
from indsats.services.accounts.access import ensure_role
from indsats.services.shared.errors import Forbidden, InvalidInput, NotFound
from indsats.services.shared.paging import Page, PageRequest, count
from indsats.store.db import Database
from indsats.store.tables import AuditRow, CitizenRow


class AuditKind(StrEnum):
    READ = "read"
    DISCLOSURE = "disclosure"
    EXPORT = "export"
    REFUSED = "refused"
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    ACCOUNT = "account"
    ASSIGNMENT = "assignment"  # a change of responsibility: a citizen moved to (or given) a caseworker
    RETENTION = "retention"  # a run of the retention job: what was deleted, per category


KIND_DA = {AuditKind.READ: "opslag", AuditKind.DISCLOSURE: "videregivelse", AuditKind.EXPORT: "udtræk",
           AuditKind.REFUSED: "afvist", AuditKind.LOGIN: "log ind", AuditKind.LOGIN_FAILED: "log ind afvist",
           AuditKind.LOGOUT: "log ud", AuditKind.ACCOUNT: "brugerkonto",
           AuditKind.ASSIGNMENT: "ansvarsskifte", AuditKind.RETENTION: "sletning"}


def record(session: Session, user: User, citizen_ids: Iterable[int | None], action: str,
           kind: AuditKind = AuditKind.READ, recipient: str | None = None,
           more: Iterable[tuple[int | None, str]] = ()) -> int:
    """One row per citizen (or one without a citizen for ``[None]``), and one per (citizen, action) of
    ``more``; returns how many were written. Written at once by one multi-row INSERT (a list page
    records 50 reads; ORM objects cost more than the SQL)."""
    now = clock.now()
    pairs = [(cid, action) for cid in dict.fromkeys(citizen_ids)] + list(more)
    rows = [{"at": now, "username": user.username, "role": user.role.value, "citizen_id": cid,
             "action": text[:200], "municipality_code": user.municipality_code, "kind": kind.value,
             "recipient": recipient} for cid, text in pairs]
    if rows:
        session.execute(insert(AuditRow.__table__), rows)  # Core: no ORM bulk machinery for a log
    return len(rows)


def record_event(session: Session, kind: AuditKind, *, username: str, role: str, municipality_code: str,
                 action: str, citizen_id: int | None = None) -> None:
    """A record that is not about a citizen's data: log-ins, failed log-ins, log-outs, account changes."""
    session.add(AuditRow(at=clock.now(), username=username[:80], role=role, citizen_id=citizen_id,
                         action=action[:200], municipality_code=municipality_code, kind=kind.value))


def record_read(session: Session, user: User, citizen_id: int | None, action: str) -> None:
    record(session, user, [citizen_id], action)


def record_reads(session: Session, user: User, citizen_ids: list[int], action: str) -> None:
    """One record per citizen, for list views that show personal data (CPR numbers, names)."""
    record(session, user, citizen_ids, action)


def record_refused(db: Database, user: User, citizen_id: int | None, action: str) -> None:
    """A refused attempt, in a transaction of its own (the attempt's own is rolled back)."""
    with db.unit_of_work() as session:
        record(session, user, [citizen_id], f"afvist: {action}", AuditKind.REFUSED)


def record_export(session: Session, actor: str, municipality_code: str, rows: int, action: str) -> None:
    """An export of personal data by a command (no logged-in user): who ran it, what, how many rows."""
    session.add(AuditRow(at=clock.now(), username=actor[:80], role="system", citizen_id=None,
                         action=f"{action} ({rows} rækker)"[:200], municipality_code=municipality_code,
                         kind=AuditKind.EXPORT.value))


CitizenRule = Callable[[User, CitizenRow], bool]


@dataclass
class PersonalDataAccess:
    """What a ``personal_data`` block touched; written when the block ends without error."""

    session: Session
    user: User
    action: str
    kind: AuditKind
    recipient: str | None
    touched: list[int] = field(default_factory=list)
    attempted: int | None = None
    more: list[tuple[int, str]] = field(default_factory=list)  # further reads in the block, by their own action

    def citizen(self, citizen_id: int, rule: CitizenRule, missing: str = "Borgeren findes ikke.",
                forbidden: str | None = None) -> CitizenRow:
        """The citizen if ``rule`` lets the user reach them; otherwise ``NotFound`` (or ``Forbidden``
        with the message ``forbidden``, where the rule may admit that the citizen exists) — logged as refused."""
        self.attempted = citizen_id
        row = self.session.get(CitizenRow, citizen_id)
        if row is None:
            raise NotFound(missing)
        if not rule(self.user, row):
            raise Forbidden(forbidden) if forbidden else NotFound(missing)
        self.touched.append(citizen_id)
        return row

    def touch(self, citizen_ids: Iterable[int]) -> None:
        self.touched.extend(citizen_ids)

    def also(self, citizen_id: int, action: str) -> None:
        """A further read of a citizen already authorised in the block, recorded under its own ``action``
        (the case page's panels), in the same INSERT as the block's own records."""
        self.more.append((citizen_id, action))

    def disclose(self, citizen_id: int, recipient: str) -> None:
        """Personal data of ``citizen_id`` goes to the company ``recipient`` (CVR)."""
        self.kind, self.recipient = AuditKind.DISCLOSURE, recipient
        self.touched.append(citizen_id)


@contextmanager
def personal_data(db: Database, user: User, action: str, kind: AuditKind = AuditKind.READ,
                  recipient: str | None = None) -> Iterator[PersonalDataAccess]:
    """A unit of work over personal data: the touched citizens are recorded with it; a refusal
    (``Forbidden`` or ``NotFound`` from the block) is recorded on its own and raised."""
    access: PersonalDataAccess | None = None
    try:
        with db.unit_of_work() as session:
            access = PersonalDataAccess(session, user, action, kind, recipient)
            yield access
            if access.touched or access.more:
                record(session, user, access.touched, action, access.kind, access.recipient, access.more)
    except (Forbidden, NotFound) as exc:
        record_refused(db, user, access.attempted if access else None, f"{action}: {exc}")
        exc.audited = True  # type: ignore[attr-defined]  # the web layer does not log it twice
        raise


AUDIT_SORTS = {"nyeste": "nyeste først", "aeldste": "ældste først"}


@dataclass(frozen=True)
class AuditFilter:
    username: str | None = None
    citizen_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    kind: str | None = None
    sort: str = "nyeste"


def _audit_query(user: User, flt: AuditFilter):
    ensure_role(user, Role.MANAGER)
    if flt.sort not in AUDIT_SORTS:
        raise InvalidInput(f"Sortér efter en af: {', '.join(AUDIT_SORTS)}.")
    query = select(AuditRow).where(AuditRow.municipality_code == user.municipality_code)
    if flt.kind:
        query = query.where(AuditRow.kind == flt.kind)
    if flt.username:
        query = query.where(AuditRow.username == flt.username)
    if flt.citizen_id is not None:
        query = query.where(AuditRow.citizen_id == flt.citizen_id)
    if flt.date_from:
        query = query.where(AuditRow.at >= datetime.combine(flt.date_from, datetime.min.time(), UTC))
    if flt.date_to:
        end = datetime.combine(flt.date_to + timedelta(days=1), datetime.min.time(), UTC)
        query = query.where(AuditRow.at < end)
    if flt.sort == "aeldste":
        return query.order_by(AuditRow.at, AuditRow.id)
    return query.order_by(AuditRow.at.desc(), AuditRow.id.desc())


def _record_of(r: AuditRow) -> AuditRecord:
    return AuditRecord(at=r.at, username=r.username, role=r.role, citizen_id=r.citizen_id, action=r.action,
                       municipality_code=r.municipality_code, kind=r.kind, recipient=r.recipient)


def list_audit(db: Database, user: User, flt: AuditFilter, request: PageRequest | None = None) -> Page[AuditRecord]:
    """Managers see the audit log of their own municipality, newest first, one page counted in SQL."""
    request = request or PageRequest()
    with db.unit_of_work() as session:
        query = _audit_query(user, flt)
        total = count(session, query)
        rows = session.scalars(query.offset(request.offset).limit(request.page_size)).all()
        return Page([_record_of(r) for r in rows], total, request.page, request.page_size, request.capped)


def all_audit(db: Database, user: User, flt: AuditFilter, chunk: int = 2_000) -> Iterator[AuditRecord]:
    """Every record the filter selects, read in chunks (for the streamed CSV export: complete, never cut)."""
    query = _audit_query(user, flt)  # the role is checked now, before the first row is asked for

    def stream() -> Iterator[AuditRecord]:
        with db.unit_of_work() as session:
            for row in session.scalars(query.execution_options(yield_per=chunk)):
                yield _record_of(row)

    return stream()
