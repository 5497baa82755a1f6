"""The budget, entered costs and offer prices: read and written by the municipality's managers.

One use case = one transaction; a budget file is loaded all or nothing and replaces the
lines it names. Team leaders may read, managers also write.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import delete, select

from indsats.domain import clock
from indsats.domain.enums import OfferType, Role
from indsats.domain.models import User
from indsats.economy.budget import (
    AREA_DA,
    AREAS,
    ENTERED_AREAS,
    BudgetFileError,
    area_of,
    parse_amount,
    parse_budget_csv,
)
from indsats.store.db import Database
from indsats.store.economy_tables import BudgetLineRow, CostEntryRow, OfferPriceRow

from ..accounts.access import ensure_role
from ..shared.errors import InvalidInput
from ..shared.import_files import read_utf8_file
from ..shared.text_bounds import bounded

READERS = (Role.TEAM_LEADER, Role.MANAGER)
WRITERS = (Role.MANAGER,)
OFFER_TYPES = tuple(o.value for o in OfferType)


def _year(year: int) -> int:
    if not 2000 <= year <= 2100:
        raise InvalidInput(f"År {year} ligger uden for 2000-2100.")
    return year


def _month(month: int) -> int:
    if not 1 <= month <= 12:
        raise InvalidInput(f"Måned {month} skal være 1-12.")
    return month


class InvalidBudgetField(InvalidInput):
    """A bad amount in one field of the budget form (``field`` = the form field's name)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def _amount(text: str, field: str = "Beløb", name: str = "") -> Decimal:
    try:
        return parse_amount(str(text))
    except ValueError as exc:
        if name:
            raise InvalidBudgetField(name, f"{field}: {exc}") from None
        raise InvalidInput(f"{field}: {exc}") from None


def import_budget(db: Database, user: User, text: str, filename: str = "budget.csv") -> int:
    """Load a budget CSV (docs/ECONOMY.md) for the user's municipality: all lines or none."""
    ensure_role(user, *WRITERS)
    try:
        lines = parse_budget_csv(text, filename)
    except BudgetFileError as exc:
        raise InvalidInput(f"Budgetfilen afvist — {exc}") from None
    now = clock.now()
    with db.unit_of_work() as s:
        for ln in lines:
            s.execute(delete(BudgetLineRow).where(
                BudgetLineRow.municipality_code == user.municipality_code, BudgetLineRow.year == ln.year,
                BudgetLineRow.month == ln.month, BudgetLineRow.area == ln.area))
            s.add(BudgetLineRow(municipality_code=user.municipality_code, year=ln.year, month=ln.month,
                                area=ln.area, amount=ln.amount, updated_at=now))
    return len(lines)


def import_budget_bytes(db: Database, user: User, data: bytes, filename: str) -> int:
    """An uploaded budget file (UTF-8, with or without BOM)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InvalidInput(f"Budgetfilen afvist — {filename}: linje {line}: filen er ikke UTF-8") from None
    return import_budget(db, user, text, filename)


def import_budget_file(db: Database, user: User, path: str | Path) -> int:
    path, text = read_utf8_file(path, "Budgetfilen afvist")
    return import_budget(db, user, text, str(path))


def set_budget_month(db: Database, user: User, year: int, amounts: dict[tuple[str, int], str]) -> int:
    """Save the budget page's form: ``{(area, month): amount text}``; empty text deletes."""
    ensure_role(user, *WRITERS)
    _year(year)
    parsed: dict[tuple[str, int], Decimal | None] = {}
    for (area, month), text in amounts.items():
        if area not in AREAS:
            raise InvalidInput(f"Ukendt budgetområde {area!r}.")
        _month(month)
        parsed[(area, month)] = None if not str(text).strip() else _amount(text, f"{AREA_DA[area]}, måned {month}",
                                                                           f"{area}_{month}")
    now = clock.now()
    with db.unit_of_work() as s:
        for (area, month), amount in parsed.items():
            s.execute(delete(BudgetLineRow).where(
                BudgetLineRow.municipality_code == user.municipality_code, BudgetLineRow.year == year,
                BudgetLineRow.month == month, BudgetLineRow.area == area))
            if amount is not None:
                s.add(BudgetLineRow(municipality_code=user.municipality_code, year=year, month=month, area=area,
                                    amount=amount, updated_at=now))
    return sum(1 for v in parsed.values() if v is not None)


def budget(db: Database, user: User, year: int) -> dict[str, dict[int, float]]:
    """{area: {month: amount}} for the user's municipality (areas and months without a line absent)."""
    ensure_role(user, *READERS)
    out: dict[str, dict[int, float]] = {a: {} for a in AREAS}
    with db.unit_of_work() as s:
        for row in s.scalars(select(BudgetLineRow).where(
                BudgetLineRow.municipality_code == user.municipality_code, BudgetLineRow.year == year)):
            out[row.area][row.month] = float(row.amount)
    return out


@dataclass(frozen=True)
class CostEntry:
    id: int
    year: int
    month: int
    area: str
    amount: float
    note: str


def add_cost(db: Database, user: User, year: int, month: int, area: str, amount: str, note: str = "") -> None:
    """Enter an actual cost (løn, drift, or aktivering beyond the offer prices)."""
    ensure_role(user, *WRITERS)
    code = area_of(area)
    if code not in ENTERED_AREAS:
        raise InvalidInput("Område: udgifter indtastes for løn, drift eller aktivering; forsørgelse beregnes.")
    value = _amount(amount)
    note = bounded(note, 200, "note", "Note")
    with db.unit_of_work() as s:
        s.add(CostEntryRow(municipality_code=user.municipality_code, year=_year(year), month=_month(month),
                           area=code, amount=value, note=note, entered_at=clock.now()))


def costs(db: Database, user: User, year: int) -> list[CostEntry]:
    ensure_role(user, *READERS)
    with db.unit_of_work() as s:
        rows = s.scalars(select(CostEntryRow).where(
            CostEntryRow.municipality_code == user.municipality_code, CostEntryRow.year == year)
            .order_by(CostEntryRow.month, CostEntryRow.area, CostEntryRow.id)).all()
        return [CostEntry(r.id, r.year, r.month, r.area, float(r.amount), r.note) for r in rows]


@dataclass(frozen=True)
class OfferPrice:
    offer_type: str
    provider: str
    valid_from: date
    weekly_price: float


def set_offer_price(db: Database, user: User, offer_type: str, provider: str, valid_from: date,
                    weekly_price: str) -> None:
    """The price per week of an offer type from ``valid_from``; provider = CVR number or '' for all."""
    ensure_role(user, *WRITERS)
    if offer_type not in OFFER_TYPES:
        raise InvalidInput(f"Tilbudstype: {offer_type!r} er ikke en kendt tilbudstype.")
    provider = (provider or "").strip()
    if provider and not (provider.isdigit() and len(provider) == 8):
        raise InvalidInput("Leverandør: angiv et CVR-nummer på 8 cifre eller lad feltet stå tomt (alle).")
    price = _amount(weekly_price, "Pris pr. uge")
    with db.unit_of_work() as s:
        s.execute(delete(OfferPriceRow).where(
            OfferPriceRow.municipality_code == user.municipality_code, OfferPriceRow.offer_type == offer_type,
            OfferPriceRow.provider == provider, OfferPriceRow.valid_from == valid_from))
        s.add(OfferPriceRow(municipality_code=user.municipality_code, offer_type=offer_type, provider=provider,
                            valid_from=valid_from, weekly_price=price))


def offer_prices(db: Database, user: User) -> list[OfferPrice]:
    ensure_role(user, *READERS)
    with db.unit_of_work() as s:
        rows = s.scalars(select(OfferPriceRow).where(OfferPriceRow.municipality_code == user.municipality_code)
                         .order_by(OfferPriceRow.offer_type, OfferPriceRow.provider, OfferPriceRow.valid_from)).all()
        return [OfferPrice(r.offer_type, r.provider, r.valid_from, float(r.weekly_price)) for r in rows]
