"""Account administration for a municipality's own users (the demo's accounts live in ``accounts``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from indsats.domain.enums import Role
from indsats.services.accounts.auth import create_user
from indsats.services.shared.errors import InvalidInput
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
                        f"CVR {u.company_cvr}" if u.company_cvr else "")
                for u in session.scalars(query)]
