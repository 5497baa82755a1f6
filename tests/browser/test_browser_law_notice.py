"""In Debian's headless Chromium: the deadline page names the rule set and, within 60 days of a
change of the law, says what changes and when — and passes axe-core's accessibility checks."""

from __future__ import annotations

import pytest

from ..casework.builders import PASSWORD
from ..livesite import assert_accessible, log_in

pytestmark = pytest.mark.browser

def test_deadline_page_in_may_2026_announces_the_july_reform(live_server, page):
    world, base = live_server
    log_in(page, base, "mette", PASSWORD)
    page.wait_for_url(f"{base}/sager")
    # Anna: unemployment benefit since 2026-05-04; lov 1750/2025 changes its rules on 2026-07-01.
    page.goto(f"{base}/borgere/{world.anna_id}/frister?dato=2026-05-15")
    assert "Regelsæt: LAB 2024" in page.locator("[data-testid=regelsaet]").inner_text()
    note = page.get_by_role("note")
    assert note.inner_text().startswith("Fra 1. juli 2026: Beskæftigelsesreformen")
    page.goto(f"{base}/borgere/{world.anna_id}/frister?dato=2026-04-15")
    assert page.get_by_role("note").count() == 0


def test_deadline_page_with_the_notice_has_no_accessibility_violations(live_server, page):
    world, base = live_server
    log_in(page, base, "mette", PASSWORD)
    page.wait_for_url(f"{base}/sager")
    page.goto(f"{base}/borgere/{world.anna_id}/frister?dato=2026-05-15")
    assert_accessible(page, "frister med lovændringsvarsel")
