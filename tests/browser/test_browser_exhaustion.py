"""In Debian's headless Chromium: Dagpengeophør below the caseworker's worklist (/frister) and the team
leader's own page, at 375 px and on a desktop, with axe-core's WCAG 2.1 A/AA checks."""

from __future__ import annotations

import pytest

from ..casework.builders import PASSWORD
from ..evidence.test_exhaustion_watch import _long_spells
from ..livesite import assert_accessible, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def clock_day(monkeypatch):
    monkeypatch.setenv("INDSATS_TODAY", "2026-11-23")


@pytest.mark.parametrize("width", [375, 1280])
def test_exhaustion_below_the_worklist_and_on_the_team_page(clock_day, live_server, sqlite_database, page, width):
    _world, base = live_server
    _long_spells(sqlite_database)
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, base, "mette", PASSWORD)
    page.goto(f"{base}/frister")
    section = page.get_by_role("region", name="Dagpengeophør inden for 26 uger (1)")
    assert "Anna Østergaard" in section.inner_text() and "Erik Lund" not in section.inner_text()
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll <= width, f"/frister is {scroll}px wide at {width}px"
    assert_accessible(page, f"/frister with Dagpengeophør at {width}px")
    page.context.clear_cookies()
    log_in(page, base, "teamleder250", PASSWORD)
    page.goto(f"{base}/evidens/dagpengeophor")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Dagpengeophør for team Jobparate")
    rows = page.locator("tbody tr").all_inner_texts()
    assert rows[0].startswith("Erik Lund") and rows[1].startswith("Anna Østergaard")
    assert page.get_by_role("status").inner_text() == "Viser 1–2 af 2 borgere."
    text = page.inner_text("main")
    assert "læst i en senere lovbekendtgørelse" in text and "V-later" not in text  # the source's confidence in Danish
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll <= width, f"/evidens/dagpengeophor is {scroll}px wide at {width}px"
    assert_accessible(page, f"/evidens/dagpengeophor at {width}px")
