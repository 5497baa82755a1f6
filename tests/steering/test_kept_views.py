"""The managers' pages read what the background worker kept in the database (``kept_views``): the worker is
another process, so nothing it computes may live only in its memory. On SQLite and PostgreSQL."""

from __future__ import annotations

import re
import threading
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from indsats.domain import clock
from indsats.services.economy import scenario_flows
from indsats.services.steering import goals, kept_views, measure_store, result_review
from indsats.store.obligation_tables import KeptViewRow
from indsats.web.app import create_app
from tests.casework.builders import PASSWORD, build_world

DAY = "2026-11-20"


def _login(client, username="teamleder250"):
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
    client.post("/login", data={"username": username, "password": PASSWORD, "csrf_token": token})


def _as_a_fresh_server_process(monkeypatch) -> None:
    """Forget everything held in memory, and make any computation in this process an error."""
    for cache in (goals._VIEWS, goals._CACHE, kept_views._MEMO):
        cache.clear()

    def no_computing(*_args, **_kwargs):
        raise AssertionError("the page computed although the worker had kept the view")

    monkeypatch.setattr(goals, "_dashboard", no_computing)
    monkeypatch.setattr(goals, "_management_information", no_computing)


def _page(client, path):
    page = client.get(path)
    assert page.status_code == 200
    return page.text


def test_the_workers_round_keeps_the_pages_and_a_fresh_server_reads_them(database, monkeypatch):
    monkeypatch.setenv("INDSATS_TODAY", DAY)
    build_world(database)
    # the worker's round as `indsats worker` runs it (the PDF and the flows have tests of their own)
    monkeypatch.setattr(result_review, "review_pdf_bytes", lambda *a, **k: None)
    monkeypatch.setattr(scenario_flows, "warm", lambda *a, **k: False)
    measure_store.run_rounds(database, threading.Event(), delay=0, rounds=1)
    with database.unit_of_work() as session:
        kept = {(r.municipality_code, r.name): r.computed_at for r in session.scalars(select(KeptViewRow))}
    assert {("250", "dashboard"), ("250", "management"), ("766", "dashboard")} <= set(kept)
    computed = kept[("250", "dashboard")]

    with TestClient(create_app(database, secret_key="test")) as client:
        _login(client)
        before = {path: _page(client, path) for path in ("/styring", "/ledelsesinformation")}
        _as_a_fresh_server_process(monkeypatch)
        after = {path: _page(client, path) for path in ("/styring", "/ledelsesinformation")}
        api = client.get("/api/ledelsesinformation").json()
    # the same page as the worker's computation, down to every figure
    assert after == before
    assert "Langtidsledigheden falder 10,3 pct." in after["/styring"]
    assert len(api) == 12 and api[-1]["month"] == "2026-11"
    # and it says truthfully when the figures were computed: by the worker, not now
    stamp = f"kl. {computed.strftime('%H:%M')} (UTC)"
    assert "Tallene på siden er beregnet" in after["/styring"] and stamp in after["/styring"]


def test_a_page_with_nothing_kept_computes_keeps_and_then_reads_it(database, monkeypatch):
    monkeypatch.setenv("INDSATS_TODAY", DAY)
    build_world(database)
    with TestClient(create_app(database, secret_key="test")) as client:
        _login(client)
        first = _page(client, "/ledelsesinformation")  # nothing kept: computed in the server's process
        with database.unit_of_work() as session:
            assert session.scalar(select(KeptViewRow.name).where(KeptViewRow.municipality_code == "250")) == "management"
        _as_a_fresh_server_process(monkeypatch)
        assert _page(client, "/ledelsesinformation") == first


def test_a_kept_page_older_than_an_hour_is_computed_again_and_stale_ones_are_dropped(database, monkeypatch):
    monkeypatch.setenv("INDSATS_TODAY", DAY)
    build_world(database)
    day = clock.today()
    kept_views.management_information(database, "250", day)
    kept_views.management_information(database, "250", day - timedelta(days=1))  # another date: another row
    old = clock.now() - timedelta(seconds=kept_views.MAX_AGE_SECONDS + 60)
    with database.unit_of_work() as session:
        session.execute(update(KeptViewRow).values(computed_at=old))
    kept_views._MEMO.clear()
    again = kept_views.management_information(database, "250", day)
    assert (clock.now() - again.computed_at).total_seconds() < 60  # computed anew, not the hour-old result
    with database.unit_of_work() as session:  # the stale results, which can never be served again, are gone
        assert session.scalar(select(func.count()).select_from(KeptViewRow)) == 1
