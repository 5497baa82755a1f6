"""Saved scenarios in the result review: the manager picks them on the scenario page and the
review PDF shows next year beside the baseline with the assumptions; another municipality's
scenario is not found."""

from __future__ import annotations

import re

import pytest
import time_machine
from economy_world import PASSWORD, TODAY, build_economy_world
from fastapi.testclient import TestClient

from indsats.web.app import create_app
from tests.steering.pdf_text import pdf_text


@pytest.fixture
def client(database):
    build_economy_world(database)
    with time_machine.travel(TODAY, tick=False), TestClient(create_app(database, secret_key="test")) as c:
        yield c


def test_a_saved_scenario_goes_into_the_result_review(client):
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
    client.post("/login", data={"username": "leder", "password": PASSWORD, "csrf_token": token})
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/okonomi/scenarier").text).group(1)
    r = client.post("/okonomi/scenarier", data={"csrf_token": token, "name": "Halv tilgang",
                                                "inflow_benefit": "cash_benefit", "inflow_change": "-50"},
                    follow_redirects=False)
    scenario_id = int(r.headers["location"].split("vis=")[1])
    page = client.get("/okonomi/scenarier").text
    assert 'action="/styring/resultatrevision.pdf"' in page and f'name="scenarie" value="{scenario_id}"' in page
    pdf = client.get("/styring/resultatrevision.pdf", params={"scenarie": scenario_id, "year": 2024})
    assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"
    text = pdf_text(pdf.content)
    assert "Scenarier for næste år" in text and "Halv tilgang" in text
    assert "Tilgangen til kontanthjælp ændres med -50 %" in text
    assert "Kommunens nettoudgift (kr.)" in text and "Basis" in text
    assert client.get("/styring/resultatrevision.pdf", params={"scenarie": 999, "year": 2024}).status_code == 404
