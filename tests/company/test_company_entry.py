"""Virksomhedsindgangen: a company asks for a wage-subsidy candidate in one place, the request lands with a
consultant with a response deadline, the company follows the status and the pipeline counts answers on time."""

from __future__ import annotations

import re
from datetime import date

from fastapi.testclient import TestClient
from sqlalchemy import update

from indsats.services.company import company_entry
from indsats.store.plan_tables import CompanyRequestRow
from indsats.web.app import create_app

from .company_world import PASSWORD, build_company_world


def login(client, username):
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
    client.post("/login", data={"username": username, "password": PASSWORD, "csrf_token": token})


def csrf(client, path):
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text).group(1)


def test_working_days_skip_the_weekend():
    assert company_entry.add_working_days(date(2026, 11, 27), 2) == date(2026, 12, 1)  # Friday → Tuesday


def test_company_asks_consultant_answers_and_the_pipeline_counts_on_time(database):
    world = build_company_world(database)
    with TestClient(create_app(database, secret_key="test")) as client:
        login(client, "lagerhuset")
        token = csrf(client, "/portal/henvendelser")
        bad = client.post("/portal/henvendelser", data={"csrf_token": token, "kind": "", "description": "Hej",
                                                        "contact": "Lone, 12345678"})
        assert bad.status_code == 422
        assert "Vælg, hvad henvendelsen drejer sig om" in bad.text and "mindst 10 tegn" in bad.text
        assert "Lone, 12345678" in bad.text  # the input is kept
        ok = client.post("/portal/henvendelser", data={"csrf_token": token, "kind": "wage_subsidy",
                                                       "description": "Vi søger en lagermedarbejder i løntilskud",
                                                       "contact": "Lone, 12345678"})
        assert ok.status_code == 200 and "Løntilskudsjob" in ok.text and "Modtaget" in ok.text
    page, stats = company_entry.pipeline(database, world.consultant)
    rows = page.items
    assert [r.kind for r in rows] == ["wage_subsidy"] and stats["open"] == 1
    assert rows[0].respond_by > rows[0].received_on
    with TestClient(create_app(database, secret_key="test")) as client:
        login(client, "konsulent")
        page = client.get("/henvendelser")
        assert "Lagerhuset A/S" in page.text and "0 af 0 besvaret inden for fristen" in page.text
        token = csrf(client, "/henvendelser")
        assert client.post(f"/henvendelser/{rows[0].id}/svar", data={"csrf_token": token, "answer": ""}).status_code == 422
        done = client.post(f"/henvendelser/{rows[0].id}/svar", data={"csrf_token": token,
                                                                    "answer": "Vi har to kandidater; jeg ringer i morgen"})
        assert done.status_code == 200 and "1 af 1 besvaret inden for fristen" in done.text
    with TestClient(create_app(database, secret_key="test")) as client:
        login(client, "lagerhuset")
        page = client.get("/portal/henvendelser").text
        assert "Besvaret" in page and "Vi har to kandidater" in page
        login(client, "plejecentret")
        assert "Vi har to kandidater" not in client.get("/portal/henvendelser").text
    with database.unit_of_work() as s:  # a late answer counts as late
        s.execute(update(CompanyRequestRow).values(respond_by=date(2020, 1, 1)))
    _, stats = company_entry.pipeline(database, world.consultant)
    assert stats["on_time"] == 0 and stats["answered"] == 1
