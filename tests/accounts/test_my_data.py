"""Min sag → Mine data og rettigheder: who read my case, what was shared with which company,
my consent (given by me, dated, withdrawable) and an export of my data (logged as an export)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import select

from indsats.services.accounts.auth import authenticate
from indsats.services.company import portal
from indsats.store.tables import AuditRow
from indsats.web.app import create_app
from tests.casework.builders import PASSWORD
from tests.web.audit_world import CVR, build_audit_world


def _login(client, username):
    client.cookies.clear()
    return client.post("/api/login", json={"username": username, "password": PASSWORD}).json()["csrf_token"]


def test_the_citizen_sees_who_read_and_what_was_shared_and_withdraws_consent(database):
    world = build_audit_world(database)
    with TestClient(create_app(database, secret_key="test")) as client:
        _login(client, "mette")
        client.get(f"/borgere/{world.people.anna_id}")
        token = _login(client, "anna")
        page = client.get("/min-sag/mine-data").text
        assert "Sagsbehandler (mette)" in page and "side: /borgere/" in page
        shared = page[page.index("Delt med virksomheder"):page.index("Hvem har set min sag")]
        assert shared.count(f"Lagerhuset A/S (CVR {CVR})") == 2  # proposed, and placed in its centre
        assert "Dit samtykke blev registreret den" in page and "på dine vegne" in page  # by Mette, with a reason
        answer = client.post("/min-sag/samtykke", data={"choice": "traek", "csrf_token": token})
        assert answer.status_code == 200 and "trukket tilbage" in answer.text
        assert "Du har ikke givet samtykke" in answer.text
    company = authenticate(database, "lagerhuset", PASSWORD)
    assert portal.own_job_order(database, company, world.job_id)[1] == []  # the company no longer sees her


def test_the_citizen_exports_her_data_and_the_export_is_logged(database):
    world = build_audit_world(database)
    with TestClient(create_app(database, secret_key="test")) as client:
        _login(client, "anna")
        export = client.get("/min-sag/mine-data.json")
        other = client.get("/min-sag/mine-data.json?citizen_id=2")
    assert export.status_code == 200 and "attachment" in export.headers["content-disposition"]
    document = export.json()
    assert document["case"]["name"] == "Anna Østergaard" and document["consent"]["given"] is True
    assert any(e["company"] and CVR in e["company"] for e in document["access_log"])
    assert other.json()["case"]["id"] == world.people.anna_id  # no way to ask for someone else's
    with database.unit_of_work() as s:
        exports = s.scalars(select(AuditRow).where(AuditRow.kind == "export")).all()
    assert [(r.username, r.citizen_id) for r in exports] == [("anna", world.people.anna_id)] * 2
    assert re.search(r"\(\d+ poster\)", exports[0].action)


def test_staff_cannot_open_the_citizens_rights_page(database):
    build_audit_world(database)
    with TestClient(create_app(database, secret_key="test")) as client:
        _login(client, "mette")
        assert client.get("/min-sag/mine-data").status_code == 403
