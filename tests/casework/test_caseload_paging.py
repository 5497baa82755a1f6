"""The caseload is paged in SQL, filtered and sorted, and says how many there are (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from indsats.store.tables import AuditRow, BenefitSpellRow, CitizenRow
from indsats.web.app import create_app
from tests.web_login import login

from .caseload_world import EXTRA, build_big_team


@pytest.fixture
def big_client(database):
    world = build_big_team(database)
    with TestClient(create_app(database, secret_key="test")) as client:
        yield world, client, database


def _active(database, benefit=None):
    with database.unit_of_work() as s:
        query = select(func.count()).select_from(BenefitSpellRow).join(
            CitizenRow, CitizenRow.id == BenefitSpellRow.citizen_id).where(
            BenefitSpellRow.end.is_(None), CitizenRow.municipality_code == "250")
        if benefit:
            query = query.where(BenefitSpellRow.benefit == benefit)
        return s.scalar(query)


def test_the_team_leaders_caseload_api_counts_all_and_pages_with_a_capped_size(big_client):
    _, client, database = big_client
    login(client, "teamleder250")
    body = client.get("/api/caseload", params={"page_size": 1000}).json()
    assert body["total"] == _active(database) > 500
    assert body["page_size"] == 200 and len(body["items"]) == 200 and "højst 200" in body["page_size_capped"]
    pages = [client.get("/api/caseload", params={"page": p, "page_size": 200}).json()["items"] for p in (1, 2, 3, 4)]
    ids = [i["id"] for page in pages for i in page]
    assert len(ids) == len(set(ids)) == body["total"]  # every citizen once, none cut
    cash = client.get("/api/caseload", params={"benefit": "cash_benefit"}).json()
    assert cash["total"] == _active(database, "cash_benefit") and {i["benefit"] for i in cash["items"]} == {
        "cash_benefit"}


def test_the_page_says_viser_and_only_the_shown_citizens_are_audited(big_client):
    _, client, database = big_client
    login(client, "teamleder250")
    total = _active(database)
    html = client.get("/sager", params={"side": 2}).text
    assert f"Viser 51–100 af {total}" in html and "Næste side" in html and "Forrige side" in html
    with database.unit_of_work() as s:
        assert s.scalar(select(func.count()).select_from(AuditRow).where(AuditRow.action == "sagsstamme")) == 50
    sorted_page = client.get("/sager", params={"sort": "frist"}).text
    assert "Næste frist" in sorted_page


def test_a_caseworker_cannot_look_into_another_team(big_client):
    _, client, _ = big_client
    login(client, "mette")
    assert client.get("/api/caseload", params={"team_id": 2}).status_code == 403
    assert client.get("/api/caseload").json()["total"] == EXTRA + 1  # Anna and the 620
