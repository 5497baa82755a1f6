"""Company centres (virksomhedscentre): fixed internship places with a mentor, and who is placed.

A placement's ``end`` is exclusive (the first day out). Occupancy on a day is the
number of placements covering it against the agreed places; a centre cannot take more
than its places. Placements into one centre are serialised in the database: the first
statement of ``place`` locks the centre's row (an UPDATE, which takes the row lock on
PostgreSQL and the write lock on SQLite), so parallel requests count each other's places.
A placement is a disclosure to the company and is logged as one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from indsats.domain.models import User
from indsats.services.accounts.access import ensure_role
from indsats.services.accounts.audit import personal_data
from indsats.services.company.companies import COMPANY_STAFF, company_in_scope
from indsats.services.shared.errors import Conflict, InvalidInput, NotFound
from indsats.store.company_tables import CentrePlacementRow, CompanyCentreRow, CompanyRow
from indsats.store.db import Database
from indsats.store.tables import CitizenRow


@dataclass(frozen=True)
class Placement:
    id: int
    citizen_id: int
    name: str
    start: date
    end: date | None


@dataclass(frozen=True)
class CentreView:
    id: int
    company_cvr: str
    company_name: str
    name: str
    places: int
    mentor_name: str
    start: date
    end: date | None
    placed: list[Placement]

    @property
    def occupancy(self) -> float:
        return len(self.placed) / self.places if self.places else 0.0


def _covers(start: date, end: date | None, day: date) -> bool:
    return start <= day and (end is None or day < end)


def create_centre(db: Database, user: User, cvr: str, name: str, places: int, mentor_name: str, start: date,
                  end: date | None = None) -> int:
    ensure_role(user, *COMPANY_STAFF)
    if places < 1:
        raise InvalidInput("Et virksomhedscenter skal have mindst én fast plads.")
    if end is not None and end <= start:
        raise InvalidInput("Slutdatoen skal ligge efter startdatoen.")
    with db.unit_of_work() as session:
        company_in_scope(session, user, cvr)
        row = CompanyCentreRow(company_cvr=cvr, name=name.strip() or "Virksomhedscenter", places=places,
                               mentor_name=mentor_name.strip(), start=start, end=end)
        session.add(row)
        session.flush()
        return row.id


def _centre_in_scope(session: Session, user: User, centre_id: int) -> CompanyCentreRow:
    centre = session.get(CompanyCentreRow, centre_id)
    if centre is None:
        raise NotFound("Virksomhedscentret findes ikke.")
    company_in_scope(session, user, centre.company_cvr)
    return centre


def _citizen_by_name_or_cpr(session: Session, user: User, who: str) -> CitizenRow:
    """The one citizen of the municipality with this CPR number (with or without dash) or full name."""
    text = " ".join((who or "").split())
    if len(text) < 2:
        raise InvalidInput("Skriv borgerens navn eller CPR-nummer.")
    query = select(CitizenRow).where(CitizenRow.municipality_code == user.municipality_code)
    digits = text.replace("-", "")
    if digits.isdigit():
        if len(digits) != 10:
            raise InvalidInput("Et CPR-nummer har 10 cifre.")
        query = query.where(CitizenRow.cpr == digits)
    else:
        full_name = CitizenRow.first_name + " " + CitizenRow.last_name
        query = query.where(func.lower(full_name) == text.lower())
    found = session.scalars(query.limit(2)).all()
    if not found:
        raise InvalidInput(f"Ingen borger i kommunen med navnet eller CPR-nummeret «{text}»."
                           if not digits.isdigit() else "Ingen borger i kommunen har det CPR-nummer.")
    if len(found) > 1:
        raise InvalidInput(f"Flere borgere hedder «{text}»; brug CPR-nummeret.")
    return found[0]


def place(db: Database, user: User, centre_id: int, citizen_id: int | None, start: date, who: str = "") -> int:
    """Place a citizen — by id, or by name or CPR number (``who``) — in a centre from ``start``;
    refused when every place is taken that day."""
    ensure_role(user, *COMPANY_STAFF)
    with personal_data(db, user, f"placeret i virksomhedscenter {centre_id}") as access:  # a disclosure
        session = access.session
        session.execute(update(CompanyCentreRow).where(CompanyCentreRow.id == centre_id)
                        .values(places=CompanyCentreRow.places))  # the lock: one placement at a time
        centre = _centre_in_scope(session, user, centre_id)
        if citizen_id is None:
            citizen_id = _citizen_by_name_or_cpr(session, user, who).id
        access.citizen(citizen_id, lambda u, c: c.municipality_code == u.municipality_code,
                       "Borgeren findes ikke i kommunen.")
        if not _covers(centre.start, centre.end, start):
            raise InvalidInput("Centret er ikke i drift på startdatoen.")
        current = [p for p in session.scalars(select(CentrePlacementRow).where(CentrePlacementRow.centre_id == centre_id))
                   if _covers(p.start, p.end, start)]
        if any(p.citizen_id == citizen_id for p in current):
            raise Conflict("Borgeren er allerede placeret i centret.")
        if len(current) >= centre.places:
            raise Conflict(f"Alle {centre.places} pladser er optaget.")
        access.disclose(citizen_id, centre.company_cvr)
        row = CentrePlacementRow(centre_id=centre_id, citizen_id=citizen_id, start=start)
        session.add(row)
        session.flush()
        return row.id


def end_placement(db: Database, user: User, placement_id: int, end: date) -> None:
    ensure_role(user, *COMPANY_STAFF)
    with db.unit_of_work() as session:
        row = session.get(CentrePlacementRow, placement_id)
        if row is None:
            raise NotFound("Placeringen findes ikke.")
        _centre_in_scope(session, user, row.centre_id)
        if end <= row.start:
            raise InvalidInput("Slutdatoen skal ligge efter startdatoen.")
        row.end = end


def centres(db: Database, user: User, as_of: date) -> list[CentreView]:
    """The municipality's centres with the citizens placed on ``as_of`` (reads are logged)."""
    ensure_role(user, *COMPANY_STAFF)
    with personal_data(db, user, "virksomhedscentre") as access:
        session = access.session
        rows = session.execute(select(CompanyCentreRow, CompanyRow.name)
                               .join(CompanyRow, CompanyRow.cvr == CompanyCentreRow.company_cvr)
                               .where(CompanyRow.municipality_code == user.municipality_code)
                               .order_by(CompanyCentreRow.name)).all()
        placements = session.execute(select(CentrePlacementRow, CitizenRow)
                                     .join(CitizenRow, CitizenRow.id == CentrePlacementRow.citizen_id)
                                     .where(CentrePlacementRow.centre_id.in_([c.id for c, _ in rows]))
                                     .order_by(CentrePlacementRow.start)).all()
        by_centre: dict[int, list[Placement]] = {}
        for p, citizen in placements:
            if _covers(p.start, p.end, as_of):
                by_centre.setdefault(p.centre_id, []).append(
                    Placement(p.id, citizen.id, f"{citizen.first_name} {citizen.last_name}", p.start, p.end))
        access.touch(p.citizen_id for ps in by_centre.values() for p in ps)
        return [CentreView(c.id, c.company_cvr, name, c.name, c.places, c.mentor_name, c.start, c.end,
                           by_centre.get(c.id, [])) for c, name in rows]
