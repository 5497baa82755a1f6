"""The caseworker's risk list: on/off by the plan, the caseworker's own assessment first, audited."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.accounts.demo_accounts import ensure_demo_accounts
from indsats.services.evidence import risk_list
from indsats.services.shared.errors import Forbidden, InvalidInput
from indsats.store.tables import AuditRow
from indsats.web.app import create_app
from tests.casework.builders import build_world

PLANS = Path(__file__).resolve().parents[2] / "plans"


def _login(client, username, password):
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
    client.post("/login", data={"username": username, "password": password, "csrf_token": token})
    return token


def test_bands():
    assert [risk_list.band_of(p) for p in (0.05, 0.2, 0.39, 0.4, 0.9)] == ["lav", "middel", "middel", "høj", "høj"]


def test_an_assessment_is_recorded_audited_and_checked(database):
    world = build_world(database)
    mette = User(id=None, username="mette", role=Role.CASEWORKER, municipality_code="250", caseworker_id=None)
    risk_list.record_assessment(database, mette, world.anna_id, "middel", "Har job på vej")
    risk_list.record_assessment(database, mette, world.anna_id, "lav", "Starter i job 1. december")
    with database.unit_of_work() as s:
        latest = risk_list._latest_assessments(s, [world.anna_id, world.bo_id])
        audit = list(s.scalars(select(AuditRow).where(AuditRow.citizen_id == world.anna_id)))
    assert set(latest) == {world.anna_id} and latest[world.anna_id].band == "lav"
    assert latest[world.anna_id].note == "Starter i job 1. december"
    assert len([a for a in audit if "egen vurdering" in a.action]) == 2
    with pytest.raises(InvalidInput, match="vælg lav, middel, høj"):
        risk_list.record_assessment(database, mette, world.anna_id, "kritisk", "")
    hanne = User(id=None, username="hanne", role=Role.CASEWORKER, municipality_code="766", caseworker_id=None)
    with pytest.raises(Forbidden):
        risk_list.record_assessment(database, hanne, world.anna_id, "lav", "")
    with pytest.raises(Forbidden):
        risk_list.risk_list(database, User(id=None, username="l", role=Role.MANAGER, municipality_code="250"))


def test_the_page_shows_bands_reasons_and_own_assessment_first(sqlite_database, monkeypatch, tmp_path):
    from indsats.synth.build import build

    monkeypatch.setenv("INDSATS_TODAY", "2026-11-23")
    build(sqlite_database, seed=5, as_of=date(2026, 11, 23), codes=("250",), citizens=3000)
    logins = ensure_demo_accounts(sqlite_database)
    leader = next(x for x in logins if x.role == Role.TEAM_LEADER)
    with TestClient(create_app(sqlite_database, secret_key="test")) as client:
        _login(client, leader.username, leader.password)
        html = client.get("/evidens/risiko").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
        assert "Tidlig opsporing" in html and "Din egen vurdering står først" in html
        ids = re.findall(r'action="/evidens/risiko/(\d+)/vurdering"', html)
        assert ids, html[-2000:]
        assert re.search(r"(lav|middel|høj) <span class=\"muted\">\(\d+ %\)", html)
        assert "risikoen)</li>" in html
        res = client.post(f"/evidens/risiko/{ids[0]}/vurdering", data={"band": "høj", "note": "Helbred",
                                                                        "csrf_token": token}, follow_redirects=True)
        assert res.status_code == 200 and "Din vurdering er gemt" in res.text
        assert "<strong>høj</strong>: Helbred" in res.text
        with sqlite_database.unit_of_work() as s:
            audited = {a.citizen_id for a in s.scalars(select(AuditRow).where(AuditRow.action.like("Tidlig opsporing%")))}
        assert {int(i) for i in ids} <= audited

    # The municipality turns the tool off in its plan: the list is gone.
    plans = tmp_path / "plans"
    plans.mkdir()
    text = (PLANS / "demo-frederikssund.yaml").read_text(encoding="utf-8")
    (plans / "demo-frederikssund.yaml").write_text(text.replace("evidence: {screening: true}", ""), encoding="utf-8")
    monkeypatch.setenv("INDSATS_PLANS_DIR", str(plans))
    with TestClient(create_app(sqlite_database, secret_key="test")) as client:
        _login(client, leader.username, leader.password)
        html = client.get("/evidens/risiko").text
        assert "ikke slået tidlig opsporing til" in html and "/vurdering" not in html
    shutil.rmtree(plans)
