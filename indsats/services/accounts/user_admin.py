"""Account administration for a municipality's own users: create, list, disable, reset a password."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.accounts.access import ensure_role
from indsats.services.accounts.audit import AuditKind, record_event
from indsats.services.accounts.auth import create_user, hash_password
from indsats.services.accounts.sessions import end_sessions_of_user
from indsats.services.shared.errors import InvalidInput, NotFound
from indsats.store.account_tables import LoginFailureRow
from indsats.store.company_tables import CompanyRow
from indsats.store.db import Database
from indsats.store.tables import CaseworkerRow, CitizenRow, MunicipalityRow, UserRow

MIN_PASSWORD_LENGTH = 10


@dataclass(frozen=True)
class Account:
    username: str
    role: str
    municipality_code: str
    display_name: str
    linked_to: str
    disabled: bool = False


def add_user(db: Database, *, username: str, password: str, role: Role, municipality_code: str,
             display_name: str = "", caseworker_id: int | None = None, citizen_id: int | None = None,
             company_cvr: str | None = None) -> None:
    """Create a local account; every link the role needs is checked against the store."""
    username = username.strip()
    if len(username) < 3:
        raise InvalidInput("Brugernavnet skal have mindst tre tegn.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(f"Adgangskoden skal have mindst {MIN_PASSWORD_LENGTH} tegn.")
    with db.unit_of_work() as session:
        if session.get(MunicipalityRow, municipality_code) is None:
            raise InvalidInput(f"Kommunekode {municipality_code} findes ikke i databasen.")
        if session.scalar(select(UserRow.id).where(UserRow.username == username)) is not None:
            raise InvalidInput(f"Brugernavnet {username!r} er optaget.")
        if role in (Role.CASEWORKER, Role.TEAM_LEADER) and caseworker_id is None:
            raise InvalidInput("En sagsbehandler eller teamleder skal knyttes til en sagsbehandler (--caseworker-id).")
        if role == Role.CITIZEN and citizen_id is None:
            raise InvalidInput("En borgerbruger skal knyttes til en borger (--citizen-id).")
        if role == Role.COMPANY and not company_cvr:
            raise InvalidInput("En virksomhedsbruger skal knyttes til et CVR-nummer (--company-cvr).")
        for row_type, key, label in ((CaseworkerRow, caseworker_id, "sagsbehandler"), (CitizenRow, citizen_id, "borger"),
                                     (CompanyRow, company_cvr, "virksomhed")):
            if key is None:
                continue
            row = session.get(row_type, key)
            if row is None or row.municipality_code != municipality_code:
                raise InvalidInput(f"Ingen {label} {key} i kommune {municipality_code}.")
        create_user(session, username=username, password=password, role=role, municipality_code=municipality_code,
                    display_name=display_name, caseworker_id=caseworker_id, citizen_id=citizen_id,
                    company_cvr=company_cvr)


def list_users(db: Database, municipality_code: str | None = None) -> list[Account]:
    with db.unit_of_work() as session:
        query = select(UserRow).order_by(UserRow.municipality_code, UserRow.username)
        if municipality_code:
            query = query.where(UserRow.municipality_code == municipality_code)
        return [Account(u.username, u.role, u.municipality_code, u.display_name,
                        f"sagsbehandler {u.caseworker_id}" if u.caseworker_id else
                        f"borger {u.citizen_id}" if u.citizen_id else
                        f"CVR {u.company_cvr}" if u.company_cvr else "", bool(u.disabled))
                for u in session.scalars(query)]


# --- disable an account, reset a password (CLI: ``indsats users``; managers: the page /brugere) ---

CLI_OPERATOR = "(kommandolinje)"


def _account_row(session: Session, username: str, by: User | None) -> UserRow:
    row = session.scalar(select(UserRow).where(UserRow.username == username.strip()))
    if row is None or (by is not None and row.municipality_code != by.municipality_code):
        raise NotFound(f"Ingen bruger ved navn {username!r}.")
    if by is not None:
        ensure_role(by, Role.MANAGER)
        if row.id == by.id:
            raise InvalidInput("Du kan ikke spærre eller nulstille din egen konto her.")
    return row


def _record(session: Session, row: UserRow, by: User | None, action: str) -> None:
    record_event(session, AuditKind.ACCOUNT, username=by.username if by else CLI_OPERATOR,
                 role=by.role.value if by else "", municipality_code=row.municipality_code, action=action)


def set_disabled(db: Database, username: str, disabled: bool, by: User | None = None) -> int:
    """Disable (or enable again) an account; disabling ends its open sessions, whose number is returned.
    ``by`` is the manager doing it (own municipality only); ``None`` is the command line."""
    with db.unit_of_work() as session:
        row = _account_row(session, username, by)
        row.disabled = disabled
        ended = end_sessions_of_user(session, row.id, "disabled") if disabled else 0
        _record(session, row, by, f"konto {'spærret' if disabled else 'genåbnet'}: {row.username}")
        return ended


def generate_password() -> str:
    """A temporary password to hand over: 4 groups of 4 letters and digits without look-alikes."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(4))


def reset_password(db: Database, username: str, new_password: str | None = None, by: User | None = None) -> str:
    """Set a new password (generated when none is given) and return it; the account's sessions end
    and its failed log-ins are forgotten (a locked account opens again)."""
    password = new_password or generate_password()
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(f"Adgangskoden skal have mindst {MIN_PASSWORD_LENGTH} tegn.")
    with db.unit_of_work() as session:
        row = _account_row(session, username, by)
        row.password_hash = hash_password(password)
        end_sessions_of_user(session, row.id, "password_reset")
        session.execute(delete(LoginFailureRow).where(LoginFailureRow.username == row.username.lower()))
        _record(session, row, by, f"adgangskode nulstillet: {row.username}")
    return password


@dataclass(frozen=True)
class ManagedAccount:
    username: str
    role: str
    display_name: str
    disabled: bool
    is_self: bool


def accounts_of_municipality(db: Database, manager: User) -> list[ManagedAccount]:
    """The manager's own municipality's accounts, for the page /brugere."""
    ensure_role(manager, Role.MANAGER)
    with db.unit_of_work() as session:
        rows = session.scalars(select(UserRow).where(UserRow.municipality_code == manager.municipality_code)
                               .order_by(UserRow.username))
        return [ManagedAccount(r.username, r.role, r.display_name, bool(r.disabled), r.id == manager.id)
                for r in rows]
