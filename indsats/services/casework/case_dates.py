"""Which dates belong to a citizen's case: a registration outside them is refused with the reason.

A date before 2015, before the citizen turned 15 or more than a year ahead cannot be a case
event; an event inside a case (a visitation, an exemption, a conversation) cannot lie before
the citizen's first benefit period. Opening events (the start of a benefit, the first
contact) may — they are what begins the case.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from indsats.domain import clock
from indsats.domain.formatting import dato
from indsats.services.shared.errors import InvalidField
from indsats.store.tables import BenefitSpellRow, CitizenRow

EARLIEST = date(2015, 1, 1)
MAX_AHEAD = timedelta(days=366)


def _fifteenth_birthday(birth: date) -> date:
    try:
        return birth.replace(year=birth.year + 15)
    except ValueError:  # born 29 February
        return date(birth.year + 15, 3, 1)


def first_spell_start(session: Session, citizen_id: int) -> date | None:
    return session.scalar(select(func.min(BenefitSpellRow.start)).where(BenefitSpellRow.citizen_id == citizen_id))


def check_case_date(session: Session, citizen: CitizenRow, day: date, field: str = "date",
                    opening: bool = False) -> None:
    """Raise InvalidField with a Danish reason when ``day`` lies outside the citizen's case."""
    if day < EARLIEST:
        raise InvalidField(field, f"Datoen {dato(day)} ligger før {dato(EARLIEST)}; så gamle hændelser "
                                  "registreres ikke i indsats.")
    adult = _fifteenth_birthday(citizen.birth_date)
    if day < adult:
        raise InvalidField(field, f"Datoen {dato(day)} ligger før borgeren fyldte 15 år ({dato(adult)}).")
    if day > clock.today() + MAX_AHEAD:
        raise InvalidField(field, f"Datoen {dato(day)} ligger mere end et år ude i fremtiden.")
    if opening:
        return
    first = first_spell_start(session, citizen.id)
    if first is None:
        raise InvalidField(field, "Borgeren har endnu ikke noget ydelsesforløb. Registrér først starten på en "
                                  "ydelse.")
    if day < first:
        raise InvalidField(field, f"Datoen {dato(day)} ligger før borgerens sag begyndte ({dato(first)}, "
                                  "første ydelsesforløb).")
