"""Disable an account and reset a password — from the command line and on the manager's page /brugere."""

from __future__ import annotations

import re

from sqlalchemy import select
from typer.testing import CliRunner

from indsats.cli import app
from indsats.services.accounts.audit import AuditKind
from indsats.store.tables import AuditRow
from tests.casework.builders import PASSWORD, build_world

from .web_login import csrf, login, make_client


def _account_audit(db):
    with db.unit_of_work() as s:
        return [(r.username, r.action) for r in s.scalars(select(AuditRow).where(AuditRow.kind == AuditKind.ACCOUNT)
                                                         .order_by(AuditRow.id))]


def test_the_cli_disables_an_account_and_ends_its_session(sqlite_database, monkeypatch):
    build_world(sqlite_database)
    monkeypatch.setenv("INDSATS_DATABASE_URL", sqlite_database.url)
    with make_client(sqlite_database) as client:
        login(client, "mette")
        assert client.get("/sager", follow_redirects=False).status_code == 200
        result = CliRunner().invoke(app, ["users", "disable", "mette"])
        assert result.exit_code == 0 and "Spærret: mette (1 åbne sessioner afsluttet)" in result.output
        assert client.get("/sager", follow_redirects=False).status_code == 303  # thrown out at once
        assert "Kontoen er spærret" in login(client, "mette").text
        listed = CliRunner().invoke(app, ["users", "list", "--municipality", "250"]).output
        assert re.search(r"mette .*\(SPÆRRET\)", listed)
        assert CliRunner().invoke(app, ["users", "enable", "mette"]).exit_code == 0
        assert login(client, "mette").status_code == 303
    assert CliRunner().invoke(app, ["users", "disable", "ingen"]).exit_code == 2
    assert _account_audit(sqlite_database) == [("(kommandolinje)", "konto spærret: mette"),
                                               ("(kommandolinje)", "konto genåbnet: mette")]


def test_the_cli_resets_a_password_and_unlocks_a_locked_account(sqlite_database, monkeypatch):
    build_world(sqlite_database)
    monkeypatch.setenv("INDSATS_DATABASE_URL", sqlite_database.url)
    with make_client(sqlite_database) as client:
        for _ in range(6):
            login(client, "mette", "forkert")
        assert login(client, "mette").status_code == 429
        result = CliRunner().invoke(app, ["users", "reset-password", "mette", "--password", "en-ny-lang-kode"])
        assert result.exit_code == 0, result.output
        assert login(client, "mette", PASSWORD).status_code == 401  # the old password is gone
        assert login(client, "mette", "en-ny-lang-kode").status_code == 303
    short = CliRunner().invoke(app, ["users", "reset-password", "mette", "--password", "kort"])
    assert short.exit_code == 2 and "mindst 10 tegn" in short.output


def test_a_manager_disables_and_resets_on_the_page_within_the_own_municipality(database):
    build_world(database)
    with make_client(database) as mette:
        login(mette, "mette")
        with make_client(database) as leder:
            login(leder, "leder250")
            page = leder.get("/brugere")
            assert page.status_code == 200 and "mette" in page.text and "hanne" not in page.text  # 766's
            assert 'href="/brugere"' in page.text
            token = csrf(leder, "/brugere")
            done = leder.post("/brugere/spaer", data={"username": "mette", "csrf_token": token})
            assert "mette er spærret; 1 åbne sessioner er afsluttet" in done.text
            assert mette.get("/sager", follow_redirects=False).status_code == 303
            reset = leder.post("/brugere/nulstil", data={"username": "mette", "csrf_token": token})
            new_password = re.search(r'<code class="new-password">([^<]+)</code>', reset.text).group(1)
            leder.post("/brugere/spaer", data={"username": "mette", "disabled": "false", "csrf_token": token})
            assert login(mette, "mette", new_password).status_code == 303
            other = leder.post("/brugere/spaer", data={"username": "hanne", "csrf_token": token})
            assert other.status_code == 422 and "Ingen bruger" in other.text
            itself = leder.post("/brugere/spaer", data={"username": "leder250", "csrf_token": token})
            assert itself.status_code == 422
        assert mette.get("/brugere").status_code == 403
    assert [a for _, a in _account_audit(database)] == ["konto spærret: mette", "adgangskode nulstillet: mette",
                                                        "konto genåbnet: mette"]
