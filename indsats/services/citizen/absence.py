"""Syg, rask og ferie: the citizen's own report becomes the exemption event the law engine reads.

Sick and holiday go through the caseworker's registration (``registrations.write_in_session`` with
``registration_forms.Exemption``: ``exemption_start`` with the reason, and for a holiday its end);
well again is the ``exemption_end`` of the open sickness. Both refresh the kept obligations in the
same transaction, so the deadlines move at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from indsats.domain import clock
from indsats.domain.enums import CaseEventType
from indsats.domain.models import User
from indsats.services.accounts import audit
from indsats.services.casework import registration_forms as forms
from indsats.services.casework.case_dates import InvalidField, check_case_date
from indsats.services.casework.obligation_store import refresh_citizen
from indsats.services.casework.registrations import write_in_session
from indsats.services.citizen.own import citizen_self
from indsats.services.shared.errors import InvalidInput
from indsats.services.shared.validation_da import message_da
from indsats.store.db import Database
from indsats.store.tables import CaseEventRow

KINDS_DA = {"sick": "Jeg er syg", "well": "Jeg er rask igen", "holiday": "Jeg holder ferie"}


class AbsenceErrors(InvalidInput):
    def __init__(self, errors: dict[str, str]):
        super().__init__("Tjek de markerede felter.")
        self.errors = errors


@dataclass(frozen=True)
class Period:
    reason: str
    start: date
    end: date | None


def _periods(session: Session, citizen_id: int) -> list[Period]:
    """The citizen's exemptions for sickness or holiday, newest first (an end pairs with the start before it)."""
    rows = session.scalars(select(CaseEventRow).where(
        CaseEventRow.citizen_id == citizen_id,
        CaseEventRow.type.in_([CaseEventType.EXEMPTION_START.value, CaseEventType.EXEMPTION_END.value]))
        .order_by(CaseEventRow.date, CaseEventRow.id)).all()
    periods: list[list] = []
    for row in rows:
        reason = (row.data or {}).get("reason")
        if reason not in ("sickness", "holiday"):
            continue
        if row.type == CaseEventType.EXEMPTION_START.value:
            periods.append([reason, row.date, None])
        else:
            open_ = next((p for p in reversed(periods) if p[0] == reason and p[2] is None), None)
            if open_ is not None:
                open_[2] = row.date
    return [Period(*p) for p in reversed(periods)]


def my_absences(db: Database, user: User) -> list[Period]:
    with citizen_self(db, user) as (session, citizen):
        return _periods(session, citizen.id)


def _day(text: str, field: str, errors: dict[str, str]) -> date | None:
    try:
        return date.fromisoformat((text or "").strip())
    except ValueError:
        errors[field] = "Skriv datoen som åååå-mm-dd."
        return None


def report(db: Database, user: User, kind: str, start: str, end: str = "") -> None:
    """Report sick (from ``start``), well again (on ``start``) or a holiday (``start`` to the day before ``end``)."""
    errors: dict[str, str] = {}
    if kind not in KINDS_DA:
        raise AbsenceErrors({"kind": "Vælg, hvad du vil melde."})
    day = _day(start, "start", errors)
    last = _day(end, "end", errors) if kind == "holiday" else None
    if errors:
        raise AbsenceErrors(errors)
    today = clock.today()
    if kind in ("sick", "well") and day > today:
        raise AbsenceErrors({"start": "Du kan ikke melde dig syg eller rask i fremtiden."})
    with citizen_self(db, user) as (session, citizen):
        open_sick = next((p for p in _periods(session, citizen.id) if p.reason == "sickness" and p.end is None), None)
        try:
            if kind == "well":
                if open_sick is None:
                    raise AbsenceErrors({"kind": "Du er ikke meldt syg hos jobcentret."})
                if day <= open_sick.start:
                    raise AbsenceErrors({"start": "Du skal være rask efter den dag, du blev syg."})
                check_case_date(session, citizen, day, field="start")
                session.add(CaseEventRow(citizen_id=citizen.id, date=day, type=CaseEventType.EXEMPTION_END.value,
                                         data={"reason": "sickness", "by": "citizen"}))
                session.flush()
                audit.record_read(session, user, citizen.id, f"borgeren meldte sig rask {day.isoformat()}")
                refresh_citizen(session, citizen.id)
                return
            if kind == "sick" and open_sick is not None:
                raise AbsenceErrors({"kind": "Du er allerede meldt syg. Meld dig rask, når du er rask igen."})
            reason = forms.ExemptionReason.SICKNESS if kind == "sick" else forms.ExemptionReason.HOLIDAY
            try:
                reg = forms.Exemption(date=day, end=last + timedelta(days=1) if last else None, reason=reason,
                                      note="Meldt af borgeren selv")
            except ValidationError as exc:
                err = exc.errors()[0]
                raise AbsenceErrors({"end" if err["loc"] and err["loc"][0] == "end" else "start": message_da(err)}) \
                    from None
            write_in_session(session, user, citizen, reg)
        except InvalidField as exc:
            raise AbsenceErrors({"start" if exc.field in ("date", "start") else "end": str(exc)}) from None



