"""Messages after a form, carried in the session (never in the URL) and shown once by ``base.html``."""

from __future__ import annotations

from fastapi import Request

_KEY = "flash"


def flash(request: Request, message: str) -> None:
    request.session[_KEY] = [*request.session.get(_KEY, []), message][-5:]


def pop_flashes(request: Request) -> list[str]:
    return request.session.pop(_KEY, []) if _KEY in request.session else []


def install(env) -> None:
    env.globals["beskeder"] = pop_flashes
