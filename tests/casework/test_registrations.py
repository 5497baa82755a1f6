"""Registering what the law engine reads, from the case page and the API (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from indsats.services.casework.obligations import obligations_for_citizen
from indsats.store.tables import AuditRow, BenefitSpellRow, CaseEventRow
from indsats.web.app import create_app
from tests.web_login import csrf, login

from .builders import build_world


@pytest.fixture
def world_client(database):
    world = build_world(database)
    with TestClient(create_app(database, secret_key="test")) as client:
        yield world, client, database


def _events(database, citizen_id, kind=None):
    with database.unit_of_work() as s:
        query = select(CaseEventRow).where(CaseEventRow.citizen_id == citizen_id)
        if kind:
            query = query.where(CaseEventRow.type == kind)
        return [(e.date, e.type, dict(e.data)) for e in s.scalars(query.order_by(CaseEventRow.date))]


def _post(client, citizen_id, kind, data, htmx=False):
    token = csrf(client, f"/borgere/{citizen_id}")
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(f"/borgere/{citizen_id}/registrer/{kind}", data={**data, "csrf_token": token},
                       headers=headers, follow_redirects=False)


def test_visitation_from_the_case_page_writes_one_audited_event_and_says_so_once(world_client):
    world, client, database = world_client
    login(client, "mette")
    response = _post(client, world.anna_id, "readiness_change",
                     {"date": "2026-06-01", "readiness": "activity_ready", "reasoning": "Helbred afklares"})
    assert response.status_code == 303 and response.headers["location"] == f"/borgere/{world.anna_id}"
    assert "besked" not in response.headers["location"]
    assert _events(database, world.anna_id, "readiness_change") == [
        (date(2026, 6, 1), "readiness_change",
         {"readiness": "activity_ready", "reasoning": "Helbred afklares", "benefit": "unemployment_benefit"})]
    page = client.get(f"/borgere/{world.anna_id}").text
    assert "Visitationen er registreret." in page and "Helbred afklares" in page
    assert "Visitationen er registreret." not in client.get(f"/borgere/{world.anna_id}").text  # flash shown once
    with database.unit_of_work() as s:
        actions = s.scalars(select(AuditRow.action).where(AuditRow.citizen_id == world.anna_id)).all()
    assert "registrerede visitation 2026-06-01" in actions


def test_htmx_registration_answers_a_fresh_form_and_tells_the_deadline_panel_to_reload(world_client):
    world, client, _ = world_client
    login(client, "mette")
    response = _post(client, world.anna_id, "first_contact", {"date": "2026-04-28"}, htmx=True)
    assert response.status_code == 200 and response.headers["HX-Trigger"] == "case-changed"
    assert "Den første henvendelse er registreret." in response.text and "<html" not in response.text


def test_a_conversation_in_1999_is_refused_at_the_field_and_what_was_typed_is_kept(world_client):
    world, client, database = world_client
    login(client, "mette")
    response = _post(client, world.anna_id, "conversation",
                     {"date": "1999-03-04", "conversation_kind": "joint", "status": "held", "note": "Min lange note"})
    assert response.status_code == 422
    assert "ligger før 1. jan. 2015" in response.text
    assert 'value="1999-03-04"' in response.text and "Min lange note" in response.text
    assert '<option value="joint" selected>' in response.text
    assert 'aria-invalid="true" aria-describedby="f-conversation-date-fejl"' in response.text
    response = _post(client, world.anna_id, "exemption",
                     {"date": "2026-03-01", "reason": "holiday", "end": "2026-03-10"}, htmx=True)
    assert response.status_code == 422 and "før borgerens sag begyndte (4. maj 2026" in response.text
    assert _events(database, world.anna_id, "exemption_start") == []


def test_missing_and_too_long_fields_get_danish_messages(world_client):
    world, client, _ = world_client
    login(client, "mette")
    response = _post(client, world.anna_id, "readiness_change", {"date": "", "readiness": "job_ready",
                                                                 "reasoning": "x" * 1001})
    assert response.status_code == 422
    assert "Udfyld feltet." in response.text and "Højst 1000 tegn." in response.text


def test_exemption_with_end_writes_start_and_end_and_the_law_engine_reads_them(world_client):
    world, client, database = world_client
    login(client, "mette")
    response = _post(client, world.anna_id, "exemption",
                     {"date": "2026-06-01", "reason": "maternity", "end": "2026-09-01", "note": "Barsel"})
    assert response.status_code == 303
    kinds = [(d, t, data["reason"]) for d, t, data in _events(database, world.anna_id)]
    assert kinds == [(date(2026, 6, 1), "exemption_start", "maternity"),
                     (date(2026, 9, 1), "exemption_end", "maternity")]
    response = _post(client, world.anna_id, "exemption", {"date": "2026-06-01", "reason": "holiday",
                                                          "end": "2026-05-01"})
    assert response.status_code == 422 and "Slutdatoen skal ligge efter startdatoen." in response.text


def test_benefit_change_closes_the_spell_and_the_deadlines_follow_the_new_benefit(world_client):
    world, client, database = world_client
    login(client, "mette")
    with database.unit_of_work() as s:
        before = obligations_for_citizen(s, world.anna_id, date(2026, 11, 1))
    response = _post(client, world.anna_id, "benefit_change",
                     {"date": "2026-10-05", "benefit": "cash_benefit", "readiness": "job_ready"})
    assert response.status_code == 303
    with database.unit_of_work() as s:
        spells = [(r.benefit, r.start, r.end) for r in s.scalars(
            select(BenefitSpellRow).where(BenefitSpellRow.citizen_id == world.anna_id).order_by(BenefitSpellRow.start))]
        after = obligations_for_citizen(s, world.anna_id, date(2026, 11, 1))
    assert spells == [("unemployment_benefit", date(2026, 5, 4), date(2026, 10, 5)),
                      ("cash_benefit", date(2026, 10, 5), None)]
    assert {o.window_start for o in after.obligations} != {o.window_start for o in before.obligations}
    assert any(o.window_start == date(2026, 10, 5) for o in after.obligations)
    again = _post(client, world.anna_id, "benefit_change", {"date": "2026-11-02", "benefit": "cash_benefit"})
    assert again.status_code == 422 and "allerede på kontanthjælp" in again.text


def test_benefit_start_for_a_citizen_without_a_case_opens_deadlines(world_client):
    world, client, database = world_client
    login(client, "mette")
    assert _post(client, world.bo_id, "readiness_change", {"date": "2026-10-01", "readiness": "job_ready",
                                                           "reasoning": "Ny vurdering"}).status_code == 422
    response = _post(client, world.bo_id, "benefit_start",
                     {"date": "2026-10-01", "benefit": "cash_benefit", "readiness": "job_ready"})
    assert response.status_code == 303
    with database.unit_of_work() as s:
        result = obligations_for_citizen(s, world.bo_id, date(2026, 10, 20))
    assert any(o.window_start == date(2026, 10, 1) for o in result.obligations)


def test_sickness_category_change_needs_sickness_benefit(world_client):
    world, client, database = world_client
    login(client, "mette")
    response = _post(client, world.anna_id, "sickness", {"step": "category_change", "date": "2026-06-01",
                                                         "category": "2"})
    assert response.status_code == 422 and "kræver, at borgeren er på sygedagpenge" in response.text
    response = _post(client, world.anna_id, "sickness", {"step": "first_day", "date": "2026-06-01",
                                                         "category": "3", "employed": "on"})
    assert response.status_code == 303
    assert _events(database, world.anna_id, "sick_leave_start") == [
        (date(2026, 6, 1), "sick_leave_start", {"category": 3, "employed": True, "expected_under_26_weeks": False})]


def test_the_citizens_own_words_are_shown_to_staff(world_client):
    world, client, _ = world_client
    login(client, "mette")
    _post(client, world.anna_id, "conversation_request", {"date": "2026-11-20", "wish": "Jeg vil tale om løntilskud"})
    assert "Jeg vil tale om løntilskud" in client.get(f"/borgere/{world.anna_id}").text


def test_the_api_offers_the_same_writes_with_the_same_validation(world_client):
    world, client, database = world_client
    token = client.post("/api/login", json={"username": "mette", "password": "hemmelig-test"}).json()["csrf_token"]
    headers = {"X-CSRF-Token": token}
    url = f"/api/citizens/{world.anna_id}/registrations"
    ok = client.post(f"{url}/quota_exemption", headers=headers,
                     json={"date": "2026-08-03", "reason": "Kan selv finde job", "scope": "conversations"})
    assert ok.status_code == 201
    assert _events(database, world.anna_id, "quota_exemption")[0][2] == {
        "reason": "Kan selv finde job", "scope": "conversations", "by": "municipality"}
    assert client.post(f"{url}/readiness_change", headers=headers,
                       json={"date": "2026-06-01", "readiness": "job_ready", "reasoning": "x" * 1001}).status_code == 422
    old = client.post(f"{url}/work_obligation", headers=headers, json={"date": "1999-01-01"})
    assert old.status_code == 422 and "2015" in old.json()["detail"]
    assert client.post(f"/api/citizens/{world.anna_id}/conversations", headers=headers,
                       json={"date": "1999-01-01"}).status_code == 422
    assert "/api/citizens/{citizen_id}/registrations/exemption" in client.get("/openapi.json").json()["paths"]


def test_a_caseworker_of_another_municipality_cannot_register(world_client):
    world, client, database = world_client
    login(client, "hanne")
    response = _post(client, world.carl_id, "first_contact", {"date": "2026-02-01"})
    assert response.status_code == 303
    token = csrf(client, "/sager")
    response = client.post(f"/borgere/{world.anna_id}/registrer/first_contact",
                           data={"date": "2026-05-01", "csrf_token": token}, follow_redirects=False)
    assert response.status_code == 403
    assert _events(database, world.anna_id) == []


def test_the_citizens_request_is_confirmed_in_the_session_not_the_url(world_client):
    world, client, _ = world_client
    login(client, "anna")
    response = client.post("/min-sag/samtale", data={"wish": "Om praktik", "csrf_token": csrf(client, "/min-sag")},
                           follow_redirects=False)
    assert response.headers["location"] == "/min-sag"
    assert "Din anmodning om en samtale er sendt" in client.get("/min-sag").text
    forged = client.get("/min-sag", params={"besked": "Din ydelse er stoppet"}).text
    assert "Din ydelse er stoppet" not in forged
