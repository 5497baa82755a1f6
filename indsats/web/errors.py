"""One error shape for every answer that is not a success, and the handlers that produce it.

``{"detail": "<Danish sentence>", "errors": [{"field": "as_of", "message": "skal ligge mellem …"}]}``
— for the JSON API; pages get the same sentence on the Danish error page. The shape is
documented in the OpenAPI for 400, 401, 403, 404, 409, 413 and 422 on every JSON operation.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from indsats.services.accounts.audit import record_refused
from indsats.services.accounts.auth import TooManyAttempts
from indsats.services.shared.errors import (
    AuthenticationFailed,
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    ServiceError,
)
from indsats.services.shared.validation_da import message_da

from .deps import is_api, render

log = logging.getLogger("indsats.web")


class FieldError(BaseModel):
    field: str
    message: str


class ErrorOut(BaseModel):
    """Every error answer of the JSON API."""

    detail: str
    errors: list[FieldError] = []


ERROR_RESPONSES: dict[int | str, dict] = {
    400: {"model": ErrorOut, "description": "Forespørgslen kunne ikke læses"},
    401: {"model": ErrorOut, "description": "Ikke logget ind"},
    403: {"model": ErrorOut, "description": "Ingen adgang"},
    404: {"model": ErrorOut, "description": "Findes ikke"},
    409: {"model": ErrorOut, "description": "Konflikt med en anden ændring"},
    413: {"model": ErrorOut, "description": "Forespørgslen er for stor"},
    422: {"model": ErrorOut, "description": "Ugyldige data"},
    429: {"model": ErrorOut, "description": "For mange mislykkede log ind-forsøg"},
}

_STATUS = {NotFound: 404, Forbidden: 403, InvalidInput: 422, TooManyAttempts: 429, AuthenticationFailed: 401,
           Conflict: 409}
_LOCATIONS = {"body", "query", "path", "header", "cookie", "form"}


def status_for(error: ServiceError) -> int:
    for kind, status in _STATUS.items():
        if isinstance(error, kind):
            return status
    return 400


def error_body(detail: str, errors: list[FieldError] | None = None) -> dict:
    return ErrorOut(detail=detail, errors=errors or []).model_dump()


def field_errors(exc: RequestValidationError) -> list[FieldError]:
    out = []
    for error in exc.errors():
        loc = [str(part) for part in error.get("loc", ())]
        if len(loc) > 1 and loc[0] in _LOCATIONS:
            loc = loc[1:]
        out.append(FieldError(field=".".join(loc) or "body", message=message_da(error)))
    return out


def wants_json(request: Request) -> bool:
    """The API and every other operation of the OpenAPI (e.g. /healthz) answer JSON; pages answer HTML."""
    return is_api(request) or request.url.path in getattr(request.app.state, "json_paths", ())


def answer(request: Request, status: int, detail: str, errors: list[FieldError] | None = None,
           headers: dict | None = None):
    """The error as JSON for the API, as the Danish error page otherwise."""
    if wants_json(request) or status < 400:
        return JSONResponse(error_body(detail, errors), status_code=status, headers=headers)
    lines = [detail] + [f"Feltet '{e.field}': {e.message}." for e in errors or []]
    page = render(request, "error.html", status_code=status, message=" ".join(lines), status=status)
    page.headers.update(headers or {})
    return page


def log_refusal(request: Request, status: int, exc: Exception) -> None:
    """A 403 to a logged-in user is a refused attempt: logged once (the services log their own)."""
    user = getattr(request.state, "user", None)
    if status != 403 or user is None or getattr(exc, "audited", False):
        return
    raw = request.path_params.get("citizen_id")
    citizen_id = int(raw) if isinstance(raw, int | str) and str(raw).isdigit() and int(raw) < 2**31 else None
    route = request.scope.get("route")
    record_refused(request.app.state.db, user, citizen_id,
                   f"{request.method} {getattr(route, 'path', request.url.path)}: {exc}")


def install(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _invalid_request(request: Request, exc: RequestValidationError):
        errors = field_errors(exc)
        return answer(request, 422, "Ugyldige data: ret de nævnte felter og prøv igen.", errors)

    @app.exception_handler(ServiceError)
    async def _service_error(request: Request, exc: ServiceError):
        log_refusal(request, status_for(exc), exc)
        return answer(request, status_for(exc), str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        log_refusal(request, exc.status_code, exc)
        detail = exc.detail if isinstance(exc.detail, str) else "Forespørgslen kunne ikke behandles."
        if exc.status_code == 404 and detail == "Not Found":
            detail = "Siden findes ikke."
        elif exc.status_code == 400 and "parsing the body" in detail:
            detail = "Forespørgslens indhold kunne ikke læses (ugyldig JSON eller formular)."
        elif exc.status_code == 405:
            detail = "Metoden er ikke tilladt her."
        return answer(request, exc.status_code, detail, headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _server_error(request: Request, exc: Exception):
        log.error("Uventet fejl i %s %s: %s", request.method, request.url.path, type(exc).__name__)
        return JSONResponse(error_body("Der opstod en uventet fejl. Prøv igen, eller kontakt support."),
                            status_code=500)
