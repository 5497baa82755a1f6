"""A municipality creates its own accounts: links checked, short passwords refused, log-in works."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from indsats.cli import app
from indsats.domain.enums import Role
from indsats.services.accounts.auth import authenticate
from indsats.services.accounts.user_admin import add_user, list_users
from indsats.services.shared.errors import InvalidInput
from tests.casework.builders import build_world


def test_a_caseworker_account_is_created_and_can_log_in(database):
    world = build_world(database)
    with database.unit_of_work() as s:
        from sqlalchemy import select

        from indsats.store.tables import CaseworkerRow
        jens = s.scalar(select(CaseworkerRow.id).where(CaseworkerRow.initials == "JH"))
    add_user(database, username="jens.holm", password="lang-nok-kode", role=Role.CASEWORKER,
             municipality_code="250", display_name="Jens Holm", caseworker_id=jens)
    assert authenticate(database, "jens.holm", "lang-nok-kode").caseworker_id == jens
    assert any(a.username == "jens.holm" and a.linked_to == f"sagsbehandler {jens}" for a in list_users(database, "250"))
    with pytest.raises(InvalidInput, match="optaget"):
        add_user(database, username="jens.holm", password="lang-nok-kode", role=Role.MANAGER, municipality_code="250")
    with pytest.raises(InvalidInput, match="Ingen borger"):  # a citizen of another municipality
        add_user(database, username="carl", password="lang-nok-kode", role=Role.CITIZEN, municipality_code="250",
                 citizen_id=world.carl_id)


@pytest.mark.parametrize("kwargs, message", [
    (dict(password="kort"), "mindst 10 tegn"),
    (dict(role=Role.CASEWORKER), "--caseworker-id"),
    (dict(municipality_code="999"), "findes ikke"),
])
def test_bad_accounts_are_refused_in_danish(sqlite_database, kwargs, message):
    build_world(sqlite_database)
    args = dict(username="ny.bruger", password="lang-nok-kode", role=Role.MANAGER, municipality_code="250") | kwargs
    with pytest.raises(InvalidInput, match=message):
        add_user(sqlite_database, **args)


def test_the_cli_creates_a_manager(sqlite_database, monkeypatch):
    build_world(sqlite_database)
    monkeypatch.setenv("INDSATS_DATABASE_URL", sqlite_database.url)
    result = CliRunner().invoke(app, ["users", "add", "chef", "--role", "manager", "--municipality", "250",
                                      "--password", "en-lang-kode"])
    assert result.exit_code == 0, result.output
    assert authenticate(sqlite_database, "chef", "en-lang-kode").role == Role.MANAGER
    refused = CliRunner().invoke(app, ["users", "add", "chef2", "--role", "manager", "--municipality", "250",
                                       "--password", "kort"])
    assert refused.exit_code == 2 and "mindst 10 tegn" in refused.output
