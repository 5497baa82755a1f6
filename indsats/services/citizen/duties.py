"""Mine pligter: the citizen's next conversations, deadlines with their reason in words, offers and to-dos.

The deadlines are the law engine's, read from the same kept obligations the caseworker's pages read
(``obligation_store.kept_result``, or the engine when nothing is kept); the words for each rule live
in ``domain.labels.CITIZEN_DUTY_DA``. Nothing here restates a rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from indsats.domain import clock
from indsats.domain.enums import Benefit, Readiness
from indsats.domain.labels import CITIZEN_DUTY_DA, CONVERSATION_KIND_DA, OFFER_DA, SANCTION_DA, label
from indsats.domain.models import User
from indsats.services.casework.obligation_store import kept_result
from indsats.services.casework.obligations import obligations_for_citizen, rhythms_for_municipality
from indsats.services.citizen.own import citizen_self, job_log_requirement
from indsats.store.citizen_tables import CitizenCvRow, JobApplicationRow
from indsats.store.db import Database
from indsats.store.tables import BenefitSpellRow, ConversationRow, OfferRow

OPEN = ("due", "overdue", "manual_review")
JOB_READY_BENEFITS = frozenset({Benefit.UNEMPLOYMENT_BENEFIT})
#: Who the law obliges to book their own conversations (selvbooking for dagpengemodtagere); others may.
MUST_SELF_BOOK = frozenset({Benefit.UNEMPLOYMENT_BENEFIT})


@dataclass(frozen=True)
class Deadline:
    title: str
    why: str
    if_not: str
    deadline: date | None
    window_start: date | None
    overdue: bool
    source: str  # the engine's legal reference, shown after the words


@dataclass(frozen=True)
class Meeting:
    day: date
    kind: str


@dataclass(frozen=True)
class Offer:
    name: str
    start: date
    end: date | None
    hours_per_week: float


@dataclass(frozen=True)
class Todo:
    what: str
    by: date | None
    why: str
    if_not: str
    link: str
    done: bool = False


@dataclass
class Duties:
    name: str
    on_benefit: bool
    meetings: list[Meeting] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    offers: list[Offer] = field(default_factory=list)
    todos: list[Todo] = field(default_factory=list)


def month_start(day: date) -> date:
    return day.replace(day=1)


def is_job_ready(spell: BenefitSpellRow | None) -> bool:
    return spell is not None and (spell.benefit in JOB_READY_BENEFITS or spell.readiness == Readiness.JOB_READY)


def current_spell(session: Session, citizen_id: int, today: date) -> BenefitSpellRow | None:
    return session.scalar(select(BenefitSpellRow).where(
        BenefitSpellRow.citizen_id == citizen_id, BenefitSpellRow.start <= today,
        (BenefitSpellRow.end.is_(None)) | (BenefitSpellRow.end > today)).order_by(BenefitSpellRow.start.desc()))


def open_deadlines(session: Session, citizen_id: int, code: str, today: date) -> list[Deadline]:
    result = kept_result(session, citizen_id, today)
    if result is None:
        result = obligations_for_citizen(session, citizen_id, today, rhythms_for_municipality(code))
    out = []
    for ob in result.obligations if result else []:
        if ob.status not in OPEN or ob.rule not in CITIZEN_DUTY_DA:
            continue
        title, why, if_not = CITIZEN_DUTY_DA[ob.rule]
        out.append(Deadline(title, why, if_not, ob.deadline, ob.window_start, ob.status == "overdue", ob.source))
    out.sort(key=lambda d: d.deadline or date.max)
    return out


def my_duties(db: Database, user: User) -> Duties:
    """What the logged-in citizen must do, and what the jobcenter must do with them, by when and why."""
    today = clock.today()
    with citizen_self(db, user) as (session, citizen):
        spell = current_spell(session, citizen.id, today)
        duties = Duties(name=f"{citizen.first_name} {citizen.last_name}", on_benefit=spell is not None)
        duties.meetings = [Meeting(c.date, label(CONVERSATION_KIND_DA, c.kind)) for c in session.scalars(
            select(ConversationRow).where(ConversationRow.citizen_id == citizen.id, ConversationRow.status == "booked",
                                          ConversationRow.date >= today).order_by(ConversationRow.date))]
        duties.deadlines = open_deadlines(session, citizen.id, citizen.municipality_code, today)
        duties.offers = [Offer(label(OFFER_DA, o.offer_type), o.start, o.end, o.hours_per_week) for o in session.scalars(
            select(OfferRow).where(OfferRow.citizen_id == citizen.id, (OfferRow.end.is_(None)) | (OfferRow.end > today))
            .order_by(OfferRow.start))]
        if spell is None:
            return duties
        has_cv = session.scalar(select(CitizenCvRow.id).where(CitizenCvRow.citizen_id == citizen.id)) is not None
        duties.todos.append(Todo(
            "Læg dit CV ind", None if has_cv else max(spell.start, today),
            "Loven om en aktiv beskæftigelsesindsats siger, at alle ledige skal have et CV, som jobcentret "
            "kan bruge til at finde job til dig.",
            "Uden CV kan jobcentret ikke foreslå dig til ledige job, og a-kassen eller kommunen kan trække "
            "i din ydelse.", "/mit-cv", done=has_cv))
        if is_job_ready(spell):
            needed = job_log_requirement(citizen.municipality_code)
            logged = session.scalar(select(func.count()).select_from(JobApplicationRow).where(
                JobApplicationRow.citizen_id == citizen.id, JobApplicationRow.applied_on >= month_start(today))) or 0
            duties.todos.append(Todo(
                f"Søg job og skriv det i din joblog ({logged} af {needed} denne måned)", _month_end(today),
                "Når du er jobparat, skal du søge job aktivt og vise det i din joblog. Din kommune forventer "
                f"{needed} ansøgninger om måneden.", SANCTION_DA, "/joblog", done=logged >= needed))
        if duties.deadlines and not duties.meetings:
            first = duties.deadlines[0]
            must = spell.benefit in MUST_SELF_BOOK
            duties.todos.append(Todo(
                f"{'Book' if must else 'Du kan selv booke'} en tid: {first.title.lower()}", first.deadline,
                first.why + (" Når du får dagpenge, skal du selv booke dine samtaler med jobcentret." if must else ""),
                first.if_not, "/book-samtale"))
        return duties


def _month_end(day: date) -> date:
    following = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)
