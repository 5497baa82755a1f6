"""RP-initiated log-out (OpenID Connect RP-Initiated Logout 1.0): after the session here has ended,
a browser that logged in through the provider is sent to the provider's ``end_session_endpoint``
with the ID token as ``id_token_hint`` and ``/login`` as ``post_logout_redirect_uri``, so the
single sign-on session at MitID / NemLog-in ends too. Without OIDC, without the endpoint in the
provider's metadata, or when the provider cannot be reached, the log-out ends here as before."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from fastapi import Request

from ...deps import settings_of

log = logging.getLogger(__name__)


async def provider_logout_url(request: Request, id_token: str) -> str | None:
    """The provider's log-out URL for this browser, or ``None`` when there is none to go to."""
    settings = settings_of(request)
    if not settings.oidc_enabled:
        return None
    from .oidc import _client  # the same registered Authlib client as the log-in

    try:
        metadata = await _client(request).load_server_metadata()
    except Exception:  # noqa: BLE001 — the provider cannot be reached: the log-out here is done anyway
        log.warning("OIDC: the provider's metadata could not be read at log-out")
        return None
    endpoint = metadata.get("end_session_endpoint") if isinstance(metadata, dict) else None
    if not isinstance(endpoint, str) or not endpoint.startswith(("https://", "http://")):
        return None
    query = urlencode({"id_token_hint": id_token, "client_id": settings.oidc_client_id,
                       "post_logout_redirect_uri": str(request.url_for("login_page"))})
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"
