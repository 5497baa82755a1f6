"""In Debian's headless Chromium: a manager opens Økonomi from the menu, enters a budget line,
sees it against actuals and opens the staircase list."""

from __future__ import annotations

import pytest
from economy_world import PASSWORD, build_economy_world

from tests.livesite import assert_accessible, chromium_page, serve

pytestmark = pytest.mark.browser


@pytest.fixture
def site(sqlite_database, monkeypatch):
    monkeypatch.setenv("INDSATS_TODAY", "2024-06-05")
    build_economy_world(sqlite_database)
    with serve(sqlite_database) as base:
        yield base


def test_manager_enters_a_budget_and_reads_the_staircase(site):
    base = site
    with chromium_page() as page:
        page.goto(f"{base}/login")
        page.fill("input[name=username]", "leder")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_load_state()
        page.click("nav >> text=Økonomi")
        page.locator("h1", has_text="Budget, forbrug og prognose 2024").wait_for()
        assert page.get_by_label("Budgetfil (CSV)").is_visible()  # the import's file field has a name
        assert_accessible(page, "/okonomi")
        page.click("text=Indtast budget")
        page.fill("input[name=drift_2]", "1.000")
        page.fill("input[name=drift_3]", "tolv")  # not an amount: the message at the field, every amount kept
        page.click("text=Gem budget")
        assert "ikke et beløb" in page.locator("#drift_3-fejl").inner_text()
        assert page.input_value("input[name=drift_3]") == "tolv" and page.input_value("input[name=drift_2]") == "1.000"
        assert_accessible(page, "/okonomi/budget med fejl")
        page.fill("input[name=drift_3]", "12.345,67")
        page.click("text=Gem budget")
        page.locator("p.notice", has_text="Budgettet er gemt").wait_for()
        assert page.input_value("input[name=drift_3]") == "12.345,67"
        page.click("nav.subnav >> text=Budget og forbrug")
        drift = page.locator("tr", has_text="Drift").first.inner_text()
        assert "12.346" in drift  # shown in whole kroner
        page.click("nav.subnav >> text=Refusionstrappen")
        page.locator("h1", has_text="Refusionstrappen nu").wait_for()
        assert page.locator("td", has_text="Bo Hansen").is_visible()


def test_manager_runs_a_scenario_and_sees_it_beside_the_baseline(site):
    with chromium_page() as page:
        page.goto(f"{site}/login")
        page.fill("input[name=username]", "leder")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_load_state()
        page.goto(f"{site}/okonomi/scenarier")
        page.fill("input[name=name]", "Kortere kontanthjælp")
        page.select_option("select[name=shorten_benefit]", "cash_benefit")
        page.fill("input[name=shorten_weeks]", "4")
        page.click("text=Beregn og gem")
        page.locator("th", has_text="Kortere kontanthjælp").wait_for()
        assert page.locator("svg[role=img]").count() >= 1
        assert page.locator("a", has_text="Hent som CSV").is_visible()
        assert "forkortes med 4 uger" in page.content()
        assert_accessible(page)
