"""The FastAPI application: middleware, error pages and the routers of every area."""

from __future__ import annotations

import importlib
import secrets
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from indsats.services.accounts.sessions import SessionPolicy
from indsats.services.shared.database import Database
from indsats.services.shared.privacy_logging import install_cpr_masking
from indsats.settings import Settings, get_settings

from . import errors
from .deps import PRELOGIN_COOKIE, LoginRequired, clear_session_cookie
from .request_limits import RequestLimits
from .security_headers import SecurityHeaders

# One module per area under indsats/web/routes; each exposes `router`.
ROUTE_MODULES = [
    "health",
    "accounts.login",
    "accounts.oidc",
    "casework.citizens",
    "casework.recording",
    "casework.appointments",
    "accounts.audit_log",
    "accounts.users",
    "accounts.retention",
    "casework.worklists",
    "casework.quota",
    "casework.programmes",
    "casework.coordination",
    "casework.sick_leave",
    "steering.dashboard",
    "steering.plan",
    "steering.programmes",
    "economy",
    "evidence",
    "company.companies",
    "company.job_orders",
    "company.portal",
    "company.entry",
    "company.network",
    "citizen",
    "citizen.my_data",
]


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
    app.add_middleware(RequestLimits, max_body_bytes=settings.max_request_bytes)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=str(Path(__file__).with_name("static"))), name="static")

    app.state.paths, app.state.json_paths, app.state.route_table = set(), set(), []
    for name in ROUTE_MODULES:
        module = importlib.import_module(f"indsats.web.routes.{name}")
        app.include_router(module.router, responses=errors.ERROR_RESPONSES)
        app.state.paths.update(route.path for route in module.router.routes)
        app.state.route_table.extend(module.router.routes)
        app.state.json_paths.update(r.path for r in module.router.routes if getattr(r, "include_in_schema", False))

    @app.exception_handler(LoginRequired)
    async def _login_required(request: Request, exc: LoginRequired):
        response = RedirectResponse(f"/login?next={quote(exc.next_url)}", status_code=303)
        clear_session_cookie(response, request)
        return response

    errors.install(app)
    return app
