"""The worklist and timeliness pages, the CSV export and the JSON API through HTTP."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from indsats.web.app import create_app
from tests.web_login import logged_in as login

from .worklist_world import build


@pytest.fixture
def world_client(sqlite_database, monkeypatch):
    monkeypatch.setenv("INDSATS_TODAY", "2026-08-25")
    world = build(sqlite_database)
    with TestClient(create_app(sqlite_database, secret_key="test")) as client:
        yield world, client


def test_caseworker_worklist_page_is_danish_and_lists_overdue_first(world_client):
    world, client = world_client
    login(client, "mette")
    page = client.get("/frister?dato=2026-08-25")
    assert page.status_code == 200
    assert "Overskredne frister (" in page.text and "Skal bookes (" in page.text
    assert "Bo Testesen" in page.text and "Første samtale (inden 1 uge)" in page.text
    assert "Frank Testesen" not in page.text
    assert 'href="/frister.csv?dato=2026-08-25"' in page.text
    assert re.search(r"Viser 1–\d+ af \d+", page.text)
    assert "Bo Testesen" in client.get("/frister?visning=to_book").text


def test_csv_download(world_client):
    world, client = world_client
    login(client, "mette")
    response = client.get("/frister.csv?dato=2026-08-25")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    assert response.text.lstrip("\ufeff").startswith("liste;borger_id;navn")


def test_worklist_api_and_citizen_obligations(world_client):
    world, client = world_client
    login(client, "mette")
    data = client.get("/api/worklists", params={"as_of": "2026-08-25", "status": "overdue"}).json()
    assert {"items", "total", "page", "page_size"} <= data.keys() and data["total"] == len(data["items"])
    assert any(i["rule"] == "contact.first_conversation" and i["deadline"] == "2026-01-12" for i in data["items"])
    first_page = client.get("/api/worklists", params={"status": "overdue", "page_size": 2}).json()
    second_page = client.get("/api/worklists", params={"status": "overdue", "page_size": 2, "page": 2}).json()
    assert first_page["total"] == data["total"] and len(first_page["items"]) == 2
    assert first_page["items"] + second_page["items"] == data["items"][:4]
    capped = client.get("/api/worklists", params={"page_size": 5000}).json()  # capped, and it says so
    assert capped["page_size"] == 200 and capped["page_size_capped"] == "page_size er højst 200"
    obligations = client.get(f"/api/citizens/{world.ids['bo']}/obligations", params={"as_of": "2026-08-25"}).json()
    assert obligations["regime"] == "LAB 2024"
    first = next(o for o in obligations["obligations"] if o["rule"] == "contact.first_conversation")
    assert (first["deadline"], first["status"]) == ("2026-01-12", "overdue")
    page = client.get(f"/borgere/{world.ids['bo']}/frister?dato=2026-08-25")
    assert page.status_code == 200 and "Første samtale (inden 1 uge)" in page.text and "Overskredet" in page.text


def test_timeliness_page_for_managers_only(world_client):
    world, client = world_client
    login(client, "mette")
    assert client.get("/rettidighed").status_code == 403
    assert client.get("/api/timeliness").status_code == 403
    client.post("/logout", data={"csrf_token": re.search(r'name="csrf_token" value="([^"]+)"',
                                                         client.get("/frister").text).group(1)})
    login(client, "leder")
    page = client.get("/rettidighed?fra=2026-01-01&dato=2026-08-25")
    assert page.status_code == 200
    assert "<svg" in page.text and "Pr. målgruppe" in page.text and "Jobparate kontanthjælpsmodtagere" in page.text
    by_rule = page.text.split("Pr. regel", 1)[1]  # the rules by their Danish names, not the engine's keys
    assert "Første samtale (inden 1 uge)" in by_rule and "contact.first_conversation" not in by_rule
    data = client.get("/api/timeliness", params={"from": "2026-01-01", "as_of": "2026-08-25"}).json()
    assert data["overall"]["met"] == 2 and data["overall"]["total"] == 6


def test_deadline_panel_names_the_rule_set_and_the_change_within_60_days(world_client):
    # Bo is on job-ready cash benefit; the 2026-07-01 reform (lov 1750/2025) changes its rules.
    world, client = world_client
    login(client, "mette")
    may = client.get(f"/borgere/{world.ids['bo']}/frister?dato=2026-05-15", headers={"hx-request": "true"})
    assert may.status_code == 200
    assert "Regelsæt: <strong>LAB 2024</strong>" in may.text
    assert "Fra 1. juli 2026: Beskæftigelsesreformen" in may.text
    april = client.get(f"/borgere/{world.ids['bo']}/frister?dato=2026-04-30")  # 62 days before: not yet
    assert "Fra 1. juli 2026" not in april.text and "Regelsæt:" in april.text
