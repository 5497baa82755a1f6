"""Sick-leave retention (fastholdelse, seeds 000 and 002): partial return, the workplace retention plan,
fast track at the employer's request, the employer and the doctor as parties, the return — and the
measure: the share of sick-listed employees back at the same workplace, per month.

The registrations come through ``registrations.write_in_session`` like every case-page form (one
transaction, audited, kept obligations refreshed); this module writes them (``write``). A fast track
(sygedagpengeloven § 7 b) is also the ``early_followup_requested`` event by the employer that the law
engine reads (§ 13 b, stk. 2: first follow-up within two weeks of the request). The reform's exemption
for employees both sides expect back within 26 weeks is the sick-leave form's ``expected_under_26_weeks``
(the engine's ``sickness.under_26_weeks_no_followup``, from 2026-07-01).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import Session

from indsats.domain import clock
from indsats.domain.enums import Benefit, CaseEventType, Role
from indsats.domain.formatting import dato
from indsats.domain.models import User
from indsats.reports.svg import bar_chart
from indsats.services.accounts.access import ensure_role
from indsats.services.accounts.audit import personal_data
from indsats.services.casework import registration_forms as forms
from indsats.services.casework.case_dates import InvalidField
from indsats.store.coordination_tables import SickLeaveRecordRow
from indsats.store.db import Database
from indsats.store.tables import BenefitSpellRow, CaseEventRow, CaseworkerRow, CitizenRow

KIND_DA = {"partial_return": "Delvis raskmelding", "retention_plan": "Fastholdelsesplan (§ 7 a)",
           "fast_track": "Fast track på arbejdsgiverens anmodning (§ 7 b)", "party": "Part på sagen",
           "return": "Raskmelding"}
PARTY_DA = {"employer": "Arbejdsgiver", "doctor": "Læge"}
OUTCOME_DA = {"same_workplace": "Tilbage på samme arbejdsplads", "other_work": "Andet arbejde",
              "not_working": "Ikke i arbejde"}
LEADERS = (Role.TEAM_LEADER, Role.MANAGER)
RETURN_GRACE = timedelta(days=31)  # a return registered up to a month after the spell ended still counts


def _sick_spell_on(session: Session, citizen_id: int, day: date) -> BenefitSpellRow | None:
    rows = session.scalars(select(BenefitSpellRow).where(
        BenefitSpellRow.citizen_id == citizen_id, BenefitSpellRow.benefit == Benefit.SICKNESS_BENEFIT.value,
        BenefitSpellRow.start <= day)).all()
    return next((r for r in sorted(rows, key=lambda r: r.start, reverse=True) if r.end is None or r.end > day), None)


def _record(session: Session, user: User, citizen_id: int, kind: str, day: date, **values) -> SickLeaveRecordRow:
    row = SickLeaveRecordRow(citizen_id=citizen_id, kind=kind, day=day, recorded_by=user.username,
                             created_at=clock.now(), **values)
    session.add(row)
    return row


def write(session: Session, user: User, citizen: CitizenRow, reg: forms.Registration) -> SickLeaveRecordRow:
    """Write one sick-leave registration; the caller audits it and refreshes the obligations."""
    spell = _sick_spell_on(session, citizen.id, reg.date)
    if isinstance(reg, forms.SicknessParty):
        if reg.party == forms.PartyRole.DOCTOR and reg.company_cvr:
            raise InvalidField("company_cvr", "CVR-nummer gælder kun arbejdsgiveren.")
        return _record(session, user, citizen.id, "party", reg.date, party_role=reg.party.value, name=reg.name,
                       company_cvr=reg.company_cvr, note=reg.contact)
    if spell is None:
        raise InvalidField("date", "Borgeren er ikke på sygedagpenge på datoen. Registrér sygedagpengeforløbet først.")
    if isinstance(reg, forms.PartialReturn):
        return _record(session, user, citizen.id, "partial_return", reg.date, hours_per_week=reg.hours_per_week,
                       note=reg.note)
    if isinstance(reg, forms.RetentionPlan):
        return _record(session, user, citizen.id, "retention_plan", reg.date, note=reg.content)
    if isinstance(reg, forms.FastTrack):
        session.add(CaseEventRow(citizen_id=citizen.id, date=reg.date,
                                 type=CaseEventType.EARLY_FOLLOWUP_REQUESTED.value, data={"by": "employer"}))
        return _record(session, user, citizen.id, "fast_track", reg.date, note=reg.note)
    if isinstance(reg, forms.SickReturn):
        if reg.date <= spell.start:
            raise InvalidField("date", f"Raskmeldingen skal ligge efter sygedagpengenes start ({dato(spell.start)}).")
        spell.end = reg.date  # sick pay ends: the first day without it
        return _record(session, user, citizen.id, "return", reg.date, outcome=reg.outcome.value, note=reg.note)
    raise AssertionError(f"not a sick-leave registration: {type(reg).__name__}")


KINDS = frozenset({"partial_return", "retention_plan", "fast_track", "sickness_party", "sick_return"})


@dataclass(frozen=True)
class SickLeaveEntry:
    day: date
    what: str
    detail: str
    recorded_by: str


def case_panel(db: Database, user: User, citizen_id: int) -> list[SickLeaveEntry]:
    """The sick-leave case's records for the case page, newest first (an audited read)."""
    from indsats.services.accounts.access import may_read_citizen

    with personal_data(db, user, panel_action(citizen_id)) as access:
        access.citizen(citizen_id, may_read_citizen, forbidden="Du har ikke adgang til denne borgers sag.")
        return panel_entries(access.session, citizen_id)


def panel_action(citizen_id: int) -> str:
    """The audit record's action of a read of the panel."""
    return f"sygefravær og fastholdelse: borger {citizen_id}"


def panel_entries(session: Session, citizen_id: int) -> list[SickLeaveEntry]:
    """``case_panel``'s entries in the caller's session (the caller has authorised and records the read)."""
    rows = session.scalars(select(SickLeaveRecordRow).where(SickLeaveRecordRow.citizen_id == citizen_id)
                           .order_by(SickLeaveRecordRow.day.desc(), SickLeaveRecordRow.id.desc())).all()
    return [SickLeaveEntry(r.day, KIND_DA[r.kind], _detail(r), r.recorded_by) for r in rows]


def _detail(row: SickLeaveRecordRow) -> str:
    if row.kind == "partial_return":
        hours = f"{row.hours_per_week:g}".replace(".", ",")
        return f"{hours} timer om ugen fra {dato(row.day)}" + (f". {row.note}" if row.note else "")
    if row.kind == "party":
        cvr = f", CVR {row.company_cvr}" if row.company_cvr else ""
        return f"{PARTY_DA.get(row.party_role or '', '')}: {row.name}{cvr}" + (f" ({row.note})" if row.note else "")
    if row.kind == "return":
        return OUTCOME_DA.get(row.outcome or "", "") + (f". {row.note}" if row.note else "")
    return row.note


@dataclass(frozen=True)
class RetentionMonth:
    month: str  # YYYY-MM
    ended: int  # sick-pay spells of employees (an employer is a party) that ended in the month
    same_workplace: int
    other_work: int
    not_working: int
    unknown: int  # no return registered

    @property
    def share(self) -> float | None:
        return self.same_workplace / self.ended if self.ended else None


@dataclass(frozen=True)
class RetentionReport:
    scope: str
    months: list[RetentionMonth]
    chart: str

    @property
    def total(self) -> RetentionMonth:
        return RetentionMonth("i alt", *(sum(getattr(m, f) for m in self.months) for f in
                                         ("ended", "same_workplace", "other_work", "not_working", "unknown")))


def _month_starts(as_of: date, months: int) -> list[date]:
    first = as_of.replace(day=1)
    out = []
    for _ in range(months):
        out.append(first)
        first = (first - timedelta(days=1)).replace(day=1)
    return out[::-1]


def retention_report(db: Database, user: User, as_of: date | None = None, months: int = 12) -> RetentionReport:
    """Per month: of the sick-listed employees whose sick pay ended, how many went back to the same
    workplace. A team leader sees their team's citizens, a manager the municipality's."""
    ensure_role(user, *LEADERS)
    as_of = as_of or clock.today()
    with db.unit_of_work() as session:
        team_id = None
        if user.role == Role.TEAM_LEADER and user.caseworker_id:
            team_id = session.scalar(select(CaseworkerRow.team_id).where(CaseworkerRow.id == user.caseworker_id))
    rows = _retention_months(db, user.municipality_code, team_id, _month_starts(as_of, months))
    chart = bar_chart([(m.month, m.share or 0.0) for m in rows], unit="share",
                      title="Andel tilbage på samme arbejdsplads pr. måned")
    return RetentionReport("teamets borgere" if team_id else "hele kommunen", rows, chart)


def year_retention(db: Database, code: str, year: int, as_of: date) -> RetentionMonth:
    """The municipality's months of ``year`` up to ``as_of`` summed, counted as on the retention page
    (for the result review; aggregates only)."""
    last = min(as_of, date(year, 12, 31))
    starts = [date(year, m, 1) for m in range(1, last.month + 1)] if last.year == year else []
    return RetentionReport("hele kommunen", _retention_months(db, code, None, starts), "").total


def _retention_months(db: Database, code: str, team_id: int | None, starts: list[date]) -> list[RetentionMonth]:
    with db.unit_of_work() as session:
        employer = exists().where(SickLeaveRecordRow.citizen_id == BenefitSpellRow.citizen_id,
                                  SickLeaveRecordRow.kind == "party", SickLeaveRecordRow.party_role == "employer",
                                  SickLeaveRecordRow.day < BenefitSpellRow.end)
        rows = []
        for start in starts:
            end = (start + timedelta(days=32)).replace(day=1)
            returned = (select(SickLeaveRecordRow.outcome).where(
                SickLeaveRecordRow.citizen_id == BenefitSpellRow.citizen_id, SickLeaveRecordRow.kind == "return",
                SickLeaveRecordRow.day > BenefitSpellRow.start, SickLeaveRecordRow.day < end + RETURN_GRACE)
                .order_by(SickLeaveRecordRow.day.desc()).limit(1).scalar_subquery())
            spells = (select(BenefitSpellRow.id, returned.label("outcome"))
                      .join(CitizenRow, CitizenRow.id == BenefitSpellRow.citizen_id)
                      .where(BenefitSpellRow.benefit == Benefit.SICKNESS_BENEFIT.value,
                             and_(BenefitSpellRow.end >= start, BenefitSpellRow.end < end),
                             CitizenRow.municipality_code == code, employer))
            if team_id is not None:
                spells = spells.join(CaseworkerRow, CaseworkerRow.id == CitizenRow.caseworker_id).where(
                    CaseworkerRow.team_id == team_id)
            inner = spells.subquery()
            query = select(inner.c.outcome, func.count()).group_by(inner.c.outcome)
            counts = {outcome: n for outcome, n in session.execute(query)}
            rows.append(RetentionMonth(start.strftime("%Y-%m"), sum(counts.values()), counts.get("same_workplace", 0),
                                       counts.get("other_work", 0), counts.get("not_working", 0), counts.get(None, 0)))
    return rows


CSV_HEADER = ("måned", "sygedagpenge_ophørt_ansatte", "samme_arbejdsplads", "andet_arbejde", "ikke_i_arbejde",
              "uden_registreret_udfald", "andel_samme_arbejdsplads")


def csv_rows(report: RetentionReport) -> list[list]:
    return [[m.month, m.ended, m.same_workplace, m.other_work, m.not_working, m.unknown,
             "" if m.share is None else f"{m.share:.3f}".replace(".", ",")] for m in [*report.months, report.total]]
