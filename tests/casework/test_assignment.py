"""Flyt/tildel: a team leader moves citizens between caseworkers and teams and gives those without one a
caseworker — audited, in one transaction, with the kept obligations following (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from indsats.services.casework import obligation_store
from indsats.store.obligation_tables import CitizenObligationRow
from indsats.store.tables import AuditRow, BenefitSpellRow, CaseworkerRow, CitizenRow, TeamRow
from indsats.web.app import create_app
from tests.web_login import csrf, login

from .builders import PASSWORD, build_world


@pytest.fixture
def moving(database):
    world = build_world(database)
    with database.unit_of_work() as s:
        flex = TeamRow(name="Fleksjob", municipality_code="250", target_groups=["flex_job"])
        s.add(flex)
        s.flush()
        lone = CaseworkerRow(name="Lone Bach", initials="LB", team_id=flex.id, municipality_code="250")
        s.add(lone)
        s.flush()
        erik = CitizenRow(cpr="0101801234", first_name="Erik", last_name="Uden", birth_date=date(1980, 1, 1),
                          municipality_code="250", synthetic=True)
        s.add(erik)
        s.flush()
        s.add(BenefitSpellRow(citizen_id=erik.id, benefit="unemployment_benefit", start=date(2026, 6, 1)))
        ids = dict(s.execute(select(CaseworkerRow.name, CaseworkerRow.id)).all())
        obligation_store.refresh_citizens(s, [world.anna_id, erik.id, world.carl_id])
        ids.update(erik=erik.id, flex=flex.id)
    with TestClient(create_app(database, secret_key="test")) as client:
        yield world, ids, client, database


def _api_login(client, username):
    return {"X-CSRF-Token": client.post("/api/login", json={"username": username, "password": PASSWORD}
                                        ).json()["csrf_token"]}


def _caseworker_of(database, citizen_id):
    with database.unit_of_work() as s:
        return s.scalar(select(CitizenRow.caseworker_id).where(CitizenRow.id == citizen_id))


def _audits(database):
    with database.unit_of_work() as s:
        return s.execute(select(AuditRow.citizen_id, AuditRow.action).where(AuditRow.kind == "assignment")).all()


def _ids(client, **params):
    return {i["id"] for i in client.get("/api/caseload", params=params).json()["items"]}


def test_a_team_leader_assigns_an_unassigned_citizen_and_moves_one_to_another_team(moving):
    world, ids, client, database = moving
    login(client, "teamleder250")
    page = client.get("/sager", params={"sagsbehandler": "uden"}).text
    assert "Erik Uden" in page and "Anna" not in page and 'name="citizen_ids"' in page and "Flyt/tildel" in page
    assert _ids(client, unassigned=True) == {ids["erik"]}
    token = csrf(client, "/sager")
    answer = client.post("/sager/flyt", data={"csrf_token": token, "citizen_ids": [ids["erik"]],
                                              "caseworker_id": ids["Jens Holm"], "tilbage": "sagsbehandler=uden"},
                         follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/sager?sagsbehandler=uden"
    assert "1 borger er flyttet til Jens Holm (Jobparate)." in client.get(answer.headers["location"]).text
    assert _caseworker_of(database, ids["erik"]) == ids["Jens Holm"]
    assert ids["erik"] in _ids(client, caseworker_id=ids["Jens Holm"]) and not _ids(client, unassigned=True)

    headers = _api_login(client, "teamleder250")
    moved = client.post("/api/assignments", headers=headers,
                        json={"citizen_ids": [world.anna_id, ids["erik"]], "caseworker_id": ids["Lone Bach"]})
    assert moved.status_code == 200, moved.text
    assert moved.json()["moved"] == 2 and moved.json()["team"] == "Fleksjob"
    assert "2 borgere er flyttet til Lone Bach" in moved.json()["message"]
    assert world.anna_id not in _ids(client, caseworker_id=ids["Mette Sørensen"])
    assert _ids(client, team_id=ids["flex"]) == {world.anna_id, ids["erik"]}
    audits = _audits(database)
    assert len(audits) == 3
    assert (world.anna_id, "ansvarsskifte: Mette Sørensen → Lone Bach (Fleksjob)") in audits
    assert (ids["erik"], "ansvarsskifte: ingen sagsbehandler → Jens Holm (Jobparate)") in audits

    with database.unit_of_work() as s:  # the kept obligations carry the new caseworker and team
        kept = s.execute(select(CitizenObligationRow.caseworker_id, CitizenObligationRow.team_id).where(
            CitizenObligationRow.citizen_id.in_([world.anna_id, ids["erik"]]))).all()
    assert kept and set(kept) == {(ids["Lone Bach"], ids["flex"])}

    mette = _api_login(client, "mette")  # Mette's own caseload no longer holds Anna
    assert world.anna_id not in _ids(client)
    assert client.post("/api/assignments", headers=mette,
                       json={"citizen_ids": [world.anna_id], "caseworker_id": ids["Mette Sørensen"]}).status_code == 403


def test_a_caseworker_is_refused_and_cannot_see_the_unassigned(moving):
    world, ids, client, database = moving
    headers = _api_login(client, "mette")
    answer = client.post("/api/assignments", headers=headers,
                         json={"citizen_ids": [ids["erik"]], "caseworker_id": ids["Mette Sørensen"]})
    assert answer.status_code == 403 and answer.json()["detail"]
    assert client.get("/api/caseload", params={"unassigned": True}).status_code == 403
    assert 'name="citizen_ids"' not in client.get("/sager").text
    token = csrf(client, "/sager")
    form = client.post("/sager/flyt", data={"csrf_token": token, "citizen_ids": [ids["erik"]],
                                            "caseworker_id": ids["Mette Sørensen"]}, follow_redirects=False)
    assert form.status_code == 403
    assert _caseworker_of(database, ids["erik"]) is None and not _audits(database)


def test_across_municipalities_and_unknown_ids_nothing_is_written(moving):
    world, ids, client, database = moving
    headers = _api_login(client, "teamleder250")
    other = client.post("/api/assignments", headers=headers,
                        json={"citizen_ids": [world.anna_id, ids["erik"]], "caseworker_id": ids["Hanne Dam"]})
    assert other.status_code == 403 and "egen kommune" in other.json()["detail"]
    carl = client.post("/api/assignments", headers=headers,
                       json={"citizen_ids": [world.anna_id, world.carl_id], "caseworker_id": ids["Jens Holm"]})
    assert carl.status_code == 403 and "egen kommune" in carl.json()["detail"]
    unknown = client.post("/api/assignments", headers=headers,
                          json={"citizen_ids": [world.anna_id], "caseworker_id": 999_999})
    assert unknown.status_code == 404 and unknown.json()["detail"] == "Sagsbehandleren findes ikke."
    ghost = client.post("/api/assignments", headers=headers,
                        json={"citizen_ids": [world.anna_id, 999_999], "caseworker_id": ids["Jens Holm"]})
    assert ghost.status_code == 404 and ghost.json()["detail"] == "Borgeren findes ikke."
    too_many = client.post("/api/assignments", headers=headers,
                           json={"citizen_ids": list(range(1, 202)), "caseworker_id": ids["Jens Holm"]})
    assert too_many.status_code == 422 and too_many.json()["errors"]
    assert _caseworker_of(database, world.anna_id) == ids["Mette Sørensen"]
    assert _caseworker_of(database, ids["erik"]) is None
    assert _caseworker_of(database, world.carl_id) == ids["Hanne Dam"]
    assert not _audits(database)
    with database.unit_of_work() as s:
        refused = s.scalar(select(func.count()).select_from(AuditRow).where(AuditRow.kind == "refused"))
    assert refused >= 4

    login(client, "teamleder250")  # the form says so in Danish and moves nobody
    token = csrf(client, "/sager")
    client.post("/sager/flyt", data={"csrf_token": token, "citizen_ids": [world.anna_id],
                                     "caseworker_id": ids["Hanne Dam"]})
    assert _caseworker_of(database, world.anna_id) == ids["Mette Sørensen"]
    none = client.post("/sager/flyt", data={"csrf_token": token, "caseworker_id": ids["Jens Holm"]})
    assert "Ingen borgere blev flyttet: Vælg mindst én borger" in none.text
