"""Syg, rask og ferie: the citizen's report becomes the exemption event and the kept obligations are refreshed."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from indsats.domain import clock
from indsats.store.obligation_tables import CitizenObligationRow
from indsats.store.tables import CaseEventRow
from tests.web_login import csrf, login


def _report(client, **data):
    return client.post("/fravaer", data={**data, "csrf_token": csrf(client, "/fravaer")}, follow_redirects=False)


def _events(database, citizen_id):
    with database.unit_of_work() as s:
        return [(e.type, e.date, e.data.get("reason")) for e in s.scalars(
            select(CaseEventRow).where(CaseEventRow.citizen_id == citizen_id).order_by(CaseEventRow.id))]


def test_sick_then_well_become_exemption_start_and_end_and_refresh_the_deadlines(world_client, database):
    world, client = world_client
    login(client, "anna")
    today = clock.today()
    sick = today - timedelta(days=3)
    assert _report(client, kind="sick", start=sick.isoformat()).status_code == 303
    assert ("exemption_start", sick, "sickness") in _events(database, world.anna_id)
    with database.unit_of_work() as s:
        kept = s.scalar(select(func.count()).select_from(CitizenObligationRow)
                        .where(CitizenObligationRow.citizen_id == world.anna_id))
    assert kept > 0  # refresh_citizen ran in the same transaction
    page = client.get("/fravaer").text
    assert "Du er meldt syg" in page and "stadig syg" in page
    again = _report(client, kind="sick", start=today.isoformat())
    assert again.status_code == 422 and "allerede meldt syg" in again.text
    assert _report(client, kind="well", start=today.isoformat()).status_code == 303
    assert ("exemption_end", today, "sickness") in _events(database, world.anna_id)
    assert "stadig syg" not in client.get("/fravaer").text


def test_holiday_has_an_end_and_bad_dates_are_explained(world_client, database):
    world, client = world_client
    login(client, "anna")
    first = clock.today() + timedelta(days=10)
    last = first + timedelta(days=6)
    assert _report(client, kind="holiday", start=first.isoformat(), end=last.isoformat()).status_code == 303
    events = _events(database, world.anna_id)
    assert ("exemption_start", first, "holiday") in events and ("exemption_end", last + timedelta(days=1),
                                                                 "holiday") in events
    bad = _report(client, kind="holiday", start=last.isoformat(), end=first.isoformat())
    assert bad.status_code == 422 and "Slutdatoen skal ligge efter startdatoen" in bad.text
    future_sick = _report(client, kind="sick", start=(clock.today() + timedelta(days=2)).isoformat())
    assert future_sick.status_code == 422 and "i fremtiden" in future_sick.text
    assert _report(client, kind="well", start="ikke en dato").status_code == 422
