"""In headless Chromium on a phone-sized screen: a caseworker moves a citizen on the employment staircase and
records an education plan; the manager's "Unge og integration" shows the flow. axe-core: 0 violations."""

from __future__ import annotations

import pytest

from ..casework.builders import PASSWORD
from ..livesite import assert_accessible, log_in

pytestmark = pytest.mark.browser


def test_staircase_and_education_plan_in_the_browser(live_server, page):
    world, base = live_server
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, base, "mette", PASSWORD)
    page.goto(f"{base}/borgere/{world.anna_id}")
    page.click("text=Uddannelse og integration")
    page.fill("#t-on", "2026-02-02")
    page.select_option("#t-pos", "language_school")
    page.get_by_role("button", name="Flyt", exact=True).click()
    page.locator("p.notice", has_text="Trinnet på beskæftigelsestrappen er gemt").wait_for()
    page.fill("#p-education", "Tømrer (EUD)")
    page.fill("#p-made", "2026-06-01")
    page.fill("#p-start", "2026-08-10")
    page.click("text=Gem uddannelsesplan")
    page.locator("p.notice", has_text="Uddannelsesplanen er gemt").wait_for()
    assert page.locator("strong", has_text="Virksomhedspraktik").is_visible()  # her internship offer moved her on
    assert_accessible(page)
    page.click("text=Log ud")
    log_in(page, base, "leder250", PASSWORD)
    page.goto(f"{base}/styring/programmer")
    assert page.get_by_role("cell", name="Danskuddannelse").first.is_visible()
    assert_accessible(page)
