"""Scope: a caseworker reads their own and their team's worklists — through ?team= the same as
through ?sagsbehandler= — and a refused attempt is logged as refused."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from indsats.store.tables import AuditRow, CaseworkerRow, TeamRow
from indsats.web.app import create_app
from tests.casework.builders import PASSWORD, build_world


def _teams(db) -> tuple[int, int]:
    """(Mette's team, another team of the same municipality with a caseworker of its own)."""
    with db.unit_of_work() as s:
        own = s.scalar(select(CaseworkerRow.team_id).where(CaseworkerRow.name == "Mette Sørensen"))
        other = TeamRow(name="Sygedagpenge", municipality_code="250", target_groups=["sickness_benefit"])
        s.add(other)
        s.flush()
        s.add(CaseworkerRow(name="Ole Berg", initials="OB", team_id=other.id, municipality_code="250"))
        return own, other.id


def test_a_caseworker_cannot_read_another_teams_worklist_through_team(database):
    build_world(database)
    own, other = _teams(database)
    with TestClient(create_app(database, secret_key="test")) as client:
        client.post("/api/login", json={"username": "mette", "password": PASSWORD})
        assert client.get("/api/worklists", params={"team_id": own}).status_code == 200
        refused = client.get("/api/worklists", params={"team_id": other})
        page = client.get("/frister", params={"team": other})
        client.cookies.clear()
        client.post("/api/login", json={"username": "teamleder250", "password": PASSWORD})
        leader = client.get("/api/worklists", params={"team_id": other})
    assert refused.status_code == 403 and "dit teams" in refused.json()["detail"]
    assert page.status_code == 403 and "dit teams" in page.text
    assert leader.status_code == 200  # a team leader sees the municipality's teams
    with database.unit_of_work() as s:
        kinds = [(r.username, r.kind) for r in s.scalars(select(AuditRow).where(AuditRow.kind == "refused"))]
    assert kinds == [("mette", "refused"), ("mette", "refused")]
