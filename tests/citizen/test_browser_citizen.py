"""In headless Chromium at phone size (375×812): the citizen's flows, no sideways scrolling, axe-core WCAG 2.1 A/AA.

Then the caseworker on the other side sees the CV, job log, plan answer, message and booking.
"""

from __future__ import annotations

import pytest

from ..casework.builders import PASSWORD, build_world
from ..livesite import assert_accessible, chromium_page, log_in, serve_world

pytestmark = pytest.mark.browser
PHONE = {"width": 375, "height": 812}


@pytest.fixture
def live_server(sqlite_database):
    with serve_world(sqlite_database, build_world) as site:
        yield site


@pytest.fixture
def page():
    with chromium_page() as page:
        page.set_viewport_size(PHONE)
        yield page


def assert_fits_the_phone(page, context):
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{context}: the page is {width} px wide at 375 px (sideways scrolling)"


def check(page, context):
    assert_fits_the_phone(page, context)
    assert_accessible(page, context)


def test_the_citizen_on_a_phone_and_the_caseworker_on_the_other_side(live_server, page):
    world, base = live_server
    log_in(page, base, "anna", PASSWORD)
    page.locator("h2:has-text('Det skal du gøre')").wait_for()
    assert "Hvorfor: Loven om en aktiv beskæftigelsesindsats" in page.inner_text("main")
    check(page, "Min sag")

    page.goto(f"{base}/mit-cv")
    page.fill("#stilling-sog", "lager")
    page.locator("#stilling-forslag input[value=lagermedarbejder]").check()
    page.fill("#experience", "Fem år på lager")
    page.fill("#max_hours", "37")
    page.click("button:has-text('Gem mit CV')")
    page.locator("text=Dit CV er gemt.").wait_for()
    check(page, "Mit CV")
    page.click("button:has-text('Ja, virksomheder må finde mit CV')")
    page.locator("text=Du gav samtykke den").wait_for()

    page.goto(f"{base}/joblog")
    page.fill("#employer", "Lager A/S")
    page.fill("#job_title", "Lagermedarbejder")
    page.select_option("#how", "online")
    page.click("button:has-text('Gem ansøgningen')")
    page.locator("text=Ansøgningen er skrevet i din joblog.").wait_for()
    check(page, "Joblog")

    page.goto(f"{base}/min-plan")
    page.click("button:has-text('Jeg accepterer planen')")
    page.locator("text=Du har accepteret din plan").wait_for()
    check(page, "Min plan")

    page.goto(f"{base}/beskeder")
    page.fill("#body", "Kan vi tale om praktik?")
    page.click("button:has-text('Send besked')")
    page.locator("text=Ikke læst endnu").wait_for()
    check(page, "Beskeder")

    page.goto(f"{base}/fravaer")
    check(page, "Syg og ferie")

    page.goto(f"{base}/book-samtale")
    check(page, "Book samtale")
    page.locator("form.slots button").first.click()
    page.locator("h1:has-text('Din samtale er aftalt')").wait_for()
    check(page, "Bekræftelse")

    page.click("button:has-text('Log ud')")
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, base, "mette", PASSWORD)
    page.goto(f"{base}/borgere/{world.anna_id}")
    panel = page.locator("#selvbetjening")
    panel.wait_for()
    text = panel.inner_text()
    assert "lagermedarbejder" in text and "Lager A/S" in text and "Accepteret" in text
    assert "Kan vi tale om praktik?" in text
    page.fill("#selvbetjening textarea[name=body]", "Ja, det gør vi til samtalen.")
    page.click("#selvbetjening button:has-text('Send svar')")
    page.locator("#selvbetjening >> text=Ja, det gør vi til samtalen.").wait_for()
    assert_accessible(page, "sagen med borgerens selvbetjening")


def test_reporting_sick_and_a_bad_form_on_a_phone_then_desktop(live_server, page):
    _, base = live_server
    log_in(page, base, "anna", PASSWORD)
    page.goto(f"{base}/fravaer")
    page.check("input[name=kind][value=sick]")
    page.click("button:has-text('Send melding')")
    page.locator("text=Du er meldt syg").wait_for()
    assert "stadig syg" in page.inner_text("main")
    check(page, "Syg og ferie efter melding")
    page.check("input[name=kind][value=sick]")
    page.click("button:has-text('Send melding')")
    page.locator("text=Du er allerede meldt syg").wait_for()
    check(page, "Syg og ferie med fejl")

    page.goto(f"{base}/mit-cv")
    page.fill("#max_hours", "90")
    page.click("button:has-text('Gem mit CV')")
    page.locator("text=Vælg mindst én stilling").wait_for()
    assert page.input_value("#max_hours") == "90"
    check(page, "Mit CV med fejl")

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{base}/min-sag")
    assert_accessible(page, "Min sag på en stor skærm")
