"""The pages as a company consultant uses them, and the portal tried from another company's login."""

from __future__ import annotations

import html
import re

import pytest
import time_machine
from fastapi.testclient import TestClient

from indsats.services.company import job_orders
from indsats.web.app import create_app
from tests.web_login import csrf
from tests.web_login import logged_in as login

from .company_world import LAGER, PASSWORD, PLEJE, TODAY, build_company_world


@pytest.fixture(autouse=True)
def _world_day():
    """The pages compute weeks of unemployment from today: the clock is at the world's day."""
    with time_machine.travel(f"{TODAY.isoformat()} 09:00:00+00:00", tick=True):
        yield

@pytest.fixture
def site(database, monkeypatch):
    monkeypatch.setenv("INDSATS_EMBEDDER", "hashing")
    world = build_company_world(database)
    with TestClient(create_app(database, secret_key="test")) as client:
        yield world, client, database


def test_a_consultant_registers_a_visit_orders_candidates_and_proposes_one(site):
    world, client, _ = site
    login(client, "konsulent")
    page = client.get("/virksomheder")
    assert "Lagerhuset A/S" in page.text and "Plejecenter Fjorden" in page.text
    token = csrf(client, f"/virksomheder/{LAGER}")
    response = client.post(f"/virksomheder/{LAGER}/kontakter", data={
        "csrf_token": token, "on": "2026-10-30", "kind": "visit", "purpose": "Rekruttering til lageret",
        "schemes": ["wage_subsidy", "mentor"], "result": "Jobordre oprettet", "next_followup": "2026-11-20"})
    assert response.status_code == 200 and "Kontakten er registreret" in response.text
    assert "Rekruttering til lageret" in response.text and "Løntilskud" in response.text
    assert "Rekruttering til lageret" in client.get("/virksomheder/opfoelgning").text

    response = client.post(f"/virksomheder/{LAGER}/jobordrer", data={
        "csrf_token": token, "title": "Lagermedarbejder til nathold", "description": "Plukning og truckkørsel",
        "kind": "ordinary", "hours_per_week": "37", "positions": "1", "postcode": "3600",
        "requires_languages": "da", "heavy_lifting": "true"})
    assert response.status_code == 200 and "Jobordren er oprettet" in response.text
    job_id = int(re.search(r"/jobordrer/(\d+)/status", response.text).group(1))
    assert "Anna Jensen" in response.text and "samme fag: lagermedarbejder" in response.text
    assert "Bo Jensen" not in response.text  # no consent
    assert "Carla Jensen" not in response.text  # no heavy lifting

    response = client.post(f"/jobordrer/{job_id}/forslag", data={"csrf_token": token, "citizen_id": world.anna})
    assert "Kandidaten er foreslået" in response.text and "Foreslået" in response.text
    assert client.get("/jobordrer?status=in_progress").text.count("Lagermedarbejder til nathold") == 1


ENGLISH_REASONS = ("same occupation", "related occupation", "similar title", "skills:", "weeks unemployed",
                   "long-term", "postcode)", "about ")


def test_the_job_order_page_explains_the_candidates_in_danish(site):
    world, client, database = site
    job_id = job_orders.create_job_order(database, world.consultant, LAGER, job_orders.parse_job_order(
        {"title": "Lagermedarbejder", "description": "Plukning og truckkørsel", "hours_per_week": 37,
         "requires_languages": ["Dansk"]}), TODAY)
    login(client, "konsulent")
    page = client.get(f"/jobordrer/{job_id}").text
    row = next(r for r in page.split("<tr>") if "Anna Jensen" in r)
    assert "samme fag: lagermedarbejder" in row and "kompetencer: truckkørsel" in row
    assert "ugers ledighed" in row and "langtidsledig: prioriteret i planen" in row
    assert not [e for e in ENGLISH_REASONS if e in page]
    assert "sprog: dansk" in page


def test_the_portal_and_the_candidate_page_explain_in_danish_without_unemployment(site):
    world, client, database = site
    lager, _ = _proposed_orders(database, world)
    login(client, "lagerhuset")
    page = client.get(f"/portal/jobordrer/{lager}").text
    assert "samme fag: lagermedarbejder" in page and "ledighed" not in page and "langtidsledig" not in page
    assert "<dt>Sprog</dt><dd>dansk</dd>" in page
    assert not [e for e in ENGLISH_REASONS if e in page]
    api = client.get(f"/api/portal/job-orders/{lager}").json()["candidates"][0]
    assert "samme fag: lagermedarbejder" in api["reasons_da"] and "same occupation: lagermedarbejder" in api["reasons"]
    client.post("/logout", data={"csrf_token": csrf(client, "/portal")})
    login(client, "konsulent")
    page = client.get(f"/kandidater/{world.anna}").text
    assert "samme fag: lagermedarbejder" in page and not [e for e in ENGLISH_REASONS if e in page]


def test_a_form_post_without_csrf_is_refused(site):
    _, client, _ = site
    login(client, "konsulent")
    response = client.post(f"/virksomheder/{LAGER}/kontakter", data={"on": "2026-10-30", "kind": "visit"})
    assert response.status_code == 403


def test_bad_form_input_gets_a_danish_message(site):
    _, client, _ = site
    login(client, "konsulent")
    token = csrf(client, f"/virksomheder/{LAGER}")
    response = client.post(f"/virksomheder/{LAGER}/kontakter", data={
        "csrf_token": token, "on": "30-10-2026", "kind": "visit"})
    assert response.status_code == 422 and "skal være en dato" in response.text


def test_bad_job_order_input_gets_a_danish_message(site):
    _, client, _ = site
    login(client, "konsulent")
    token = csrf(client, f"/virksomheder/{LAGER}")
    for fields, message in [({"title": "L"}, "Feltet 'title' (titel): skal have mindst 2 tegn."),
                            ({"hours_per_week": "ca. 37"}, "Feltet 'hours_per_week' (timer pr. uge): skal være et tal."),
                            ({"hours_per_week": "80"}, "Feltet 'hours_per_week' (timer pr. uge): må højst være 60.")]:
        data = {"csrf_token": token, "title": "Lagermedarbejder", "kind": "ordinary", **fields}
        response = client.post(f"/virksomheder/{LAGER}/jobordrer", data=data)
        assert response.status_code == 422 and message in html.unescape(response.text), response.text
        assert "should" not in response.text and "Input" not in response.text


def _proposed_orders(database, world):
    lager = job_orders.create_job_order(database, world.consultant, LAGER, job_orders.parse_job_order(
        {"title": "Lagermedarbejder", "hours_per_week": 37}), TODAY)
    pleje = job_orders.create_job_order(database, world.consultant, PLEJE, job_orders.parse_job_order(
        {"title": "Social- og sundhedsassistent", "hours_per_week": 30}), TODAY)
    job_orders.propose(database, world.consultant, lager, world.anna, TODAY)
    job_orders.propose(database, world.consultant, pleje, world.carla, TODAY)
    return lager, pleje


def test_the_portal_shows_a_company_only_its_own_orders_and_anonymous_summaries(site):
    world, client, database = site
    lager, pleje = _proposed_orders(database, world)
    login(client, "lagerhuset")
    page = client.get("/portal")
    assert "Lagermedarbejder" in page.text and "Social- og sundhedsassistent" not in page.text
    # on a phone each order is a card of labelled lines, not a table wider than the screen
    assert '<table class="list stack">' in page.text and 'data-label="Titel"><a href="/portal/jobordrer/' in page.text
    page = client.get(f"/portal/jobordrer/{lager}")
    assert page.status_code == 200 and "Kandidat K-" in page.text and "lagermedarbejder" in page.text
    assert "Anna" not in page.text and "Jensen" not in page.text
    api = client.get(f"/api/portal/job-orders/{lager}").json()
    assert [c["candidate"]["occupations"] for c in api["candidates"]] == [["lagermedarbejder"]]
    assert "cpr" not in repr(api).lower() and "accommodation" not in repr(api)


def test_another_companys_login_cannot_reach_the_order_or_the_consultant_pages(site):
    world, client, database = site
    lager, pleje = _proposed_orders(database, world)
    login(client, "plejecentret")
    assert client.get(f"/portal/jobordrer/{lager}").status_code == 404
    assert client.get(f"/api/portal/job-orders/{lager}").status_code == 404
    assert [j["id"] for j in client.get("/api/portal/job-orders").json()["items"]] == [pleje]
    assert client.get("/virksomheder").status_code == 403
    assert client.get(f"/jobordrer/{lager}").status_code == 403
    assert client.get("/api/companies").status_code == 403
    assert client.get(f"/api/job-orders/{lager}/matches").status_code == 403
    assert client.get(f"/kandidater/{world.anna}").status_code == 403
    token = csrf(client, "/portal")
    proposal = re.search(r'/portal/forslag/(\d+)', client.get(f"/portal/jobordrer/{pleje}").text).group(1)
    other = int(proposal) - 1  # the proposal made to Lagerhuset
    response = client.post(f"/portal/forslag/{other}", data={"csrf_token": token, "job_id": lager,
                                                             "answer": "interview"})
    assert response.status_code == 404


def test_another_municipalitys_consultant_gets_not_found(site):
    _, client, _ = site
    login(client, "konsulent766")
    assert client.get(f"/virksomheder/{LAGER}").status_code == 404
    assert client.get(f"/api/companies/{LAGER}").status_code == 404


def test_the_candidate_profile_page_saves_and_lists_fitting_orders(site):
    world, client, database = site
    _proposed_orders(database, world)
    login(client, "konsulent")
    assert client.get(f"/kandidater/{world.bo}").status_code == 404  # no consent: no candidate to a consultant
    token = csrf(client, f"/kandidater/{world.anna}")
    response = client.post(f"/kandidater/{world.anna}", data={
        "csrf_token": token, "occupations": "lagermedarbejder, pakkeriarbejder", "skills": "truckkørsel",
        "languages": "da, en", "accommodation_needs": ["no_night_work"], "max_hours": "37", "consent": "true"})
    assert response.status_code == 200 and "Profilen er gemt" in response.text
    assert 'value="lagermedarbejder, pakkeriarbejder"' in response.text
    assert "Lagermedarbejder" in response.text  # the open order fits
    api = client.get("/api/jobs-filled", params={"start": "2026-01-01", "end": "2026-12-31"}).json()
    assert api["jobs_filled"] == 0


def test_the_api_creates_an_order_ranks_and_proposes(site):
    world, client, _ = site
    response = client.post("/api/login", json={"username": "konsulent", "password": PASSWORD})
    assert response.status_code == 200, response.text
    headers = {"X-CSRF-Token": response.json()["csrf_token"]}
    created = client.post(f"/api/companies/{LAGER}/job-orders", headers=headers,
                          json={"title": "Lagermedarbejder", "hours_per_week": 37, "kind": "ordinary"})
    assert created.status_code == 201, created.text
    job_id = created.json()["id"]
    assert client.post(f"/api/companies/{LAGER}/job-orders", headers=headers,
                       json={"title": "Lager", "kind": "freelance"}).status_code == 422
    matches = client.get(f"/api/job-orders/{job_id}/matches", params={"top": 5}).json()
    assert matches[0]["citizen_id"] == world.anna and matches[0]["reasons"][0] == "same occupation: lagermedarbejder"
    assert client.post(f"/api/job-orders/{job_id}/proposals", headers=headers,
                       json={"citizen_id": world.bo}).status_code == 422
    assert client.post(f"/api/job-orders/{job_id}/proposals", headers=headers,
                       json={"citizen_id": world.anna}).status_code == 201
    contact = client.post(f"/api/companies/{LAGER}/contacts", headers=headers,
                          json={"date": "2026-11-01", "kind": "call", "schemes": ["flexjob"]})
    assert contact.status_code == 201
    assert client.get(f"/api/companies/{LAGER}").json()["contacts"][0]["schemes"] == ["flexjob"]


def test_every_link_a_manager_is_shown_opens(site, monkeypatch):
    """The menu and the company pages link a manager only to pages a manager may open (no 403 behind a link)."""
    world, client, database = site
    from indsats.domain import clock

    monkeypatch.setattr(clock, "today", lambda: TODAY)
    order = job_orders.parse_job_order(dict(title="Lagermedarbejder", description="Plukning", hours_per_week=37,
                                            requires_languages=["da"]))
    job_id = job_orders.create_job_order(database, world.consultant, LAGER, order, TODAY)
    login(client, "leder")

    def links(path: str) -> list[str]:
        page = client.get(path)
        assert page.status_code == 200, path
        return [h for h in (html.unescape(x) for x in re.findall(r'href="(/[^"#]*)"', page.text))
                if not h.startswith(("/static", "/logout")) and not h.endswith((".pdf", ".csv"))]

    shown = set(links("/"))  # the menu
    for page in ["/virksomheder", f"/virksomheder/{LAGER}", "/jobordrer", f"/jobordrer/{job_id}"]:
        shown |= set(links(page))
    assert f"/jobordrer/{job_id}" in shown
    refused = {p: s for p in sorted(shown) if (s := client.get(p).status_code) != 200}
    assert not refused, refused
