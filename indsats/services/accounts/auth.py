"""Local accounts: password hashing (Argon2) and log-in with throttling and an audit record.

Log-in does the same Argon2 work whether the username exists or not (a dummy hash is verified
for unknown names), so the answer time does not tell which usernames exist. Failed attempts are
stored (``login_failures``) and counted per username and per client within a window; past the
limit the username, or the client, is locked until the window has passed since its latest
failure — and every attempt while locked is itself a failure, so a guesser that keeps trying
keeps itself locked out. See docs/SECURITY.md for why this is a table and not an in-memory limiter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from indsats.domain import clock
from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.accounts.audit import AuditKind, record_event
from indsats.services.shared.errors import AuthenticationFailed
from indsats.settings import get_settings
from indsats.store.account_tables import LoginFailureRow
from indsats.store.db import Database
from indsats.store.tables import UserRow

WRONG_CREDENTIALS = "Forkert brugernavn eller adgangskode."
UNKNOWN_USER = "(ukendt bruger)"  # what the audit log shows for a name that is no account: it may be a password


class TooManyAttempts(AuthenticationFailed):
    """The username or the client has failed too often; answered with 429."""


@dataclass(frozen=True)
class LoginPolicy:
    window: timedelta = timedelta(minutes=15)
    max_failures_per_user: int = 5
    max_failures_per_client: int = 10

    @classmethod
    def from_settings(cls) -> LoginPolicy:
        s = get_settings()
        return cls(s.login_window, s.login_max_failures_per_user, s.login_max_failures_per_client)


def _profile():
    # RFC 9106's low-memory profile in production; the test suite sets INDSATS_FAST_PASSWORD_HASH=1
    # so that creating hundreds of test accounts does not dominate its run time.
    return profiles.CHEAPEST if get_settings().fast_password_hash else profiles.RFC_9106_LOW_MEMORY


_hasher = PasswordHasher.from_parameters(_profile())


@lru_cache(maxsize=4)
def _dummy_hash(hasher: PasswordHasher) -> str:
    return hasher.hash("ingen-bruger-har-denne-kode")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def _verify(password_hash: str | None, password: str) -> bool:
    """Argon2 verification; for an unknown user the dummy hash costs the same time and fails."""
    try:
        ok = _hasher.verify(password_hash or _dummy_hash(_hasher), password)
    except (VerificationError, InvalidHashError):
        return False
    return ok and password_hash is not None


def to_user(row: UserRow) -> User:
    return User(
        id=row.id,
        username=row.username,
        role=Role(row.role),
        municipality_code=row.municipality_code,
        display_name=row.display_name,
        caseworker_id=row.caseworker_id,
        citizen_id=row.citizen_id,
        company_cvr=row.company_cvr,
    )


def _failures(session: Session, column, value: str, since) -> int:
    return session.scalar(select(func.count()).select_from(LoginFailureRow)
                          .where(column == value, LoginFailureRow.at >= since)) or 0


def _refuse(db: Database, row: UserRow | None, username: str, client: str, why: str) -> None:
    """Record the failure and the audit row in their own transaction (the caller raises)."""
    with db.unit_of_work() as session:
        session.add(LoginFailureRow(at=clock.now(), username=username, client=client))
        record_event(session, AuditKind.LOGIN_FAILED, username=row.username if row else UNKNOWN_USER,
                     role=row.role if row else "", municipality_code=row.municipality_code if row else "",
                     action=f"log ind afvist ({why}), klient {client}")


def log_in(db: Database, username: str, password: str, client: str = "",
           policy: LoginPolicy | None = None) -> User:
    """Check the password; refuse (and record) when wrong, disabled, or locked by throttling."""
    policy = policy or LoginPolicy.from_settings()
    username = (username or "").strip()[:80]
    client = (client or "ukendt")[:64]
    with db.unit_of_work() as session:
        since = clock.now() - policy.window
        locked = (_failures(session, LoginFailureRow.username, username.lower(), since)
                  >= policy.max_failures_per_user
                  or _failures(session, LoginFailureRow.client, client, since) >= policy.max_failures_per_client)
        row = session.scalar(select(UserRow).where(UserRow.username == username))
        password_hash = row.password_hash if row is not None else None
    # The same Argon2 work in every case: locked, unknown, disabled, wrong or right.
    correct = _verify(password_hash, password)
    if locked:
        _refuse(db, row, username.lower(), client, "for mange forsøg")
        minutes = int(policy.window.total_seconds() // 60)
        raise TooManyAttempts(f"For mange mislykkede forsøg. Prøv igen om {minutes} minutter.")
    if not correct or row is None:
        _refuse(db, row, username.lower(), client, "forkert adgangskode" if row else "ukendt brugernavn")
        raise AuthenticationFailed(WRONG_CREDENTIALS)
    if row.disabled:
        _refuse(db, row, username.lower(), client, "kontoen er spærret")
        raise AuthenticationFailed("Kontoen er spærret. Kontakt din leder.")
    with db.unit_of_work() as session:
        session.execute(delete(LoginFailureRow).where(LoginFailureRow.username == username.lower()))
        record_event(session, AuditKind.LOGIN, username=row.username, role=row.role,
                     municipality_code=row.municipality_code, action=f"log ind, klient {client}")
    return to_user(row)


def authenticate(db: Database, username: str, password: str) -> User:
    """Only check a password — no session, no throttling, no audit row. For scripts and tests that
    need the ``User`` of an account; every interface that logs someone in calls ``log_in``."""
    with db.unit_of_work() as session:
        row = session.scalar(select(UserRow).where(UserRow.username == username.strip()))
        if row is None or row.disabled or not _verify(row.password_hash, password):
            raise AuthenticationFailed(WRONG_CREDENTIALS)
        return to_user(row)


def load_user(db: Database, user_id: int) -> User | None:
    with db.unit_of_work() as session:
        row = session.get(UserRow, user_id)
        return to_user(row) if row and not row.disabled else None


def create_user(session: Session, *, username: str, password: str, role: Role, municipality_code: str,
                display_name: str = "", caseworker_id: int | None = None, citizen_id: int | None = None,
                company_cvr: str | None = None, password_hash: str | None = None) -> UserRow:
    """A new account; ``password_hash`` (of ``password``) saves the Argon2 work where many accounts share
    one password (the demo's logins)."""
    row = UserRow(username=username, password_hash=password_hash or hash_password(password), role=role.value,
                  municipality_code=municipality_code, display_name=display_name or username,
                  caseworker_id=caseworker_id, citizen_id=citizen_id, company_cvr=company_cvr)
    session.add(row)
    session.flush()
    return row
