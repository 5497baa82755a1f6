"""Beskæftigelsesplanen i systemet: versions, reading, editing a draft, status, difference, YAML in and out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response

from indsats.domain import clock
from indsats.domain.enums import Role
from indsats.domain.formatting import format_value
from indsats.domain.models import User
from indsats.services.shared.database import Database
from indsats.services.shared.errors import InvalidInput
from indsats.services.steering import goals as steering
from indsats.services.steering import plan_cycle, plan_forms, plan_versions
from indsats.services.steering.plan_forms import MEASURES
from indsats.services.steering.plan_versions import PlanError

from ...deps import get_db, render, require_roles, verify_csrf
from ...input_bounds import Note, RowId, Year
from ..company.companies import back, day

router = APIRouter(tags=["plan"])
readers = require_roles(Role.TEAM_LEADER, Role.MANAGER)
managers = require_roles(Role.MANAGER)
csrf = [Depends(verify_csrf)]


@router.get("/plan", include_in_schema=False)
def plans_page(request: Request, user: User = Depends(readers), db: Database = Depends(get_db)):
    versions = plan_versions.list_versions(db, user.municipality_code)
    return render(request, "steering/plan/index.html", user=user, versions=versions,
                  year=clock.today().year - 1, yaml_text="", errors=[])


@router.post("/plan/ny", include_in_schema=False, dependencies=csrf)
def new_draft(request: Request, user: User = Depends(managers), db: Database = Depends(get_db)):
    today = clock.today()
    plan = steering.plan_for(db, user.municipality_code, steering.IN_FORCE, today.year)
    plan = plan_cycle.own(plan, user.municipality_code)
    version_id = plan_versions.create_version(db, user.municipality_code, plan, user.username,
                                              origin="Ny kladde fra den gældende plan")
    return back(request, f"/plan/{version_id}", "Kladden er oprettet.")


@router.post("/plan/fra-resultatrevision", include_in_schema=False, dependencies=csrf)
def draft_from_review(request: Request, year: Annotated[Year, Form()], user: User = Depends(managers),
                      db: Database = Depends(get_db)):
    version_id = plan_cycle.draft_from_review(db, user, year)
    return back(request, f"/plan/{version_id}", f"Kladden til {year + 1} er oprettet med årets resultater som udgangspunkt.")


@router.post("/plan/import", include_in_schema=False, dependencies=csrf)
def import_plan(request: Request, yaml_text: Annotated[str, Form(max_length=200_000)],
                user: User = Depends(managers), db: Database = Depends(get_db)):
    try:
        version_id = plan_versions.import_yaml(db, user.municipality_code, yaml_text, "planen", user.username)
    except (PlanError, InvalidInput) as exc:
        return render(request, "steering/plan/index.html", user=user, status_code=422,
                      versions=plan_versions.list_versions(db, user.municipality_code),
                      year=clock.today().year - 1, yaml_text=yaml_text, errors=str(exc).splitlines())
    return back(request, f"/plan/{version_id}", "Planen er indlæst som kladde.")


@router.get("/plan/forskel", include_in_schema=False)
def difference_page(request: Request, a: RowId, b: RowId, user: User = Depends(readers),
                    db: Database = Depends(get_db)):
    old = plan_versions.get_version(db, user.municipality_code, a)
    new = plan_versions.get_version(db, user.municipality_code, b)
    return render(request, "steering/plan/difference.html", user=user, old=old, new=new,
                  changes=plan_versions.difference(old.plan, new.plan))


@router.get("/plan/{version_id}", include_in_schema=False)
def plan_page(request: Request, version_id: RowId, user: User = Depends(readers), db: Database = Depends(get_db)):
    return _version_page(request, user, db, version_id)


def _version_page(request: Request, user: User, db: Database, version_id: int, errors: dict | None = None,
                  values: dict | None = None):
    """The version; a refused status change comes back with its message at the field and the input kept."""
    version = plan_versions.get_version(db, user.municipality_code, version_id)
    others = [v for v in plan_versions.list_versions(db, user.municipality_code) if v["id"] != version_id]
    return render(request, "steering/plan/version.html", user=user, v=version, others=others,
                  measures=MEASURES, offer_label=plan_forms.offer_label, bound_da=plan_forms.BOUND_DA,
                  actions=[(s, plan_versions.ACTION_DA[s]) for s in plan_versions.TRANSITIONS[version.status]],
                  today=clock.today(), can_edit=user.role == Role.MANAGER, fmtv=format_value,
                  errors=errors or {}, values=values or {}, status_code=422 if errors else 200)


@router.get("/plan/{version_id}/yaml", include_in_schema=False)
def plan_yaml(version_id: RowId, user: User = Depends(readers), db: Database = Depends(get_db)):
    version = plan_versions.get_version(db, user.municipality_code, version_id)
    return Response(plan_versions.export_yaml(version.plan), media_type="application/x-yaml; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="plan-{version.number}.yaml"'})


def _edit(request: Request, user: User, version, values: dict, errors: dict, status_code: int = 200):
    return render(request, "steering/plan/edit.html", user=user, v=version, values=values, errors=errors,
                  measures=MEASURES, bound_da=plan_forms.BOUND_DA, status_code=status_code,
                  offer_labels=sorted(plan_forms.OFFER_LABELS.values()))


@router.get("/plan/{version_id}/ret", include_in_schema=False)
def edit_page(request: Request, version_id: RowId, user: User = Depends(managers), db: Database = Depends(get_db)):
    version = plan_versions.get_version(db, user.municipality_code, version_id)
    return _edit(request, user, version, plan_forms.form_values(version.plan), {})


@router.post("/plan/{version_id}/ret", include_in_schema=False, dependencies=csrf)
async def edit_form(request: Request, version_id: RowId, user: User = Depends(managers),
                    db: Database = Depends(get_db)):
    version = plan_versions.get_version(db, user.municipality_code, version_id)
    form = {k: str(v)[:20_000] for k, v in (await request.form()).items() if k != "csrf_token"}
    plan, errors = plan_forms.apply_form(version.plan, form)
    if plan is None:
        return _edit(request, user, version, form, errors, status_code=422)
    plan_versions.save_draft(db, user, version_id, plan)
    return back(request, f"/plan/{version_id}", "Kladden er gemt.")


@router.post("/plan/{version_id}/status", include_in_schema=False, dependencies=csrf)
def status_form(request: Request, version_id: RowId, status: Annotated[str, Form(max_length=20)],
                on: Annotated[str, Form(max_length=20)] = "", decision: Annotated[Note, Form()] = "",
                user: User = Depends(managers), db: Database = Depends(get_db)):
    try:
        when = day(on, "Dato")
    except InvalidInput as exc:
        return _version_page(request, user, db, version_id, {(status, "on"): str(exc)}, {"on": on, "decision": decision})
    try:
        plan_versions.set_status(db, user, version_id, status, when, decision)
    except InvalidInput as exc:
        return _version_page(request, user, db, version_id, {(status, "decision"): str(exc)},
                             {"on": on, "decision": decision})
    return back(request, f"/plan/{version_id}", f"Planen har nu status: {plan_versions.STATUS_DA[status].lower()}.")


@router.post("/plan/{version_id}/kopi", include_in_schema=False, dependencies=csrf)
def copy_form(request: Request, version_id: RowId, user: User = Depends(managers), db: Database = Depends(get_db)):
    new_id = plan_versions.copy_as_draft(db, user, version_id)
    return back(request, f"/plan/{new_id}", "En ny kladde er oprettet som kopi.")
