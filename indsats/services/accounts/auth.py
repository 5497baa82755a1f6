"""Local accounts: password hashing (Argon2) and log-in."""

from __future__ import annotations

import os

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.shared.errors import AuthenticationFailed
from indsats.store.db import Database
from indsats.store.tables import UserRow

# RFC 9106's low-memory profile in production; the test suite sets INDSATS_FAST_PASSWORD_HASH=1
# so that creating hundreds of test accounts does not dominate its run time.
_hasher = (PasswordHasher.from_parameters(profiles.CHEAPEST) if os.environ.get("INDSATS_FAST_PASSWORD_HASH") == "1"
           else PasswordHasher.from_parameters(profiles.RFC_9106_LOW_MEMORY))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


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


def authenticate(db: Database, username: str, password: str) -> User:
    with db.unit_of_work() as session:
        row = session.scalar(select(UserRow).where(UserRow.username == username.strip()))
        try:
            if row is None or not _hasher.verify(row.password_hash, password):
                raise AuthenticationFailed("Forkert brugernavn eller adgangskode.")
        except (VerificationError, InvalidHashError) as exc:
            raise AuthenticationFailed("Forkert brugernavn eller adgangskode.") from exc
        return to_user(row)


def load_user(db: Database, user_id: int) -> User | None:
    with db.unit_of_work() as session:
        row = session.get(UserRow, user_id)
        return to_user(row) if row else None


def create_user(session: Session, *, username: str, password: str, role: Role, municipality_code: str,
                display_name: str = "", caseworker_id: int | None = None, citizen_id: int | None = None,
                company_cvr: str | None = None) -> UserRow:
    row = UserRow(username=username, password_hash=hash_password(password), role=role.value,
                  municipality_code=municipality_code, display_name=display_name or username,
                  caseworker_id=caseworker_id, citizen_id=citizen_id, company_cvr=company_cvr)
    session.add(row)
    session.flush()
    return row
