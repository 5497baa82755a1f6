"""The JSON API and the Danish pages over the same services, through HTTP (FastAPI TestClient)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from indsats.web.app import create_app
from tests.web_login import csrf, login

from .builders import PASSWORD, build_world


@pytest.fixture
def world_client(database):
    world = build_world(database)
    with TestClient(create_app(database, secret_key="test")) as client:
        yield world, client


def test_healthz_answers_when_the_database_is_ready(world_client):
    _, client = world_client
    assert client.get("/healthz").json() == {"status": "ok"}


def test_pages_redirect_to_login_and_api_says_401(world_client):
    _, client = world_client
    response = client.get("/sager", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login")
    assert client.get("/api/caseload").status_code == 401


def test_login_form_without_csrf_token_is_refused(world_client):
    _, client = world_client
    client.get("/login")
    response = client.post("/login", data={"username": "mette", "password": PASSWORD})
    assert response.status_code == 403
    assert "CSRF" in response.text


def test_wrong_password_shows_a_danish_error(world_client):
    _, client = world_client
    response = login(client, "mette", "forkert")
    assert response.status_code == 401
    assert "Forkert brugernavn eller adgangskode" in response.text


def test_caseworker_logs_in_sees_caseload_searches_and_opens_a_case(world_client):
    world, client = world_client
    response = login(client, "mette")
    assert response.status_code == 303 and response.headers["location"] == "/sager"
    caseload = client.get("/sager").text
    assert "Min sagsstamme" in caseload and "Anna Østergaard" in caseload and "A-dagpenge" in caseload
    results = client.get("/borgere", params={"q": "Østergaard"}).text
    assert f'href="/borgere/{world.anna_id}"' in results
    case = client.get(f"/borgere/{world.anna_id}").text
    for text in ("Ydelseshistorik", "Fællessamtale", "Virksomhedspraktik", "Job som lagerarbejder", "Tidslinje"):
        assert text in case


def test_api_returns_the_same_case_and_openapi_documents_it(world_client):
    world, client = world_client
    client.post("/api/login", json={"username": "mette", "password": PASSWORD})
    body = client.get(f"/api/citizens/{world.anna_id}").json()
    assert body["name"] == "Anna Østergaard" and body["synthetic"] is True
    assert [c["kind"] for c in body["conversations"]] == ["joint", "individual"]
    assert body["spells"][0]["benefit"] == "unemployment_benefit"
    assert client.get("/api/citizens", params={"q": "Anna"}).json()["items"][0]["id"] == world.anna_id
    spec = client.get("/openapi.json").json()
    assert "/api/citizens/{citizen_id}" in spec["paths"] and "/api/caseload" in spec["paths"]


def test_caseworker_from_another_municipality_gets_403_on_page_and_api(world_client):
    world, client = world_client
    login(client, "hanne")
    page = client.get(f"/borgere/{world.anna_id}")
    assert page.status_code == 403 and "Ingen adgang" in page.text
    assert client.get(f"/api/citizens/{world.anna_id}").status_code == 403


def test_citizen_sees_own_case_and_not_the_search(world_client):
    world, client = world_client
    response = login(client, "anna")
    assert response.headers["location"] == "/min-sag"
    assert "Min sag" in client.get("/min-sag").text
    assert client.get("/borgere", params={"q": "Bo"}).status_code == 403
    assert client.get(f"/api/citizens/{world.bo_id}").status_code == 403


def test_manager_filters_the_audit_log_and_exports_csv(world_client):
    world, client = world_client
    login(client, "mette")
    client.get(f"/borgere/{world.anna_id}")
    client.post("/logout", data={"csrf_token": csrf(client, "/sager")})
    login(client, "leder250")
    page = client.get("/logning", params={"username": "mette"}).text
    assert f"side: /borgere/{world.anna_id}" in page
    csv_text = client.get("/logning.csv", params={"citizen_id": world.anna_id}).text
    header = csv_text.lstrip("\ufeff").splitlines()[0].split(";")
    assert {"tidspunkt", "bruger", "rolle", "borger_id", "handling", "kommune"} <= set(header)
    assert "mette" in csv_text
    assert client.get("/api/audit", params={"username": "mette"}).json()["total"] >= 2


def test_menu_shows_the_pages_of_the_users_role(world_client):
    _, client = world_client
    login(client, "mette")
    menu = client.get("/sager").text
    assert 'href="/sager"' in menu and 'href="/borgere"' in menu and 'href="/logning"' not in menu
    client.post("/logout", data={"csrf_token": csrf(client, "/sager")})
    login(client, "leder250")
    assert 'href="/logning"' in client.get("/borgere").text


def test_caseworker_updates_the_plan_and_the_citizen_sees_it_and_asks_for_a_conversation(world_client):
    world, client = world_client
    login(client, "mette")
    token = csrf(client, f"/borgere/{world.anna_id}")
    response = client.post(f"/borgere/{world.anna_id}/plan", data={
        "goal": "Job som truckfører", "activities": "Truckcertifikat\nVirksomhedspraktik hos Lager A/S",
        "csrf_token": token}, follow_redirects=False)
    assert response.status_code == 303
    client.post("/logout", data={"csrf_token": token})
    login(client, "anna")
    own = client.get("/min-sag").text
    assert "Job som truckfører" in own and "Truckcertifikat" in own
    response = client.post("/min-sag/samtale", data={"wish": "Om praktik", "csrf_token": csrf(client, "/min-sag")})
    assert response.status_code == 200 and "Din anmodning om en samtale er sendt" in response.text
    assert "Borgeren har bedt om en samtale" in response.text  # on the citizen's own timeline


def test_a_plan_without_a_goal_is_refused_in_danish(world_client):
    world, client = world_client
    login(client, "mette")
    token = csrf(client, f"/borgere/{world.anna_id}")
    response = client.post(f"/borgere/{world.anna_id}/plan", data={"goal": " ", "csrf_token": token})
    assert response.status_code == 422 and "Skriv borgerens mål" in response.text


DEVELOPER_TEXT = re.compile(r"seeds/|docs/\w+\.md|href=\"/api/"
                            r"|>[^<]*\b(?:contact|offer|sickness|integration|local|regime)\.[a-z_0-9]+\b[^<]*<")


def test_pages_show_no_text_meant_for_developers(world_client):
    """No repository paths (seeds/003, docs/KPIS.md), raw JSON links or English rule ids on a user's page."""
    world, client = world_client
    for username, paths in [
        ("mette", [f"/borgere/{world.anna_id}/frister", "/frister", "/evidens/risiko"]),
        ("anna", ["/min-sag"]),
        ("leder250", ["/styring", "/ledelsesinformation", "/plan", "/evidens/effekter", "/styring/produktionsplan"]),
        ("leder766", ["/styring"]),
    ]:
        client.cookies.clear()
        login(client, username)
        for path in paths:
            page = client.get(path)
            assert page.status_code == 200, (username, path)
            found = DEVELOPER_TEXT.search(page.text)
            assert found is None, (username, path, found and found.group(0)[:120])
