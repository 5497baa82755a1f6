"""The *Effekter* page reads kept estimates: `indsats serve`'s background refresh computes the window of a
new week, the page then shows it without computing and says when it was computed. On SQLite and PostgreSQL."""

from __future__ import annotations

import re
import threading
from datetime import UTC, date, datetime

from fastapi.testclient import TestClient

from indsats.services.evidence import effect_estimates
from indsats.services.evidence.background import warm_effect_estimates
from indsats.services.evidence.effect_estimates import EffectEstimate, latest_window
from indsats.services.steering import measure_store
from indsats.web.app import create_app
from tests.casework.builders import PASSWORD, build_world

DAY = date(2026, 11, 23)
COMPUTED = datetime(2026, 11, 23, 5, 12, tzinfo=UTC)


def _fake_computation(monkeypatch) -> list[tuple]:
    """The estimation itself is tested on a synthetic municipality (test_effect_estimates); here it is counted."""
    calls: list[tuple] = []

    def compute(db, code, first, last, horizon=26):
        calls.append((code, first, last))
        return [EffectEstimate("company_internship", group, horizon, first, last, 120, 0.45, 0.06, 0.02, 0.10,
                               0.2, COMPUTED) for group in ("all", "unemployment_benefit")]

    monkeypatch.setattr(effect_estimates, "compute_effect_estimates", compute)
    return calls


def test_the_background_refresh_keeps_the_weeks_estimates_and_the_page_reads_them(database, monkeypatch):
    monkeypatch.setenv("INDSATS_TODAY", DAY.isoformat())
    build_world(database)
    calls = _fake_computation(monkeypatch)
    # the server's thread, as `indsats serve` starts it (the measures themselves are not this test's subject)
    monkeypatch.setattr(measure_store, "refresh_measures", lambda db: {})
    monkeypatch.setattr(measure_store, "warm_views", lambda db: None)
    done = threading.Event()

    def warmer(db):
        warm_effect_estimates(db)
        done.set()

    stop = threading.Event()
    thread = measure_store.start_background_refresh(database, delay=0, warmers=[warmer], stop=stop)
    assert done.wait(60)
    stop.set()
    thread.join(10)
    assert not thread.is_alive()
    first, last = latest_window(DAY)
    assert sorted(calls) == [("250", first, last), ("766", first, last)]  # every municipality, once

    with TestClient(create_app(database, secret_key="test")) as client:
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
        client.post("/login", data={"username": "teamleder250", "password": PASSWORD, "csrf_token": token})
        page = client.get("/evidens/effekter")
        assert page.status_code == 200
        assert "Virksomhedspraktik: 6 procentpoint flere i selvforsørgelse efter et halvt år" in page.text
        assert "Effekterne er beregnet 23. nov. 2026 kl. 05:12" in page.text
    assert len(calls) == 2  # the page read the kept estimates; it computed nothing while the user waited

    assert warm_effect_estimates(database) == []  # kept: the next round computes nothing
    assert effect_estimates.warm_all(database, date(2026, 11, 30)) == ["250", "766"]  # a new week: computed again
    assert len(calls) == 4
