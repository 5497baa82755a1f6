"""In headless Chromium: a team leader gives a citizen without a caseworker one, then moves a citizen to
another caseworker; each move leaves an audit row (axe-core checked)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from indsats.services.casework import obligation_store
from indsats.store.tables import AuditRow, BenefitSpellRow, CaseworkerRow, CitizenRow

from ..casework.builders import PASSWORD, build_world
from ..livesite import assert_accessible, log_in, serve

pytestmark = pytest.mark.browser


@pytest.fixture
def live_server(sqlite_database):
    world = build_world(sqlite_database)
    with sqlite_database.unit_of_work() as s:
        erik = CitizenRow(cpr="0101801234", first_name="Erik", last_name="Uden", birth_date=date(1980, 1, 1),
                          municipality_code="250", synthetic=True)
        s.add(erik)
        s.flush()
        s.add(BenefitSpellRow(citizen_id=erik.id, benefit="unemployment_benefit", start=date(2026, 6, 1)))
        obligation_store.refresh_citizens(s, [erik.id])
        workers = dict(s.execute(select(CaseworkerRow.name, CaseworkerRow.id)).all())
    with serve(sqlite_database) as base:
        yield world, base, sqlite_database, erik.id, workers


def _assignments(database) -> list[tuple[int, str]]:
    with database.unit_of_work() as s:
        return [tuple(r) for r in s.execute(select(AuditRow.citizen_id, AuditRow.action)
                                            .where(AuditRow.kind == "assignment").order_by(AuditRow.id))]


def test_a_team_leader_assigns_the_unassigned_and_moves_a_citizen(live_server, page):
    world, base, database, erik_id, workers = live_server
    log_in(page, base, "teamleder250", PASSWORD)
    page.goto(f"{base}/sager?sagsbehandler=uden")
    assert page.locator("nav.pager p").first.inner_text() == "Viser 1–1 af 1"
    assert_accessible(page, "sagsstamme uden sagsbehandler")
    page.check("input[aria-label='Vælg Erik Uden']")
    page.select_option("form#flyt select[name=caseworker_id]", str(workers["Jens Holm"]))
    with page.expect_navigation():
        page.click("form#flyt button[type=submit]")
    assert "/sager?sagsbehandler=uden" in page.url  # back to the same view
    assert "1 borger er flyttet til Jens Holm" in page.inner_text("main")
    assert "Ingen borgere på en aktiv ydelse matcher" in page.inner_text("main")
    assert_accessible(page, "efter tildeling")

    page.goto(f"{base}/sager?sagsbehandler={workers['Mette Sørensen']}")
    page.check("input[aria-label='Vælg Anna Østergaard']")
    page.select_option("form#flyt select[name=caseworker_id]", str(workers["Jens Holm"]))
    with page.expect_navigation():
        page.click("form#flyt button[type=submit]")
    assert "1 borger er flyttet til Jens Holm" in page.inner_text("main")
    page.goto(f"{base}/sager?sagsbehandler={workers['Jens Holm']}")
    names = page.locator("td[data-label=Navn] a").all_inner_texts()
    assert "Anna Østergaard" in names and "Erik Uden" in names

    rows = _assignments(database)
    assert [cid for cid, _ in rows] == [erik_id, world.anna_id]
    assert "Mette Sørensen → Jens Holm" in rows[1][1]
