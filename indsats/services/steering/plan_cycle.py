"""Closing the loop plan → operations → measurement → next plan: the result review of a year opens a draft
of the next year's plan with each goal's baseline set to the year's actual."""

from __future__ import annotations

from datetime import date

from indsats.domain import clock
from indsats.domain.models import User
from indsats.plan import EmploymentPlan
from indsats.services.shared.errors import InvalidInput
from indsats.services.steering import goals as steering
from indsats.services.steering.plan_versions import create_version
from indsats.store.db import Database


def _next_year(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def next_plan(plan: EmploymentPlan, year: int, actuals: dict[str, float | None], as_of: date) -> EmploymentPlan:
    """``plan`` moved to ``year + 1``: baselines from ``actuals`` (goal id → value at ``as_of``), deadlines a year on."""
    doc = plan.model_dump(mode="python")
    doc["year"] = year + 1
    title = doc["title"]
    doc["title"] = title.replace(str(year), str(year + 1)) if str(year) in title else f"{title} ({year + 1})"
    doc["source"] = f"Kladde fra resultatrevisionen {year}"
    for goal in doc["result_goals"]:
        value = actuals.get(goal["id"])
        if goal["deadline"] <= as_of:
            goal["deadline"] = _next_year(goal["deadline"])
        if value is not None:
            goal["baseline"] = {"date": as_of, "value": round(value, 4), "note": f"Resultatrevision {year}"}
        elif goal.get("baseline") and goal["baseline"]["date"] > goal["deadline"]:
            goal["baseline"] = None
    return EmploymentPlan.model_validate(doc)


def own(plan: EmploymentPlan, code: str) -> EmploymentPlan:
    """``plan`` as municipality ``code``'s own (the shared demo plan serves every municipality)."""
    if plan.municipality.code == code:
        return plan
    return plan.model_copy(update={"municipality": plan.municipality.model_copy(update={"code": code})})


def draft_from_review(db: Database, user: User, year: int) -> int:
    """A draft of next year's plan from the plan the dashboard uses, its baselines the year's actuals."""
    if not 2000 <= year <= 2100:
        raise InvalidInput(f"Året skal ligge mellem 2000 og 2100, ikke {year}.")
    as_of = min(date(year, 12, 31), clock.today())
    code = user.municipality_code
    plan, views = steering.dashboard(db, code, steering.IN_FORCE, as_of)
    actuals = {v.goal.id: v.attainment.actual for v in views if v.available}
    draft = own(next_plan(plan, year, actuals, as_of), code)
    return create_version(db, code, draft, user.username, origin=f"Resultatrevision {year}")
