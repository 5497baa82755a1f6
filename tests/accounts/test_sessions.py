"""Sessions kept on the server: log-out ends them for good, idle and absolute timeouts, rotation at
log-in, the cookie's flags — on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select

from indsats.domain import clock
from indsats.settings import SettingsError, get_settings
from indsats.store.account_tables import LoginSessionRow
from indsats.web.app import create_app
from tests.casework.builders import build_world

from .web_login import csrf, login, make_client


def _assert_logged_out(response):
    assert response.status_code == 303 and response.headers["location"].startswith("/login"), response.text[:200]


def test_a_cookie_copied_before_log_out_opens_nothing_afterwards(database):
    world = build_world(database)
    with make_client(database) as client:
        assert login(client, "mette").status_code == 303
        stolen = client.cookies.get("indsats_session")
        assert f"/borgere/{world.anna_id}" in client.get("/sager").text
        client.post("/logout", data={"csrf_token": csrf(client, "/sager")}, follow_redirects=False)
    with make_client(database) as thief:
        thief.cookies.set("indsats_session", stolen)
        _assert_logged_out(thief.get(f"/borgere/{world.anna_id}", follow_redirects=False))
        assert thief.get(f"/api/citizens/{world.anna_id}").status_code == 401
        assert "Log ind" in thief.get(f"/borgere/{world.anna_id}").text


def test_the_session_ends_after_the_idle_timeout_but_not_while_in_use(database):
    build_world(database)
    with time_machine.travel(clock.now(), tick=False) as traveller, make_client(database) as client:
        login(client, "mette")
        traveller.shift(timedelta(minutes=25))
        assert client.get("/sager", follow_redirects=False).status_code == 200  # in use: kept alive
        traveller.shift(timedelta(minutes=25))
        assert client.get("/sager", follow_redirects=False).status_code == 200
        traveller.shift(timedelta(minutes=31))
        _assert_logged_out(client.get("/sager", follow_redirects=False))
        traveller.shift(timedelta(minutes=1))  # and it stays ended
        _assert_logged_out(client.get("/sager", follow_redirects=False))


def test_the_session_ends_after_the_absolute_timeout_even_in_use(database):
    build_world(database)
    with time_machine.travel(clock.now(), tick=False) as traveller, \
            make_client(database, session_absolute_hours=1) as client:
        login(client, "mette")
        for _ in range(3):
            traveller.shift(timedelta(minutes=20))
            assert client.get("/sager", follow_redirects=False).status_code == 200
        traveller.shift(timedelta(minutes=1))
        _assert_logged_out(client.get("/sager", follow_redirects=False))


def test_log_in_rotates_the_session_and_the_csrf_token(database):
    build_world(database)
    with make_client(database) as client:
        before_login = csrf(client)
        login(client, "mette")
        first = client.cookies.get("indsats_session")
        first_csrf = csrf(client, "/sager")
        assert first_csrf != before_login
        login(client, "mette")
        second = client.cookies.get("indsats_session")
        assert second != first and csrf(client, "/sager") != first_csrf
    with make_client(database) as other:
        other.cookies.set("indsats_session", first)
        _assert_logged_out(other.get("/sager", follow_redirects=False))
    with database.unit_of_work() as s:
        rows = s.scalars(select(LoginSessionRow)).all()
        assert sorted(r.ended_reason or "open" for r in rows) == ["open", "rotated"]
        assert first not in {r.token_hash for r in rows}  # only a hash of the token is stored


def test_a_csrf_token_from_another_session_is_refused(sqlite_database):
    build_world(sqlite_database)
    with make_client(sqlite_database) as a, make_client(sqlite_database) as b:
        login(a, "mette")
        login(b, "mette")
        response = a.post("/logout", data={"csrf_token": csrf(b, "/sager")}, follow_redirects=False)
        assert response.status_code == 403
        assert a.get("/sager", follow_redirects=False).status_code == 200


def test_the_cookie_is_httponly_and_secure_except_on_the_loopback_demo(sqlite_database):
    build_world(sqlite_database)
    def session_cookie(response):
        return next(c for c in response.headers.get_list("set-cookie") if c.startswith("indsats_session="))

    with make_client(sqlite_database) as client:
        cookie = session_cookie(login(client, "mette"))
        assert "httponly" in cookie.lower() and "secure" not in cookie.lower()
    with make_client(sqlite_database, base_url="https://testserver", cookie_secure=True) as client:
        response = login(client, "mette")
        cookie = session_cookie(response)
        assert "httponly" in cookie.lower() and "; secure" in cookie.lower() and "samesite=lax" in cookie.lower()
        assert "Strict-Transport-Security" in client.get("/sager").headers
    assert get_settings(environment="production", secret_key="x" * 40).secure_cookies is True


def test_production_refuses_to_start_without_a_secret_key(sqlite_database, monkeypatch):
    monkeypatch.setenv("INDSATS_ENVIRONMENT", "production")
    monkeypatch.delenv("INDSATS_SECRET_KEY", raising=False)
    with pytest.raises(SettingsError, match="INDSATS_SECRET_KEY mangler"):
        create_app(sqlite_database)
    monkeypatch.setenv("INDSATS_SECRET_KEY", "kort")
    with pytest.raises(SettingsError, match="for kort"):
        create_app(sqlite_database)
    monkeypatch.setenv("INDSATS_SECRET_KEY", "k" * 48)
    assert create_app(sqlite_database).state.settings.secure_cookies is True
