"""In Debian's headless Chromium: the Effekter page as a manager — the chart, the tables, the
knowledge bank's upload — at 375 px and on a desktop, with axe-core's WCAG 2.1 A/AA checks."""

from __future__ import annotations

from datetime import date

import pytest

from indsats.domain.enums import Role
from indsats.services.accounts.demo_accounts import ensure_demo_accounts

from ..livesite import assert_accessible, chromium_page, log_in, serve

pytestmark = pytest.mark.browser


@pytest.fixture
def live_server(sqlite_database, monkeypatch):
    from indsats.synth.build import build

    monkeypatch.setenv("INDSATS_TODAY", "2026-11-23")
    build(sqlite_database, seed=5, as_of=date(2026, 11, 23), codes=("250",), citizens=1500)
    manager = next(x for x in ensure_demo_accounts(sqlite_database) if x.role == Role.MANAGER)
    with serve(sqlite_database) as base:
        yield manager, base


def test_effects_page_fits_and_is_accessible(live_server, tmp_path):
    manager, base = live_server
    reference = tmp_path / "jobeffekter.csv"
    reference.write_text("indsats;målgruppe;effekt;nedre;øvre;kilde;år\n"
                         "Virksomhedspraktik;alle;4,5;1,2;7,8;jobeffekter.dk (testtal);2023\n", encoding="utf-8")
    with chromium_page() as page:
        log_in(page, base, manager.username, manager.password)
        page.goto(f"{base}/evidens/effekter")
        page.set_input_files("input[type=file]", str(reference))
        page.get_by_role("button", name="Indlæs").click()
        page.wait_for_load_state()
        assert "Vidensbankens tal er indlæst (1 rækker)" in page.get_by_role("status").inner_text()
        assert page.get_by_role("img", name="Effekter: Alle målgrupper, lokalt og i vidensbanken").count() == 1
        assert "+4,5 pct.-point" in page.get_by_role("region", name="Effekter: Alle målgrupper").inner_text()
        for width in (375, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            scroll = page.evaluate("() => document.documentElement.scrollWidth")
            wide = page.evaluate("(w) => [...document.querySelectorAll('body *')].filter(e => "
                                 "e.getBoundingClientRect().right > w).map(e => e.tagName + '.' + e.className)"
                                 ".slice(0, 5)", width)
            assert scroll <= width, f"/evidens/effekter is {scroll}px wide at {width}px: {wide}"
            assert_accessible(page, f"/evidens/effekter at {width}px")
