"""In Debian's headless Chromium: the quota page (Kvoter) as a team leader, at 375 px and on a desktop,
with axe-core's WCAG 2.1 A/AA checks, and the drill-down to a cohort's exempted citizens."""

from __future__ import annotations

import pytest

from ..casework.quota_world import AS_OF, PASSWORD, build
from ..livesite import assert_accessible, chromium_page, log_in, serve_world

pytestmark = pytest.mark.browser


@pytest.fixture
def live_server(sqlite_database, monkeypatch):
    monkeypatch.setenv("INDSATS_TODAY", AS_OF.isoformat())
    with serve_world(sqlite_database, build) as site:
        yield site


@pytest.mark.parametrize("width", [375, 1280])
def test_quota_page_fits_and_is_accessible(live_server, width):
    _world, base = live_server
    with chromium_page() as page:
        page.set_viewport_size({"width": width, "height": 900})
        log_in(page, base, "teamleder", PASSWORD)
        page.goto(f"{base}/kvoter")
        assert page.get_by_role("heading", level=1).inner_text() == "Kvoter: 75 %-kravet og 25 %-undtagelser"
        assert page.get_by_role("img", name="Tilbud inden for 6 måneder").count() == 1
        assert "Over grænsen" in page.locator("#advarsler + ul").inner_text()
        scroll = page.evaluate("() => document.documentElement.scrollWidth")
        assert scroll <= width, f"/kvoter is {scroll}px wide at {width}px"
        assert_accessible(page, f"/kvoter at {width}px")
        page.get_by_role("link", name="2 undtagne i kohorte 2026-08: vis borgerne").click()
        page.wait_for_load_state()
        assert page.get_by_role("heading", level=1).inner_text() == "Undtagne borgere, kohorte 2026-08"
        assert "Har tilsagn om job fra oktober" in page.locator("table").inner_text()
        scroll = page.evaluate("() => document.documentElement.scrollWidth")
        assert scroll <= width, f"the drill-down is {scroll}px wide at {width}px"
        assert_accessible(page, f"/kvoter/undtagne at {width}px")
