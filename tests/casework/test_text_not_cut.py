"""Over-long text is refused at the field, never cut: the form comes back with the typed text and a Danish
message at the field, the API answers 422, and nothing is stored."""

from __future__ import annotations

import re

import time_machine
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from indsats.services.steering import offer_palette
from indsats.store.programme_tables import EducationOrderRow
from indsats.store.tables import OfferRow
from indsats.web.app import create_app
from tests.casework.builders import PASSWORD, WORLD_DAY, build_world
from tests.steering.test_dashboard_and_review import login


def _count(database, model, citizen_id):
    with database.unit_of_work() as s:
        return s.scalar(select(func.count()).select_from(model).where(model.citizen_id == citizen_id))


def test_an_over_long_note_on_an_education_order_is_refused_at_the_field_and_kept(database):
    world = build_world(database)
    page = f"/borgere/{world.anna_id}/programmer"
    note = "Aftalt med borgeren. " * 100  # 2,100 characters: more than the note's 2,000
    with time_machine.travel(WORLD_DAY, tick=False), TestClient(create_app(database, secret_key="test")) as client:
        login(client, "mette")
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get(page).text).group(1)
        refused = client.post(f"{page}/paalaeg", data={"given_on": "2026-03-02", "education": "Tømrer",
                                                        "note": note, "csrf_token": token})
        assert refused.status_code == 422
        at_field = re.search(r'name="note" value="([^"]*)">\s*<p class="field-error"[^>]*>([^<]*)</p>', refused.text)
        assert at_field and at_field.group(1).strip() == note.strip()
        assert at_field.group(2) == "Note: højst 2.000 tegn (der er 2.099)."
        assert 'value="Tømrer"' in refused.text
    assert _count(database, EducationOrderRow, world.anna_id) == 0


def test_the_offers_api_refuses_an_over_long_palette_reason_and_stores_nothing(database):
    world = build_world(database)
    with TestClient(create_app(database, secret_key="test")) as client:
        token = client.post("/api/login", json={"username": "mette", "password": PASSWORD}).json()["csrf_token"]
        before = _count(database, OfferRow, world.anna_id)
        body = {"offer_type": "wage_subsidy", "start": "2026-11-02", "hours_per_week": 20,
                "palette_reason": "Konkret job. " * 400}  # 5,200 characters: more than 4,000
        refused = client.post(f"/api/citizens/{world.anna_id}/offers", json=body, headers={"X-CSRF-Token": token})
        assert refused.status_code == 422, refused.text
        assert "Begrundelse: højst 4.000 tegn" in refused.json()["detail"]
    assert _count(database, OfferRow, world.anna_id) == before
    assert offer_palette.reasons(database, world.anna_id) == {}
