"""Hvad nu hvis: define a scenario against the municipality's own flows, see next year's
figures beside the baseline, and compare saved scenarios side by side."""

from __future__ import annotations

from typing import Annotated

from annotated_types import Ge, Le
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse

from indsats.domain import clock
from indsats.domain.enums import Benefit, OfferType, Role
from indsats.domain.labels import BENEFIT_DA, OFFER_DA
from indsats.domain.models import User
from indsats.services.economy import scenarios
from indsats.services.shared.database import Database
from indsats.services.shared.errors import InvalidInput

from ...csv_export import csv_response
from ...deps import get_db, render, require_roles, verify_csrf

router = APIRouter(tags=["økonomi"])
readers = require_roles(Role.TEAM_LEADER, Role.MANAGER)
writers = require_roles(Role.MANAGER)
ScenarioId = Annotated[int, Ge(1), Le(2**31 - 1)]
FIELDS = ("name", "shorten_benefit", "shorten_weeks", "inflow_benefit", "inflow_change", "move_from", "move_to",
          "move_share", "more_offer", "more_share", "own_effect")


@router.get("/okonomi/scenarier", include_in_schema=False)
def scenarios_page(request: Request, vis: Annotated[list[ScenarioId] | None, Query(max_length=6)] = None,
                   user: User = Depends(readers), db: Database = Depends(get_db)):
    return _page(request, user, db, vis or [])


def _page(request: Request, user: User, db: Database, vis: list[int], errors: dict | None = None,
          values: dict | None = None):
    """The page; a refused scenario comes back with its message at the field and the form as filled in."""
    saved = scenarios.saved_scenarios(db, user)
    shown = scenarios.chosen(saved, vis)
    return render(request, "economy/scenarios.html", user=user, saved=saved, shown=shown,
                  measures=scenarios.MEASURES, benefits=[(b.value, BENEFIT_DA[b]) for b in Benefit],
                  offers=[(o.value, OFFER_DA.get(o, o.value)) for o in OfferType], message="",
                  may_write=user.role == Role.MANAGER, review_year=clock.today().year,
                  chart=scenarios.comparison_chart(shown), errors=errors or {}, values=values or {},
                  status_code=422 if errors else 200)


@router.get("/okonomi/scenarier.csv", include_in_schema=False)
def scenarios_csv(vis: Annotated[list[ScenarioId] | None, Query(max_length=6)] = None,
                  user: User = Depends(readers), db: Database = Depends(get_db)):
    """The compared scenarios (or the three newest) beside the baseline, every figure, as CSV."""
    shown = scenarios.chosen(scenarios.saved_scenarios(db, user), vis or [])
    header, rows = scenarios.comparison_csv_rows(shown)
    return csv_response(f"scenarier-{user.municipality_code}.csv", header, rows)


@router.post("/okonomi/scenarier", include_in_schema=False, dependencies=[Depends(verify_csrf)])
async def scenario_run(request: Request, user: User = Depends(writers), db: Database = Depends(get_db)):
    form = await request.form()
    values = {k: str(form.get(k, "")) for k in FIELDS}
    try:
        new_id = scenarios.run_scenario(db, user, values)
    except InvalidInput as exc:  # a field's error (InvalidScenarioField, a text over its length) stands at the field
        return _page(request, user, db, [], {getattr(exc, "field", "__all__"): str(exc)}, values)
    return RedirectResponse(f"/okonomi/scenarier?vis={new_id}", status_code=303)
