"""FastAPI dependencies shared by every router: database, current user, roles, CSRF, rendering.

Who is logged in comes only from the server-side session behind the ``indsats_session`` cookie
(``services.accounts.sessions``). Before log-in, the CSRF token of the log-in form lives in a
short-lived signed cookie (Starlette's ``request.session``, named ``indsats_prelogin``); after
log-in, the token is the server session's own.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from pathlib import Path

from fastapi import Depends, HTTPException, Request, Response
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.accounts.sessions import ActiveSession, resume_session
from indsats.services.shared.database import Database
from indsats.settings import Settings

from . import flash, formatting

templates = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))
formatting.install(templates.env)
flash.install(templates.env)


class LoginRequired(Exception):
    """Raised for a page request without a valid session; the app redirects to /login."""

    def __init__(self, next_url: str):
        self.next_url = next_url


def get_db(request: Request) -> Database:
    return request.app.state.db


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


SESSION_COOKIE = "indsats_session"
PRELOGIN_COOKIE = "indsats_prelogin"
_UNRESOLVED = object()


def settings_of(request: Request) -> Settings:
    return request.app.state.settings


def client_address(request: Request) -> str:
    return request.client.host if request.client else ""


def active_session(request: Request) -> ActiveSession | None:
    """The server-side session of this request (looked up once per request)."""
    found = getattr(request.state, "login_session", _UNRESOLVED)
    if found is _UNRESOLVED:
        found = resume_session(get_db(request), request.cookies.get(SESSION_COOKIE),
                               request.app.state.session_policy)
        request.state.login_session = found
    return found  # type: ignore[return-value]


def set_session_cookie(response: Response, request: Request, token: str) -> None:
    response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="lax", path="/",
                        secure=settings_of(request).secure_cookies)


def clear_session_cookie(response: Response, request: Request) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax",
                           secure=settings_of(request).secure_cookies)


def current_user(request: Request) -> User:
    session = active_session(request)
    if session is None:
        if is_api(request):
            raise HTTPException(status_code=401, detail="Log ind først.")
        raise LoginRequired(str(request.url.path))
    request.state.user = session.user  # for the audit row of a refused attempt (web/errors.py)
    return session.user


def require_roles(*roles: Role) -> Callable[..., User]:
    def dependency(user: User = Depends(current_user)) -> User:
        if user.role not in roles:
            raise HTTPException(status_code=403, detail="Din rolle giver ikke adgang til denne side.")
        return user

    return dependency


def csrf_token(request: Request) -> str:
    """The logged-in session's token; before log-in, one kept in the signed pre-login cookie."""
    session = active_session(request)
    if session is not None:
        return session.csrf_token
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def _expected_csrf(request: Request) -> str:
    return csrf_token(request)


async def verify_csrf(request: Request) -> None:
    """For every state-changing request: the form field or header must match the session's token."""
    expected = await run_in_threadpool(_expected_csrf, request)
    sent = request.headers.get("x-csrf-token")
    if sent is None:
        content_type = request.headers.get("content-type", "")
        if "form" in content_type:
            form = await request.form()
            sent = form.get("csrf_token")
    if not expected or not sent or not secrets.compare_digest(str(sent), expected):
        raise HTTPException(status_code=403, detail="Ugyldig eller manglende CSRF-nøgle. Genindlæs siden.")


# The menu: (path, Danish label, roles). An item shows only when its route is registered.
NAV: list[tuple[str, str, frozenset[Role]]] = [
    ("/sager", "Sagsstamme", frozenset({Role.CASEWORKER, Role.TEAM_LEADER})),
    ("/borgere", "Find borger", frozenset({Role.CASEWORKER, Role.TEAM_LEADER, Role.MANAGER})),
    ("/kalender", "Kalender", frozenset({Role.CASEWORKER, Role.TEAM_LEADER})),
    ("/raadighed", "Rådighed", frozenset({Role.CASEWORKER, Role.TEAM_LEADER})),
    ("/frister", "Frister", frozenset({Role.CASEWORKER, Role.TEAM_LEADER, Role.MANAGER})),
    ("/rettidighed", "Rettidighed", frozenset({Role.TEAM_LEADER, Role.MANAGER})),
    ("/kvoter", "Kvoter", frozenset({Role.TEAM_LEADER, Role.MANAGER})),
    ("/fastholdelse", "Fastholdelse", frozenset({Role.TEAM_LEADER, Role.MANAGER})),
    ("/plan", "Beskæftigelsesplan", frozenset({Role.TEAM_LEADER, Role.MANAGER})),
    ("/styring", "Mål og resultater", frozenset({Role.TEAM_LEADER, Role.MANAGER})),
    ("/ledelsesinformation", "Ledelsesinformation", frozenset({Role.TEAM_LEADER, Role.MANAGER})),
    ("/okonomi", "Økonomi", frozenset({Role.TEAM_LEADER, Role.MANAGER})),
    ("/evidens/risiko", "Tidlig opsporing", frozenset({Role.CASEWORKER, Role.TEAM_LEADER})),
    ("/evidens/effekter", "Effekter", frozenset({Role.TEAM_LEADER, Role.MANAGER})),
    ("/evidens/dagpengeophor", "Dagpengeophør", frozenset({Role.TEAM_LEADER})),
    ("/virksomheder", "Virksomheder", frozenset({Role.COMPANY_CONSULTANT, Role.MANAGER})),
    ("/jobordrer", "Jobordrer", frozenset({Role.COMPANY_CONSULTANT})),
    ("/kandidater", "Kandidater", frozenset({Role.CASEWORKER, Role.TEAM_LEADER, Role.COMPANY_CONSULTANT})),
    ("/virksomhedscentre", "Virksomhedscentre", frozenset({Role.COMPANY_CONSULTANT, Role.MANAGER})),
    ("/portal", "Vores jobordrer", frozenset({Role.COMPANY})),
    ("/portal/henvendelser", "Henvendelser", frozenset({Role.COMPANY})),
    ("/henvendelser", "Virksomhedshenvendelser", frozenset({Role.COMPANY_CONSULTANT, Role.MANAGER})),
    ("/cv-tjek", "CV-tjek", frozenset({Role.CASEWORKER, Role.TEAM_LEADER})),
    ("/borgerbeskeder", "Borgerbeskeder", frozenset({Role.CASEWORKER, Role.TEAM_LEADER})),
    ("/samlet-plan", "Samlede planer", frozenset({Role.PARTICIPANT})),
    ("/min-sag", "Min sag", frozenset({Role.CITIZEN})),
    ("/book-samtale", "Book samtale", frozenset({Role.CITIZEN})),
    ("/mit-cv", "Mit CV", frozenset({Role.CITIZEN})),
    ("/joblog", "Joblog", frozenset({Role.CITIZEN})),
    ("/min-plan", "Min plan", frozenset({Role.CITIZEN})),
    ("/beskeder", "Beskeder", frozenset({Role.CITIZEN})),
    ("/fravaer", "Syg og ferie", frozenset({Role.CITIZEN})),
    ("/logning", "Logning", frozenset({Role.MANAGER})),
    ("/brugere", "Brugere", frozenset({Role.MANAGER})),
    ("/sletteregler", "Sletteregler", frozenset({Role.MANAGER})),
]


def nav_items(request: Request, user: User | None) -> list[tuple[str, str]]:
    if user is None:
        return []
    paths = request.app.state.paths
    return [(path, label) for path, label, roles in NAV if user.role in roles and path in paths]


def render(request: Request, template: str, user: User | None = None, status_code: int = 200, **context):
    context.update(request=request, user=user, csrf_token=csrf_token(request), nav=nav_items(request, user))
    return templates.TemplateResponse(request, template, context, status_code=status_code)
