"""The dashboard pages and API over the store, the panel export, and the result review files."""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from indsats.plan import load_plan
from indsats.services.steering import store_measures as store_kpis
from indsats.services.steering.panel_export import export_panel
from indsats.services.steering.result_review import write_result_review
from indsats.web.app import create_app
from tests.casework.builders import PASSWORD, build_world

ROOT = Path(__file__).resolve().parents[2]


def login(client, username):
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
    client.post("/login", data={"username": username, "password": PASSWORD, "csrf_token": token})


def test_panel_export_follows_spells_and_offers(database):
    world = build_world(database)
    panel, persons = export_panel(database, "250", date(2026, 1, 1), date(2026, 11, 22))
    rows = [r for r in panel.to_pylist() if r["person_id"] == f"250-{world.anna_id}"]
    assert rows[0]["week"] == "2026-W19" and rows[0]["benefit"] == "unemployment_benefit"
    offered = [r["week"] for r in rows if r["offer"] == "company_internship"]
    assert offered and offered[0] == "2026-W37"  # the internship starts Monday 2026-09-07
    assert {p["person_id"] for p in persons.to_pylist()} >= {f"250-{world.anna_id}"}


def test_store_measures(database):
    build_world(database)
    assert store_kpis.conversations_held(database, "250", date(2026, 1, 1), date(2026, 12, 31)) >= 2
    assert store_kpis.conversations_held(database, "250", date(2026, 5, 21), date(2026, 6, 30)) == 0
    rows = store_kpis.production_figures(database, "250", date(2026, 11, 1), "caseworker")
    assert any(r["group"] == "Mette Sørensen" and r["active"] >= 1 for r in rows)


def test_dashboard_pages_for_team_leader_and_refused_for_caseworker(database):
    build_world(database)
    with TestClient(create_app(database, secret_key="test")) as client:
        login(client, "teamleder250")
        page = client.get("/styring", params={"plan": "demo-frederikssund", "as_of": "2026-11-20"})
        assert page.status_code == 200 and "Langtidsledigheden falder 10,3 pct." in page.text
        api = client.get("/api/styring/goals", params={"plan": "demo-frederikssund", "as_of": "2026-11-20"}).json()
        statuses = {g["goal"]: g["status"] for g in api["goals"]}
        assert set(statuses) >= {"langtidsledighed", "rettidighed", "samarbejdsgrad"}
        assert all(s in {"on_track", "at_risk", "off_track", "no_target", "no_data", "no_basis"} for s in statuses.values())
        drill = client.get("/styring/fordeling", params={"dimension": "caseworker", "as_of": "2026-11-01"})
        assert "Mette Sørensen" in drill.text
        mi = client.get("/api/ledelsesinformation", params={"as_of": "2026-11-20"}).json()
        assert len(mi) == 12 and mi[-1]["month"] == "2026-11"
        assert "<svg" in client.get("/ledelsesinformation").text
    with TestClient(create_app(database, secret_key="test")) as client:
        login(client, "mette")
        assert client.get("/api/styring/goals").status_code == 403


def test_result_review_writes_html_and_pdf(tmp_path):
    sys.path.insert(0, str(ROOT / "tests" / "analytics"))
    from kpi_reference import random_panel

    panel, persons = random_panel(3, persons=120, first="2012-W01", weeks=160)
    p, q = tmp_path / "panel.parquet", tmp_path / "persons.csv"
    panel.to_parquet(p, index=False)
    persons.to_csv(q, index=False)
    written = write_result_review(ROOT / "plans" / "frederikssund-2014.yaml", 2014, tmp_path / "out" / "review",
                                  panel=p, persons=q)
    html, pdf = written
    assert pdf.read_bytes()[:4] == b"%PDF" and pdf.stat().st_size > 5000
    text = html.read_text(encoding="utf-8")
    plan = load_plan(ROOT / "plans" / "frederikssund-2014.yaml")
    for goal in plan.result_goals:
        assert goal.title in text
    assert "<svg" in text and "Resultatrevision 2014" in text
    assert "docs/" not in text and "seeds/" not in text  # the committee cannot look up the repository's files


def test_result_review_refuses_a_bad_plan(tmp_path):
    from indsats.plan import PlanError

    bad = tmp_path / "bad.yaml"
    bad.write_text("municipality: {code: '25', name: X}\ntitle: t\nyear: 2014\n")
    with pytest.raises(PlanError, match="municipality.code"):
        write_result_review(bad, 2014, tmp_path / "r", panel=tmp_path / "none.parquet")


def test_store_export_equals_the_synthetic_municipality_panel(sqlite_database):
    """Two independent routes to the panel — synth's generator and our store export — agree."""
    from indsats.synth.build import build
    from indsats.synth.generator import generate_municipality
    from indsats.synth.panel import panel_rows

    as_of = date(2026, 11, 23)
    build(sqlite_database, seed=5, as_of=as_of, codes=("250",), citizens=200)
    municipality = generate_municipality("250", seed=5, as_of=as_of, citizens=200)
    expected = {(r["person_id"], r["week"]): (r["benefit"], r["readiness"], r["offer"])
                for r in panel_rows(municipality)}
    first = min(date.fromisocalendar(int(w[:4]), int(w[6:]), 1) for _, w in expected)
    panel, _ = export_panel(sqlite_database, "250", first, as_of)
    got = {(r["person_id"], r["week"]): (r["benefit"], r["readiness"] or "", r["offer"] or "")
           for r in panel.to_pylist()}
    assert got == expected


def test_cli_panel_export_then_kpi(sqlite_database, tmp_path):
    import json

    from typer.testing import CliRunner

    from indsats.cli import app

    build_world(sqlite_database)
    out = tmp_path / "panel.csv"
    runner = CliRunner()
    res = runner.invoke(app, ["panel-export", str(out), "--municipality", "250", "--from", "2026-01-01",
                              "--to", "2026-11-22", "--database", sqlite_database.url])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["kpi", str(out), "--persons", str(tmp_path / "panel-persons.csv"),
                              "--as-of", "2026-W46", "--json"])
    kpis = json.loads(res.output)
    # Anna (a-dagpenge, in company internship) and Bo (jobparat kontanthjælp) are gross unemployed.
    assert kpis["gross_unemployed"] >= 1 and kpis["by_benefit"]["unemployment_benefit"]["persons"] >= 1


def test_result_review_pdf_from_the_dashboard(database):
    build_world(database)
    with TestClient(create_app(database, secret_key="test")) as client:
        login(client, "leder766")
        response = client.get("/styring/resultatrevision.pdf", params={"plan": "demo-frederikssund", "year": 2026})
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/pdf" and response.content[:4] == b"%PDF"
        team = client.get("/api/styring/fordeling", params={"dimension": "team", "as_of": "2026-11-01"}).json()
        assert all("timeliness" in row for row in team)


def test_the_hedensted_managers_goal_page_opens_on_hedensteds_plan(database):
    build_world(database)
    with TestClient(create_app(database, secret_key="test")) as client:
        login(client, "leder766")
        page = client.get("/styring", params={"as_of": "2026-11-20"})
        assert page.status_code == 200
        assert "Ny forenklet beskæftigelsesindsats 2020" in page.text
        assert 'value="hedensted-2020" selected' in page.text
        assert "Planen er udarbejdet for Frederikssund" not in page.text
        api = client.get("/api/styring/goals", params={"as_of": "2026-11-20"}).json()
        assert api["plan"].startswith("Ny forenklet beskæftigelsesindsats 2020")


def test_the_review_names_the_stored_comparison_figures_it_uses(sqlite_database, tmp_path):
    """Comparison figures kept in the system (a cluster, labour-force groups) are named in the review's
    header, never "Ingen sammenligningstal indlæst" beside goals judged against them."""
    from indsats.analytics.jobindsats import Figure
    from indsats.services.steering.comparison import _store
    from indsats.services.steering.result_review import write_review

    build_world(sqlite_database)
    _store(sqlite_database, "250", [Figure("long_term_unemployed", "Klynge 9", "2026", date(2026, 12, 31), "value",
                                           12.0)], "jobindsats.dk, udtræk 1. dec. 2026")
    plan = load_plan(ROOT / "plans" / "demo-frederikssund.yaml")
    html, _pdf = write_review(plan, 2026, tmp_path / "review", None, None, sqlite_database)
    text = html.read_text(encoding="utf-8")
    assert "Ingen sammenligningstal indlæst" not in text
    assert "Sammenligningstal: Klynge 9 (jobindsats.dk, udtræk 1. dec. 2026)." in text
