"""Password guessing is stopped: a lock per username and per client, the same Argon2 work for unknown
usernames, and every log-in, failed log-in and log-out in the audit log."""

from __future__ import annotations

import statistics
import time
from datetime import timedelta

import pytest
import time_machine
from argon2 import PasswordHasher
from sqlalchemy import select

from indsats.domain import clock
from indsats.services.accounts import auth
from indsats.services.accounts.audit import AuditKind
from indsats.services.shared.errors import AuthenticationFailed
from indsats.store.tables import AuditRow, UserRow
from tests.casework.builders import PASSWORD, build_world

from .web_login import csrf, login, make_client


def _audit(db, kind=None):
    with db.unit_of_work() as s:
        query = select(AuditRow).order_by(AuditRow.id)
        if kind:
            query = query.where(AuditRow.kind == kind)
        return s.scalars(query).all()


def test_ten_wrong_passwords_lock_the_account_even_for_the_right_password(database):
    build_world(database)
    with make_client(database, client_address="10.0.0.1") as guesser:
        statuses = [login(guesser, "mette", f"gæt-{i}").status_code for i in range(10)]
        assert statuses[:5] == [401] * 5 and statuses[5:] == [429] * 5
        refused = login(guesser, "mette", PASSWORD)
        assert refused.status_code == 429 and "For mange mislykkede forsøg" in refused.text
    # the account is locked from any client, and the right password does not open it
    with make_client(database, client_address="10.0.0.2") as colleague:
        assert login(colleague, "mette", PASSWORD).status_code == 429
        assert login(colleague, "hanne", PASSWORD).status_code == 303  # other accounts are not affected
    with time_machine.travel(clock.now() + timedelta(minutes=16), tick=False), \
            make_client(database, client_address="10.0.0.3") as later:
        assert login(later, "mette", PASSWORD).status_code == 303  # the lock is temporary


def test_a_client_that_tries_many_usernames_is_locked_out(database):
    build_world(database)
    with make_client(database, client_address="10.0.0.9") as guesser:
        for i, name in enumerate(["mette", "konsulent250", "hanne", "anna", "leder250", "ukendt1", "ukendt2", "ukendt3",
                                  "ukendt4", "ukendt5"]):
            assert login(guesser, name, f"gæt-{i}").status_code == 401  # no single name is past its limit
        assert login(guesser, "teamleder250", PASSWORD).status_code == 429  # but this client is
    with make_client(database, client_address="10.0.0.10") as colleague:
        assert login(colleague, "teamleder250", PASSWORD).status_code == 303


def test_the_api_login_is_throttled_too(sqlite_database):
    build_world(sqlite_database)
    with make_client(sqlite_database) as client:
        codes = [client.post("/api/login", json={"username": "mette", "password": "forkert"}).status_code
                 for _ in range(6)]
        assert codes == [401] * 5 + [429]
        assert client.post("/api/login", json={"username": "mette", "password": PASSWORD}).status_code == 429


def test_a_successful_log_in_clears_the_usernames_count_but_not_the_clients(sqlite_database):
    build_world(sqlite_database)
    with make_client(sqlite_database) as client:
        for _ in range(4):
            login(client, "mette", "forkert")
        assert login(client, "mette", PASSWORD).status_code == 303
        for _ in range(4):
            assert login(client, "mette", "forkert").status_code == 401  # the username starts again at 0


def test_log_in_failed_log_in_and_log_out_are_audited_without_the_typed_name_of_an_unknown_user(database):
    build_world(database)
    with make_client(database, client_address="10.1.2.3") as client:
        login(client, "mette", "forkert")
        login(client, "min-hemmelige-kode", "forkert")  # a password typed into the username field
        login(client, "mette")
        client.post("/logout", data={"csrf_token": csrf(client, "/sager")})
    rows = [r for r in _audit(database) if r.kind != AuditKind.READ]  # /sager read the caseload
    assert [r.kind for r in rows] == [AuditKind.LOGIN_FAILED, AuditKind.LOGIN_FAILED, AuditKind.LOGIN,
                                      AuditKind.LOGOUT]
    assert [r.username for r in rows] == ["mette", "(ukendt bruger)", "mette", "mette"]
    assert all("10.1.2.3" in r.action for r in rows)
    assert all("min-hemmelige-kode" not in r.action for r in rows)
    assert rows[0].municipality_code == "250" and rows[0].citizen_id is None


def test_a_disabled_account_cannot_log_in(sqlite_database):
    build_world(sqlite_database)
    with sqlite_database.unit_of_work() as s:
        s.scalar(select(UserRow).where(UserRow.username == "mette")).disabled = True
    with make_client(sqlite_database) as client:
        response = login(client, "mette")
        assert response.status_code == 401 and "Kontoen er spærret" in response.text
    with pytest.raises(AuthenticationFailed):
        auth.authenticate(sqlite_database, "mette", PASSWORD)


def _login_time(db, username: str) -> float:
    start = time.perf_counter()
    with pytest.raises(AuthenticationFailed):
        auth.log_in(db, username, "forkert-kode", client="timing",
                    policy=auth.LoginPolicy(max_failures_per_user=10_000, max_failures_per_client=10_000))
    return time.perf_counter() - start


def test_an_unknown_username_takes_as_long_as_a_known_one(sqlite_database, monkeypatch):
    # A hash costly enough to measure, used for the account and for unknown names alike.
    hasher = PasswordHasher(time_cost=2, memory_cost=16 * 1024, parallelism=1)
    monkeypatch.setattr(auth, "_hasher", hasher)
    build_world(sqlite_database)
    with sqlite_database.unit_of_work() as s:
        s.scalar(select(UserRow).where(UserRow.username == "mette")).password_hash = hasher.hash(PASSWORD)
    _login_time(sqlite_database, "mette"), _login_time(sqlite_database, "ingen")  # warm up
    known, unknown = [], []
    for _ in range(11):  # interleaved, so a busy machine slows both alike
        known.append(_login_time(sqlite_database, "mette"))
        unknown.append(_login_time(sqlite_database, "ingen.saadan.bruger"))
    known_ms, unknown_ms = statistics.median(known) * 1000, statistics.median(unknown) * 1000
    assert known_ms > 4, f"the hash is too cheap to measure ({known_ms:.1f} ms)"
    assert abs(known_ms - unknown_ms) < 0.35 * known_ms, f"known {known_ms:.1f} ms, unknown {unknown_ms:.1f} ms"
