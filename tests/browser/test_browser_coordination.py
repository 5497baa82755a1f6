"""In Debian's headless Chromium at 375 px: the caseworker adds a participant from the health department to
a citizen's coordinated plan, a decision on flex job without the health coordinator's advice is refused at
the field, the participant contributes, and the citizen sees the plan on Min sag — axe-core on each page."""

from __future__ import annotations

import pytest

from indsats.domain.enums import Role
from indsats.services.accounts.auth import create_user

from ..casework.builders import PASSWORD, build_world
from ..livesite import assert_accessible, log_in, serve

pytestmark = pytest.mark.browser


@pytest.fixture
def live_server(sqlite_database, monkeypatch):
    monkeypatch.setenv("INDSATS_TODAY", "2026-12-01")
    world = build_world(sqlite_database)
    with sqlite_database.unit_of_work() as s:
        create_user(s, username="henrik.sund", password=PASSWORD, role=Role.PARTICIPANT, municipality_code="250",
                    display_name="Henrik Sundhedskoordinator")
    with serve(sqlite_database) as base:
        yield world, base


def _fits(page, width, what):
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll <= width, f"{what} is {scroll}px wide at {width}px"


def test_coordinated_plan_from_caseworker_to_participant_to_citizen(live_server, page):
    world, base = live_server
    page.set_viewport_size({"width": 375, "height": 900})
    log_in(page, base, "mette", PASSWORD)
    page.goto(f"{base}/borgere/{world.anna_id}")
    page.get_by_role("link", name="Samlet plan").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Samlet plan: Anna Østergaard"
    page.get_by_label("Brugernavn").fill("henrik.sund")
    page.locator("#sp-participant-department").select_option("health")
    page.get_by_role("button", name="Tilføj").click()
    page.wait_for_load_state()
    assert "henrik.sund er tilføjet som deltager." in page.content()
    page.locator("#sp-decision-day").fill("2026-11-20")
    page.locator("#sp-decision-reasoning").fill("Varigt nedsat arbejdsevne")
    page.get_by_role("button", name="Gem afgørelse").click()
    page.wait_for_load_state()
    error = page.locator("#sp-decision-basis_entry_id-fejl")
    assert "sundhedskoordinatorens sundhedsfaglige rådgivning" in error.inner_text()
    assert page.locator("#sp-decision-reasoning").input_value() == "Varigt nedsat arbejdsevne"
    _fits(page, 375, "the coordinated plan")
    assert_accessible(page, "/borgere/{id}/samlet-plan with an error at 375px")
    page.get_by_label("Begrundelse for samtykke på borgerens vegne (sundhedsområdet)").fill("Givet ved mødet 1.12.")
    page.get_by_role("button", name="Registrér samtykke på borgerens vegne (sundhedsområdet)").click()
    page.wait_for_load_state()

    page.context.clear_cookies()
    log_in(page, base, "henrik.sund", PASSWORD)
    page.goto(f"{base}/samlet-plan")
    assert_accessible(page, "/samlet-plan at 375px")
    page.get_by_role("link", name="Anna Østergaard").click()
    page.wait_for_load_state()
    page.locator("#sp-entry-kind").select_option("health_advice")
    page.locator("#sp-entry-text").fill("Skånehensyn: højst 15 timer om ugen")
    page.get_by_role("button", name="Gem i planen").click()
    page.wait_for_load_state()
    assert "Henrik Sundhedskoordinator (Tværfaglig deltager)" in page.locator("table").first.inner_text()
    assert page.goto(f"{base}/borgere/{world.anna_id}").status == 403

    page.context.clear_cookies()
    log_in(page, base, "anna", PASSWORD)
    page.goto(f"{base}/min-sag")
    page.get_by_role("link", name="Min samlede plan").click()
    page.wait_for_load_state()
    assert "Skånehensyn: højst 15 timer om ugen" in page.content()
    _fits(page, 375, "Min samlede plan")
    assert_accessible(page, "/min-sag/samlet-plan at 375px")
