"""Every money figure of the economy pages exports to CSV: the compared scenarios (with a chart
on the page), the entered costs and the offer prices."""

from __future__ import annotations

import re

import pytest
import time_machine
from economy_world import PASSWORD, TODAY, build_economy_world
from fastapi.testclient import TestClient

from indsats.web.app import create_app


@pytest.fixture
def client(database):
    build_economy_world(database)
    with time_machine.travel(TODAY, tick=False), TestClient(create_app(database, secret_key="test")) as c:
        token = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text).group(1)
        c.post("/login", data={"username": "leder", "password": PASSWORD, "csrf_token": token})
        yield c


def _token(client, page):
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(page).text).group(1)


def test_scenarios_csv_and_chart(client):
    r = client.post("/okonomi/scenarier", data={"csrf_token": _token(client, "/okonomi/scenarier"),
                                                "name": "Færre nye", "inflow_change": "-20"}, follow_redirects=False)
    sid = int(r.headers["location"].split("vis=")[1])
    page = client.get(f"/okonomi/scenarier?vis={sid}").text
    assert f'href="/okonomi/scenarier.csv?vis={sid}"' in page and "<svg" in page and "Kommunens nettoudgift" in page
    csv = client.get(f"/okonomi/scenarier.csv?vis={sid}")
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    lines = csv.text.lstrip("\ufeff").splitlines()
    assert lines[0] == "mål;basis;Færre nye"
    net = next(line for line in lines if line.startswith("Kommunens nettoudgift (kr.)"))
    assert re.fullmatch(r"Kommunens nettoudgift \(kr\.\);[\d,.-]+;[\d,.-]+", net)
    assert any(line.startswith("antagelser;ingen ændringer;Tilgangen til alle ydelser ændres med -20 %") for line in lines)


def test_costs_and_prices_csv(client):
    client.post("/okonomi/udgifter", data={"csrf_token": _token(client, "/okonomi/udgifter"), "year": "2024",
                                           "month": "3", "area": "lon", "amount": "125.000,50", "note": "Vikarer"})
    costs = client.get("/okonomi/udgifter.csv?year=2024").text.lstrip("\ufeff").splitlines()
    assert costs[0] == "måned;område;beløb (kr.);note" and "3;Løn;125000,5;Vikarer" in costs
    client.post("/okonomi/priser", data={"csrf_token": _token(client, "/okonomi/priser"), "offer_type": "mentor",
                                         "valid_from": "2024-01-01", "weekly_price": "1.250"})
    prices = client.get("/okonomi/priser.csv").text.lstrip("\ufeff").splitlines()
    assert prices[0] == "tilbud;leverandør (CVR);gælder fra;pris pr. uge (kr.)"
    assert any(line.startswith("Mentorstøtte;alle;") for line in prices)
