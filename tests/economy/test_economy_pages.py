"""The economy pages as a manager and a team leader use them, on SQLite and PostgreSQL:
budget import and entry, actuals from the store, forecast, CSV, prices, and the staircase
list (an audited personal read)."""

from __future__ import annotations

import re

import pytest
import time_machine
from economy_world import TODAY, build_economy_world
from fastapi.testclient import TestClient
from sqlalchemy import select

from indsats.store.tables import AuditRow
from indsats.web.app import create_app
from tests.web_login import csrf as _csrf
from tests.web_login import logged_in as login


@pytest.fixture
def client(database):
    world = build_economy_world(database)
    app = create_app(database, secret_key="test")
    with time_machine.travel(TODAY, tick=False), TestClient(app) as c:
        yield world, c, database


BUDGET = "år;måned;område;beløb\n" + "".join(
    f"2024;{m};{area};{amount}\n" for m in range(1, 13)
    for area, amount in (("forsørgelse", "20.000,00"), ("aktivering", "5.000"), ("drift", "1000"), ("løn", "100.000,00")))


def test_manager_imports_budget_enters_costs_and_prices_and_sees_actuals_and_forecast(client):
    world, c, _ = client
    login(c, "leder")
    token = _csrf(c, "/okonomi")
    r = c.post("/okonomi/budget/import", files={"file": ("budget.csv", BUDGET.encode(), "text/csv")},
               data={"csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303
    c.post("/okonomi/udgifter", data={"csrf_token": token, "year": 2024, "month": 1, "area": "lon",
                                      "amount": "98.500,00", "note": "Januarløn"})
    c.post("/okonomi/priser", data={"csrf_token": token, "offer_type": "company_internship", "provider": "",
                                    "valid_from": "2024-01-01", "weekly_price": "1.400,00"})
    page = c.get("/okonomi?year=2024")
    assert page.status_code == 200
    assert "Budget, forbrug og prognose 2024" in page.text and "<svg" in page.text
    rows = c.get("/okonomi.csv?year=2024").content.decode("utf-8-sig").splitlines()
    by_key = {(r.split(";")[0], r.split(";")[2]): r.split(";") for r in rows[1:]}
    # budget as imported
    assert by_key[("Forsørgelse", "1")][3] == "20000"
    # forsørgelse in January (ISO weeks 1-4): Anna's cash benefit weeks 1-4 (80 % refusion) and Bo's
    # weeks 31-34 of unemployment benefit (70 % co-financing), at the shipped 2024 rates
    expected = round(4 * 2844.46 * 0.2 + 4 * 4698.23 * 0.7, 2)
    assert by_key[("Forsørgelse", "1")][4] == f"{expected:.2f}".rstrip("0").replace(".", ",")
    # aktivering: 14 days of internship in March at 1,400 kr. a week
    assert by_key[("Aktivering", "3")][4] == "2800"
    assert by_key[("Løn", "1")][4] == "98500"
    # May is the last complete month; June onwards is a forecast, not an actual
    assert by_key[("Løn", "6")][4] == "" and by_key[("Løn", "6")][5] != ""
    assert by_key[("Løn", "5")][5] == ""


def test_a_malformed_budget_file_is_refused_naming_line_and_column_and_nothing_is_loaded(client):
    _, c, _ = client
    login(c, "leder")
    token = _csrf(c, "/okonomi")
    bad = "year;month;area;amount\n2024;1;forsørgelse;100\n2024;13;drift;5\n"
    r = c.post("/okonomi/budget/import", files={"file": ("b.csv", bad.encode(), "text/csv")}, data={"csrf_token": token})
    assert r.status_code == 422
    assert "b.csv: linje 3, kolonne" in r.text and "month" in r.text and "ikke en måned 1-12" in r.text
    # on the budget page, at the file field — not an error page with only a link to the front page
    assert "<h1>Budget, forbrug og prognose" in r.text and 'id="budgetfil-fejl" role="alert">Budgetfilen afvist' in r.text
    r = c.post("/okonomi/arbejdsstyrke", files={"file": ("a.csv", b"area;year;labour_force\nkommune;2024;mange\n",
                                                         "text/csv")}, data={"csrf_token": token})
    assert r.status_code == 422 and 'id="arbejdsstyrkefil-fejl" role="alert">Arbejdsstyrkefilen afvist' in r.text
    assert c.get("/okonomi.csv?year=2024").content.decode("utf-8-sig").splitlines()[1].split(";")[3] == ""


def test_budget_form_saves_and_shows_amounts(client):
    _, c, _ = client
    login(c, "leder")
    token = _csrf(c, "/okonomi/budget?year=2025")
    r = c.post("/okonomi/budget", data={"csrf_token": token, "year": 2025, "drift_3": "12.345,67"})
    assert r.status_code == 200 and "Budgettet er gemt (1 linjer)" in r.text
    assert 'value="12.345,67"' in r.text
    bad = c.post("/okonomi/budget", data={"csrf_token": token, "year": 2025, "drift_3": "tolv"})
    assert bad.status_code == 422 and "Drift, måned 3" in bad.text


def test_team_leader_reads_but_may_not_write_and_caseworker_sees_nothing(client):
    _, c, _ = client
    login(c, "teamleder")
    assert c.get("/okonomi").status_code == 200
    assert c.get("/okonomi/budget").status_code == 403
    login(c, "sagsbehandler")
    assert c.get("/okonomi").status_code == 403


def test_staircase_page_counts_steps_and_lists_who_crosses_soon_with_an_audit_row_each(client):
    world, c, db = client
    login(c, "teamleder")
    page = c.get("/okonomi/refusionstrappe")
    assert page.status_code == 200
    assert "2024-W22" in page.text
    cells = re.findall(r'<td class="num">(\d+)</td>', page.text.split("<h2>")[0])
    assert cells[:4] == ["1", "1", "1", "0"]  # Carl 1-4, Anna 5-26, Bo 27-52
    listed = page.text.split("<h2>")[1]
    assert listed.index("Bo Hansen") < listed.index("Anna Østergaard")  # the soonest first
    assert "Carl Dam" not in listed
    assert "Viser 1–2 af 2 borgere" in page.text  # who crosses soon: Bo and Anna
    with db.unit_of_work() as s:
        audited = s.scalars(select(AuditRow.citizen_id).where(AuditRow.action.like("Refusionstrappen%"))).all()
    assert sorted(audited) == sorted([world.anna, world.bo])


def test_another_municipality_sees_none_of_it(client):
    _, c, _ = client
    login(c, "leder766")
    page = c.get("/okonomi/refusionstrappe")
    assert "Anna" not in page.text and "Bo Hansen" not in page.text


def test_the_labour_force_help_names_the_benefits_in_danish_and_labels_the_csv_values(client):
    _, c, _ = client
    login(c, "leder")
    page = c.get("/okonomi").text
    assert "fx sygedagpenge og jobafklaringsforløb (værdi i filen: <code>sickness_benefit+job_clarification</code>)" in page
    assert "<dt>A-dagpenge</dt><dd>Værdi i filen: <code>unemployment_benefit</code></dd>" in page
    assert "(fx <code>sickness_benefit" not in page
