"""The benefit-exhaustion watch: weeks used of the dagpenge period and the expected end."""

from __future__ import annotations

import re
from datetime import date

from fastapi.testclient import TestClient

from indsats.analytics import weeks
from indsats.evidence.benefit_period import exhaustion, rule_at
from indsats.evidence.weekmatrix import read_matrix
from indsats.web.app import create_app
from tests.casework.builders import PASSWORD, build_world


def test_the_rule_is_dated_and_sourced():
    rule = rule_at(date(2026, 1, 5))
    assert (rule.period_weeks, rule.reference_weeks) == (104, 156)
    assert "§ 55" in rule.source and rule.confidence


def test_weeks_used_within_the_reference_period_and_the_expected_end(tmp_path):
    now = weeks.index("2026-W40")
    rows = ["person_id,week,benefit,readiness,offer"]
    # a: 90 dagpenge weeks in the last 156 (and 30 more before the window, which do not count)
    rows += [f"a,{weeks.from_index(now - k)},unemployment_benefit,," for k in range(90)]
    rows += [f"a,{weeks.from_index(now - 170 - k)},unemployment_benefit,," for k in range(30)]
    # b: 50 weeks; c: 110 weeks but on cash benefit now; d: 104 weeks, period used up
    rows += [f"b,{weeks.from_index(now - k)},unemployment_benefit,," for k in range(50)]
    rows += [f"c,{weeks.from_index(now - k)},unemployment_benefit,," for k in range(1, 111)]
    rows += [f"c,{weeks.from_index(now)},cash_benefit,job_ready,"]
    rows += [f"d,{weeks.from_index(now - k)},unemployment_benefit,," for k in range(104)]
    panel = tmp_path / "panel.csv"
    panel.write_text("\n".join(rows) + "\n")
    m = read_matrix(panel, None, "2026-W40")
    _, found = exhaustion(m, m.col("2026-W40"), 26)
    assert [(f.person_id, f.weeks_used, f.weeks_left) for f in found] == [("d", 104, 0), ("a", 90, 14)]
    monday = weeks.monday("2026-W40")
    assert found[1].expected_end == date.fromordinal(monday.toordinal() + 14 * 7)


def test_the_team_leaders_page(database, monkeypatch):
    monkeypatch.setenv("INDSATS_TODAY", "2026-11-23")
    build_world(database)
    with TestClient(create_app(database, secret_key="test")) as client:
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
        client.post("/login", data={"username": "teamleder250", "password": PASSWORD, "csrf_token": token})
        page = client.get("/evidens/dagpengeophor")
        assert page.status_code == 200
        assert "104 uger med dagpenge inden for 156 uger" in page.text and "§ 55" in page.text
        assert "Ingen dagpengemodtagere er inden for 26 uger" in page.text  # Anna has used about 29 weeks
        assert "Planens indsatser for dagpengemodtagere" in page.text
    with TestClient(create_app(database, secret_key="test")) as client:
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
        client.post("/login", data={"username": "mette", "password": PASSWORD, "csrf_token": token})
        assert client.get("/evidens/dagpengeophor").status_code == 403
