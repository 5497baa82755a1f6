"""Sick-leave retention on SQLite and PostgreSQL: partial return, retention plan, fast track (read by the law
engine as the employer's request for early follow-up), employer and doctor as parties, the return — and the
team leader's and manager's measure of employees back at the same workplace, per month, as page and CSV."""

from __future__ import annotations

import re
from datetime import date

import pytest
import time_machine
from fastapi.testclient import TestClient
from sqlalchemy import select

from indsats.services.casework.obligations import obligations_for_citizen
from indsats.store.tables import AuditRow, BenefitSpellRow, CitizenRow
from indsats.web.app import create_app

from .builders import PASSWORD, WORLD_DAY, build_world


def _csrf(client, path):
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text).group(1)


def _login(client, username):
    client.cookies.clear()
    response = client.post("/login", data={"username": username, "password": PASSWORD,
                                           "csrf_token": _csrf(client, "/login")}, follow_redirects=False)
    assert response.status_code == 303


@pytest.fixture
def sick(database):
    with time_machine.travel(WORLD_DAY, tick=True):
        world = build_world(database)
        with database.unit_of_work() as s:
            dorte = s.scalar(select(CitizenRow.id).where(CitizenRow.first_name == "Dorte"))
        with TestClient(create_app(database, secret_key="test")) as client:
            _login(client, "mette")
            yield world, dorte, client, database


def _register(client, citizen_id, kind, data):
    token = _csrf(client, f"/borgere/{citizen_id}")
    return client.post(f"/borgere/{citizen_id}/registrer/{kind}", data={**data, "csrf_token": token},
                       follow_redirects=False)


def _statuses(database, citizen_id, as_of):
    with database.unit_of_work() as s:
        result = obligations_for_citizen(s, citizen_id, as_of)
        return {(o.rule, o.deadline, o.status) for o in result.obligations}


def test_partial_return_retention_plan_fast_track_and_the_return_on_the_case(sick):
    _world, dorte, client, database = sick
    assert _register(client, dorte, "sickness_party", {"party": "employer", "date": "2026-09-01",
                                                       "name": "Lagerhuset A/S", "company_cvr": "31000008",
                                                       "contact": "Lone, 12345678"}).status_code == 303
    assert _register(client, dorte, "sickness_party", {"party": "doctor", "date": "2026-09-01",
                                                       "name": "Lægerne i Torvegade"}).status_code == 303
    assert _register(client, dorte, "partial_return", {"date": "2026-10-01", "hours_per_week": "15"}).status_code == 303
    assert _register(client, dorte, "retention_plan", {"date": "2026-10-02",
                                                       "content": "Lettere opgaver, 3 timer dagligt"}).status_code == 303
    assert _register(client, dorte, "fast_track", {"date": "2026-10-05"}).status_code == 303
    page = client.get(f"/borgere/{dorte}").text
    for text in ("Sygefravær og fastholdelse", "Arbejdsgiver: Lagerhuset A/S, CVR 31000008", "Læge: Lægerne i Torvegade",
                 "15 timer om ugen fra 1. okt. 2026", "Lettere opgaver, 3 timer dagligt",
                 "Fast track på arbejdsgiverens anmodning (§ 7 b)"):
        assert text in page, text
    # the engine reads the fast track as the employer's request: first follow-up within 2 weeks (§ 13 b, stk. 2)
    assert ("sickness.early_followup", date(2026, 10, 19), "overdue") in _statuses(database, dorte, date(2026, 11, 1))
    assert _register(client, dorte, "sick_return", {"date": "2026-11-16", "outcome": "same_workplace"}).status_code == 303
    with database.unit_of_work() as s:
        assert s.scalar(select(BenefitSpellRow.end).where(BenefitSpellRow.citizen_id == dorte)) == date(2026, 11, 16)
        actions = s.scalars(select(AuditRow.action).where(AuditRow.citizen_id == dorte)).all()
    assert "registrerede delvis raskmelding 2026-10-01" in actions and "registrerede raskmelding 2026-11-16" in actions

    _login(client, "leder250")
    page = client.get("/fastholdelse")
    assert page.status_code == 200 and "Andel tilbage på samme arbejdsplads" in page.text
    assert re.search(r'2026-11</td><td data-label="Ophørt \(ansatte\)">1</td><td data-label="Samme arbejdsplads">1<',
                     page.text)
    csv = client.get("/fastholdelse.csv")
    assert csv.status_code == 200 and "2026-11;1;1;0;0;0;1,000" in csv.text
    _login(client, "mette")
    assert client.get("/fastholdelse").status_code == 403


def test_sick_leave_forms_refuse_bad_input_at_the_field_and_keep_it(sick):
    world, _dorte, client, _ = sick
    response = _register(client, world.anna_id, "partial_return", {"date": "2026-10-01", "hours_per_week": "15"})
    assert response.status_code == 422 and "ikke på sygedagpenge" in response.text and 'value="15"' in response.text
    response = _register(client, world.anna_id, "partial_return", {"date": "2026-10-01", "hours_per_week": "40"})
    assert response.status_code == 422 and "Højst 37." in response.text and "37.0" not in response.text


def test_the_26_week_exemption_from_the_sick_leave_form_reaches_the_law_engine(sick):
    world, _dorte, client, database = sick
    assert _register(client, world.bo_id, "benefit_start", {"date": "2026-08-03",
                                                           "benefit": "sickness_benefit"}).status_code == 303
    refused = _register(client, world.bo_id, "sickness", {"date": "2026-08-03", "category": "2",
                                                         "expected_under_26_weeks": "on"})
    assert refused.status_code == 422 and "kun sygemeldte i ansættelse" in refused.text
    assert _register(client, world.bo_id, "sickness", {"date": "2026-08-03", "category": "2", "employed": "on",
                                                       "expected_under_26_weeks": "on"}).status_code == 303
    rules = {rule: status for rule, _, status in _statuses(database, world.bo_id, date(2026, 11, 1))}
    assert rules["sickness.first_followup"] == "not_applicable"
