"""Registering what the law engine reads, from the case page and the API: one use case, one transaction.

Each registration (``registration_forms``) is checked against the citizen's case
(``case_dates``), written as benefit spells or timeline events, and audited; the
citizen's obligations follow at the next read.
"""

from __future__ import annotations

from datetime import datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from indsats.domain import clock
from indsats.domain.enums import Benefit, CaseEventType, ConversationStatus
from indsats.domain.formatting import dato
from indsats.domain.labels import BENEFIT_DA, label
from indsats.domain.models import User
from indsats.services.accounts import audit
from indsats.services.casework import appointments, sick_leave
from indsats.services.casework import registration_forms as forms
from indsats.services.casework.case_dates import InvalidField, check_case_date
from indsats.services.casework.obligation_store import refresh_citizen
from indsats.services.casework.recording import citizen_for_write
from indsats.store.db import Database
from indsats.store.tables import BenefitSpellRow, CaseEventRow, CitizenRow, ConversationRow, OfferRow

OPENING_KINDS = frozenset({"benefit_start", "first_contact"})

#: What the audit log says for each kind of registration.
AUDIT_DA = {
    "readiness_change": "registrerede visitation",
    "benefit_start": "registrerede start på ydelse",
    "benefit_change": "registrerede ydelsesskift",
    "benefit_end": "registrerede ophør af ydelse",
    "sickness": "registrerede sygemelding",
    "first_contact": "registrerede første henvendelse",
    "exemption": "registrerede fritagelse",
    "work_start": "registrerede start på arbejde eller uddannelse",
    "conversation_request": "registrerede borgerens ønske om samtale",
    "quota_exemption": "registrerede fritagelse inden for 25 %-kvoten",
    "work_obligation": "registrerede arbejdspligt",
    "conversation": "registrerede samtale",
    "offer": "registrerede tilbud",
    "appointment": "bookede møde",
    "partial_return": "registrerede delvis raskmelding",
    "retention_plan": "registrerede fastholdelsesplan",
    "fast_track": "registrerede fast track på arbejdsgiverens anmodning",
    "sickness_party": "registrerede part på sygedagpengesagen",
    "sick_return": "registrerede raskmelding",
}


def _ongoing_spell(session: Session, citizen_id: int) -> BenefitSpellRow | None:
    return session.scalar(select(BenefitSpellRow).where(BenefitSpellRow.citizen_id == citizen_id,
                                                        BenefitSpellRow.end.is_(None))
                          .order_by(BenefitSpellRow.start.desc()).limit(1))


def _spell_on(session: Session, citizen_id: int, day) -> BenefitSpellRow | None:
    rows = session.scalars(select(BenefitSpellRow).where(BenefitSpellRow.citizen_id == citizen_id,
                                                         BenefitSpellRow.start <= day)).all()
    return next((r for r in sorted(rows, key=lambda r: r.start, reverse=True) if r.end is None or r.end > day), None)


def _event(session: Session, citizen_id: int, day, kind: CaseEventType, **data) -> CaseEventRow:
    row = CaseEventRow(citizen_id=citizen_id, date=day, type=kind.value,
                       data={k: v for k, v in data.items() if v not in (None, "")})
    session.add(row)
    return row


def _benefit_name(value: str) -> str:
    return label(BENEFIT_DA, value).lower()


def _new_spell(session: Session, citizen: CitizenRow,
               reg: forms.BenefitStart | forms.BenefitChange) -> BenefitSpellRow:
    """The spell a start or a change of benefit begins on ``reg.date``."""
    row = BenefitSpellRow(citizen_id=citizen.id, benefit=reg.benefit.value,
                          readiness=reg.readiness.value if reg.readiness else None, start=reg.date,
                          sickness_category=reg.sickness_category)
    session.add(row)
    return row


def _start_benefit(session: Session, citizen: CitizenRow, reg: forms.BenefitStart) -> BenefitSpellRow:
    ongoing = _ongoing_spell(session, citizen.id)
    if ongoing is not None:
        raise InvalidField("benefit", f"Borgeren er allerede på {_benefit_name(ongoing.benefit)} fra "
                                      f"{dato(ongoing.start)}. Brug «Ydelsesskift» eller registrér ophør først.")
    for spell in session.scalars(select(BenefitSpellRow).where(BenefitSpellRow.citizen_id == citizen.id)):
        if spell.start <= reg.date < (spell.end or reg.date):
            raise InvalidField("date", f"Datoen ligger i et tidligere forløb med {_benefit_name(spell.benefit)} "
                                       f"({dato(spell.start)}–{dato(spell.end)}).")
    return _new_spell(session, citizen, reg)


def _change_benefit(session: Session, citizen: CitizenRow, reg: forms.BenefitChange) -> BenefitSpellRow:
    ongoing = _ongoing_spell(session, citizen.id)
    if ongoing is None:
        raise InvalidField("benefit", "Borgeren er ikke på en ydelse nu. Registrér «Start på ydelse».")
    if reg.date <= ongoing.start:
        raise InvalidField("date", f"Skiftet skal ligge efter starten på {_benefit_name(ongoing.benefit)} "
                                   f"({dato(ongoing.start)}).")
    if reg.benefit.value == ongoing.benefit:
        raise InvalidField("benefit", f"Borgeren er allerede på {_benefit_name(ongoing.benefit)}. En ny "
                                      "parathed registreres som visitation.")
    ongoing.end = reg.date
    return _new_spell(session, citizen, reg)


def _end_benefit(session: Session, citizen: CitizenRow, reg: forms.BenefitEnd) -> BenefitSpellRow:
    ongoing = _ongoing_spell(session, citizen.id)
    if ongoing is None:
        raise InvalidField("date", "Borgeren er ikke på en ydelse, der kan ophøre.")
    if reg.date <= ongoing.start:
        raise InvalidField("date", f"Ophøret skal ligge efter starten ({dato(ongoing.start)}).")
    ongoing.end = reg.date
    return ongoing


def _readiness(session: Session, citizen: CitizenRow, reg: forms.ReadinessChange) -> CaseEventRow:
    spell = _spell_on(session, citizen.id, reg.date)
    if spell is None:
        raise InvalidField("date", "Borgeren er ikke på en ydelse på den dato; visitationen hører til et "
                                   "ydelsesforløb.")
    return _event(session, citizen.id, reg.date, CaseEventType.READINESS_CHANGE, readiness=reg.readiness.value,
                  reasoning=reg.reasoning, benefit=spell.benefit)


def _sickness(session: Session, citizen: CitizenRow, reg: forms.Sickness) -> CaseEventRow:
    spell = _spell_on(session, citizen.id, reg.date)
    if reg.step == forms.SicknessStep.CATEGORY_CHANGE:
        if spell is None or spell.benefit != Benefit.SICKNESS_BENEFIT:
            raise InvalidField("step", "En ny opfølgningskategori kræver, at borgeren er på sygedagpenge på datoen.")
        return _event(session, citizen.id, reg.date, CaseEventType.CATEGORY_CHANGE, category=reg.category)
    if spell is not None and spell.benefit == Benefit.SICKNESS_BENEFIT and spell.sickness_category:
        raise InvalidField("step", f"Sygemeldingen er allerede registreret med sygedagpengeforløbet fra "
                                   f"{dato(spell.start)} (kategori {spell.sickness_category}). Registrér en ny "
                                   "kategori i stedet.")
    return _event(session, citizen.id, reg.date, CaseEventType.SICK_LEAVE_START, category=reg.category,
                  employed=reg.employed, expected_under_26_weeks=reg.expected_under_26_weeks)


def _period(session: Session, citizen: CitizenRow, start_type: CaseEventType, end_type: CaseEventType,
            day, end, **data) -> CaseEventRow:
    if end is not None:
        check_case_date(session, citizen, end, field="end")
        _event(session, citizen.id, end, end_type, **data)
    return _event(session, citizen.id, day, start_type, **data)


def _conversation(session: Session, user: User, citizen: CitizenRow, reg: forms.Conversation) -> ConversationRow:
    if reg.status == ConversationStatus.HELD and reg.date > clock.today():
        raise InvalidField("status", "En afholdt samtale kan ikke ligge i fremtiden; vælg status «Booket».")
    row = ConversationRow(citizen_id=citizen.id, date=reg.date, kind=reg.conversation_kind.value,
                          status=reg.status.value, caseworker_id=user.caseworker_id, note=reg.note)
    session.add(row)
    return row


def _offer(session: Session, citizen: CitizenRow, reg: forms.Offer) -> OfferRow:
    row = OfferRow(citizen_id=citizen.id, offer_type=reg.offer_type.value, start=reg.date, end=reg.end,
                   hours_per_week=reg.hours_per_week, company_cvr=reg.company_cvr, given_on=clock.today())
    session.add(row)
    return row


def _write(session: Session, user: User, citizen: CitizenRow, reg: forms.Registration):
    if isinstance(reg, forms.BenefitChange):
        return _change_benefit(session, citizen, reg)
    if isinstance(reg, forms.BenefitStart):
        return _start_benefit(session, citizen, reg)
    if isinstance(reg, forms.BenefitEnd):
        return _end_benefit(session, citizen, reg)
    if isinstance(reg, forms.ReadinessChange):
        return _readiness(session, citizen, reg)
    if isinstance(reg, forms.Sickness):
        return _sickness(session, citizen, reg)
    if isinstance(reg, forms.FirstContact):
        return _event(session, citizen.id, reg.date, CaseEventType.FIRST_CONTACT, note=reg.note)
    if isinstance(reg, forms.Exemption):
        return _period(session, citizen, CaseEventType.EXEMPTION_START, CaseEventType.EXEMPTION_END, reg.date,
                       reg.end, reason=reg.reason.value, note=reg.note)
    if isinstance(reg, forms.WorkStart):
        return _period(session, citizen, CaseEventType.EMPLOYMENT_START, CaseEventType.EMPLOYMENT_END, reg.date,
                       reg.end, work=reg.work.value, note=reg.note)
    if isinstance(reg, forms.ConversationRequest):
        return _event(session, citizen.id, reg.date, CaseEventType.CONVERSATION_REQUESTED, by="citizen",
                      wish=reg.wish, registered_by=user.username)
    if isinstance(reg, forms.QuotaExemption):
        return _event(session, citizen.id, reg.date, CaseEventType.QUOTA_EXEMPTION, reason=reg.reason,
                      scope=reg.scope.value, by=reg.by.value)
    if isinstance(reg, forms.WorkObligation):
        return _period(session, citizen, CaseEventType.WORK_OBLIGATION_START, CaseEventType.WORK_OBLIGATION_END,
                       reg.date, reg.end)
    if isinstance(reg, forms.Conversation):
        return _conversation(session, user, citizen, reg)
    if isinstance(reg, forms.Offer):
        return _offer(session, citizen, reg)
    if reg.kind in sick_leave.KINDS:
        return sick_leave.write(session, user, citizen, reg)
    if isinstance(reg, forms.Appointment):
        hour, minute = (int(x) for x in reg.time.replace(".", ":").split(":"))
        return appointments.book_in_session(session, user, citizen, reg.caseworker_id,
                                            datetime.combine(reg.date, time(hour, minute)), reg.minutes,
                                            reg.channel.value, reg.place, reg.purpose)
    raise AssertionError(f"unknown registration {type(reg).__name__}")


def register(db: Database, user: User, citizen_id: int, reg: forms.Registration) -> int:
    """Write one registration for the citizen (access-checked, audited, one transaction); returns its id."""
    with db.unit_of_work() as session:
        citizen = citizen_for_write(session, user, citizen_id)
        return write_in_session(session, user, citizen, reg)


def write_in_session(session: Session, user: User, citizen: CitizenRow, reg: forms.Registration) -> int:
    """Check, write, audit and refresh the obligations in the caller's transaction (the caller checked access);
    the citizen's own reports of sickness and holiday (``services.citizen.absence``) come this way too."""
    check_case_date(session, citizen, reg.date, opening=reg.kind in OPENING_KINDS)
    row = _write(session, user, citizen, reg)
    session.flush()
    audit.record_read(session, user, citizen.id, f"{AUDIT_DA[reg.kind]} {reg.date.isoformat()}")
    session.flush()
    refresh_citizen(session, citizen.id)  # the stored obligations (worklist) follow in this transaction
    return row.id
