"""Availability cases (rådighedssager): a missed meeting or a refused offer, the hearing, the answer, the decision.

Each stage has its own deadline (local practice, shown on the case): the hearing letter
(partshøring) within 7 days of the event, the citizen's answer within 7 days of the
letter, the decision within 7 days of the answer (or of the answer deadline). The decision
is no consequence, a sanction with the law's reduction (non-insured benefits), or a
referral to the unemployment fund (insured citizens, LAB § 21 b).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from indsats.domain import clock
from indsats.domain.formatting import dato
from indsats.domain.models import User
from indsats.services.accounts import audit
from indsats.services.accounts.access import ensure_may_read_citizen
from indsats.services.casework import letters
from indsats.services.casework.recording import citizen_for_write
from indsats.services.shared.errors import InvalidInput, NotFound
from indsats.store.casework_tables import AvailabilityCaseRow
from indsats.store.db import Database
from indsats.store.tables import CitizenRow

STEP = timedelta(days=7)
CAUSE_DA = {"missed_meeting": "Udeblevet fra samtale", "refused_offer": "Afslået tilbud"}
DECISION_DA = {"no_consequence": "Ingen konsekvens", "sanction": "Sanktion (fradrag i ydelsen)",
               "fund_referral": "Sendt til a-kassen"}
SANCTION_BENEFITS = frozenset({"cash_benefit", "education_benefit", "integration_benefit", "sickness_benefit"})


@dataclass(frozen=True)
class AvailabilityView:
    id: int
    citizen_id: int
    cause: str
    cause_da: str
    cause_date: date
    opened_on: date
    stage: str  # hearing, answer, decision, decided
    stage_da: str
    deadline: date | None
    overdue: bool
    hearing_sent_on: date | None
    answer: str
    answer_received_on: date | None
    decision: str | None
    decision_da: str
    decision_reason: str
    reduction: str
    decided_on: date | None


def _stage(row: AvailabilityCaseRow) -> tuple[str, str]:
    if row.decision:
        return "decided", "Afgjort"
    if row.hearing_sent_on is None:
        return "hearing", "Partshøring skal sendes"
    if row.answer_received_on is None and clock.today() <= (row.answer_deadline or clock.today()):
        return "answer", "Afventer borgerens svar"
    return "decision", "Afgørelse skal træffes"


def view(row: AvailabilityCaseRow) -> AvailabilityView:
    stage, stage_da = _stage(row)
    deadline = None if stage == "decided" else row.deadline
    return AvailabilityView(
        id=row.id, citizen_id=row.citizen_id, cause=row.cause, cause_da=CAUSE_DA.get(row.cause, row.cause),
        cause_date=row.cause_date, opened_on=row.opened_on, stage=stage, stage_da=stage_da, deadline=deadline,
        overdue=deadline is not None and deadline < clock.today(), hearing_sent_on=row.hearing_sent_on,
        answer=row.answer, answer_received_on=row.answer_received_on, decision=row.decision,
        decision_da=DECISION_DA.get(row.decision or "", ""), decision_reason=row.decision_reason,
        reduction=row.reduction, decided_on=row.decided_on)


def open_case_in_session(session: Session, user: User, citizen: CitizenRow, cause: str, cause_date: date,
                         appointment_id: int | None = None) -> int:
    row = AvailabilityCaseRow(citizen_id=citizen.id, opened_on=clock.today(), cause=cause, cause_date=cause_date,
                              appointment_id=appointment_id, deadline=max(cause_date, clock.today()) + STEP,
                              caseworker_id=user.caseworker_id or citizen.caseworker_id)
    session.add(row)
    session.flush()
    audit.record_read(session, user, citizen.id, f"åbnede rådighedssag: {CAUSE_DA[cause].lower()}")
    return row.id


def open_case(db: Database, user: User, citizen_id: int, cause: str, cause_date: date) -> int:
    """Open a case by hand (e.g. a refused offer)."""
    if cause not in CAUSE_DA:
        raise InvalidInput("Vælg årsagen: udeblevet fra samtale eller afslået tilbud.")
    if cause_date > clock.today():
        raise InvalidInput("Hændelsen kan ikke ligge i fremtiden.")
    with db.unit_of_work() as session:
        citizen = citizen_for_write(session, user, citizen_id)
        return open_case_in_session(session, user, citizen, cause, cause_date)


def _case_for_write(session: Session, user: User, case_id: int) -> tuple[AvailabilityCaseRow, CitizenRow]:
    row = session.get(AvailabilityCaseRow, case_id)
    if row is None:
        raise NotFound("Rådighedssagen findes ikke.")
    citizen = citizen_for_write(session, user, row.citizen_id)
    if row.decision:
        raise InvalidInput("Sagen er afgjort.")
    return row, citizen


def hearing_letter(row: AvailabilityCaseRow) -> letters.Letter:
    what = CAUSE_DA[row.cause].lower()
    return letters.Letter("Partshøring om din rådighed", [
        ("Hvad sagen drejer sig om", f"Vi har registreret, at du den {dato(row.cause_date)}: {what}."),
        ("Hvad vi overvejer", "Vi overvejer, om det skal have betydning for din ydelse. Før vi træffer afgørelse, "
                              "har du ret til at komme med dine bemærkninger (forvaltningsloven § 19)."),
        ("Frist for dit svar", f"Send dine bemærkninger senest {dato(row.answer_deadline)}. Hvis du havde en "
                               "rimelig grund, fx sygdom, så fortæl os det."),
    ])


def send_hearing(db: Database, user: User, case_id: int) -> int:
    """Send the hearing letter (partshøring): kept in the journal (its id returned, for the PDF),
    the answer deadline 7 days on."""
    with db.unit_of_work() as session:
        row, citizen = _case_for_write(session, user, case_id)
        if row.hearing_sent_on is not None:
            raise InvalidInput(f"Partshøringen er sendt {dato(row.hearing_sent_on)}.")
        row.hearing_sent_on = clock.today()
        row.answer_deadline = row.deadline = clock.today() + STEP
        note = letters.keep_in_journal(session, user, citizen.id, hearing_letter(row))
        audit.record_read(session, user, citizen.id, "sendte partshøring (rådighed)")
        return note.id


def record_answer(db: Database, user: User, case_id: int, answer: str, received_on: date) -> None:
    answer = (answer or "").strip()
    if len(answer) < 2:
        raise InvalidInput("Skriv borgerens svar (eller at borgeren ikke har svaret).")
    if received_on > clock.today():
        raise InvalidInput("Svaret kan ikke være modtaget i fremtiden.")
    with db.unit_of_work() as session:
        row, citizen = _case_for_write(session, user, case_id)
        if row.hearing_sent_on is None or received_on < row.hearing_sent_on:
            raise InvalidInput("Svaret kan først modtages, når partshøringen er sendt.")
        row.answer, row.answer_received_on = answer[:4000], received_on
        row.deadline = received_on + STEP
        audit.record_read(session, user, citizen.id, "registrerede svar på partshøring")


def decide(db: Database, user: User, case_id: int, decision: str, reason: str, reduction_days: int | None = None
           ) -> None:
    """The decision; a sanction only for a non-insured benefit (with the reduction), a referral only for dagpenge."""
    from indsats.services.casework.letters import _current_benefit

    if decision not in DECISION_DA:
        raise InvalidInput("Vælg en afgørelse.")
    reason = (reason or "").strip()
    if len(reason) < 3:
        raise InvalidInput("Begrund afgørelsen.")
    with db.unit_of_work() as session:
        row, citizen = _case_for_write(session, user, case_id)
        if row.hearing_sent_on is None:
            raise InvalidInput("Send partshøringen, før der træffes afgørelse.")
        benefit = _current_benefit(session, citizen.id, row.cause_date)
        if decision == "fund_referral" and benefit != "unemployment_benefit":
            raise InvalidInput("Kun forsikrede ledige (dagpenge) sendes til a-kassen; vælg sanktion eller ingen "
                               "konsekvens.")
        if decision == "sanction":
            if benefit not in SANCTION_BENEFITS:
                raise InvalidInput("For forsikrede ledige træffer a-kassen afgørelsen; vælg «Sendt til a-kassen».")
            if reduction_days is None or not 1 <= reduction_days <= 31:
                raise InvalidInput("Angiv fradraget i dage (1–31).")
            law = "sygedagpengeloven § 21" if benefit == "sickness_benefit" else "lov om aktiv socialpolitik § 36"
            row.reduction = f"Fradrag for {reduction_days} dag(e) ({law})"
        row.decision, row.decision_reason, row.decided_on = decision, reason[:4000], clock.today()
        audit.record_read(session, user, citizen.id, f"afgjorde rådighedssag: {DECISION_DA[decision].lower()}")


def citizen_cases(session: Session, citizen_id: int) -> list[AvailabilityView]:
    rows = session.scalars(select(AvailabilityCaseRow).where(AvailabilityCaseRow.citizen_id == citizen_id)
                           .order_by(AvailabilityCaseRow.opened_on.desc(), AvailabilityCaseRow.id.desc())).all()
    return [view(r) for r in rows]


def open_cases(db: Database, user: User, limit: int = 200) -> tuple[list[tuple[AvailabilityView, str]], int]:
    """The open availability cases of the caseworker (team leader: the team), soonest deadline first,
    and how many there are in all."""
    from indsats.services.casework.citizens import scope_filter

    with db.unit_of_work() as session:
        query = (select(AvailabilityCaseRow, CitizenRow).join(CitizenRow, CitizenRow.id == AvailabilityCaseRow.citizen_id)
                 .where(AvailabilityCaseRow.decision.is_(None)))
        query = scope_filter(session, user, query)
        total = session.scalar(select(func.count()).select_from(query.subquery()))
        rows = session.execute(query.order_by(AvailabilityCaseRow.deadline).limit(limit)).all()
        for _, citizen in rows:
            ensure_may_read_citizen(user, citizen)
        audit.record_reads(session, user, [c.id for _, c in rows], "rådighedssager")
        return [(view(r), f"{c.first_name} {c.last_name}") for r, c in rows], total
