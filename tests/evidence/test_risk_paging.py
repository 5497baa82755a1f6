"""The risk list reads the week's kept scores: counted and paged in SQL in the caseworker's caseload,
sorted by band then probability, computed once (on the first load or by the background refresh) and
never again that week. On SQLite and PostgreSQL."""

from __future__ import annotations

import random
import re
from datetime import date

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from indsats.domain.cpr import synthetic
from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.evidence import risk_list, risk_scores
from indsats.services.evidence.background import warm_risk_scores
from indsats.store.evidence_tables import KeptRiskScoreRow
from indsats.store.tables import AuditRow, CaseworkerRow, CitizenRow
from indsats.web.app import create_app
from tests.casework.builders import PASSWORD, build_world

DAY = date(2026, 11, 23)


def _world(database) -> int:
    """build_world plus 130 citizens of Mette's and 20 of Jens's in Frederikssund; Mette's caseworker id."""
    build_world(database)
    rng = random.Random(3)
    with database.unit_of_work() as s:
        mette = s.scalar(select(CaseworkerRow.id).where(CaseworkerRow.initials == "MS"))
        jens = s.scalar(select(CaseworkerRow.id).where(CaseworkerRow.initials == "JH"))
        for i in range(150):
            born = date(1960 + i % 40, 1 + i % 12, 1 + i % 28)
            s.add(CitizenRow(cpr=synthetic(born, i % 2 == 0, rng), first_name=f"Borger{i}", last_name="Test",
                             birth_date=born, municipality_code="250", caseworker_id=mette if i < 130 else jens,
                             synthetic=True))
    return mette


def _fake_scoring(monkeypatch) -> list[tuple[str, str]]:
    """The screening itself is tested in test_screening; here it is counted."""
    calls: list[tuple[str, str]] = []

    def compute(db, code, week):
        calls.append((code, week))
        with db.unit_of_work() as s:
            ids = list(s.scalars(select(CitizenRow.id).where(CitizenRow.municipality_code == code)))
        factors = [{"factor": "Alder", "value": "55 år", "effect": 0.4},
                   {"factor": "Uddannelse", "value": "ingen", "effect": 0.2},
                   {"factor": "Ledighed før", "value": "ingen", "effect": -0.1},
                   {"factor": "Køn", "value": "kvinde", "effect": 0.01}]
        return [{"person_id": f"{code}-{i}", "probability": (i * 37 % 97) / 100, "factors": factors}
                for i in ids], "logistic_regression_l2 (test)"

    monkeypatch.setattr(risk_scores, "compute_scores", compute)
    monkeypatch.setattr(risk_scores, "NOTHING", {})
    return calls


def test_the_list_is_kept_counted_and_paged_in_sql(database, monkeypatch):
    monkeypatch.setenv("INDSATS_TODAY", DAY.isoformat())
    mette_id = _world(database)
    calls = _fake_scoring(monkeypatch)
    mette = User(id=None, username="mette", role=Role.CASEWORKER, municipality_code="250", caseworker_id=mette_id)

    first = risk_list.risk_list(database, mette)
    assert len(calls) == 1  # nothing kept for the week: computed once, and kept
    second = risk_list.risk_list(database, mette, page=2)
    assert len(calls) == 1  # the second load computes nothing
    with database.unit_of_work() as s:
        expected = s.scalar(select(func.count()).select_from(KeptRiskScoreRow)
                            .join(CitizenRow, CitizenRow.id == KeptRiskScoreRow.citizen_id)
                            .where(KeptRiskScoreRow.week == first.week, CitizenRow.caseworker_id == mette_id))
        kept = s.scalar(select(func.count()).select_from(KeptRiskScoreRow))
        audited = set(s.scalars(select(AuditRow.citizen_id).where(AuditRow.action.like("Tidlig opsporing%"))))
        model = s.scalar(select(KeptRiskScoreRow.model_version).limit(1))
    assert first.total == second.total == expected == 132 and kept == 153  # Mette's caseload only
    assert len(first.lines) == 50 and len(second.lines) == 50 and (first.page, second.page, first.pages) == (1, 2, 3)
    assert not {x.citizen_id for x in first.lines} & {x.citizen_id for x in second.lines}
    shown = first.lines + second.lines
    ranks = [(risk_list.BANDS.index(x.band), x.probability) for x in shown]
    assert ranks == sorted(ranks, reverse=True) and shown[0].band == "høj"
    assert all(x.band == risk_list.band_of(x.probability) for x in shown)
    assert shown[0].reasons == [("Alder", "55 år", "øger"), ("Uddannelse", "ingen", "øger"),
                                ("Ledighed før", "ingen", "mindsker")]
    assert {x.citizen_id for x in shown} <= audited and model == "logistic_regression_l2 (test)"
    last = risk_list.risk_list(database, mette, page=99)
    assert last.page == 3 and len(last.lines) == 32

    # The team leader sees the whole municipality (the law's scope for the role is the service's).
    leader = User(id=None, username="tl", role=Role.TEAM_LEADER, municipality_code="250", caseworker_id=mette_id)
    assert risk_list.risk_list(database, leader).total == 153
    assert len(calls) == 1


def test_the_background_refresh_keeps_the_week_and_the_page_says_how_many(database, monkeypatch):
    monkeypatch.setenv("INDSATS_TODAY", DAY.isoformat())
    _world(database)
    calls = _fake_scoring(monkeypatch)
    assert warm_risk_scores(database) == ["250"]  # 766 has no plan with screening on
    assert warm_risk_scores(database) == []  # kept: the next round computes nothing
    assert len(calls) == 1
    with TestClient(create_app(database, secret_key="test")) as client:
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
        client.post("/login", data={"username": "mette", "password": PASSWORD, "csrf_token": token})
        page = client.get("/evidens/risiko")
        assert page.status_code == 200
        assert "Viser 1–50 af 132 nyledige; side 1 af 3" in page.text
        assert "Næste side" in client.get("/evidens/risiko?page=2").text
    assert len(calls) == 1  # the page read the kept scores
    assert risk_scores.warm_all(database, date(2026, 11, 30)) == ["250"]  # a new week: computed again
    with database.unit_of_work() as s:
        weeks_kept = set(s.scalars(select(KeptRiskScoreRow.week)))
    assert len(calls) == 2 and len(weeks_kept) == 1  # the earlier week's rows are replaced

    # `indsats risk-scores refresh` keeps the current week on demand
    from typer.testing import CliRunner

    from indsats.cli import app

    url = str(database.url)
    res = CliRunner().invoke(app, ["risk-scores", "refresh", "--municipality", "250", "--database", url])
    assert res.exit_code == 0, res.output
    assert "153 risikovurderinger gemt for kommune 250 (uge 2026-W47)" in res.output and len(calls) == 3
