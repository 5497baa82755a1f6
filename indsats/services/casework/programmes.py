"""Youth and integration programmes in a citizen's case: the education plan made with youth guidance
(ungdommens uddannelsesvejledning / KUI) and the contact around its planned start, education orders as
dated history, the start of the integration effort against the law's deadline, and the steps on the
employment staircase (language school → internship → wage subsidy → IGU → ordinary work).

Each use case is one transaction through ``personal_data``: reads and writes are audited for the
citizen. The contact around an education start is the municipality's own rule (the plan's ``youth``
section, marked local); the integration deadline and the education order come from
``law.programmes`` with their sources, ``manual_review`` where indsats has none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select

from indsats.domain import clock
from indsats.domain.enums import COMPANY_ORIENTED_OFFERS
from indsats.domain.models import User
from indsats.law.programmes import Deadline, add_months, education_order, integration_first_offer
from indsats.store.db import Database
from indsats.store.programme_tables import (
    EducationOrderRow,
    EducationPlanRow,
    IntegrationStartRow,
    StaircaseStepRow,
)
from indsats.store.tables import OfferRow

from ..accounts.access import may_read_citizen
from ..accounts.audit import personal_data
from ..shared.errors import InvalidInput, NotFound
from ..shared.text_bounds import bounded

POSITIONS = {"language_school": "Danskuddannelse", "internship": "Virksomhedspraktik", "wage_subsidy": "Løntilskud",
             "igu": "IGU (integrationsgrunduddannelse)", "ordinary_work": "Ordinært arbejde"}
#: Offers that move a citizen on the staircase by themselves (the recorded offer is the event).
OFFER_STEPS = {"company_internship": "internship", "wage_subsidy": "wage_subsidy", "integration_basic_education": "igu"}
LOCAL_RULE_DA = "lokal regel (kommunens egen, ikke lovens)"
CONTACT_DA = {"met": "Kontakt holdt", "early": "For tidligt", "late": "For sent", "open": "Åben",
              "overdue": "Overskredet"}


@dataclass(frozen=True)
class ContactRule:
    days_before: int = 14
    days_after: int = 30


@dataclass
class EducationPlan:
    id: int
    made_on: date
    with_youth_guidance: bool
    guidance_counsellor: str
    education: str
    planned_start: date
    contact_on: date | None
    started_on: date | None
    dropped_on: date | None
    window: tuple[date, date]
    contact: str

    @property
    def contact_da(self) -> str:
        return CONTACT_DA[self.contact]


@dataclass
class ProgrammeFile:
    citizen_id: int
    name: str
    plans: list[EducationPlan] = field(default_factory=list)
    orders: list[dict] = field(default_factory=list)
    integration: dict | None = None
    steps: list[tuple[date, str]] = field(default_factory=list)
    rule: ContactRule = field(default_factory=ContactRule)

    @property
    def position(self) -> str | None:
        return self.steps[-1][1] if self.steps else None


def contact_status(planned_start: date, contact_on: date | None, rule: ContactRule, today: date) -> tuple[str, tuple[date, date]]:
    first, last = planned_start - timedelta(days=rule.days_before), planned_start + timedelta(days=rule.days_after)
    if contact_on is None:
        return ("open" if today <= last else "overdue"), (first, last)
    if contact_on < first:
        return "early", (first, last)
    return ("met" if contact_on <= last else "late"), (first, last)


def integration_status(responsibility_from: date, first_offer_on: date | None, today: date) -> tuple[str, Deadline]:
    """manual_review | aim (within the aim) | met (by the deadline) | late | open | overdue."""
    rule = integration_first_offer(responsibility_from)
    if rule.deadline is None or rule.aim is None:
        return "manual_review", rule
    if first_offer_on is None:
        return ("open" if today <= rule.deadline else "overdue"), rule
    if first_offer_on <= rule.aim:
        return "aim", rule
    return ("met" if first_offer_on <= rule.deadline else "late"), rule


INTEGRATION_DA = {"manual_review": "Manuel vurdering", "aim": "Inden for 2 uger", "met": "Inden for fristen",
                  "late": "For sent", "open": "Åben", "overdue": "Overskredet"}


def contact_rule(db: Database, code: str, year: int) -> ContactRule:
    """The plan in use's local rule for contact around an education start (defaults when there is none)."""
    from ..steering.goals import PlanError, ReviewInputError, plan_for

    try:
        youth = plan_for(db, code, None, year).youth
    except (PlanError, ReviewInputError):  # no plan at all: the defaults, still marked local
        return ContactRule()
    return ContactRule(youth.contact_days_before, youth.contact_days_after)


def offer_events(session, citizen_ids) -> dict[int, list[tuple[date, str]]]:
    """Citizen → (start, offer type) of the offers that are staircase steps or company-oriented, by start."""
    out: dict[int, list[tuple[date, str]]] = {}
    wanted = set(OFFER_STEPS) | {o.value for o in COMPANY_ORIENTED_OFFERS}
    for cid, start, offer_type in session.execute(
            select(OfferRow.citizen_id, OfferRow.start, OfferRow.offer_type)
            .where(OfferRow.citizen_id.in_(citizen_ids), OfferRow.offer_type.in_(wanted)).order_by(OfferRow.start)):
        out.setdefault(cid, []).append((start, offer_type))
    return out


def merged_steps(steps: list[tuple[date, str]], offers: list[tuple[date, str]]) -> list[tuple[date, str]]:
    """The recorded steps and the staircase offers, by date (a recorded step wins on the same day)."""
    from_offers = [(on, OFFER_STEPS[t]) for on, t in offers if t in OFFER_STEPS]
    return [(on, pos) for on, _, pos in sorted([(on, 1, pos) for on, pos in steps] + [(on, 0, pos) for on, pos in from_offers])]


def first_company_offer(offers: list[tuple[date, str]], after: date) -> date | None:
    """The first company-oriented offer's start on or after ``after`` (the integration effort's first offer)."""
    company = {o.value for o in COMPANY_ORIENTED_OFFERS}
    return next((on for on, t in offers if t in company and on >= after), None)


def _rule(user: User, citizen) -> bool:
    return may_read_citizen(user, citizen) and user.role.value != "citizen"


def _in_case(day: date | None, field_da: str) -> date | None:
    if day is not None and not date(1990, 1, 1) <= day <= clock.today() + timedelta(days=730):
        raise InvalidInput(f"{field_da}: datoen ligger uden for sagens tidsrum.")
    return day


def programme_file(db: Database, user: User, citizen_id: int) -> ProgrammeFile:
    today = clock.today()
    rule = contact_rule(db, user.municipality_code, today.year)
    with personal_data(db, user, "ungeindsats og integration") as access:
        citizen = access.citizen(citizen_id, _rule)
        s = access.session
        out = ProgrammeFile(citizen_id, f"{citizen.first_name} {citizen.last_name}", rule=rule)
        for p in s.scalars(select(EducationPlanRow).where(EducationPlanRow.citizen_id == citizen_id)
                           .order_by(EducationPlanRow.planned_start)):
            status, window = contact_status(p.planned_start, p.contact_on, rule, today)
            out.plans.append(EducationPlan(p.id, p.made_on, p.with_youth_guidance, p.guidance_counsellor, p.education,
                                           p.planned_start, p.contact_on, p.started_on, p.dropped_on, window, status))
        out.orders = [{"given_on": o.given_on, "education": o.education, "law_status": o.law_status, "note": o.note}
                      for o in s.scalars(select(EducationOrderRow).where(EducationOrderRow.citizen_id == citizen_id)
                                         .order_by(EducationOrderRow.given_on))]
        offers = offer_events(s, [citizen_id]).get(citizen_id, [])
        start = s.scalar(select(IntegrationStartRow).where(IntegrationStartRow.citizen_id == citizen_id))
        if start is not None:
            first = start.first_offer_on or first_company_offer(offers, start.responsibility_from)
            status, deadline = integration_status(start.responsibility_from, first, today)
            out.integration = {"responsibility_from": start.responsibility_from, "first_offer_on": first,
                               "from_offers": start.first_offer_on is None and first is not None,
                               "status": status, "status_da": INTEGRATION_DA[status], "aim": deadline.aim,
                               "deadline": deadline.deadline, "source": deadline.source}
        steps = [(st.on, st.position) for st in s.scalars(
            select(StaircaseStepRow).where(StaircaseStepRow.citizen_id == citizen_id)
            .order_by(StaircaseStepRow.on, StaircaseStepRow.id))]
        out.steps = merged_steps(steps, offers) if steps or start is not None else []
        return out


def add_education_plan(db: Database, user: User, citizen_id: int, made_on: date, education: str,
                       planned_start: date, with_youth_guidance: bool, counsellor: str = "") -> int:
    education = bounded(education, 200, "education", "Uddannelse", squash=True)
    counsellor = bounded(counsellor, 200, "counsellor", "Vejleder", squash=True)
    if not education:
        raise InvalidInput("Uddannelse: skriv hvilken uddannelse planen sigter mod.")
    _in_case(made_on, "Planen lavet"), _in_case(planned_start, "Planlagt studiestart")
    with personal_data(db, user, "uddannelsesplan oprettet") as access:
        access.citizen(citizen_id, _rule)
        row = EducationPlanRow(citizen_id=citizen_id, made_on=made_on, with_youth_guidance=with_youth_guidance,
                               guidance_counsellor=counsellor, education=education,
                               planned_start=planned_start)
        access.session.add(row)
        access.session.flush()
        return row.id


def follow_education(db: Database, user: User, plan_id: int, contact_on: date | None, started_on: date | None,
                     dropped_on: date | None) -> None:
    """The contact around the start, the real start and a drop-out (each kept once given)."""
    for day, name in ((contact_on, "Kontakt"), (started_on, "Startet"), (dropped_on, "Faldet fra")):
        _in_case(day, name)
    with personal_data(db, user, "uddannelsesplan fulgt op") as access:
        row = access.session.get(EducationPlanRow, plan_id)
        if row is None:
            raise NotFound("Uddannelsesplanen findes ikke.")
        access.citizen(row.citizen_id, _rule)
        start = started_on or row.started_on
        if dropped_on is not None and (start is None or dropped_on <= start):
            raise InvalidInput("Faldet fra: datoen skal ligge efter studiestarten (angiv startdatoen først).")
        row.contact_on = contact_on or row.contact_on
        row.started_on = start
        row.dropped_on = dropped_on or row.dropped_on


def add_education_order(db: Database, user: User, citizen_id: int, given_on: date, education: str = "",
                        note: str = "") -> str:
    """Keep an education order (uddannelsespålæg) with the law's status on its day; returns that status."""
    _in_case(given_on, "Givet den")
    education = bounded(education, 200, "education", "Uddannelse")
    note = bounded(note, 2000, "note", "Note")
    status, _source = education_order(given_on)
    with personal_data(db, user, "uddannelsespålæg registreret") as access:
        access.citizen(citizen_id, _rule)
        access.session.add(EducationOrderRow(citizen_id=citizen_id, given_on=given_on, education=education,
                                             law_status=status, note=note))
    return status


def set_integration_start(db: Database, user: User, citizen_id: int, responsibility_from: date,
                          first_offer_on: date | None) -> None:
    _in_case(responsibility_from, "Ansvar overtaget")
    _in_case(first_offer_on, "Første virksomhedsrettede tilbud")
    if first_offer_on is not None and first_offer_on < responsibility_from:
        raise InvalidInput("Første virksomhedsrettede tilbud kan ikke ligge før kommunen overtog ansvaret.")
    with personal_data(db, user, "integrationsindsatsens start") as access:
        access.citizen(citizen_id, _rule)
        s = access.session
        row = s.scalar(select(IntegrationStartRow).where(IntegrationStartRow.citizen_id == citizen_id))
        if row is None:
            s.add(IntegrationStartRow(citizen_id=citizen_id, responsibility_from=responsibility_from,
                                      first_offer_on=first_offer_on))
        else:
            row.responsibility_from, row.first_offer_on = responsibility_from, first_offer_on


def add_step(db: Database, user: User, citizen_id: int, on: date, position: str) -> None:
    """The citizen moves to ``position`` on the staircase from ``on``."""
    if position not in POSITIONS:
        raise InvalidInput("Trin: vælg et trin på beskæftigelsestrappen.")
    _in_case(on, "Fra dato")
    with personal_data(db, user, "beskæftigelsestrappen") as access:
        access.citizen(citizen_id, _rule)
        access.session.add(StaircaseStepRow(citizen_id=citizen_id, on=on, position=position))


def retained(started_on: date | None, dropped_on: date | None, months: int, today: date) -> bool | None:
    """Still enrolled ``months`` after the start (None: not yet measurable, or never started)."""
    if started_on is None or add_months(started_on, months) > today:
        return None
    return dropped_on is None or dropped_on > add_months(started_on, months)
