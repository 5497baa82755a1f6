"""In Debian's headless Chromium: a caseworker logs in, searches a citizen and opens the case."""

from __future__ import annotations

import pytest

from ..casework.builders import PASSWORD
from ..livesite import log_in

pytestmark = pytest.mark.browser


def test_caseworker_logs_in_searches_and_opens_the_case(live_server, page):
    world, base = live_server
    page.goto(f"{base}/sager")
    assert page.url.startswith(f"{base}/login")
    page.fill("input[name=username]", "mette")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/sager")
    assert page.locator("h1").inner_text() == "Min sagsstamme"

    page.click("nav >> text=Find borger")
    page.fill("input[name=q]", "Østergaard")
    page.locator("#results a", has_text="Anna Østergaard").wait_for()  # htmx live search
    page.click("#results >> text=Anna Østergaard")
    page.wait_for_url(f"{base}/borgere/{world.anna_id}")
    assert page.locator("h1").inner_text() == "Anna Østergaard"
    assert page.get_by_role("heading", name="Ydelseshistorik").is_visible()
    assert page.locator("text=Fællessamtale").first.is_visible()
    # the timeline scrolls in its own box once it is long: a keyboard user can reach it to scroll it (axe:
    # scrollable-region-focusable)
    page.focus("ol.timeline")
    assert page.evaluate("() => document.activeElement.matches('ol.timeline')")
    assert page.get_by_role("list", name="Tidslinje").count() == 1


def test_a_caseworker_of_another_municipality_is_shown_no_access(live_server, page):
    world, base = live_server
    log_in(page, base, "hanne", PASSWORD)
    page.wait_for_url(f"{base}/sager")
    response = page.goto(f"{base}/borgere/{world.anna_id}")
    assert response.status == 403
    assert "Ingen adgang" in page.content() and "Østergaard" not in page.content()


def test_the_case_page_loads_the_citizens_legal_deadlines(live_server, page):
    world, base = live_server
    log_in(page, base, "mette", PASSWORD)
    page.wait_for_url(f"{base}/sager")
    page.goto(f"{base}/borgere/{world.anna_id}")
    # Anna: unemployment benefit since 2026-05-04 — the four conversations of the first six months are due
    page.locator("#frister-panel table.list >> text=2026").first.wait_for()  # the panel has loaded
    assert "Beregner frister" not in page.content()
    assert "LAB § 31" in page.content()
