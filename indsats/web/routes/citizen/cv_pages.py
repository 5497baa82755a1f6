"""Mit CV (the citizen) and CV-tjek (the caseworker: who lacks a CV)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.citizen import cv as cv_service
from indsats.services.shared.database import Database
from indsats.services.shared.errors import InvalidInput

from ...deps import get_db, render, require_roles, verify_csrf
from ...flash import flash
from ...input_bounds import Name

router = APIRouter(tags=["borger"])
citizen_only = require_roles(Role.CITIZEN)
caseworkers = require_roles(Role.CASEWORKER, Role.TEAM_LEADER)
csrf = [Depends(verify_csrf)]


def _page(request, user, cv, values=None, errors=None, status_code=200):
    return render(request, "citizen/cv.html", user=user, cv=cv, values=values, errors=errors or {},
                  needs=cv_service.NEEDS_DA, status_code=status_code)


@router.get("/mit-cv", include_in_schema=False)
def cv_page(request: Request, user: User = Depends(citizen_only), db: Database = Depends(get_db)):
    return _page(request, user, cv_service.my_cv(db, user))


@router.get("/mit-cv/stillinger", include_in_schema=False)
def occupation_search(request: Request, q: Name = "", user: User = Depends(citizen_only)):
    return render(request, "citizen/_occupation_options.html", user=user,
                  options=cv_service.occupation_suggestions(q), q=q)


@router.post("/mit-cv", include_in_schema=False, dependencies=csrf)
async def cv_save(request: Request, user: User = Depends(citizen_only), db: Database = Depends(get_db)):
    form = await request.form()
    values = {key: (form.get(key) or "")[:4000] for key in
              ("experience", "education", "skills", "languages", "max_hours", "max_commute_km", "driving_licence")}
    values["occupations"] = [str(v)[:200] for v in form.getlist("occupations")][:12]
    values["accommodation_needs"] = [str(v)[:60] for v in form.getlist("accommodation_needs")][:5]
    try:
        cv_service.save_my_cv(db, user, values)
    except cv_service.CvErrors as exc:
        return _page(request, user, cv_service.my_cv(db, user), values, exc.errors, 422)
    flash(request, "Dit CV er gemt.")
    return RedirectResponse("/mit-cv", status_code=303)


@router.post("/mit-cv/samtykke", include_in_schema=False, dependencies=csrf)
async def cv_consent(request: Request, user: User = Depends(citizen_only), db: Database = Depends(get_db)):
    form = await request.form()
    consent = form.get("consent") == "ja"
    try:
        cv_service.set_my_consent(db, user, consent)
    except InvalidInput as exc:
        return _page(request, user, cv_service.my_cv(db, user), None, {"consent": str(exc)}, 422)
    flash(request, "Du har givet samtykke. Virksomheder kan nu finde dit CV uden dit navn." if consent
          else "Du har trukket dit samtykke tilbage. Virksomheder kan ikke længere finde dit CV.")
    return RedirectResponse("/mit-cv", status_code=303)


@router.get("/cv-tjek", include_in_schema=False)
def cv_check_page(request: Request, side: int = Query(1, ge=1, le=10_000), user: User = Depends(caseworkers),
                  db: Database = Depends(get_db)):
    return render(request, "citizen/cv_check.html", user=user, check=cv_service.citizens_without_cv(db, user, side),
                  page_size=cv_service.PAGE_SIZE)
