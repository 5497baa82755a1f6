"""Brugere: a manager disables (or re-opens) an account of the municipality and resets a password."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.accounts.user_admin import accounts_of_municipality, reset_password, set_disabled
from indsats.services.shared.database import Database
from indsats.services.shared.errors import InvalidInput, NotFound

from ...deps import get_db, render, require_roles, verify_csrf

router = APIRouter(tags=["brugere"])
managers = require_roles(Role.MANAGER)


def _page(request: Request, user: User, db: Database, status_code: int = 200, **context):
    return render(request, "accounts/users/list.html", user=user, accounts=accounts_of_municipality(db, user),
                  status_code=status_code, **context)


@router.get("/brugere", include_in_schema=False)
def users_page(request: Request, user: User = Depends(managers), db: Database = Depends(get_db)):
    return _page(request, user, db)


@router.post("/brugere/spaer", include_in_schema=False, dependencies=[Depends(verify_csrf)])
def disable(request: Request, username: str = Form(..., max_length=80), disabled: bool = Form(True),
            user: User = Depends(managers), db: Database = Depends(get_db)):
    try:
        ended = set_disabled(db, username, disabled, by=user)
    except (InvalidInput, NotFound) as exc:
        return _page(request, user, db, status_code=422, error=str(exc))
    message = (f"{username} er spærret; {ended} åbne sessioner er afsluttet." if disabled
               else f"{username} er genåbnet.")
    return _page(request, user, db, message=message)


@router.post("/brugere/nulstil", include_in_schema=False, dependencies=[Depends(verify_csrf)])
def reset(request: Request, username: str = Form(..., max_length=80), user: User = Depends(managers),
          db: Database = Depends(get_db)):
    try:
        password = reset_password(db, username, by=user)
    except (InvalidInput, NotFound) as exc:
        return _page(request, user, db, status_code=422, error=str(exc))
    return _page(request, user, db, message=f"Ny midlertidig adgangskode til {username}:", new_password=password)
