"""In Debian's headless Chromium with axe-core: the manager reads the plan, edits a draft (a bad number comes back
at its field with the input kept) and sends it to the committee; every page 0 WCAG 2.1 A/AA violations."""

from __future__ import annotations

import pytest

from indsats.services.steering import plan_versions
from tests.casework.builders import PASSWORD, build_world

from ..livesite import assert_accessible, chromium_page, log_in, serve
from .test_plan_versions import DEMO

pytestmark = pytest.mark.browser


def test_plan_pages_in_a_browser(sqlite_database):
    build_world(sqlite_database)
    vid = plan_versions.import_yaml(sqlite_database, "250", DEMO.read_text(encoding="utf-8"), "demo.yaml", "leder250")
    with serve(sqlite_database) as base, chromium_page() as page:  # axe-core is injected inline
        page.set_viewport_size({"width": 375, "height": 800})
        log_in(page, base, "leder250", PASSWORD)
        page.goto(f"{base}/plan")
        assert "Version 1" in page.content()
        assert_accessible(page, "/plan")
        page.goto(f"{base}/plan/{vid}")
        goals = page.locator("table.list").first.inner_text()  # Danish notation; 95 % was shown as "mindst 1"
        assert "højst -7,4 % ændring" in goals and "mindst 95,0 %" in goals, goals
        assert "7.4" not in goals and "mindst 1\t" not in goals
        assert_accessible(page, "/plan/{id}")
        page.click("text=Ret kladden")
        assert_accessible(page, "/plan/{id}/ret")
        page.fill("#f-goal-0-target_change", "ti procent")
        page.click("button:has-text('Gem kladden')")
        assert "skal være et tal" in page.content()
        assert page.input_value("#f-goal-0-target_change") == "ti procent"
        assert_accessible(page, "/plan/{id}/ret med fejl")
        page.fill("#f-goal-0-target_change", "-12")
        page.fill("#f-vision", "Alle i job eller uddannelse")
        page.click("button:has-text('Gem kladden')")
        assert "Alle i job eller uddannelse" in page.content()
        page.click("button:has-text('Send til udvalget')")
        assert "Sendt til udvalget" in page.content()
        assert_accessible(page, "/plan/{id} sendt")
        page.fill("#decision", "   ")  # only spaces: the message comes at the field, the form stays
        page.click("button:has-text('Godkend')")
        assert "skal udfyldes" in page.locator("#decision-fejl").inner_text()
        assert page.get_by_role("button", name="Godkend").is_visible()
        assert_accessible(page, "/plan/{id} godkend uden beslutning")
        page.fill("#decision", "Beskæftigelsesudvalget, pkt. 4")
        page.click("button:has-text('Godkend')")
        assert "Planen har nu status: godkendt." in page.content()
