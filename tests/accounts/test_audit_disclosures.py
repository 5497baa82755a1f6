"""Disclosures and exports of personal data are audited as such: a citizen proposed to a company,
placed in a company centre, the company's answer, and the panel export with its row count."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from indsats.domain import clock
from indsats.services.accounts.auth import authenticate
from indsats.services.company import centres, job_orders, portal
from indsats.services.shared.errors import NotFound
from indsats.services.steering.panel_export import write_panel
from indsats.store.tables import AuditRow
from tests.casework.builders import PASSWORD
from tests.web.audit_world import CVR, build_audit_world


def _rows(db, **where):
    with db.unit_of_work() as s:
        query = select(AuditRow).order_by(AuditRow.id)
        for key, value in where.items():
            query = query.where(getattr(AuditRow, key) == value)
        return list(s.scalars(query))


def test_proposing_and_placing_a_citizen_are_disclosures_to_the_company(database):
    world = build_audit_world(database)
    rows = _rows(database, kind="disclosure")
    assert [(r.username, r.citizen_id, r.recipient) for r in rows] == [
        ("konsulent250", world.people.anna_id, CVR), ("konsulent250", world.people.anna_id, CVR)]
    assert [r.action for r in rows] == [f"foreslået til jobordre {world.job_id}",
                                        f"placeret i virksomhedscenter {world.centre_id}"]


def test_the_company_reading_a_candidate_and_answering_are_disclosures(database):
    world = build_audit_world(database)
    company = authenticate(database, "lagerhuset", PASSWORD)
    _, proposed = portal.own_job_order(database, company, world.job_id)
    assert len(proposed) == 1
    portal.answer_proposal(database, company, world.proposal_id, "interview")
    rows = _rows(database, username="lagerhuset")
    assert [(r.kind, r.citizen_id, r.recipient) for r in rows] == [("disclosure", world.people.anna_id, CVR)] * 2
    assert rows[1].action.endswith("interview")


def test_a_refused_placement_is_logged_as_refused_and_writes_nothing(database):
    world = build_audit_world(database)
    other = authenticate(database, "konsulent250", PASSWORD)
    with pytest.raises(NotFound):
        centres.place(database, other, world.centre_id, 2**31 - 1, clock.today())
    refused = _rows(database, kind="refused")
    assert [(r.username, r.citizen_id) for r in refused] == [("konsulent250", 2**31 - 1)]
    assert len(_rows(database, kind="disclosure")) == 2


def test_proposing_the_same_candidate_again_discloses_nothing_new(database):
    world = build_audit_world(database)
    consultant = authenticate(database, "konsulent250", PASSWORD)
    assert job_orders.propose(database, consultant, world.job_id, world.people.anna_id, clock.today()) \
        == world.proposal_id
    assert len(_rows(database, kind="disclosure")) == 2


def test_the_panel_export_is_logged_as_an_export_with_its_row_count(database, tmp_path):
    build_audit_world(database)
    panel, _ = write_panel(database, "250", date(2026, 1, 1), date(2026, 6, 30), tmp_path / "panel.csv",
                           actor="analytiker")
    lines = panel.read_text().count("\n") - 1
    [row] = _rows(database, kind="export")
    assert row.username == "analytiker" and row.municipality_code == "250" and row.citizen_id is None
    assert f"({lines} rækker)" in row.action and "panel.csv" in row.action and lines > 0


def test_the_manager_filters_the_log_by_kind_and_sees_the_recipient(database):
    from fastapi.testclient import TestClient

    from indsats.web.app import create_app

    build_audit_world(database)
    with TestClient(create_app(database, secret_key="test")) as client:
        client.post("/api/login", json={"username": "leder250", "password": PASSWORD})
        page = client.get("/logning", params={"username": "", "citizen_id": "", "date_from": "", "date_to": "",
                                              "kind": "disclosure"})
        csv = client.get("/logning.csv", params={"citizen_id": "", "kind": "disclosure"})
        api = client.get("/api/audit", params={"kind": "disclosure"}).json()
    assert page.status_code == 200 and page.text.count(f"videregivelse (CVR {CVR})") == 2
    assert csv.status_code == 200 and csv.text.count("videregivelse") == 2
    assert api["total"] == 2 and {r["recipient"] for r in api["items"]} == {CVR}
