"""In Debian's headless Chromium: a consultant registers a visit, orders and proposes a candidate;
the company sees the anonymous summary; another company's login does not get the order."""

from __future__ import annotations

from datetime import timedelta

import pytest

from indsats.domain import clock

from ..livesite import chromium_page, log_in, serve_world
from .company_world import LAGER, PASSWORD, build_company_world

pytestmark = pytest.mark.browser


@pytest.fixture
def site(sqlite_database, monkeypatch):
    monkeypatch.setenv("INDSATS_EMBEDDER", "hashing")
    with serve_world(sqlite_database, build_company_world) as site:
        yield site


@pytest.fixture
def page():
    with chromium_page() as page:
        yield page


def test_consultant_to_company_in_the_browser(site, page):
    world, base = site
    log_in(page, base, "konsulent", PASSWORD)
    page.click("nav >> text=Virksomheder")
    page.click("text=Lagerhuset A/S")
    page.wait_for_url(f"{base}/virksomheder/{LAGER}")
    page.fill("input[name=purpose]", "Besøg om rekruttering")
    page.check("input[name=schemes][value=company_internship]")
    # A follow-up in the past is refused: two weeks from the day the suite runs, not a fixed date.
    page.fill("input[name=next_followup]", (clock.today() + timedelta(days=14)).isoformat())
    page.click("text=Gem kontakt")
    page.locator("p.notice", has_text="Kontakten er registreret").wait_for()
    assert page.locator("td", has_text="Besøg om rekruttering").is_visible()

    page.fill("input[name=title]", "Lagermedarbejder")
    page.fill("input[name=hours_per_week]", "37")
    page.click("text=Opret jobordre")
    page.locator("h1", has_text="Lagermedarbejder").wait_for()
    row = page.locator("tr", has_text="Anna Jensen")
    assert "samme fag: lagermedarbejder" in row.inner_text() and "same occupation" not in row.inner_text()
    row.locator("button", has_text="Foreslå").click()
    page.locator("p.notice", has_text="Kandidaten er foreslået").wait_for()
    job_url = page.url.split("?")[0]

    page.click("text=Log ud")
    log_in(page, base, "lagerhuset", PASSWORD)
    page.goto(f"{base}/portal")
    page.click("text=Lagermedarbejder")
    page.locator("h2", has_text="Kandidat K-").wait_for()
    assert "Anna" not in page.content()
    page.click("text=Invitér til samtale")
    page.locator("p.notice", has_text="Svaret er sendt").wait_for()

    page.click("text=Log ud")
    log_in(page, base, "plejecentret", PASSWORD)
    job_id = job_url.rsplit("/", 1)[1]
    response = page.goto(f"{base}/portal/jobordrer/{job_id}")
    assert response.status == 404 and "Lagermedarbejder" not in page.content()
