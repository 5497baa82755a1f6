"""In headless Chromium: a consultant registers a mentor course, a mentor and a small job on a phone-sized
screen; the network and small-job pages pass axe-core with 0 violations."""

from __future__ import annotations

import pytest

from ..company.company_world import LAGER, PASSWORD, build_company_world
from ..livesite import assert_accessible, log_in, serve_world

pytestmark = pytest.mark.browser


@pytest.fixture
def live_server(sqlite_database):
    with serve_world(sqlite_database, build_company_world) as site:
        yield site


def test_network_and_small_jobs_in_the_browser(live_server, page):
    _, base = live_server
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, base, "konsulent", PASSWORD)
    page.goto(f"{base}/netvaerk")
    page.fill("#course-title", "Mentorkursus forår")
    page.fill("#course-held_on", "2026-04-14")
    page.click("text=Opret kursus")
    page.locator("p.notice", has_text="Mentorkurset er oprettet").wait_for()
    page.fill("#mentor-name", "Søren Lund")
    page.fill("#mentor-cvr", LAGER)
    page.select_option("#mentor-course_id", label="Mentorkursus forår (14. apr. 2026)")
    page.click("text=Registrér mentor")
    page.locator("p.notice", has_text="Mentoren er registreret").wait_for()
    assert page.locator("td", has_text="Søren Lund").is_visible()
    assert_accessible(page)
    page.goto(f"{base}/smajob")
    page.fill("#sj-who", "Anna Jensen")
    page.fill("#sj-cvr", LAGER)
    page.fill("#sj-hours", "8")
    page.click("text=Registrér >> nth=-1")
    page.locator("p.notice", has_text="Småjobbet er registreret").wait_for()
    assert page.get_by_role("cell", name="Anna Jensen", exact=True).is_visible()
    assert_accessible(page)
