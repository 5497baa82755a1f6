"""Notifications on the citizen's Min sag: new messages from the jobcenter, new bookings, a changed plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select

from indsats.domain import clock
from indsats.domain.formatting import dato
from indsats.domain.models import User
from indsats.services.citizen.messages import unread_from_jobcenter
from indsats.services.citizen.own import citizen_self
from indsats.store.casework_tables import AppointmentRow
from indsats.store.citizen_tables import PlanAnswerRow
from indsats.store.db import Database
from indsats.store.tables import CitizenPlanRow

RECENT_DAYS = 14


@dataclass(frozen=True)
class Notification:
    text: str
    link: str


def my_notifications(db: Database, user: User) -> list[Notification]:
    now = clock.now()
    out: list[Notification] = []
    with citizen_self(db, user) as (session, citizen):
        unread = unread_from_jobcenter(session, citizen.id)
        if unread:
            out.append(Notification(f"Du har {unread} {'ny besked' if unread == 1 else 'nye beskeder'} fra "
                                    "jobcentret.", "/beskeder"))
        booked = session.scalars(select(AppointmentRow).where(
            AppointmentRow.citizen_id == citizen.id, AppointmentRow.status == "booked",
            AppointmentRow.booked_at >= now - timedelta(days=RECENT_DAYS)).order_by(AppointmentRow.starts_at)).all()
        for row in booked:
            if row.booked_by != user.username:
                out.append(Notification(f"Jobcentret har booket en samtale med dig {dato(row.starts_at.date())} kl. "
                                        f"{row.starts_at:%H.%M}.", "/min-sag#samtaler"))
        plan = session.scalar(select(CitizenPlanRow).where(CitizenPlanRow.citizen_id == citizen.id))
        if plan is not None:
            answers = session.scalar(select(func.count()).select_from(PlanAnswerRow).where(
                PlanAnswerRow.citizen_id == citizen.id, PlanAnswerRow.plan_goal == plan.goal,
                PlanAnswerRow.plan_updated == plan.updated)) or 0
            if not answers:
                out.append(Notification("Din plan er ny eller ændret. Læs den, og svar jobcentret.", "/min-plan"))
    return out
