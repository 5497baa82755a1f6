"""Log-in with OpenID Connect (MitID / NemLog-in through a broker), optional and off by default.

The authorization-code flow with PKCE (S256) runs in Authlib's Starlette client: ``/login/oidc``
sends the browser to the provider with a fresh ``state``, ``nonce`` and code challenge (kept in the
signed pre-login cookie until the answer comes back); ``/login/oidc/callback`` checks the state,
exchanges the code with the verifier and the client secret, and validates the ID token's
signature, issuer, audience, expiry and nonce. The verified subject is then looked up among the
accounts (``services.accounts.oidc_login``); the session is the same server-side session as after
a password log-in, and log-out ends it the same way — and then goes on to the provider's
``end_session_endpoint`` (``oidc_logout``). Every refusal is audited.
"""

from __future__ import annotations

from authlib.integrations.starlette_client import OAuth, OAuthError
from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from indsats.services.accounts.oidc_login import FLOW_FAILED, log_in_with_subject, refuse_flow
from indsats.services.shared.database import Database
from indsats.services.shared.errors import AuthenticationFailed
from indsats.settings import Settings

from ...deps import client_address, get_db, set_session_cookie, settings_of
from .login import _safe_next, begin_session, home_of, login_page_response

router = APIRouter(tags=["log ind"])

_NEXT = "oidc_next"


def _client(request: Request):
    """The app's Authlib client, registered once from the settings; 404 when OIDC is not configured."""
    settings: Settings = settings_of(request)
    if not settings.oidc_enabled:
        raise HTTPException(status_code=404, detail="Log-ind med OpenID Connect er ikke slået til.")
    client = getattr(request.app.state, "oidc_client", None)
    if client is None:
        scopes = settings.oidc_scopes.split()
        oauth = OAuth()
        oauth.register(
            name="indsats",
            client_id=settings.oidc_client_id,
            client_secret=settings.oidc_client_secret.get_secret_value() if settings.oidc_client_secret else None,
            server_metadata_url=f"{settings.oidc_issuer.rstrip('/')}/.well-known/openid-configuration",
            client_kwargs={"scope": " ".join(["openid", *[s for s in scopes if s != "openid"]]),
                           "code_challenge_method": "S256"},
        )
        client = request.app.state.oidc_client = oauth.create_client("indsats")
    return client


@router.get("/login/oidc", include_in_schema=False)
async def oidc_start(request: Request, next: str | None = None):
    client = _client(request)
    request.session[_NEXT] = _safe_next(next) or ""
    try:
        return await client.authorize_redirect(request, str(request.url_for("oidc_callback")))
    except Exception:  # the provider cannot be reached or its metadata is wrong
        return login_page_response(request, next, error="MitID/NemLog-in kan ikke nås lige nu. Prøv igen senere.",
                                   status_code=502)


@router.get("/login/oidc/callback", include_in_schema=False, name="oidc_callback")
async def oidc_callback(request: Request, db: Database = Depends(get_db)):
    client = _client(request)
    client_ip = client_address(request)
    next_url = request.session.get(_NEXT) or None
    try:
        token = await client.authorize_access_token(request)
        userinfo = token.get("userinfo") or {}
        subject = str(userinfo.get("sub") or "")
        id_token = str(token.get("id_token") or "") or None
        if not subject:
            raise OAuthError(error="missing_sub", description="no subject in the ID token")
    except Exception as exc:  # noqa: BLE001 — state, code, PKCE, nonce, signature, issuer, audience, network
        why = getattr(exc, "error", None) or type(exc).__name__
        await run_in_threadpool(refuse_flow, db, client_ip, str(why))
        request.session.pop(_NEXT, None)
        return login_page_response(request, next_url, error=FLOW_FAILED, status_code=400)
    try:
        user = await run_in_threadpool(log_in_with_subject, db, subject, client_ip)
    except AuthenticationFailed as exc:
        request.session.pop(_NEXT, None)
        return login_page_response(request, next_url, error=str(exc), status_code=401)
    token_value, session = await run_in_threadpool(begin_session, request, db, user, id_token)
    response = RedirectResponse(home_of(session.user, next_url), status_code=303)
    set_session_cookie(response, request, token_value)
    return response
