"""The FastAPI application: middleware, error pages and the routers of every area."""

from __future__ import annotations

import importlib
import os
import secrets
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import HTTPException
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from indsats.services.shared.database import Database
from indsats.services.shared.errors import (
    AuthenticationFailed,
    Forbidden,
    InvalidInput,
    NotFound,
    ServiceError,
)

from .deps import LoginRequired, is_api, render

# One module per area under indsats/web/routes; each exposes `router`.
ROUTE_MODULES = [
    "health",
    "accounts.login",
    "casework.citizens",
    "casework.recording",
    "accounts.audit_log",
    "casework.worklists",
    "steering.dashboard",
    "economy",
    "company.companies",
    "company.job_orders",
    "company.portal",
]

_STATUS = {NotFound: 404, Forbidden: 403, InvalidInput: 422, AuthenticationFailed: 401}


def _status_for(error: ServiceError) -> int:
    for kind, status in _STATUS.items():
        if isinstance(error, kind):
            return status
    return 400


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
    app.mount("/static", StaticFiles(directory=str(Path(__file__).with_name("static"))), name="static")

    app.state.paths = set()
    for name in ROUTE_MODULES:
        module = importlib.import_module(f"indsats.web.routes.{name}")
        app.include_router(module.router)
        app.state.paths.update(route.path for route in module.router.routes)

    @app.exception_handler(LoginRequired)
    async def _login_required(request: Request, exc: LoginRequired):
        return RedirectResponse(f"/login?next={exc.next_url}", status_code=303)

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
