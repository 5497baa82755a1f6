"""Min Plan: the citizen reads the plan, accepts it or comments; every answer is kept with the plan it answered."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from indsats.domain import clock
from indsats.domain.models import User
from indsats.services.citizen.own import citizen_self, staff_read
from indsats.services.shared.errors import InvalidInput
from indsats.store.citizen_tables import PlanAnswerRow
from indsats.store.db import Database
from indsats.store.tables import CitizenPlanRow

ANSWER_DA = {"accepted": "Accepteret", "comment": "Kommentar"}


@dataclass(frozen=True)
class Answer:
    answer: str
    comment: str
    goal: str
    activities: list[str]
    at: datetime


@dataclass
class PlanView:
    goal: str | None
    activities: list[str]
    updated: date | None
    answers: list[Answer] = field(default_factory=list)

    @property
    def answered_current(self) -> bool:
        """The newest answer was given to the plan as it stands now."""
        return bool(self.answers) and self.answers[0].goal == self.goal and self.answers[0].activities == self.activities


def _view(session: Session, citizen_id: int) -> PlanView:
    plan = session.scalar(select(CitizenPlanRow).where(CitizenPlanRow.citizen_id == citizen_id))
    rows = session.scalars(select(PlanAnswerRow).where(PlanAnswerRow.citizen_id == citizen_id)
                           .order_by(PlanAnswerRow.answered_at.desc(), PlanAnswerRow.id.desc())).all()
    return PlanView(plan.goal if plan else None, list(plan.activities or []) if plan else [],
                    plan.updated if plan else None,
                    [Answer(r.answer, r.comment, r.plan_goal, list(r.plan_activities or []), r.answered_at)
                     for r in rows])


def my_plan(db: Database, user: User) -> PlanView:
    with citizen_self(db, user) as (session, citizen):
        return _view(session, citizen.id)


def staff_plan(db: Database, user: User, citizen_id: int) -> PlanView:
    with staff_read(db, user, citizen_id, "svar på Min Plan") as (session, citizen):
        return _view(session, citizen.id)


def answer_plan(db: Database, user: User, accept: bool, comment: str = "") -> None:
    comment = (comment or "").strip()
    if not accept and len(comment) < 2:
        raise InvalidInput("Skriv din kommentar til planen.")
    if len(comment) > 2000:
        raise InvalidInput("Skriv højst 2000 tegn.")
    with citizen_self(db, user) as (session, citizen):
        plan = session.scalar(select(CitizenPlanRow).where(CitizenPlanRow.citizen_id == citizen.id))
        if plan is None:
            raise InvalidInput("Du har ikke en plan endnu. Jobcentret laver den sammen med dig.")
        session.add(PlanAnswerRow(citizen_id=citizen.id, answer="accepted" if accept else "comment", comment=comment,
                                  plan_goal=plan.goal, plan_activities=list(plan.activities or []),
                                  plan_updated=plan.updated, answered_at=clock.now()))
