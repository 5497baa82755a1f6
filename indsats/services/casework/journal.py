"""The case journal: conversation notes, journal notes, the citizen's own requests, letters sent and documents.

Documents (PDF or image, checked by content with ``filetype``, at most 10 MB) are stored in
the database behind this service; every download is audited like any other read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import filetype
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, defer

from indsats.domain import clock
from indsats.domain.models import User
from indsats.services.accounts import audit
from indsats.services.accounts.access import ensure_may_read_citizen, ensure_role
from indsats.services.casework import letters
from indsats.services.casework.recording import WRITERS, citizen_for_write
from indsats.services.shared.errors import InvalidField, InvalidInput, NotFound
from indsats.store.casework_tables import DocumentRow, JournalNoteRow
from indsats.store.db import Database
from indsats.store.tables import CaseEventRow, CaseworkerRow, CitizenRow, ConversationRow

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
ALLOWED_TYPES = {"application/pdf": "PDF", "image/png": "PNG-billede", "image/jpeg": "JPEG-billede",
                 "image/tiff": "TIFF-billede", "image/heic": "HEIC-billede", "image/webp": "WebP-billede"}
KIND_DA = {"conversation": "Samtalenote", "note": "Journalnotat", "letter": "Brev sendt",
           "request": "Borgerens henvendelse", "document": "Dokument"}


@dataclass(frozen=True)
class JournalEntry:
    kind: str
    kind_da: str
    when: datetime | date
    author: str
    title: str
    text: str
    link: str = ""  # the letter's PDF or the document's download


@dataclass(frozen=True)
class DocumentView:
    id: int
    filename: str
    title: str
    media_type: str
    size: int
    uploaded_at: datetime
    uploaded_by: str


def _day(value: datetime | date) -> date:
    return value.date() if isinstance(value, datetime) else value


def conversations_with_authors(citizen_id: int):
    """The citizen's conversations with their caseworker's name, newest first: (row, name) pairs."""
    return (select(ConversationRow, CaseworkerRow.name)
            .outerjoin(CaseworkerRow, CaseworkerRow.id == ConversationRow.caseworker_id)
            .where(ConversationRow.citizen_id == citizen_id).order_by(ConversationRow.date.desc()))


def entries(session: Session, citizen_id: int, query: str = "", *, conversations: list | None = None,
            events: list[CaseEventRow] | None = None) -> list[JournalEntry]:
    """The whole journal of a citizen, newest first; ``query`` searches the texts (case-insensitive).
    Without a query, the case page hands over what it has read already: ``conversations`` as
    (row, author) pairs (``conversations_with_authors``) and the citizen's ``events``."""
    pattern = f"%{query.strip()}%" if query.strip() else None
    out: list[JournalEntry] = []
    if conversations is None or pattern:
        conv = conversations_with_authors(citizen_id).where(ConversationRow.note != "")
        if pattern:
            conv = conv.where(ConversationRow.note.ilike(pattern))
        conversations = list(session.execute(conv))
    for row, author in conversations:
        if row.note != "":
            out.append(JournalEntry("conversation", KIND_DA["conversation"], row.date, author or "",
                                    f"Samtale {row.date:%d.%m.%Y}", row.note))
    notes = select(JournalNoteRow).where(JournalNoteRow.citizen_id == citizen_id)
    if pattern:
        notes = notes.where(or_(JournalNoteRow.text.ilike(pattern), JournalNoteRow.title.ilike(pattern)))
    for row in session.scalars(notes):
        link = f"/journal/{row.id}/brev.pdf" if row.kind == "letter" else ""
        out.append(JournalEntry(row.kind, KIND_DA.get(row.kind, row.kind), row.written_at, row.author, row.title,
                                row.text, link))
    if events is None:
        events = list(session.scalars(select(CaseEventRow).where(CaseEventRow.citizen_id == citizen_id,
                                                                 CaseEventRow.type == "conversation_requested")))
    for row in events:
        if row.type != "conversation_requested":
            continue
        wish = str((row.data or {}).get("wish", ""))
        if wish and (not pattern or query.strip().lower() in wish.lower()):
            out.append(JournalEntry("request", KIND_DA["request"], row.date, "Borgeren",
                                    "Ønsker en samtale", wish))
    docs = select(DocumentRow).options(defer(DocumentRow.content)).where(DocumentRow.citizen_id == citizen_id)
    if pattern:
        docs = docs.where(or_(DocumentRow.title.ilike(pattern), DocumentRow.filename.ilike(pattern)))
    for row in session.scalars(docs):
        out.append(JournalEntry("document", KIND_DA["document"], row.uploaded_at, row.uploaded_by,
                                row.title or row.filename, f"{row.filename} ({ALLOWED_TYPES.get(row.media_type, '')}, "
                                f"{max(1, row.size // 1024)} kB)", f"/dokumenter/{row.id}"))
    out.sort(key=lambda e: (_day(e.when), e.when if isinstance(e.when, datetime) else datetime.min), reverse=True)
    return out


def search(db: Database, user: User, citizen_id: int, query: str) -> list[JournalEntry]:
    if len(query) > 200:
        raise InvalidInput("Søgningen må højst være 200 tegn.")
    with db.unit_of_work() as session:
        citizen = session.get(CitizenRow, citizen_id)
        if citizen is None:
            raise NotFound("Borgeren findes ikke.")
        ensure_role(user, *WRITERS)
        ensure_may_read_citizen(user, citizen)
        audit.record_read(session, user, citizen_id, "søgte i journalen")
        return entries(session, citizen_id, query)


def add_note(db: Database, user: User, citizen_id: int, text: str, title: str = "") -> int:
    text, title = (text or "").strip(), (title or "").strip()
    if len(text) < 2:
        raise InvalidInput("Skriv notatet.")
    if len(text) > 10_000 or len(title) > 200:
        raise InvalidInput("Notatet må højst være 10.000 tegn og overskriften 200.")
    with db.unit_of_work() as session:
        citizen_for_write(session, user, citizen_id)
        row = JournalNoteRow(citizen_id=citizen_id, written_at=clock.now(), kind="note", title=title,
                             author=user.display_name or user.username, text=text)
        session.add(row)
        session.flush()
        audit.record_read(session, user, citizen_id, "skrev journalnotat")
        return row.id


MAX_TITLE = 200


def upload_document(db: Database, user: User, citizen_id: int, filename: str, content: bytes, title: str = "") -> int:
    """Store a PDF or an image on the case; the type is read from the content, not the name."""
    if not content:
        raise InvalidField("fil", "Vælg en fil.")
    if len(content) > MAX_DOCUMENT_BYTES:
        raise InvalidField("fil", f"Filen er for stor ({len(content) // (1024 * 1024)} MB); højst 10 MB.")
    kind = filetype.guess(content)
    if kind is None or kind.mime not in ALLOWED_TYPES:
        raise InvalidField("fil", "Kun PDF og billeder (PNG, JPEG, TIFF, HEIC, WebP) kan lægges på sagen.")
    title = (title or "").strip()
    if len(title) > MAX_TITLE:
        raise InvalidField("title", f"Titlen må højst være {MAX_TITLE} tegn (den er {len(title)}).")
    name = "".join(ch for ch in (filename or "dokument").split("/")[-1].split("\\")[-1] if ch.isprintable())[:150]
    with db.unit_of_work() as session:
        citizen_for_write(session, user, citizen_id)
        row = DocumentRow(citizen_id=citizen_id, filename=name or f"dokument.{kind.extension}", media_type=kind.mime,
                          size=len(content), uploaded_at=clock.now(), uploaded_by=user.display_name or user.username,
                          title=title, content=content)
        session.add(row)
        session.flush()
        audit.record_read(session, user, citizen_id, f"lagde dokument på sagen: {row.filename}")
        return row.id


def documents(session: Session, citizen_id: int) -> list[DocumentView]:
    rows = session.execute(select(DocumentRow.id, DocumentRow.filename, DocumentRow.title, DocumentRow.media_type,
                                  DocumentRow.size, DocumentRow.uploaded_at, DocumentRow.uploaded_by)
                           .where(DocumentRow.citizen_id == citizen_id).order_by(DocumentRow.uploaded_at.desc()))
    return [DocumentView(*r) for r in rows]


def download_document(db: Database, user: User, document_id: int) -> tuple[str, str, bytes]:
    """(filename, media type, content); audited."""
    ensure_role(user, *WRITERS)
    with db.unit_of_work() as session:
        row = session.get(DocumentRow, document_id)
        if row is None:
            raise NotFound("Dokumentet findes ikke.")
        ensure_may_read_citizen(user, session.get(CitizenRow, row.citizen_id))
        audit.record_read(session, user, row.citizen_id, f"hentede dokument {row.id}: {row.filename}")
        return row.filename, row.media_type, row.content


def letter_pdf(db: Database, user: User, note_id: int) -> tuple[str, bytes]:
    """A letter kept in the journal, printed again as PDF; audited."""
    ensure_role(user, *WRITERS)
    with db.unit_of_work() as session:
        row = session.get(JournalNoteRow, note_id)
        if row is None or row.kind != "letter":
            raise NotFound("Brevet findes ikke.")
        citizen = session.get(CitizenRow, row.citizen_id)
        ensure_may_read_citizen(user, citizen)
        audit.record_read(session, user, citizen.id, f"hentede brev {row.id} som PDF")
        return f"brev-{row.id}.pdf", letters.render_pdf(session, user, citizen, letters.Letter.from_text(row.title,
                                                                                                       row.text))


def count_documents(session: Session, citizen_id: int) -> int:
    return session.scalar(select(func.count()).select_from(DocumentRow).where(DocumentRow.citizen_id == citizen_id))
