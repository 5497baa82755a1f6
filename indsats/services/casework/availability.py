"""Availability cases (rådighedssager): a missed meeting or a refused offer, the hearing, the answer, the decision.

Each stage has its own deadline — the jobcenter's own practice, not the law's, shown as «lokal
praksis» on the case and in the worklist: the hearing letter (partshøring) within the step of
``INDSATS_AVAILABILITY_STEP_DAYS`` (default 7) days of the event, the citizen's answer within a step
of the letter, the decision within a step of the answer (or of the answer deadline). The decision
is no consequence, a sanction with the law's reduction (non-insured benefits), or a
referral to the unemployment fund (insured citizens, LAB § 21 b).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from indsats.domain import clock
from indsats.domain.formatting import dato
from indsats.domain.models import User
from indsats.services.accounts import audit
from indsats.services.accounts.access import may_read_citizen
from indsats.services.casework import letters
from indsats.services.casework.recording import citizen_for_write
from indsats.services.shared.errors import InvalidField, InvalidInput, NotFound
from indsats.services.shared.paging import Page, PageRequest, fetch
from indsats.settings import get_settings
from indsats.store.casework_tables import AvailabilityCaseRow
from indsats.store.db import Database
from indsats.store.tables import CaseworkerRow, CitizenRow

MAX_TEXT = 4000  # the citizen's answer and the decision's reasoning: longer is refused, never cut


def step() -> timedelta:
    """One step of an availability case (local practice: ``settings.availability_step_days``)."""
    return timedelta(days=get_settings().availability_step_days)


def practice_source() -> str:
    return (f"lokal praksis: {get_settings().availability_step_days} dage pr. trin (partshøring, svar, afgørelse); "
            "ikke en lovbestemt frist")


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
                              appointment_id=appointment_id, deadline=max(cause_date, clock.today()) + step(),
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
        row.answer_deadline = row.deadline = clock.today() + step()
        note = letters.keep_in_journal(session, user, citizen.id, hearing_letter(row))
        audit.record_read(session, user, citizen.id, "sendte partshøring (rådighed)")
        return note.id


def record_answer(db: Database, user: User, case_id: int, answer: str, received_on: date) -> None:
    answer = (answer or "").strip()
    if len(answer) < 2:
        raise InvalidField("answer", "Skriv borgerens svar (eller at borgeren ikke har svaret).")
    if len(answer) > MAX_TEXT:
        raise InvalidField("answer", f"Borgerens svar må højst være {MAX_TEXT} tegn (det er {len(answer)}).")
    if received_on > clock.today():
        raise InvalidField("received_on", "Svaret kan ikke være modtaget i fremtiden.")
    with db.unit_of_work() as session:
        row, citizen = _case_for_write(session, user, case_id)
        if row.hearing_sent_on is None or received_on < row.hearing_sent_on:
            raise InvalidField("received_on", "Svaret kan først modtages, når partshøringen er sendt.")
        row.answer, row.answer_received_on = answer, received_on
        row.deadline = received_on + step()
        audit.record_read(session, user, citizen.id, "registrerede svar på partshøring")


def decide(db: Database, user: User, case_id: int, decision: str, reason: str, reduction_days: int | None = None
           ) -> None:
    """The decision; a sanction only for a non-insured benefit (with the reduction), a referral only for dagpenge."""
    from indsats.services.casework.letters import _current_benefit

    if decision not in DECISION_DA:
        raise InvalidField("decision", "Vælg en afgørelse.")
    reason = (reason or "").strip()
    if len(reason) < 3:
        raise InvalidField("reason", "Begrund afgørelsen.")
    if len(reason) > MAX_TEXT:
        raise InvalidField("reason", f"Begrundelsen må højst være {MAX_TEXT} tegn (den er {len(reason)}).")
    with db.unit_of_work() as session:
        row, citizen = _case_for_write(session, user, case_id)
        if row.hearing_sent_on is None:
            raise InvalidInput("Send partshøringen, før der træffes afgørelse.")
        benefit = _current_benefit(session, citizen.id, row.cause_date)
        if decision == "fund_referral" and benefit != "unemployment_benefit":
            raise InvalidField("decision", "Kun forsikrede ledige (dagpenge) sendes til a-kassen; vælg sanktion eller ingen "
                               "konsekvens.")
        if decision == "sanction":
            if benefit not in SANCTION_BENEFITS:
                raise InvalidField("decision", "For forsikrede ledige træffer a-kassen afgørelsen; vælg «Sendt til a-kassen».")
            if reduction_days is None or not 1 <= reduction_days <= 31:
                raise InvalidField("reduction_days", "Angiv fradraget i dage (1–31).")
            law = "sygedagpengeloven § 21" if benefit == "sickness_benefit" else "lov om aktiv socialpolitik § 36"
            row.reduction = f"Fradrag for {reduction_days} dag(e) ({law})"
        row.decision, row.decision_reason, row.decided_on = decision, reason, clock.today()
        audit.record_read(session, user, citizen.id, f"afgjorde rådighedssag: {DECISION_DA[decision].lower()}")


def citizen_cases(session: Session, citizen_id: int) -> list[AvailabilityView]:
    rows = session.scalars(select(AvailabilityCaseRow).where(AvailabilityCaseRow.citizen_id == citizen_id)
                           .order_by(AvailabilityCaseRow.opened_on.desc(), AvailabilityCaseRow.id.desc())).all()
    return [view(r) for r in rows]


@dataclass(frozen=True)
class AvailabilityDeadline:
    """An open availability case as a line of the worklist: its next step and that step's deadline."""

    case_id: int
    citizen_id: int
    citizen_name: str
    caseworker: str
    cause: str
    cause_da: str
    stage: str
    stage_da: str
    deadline: date | None
    overdue: bool
    days_left: int | None
    source: str
    local: bool = True


WINDOWS = ("all", "overdue", "due_soon", "open")


def deadlines(db: Database, user: User, *, caseworker_id: int | None = None, team_id: int | None = None,
              as_of: date | None = None, request: PageRequest | None = None, window: str = "all",
              due_soon_days: int = 14, everything: bool = False) -> Page[AvailabilityDeadline]:
    """The open availability cases of the worklist's scope (a caseworker: own; a team leader: the team;
    a manager: the municipality), soonest step deadline first, paged in SQL; the citizens shown are audited.

    ``window``: all, overdue (deadline before ``as_of``), due_soon (from ``as_of`` within ``due_soon_days``)
    or open (overdue or due soon) — the worklist's views."""
    from indsats.services.casework.worklists import caseworker_scope

    if window not in WINDOWS:
        raise InvalidInput(f"Ukendt visning «{window}»; vælg en af {', '.join(WINDOWS)}.")
    as_of = as_of or clock.today()
    request = request or PageRequest()
    with db.unit_of_work() as session:
        _title, worker_ids = caseworker_scope(session, user, caseworker_id, team_id)
        r = AvailabilityCaseRow
        query = (select(r, CitizenRow.first_name, CitizenRow.last_name, CaseworkerRow.initials)
                 .join(CitizenRow, CitizenRow.id == r.citizen_id)
                 .outerjoin(CaseworkerRow, CaseworkerRow.id == CitizenRow.caseworker_id)
                 .where(r.decision.is_(None), CitizenRow.municipality_code == user.municipality_code))
        if worker_ids is not None:
            query = query.where(CitizenRow.caseworker_id.in_(worker_ids))
        soon = as_of + timedelta(days=due_soon_days)
        if window == "overdue":
            query = query.where(r.deadline < as_of)
        elif window == "due_soon":
            query = query.where(r.deadline >= as_of, r.deadline <= soon)
        elif window == "open":
            query = query.where(r.deadline <= soon)
        query = query.order_by(r.deadline, CitizenRow.last_name, r.id)
        if everything:
            rows = session.execute(query).all()
            total, request = len(rows), PageRequest(1, max(1, len(rows)))
        else:
            rows, total = fetch(session, query, request)
        source = practice_source()
        items = []
        for row, first, last, initials in rows:
            v = view(row)
            items.append(AvailabilityDeadline(
                row.id, row.citizen_id, f"{first} {last}", initials or "", row.cause, v.cause_da, v.stage,
                v.stage_da, v.deadline, v.deadline is not None and v.deadline < as_of,
                (v.deadline - as_of).days if v.deadline else None, source))
        audit.record_reads(session, user, sorted({i.citizen_id for i in items}), "rådighedssager")
        return Page(items, total, request.page, request.page_size, request.capped)


def citizen_deadlines(db: Database, user: User, citizen_id: int) -> list[AvailabilityDeadline]:
    """The citizen's open availability cases as deadlines (the case page's deadline list); audited."""
    with audit.personal_data(db, user, DEADLINES_ACTION) as access:
        return deadlines_of(access.session, access.citizen(citizen_id, may_read_citizen))


DEADLINES_ACTION = "rådighedsfrister"


def deadlines_of(session: Session, citizen: CitizenRow) -> list[AvailabilityDeadline]:
    """``citizen_deadlines`` in the caller's session (the caller has authorised and records the read)."""
    rows = session.scalars(select(AvailabilityCaseRow).where(
        AvailabilityCaseRow.citizen_id == citizen.id, AvailabilityCaseRow.decision.is_(None))
        .order_by(AvailabilityCaseRow.deadline, AvailabilityCaseRow.id)).all()
    today, source = clock.today(), practice_source()
    out = []
    for row in rows:
        v = view(row)
        out.append(AvailabilityDeadline(
            row.id, citizen.id, f"{citizen.first_name} {citizen.last_name}", "", row.cause, v.cause_da,
            v.stage, v.stage_da, v.deadline, v.overdue, (v.deadline - today).days if v.deadline else None,
            source))
    return out


CSV_ROW_KIND = "rådighedssag"


def csv_rows(page: Page[AvailabilityDeadline]) -> list[list]:
    """The worklist CSV's columns (liste, borger_id, navn, sagsbehandler, regel, beskrivelse, status, frist,
    dage_tilbage, handling, ydelse, målgruppe, kilde, lokal, regelsæt) for the availability cases."""
    return [[CSV_ROW_KIND, d.citizen_id, d.citizen_name, d.caseworker, f"availability.{d.stage}",
             f"Rådighedssag: {d.cause_da.lower()}", "Overskredet" if d.overdue else "Skal nås", d.deadline,
             d.days_left, d.stage_da, "", "", d.source, True, ""] for d in page.items]
