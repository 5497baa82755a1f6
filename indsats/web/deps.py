"""FastAPI dependencies shared by every router: database, current user, roles, CSRF, rendering."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from pathlib import Path

from fastapi import Depends, HTTPException, Request
from fastapi.templating import Jinja2Templates

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.accounts.auth import load_user
from indsats.services.shared.database import Database

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


def current_user(request: Request, db: Database = Depends(get_db)) -> User:
    user_id = request.session.get("uid")
    user = load_user(db, user_id) if user_id else None
    if user is None:
        request.session.clear()
        if is_api(request):
            raise HTTPException(status_code=401, detail="Log ind først.")
        raise LoginRequired(str(request.url.path))
    request.state.user = user  # for the audit row of a refused attempt (web/errors.py)
    return user


def require_roles(*roles: Role) -> Callable[..., User]:
    def dependency(user: User = Depends(current_user)) -> User:
        if user.role not in roles:
            raise HTTPException(status_code=403, detail="Din rolle giver ikke adgang til denne side.")
        return user

    return dependency


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


async def verify_csrf(request: Request) -> None:
    """For every state-changing request: the form field or header must match the session's token."""
    expected = request.session.get("csrf")
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
    ("/min-sag", "Min sag", frozenset({Role.CITIZEN})),
    ("/book-samtale", "Book samtale", frozenset({Role.CITIZEN})),
    ("/mit-cv", "Mit CV", frozenset({Role.CITIZEN})),
    ("/joblog", "Joblog", frozenset({Role.CITIZEN})),
    ("/min-plan", "Min plan", frozenset({Role.CITIZEN})),
    ("/beskeder", "Beskeder", frozenset({Role.CITIZEN})),
    ("/fravaer", "Syg og ferie", frozenset({Role.CITIZEN})),
    ("/logning", "Logning", frozenset({Role.MANAGER})),
]


def nav_items(request: Request, user: User | None) -> list[tuple[str, str]]:
    if user is None:
        return []
    paths = request.app.state.paths
    return [(path, label) for path, label, roles in NAV if user.role in roles and path in paths]


def render(request: Request, template: str, user: User | None = None, status_code: int = 200, **context):
    context.update(request=request, user=user, csrf_token=csrf_token(request), nav=nav_items(request, user))
    return templates.TemplateResponse(request, template, context, status_code=status_code)
