"""The FastAPI application: middleware, error pages and the routers of every area."""

from __future__ import annotations

import importlib
import secrets
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import HTTPException
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from indsats.services.accounts.auth import TooManyAttempts
from indsats.services.accounts.sessions import SessionPolicy
from indsats.services.shared.database import Database
from indsats.services.shared.errors import (
    AuthenticationFailed,
    Forbidden,
    InvalidInput,
    NotFound,
    ServiceError,
)
from indsats.services.shared.privacy_logging import install_cpr_masking
from indsats.settings import Settings, get_settings

from .deps import PRELOGIN_COOKIE, LoginRequired, clear_session_cookie, is_api, render
from .security_headers import SecurityHeaders

# One module per area under indsats/web/routes; each exposes `router`.
ROUTE_MODULES = [
    "health",
    "accounts.login",
    "casework.citizens",
    "casework.recording",
    "accounts.audit_log",
    "accounts.users",
    "casework.worklists",
    "steering.dashboard",
    "company.companies",
    "company.job_orders",
    "company.portal",
]

_STATUS = {NotFound: 404, Forbidden: 403, InvalidInput: 422, TooManyAttempts: 429, AuthenticationFailed: 401}


def _status_for(error: ServiceError) -> int:
    for kind, status in _STATUS.items():
        if isinstance(error, kind):
            return status
    return 400


def create_app(db: Database | None = None, secret_key: str | None = None,
               settings: Settings | None = None) -> FastAPI:
    """The app; ``settings`` default to the environment's (``indsats.settings``). In production a
    missing secret key stops here with ``SettingsError``."""
    settings = settings or get_settings()
    secret = secret_key or settings.require_secret_key() or secrets.token_urlsafe(32)
    install_cpr_masking()
    app = FastAPI(
        title="indsats",
        description="Beskæftigelsesindsatsen: borgere, sager, frister, virksomheder og mål.",
        version="0.1.0",
    )
    app.state.db = db or Database(settings.sqlalchemy_url)
    app.state.settings = settings
    app.state.session_policy = SessionPolicy(idle=settings.session_idle, absolute=settings.session_absolute)
    # Who is logged in lives in the server-side session (deps.active_session); this signed cookie only
    # carries the log-in form's CSRF token (and an OpenID Connect state) before log-in.
    app.add_middleware(SessionMiddleware, secret_key=secret, session_cookie=PRELOGIN_COOKIE,
                       same_site="lax", https_only=settings.secure_cookies, max_age=3600)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=str(Path(__file__).with_name("static"))), name="static")

    app.state.paths = set()
    for name in ROUTE_MODULES:
        module = importlib.import_module(f"indsats.web.routes.{name}")
        app.include_router(module.router)
        app.state.paths.update(route.path for route in module.router.routes)

    @app.exception_handler(LoginRequired)
    async def _login_required(request: Request, exc: LoginRequired):
        response = RedirectResponse(f"/login?next={quote(exc.next_url)}", status_code=303)
        clear_session_cookie(response, request)
        return response

    @app.exception_handler(ServiceError)
    async def _service_error(request: Request, exc: ServiceError):
        status = _status_for(exc)
        if is_api(request):
            return JSONResponse({"detail": str(exc)}, status_code=status)
        return render(request, "error.html", status_code=status, message=str(exc), status=status)

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException):
        if is_api(request) or exc.status_code < 400:
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return render(request, "error.html", status_code=exc.status_code, message=str(exc.detail),
                      status=exc.status_code)

    return app
