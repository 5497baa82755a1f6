"""The plan's strategy in casework: the offer form proposes the palette of the citizen's target group in the
plan's order and asks for a reason (stored with the offer) when an offer outside it is chosen."""

from __future__ import annotations

import re
from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from indsats.plan import load_plan
from indsats.services.steering import offer_palette
from indsats.store.tables import OfferRow
from indsats.web.app import create_app
from tests.casework.builders import PASSWORD, build_world
from tests.steering.test_dashboard_and_review import login
from tests.steering.test_plan_versions import DEMO


def test_strategy_follows_benefit_readiness_and_age():
    plan = load_plan(DEMO)
    assert offer_palette.strategy_for(plan, "unemployment_benefit", None, 25).target_group == "unge"
    assert offer_palette.strategy_for(plan, "unemployment_benefit", None, 41).target_group == "langtidsledige"
    assert offer_palette.strategy_for(plan, "cash_benefit", "activity_ready", 45).target_group == \
        "kontanthjaelp-aktivitetsparat"
    assert offer_palette.strategy_for(plan, None, None, 40) is None
    assert offer_palette.age(date(1985, 4, 12), date(2026, 4, 11)) == 40


def _post_offer(client, citizen_id, data):
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get(f"/borgere/{citizen_id}").text).group(1)
    return client.post(f"/borgere/{citizen_id}/registrer/offer", headers={"HX-Request": "true"},
                       data={"date": "2026-11-02", "hours_per_week": "20", "csrf_token": token} | data)


def test_offer_form_proposes_the_palette_and_asks_for_a_reason_outside_it(database):
    world = build_world(database)
    with TestClient(create_app(database, secret_key="test")) as client:
        login(client, "mette")
        page = client.get(f"/borgere/{world.anna_id}").text
        assert "Planens tilbudsvifte for Ledige i risiko for langtidsledighed: 1. Vejledning og opkvalificering" in page
        first = page.index("1. Vejledning og opkvalificering (planens tilbudsvifte)")
        assert first < page.index("2. Voksenlærling (planens tilbudsvifte)") < page.index(">Løntilskud<")
        refused = _post_offer(client, world.anna_id, {"offer_type": "wage_subsidy"})
        assert refused.status_code == 422
        assert "Løntilskud er ikke i planens tilbudsvifte" in refused.text and "Skriv en begrundelse" in refused.text
        assert _post_offer(client, world.anna_id, {"offer_type": "guidance_and_upskilling"}).status_code == 200
        ok = _post_offer(client, world.anna_id, {"offer_type": "wage_subsidy",
                                                 "palette_reason": "Virksomheden har et konkret job"})
        assert ok.status_code == 200 and "Tilbuddet er registreret" in ok.text
        assert "Uden for planens tilbudsvifte: Virksomheden har et konkret job" in client.get(f"/borgere/{world.anna_id}").text
    assert list(offer_palette.reasons(database, world.anna_id).values()) == ["Virksomheden har et konkret job"]


def test_priority_groups_are_marked_in_the_caseload_and_counted_on_the_dashboard(database):
    world = build_world(database)
    with TestClient(create_app(database, secret_key="test")) as client:
        login(client, "mette")
        caseload = client.get("/sager").text
        assert "Prioriteret gruppe: Ledige i risiko for langtidsledighed" in caseload  # Anna, 41, on dagpenge
    with TestClient(create_app(database, secret_key="test")) as client:
        login(client, "teamleder250")
        page = client.get("/styring", params={"as_of": "2026-11-20"}).text
        assert "Planens prioriterede grupper" in page
        counts = {g["label"]: g["citizens"] for g in offer_palette.priority_counts(database, "250")}
        assert counts["Ledige i risiko for langtidsledighed"] >= 1
    assert world.anna_id


def test_the_offers_api_asks_for_the_reason_and_stores_it_with_the_offer_in_one_transaction(database, monkeypatch):
    world = build_world(database)
    with TestClient(create_app(database, secret_key="test")) as client:
        token = client.post("/api/login", json={"username": "mette", "password": PASSWORD}).json()["csrf_token"]
        headers = {"X-CSRF-Token": token}
        body = {"offer_type": "wage_subsidy", "start": "2026-11-02", "hours_per_week": 20}
        refused = client.post(f"/api/citizens/{world.anna_id}/offers", json=body, headers=headers)
        assert refused.status_code == 422 and "palette_reason" in refused.text and "begrundelse" in refused.text
        generic = client.post(f"/api/citizens/{world.anna_id}/registrations/offer",
                              json={"date": "2026-11-02", "offer_type": "wage_subsidy", "hours_per_week": 20},
                              headers=headers)
        assert generic.status_code == 422 and "palette_reason" in generic.text
        assert offer_palette.reasons(database, world.anna_id) == {}
        with database.unit_of_work() as s:
            assert s.scalar(select(func.count(OfferRow.id)).where(OfferRow.citizen_id == world.anna_id)) == 1
        # A failure after the offer was written rolls the offer back with the reason: one transaction.
        def broken(*_args, **_kwargs):
            raise RuntimeError("disk full")
        monkeypatch.setattr(offer_palette, "_add_reason", broken)
        with pytest.raises(RuntimeError):
            client.post(f"/api/citizens/{world.anna_id}/offers", headers=headers,
                        json=body | {"palette_reason": "Konkret job hos Lagerhuset"})
        with database.unit_of_work() as s:
            assert s.scalar(select(func.count(OfferRow.id)).where(OfferRow.citizen_id == world.anna_id)) == 1
        monkeypatch.undo()
        ok = client.post(f"/api/citizens/{world.anna_id}/offers", headers=headers,
                         json=body | {"palette_reason": "Konkret job hos Lagerhuset"})
        assert ok.status_code == 201
    assert offer_palette.reasons(database, world.anna_id) == {ok.json()["id"]: "Konkret job hos Lagerhuset"}
