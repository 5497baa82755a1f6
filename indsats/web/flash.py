"""Messages after a form, shown once by ``base.html``: kept on the server in the log-in session's
row (``services.accounts.sessions.push_flash``), never in the URL and never in a cookie — a
message can carry what the user typed (a name, an error about their input). Before log-in there is
no session and nothing is kept: no page before log-in flashes.
"""

from __future__ import annotations

from fastapi import Request

from indsats.services.accounts.sessions import pop_flashes as _pop
from indsats.services.accounts.sessions import push_flash


def flash(request: Request, message: str) -> None:
    from .deps import SESSION_COOKIE, active_session, get_db

    if active_session(request) is None:
        return
    push_flash(get_db(request), request.cookies.get(SESSION_COOKIE), message)
    request.state.flashed = True


def pop_flashes(request: Request) -> list[str]:
    from .deps import SESSION_COOKIE, active_session, get_db

    session = active_session(request)
    if session is None or not (session.has_flashes or getattr(request.state, "flashed", False)):
        return []
    return _pop(get_db(request), request.cookies.get(SESSION_COOKIE))


def install(env) -> None:
    env.globals["beskeder"] = pop_flashes
