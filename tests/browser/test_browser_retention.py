"""In Debian's headless Chromium at 375 px: the caseworker registers a partial return on a sick-listed
citizen's case, and the manager's retention page (Fastholdelse) fits a phone and passes axe-core."""

from __future__ import annotations

import pytest

from ..casework.builders import PASSWORD
from ..livesite import assert_accessible, log_in

pytestmark = pytest.mark.browser


def _fits(page, width, what):
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll <= width, f"{what} is {scroll}px wide at {width}px"


def test_partial_return_on_the_case_and_the_retention_page(live_server, page):
    world, base = live_server
    page.set_viewport_size({"width": 375, "height": 900})
    log_in(page, base, "mette", PASSWORD)
    page.goto(f"{base}/borgere/{world.bo_id + 1}")  # Dorte, on sick pay since 1 September 2026
    page.get_by_text("Delvis raskmelding", exact=True).click()
    form = page.locator("#form-partial_return")
    form.get_by_label("Fra").fill("2026-10-01")
    form.get_by_label("Timer pr. uge").fill("15")
    form.get_by_role("button", name="Gem delvis raskmelding").click()
    page.wait_for_selector("#form-partial_return .notice")
    assert "Den delvise raskmelding er registreret." in page.locator("#form-partial_return").inner_text()
    page.reload()
    assert "15 timer om ugen" in page.locator("#sygefravaer + table").inner_text()
    _fits(page, 375, "the case page")
    assert_accessible(page, "/borgere/{id} with the sick-leave panel at 375px")

    page.context.clear_cookies()
    log_in(page, base, "leder250", PASSWORD)
    page.goto(f"{base}/fastholdelse")
    assert page.get_by_role("heading", level=1).inner_text() == "Fastholdelse af sygemeldte"
    assert page.get_by_role("img", name="Andel tilbage på samme arbejdsplads pr. måned").count() == 1
    _fits(page, 375, "/fastholdelse")
    assert_accessible(page, "/fastholdelse at 375px")
