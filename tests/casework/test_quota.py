"""The quota coverage (75 %/25 %) on a hand-built municipality: numbers, limits, pages, CSV and audit."""

from __future__ import annotations

import re
from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.casework.quota import exempted_citizens, quota_report
from indsats.services.shared.errors import Forbidden, InvalidInput
from indsats.store.tables import AuditRow
from indsats.web.app import create_app
from tests.web_login import logged_in as login

from .quota_world import AS_OF, build

LEADER = User(id=None, username="teamleder", role=Role.TEAM_LEADER, municipality_code="250", caseworker_id=None)
MUNICIPAL_TALKS = ("conversations", "dagpenge", "municipality")
FUND_TALKS = ("conversations", "dagpenge", "fund")
CASH_TALKS = ("conversations", "jobparate_kontanthjaelp_ledighedsydelse", "municipality")
OFFERS = ("offer", "dagpenge_job_uddannelsesparate_kontanthjaelp", "municipality")


def _table(report) -> dict:
    return {(r.cohort, r.measure, r.group, r.actor): (r.n, r.met, r.exempt_by_quota, r.not_met, r.open)
            for r in report.rows}


def test_coverage_per_cohort_group_and_actor_by_hand(database):
    build(database)
    report = quota_report(database, LEADER, as_of=AS_OF)
    assert _table(report) == {
        ("2026-08", *MUNICIPAL_TALKS): (4, 1, 1, 2, 0),
        ("2026-08", *FUND_TALKS): (4, 2, 0, 2, 0),
        ("2026-08", *CASH_TALKS): (1, 0, 1, 0, 0),
        ("2026-08", *OFFERS): (5, 1, 2, 2, 0),
        ("2026-09", *MUNICIPAL_TALKS): (1, 0, 0, 0, 1),
        ("2026-09", *FUND_TALKS): (1, 1, 0, 0, 0),
        ("2026-09", *OFFERS): (1, 0, 0, 0, 1),
    }  # Otto (2026-03, before the quota) and Hedda (another municipality) are in no cohort
    totals = {(s.measure, s.group, s.actor): (s.total.n, s.total.met, s.total.exempt_by_quota) for s in report.series}
    assert totals[MUNICIPAL_TALKS] == (5, 1, 1) and totals[OFFERS] == (6, 1, 2)


def test_warning_from_20_percent_and_over_the_25_percent_cap(database):
    build(database)
    rows = {(r.cohort, r.measure, r.group, r.actor): r for r in quota_report(database, LEADER, as_of=AS_OF).rows}
    talks = rows[("2026-08", *MUNICIPAL_TALKS)]  # 1 of 4 exempted: 25 %, at the cap, not over it
    assert talks.exempt_share == 0.25 and talks.warning and not talks.over_cap
    assert talks.coverage == 0.25 and talks.below_quota
    offers = rows[("2026-08", *OFFERS)]  # 2 of 5: 40 %
    assert offers.warning and offers.over_cap
    fund = rows[("2026-08", *FUND_TALKS)]
    assert not fund.warning and not fund.over_cap and fund.coverage == 0.5
    still_open = rows[("2026-09", *MUNICIPAL_TALKS)]
    assert not still_open.below_quota and still_open.open_share == 1.0
    stricter = quota_report(database, LEADER, as_of=AS_OF, warn_at=0.3)
    assert not {(r.cohort, r.measure, r.group, r.actor): r for r in stricter.rows}[("2026-08", *MUNICIPAL_TALKS)].warning


def test_cohorts_from_a_later_month_and_a_caseworker_refused(database):
    build(database)
    report = quota_report(database, LEADER, date(2026, 9, 1), AS_OF)
    assert {r.cohort for r in report.rows} == {"2026-09"}
    assert quota_report(database, LEADER, date(2025, 1, 1), AS_OF).date_from == date(2026, 7, 1)
    caseworker = User(id=None, username="mette", role=Role.CASEWORKER, municipality_code="250", caseworker_id=1)
    with pytest.raises(Forbidden):
        quota_report(database, caseworker, as_of=AS_OF)
    with pytest.raises(Forbidden):
        exempted_citizens(database, caseworker, "2026-08", *OFFERS)


def test_exempted_citizens_are_paged_and_audited(database):
    world = build(database)
    found = exempted_citizens(database, LEADER, "2026-08", *OFFERS, page_size=1)
    assert found.total == 2 and found.pages == 2 and [i.name for i in found.items] == ["Carl Kvotesen"]
    assert found.items[0].reason == "Har tilsagn om job fra oktober" and found.items[0].exempted_on == date(2026, 8, 10)
    second = exempted_citizens(database, LEADER, "2026-08", *OFFERS, page=2, page_size=1)
    assert [i.name for i in second.items] == ["Dina Kvotesen"] and second.items[0].by == "Kommunen"
    with database.unit_of_work() as s:
        audited = [(r.citizen_id, r.username, r.action) for r in s.scalars(select(AuditRow).order_by(AuditRow.id))]
    assert audited == [(world.ids["carl"], "teamleder", "kvoter: undtagne borgere 2026-08"),
                       (world.ids["dina"], "teamleder", "kvoter: undtagne borgere 2026-08")]
    with pytest.raises(InvalidInput):
        exempted_citizens(database, LEADER, "2026-13", *OFFERS)
    with pytest.raises(InvalidInput):
        exempted_citizens(database, LEADER, "2026-08", "offer", "dagpenge", "fund")


@pytest.fixture
def client(sqlite_database, monkeypatch):
    monkeypatch.setenv("INDSATS_TODAY", AS_OF.isoformat())
    world = build(sqlite_database)
    with TestClient(create_app(sqlite_database, secret_key="test")) as c:
        yield world, c, sqlite_database


def test_quota_page_as_team_leader(client):
    _world, c, _db = client
    login(c, "teamleder")
    page = c.get("/kvoter")
    assert page.status_code == 200
    text = page.text
    assert '<a href="/kvoter" aria-current="page">Kvoter</a>' in text
    assert "Kvoter: 75 %-kravet og 25 %-undtagelser" in text
    assert "Tilbud inden for 6 måneder – dagpengemodtagere og job- og uddannelsesparate" in text
    assert "Over grænsen" in text and "Nærmer sig grænsen" in text and "(under kravet)" in text
    assert "<svg" in text and 'role="img"' in text
    assert "2 af 5 undtaget (40,0 %; loftet er 25 %)" in text
    assert ('href="/kvoter/undtagne?kohorte=2026-08&amp;maaling=offer&amp;'
            'gruppe=dagpenge_job_uddannelsesparate_kontanthjaelp&amp;aktoer=municipality"') in text
    assert "Kvotesen" not in text  # counts only: no names on the overview


def test_quota_page_as_manager_and_caseworker_refused(client):
    _world, c, _db = client
    login(c, "leder")
    assert c.get("/kvoter").status_code == 200
    assert c.get("/api/quota-coverage").json()["rows"][0]["cohort"] == "2026-08"
    c.post("/logout", data={"csrf_token": re.search(r'name="csrf_token" value="([^"]+)"',
                                                     c.get("/kvoter").text).group(1)})
    login(c, "mette")
    assert c.get("/kvoter").status_code == 403
    assert c.get("/kvoter.csv").status_code == 403
    assert c.get("/kvoter/undtagne?kohorte=2026-08&maaling=offer&gruppe=dagpenge_job_uddannelsesparate_kontanthjaelp"
                 "&aktoer=municipality").status_code == 403
    assert "/kvoter" not in c.get("/frister").text.split("</nav>")[0]


def test_quota_csv(client):
    _world, c, _db = client
    login(c, "teamleder")
    response = c.get("/kvoter.csv")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    lines = response.text.lstrip("\ufeff").splitlines()
    assert lines[0] == ("kohorte;måling;gruppe;aktør;antal;opfyldt;undtaget;ikke_opfyldt;åbne;dækning;krav;"
                        "undtaget_andel;loft;status;under_kravet")
    assert ("2026-08;Tilbud inden for 6 måneder;Dagpengemodtagere og job- og uddannelsesparate "
            "kontanthjælpsmodtagere;Kommunen;5;1;2;2;0;0,2;0,75;0,4;0,25;over grænsen;ja") in lines


def test_drill_down_page_shows_reasons_and_writes_audit_rows(client):
    world, c, db = client
    login(c, "teamleder")
    page = c.get("/kvoter/undtagne?kohorte=2026-08&maaling=conversations&gruppe=dagpenge&aktoer=municipality")
    assert page.status_code == 200
    assert "Dina Kvotesen" in page.text and "Søger selv og har jobsamtaler i gang" in page.text
    assert "Hedda" not in page.text and "Carl" not in page.text
    with db.unit_of_work() as s:
        rows = s.scalars(select(AuditRow).where(AuditRow.action.like("kvoter:%"))).all()
    assert [(r.citizen_id, r.username) for r in rows] == [(world.ids["dina"], "teamleder")]
    bad = c.get("/kvoter/undtagne?kohorte=juli&maaling=offer&gruppe=x&aktoer=y")
    assert bad.status_code == 422


def test_case_page_shows_the_cohorts_use_of_the_25_percent_by_the_exemption_form(client):
    world, c, _db = client
    login(c, "mette")
    page = c.get(f"/borgere/{world.ids['dorit']}")
    assert page.status_code == 200
    hint = page.text.split('data-testid="kvotebrug"')[1].split("</ul>")[0]
    assert ("Jobsamtaler de første 6 måneder – dagpengemodtagere – kommunen, kohorte 2026-08: 1 af 4 undtaget "
            "(25,0 %; loftet er 25 %)") in hint and "nærmer sig grænsen" in hint
    assert "kohorte 2026-08: 2 af 5 undtaget (40,0 %; loftet er 25 %)" in hint and "over grænsen" in hint
    assert 'data-testid="kvotebrug"' not in c.get(f"/borgere/{world.ids['otto']}").text  # no quota duties
