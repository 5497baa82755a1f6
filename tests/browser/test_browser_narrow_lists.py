"""In Debian's headless Chromium at 375 px: the caseworker's and team leader's wide lists (Frister, Tidlig
opsporing) scroll inside their own region, never the whole page, say "Viser …" and pass axe-core."""

from __future__ import annotations

from datetime import date

import pytest

from indsats.domain.enums import Role
from indsats.services.accounts.demo_accounts import ensure_demo_accounts

from ..casework.worklist_world import PASSWORD
from ..casework.worklist_world import build as build_worklist_world
from ..livesite import assert_accessible, chromium_page, log_in, serve

pytestmark = pytest.mark.browser


def _fits(page, what: str) -> None:
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll <= 375, f"{what} is {scroll}px wide at 375px"


def test_the_worklist_fits_at_375(sqlite_database, monkeypatch, page):
    monkeypatch.setenv("INDSATS_TODAY", "2026-08-25")
    build_worklist_world(sqlite_database)
    with serve(sqlite_database) as base:
        page.set_viewport_size({"width": 375, "height": 900})
        log_in(page, base, "mette", PASSWORD)
        page.goto(f"{base}/frister")
        assert page.locator("#liste tbody tr").count() >= 1
        assert "Viser 1–" in page.locator("#liste").inner_text()
        _fits(page, "/frister")
        assert_accessible(page, "/frister at 375px")


def test_the_risk_list_fits_at_375_and_says_what_it_shows(sqlite_database, monkeypatch):
    from indsats.synth.build import build

    monkeypatch.setenv("INDSATS_TODAY", "2026-11-23")
    build(sqlite_database, seed=5, as_of=date(2026, 11, 23), codes=("250",), citizens=3000)
    leader = next(x for x in ensure_demo_accounts(sqlite_database) if x.role == Role.TEAM_LEADER)
    with serve(sqlite_database) as base, chromium_page() as page:
        page.set_viewport_size({"width": 375, "height": 900})
        log_in(page, base, leader.username, leader.password)
        page.goto(f"{base}/evidens/risiko")
        rows = page.locator("tbody tr").count()
        assert rows >= 1
        assert page.get_by_role("status").inner_text().startswith(f"Viser 1–{rows} af ")
        _fits(page, "/evidens/risiko")
        assert_accessible(page, "/evidens/risiko at 375px")
