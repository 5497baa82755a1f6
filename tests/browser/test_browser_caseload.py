"""In headless Chromium: a team leader pages through and filters a caseload of more than 500 (axe-core checked)."""

from __future__ import annotations

import pytest

from ..casework.builders import PASSWORD
from ..casework.caseload_world import build_big_team
from ..livesite import assert_accessible, log_in, serve_world

pytestmark = pytest.mark.browser


@pytest.fixture
def live_server(sqlite_database):
    with serve_world(sqlite_database, build_big_team) as site:
        yield site


def test_page_through_and_filter_a_caseload_of_more_than_500(live_server, page):
    _, base = live_server
    log_in(page, base, "teamleder250", PASSWORD)
    page.goto(f"{base}/sager")
    status = page.locator("nav.pager p").first
    assert status.inner_text() == "Viser 1–50 af 622"
    assert page.locator("table.list tbody tr").count() == 50
    assert_accessible(page, "sagsstammen")
    page.locator("nav.pager a:has-text('Næste side')").first.click()
    page.wait_for_url("**side=2")
    assert page.locator("nav.pager p").first.inner_text() == "Viser 51–100 af 622"
    page.select_option("select[name=ydelse]", "cash_benefit")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**ydelse=cash_benefit**")
    assert page.locator("nav.pager p").first.inner_text() == "Viser 1–50 af 207"
    assert set(page.locator("td[data-label=Ydelse]").all_inner_texts()) == {"Kontanthjælp"}
    assert_accessible(page, "sagsstammen filtreret")
