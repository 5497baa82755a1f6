"""Fravær: the citizen reports sick, well again or a holiday."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse

from indsats.domain import clock
from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.citizen import absence
from indsats.services.shared.database import Database

from ...deps import get_db, render, require_roles, verify_csrf
from ...flash import flash
from ...input_bounds import Name

router = APIRouter(tags=["borger"])
citizen_only = require_roles(Role.CITIZEN)
DONE_DA = {"sick": "Du er meldt syg. Dine frister er rykket, som loven siger.",
           "well": "Du er meldt rask. Dine frister gælder igen fra i dag.",
           "holiday": "Din ferie er registreret. Dine frister er rykket, som loven siger."}


def _page(request, user, db, values=None, errors=None, status_code=200):
    return render(request, "citizen/absence.html", user=user, periods=absence.my_absences(db, user),
                  kinds=absence.KINDS_DA, values=values or {"start": clock.today().isoformat()},
                  errors=errors or {}, status_code=status_code)


@router.get("/fravaer", include_in_schema=False)
def absence_page(request: Request, user: User = Depends(citizen_only), db: Database = Depends(get_db)):
    return _page(request, user, db)


@router.post("/fravaer", include_in_schema=False, dependencies=[Depends(verify_csrf)])
def absence_report(request: Request, kind: Annotated[Name, Form()] = "", start: Annotated[Name, Form()] = "",
                   end: Annotated[Name, Form()] = "", user: User = Depends(citizen_only),
                   db: Database = Depends(get_db)):
    try:
        absence.report(db, user, kind, start, end)
    except absence.AbsenceErrors as exc:
        return _page(request, user, db, {"kind": kind, "start": start, "end": end}, exc.errors, 422)
    flash(request, DONE_DA[kind])
    return RedirectResponse("/fravaer", status_code=303)
