"""Log-in and log-out (pages and API)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel

from indsats.domain.enums import Role
from indsats.services.accounts.auth import authenticate
from indsats.services.shared.database import Database
from indsats.services.shared.errors import AuthenticationFailed

from ...deps import current_user, get_db, render, verify_csrf

router = APIRouter(tags=["log ind"])

HOME_BY_ROLE = {
    Role.CASEWORKER: "/sager",
    Role.TEAM_LEADER: "/sager",
    Role.MANAGER: "/borgere",
    Role.COMPANY_CONSULTANT: "/",
    Role.CITIZEN: "/min-sag",
    Role.COMPANY: "/",
}


def _safe_next(next_url: str | None) -> str | None:
    if next_url and next_url.startswith("/") and not next_url.startswith("//"):
        return next_url
    return None


@router.get("/login", include_in_schema=False)
def login_page(request: Request, next: str | None = None):
    return render(request, "login.html", next=_safe_next(next) or "", error=None)


@router.post("/login", include_in_schema=False, dependencies=[Depends(verify_csrf)])
def login(request: Request, username: str = Form(...), password: str = Form(...), next: str = Form(""),
          db: Database = Depends(get_db)):
    try:
        user = authenticate(db, username, password)
    except AuthenticationFailed as exc:
        return render(request, "login.html", next=next, error=str(exc), status_code=401, username=username)
    request.session.clear()
    request.session["uid"] = user.id
    return RedirectResponse(_safe_next(next) or HOME_BY_ROLE.get(user.role, "/"), status_code=303)


@router.post("/logout", include_in_schema=False, dependencies=[Depends(verify_csrf)])
def logout(request: Request):
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


class Credentials(BaseModel):
    username: str
    password: str


@router.post("/api/login")
def api_login(request: Request, credentials: Credentials, db: Database = Depends(get_db)):
    """Log in for API clients; the session cookie and the CSRF token for later writes are returned."""
    user = authenticate(db, credentials.username, credentials.password)
    request.session.clear()
    request.session["uid"] = user.id
    from ...deps import csrf_token

    return {"username": user.username, "role": user.role.value, "csrf_token": csrf_token(request)}


@router.get("/", include_in_schema=False)
def home(request: Request, user=Depends(current_user)):
    target = HOME_BY_ROLE.get(user.role, "/")
    if target == "/":
        return render(request, "home.html", user=user)
    return RedirectResponse(target, status_code=303)
