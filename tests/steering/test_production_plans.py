"""Produktionsplaner: the plan's monthly targets per team and caseworker against the actuals by month."""

from __future__ import annotations

from datetime import date

from fastapi.testclient import TestClient

from indsats.services.steering.production_plans import production_plan
from indsats.web.app import create_app
from tests.casework.builders import build_world
from tests.steering.test_dashboard_and_review import login


def test_targets_against_actuals_by_month(database):
    build_world(database)
    rows, months = production_plan(database, "250", "caseworker", date(2026, 9, 30), months=6)
    assert months[0] == date(2026, 4, 1) and months[-1] == date(2026, 9, 1)
    mette = {r.measure: r for r in rows if r.group == "Mette Sørensen"}
    assert mette["conversations"].target == 20
    by_month = {m: (actual, met) for m, actual, met in mette["conversations"].months}
    assert by_month[date(2026, 5, 1)] == (1, False) and by_month[date(2026, 7, 1)] == (1, False)
    offers = {m: actual for m, actual, _ in mette["company_share"].months}
    assert offers[date(2026, 9, 1)] == 1.0 and offers[date(2026, 8, 1)] is None  # Anna's internship in September


def test_team_leader_sees_the_production_plan(database):
    build_world(database)
    with TestClient(create_app(database, secret_key="test")) as client:
        login(client, "teamleder250")
        page = client.get("/styring/produktionsplan", params={"level": "team", "as_of": "2026-09-30"})
        assert page.status_code == 200
        assert "Jobparate" in page.text and "Samtaler afholdt" in page.text and "Virksomhedsrettet andel" in page.text
        assert client.get("/styring/produktionsplan", params={"level": "x"}).status_code == 422
