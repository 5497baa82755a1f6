"""Log-in and log-out (pages and API). A log-in starts a new server-side session (a new cookie);
a log-out ends it for good."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request, Response
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.accounts.auth import TooManyAttempts, log_in
from indsats.services.accounts.sessions import end_session, start_session
from indsats.services.shared.database import Database
from indsats.services.shared.errors import AuthenticationFailed

from ...deps import (
    SESSION_COOKIE,
    clear_session_cookie,
    client_address,
    current_user,
    get_db,
    render,
    set_session_cookie,
    settings_of,
    verify_csrf,
)
from .oidc_logout import provider_logout_url

router = APIRouter(tags=["log ind"])

HOME_BY_ROLE = {
    Role.CASEWORKER: "/sager",
    Role.TEAM_LEADER: "/sager",
    Role.MANAGER: "/borgere",
    Role.COMPANY_CONSULTANT: "/",
    Role.CITIZEN: "/min-sag",
    Role.COMPANY: "/",
    Role.PARTICIPANT: "/samlet-plan",
}


def _safe_next(next_url: str | None) -> str | None:
    if next_url and next_url.startswith("/") and not next_url.startswith("//"):
        return next_url
    return None


def login_page_response(request: Request, next: str | None = None, error: str | None = None,
                        status_code: int = 200, username: str = ""):
    """The log-in page; the OpenID Connect button shows only when a provider is configured."""
    settings = settings_of(request)
    return render(request, "login.html", next=_safe_next(next) or "", error=error, status_code=status_code,
                  username=username, oidc_label=settings.oidc_label if settings.oidc_enabled else None)


@router.get("/login", include_in_schema=False)
def login_page(request: Request, next: str | None = None):
    return login_page_response(request, next)


def begin_session(request: Request, db: Database, user: User, id_token: str | None = None):
    """A fresh server-side session for a user who has just proved who they are (password or OIDC):
    the session the browser held ends (the id is rotated) and the pre-login cookie is emptied."""
    token, session = start_session(db, user, client_address(request),
                                   previous_token=request.cookies.get(SESSION_COOKIE), id_token=id_token)
    request.session.clear()
    request.state.login_session = session
    return token, session


def home_of(user: User, next_url: str | None = None) -> str:
    return _safe_next(next_url) or HOME_BY_ROLE.get(user.role, "/")


def _start(request: Request, db: Database, username: str, password: str):
    """Check the password (throttled, audited) and start a fresh session."""
    user = log_in(db, username, password, client=client_address(request))
    return begin_session(request, db, user)


@router.post("/login", include_in_schema=False, dependencies=[Depends(verify_csrf)])
def login(request: Request, username: str = Form("", max_length=200), password: str = Form("", max_length=1000),
          next: str = Form("", max_length=2000), db: Database = Depends(get_db)):
    try:
        token, session = _start(request, db, username, password)
    except AuthenticationFailed as exc:
        status = 429 if isinstance(exc, TooManyAttempts) else 401
        return login_page_response(request, next, error=str(exc), status_code=status, username=username)
    response = RedirectResponse(home_of(session.user, next), status_code=303)
    set_session_cookie(response, request, token)
    return response


@router.post("/logout", include_in_schema=False, dependencies=[Depends(verify_csrf)])
async def logout(request: Request, db: Database = Depends(get_db)):
    """The session ends here; when it began with OpenID Connect and the provider has an
    ``end_session_endpoint``, the browser goes on there (RP-initiated log-out) and comes back to /login."""
    id_token = await run_in_threadpool(end_session, db, request.cookies.get(SESSION_COOKIE), client_address(request))
    request.session.clear()
    target = (await provider_logout_url(request, id_token)) if id_token else None
    response = RedirectResponse(target or "/login", status_code=303)
    clear_session_cookie(response, request)
    return response


class Credentials(BaseModel):
    username: str = Field(max_length=200)
    password: str = Field(max_length=1000)


class LoginOut(BaseModel):
    username: str
    role: str
    csrf_token: str = Field(description="Send it as the X-CSRF-Token header with every write")


@router.post("/api/login", response_model=LoginOut)
def api_login(request: Request, response: Response, credentials: Credentials, db: Database = Depends(get_db)):
    """Log in for API clients; the session cookie and the CSRF token for later writes are returned.
    Log out with ``POST /logout`` and the token in the ``X-CSRF-Token`` header."""
    token, session = _start(request, db, credentials.username, credentials.password)
    set_session_cookie(response, request, token)
    return LoginOut(username=session.user.username, role=session.user.role.value, csrf_token=session.csrf_token)


@router.get("/", include_in_schema=False)
def home(request: Request, user=Depends(current_user)):
    target = HOME_BY_ROLE.get(user.role, "/")
    if target == "/":
        return render(request, "home.html", user=user)
    return RedirectResponse(target, status_code=303)
