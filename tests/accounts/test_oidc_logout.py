"""RP-initiated log-out against the real provider (npm ``oidc-provider``): a session that began
with OpenID Connect ends here and the browser goes on to the provider's ``end_session_endpoint``
with ``id_token_hint`` and ``post_logout_redirect_uri``; the provider accepts both and sends the
browser back to /login. A password session logs out here only."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urljoin, urlsplit

import httpx2
from sqlalchemy import select

from indsats.services.accounts.oidc_login import link_subject
from indsats.store.account_tables import LoginSessionRow
from tests.casework.builders import build_world

from .oidc_fixture import ACCOUNTS, APP_BASE, app_path, authorize_at_provider
from .web_login import csrf, login, make_client


def _oidc_login(client) -> None:
    authorization = client.get("/login/oidc", follow_redirects=False).headers["location"]
    callback = authorize_at_provider(authorization, "mette.mitid", "mitid-kode")
    assert client.get(app_path(callback), follow_redirects=False).status_code == 303


def test_logout_after_an_oidc_login_goes_on_to_the_providers_end_session_endpoint(database, oidc_provider):
    build_world(database)
    link_subject(database, "mette", ACCOUNTS["mette.mitid"]["sub"])
    with make_client(database, **oidc_provider.settings()) as client:
        _oidc_login(client)
        with database.unit_of_work() as s:
            assert s.scalar(select(LoginSessionRow.id_token).where(LoginSessionRow.ended_at.is_(None)))
        response = client.post("/logout", data={"csrf_token": csrf(client, "/sager")}, follow_redirects=False)
        assert response.status_code == 303
        target = response.headers["location"]
        end_session = httpx2.get(f"{oidc_provider.issuer}/.well-known/openid-configuration").json()[
            "end_session_endpoint"]
        assert target.startswith(end_session + "?")
        params = dict(parse_qsl(urlsplit(target).query))
        assert params["post_logout_redirect_uri"] == f"{APP_BASE}/login"
        assert params["client_id"] == "indsats-test" and params["id_token_hint"].count(".") == 2
        assert client.get("/sager", follow_redirects=False).headers["location"].startswith("/login")
    with database.unit_of_work() as s:
        row = s.scalars(select(LoginSessionRow)).one()
        assert row.ended_reason == "logout" and row.id_token is None  # not kept after the log-out
    # the provider accepts the hint and the redirect URI: its confirmation page, then back to /login
    with httpx2.Client(follow_redirects=False, timeout=15) as idp:
        page = idp.get(target)
        assert page.status_code == 200, page.text[:500]
        form = page.text.split("<form", 1)[1]
        action = form.split('action="', 1)[1].split('"', 1)[0]
        fields = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form))
        done = idp.post(urljoin(target, action), data={**fields, "logout": "yes"})
        assert done.status_code in (302, 303), done.text[:500]
        assert done.headers["location"].startswith(f"{APP_BASE}/login")


def test_logout_of_a_password_session_stays_here_even_with_oidc_configured(database, oidc_provider):
    build_world(database)
    with make_client(database, **oidc_provider.settings()) as client:
        login(client, "mette")
        response = client.post("/logout", data={"csrf_token": csrf(client, "/sager")}, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/login"
