"""In headless Chromium at a phone's 375 px: the case page, the worklist, the caseload, the leaders' figures
(refusionstrappen, ledelsesinformation, fordeling, rettidighed, unge og integration), small jobs, the network and
the company-centre page scroll only downwards, every date input has a label, and the skip link is there."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from indsats.domain import clock
from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.casework import availability
from indsats.services.company import centres, network, small_jobs
from indsats.store.tables import UserRow

from ..casework.builders import PASSWORD, build_world
from ..company.company_world import LAGER, PLEJE, build_company_world
from ..company.company_world import PASSWORD as COMPANY_PASSWORD
from ..livesite import assert_accessible, log_in, serve

pytestmark = pytest.mark.browser
WIDTH = 375

UNLABELLED_DATES = """() => [...document.querySelectorAll('input[type=date]')].filter(i => {
  if (i.labels && i.labels.length && i.labels[0].textContent.trim()) return false;
  if ((i.getAttribute('aria-label') || '').trim()) return false;
  const by = i.getAttribute('aria-labelledby');
  return !(by && document.getElementById(by) && document.getElementById(by).textContent.trim());
}).map(i => i.name || i.id)"""


def _check(page, base: str, path: str) -> None:
    page.goto(f"{base}{path}")
    page.wait_for_load_state("networkidle")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= WIDTH, f"{path} is {width}px wide at {WIDTH}px"
    assert page.evaluate(UNLABELLED_DATES) == [], f"{path}: a date input without a label"
    skip = page.locator("a.skip-link").first
    assert skip.count() == 1 and skip.get_attribute("href") == "#indhold", f"{path}: no skip link"
    assert page.locator("#indhold").count() == 1
    assert_accessible(page, f"{path} at {WIDTH}px")


@pytest.fixture
def live_server(sqlite_database):
    """The hand-made world with an open availability case, so the worklist shows its own section."""
    world = build_world(sqlite_database)
    with sqlite_database.unit_of_work() as s:
        row = s.scalar(select(UserRow).where(UserRow.username == "mette"))
        mette = User(row.id, row.username, Role(row.role), row.municipality_code, row.display_name,
                     caseworker_id=row.caseworker_id)
    availability.open_case(sqlite_database, mette, world.anna_id, "refused_offer", clock.today())
    with serve(sqlite_database) as base:
        yield world, base


def test_the_caseworkers_pages_fit_a_phone(live_server, page):
    world, base = live_server
    page.set_viewport_size({"width": WIDTH, "height": 800})
    log_in(page, base, "mette", PASSWORD)
    for path in (f"/borgere/{world.anna_id}", "/frister", "/sager", "/raadighed", "/kalender"):
        _check(page, base, path)
    log_in(page, base, "teamleder250", PASSWORD)
    for path in ("/sager", "/frister", "/sager?sagsbehandler=uden"):
        _check(page, base, path)
    log_in(page, base, "leder250", PASSWORD)
    for path in ("/logning", "/logning?sort=aeldste&kind=read", "/borgere?q=Anna", "/styring", "/ledelsesinformation",
                 "/okonomi", "/okonomi/refusionstrappe", "/styring/fordeling", "/styring/fordeling?dimension=caseworker",
                 "/rettidighed", "/styring/programmer"):
        _check(page, base, path)


def test_the_company_centre_page_fits_a_phone(sqlite_database, page):
    world = build_company_world(sqlite_database)
    consultant: User = world.consultant
    assert consultant.role == Role.COMPANY_CONSULTANT
    centre = centres.create_centre(sqlite_database, consultant, LAGER, "Lagercentret", 4, "Mentor Mads",
                                   date(2026, 1, 5))
    centres.place(sqlite_database, consultant, centre, world.anna, date(2026, 2, 2))
    course = network.add_course(sqlite_database, consultant, "Mentoruddannelse for plejesektoren", date(2026, 3, 3),
                                "Jobcentret, mødelokale 2")
    network.add_mentor(sqlite_database, consultant, PLEJE, "Mentor Margrethe Østergaard", "Social- og sundhedsassistent",
                       course_id=course)
    network.add_meeting(sqlite_database, consultant, date(2026, 3, 10), "Rekruttering til sommerferien", [LAGER, PLEJE])
    small_jobs.add_small_job(sqlite_database, consultant, "Anna Jensen", LAGER, 10, date(2026, 2, 9))
    with serve(sqlite_database) as base:
        page.set_viewport_size({"width": WIDTH, "height": 800})
        log_in(page, base, "konsulent", COMPANY_PASSWORD)
        for path in ("/virksomhedscentre", "/virksomheder", "/jobordrer", "/kandidater", "/henvendelser",
                     "/smajob", "/netvaerk"):
            _check(page, base, path)
