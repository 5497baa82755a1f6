"""Open availability cases (rådighedssager) in the worklist: /frister (page, CSV, API), /raadighed and the case
page's deadline list, each step's deadline marked «lokal praksis» and its length a setting (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from fastapi.testclient import TestClient
from sqlalchemy import select

from indsats.settings import get_settings
from indsats.store.casework_tables import AvailabilityCaseRow, DocumentRow
from indsats.store.tables import AuditRow, CaseEventRow
from indsats.web.app import create_app
from tests.web_login import csrf, login

from .builders import build_world

MONDAY = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


@pytest.fixture
def world_client(database):
    world = build_world(database)
    with time_machine.travel(MONDAY, tick=False), TestClient(create_app(database, secret_key="test")) as client:
        yield world, client, database


def _open_case(client, citizen_id: int, on: str = "2026-12-04") -> None:
    token = csrf(client, f"/borgere/{citizen_id}")
    answer = client.post(f"/borgere/{citizen_id}/raadighed", follow_redirects=True,
                         data={"cause": "refused_offer", "cause_date": on, "csrf_token": token})
    assert answer.status_code == 200, answer.text


def test_an_open_availability_case_is_on_the_worklist_page_csv_api_and_case_page(world_client):
    world, client, database = world_client
    login(client, "mette")
    _open_case(client, world.anna_id)
    with database.unit_of_work() as s:
        row = s.scalar(select(AvailabilityCaseRow))
        assert row.deadline == date(2026, 12, 14)  # today + the step of 7 days (the setting's default)
    page = client.get("/frister").text
    assert "Åbne rådighedssager (1)" in page and "Afslået tilbud" in page and "14. dec. 2026" in page
    assert "lokal praksis: 7 dage pr. trin" in page
    csv = client.get("/frister.csv").text
    line = next(x for x in csv.split("\r\n") if x.startswith("rådighedssag;"))
    assert f";{world.anna_id};Anna Østergaard;" in line and "2026-12-14" in line and "lokal praksis" in line
    api = client.get("/api/worklists/availability").json()
    assert api["total"] == 1 and api["items"][0]["stage"] == "hearing" and api["items"][0]["local"] is True
    assert "lokal praksis" in api["items"][0]["source"]
    assert client.get("/api/worklists/availability", params={"window": "overdue"}).json()["total"] == 0
    deadlines = client.get(f"/borgere/{world.anna_id}/frister").text
    assert "Rådighedssag: partshøring skal sendes" in deadlines and "lokal praksis" in deadlines
    case_page = client.get(f"/borgere/{world.anna_id}").text
    assert "frist 14. dec. 2026" in case_page and "lokal praksis" in case_page
    listing = client.get("/raadighed").text
    assert "Viser 1–1 af 1" in listing and "Anna Østergaard" in listing
    with database.unit_of_work() as s:  # the worklist's reading of the case is audited
        actions = set(s.scalars(select(AuditRow.action).where(AuditRow.citizen_id == world.anna_id)))
    assert {"rådighedssager", "rådighedsfrister"} <= actions
    with time_machine.travel(datetime(2026, 12, 15, 9, 0, tzinfo=UTC), tick=False):
        login(client, "mette")
        overdue = client.get("/api/worklists/availability", params={"window": "overdue"}).json()
        assert overdue["total"] == 1 and overdue["items"][0]["overdue"] is True
        assert "(overskredet)" in client.get("/frister").text


def test_the_step_is_a_setting(world_client, monkeypatch):
    world, client, database = world_client
    assert get_settings().availability_step_days == 7
    monkeypatch.setenv("INDSATS_AVAILABILITY_STEP_DAYS", "10")
    login(client, "mette")
    _open_case(client, world.anna_id)
    with database.unit_of_work() as s:
        assert s.scalar(select(AvailabilityCaseRow.deadline)) == date(2026, 12, 17)
    assert "lokal praksis: 10 dage pr. trin" in client.get("/frister").text


def test_an_answer_too_long_is_refused_not_cut(world_client):
    world, client, database = world_client
    login(client, "mette")
    _open_case(client, world.anna_id)
    with database.unit_of_work() as s:
        case_id = s.scalar(select(AvailabilityCaseRow.id))
    token = csrf(client, f"/borgere/{world.anna_id}")
    client.post(f"/raadighed/{case_id}/partshoering", data={"citizen_id": world.anna_id, "csrf_token": token})
    long = "Jeg var syg. " * 400  # 5,200 characters
    answer = client.post(f"/raadighed/{case_id}/svar", follow_redirects=True,
                         data={"citizen_id": world.anna_id, "csrf_token": token, "answer": long,
                               "received_on": "2026-12-07"})
    assert "højst være 4000 tegn" in answer.text
    with database.unit_of_work() as s:
        assert s.get(AvailabilityCaseRow, case_id).answer == ""


def test_too_long_texts_are_refused_with_a_danish_message_never_cut(world_client):
    world, client, database = world_client
    login(client, "mette")
    token = csrf(client, f"/borgere/{world.anna_id}")
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
    titled = client.post(f"/borgere/{world.anna_id}/dokumenter", data={"title": "T" * 201, "csrf_token": token},
                         files={"fil": ("a.pdf", pdf, "application/pdf")}, follow_redirects=True)
    assert titled.status_code == 422 and f'value="{"T" * 201}"' in titled.text
    assert 'role="alert">Titlen må højst være 200 tegn (den er 201)' in titled.text
    with database.unit_of_work() as s:
        assert s.scalar(select(DocumentRow.id)) is None
    api = client.post("/api/appointments/999/outcome", headers={"X-CSRF-Token": token},
                      json={"outcome": "held", "note": "x" * 4001})
    assert api.status_code == 422 and api.json()["errors"][0]["field"].endswith("note")
    login(client, "anna")
    token = csrf(client, "/min-sag")
    asked = client.post("/min-sag/samtale", data={"wish": "Om praktik " * 40, "csrf_token": token},
                        follow_redirects=True)
    assert "Anmodningen er ikke sendt: Emnet må højst være 300 tegn" in asked.text
    with database.unit_of_work() as s:
        assert s.scalar(select(CaseEventRow.id).where(CaseEventRow.type == "conversation_requested")) is None
