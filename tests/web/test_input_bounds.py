"""Odd input at the boundary is answered 4xx in one Danish error shape, never 500 or silently stored."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from indsats.settings import get_settings
from indsats.web.app import create_app
from tests.casework.builders import PASSWORD, build_world


@pytest.fixture
def api(database):
    world = build_world(database)
    with TestClient(create_app(database, secret_key="test")) as client:
        token = client.post("/api/login", json={"username": "mette", "password": PASSWORD}).json()["csrf_token"]
        client.headers["X-CSRF-Token"] = token
        yield world, client


def _refused(response, status=422, field=None):
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"detail", "errors"} and body["detail"]
    if field:
        assert field in [e["field"] for e in body["errors"]], body
    return body


def test_a_date_far_in_the_future_is_refused_naming_the_field(api):
    _, client = api
    body = _refused(client.get("/api/worklists", params={"as_of": "9999-12-31"}), field="as_of")
    assert "2100-12-31" in body["errors"][0]["message"]


def test_ids_beyond_32_bits_and_negative_limits_are_refused(api):
    _, client = api
    _refused(client.get(f"/api/citizens/{2**31}"), field="citizen_id")
    _refused(client.get("/api/citizens/0"), field="citizen_id")
    _refused(client.get("/api/audit", params={"limit": -1}), status=403)  # a caseworker may not see the log
    _refused(client.get("/api/worklists", params={"team_id": 2**40}), field="team_id")


def test_a_number_is_not_a_date(api):
    world, client = api
    _refused(client.post(f"/api/citizens/{world.anna_id}/conversations", json={"date": 0}), field="date")
    _refused(client.get("/api/worklists", params={"as_of": "0"}), field="as_of")


def test_a_note_over_ten_thousand_characters_is_refused_and_not_stored(api):
    world, client = api
    _refused(client.post(f"/api/citizens/{world.anna_id}/conversations",
                         json={"date": "2026-10-01", "note": "x" * 10_001}), field="note")
    notes = [c["note"] for c in client.get(f"/api/citizens/{world.anna_id}").json()["conversations"]]
    assert all(len(n) <= 10_000 for n in notes)


def test_a_twenty_megabyte_body_is_refused_with_413_in_danish(api):
    world, client = api
    body = _refused(client.post(f"/api/citizens/{world.anna_id}/conversations",
                                content=b'{"date": "2026-10-01", "note": "' + b"x" * (20 * 2**20) + b'"}',
                                headers={"content-type": "application/json"}), status=413)
    assert "for stor" in body["detail"]


def test_the_size_limit_is_the_setting_a_body_one_byte_over_it_gets_413_in_the_error_shape(database):
    world = build_world(database)
    settings = get_settings(max_request_bytes=2048)
    with TestClient(create_app(database, secret_key="test", settings=settings)) as client:
        token = client.post("/api/login", json={"username": "mette", "password": PASSWORD}).json()["csrf_token"]
        client.headers["X-CSRF-Token"] = token
        url = f"/api/citizens/{world.anna_id}/conversations"
        prefix, suffix = b'{"date": "2026-10-01", "note": "', b'"}'

        def body(size: int) -> bytes:
            return prefix + b"x" * (size - len(prefix) - len(suffix)) + suffix

        headers = {"content-type": "application/json"}
        refused = _refused(client.post(url, content=body(2049), headers=headers), status=413)
        assert refused["detail"] == "Forespørgslen er for stor: højst 2 kB."
        assert client.post(url, content=body(2048), headers=headers).status_code in (200, 201)


def test_nul_characters_are_refused_in_query_and_body(api):
    world, client = api
    _refused(client.get("/api/citizens", params={"q": "An\x00na"}), field="query")
    _refused(client.post(f"/api/citizens/{world.anna_id}/conversations",
                         json={"date": "2026-10-01", "note": "a\x00b"}), field="body")


def test_forms_are_bounded_too_and_answer_a_danish_page(api):
    world, client = api
    page = client.post(f"/borgere/{world.anna_id}/plan", data={
        "goal": "x" * 10_001, "csrf_token": client.headers["X-CSRF-Token"]})
    assert page.status_code == 422 and "text/html" in page.headers["content-type"]
    assert re.search(r"Feltet (&#39;|')goal(&#39;|')", page.text) and "10000 tegn" in page.text


def test_the_openapi_documents_the_error_shape_for_every_operation(api):
    _, client = api
    spec = client.get("/openapi.json").json()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for status in ("401", "403", "404", "409", "413", "422"):
                schema = operation["responses"][status]["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/ErrorOut"}, (method, path, status)
    assert set(spec["components"]["schemas"]["ErrorOut"]["properties"]) == {"detail", "errors"}


def test_a_long_contact_name_and_a_huge_number_of_places_are_refused(database):
    build_world(database)
    with TestClient(create_app(database, secret_key="test")) as client:
        token = client.post("/api/login", json={"username": "konsulent250", "password": PASSWORD}).json()["csrf_token"]
        person = client.post("/virksomheder/12345678/personer", data={"name": "x" * 500, "csrf_token": token})
        centre = client.post("/virksomheder/12345678/centre", data={
            "name": "Centret", "places": str(10**12), "start": "2026-01-01", "csrf_token": token})
    assert person.status_code == 422 and "200 tegn" in person.text
    assert centre.status_code == 422 and "places" in centre.text
