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


def test_the_result_review_command_takes_saved_scenarios(client, database, tmp_path):
    from pathlib import Path

    from typer.testing import CliRunner

    from indsats.cli import app

    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
    client.post("/login", data={"username": "leder", "password": PASSWORD, "csrf_token": token})
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/okonomi/scenarier").text).group(1)
    r = client.post("/okonomi/scenarier", data={"csrf_token": token, "name": "Kortere sygeforløb",
                                                "shorten_benefit": "sickness_benefit", "shorten_weeks": "2"},
                    follow_redirects=False)
    sid = r.headers["location"].split("vis=")[1]
    plan = Path(__file__).resolve().parents[2] / "plans" / "demo-frederikssund.yaml"
    result = CliRunner().invoke(app, ["report", "result-review", "--plan", str(plan), "--year", "2024",
                                      "--out", str(tmp_path / "rr"), "--scenario", sid],
                                env={"INDSATS_DATABASE_URL": database.url})
    assert result.exit_code == 0, result.output
    html = (tmp_path / "rr.html").read_text(encoding="utf-8")
    assert "Scenarier for næste år" in html and "Kortere sygeforløb" in html and "forkortes med 2 uger" in html
    refused = CliRunner().invoke(app, ["report", "result-review", "--plan", str(plan), "--year", "2024",
                                       "--out", str(tmp_path / "rr2"), "--scenario", "999"],
                                 env={"INDSATS_DATABASE_URL": database.url})
    assert refused.exit_code != 0 and "Scenarie 999 findes ikke" in refused.output
