"""The benefit-exhaustion watch: weeks used of the dagpenge period and the expected end."""

from __future__ import annotations

import re
from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from indsats.analytics import weeks
from indsats.evidence.benefit_period import exhaustion, rule_at
from indsats.evidence.weekmatrix import read_matrix
from indsats.law.parameters import ParameterError
from indsats.services.casework.dagpenge_runs import refresh_runs
from indsats.store.tables import AuditRow, BenefitSpellRow, CaseworkerRow, CitizenRow
from indsats.web.app import create_app
from tests.casework.builders import PASSWORD, build_world


def test_the_rule_is_dated_and_sourced():
    rule = rule_at(date(2026, 1, 5))
    assert (rule.period_weeks, rule.reference_weeks) == (104, 156)
    assert "§ 55, stk. 1" in rule.source and "LBK nr. 208 af 26. februar 2024" in rule.source
    assert "i kraft 1. juli 2010" in rule.source and rule.confidence == "V-later"
    with pytest.raises(ParameterError):  # 4 years within 6 before the 2010 amendment: no rule given, no guess
        rule_at(date(2010, 6, 28))


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


def _long_spells(database) -> int:
    """Anna (Mette's) gets 52 earlier dagpenge weeks (81 used, 23 left in 2026-W47); Erik (Jens's, same
    team) has been on dagpenge since 2025-01-06 (98 used, 6 left)."""
    with database.unit_of_work() as s:
        anna = s.scalar(select(CitizenRow).where(CitizenRow.first_name == "Anna"))
        jens = s.scalar(select(CaseworkerRow).where(CaseworkerRow.initials == "JH"))
        erik = CitizenRow(cpr="0101801234", first_name="Erik", last_name="Lund", birth_date=date(1980, 1, 1),
                          municipality_code="250", caseworker_id=jens.id, synthetic=True)
        s.add(erik)
        s.flush()
        s.add_all([BenefitSpellRow(citizen_id=anna.id, benefit="unemployment_benefit", start=date(2024, 9, 2),
                                   end=date(2025, 9, 1)),
                   BenefitSpellRow(citizen_id=erik.id, benefit="unemployment_benefit", start=date(2025, 1, 6))])
        s.flush()
        refresh_runs(s, [anna.id, erik.id])  # a write to the spells keeps their dagpenge weeks, as the services do
        return erik.id


def _login(client, username):
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
    client.post("/login", data={"username": username, "password": PASSWORD, "csrf_token": token})


def test_the_worklist_shows_the_caseworkers_and_the_team_leader_the_teams(database, monkeypatch):
    monkeypatch.setenv("INDSATS_TODAY", "2026-11-23")
    world = build_world(database)
    erik = _long_spells(database)
    with TestClient(create_app(database, secret_key="test")) as client:
        _login(client, "mette")
        page = client.get("/frister")
        assert page.status_code == 200
        section = page.text[page.text.index('id="dagpengeophor"'):]
        assert "Dagpengeophør inden for 26 uger (1)" in section and "Anna Østergaard" in section
        assert "Erik Lund" not in section  # Jens's citizen
        assert "Planens indsatser for dagpengemodtagere" in section
        api = client.get("/api/worklists/benefit-exhaustion").json()
        assert api["total"] == 1 and api["items"][0] == {
            "citizen_id": world.anna_id, "name": "Anna Østergaard", "caseworker": "MS", "weeks_used": 81,
            "weeks_left": 23, "expected_end": "2027-04-26"}
        assert api["rule"]["period_weeks"] == 104 and "§ 55" in api["rule"]["source"]
        export = client.get("/evidens/dagpengeophor.csv")
        lines = export.text.lstrip("\ufeff").splitlines()
        assert lines[0] == "borger_id;navn;sagsbehandler;uger_brugt;uger_tilbage;forventet_ophør;uge;planens_indsatser"
        assert lines[1].startswith(f"{world.anna_id};Anna Østergaard;MS;81;23;2027-04-26;2026-W47;")
    with TestClient(create_app(database, secret_key="test")) as client:
        _login(client, "teamleder250")
        page = client.get("/evidens/dagpengeophor")
        assert page.status_code == 200 and "Dagpengeophør for team Jobparate" in page.text
        assert page.text.index("Erik Lund") < page.text.index("Anna Østergaard")  # soonest end first
        assert "104 uger med dagpenge inden for 156 uger" in page.text and "§ 55" in page.text
        assert [i["citizen_id"] for i in client.get("/api/worklists/benefit-exhaustion").json()["items"]] == [
            erik, world.anna_id]
    with TestClient(create_app(database, secret_key="test")) as client:
        _login(client, "hanne")  # Hedensted: Carl has used 42 weeks
        assert client.get("/api/worklists/benefit-exhaustion").json()["total"] == 0
        assert client.get("/api/worklists/benefit-exhaustion", params={"team_id": 1}).status_code in (403, 404)
    with database.unit_of_work() as s:
        read = {(r.username, r.citizen_id) for r in s.scalars(select(AuditRow).where(
            AuditRow.action.like("%dagpengeperiodens slut%")))}
    assert {("mette", world.anna_id), ("teamleder250", erik), ("teamleder250", world.anna_id)} <= read
    assert not any(who == "mette" and cid == erik for who, cid in read)


def test_the_store_watch_equals_the_panel_rule(sqlite_database, monkeypatch, tmp_path):
    """The worklist counts weeks from the spells; the panel from ``indsats panel-export``: the same persons
    and figures on a synthetic municipality."""
    import pyarrow.parquet as pq

    from indsats.domain.enums import Role
    from indsats.domain.models import User
    from indsats.services.casework.obligation_store import refresh_all
    from indsats.services.evidence.exhaustion_watch import exhaustion_watch
    from indsats.services.steering.panel_export import export_panel
    from indsats.synth.build import build

    monkeypatch.setenv("INDSATS_TODAY", "2026-11-23")
    build(sqlite_database, seed=5, as_of=date(2026, 11, 23), codes=("250",), citizens=1500)
    refresh_all(sqlite_database, as_of=date(2026, 11, 23))  # as indsats demo and indsats obligations refresh do
    panel, persons = export_panel(sqlite_database, "250", date(2023, 1, 2), date(2026, 11, 22))
    pq.write_table(panel, tmp_path / "p.parquet")
    m = read_matrix(tmp_path / "p.parquet", None, "2026-W47")
    _, expected = exhaustion(m, m.col("2026-W47"), 26)
    manager = User(id=0, username="leder", role=Role.MANAGER, municipality_code="250", display_name="Leder")
    view = exhaustion_watch(sqlite_database, manager, everything=True)
    assert expected and view.total == len(expected)
    assert sorted((f"250-{x.citizen_id}", x.weeks_used, x.weeks_left, x.expected_end) for x in view.lines) == sorted(
        (e.person_id, e.weeks_used, e.weeks_left, e.expected_end) for e in expected)


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
        assert "Viser 0" not in page.text and "Ingen at vise" in page.text
        assert "Planens indsatser for dagpengemodtagere" in page.text
    with TestClient(create_app(database, secret_key="test")) as client:
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
        client.post("/login", data={"username": "anna", "password": PASSWORD, "csrf_token": token})
        assert client.get("/evidens/dagpengeophor").status_code == 403  # a citizen; caseworkers see their own


def test_the_actions_come_from_the_plan_in_force(database):
    """A plan version in force in the store names the actions; without one, the newest plan file does."""
    from pathlib import Path

    from indsats.domain.enums import Role
    from indsats.domain.models import User
    from indsats.services.evidence.exhaustion_watch import plan_actions
    from indsats.services.steering import plan_versions

    build_world(database)
    from_files = plan_actions("250", database)
    assert from_files
    text = (Path(__file__).resolve().parents[2] / "plans" / "demo-frederikssund.yaml").read_text(encoding="utf-8")
    assert "Intensiv indsats til udfaldstruede" not in text
    first = text.index("actions:")
    line_start = text.index("\n", first) + 1
    indent = text[line_start:len(text) - len(text[line_start:].lstrip(" "))]
    edited = text[:line_start] + f"{indent}- Intensiv indsats til udfaldstruede\n" + text[line_start:]
    manager = User(id=0, username="leder250", role=Role.MANAGER, municipality_code="250")
    version = plan_versions.import_yaml(database, "250", edited, "egen.yaml", "leder250")
    plan_versions.set_status(database, manager, version, "sent", date(2026, 2, 1))
    plan_versions.set_status(database, manager, version, "approved", date(2026, 2, 20), "Udvalget, pkt. 4")
    plan_versions.set_status(database, manager, version, "in_force", date(2026, 3, 1))
    in_force = plan_actions("250", database)
    assert any(a.endswith(": Intensiv indsats til udfaldstruede") for a in in_force)
    assert not any("udfaldstruede" in a for a in from_files) and plan_actions("250") == from_files
