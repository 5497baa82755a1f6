"""The FastAPI application: middleware, error pages and the routers of every area."""

from __future__ import annotations

import importlib
import os
import secrets
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from indsats.services.shared.database import Database

from . import errors
from .deps import LoginRequired
from .request_limits import RequestLimits

# One module per area under indsats/web/routes; each exposes `router`.
ROUTE_MODULES = [
    "health",
    "accounts.login",
    "casework.citizens",
    "casework.recording",
    "casework.appointments",
    "accounts.audit_log",
    "casework.worklists",
    "casework.quota",
    "steering.dashboard",
    "steering.plan",
    "economy",
    "evidence",
    "company.companies",
    "company.job_orders",
    "company.portal",
    "company.entry",
    "citizen",
    "citizen.my_data",
]


def create_app(db: Database | None = None, secret_key: str | None = None) -> FastAPI:
    app = FastAPI(
        title="indsats",
        description="Beskæftigelsesindsatsen: borgere, sager, frister, virksomheder og mål.",
        version="0.1.0",
    )
    app.state.db = db or Database()
    secret = secret_key or os.environ.get("INDSATS_SECRET_KEY") or secrets.token_urlsafe(32)
    app.add_middleware(SessionMiddleware, secret_key=secret, session_cookie="indsats_session",
                       same_site="lax", https_only=os.environ.get("INDSATS_HTTPS") == "1", max_age=8 * 3600)
    app.add_middleware(RequestLimits)
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
        return RedirectResponse(f"/login?next={exc.next_url}", status_code=303)

    errors.install(app)
    return app
