"""The manager's page of local effects, from the store of a synthetic municipality."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from indsats.domain.enums import Role
from indsats.evidence.reading import reading_da
from indsats.services.accounts.demo_accounts import ensure_demo_accounts
from indsats.web.app import create_app


def _login(client, username, password):
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
    client.post("/login", data={"username": username, "password": password, "csrf_token": token})


def test_the_reading_in_plain_danish():
    assert reading_da("Virksomhedspraktik", 0.061, 0.021, 0.104, 26) == (
        "Virksomhedspraktik: 6 procentpoint flere i selvforsørgelse efter et halvt år, usikkerhed 2–10")
    assert reading_da("Løntilskud", -0.04, -0.09, 0.01, 13).endswith("(forskellen kan skyldes tilfældigheder)")
    assert "færre" in reading_da("Løntilskud", -0.04, -0.09, -0.01, 13)
    assert "usikkerhed −9 til 1" in reading_da("Løntilskud", -0.04, -0.09, 0.01, 13)


def test_manager_sees_effects_per_offer_and_target_group_caseworker_does_not(sqlite_database, monkeypatch,
                                                                             tmp_path):
    from indsats.synth.build import build

    monkeypatch.setenv("INDSATS_TODAY", "2026-11-23")
    plans = tmp_path / "plans"
    shutil.copytree(Path(__file__).resolve().parents[2] / "plans", plans)
    (plans / "jobeffekter-250.csv").write_text(
        "offer,target_group,effect_pp,evidence,source\n"
        "company_internship,alle,4.5,Stærk evidens,jobeffekter.dk (testtal)\n", encoding="utf-8")
    monkeypatch.setenv("INDSATS_PLANS_DIR", str(plans))
    build(sqlite_database, seed=5, as_of=date(2026, 11, 23), codes=("250",), citizens=1500)
    logins = ensure_demo_accounts(sqlite_database)
    manager = next(x for x in logins if x.role == Role.MANAGER)
    caseworker = next(x for x in logins if x.role == Role.CASEWORKER)
    with TestClient(create_app(sqlite_database, secret_key="test")) as client:
        _login(client, manager.username, manager.password)
        page = client.get("/evidens/effekter")
        assert page.status_code == 200
        html = page.text
        assert "Effekter af tilbud" in html and "Dagpengemodtagere" in html
        assert re.search(r"Virksomhedspraktik: \d+ procentpoint (flere|færre) i selvforsørgelse efter et halvt år, "
                         r"usikkerhed −?\d+( til |–)−?\d+", html)
        assert 'href="/evidens/effekter"' in html  # in the menu
        assert "+4,5 pct.-point (Stærk evidens; jobeffekter.dk (testtal))" in html  # beside the local estimate
    with TestClient(create_app(sqlite_database, secret_key="test")) as client:
        _login(client, caseworker.username, caseworker.password)
        assert client.get("/evidens/effekter").status_code == 403


def test_knowledge_bank_figures_are_read_with_errors_named(tmp_path):
    from indsats.evidence.reference import read_reference
    from indsats.evidence.weekmatrix import EvidenceError

    groups = ("Dagpengemodtagere",)
    good = tmp_path / "jobeffekter.csv"
    good.write_text("offer,target_group,effect_pp,evidence,source\n"
                    "company_internship,Dagpengemodtagere,\"4,5\",Stærk evidens,jobeffekter.dk\n"
                    "wage_subsidy,alle,-1.0,Moderat evidens,jobeffekter.dk\n", encoding="utf-8")
    refs = read_reference(good, groups)
    assert refs[("company_internship", "Dagpengemodtagere")].text() == "+4,5 pct.-point (Stærk evidens; jobeffekter.dk)"
    assert refs[("wage_subsidy", "alle")].effect_pp == -1.0
    bad = tmp_path / "bad.csv"
    bad.write_text("offer,target_group,effect_pp,evidence,source\nmentor,Dagpengemodtagere,meget,,x\n",
                   encoding="utf-8")
    with pytest.raises(EvidenceError, match=r"bad.csv: linje 2, kolonne 'effect_pp'"):
        read_reference(bad, groups)
    bad.write_text("offer,target_group,effect_pp,evidence,source\nmentor,Unge,1,,x\n", encoding="utf-8")
    with pytest.raises(EvidenceError, match=r"linje 2, kolonne 'target_group'"):
        read_reference(bad, groups)
