"""Beskeder: a secure thread between the citizen and the jobcenter (not e-mail), with read receipts.

The citizen writes and sees when the jobcenter read it; staff of the citizen's municipality read the
thread (audited like the case; reading marks the citizen's messages read) and answer; the caseworker's
list of citizens with unread messages is paged in SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import filetype
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from indsats.domain import clock
from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.accounts import audit
from indsats.services.accounts.access import ensure_role
from indsats.services.casework.journal import ALLOWED_TYPES, MAX_DOCUMENT_BYTES
from indsats.services.citizen.own import WRITERS, citizen_self, staff_read
from indsats.services.shared.errors import InvalidInput, NotFound
from indsats.store.casework_tables import DocumentRow
from indsats.store.citizen_tables import CitizenMessageRow
from indsats.store.db import Database
from indsats.store.tables import CaseworkerRow, CitizenRow

MAX_BODY = 4000
PAGE_SIZE = 50


@dataclass(frozen=True)
class Message:
    from_citizen: bool
    author: str
    body: str
    sent_at: datetime
    read_at: datetime | None
    document_id: int | None = None
    document_name: str = ""


def _check(body: str) -> str:
    body = (body or "").strip()
    if len(body) < 2:
        raise InvalidInput("Skriv din besked.")
    if len(body) > MAX_BODY:
        raise InvalidInput(f"Skriv højst {MAX_BODY} tegn.")
    return body


def _thread(session: Session, citizen_id: int, limit: int = 200) -> list[Message]:
    rows = session.scalars(select(CitizenMessageRow).where(CitizenMessageRow.citizen_id == citizen_id)
                           .order_by(CitizenMessageRow.sent_at.desc(), CitizenMessageRow.id.desc()).limit(limit)).all()
    names = dict(session.execute(select(DocumentRow.id, DocumentRow.filename).where(
        DocumentRow.id.in_({r.document_id for r in rows if r.document_id}))).all())
    return [Message(r.from_citizen, r.author, r.body, r.sent_at, r.read_at, r.document_id,
                    names.get(r.document_id, "")) for r in reversed(rows)]


def _mark_read(session: Session, citizen_id: int, from_citizen: bool) -> None:
    session.execute(update(CitizenMessageRow).where(
        CitizenMessageRow.citizen_id == citizen_id, CitizenMessageRow.from_citizen.is_(from_citizen),
        CitizenMessageRow.read_at.is_(None)).values(read_at=clock.now()))


def my_thread(db: Database, user: User) -> list[Message]:
    """The citizen's thread; the jobcenter's messages count as read from now."""
    with citizen_self(db, user) as (session, citizen):
        thread = _thread(session, citizen.id)
        _mark_read(session, citizen.id, from_citizen=False)
        return thread


def _checked_document(filename: str, content: bytes) -> tuple[str, str]:
    """(safe file name, media type) of an attachment; the type is read from the content, not the name."""
    if len(content) > MAX_DOCUMENT_BYTES:
        raise InvalidInput(f"Filen er for stor ({len(content) // (1024 * 1024)} MB). Den må højst fylde 10 MB.")
    kind = filetype.guess(content)
    if kind is None or kind.mime not in ALLOWED_TYPES:
        raise InvalidInput("Du kan kun vedhæfte PDF-filer og billeder (f.eks. et foto af en lægeerklæring).")
    name = "".join(ch for ch in (filename or "").split("/")[-1].split("\\")[-1] if ch.isprintable())[:150]
    return name or f"bilag.{kind.extension}", kind.mime


def send_as_citizen(db: Database, user: User, body: str, filename: str = "", content: bytes = b"") -> None:
    """The citizen writes; an attached PDF or image goes on the case as a document the caseworker opens."""
    body = _check(body)
    document = _checked_document(filename, content) if content else None
    with citizen_self(db, user) as (session, citizen):
        document_id = None
        if document is not None:
            row = DocumentRow(citizen_id=citizen.id, filename=document[0], media_type=document[1], size=len(content),
                              uploaded_at=clock.now(), uploaded_by=user.display_name or "Borger",
                              title="Bilag til besked fra borgeren", content=content)
            session.add(row)
            session.flush()
            document_id = row.id
        session.add(CitizenMessageRow(citizen_id=citizen.id, from_citizen=True, author=user.display_name or "Borger",
                                      body=body, sent_at=clock.now(), document_id=document_id))


def my_attachment(db: Database, user: User, document_id: int) -> tuple[str, str, bytes]:
    """(file name, media type, content) of a document attached to the citizen's own thread."""
    with citizen_self(db, user) as (session, citizen):
        linked = session.scalar(select(CitizenMessageRow.id).where(CitizenMessageRow.citizen_id == citizen.id,
                                                                   CitizenMessageRow.document_id == document_id))
        row = session.get(DocumentRow, document_id) if linked else None
        if row is None or row.citizen_id != citizen.id:
            raise NotFound("Filen findes ikke.")
        return row.filename, row.media_type, row.content


def staff_thread(db: Database, user: User, citizen_id: int) -> list[Message]:
    """The thread for staff (audited); a caseworker's or team leader's read marks the citizen's messages read."""
    with staff_read(db, user, citizen_id, "beskeder") as (session, citizen):
        thread = _thread(session, citizen.id)
        if user.role in WRITERS:
            _mark_read(session, citizen.id, from_citizen=True)
        return thread


def reply(db: Database, user: User, citizen_id: int, body: str) -> None:
    body = _check(body)
    with staff_read(db, user, citizen_id, "besvarede besked", roles=WRITERS) as (session, citizen):
        _mark_read(session, citizen.id, from_citizen=True)
        session.add(CitizenMessageRow(citizen_id=citizen.id, from_citizen=False,
                                      author=f"{user.display_name or user.username}, Jobcentret", body=body,
                                      sent_at=clock.now()))


@dataclass(frozen=True)
class Unread:
    citizen_id: int
    name: str
    count: int
    oldest: datetime


def unread_for_staff(db: Database, user: User, page: int = 1) -> tuple[list[Unread], int]:
    """Citizens of the caseworker (team leader: the team) with unread messages, oldest first; (rows, total)."""
    ensure_role(user, *WRITERS)
    with audit.personal_data(db, user, "ulæste beskeder") as access:
        session = access.session
        query = (select(CitizenRow.id, CitizenRow.first_name, CitizenRow.last_name, func.count(CitizenMessageRow.id),
                        func.min(CitizenMessageRow.sent_at))
                 .join(CitizenMessageRow, CitizenMessageRow.citizen_id == CitizenRow.id)
                 .where(CitizenRow.municipality_code == user.municipality_code,
                        CitizenMessageRow.from_citizen.is_(True), CitizenMessageRow.read_at.is_(None))
                 .group_by(CitizenRow.id, CitizenRow.first_name, CitizenRow.last_name))
        if user.role == Role.CASEWORKER:
            query = query.where(CitizenRow.caseworker_id == user.caseworker_id)
        else:
            team = session.scalar(select(CaseworkerRow.team_id).where(CaseworkerRow.id == user.caseworker_id))
            query = query.where(CitizenRow.caseworker_id.in_(select(CaseworkerRow.id)
                                                             .where(CaseworkerRow.team_id == team)))
        total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
        rows = session.execute(query.order_by(func.min(CitizenMessageRow.sent_at))
                               .limit(PAGE_SIZE).offset((max(1, page) - 1) * PAGE_SIZE)).all()
        access.touch(r[0] for r in rows)
        return [Unread(r[0], f"{r[1]} {r[2]}", r[3], r[4]) for r in rows], total


def unread_from_jobcenter(session: Session, citizen_id: int) -> int:
    return session.scalar(select(func.count()).select_from(CitizenMessageRow).where(
        CitizenMessageRow.citizen_id == citizen_id, CitizenMessageRow.from_citizen.is_(False),
        CitizenMessageRow.read_at.is_(None))) or 0
