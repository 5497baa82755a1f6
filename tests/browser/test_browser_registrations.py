"""In headless Chromium: register a visitation on the case page and see the deadlines follow; a bad date
keeps what was typed; every page checked with axe-core (WCAG 2.1 A/AA)."""

from __future__ import annotations

import pytest

from ..casework.builders import PASSWORD
from ..livesite import assert_accessible, log_in

pytestmark = pytest.mark.browser


def test_register_a_benefit_and_a_visitation_and_see_the_deadlines_appear(live_server, page):
    world, base = live_server
    log_in(page, base, "mette", PASSWORD)
    page.goto(f"{base}/borgere/{world.bo_id}")
    page.locator("#frister-panel table.list").wait_for()
    assert "1. okt. 2026" not in page.locator("#frister-panel").inner_text()
    assert_accessible(page, "sagen uden aktiv ydelse")

    page.click("summary:has-text('Start på ydelse')")
    page.fill("#f-benefit_start-date", "2026-10-01")
    page.select_option("#f-benefit_start-benefit", "cash_benefit")
    page.select_option("#f-benefit_start-readiness", "job_ready")
    page.click("#form-benefit_start button[type=submit]")
    page.locator("#form-benefit_start >> text=Starten på ydelsen er registreret.").wait_for()
    # the deadline panel reloads by itself (htmx): the obligations of the new period appear
    page.locator("#frister-panel >> text=1. okt. 2026").first.wait_for()

    page.click("summary:has-text('Visitation')")
    page.fill("#f-readiness_change-date", "2026-11-02")
    page.select_option("#f-readiness_change-readiness", "activity_ready")
    page.fill("#f-readiness_change-reasoning", "Helbredet skal afklares først")
    page.click("#form-readiness_change button[type=submit]")
    page.locator("#form-readiness_change >> text=Visitationen er registreret.").wait_for()
    assert_accessible(page, "sagen efter registrering")
    page.reload()
    assert "Helbredet skal afklares først" in page.locator("ol.timeline").inner_text()


def test_a_validation_error_keeps_the_input_and_says_why_at_the_field(live_server, page):
    world, base = live_server
    log_in(page, base, "mette", PASSWORD)
    page.goto(f"{base}/borgere/{world.anna_id}")
    page.click("summary:has-text('Samtale')")
    page.fill("#f-conversation-date", "1999-03-04")
    page.select_option("#f-conversation-status", "held")
    page.fill("#f-conversation-note", "Talte om praktik hos Netto")
    page.click("#form-conversation button[type=submit]")
    error = page.locator("#f-conversation-date-fejl")
    error.wait_for()
    assert "ligger før" in error.inner_text()
    assert page.input_value("#f-conversation-date") == "1999-03-04"
    assert page.input_value("#f-conversation-note") == "Talte om praktik hos Netto"
    assert_accessible(page, "formular med fejl")


def test_the_case_page_fits_a_phone_without_sideways_scrolling(live_server, page):
    world, base = live_server
    page.set_viewport_size({"width": 375, "height": 800})
    log_in(page, base, "mette", PASSWORD)
    for path in (f"/borgere/{world.anna_id}", "/sager"):
        page.goto(f"{base}{path}")
        page.wait_for_load_state("networkidle")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 375, f"{path} is {width}px wide at 375px"
