"""Access by role and municipality, and an audit record for every read — on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from indsats.services.accounts.audit import AuditFilter, list_audit
from indsats.services.accounts.auth import authenticate
from indsats.services.casework import citizens
from indsats.services.shared.errors import AuthenticationFailed, Forbidden, InvalidInput, NotFound
from indsats.store.tables import AuditRow
from tests.casework.builders import PASSWORD, build_world


def _user(db, name):
    return authenticate(db, name, PASSWORD)


def _audit_count(db, citizen_id=None):
    with db.unit_of_work() as s:
        q = select(func.count()).select_from(AuditRow)
        if citizen_id is not None:
            q = q.where(AuditRow.citizen_id == citizen_id)
        return s.scalar(q)


def test_wrong_password_is_refused(database):
    build_world(database)
    with pytest.raises(AuthenticationFailed):
        authenticate(database, "mette", "forkert")


def test_caseworker_sees_own_active_caseload_only(database):
    world = build_world(database)
    rows = citizens.caseload(database, _user(database, "mette"))
    assert [r.id for r in rows] == [world.anna_id]  # Bo's spell has ended; Dorte is Jens's
    assert rows[0].benefit == "unemployment_benefit"


def test_team_leader_sees_the_whole_teams_caseload(database):
    build_world(database)
    names = [r.name for r in citizens.caseload(database, _user(database, "teamleder250"))]
    assert names == ["Dorte Kjær", "Anna Østergaard"]


def test_search_by_name_and_cpr_stays_inside_the_municipality(database):
    world = build_world(database)
    mette = _user(database, "mette")
    assert [r.name for r in citizens.search(database, mette, "andersen").items] == ["Bo Andersen"]  # not Carl (766)
    by_cpr = citizens.search(database, mette, f"{world.anna_cpr[:6]}-{world.anna_cpr[6:]}")
    assert [r.id for r in by_cpr.items] == [world.anna_id] and by_cpr.total == 1
    with pytest.raises(InvalidInput):
        citizens.search(database, mette, "x")


def test_caseworker_of_another_municipality_is_refused_and_nothing_is_shown(database):
    world = build_world(database)
    hanne = _user(database, "hanne")
    with pytest.raises(Forbidden):
        citizens.case_file(database, hanne, world.anna_id, action="test")
    assert citizens.search(database, hanne, "Østergaard").items == []


def test_citizen_sees_only_themself(database):
    world = build_world(database)
    anna = _user(database, "anna")
    case = citizens.case_file(database, anna, world.anna_id, action="test")
    assert case.citizen.first_name == "Anna"
    with pytest.raises(Forbidden):
        citizens.case_file(database, anna, world.bo_id, action="test")


def test_company_consultant_has_no_case_access(database):
    world = build_world(database)
    with pytest.raises(Forbidden):
        citizens.case_file(database, _user(database, "konsulent250"), world.anna_id, action="test")


def test_unknown_citizen_is_not_found(database):
    build_world(database)
    with pytest.raises(NotFound):
        citizens.case_file(database, _user(database, "mette"), 999_999, action="test")


def test_every_read_leaves_an_audit_record(database):
    world = build_world(database)
    mette = _user(database, "mette")
    assert _audit_count(database) == 0
    case = citizens.case_file(database, mette, world.anna_id, action="side: /borgere/x")
    assert len(case.conversations) == 2 and case.plan.goal == "Job som lagerarbejder"
    assert _audit_count(database, world.anna_id) == 1
    citizens.search(database, mette, "Anna")
    citizens.caseload(database, mette)
    assert _audit_count(database, world.anna_id) == 3
    page = list_audit(database, _user(database, "leder250"), AuditFilter(citizen_id=world.anna_id))
    assert page.total == 3
    assert {r.username for r in page.items} == {"mette"}
    assert page.items[-1].action == "side: /borgere/x"


def test_refused_read_is_recorded_as_refused_not_as_a_read(database):
    world = build_world(database)
    with pytest.raises(Forbidden):
        citizens.case_file(database, _user(database, "hanne"), world.anna_id, action="test")
    with database.unit_of_work() as s:
        rows = s.scalars(select(AuditRow)).all()
        assert [(r.username, r.citizen_id, r.kind) for r in rows] == [("hanne", world.anna_id, "refused")]
        assert rows[0].action.startswith("afvist: test")


def test_managers_see_only_their_own_municipalitys_audit_log(database):
    world = build_world(database)
    citizens.case_file(database, _user(database, "mette"), world.anna_id, action="x")
    assert list_audit(database, _user(database, "leder766"), AuditFilter()).total == 0
    assert list_audit(database, _user(database, "leder250"), AuditFilter()).total == 1
    with pytest.raises(Forbidden):
        list_audit(database, _user(database, "mette"), AuditFilter())
