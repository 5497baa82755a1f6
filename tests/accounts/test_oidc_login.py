"""Log-in with OpenID Connect against a real certified provider (npm ``oidc-provider``) that the
test starts: the whole authorization-code flow with PKCE, state and nonce, the same server-side
session as a password log-in, and the refusals — on SQLite and PostgreSQL."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sqlalchemy import select
from typer.testing import CliRunner

from indsats.cli import app as cli
from indsats.services.accounts.oidc_login import link_subject
from indsats.store.account_tables import LoginSessionRow
from indsats.store.tables import AuditRow, UserRow
from tests.casework.builders import build_world

from .oidc_fixture import ACCOUNTS, app_path, authorize_at_provider
from .web_login import csrf, login, make_client

METTE_SUB = ACCOUNTS["mette.mitid"]["sub"]


def _start(client) -> str:
    response = client.get("/login/oidc", follow_redirects=False)
    assert response.status_code == 302, response.text[:300]
    return response.headers["location"]


def _with_params(url: str, **changes: str | None) -> str:
    parts = urlsplit(url)
    params = {k: v for k, v in parse_qsl(parts.query)}
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return urlunsplit(parts._replace(query=urlencode(params)))


def _audit(database, kind: str) -> list[str]:
    with database.unit_of_work() as s:
        return [f"{r.username}: {r.action}" for r in s.scalars(select(AuditRow).where(AuditRow.kind == kind))]


def test_a_linked_account_logs_in_through_the_provider_and_log_out_ends_the_session(database, oidc_provider):
    world = build_world(database)
    link_subject(database, "mette", METTE_SUB)
    with make_client(database, **oidc_provider.settings()) as client:
        assert "Log ind med MitID / NemLog-in (OIDC)" in client.get("/login").text
        authorization = _start(client)
        assert authorization.startswith(oidc_provider.issuer + "/auth?")
        params = dict(parse_qsl(urlsplit(authorization).query))
        assert params["response_type"] == "code" and params["code_challenge_method"] == "S256"
        assert params["state"] and params["nonce"] and "openid" in params["scope"].split()
        callback = authorize_at_provider(authorization, "mette.mitid", "mitid-kode")
        response = client.get(app_path(callback), follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/sager", response.text[:300]
        cookie = client.cookies.get("indsats_session")
        assert cookie
        assert f"/borgere/{world.anna_id}" in client.get("/sager").text
        assert any(a.startswith("mette: log ind med OIDC") for a in _audit(database, "login"))
        client.post("/logout", data={"csrf_token": csrf(client, "/sager")}, follow_redirects=False)
    with make_client(database) as thief:
        thief.cookies.set("indsats_session", cookie)
        assert thief.get("/sager", follow_redirects=False).headers["location"].startswith("/login")
    with database.unit_of_work() as s:
        reasons = s.scalars(select(LoginSessionRow.ended_reason)).all()
    assert reasons == ["logout"]


def test_the_session_is_rotated_when_a_password_session_logs_in_again_with_oidc(database, oidc_provider):
    build_world(database)
    link_subject(database, "mette", METTE_SUB)
    with make_client(database, **oidc_provider.settings()) as client:
        login(client, "mette")
        before = client.cookies.get("indsats_session")
        callback = authorize_at_provider(_start(client), "mette.mitid", "mitid-kode")
        assert client.get(app_path(callback), follow_redirects=False).status_code == 303
        assert client.cookies.get("indsats_session") != before
    with database.unit_of_work() as s:
        assert sorted(str(r) for r in s.scalars(select(LoginSessionRow.ended_reason))) == ["None", "rotated"]


def test_a_subject_no_account_is_linked_to_is_refused_in_danish_and_audited(database, oidc_provider):
    build_world(database)
    with make_client(database, **oidc_provider.settings()) as client:
        callback = authorize_at_provider(_start(client), "ukendt.mitid", "mitid-kode")
        response = client.get(app_path(callback), follow_redirects=False)
        assert response.status_code == 401
        assert "ikke knyttet til en bruger i indsats" in response.text
        assert client.cookies.get("indsats_session") is None
        assert client.get("/sager", follow_redirects=False).headers["location"].startswith("/login")
    refused = _audit(database, "login_failed")
    assert len(refused) == 1 and "OIDC-log ind afvist" in refused[0] and "ikke knyttet" in refused[0]
    assert ACCOUNTS["ukendt.mitid"]["sub"] in refused[0]  # so a manager can link it


def test_a_disabled_account_cannot_log_in_with_oidc(database, oidc_provider):
    build_world(database)
    link_subject(database, "mette", METTE_SUB)
    with database.unit_of_work() as s:
        s.scalar(select(UserRow).where(UserRow.username == "mette")).disabled = True
    with make_client(database, **oidc_provider.settings()) as client:
        callback = authorize_at_provider(_start(client), "mette.mitid", "mitid-kode")
        response = client.get(app_path(callback), follow_redirects=False)
        assert response.status_code == 401 and "Kontoen er spærret" in response.text
    assert any("kontoen er spærret" in a for a in _audit(database, "login_failed"))


def test_a_callback_whose_state_this_browser_did_not_start_is_refused(database, oidc_provider):
    build_world(database)
    link_subject(database, "mette", METTE_SUB)
    with make_client(database, **oidc_provider.settings()) as victim, \
            make_client(database, **oidc_provider.settings()) as attacker:
        # the attacker's code and state, delivered to another browser (login CSRF): refused
        callback = authorize_at_provider(_start(attacker), "mette.mitid", "mitid-kode")
        _start(victim)
        response = victim.get(app_path(callback), follow_redirects=False)
        assert response.status_code == 400 and "mislykkedes" in response.text
        assert victim.cookies.get("indsats_session") is None
        # a forged state in the right browser: refused too
        forged = _with_params(callback, state="forfalsket")
        assert attacker.get(app_path(forged), follow_redirects=False).status_code == 400
    assert len([a for a in _audit(database, "login_failed") if "OIDC-log ind afvist" in a]) == 2


def test_an_id_token_with_another_nonce_is_refused(database, oidc_provider):
    build_world(database)
    link_subject(database, "mette", METTE_SUB)
    with make_client(database, **oidc_provider.settings()) as client:
        authorization = _with_params(_start(client), nonce="en-anden-nonce")
        callback = authorize_at_provider(authorization, "mette.mitid", "mitid-kode")
        response = client.get(app_path(callback), follow_redirects=False)
        assert response.status_code == 400 and client.cookies.get("indsats_session") is None
    assert _audit(database, "login") == []


def test_pkce_is_enforced_a_code_issued_for_another_challenge_is_not_exchanged(database, oidc_provider):
    build_world(database)
    link_subject(database, "mette", METTE_SUB)
    with make_client(database, **oidc_provider.settings()) as client:
        other = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        callback = authorize_at_provider(_with_params(_start(client), code_challenge=other), "mette.mitid",
                                         "mitid-kode")
        assert client.get(app_path(callback), follow_redirects=False).status_code == 400
        # without a challenge the provider refuses at once and says so to the callback
        callback = authorize_at_provider(_with_params(_start(client), code_challenge=None,
                                                      code_challenge_method=None), "mette.mitid", "mitid-kode")
        assert "error=" in callback
        response = client.get(app_path(callback), follow_redirects=False)
        assert response.status_code == 400 and "mislykkedes" in response.text
    assert _audit(database, "login") == []
    assert len(_audit(database, "login_failed")) == 2


def test_without_configuration_there_is_no_oidc_button_and_no_route(database):
    build_world(database)
    with make_client(database) as client:
        assert "MitID" not in client.get("/login").text
        assert client.get("/login/oidc", follow_redirects=False).status_code == 404
        assert client.get("/login/oidc/callback?code=x&state=y", follow_redirects=False).status_code == 404


def test_the_cli_links_and_unlinks_a_subject_and_refuses_a_taken_one(database):
    build_world(database)
    url = database.url
    runner = CliRunner()
    result = runner.invoke(cli, ["users", "link-oidc", "mette", METTE_SUB, "--database", url])
    assert result.exit_code == 0 and "Knyttet: mette" in result.output
    result = runner.invoke(cli, ["users", "link-oidc", "hanne", METTE_SUB, "--database", url])
    assert result.exit_code == 2 and "allerede knyttet til brugeren 'mette'" in result.output
    result = runner.invoke(cli, ["users", "link-oidc", "mette", "--remove", "--database", url])
    assert result.exit_code == 0
    with database.unit_of_work() as s:
        assert s.scalar(select(UserRow.oidc_subject).where(UserRow.username == "mette")) is None
    assert len(_audit(database, "account")) == 2
