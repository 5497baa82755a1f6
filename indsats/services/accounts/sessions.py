"""Sessions kept on the server: a random token in the cookie, a row in ``login_sessions``.

A session ends at log-out, after ``idle`` without a request, ``absolute`` after log-in, when the
account is disabled or its password reset; an ended session never opens again, so a copy of the
cookie taken before log-out is worth nothing. Log-in always starts a new session (a new token: the
session id is rotated), and each session has its own CSRF token.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from indsats.domain import clock
from indsats.domain.models import User
from indsats.services.accounts.audit import AuditKind, record_event
from indsats.services.accounts.auth import to_user
from indsats.store.account_tables import LoginSessionRow
from indsats.store.db import Database
from indsats.store.tables import UserRow

#: ``last_seen_at`` is written at most this often, so a page with many htmx requests is not a write each.
TOUCH_EVERY = timedelta(seconds=30)


@dataclass(frozen=True)
class SessionPolicy:
    idle: timedelta = timedelta(minutes=30)
    absolute: timedelta = timedelta(hours=8)


@dataclass(frozen=True)
class ActiveSession:
    user: User
    csrf_token: str
    started: datetime
    has_flashes: bool = False  # messages after a form wait in the row (``push_flash``)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _aware(value: datetime) -> datetime:
    """SQLite gives back naive datetimes; they were written in UTC."""
    return value if value.tzinfo else value.replace(tzinfo=clock.now().tzinfo)


def start_session(db: Database, user: User, client: str = "", previous_token: str | None = None,
                  id_token: str | None = None) -> tuple[str, ActiveSession]:
    """A new session for a user who has just logged in; a session the browser still held ends.
    ``id_token``: the provider's ID token after an OpenID Connect log-in (for the log-out there)."""
    token = secrets.token_urlsafe(32)
    now = clock.now()
    csrf = secrets.token_urlsafe(32)
    with db.unit_of_work() as session:
        if previous_token:
            _end(session, _hash(previous_token), "rotated", now)
        session.add(LoginSessionRow(token_hash=_hash(token), user_id=user.id, csrf_token=csrf, created_at=now,
                                    last_seen_at=now, client=(client or "")[:64], id_token=id_token or None))
    return token, ActiveSession(user=user, csrf_token=csrf, started=now)


def _open_row(session: Session, token: str) -> LoginSessionRow | None:
    """The session row behind ``token`` while it has not ended."""
    row = session.get(LoginSessionRow, _hash(token))
    return None if row is None or row.ended_at is not None else row


def resume_session(db: Database, token: str | None, policy: SessionPolicy) -> ActiveSession | None:
    """The session behind a cookie, or ``None`` when there is none, it has ended or timed out."""
    if not token or len(token) > 200:
        return None
    now = clock.now()
    with db.unit_of_work() as session:
        found = session.execute(select(LoginSessionRow, UserRow).outerjoin(UserRow, UserRow.id == LoginSessionRow.user_id)
                                .where(LoginSessionRow.token_hash == _hash(token))).first()
        row, user_row = found if found else (None, None)  # one query on every request, the account with it
        if row is None or row.ended_at is not None:
            return None
        if now - _aware(row.last_seen_at) > policy.idle:
            _end(session, row.token_hash, "idle", now)
            return None
        if now - _aware(row.created_at) > policy.absolute:
            _end(session, row.token_hash, "absolute", now)
            return None
        if user_row is None or user_row.disabled:
            _end(session, row.token_hash, "disabled", now)
            return None
        if now - _aware(row.last_seen_at) > TOUCH_EVERY:
            row.last_seen_at = now
        return ActiveSession(user=to_user(user_row), csrf_token=row.csrf_token, started=_aware(row.created_at),
                             has_flashes=bool(row.flashes))


def end_session(db: Database, token: str | None, client: str = "") -> str | None:
    """Log-out: the session ends for good and the log-out is in the audit log. Returns the
    provider's ID token when the session began with OpenID Connect (for the log-out there)."""
    if not token:
        return None
    now = clock.now()
    with db.unit_of_work() as session:
        row = _open_row(session, token)
        if row is None:
            return None
        id_token = row.id_token
        _end(session, row.token_hash, "logout", now)
        user_row = session.get(UserRow, row.user_id)
        if user_row is not None:
            record_event(session, AuditKind.LOGOUT, username=user_row.username, role=user_row.role,
                         municipality_code=user_row.municipality_code, action=f"log ud, klient {client or 'ukendt'}")
    return id_token


def end_sessions_of_user(session: Session, user_id: int, reason: str) -> int:
    """Every open session of an account (disabled, password reset); returns how many ended."""
    result = session.execute(update(LoginSessionRow)
                             .where(LoginSessionRow.user_id == user_id, LoginSessionRow.ended_at.is_(None))
                             .values(ended_at=clock.now(), ended_reason=reason, id_token=None))
    return result.rowcount or 0


MAX_FLASHES = 5
MAX_FLASH_LENGTH = 1000


def push_flash(db: Database, token: str | None, message: str) -> None:
    """A message shown once on the session's next page; kept in the session's row, not in a cookie."""
    if not token:
        return
    with db.unit_of_work() as session:
        row = _open_row(session, token)
        if row is None:
            return
        messages = json.loads(row.flashes) if row.flashes else []
        row.flashes = json.dumps([*messages, message[:MAX_FLASH_LENGTH]][-MAX_FLASHES:], ensure_ascii=False)


def pop_flashes(db: Database, token: str | None) -> list[str]:
    """The session's waiting messages, removed as they are read."""
    if not token:
        return []
    with db.unit_of_work() as session:
        row = session.get(LoginSessionRow, _hash(token))
        if row is None or not row.flashes:
            return []
        messages = [str(m) for m in json.loads(row.flashes)]
        row.flashes = None
        return messages


def open_sessions(db: Database, user_id: int) -> int:
    with db.unit_of_work() as session:
        return len(session.scalars(select(LoginSessionRow.token_hash).where(
            LoginSessionRow.user_id == user_id, LoginSessionRow.ended_at.is_(None))).all())


def _end(session: Session, token_hash: str, reason: str, now: datetime) -> None:
    session.execute(update(LoginSessionRow)
                    .where(LoginSessionRow.token_hash == token_hash, LoginSessionRow.ended_at.is_(None))
                    .values(ended_at=now, ended_reason=reason, id_token=None))
