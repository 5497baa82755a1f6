"""Recording the daily casework: conversations held or booked, offers, other timeline events.

Each use case is one transaction that checks the caseworker's access to the citizen and
records what was done; the citizen's kept obligations are recomputed by the law engine in the
same transaction (``obligation_store.refresh_citizen``), so a recorded event shows in the
worklists at once.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from indsats.domain import clock
from indsats.domain.enums import CaseEventType, ConversationKind, ConversationStatus, OfferType, Role
from indsats.domain.models import User
from indsats.law.timeline import TimelineError, parse_event
from indsats.services.accounts import audit
from indsats.services.accounts.access import ensure_may_read_citizen, ensure_role
from indsats.services.casework.case_dates import check_case_date
from indsats.services.casework.obligation_store import refresh_citizen
from indsats.services.shared.errors import InvalidInput, NotFound
from indsats.store.db import Database
from indsats.store.tables import CaseEventRow, CitizenPlanRow, CitizenRow, ConversationRow, OfferRow

WRITERS = (Role.CASEWORKER, Role.TEAM_LEADER)


def citizen_for_write(session: Session, user: User, citizen_id: int) -> CitizenRow:
    ensure_role(user, *WRITERS)
    citizen = session.get(CitizenRow, citizen_id)
    if citizen is None:
        raise NotFound("Borgeren findes ikke.")
    ensure_may_read_citizen(user, citizen)
    return citizen


def _keep(session: Session, user: User, citizen_id: int, row: ConversationRow | OfferRow | CaseEventRow,
          what: str) -> int:
    """Add what was recorded, audit it, refresh the citizen's kept obligations; the new row's id."""
    session.add(row)
    session.flush()
    audit.record_read(session, user, citizen_id, what)
    refresh_citizen(session, citizen_id)
    return row.id


def record_conversation(db: Database, user: User, citizen_id: int, day: date, kind: ConversationKind,
                        status: ConversationStatus, note: str = "") -> int:
    """Register a job conversation (samtale) held, booked, cancelled or missed."""
    if status == ConversationStatus.HELD and day > clock.today():
        raise InvalidInput("En afholdt samtale kan ikke ligge i fremtiden; vælg status «Booket».")
    with db.unit_of_work() as session:
        citizen_for_write(session, user, citizen_id)
        row = ConversationRow(citizen_id=citizen_id, date=day, kind=kind.value, status=status.value,
                              caseworker_id=user.caseworker_id, note=note.strip())
        return _keep(session, user, citizen_id, row, f"registrerede samtale {day.isoformat()}")


def record_offer(db: Database, user: User, citizen_id: int, offer_type: OfferType, start: date,
                 end: date | None, hours_per_week: float, company_cvr: str | None = None) -> int:
    """Register an active offer (aktivt tilbud); ``end`` is the first day after the offer."""
    if end is not None and end <= start:
        raise InvalidInput("Slutdatoen skal ligge efter startdatoen.")
    if not 0 <= hours_per_week <= 60:
        raise InvalidInput("Timer pr. uge skal være mellem 0 og 60.")
    if company_cvr and not (company_cvr.isdigit() and len(company_cvr) == 8):
        raise InvalidInput("CVR-nummeret skal have 8 cifre.")
    with db.unit_of_work() as session:
        citizen_for_write(session, user, citizen_id)
        row = OfferRow(citizen_id=citizen_id, offer_type=offer_type.value, start=start, end=end,
                       hours_per_week=hours_per_week, company_cvr=company_cvr or None, given_on=clock.today())
        return _keep(session, user, citizen_id, row, f"registrerede tilbud {offer_type.value}")


def record_event(db: Database, user: User, citizen_id: int, event_type: CaseEventType, day: date,
                 data: dict | None = None) -> int:
    """Register another timeline event in the contract's form; the law engine's own check refuses bad data."""
    try:
        parse_event(1, {**(data or {}), "type": event_type.value, "date": day})
    except TimelineError as exc:
        raise InvalidInput(f"Hændelsen kan ikke læses af lovmotoren: {exc}") from None
    with db.unit_of_work() as session:
        citizen = citizen_for_write(session, user, citizen_id)
        check_case_date(session, citizen, day, opening=event_type == CaseEventType.FIRST_CONTACT)
        row = CaseEventRow(citizen_id=citizen_id, date=day, type=event_type.value, data=data or {})
        return _keep(session, user, citizen_id, row, f"registrerede hændelse {event_type.value}")


def update_plan(db: Database, user: User, citizen_id: int, goal: str, activities: list[str]) -> None:
    """Min Plan: the caseworker records the goal and the agreed activities the citizen sees."""
    goal = goal.strip()
    if len(goal) < 3:
        raise InvalidInput("Skriv borgerens mål (mindst tre tegn).")
    activities = [a.strip() for a in activities if a.strip()]
    with db.unit_of_work() as session:
        citizen_for_write(session, user, citizen_id)
        plan = session.scalar(select(CitizenPlanRow).where(CitizenPlanRow.citizen_id == citizen_id))
        if plan is None:
            plan = CitizenPlanRow(citizen_id=citizen_id, goal=goal)
            session.add(plan)
        plan.goal, plan.activities, plan.updated = goal, activities, clock.today()
        audit.record_read(session, user, citizen_id, "opdaterede planen")


MAX_WISH = 300  # the citizen's topic for a requested conversation (the form's maxlength)


def request_conversation(db: Database, user: User, day: date | None = None, wish: str = "") -> int:
    """Selvbetjening: the citizen asks for a conversation (LAB § 32, stk. 1: the right to one on request)."""
    ensure_role(user, Role.CITIZEN)
    if user.citizen_id is None:
        raise NotFound("Din bruger er ikke knyttet til en sag.")
    wish = (wish or "").strip()
    if len(wish) > MAX_WISH:
        raise InvalidInput(f"Emnet må højst være {MAX_WISH} tegn (det er {len(wish)}); skriv resten til samtalen.")
    with db.unit_of_work() as session:
        row = CaseEventRow(citizen_id=user.citizen_id, date=day or clock.today(),
                           type=CaseEventType.CONVERSATION_REQUESTED.value,
                           data={"by": "citizen", **({"wish": wish} if wish else {})})
        return _keep(session, user, user.citizen_id, row, "borgeren bad om en samtale")
