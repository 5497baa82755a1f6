"""The coordinated plan (samlet plan) on SQLite and PostgreSQL: a participant from another department
sees only the plan they were added to, and only with the citizen's consent; contributions carry author,
role and time; a decision on flex job or disability pension needs the health coordinator's advice from
1 February 2026 and the rehabilitation team's recommendation before; the citizen sees the plan on Min sag."""

from __future__ import annotations

import re

import pytest
import time_machine
from fastapi.testclient import TestClient
from sqlalchemy import select

from indsats.domain.enums import Role
from indsats.services.accounts.auth import create_user
from indsats.store.tables import AuditRow
from indsats.web.app import create_app
from tests.web_login import csrf as _csrf
from tests.web_login import logged_in

from .builders import PASSWORD, WORLD_DAY, build_world


def _login(client, username):
    client.cookies.clear()
    logged_in(client, username)


@pytest.fixture
def coord(database):
    with time_machine.travel(WORLD_DAY, tick=True):
        world = build_world(database)
        with database.unit_of_work() as s:
            create_user(s, username="sofie.social", password=PASSWORD, role=Role.PARTICIPANT,
                        municipality_code="250", display_name="Sofie Social")
            create_user(s, username="henrik.sund", password=PASSWORD, role=Role.PARTICIPANT,
                        municipality_code="250", display_name="Henrik Sundhedskoordinator")
        with TestClient(create_app(database, secret_key="test")) as client:
            yield world, client, database


def _post(client, path, data, page):
    return client.post(path, data={**data, "csrf_token": _csrf(client, page)}, follow_redirects=False)


def _audit(database, username):
    with database.unit_of_work() as s:
        return s.execute(select(AuditRow.kind, AuditRow.citizen_id, AuditRow.action)
                         .where(AuditRow.username == username).order_by(AuditRow.id)).all()


def _add(client, world, username, department):
    plan = f"/borgere/{world.anna_id}/samlet-plan"
    return _post(client, f"{plan}/deltagere", {"username": username, "department": department}, plan)


def test_a_participant_sees_only_the_plan_they_were_added_to_and_only_with_consent(coord):
    world, client, database = coord
    plan = f"/borgere/{world.anna_id}/samlet-plan"
    _login(client, "mette")
    assert _add(client, world, "sofie.social", "social").status_code == 303
    assert "sofie.social" in client.get(plan).text

    _login(client, "sofie.social")
    listing = client.get("/samlet-plan")
    assert listing.status_code == 200 and "Anna Østergaard" in listing.text and "Ikke givet" in listing.text
    refused = client.get(plan)
    assert refused.status_code == 403 and "samtykke" in refused.text  # no consent to share with social yet

    _login(client, "anna")
    own = client.get("/min-sag/samlet-plan")
    assert own.status_code == 200 and "Sofie Social" in own.text
    assert _post(client, "/min-sag/samlet-plan/samtykke", {"scope": "social", "given": "ja"},
                 "/min-sag/samlet-plan").status_code == 303

    _login(client, "sofie.social")
    page = client.get(plan)
    assert page.status_code == 200 and "Job som lagerarbejder" in page.text
    assert _post(client, f"{plan}/bidrag", {"kind": "goal", "text": "Stabil bolig inden sommer"}, plan).status_code == 303
    page = client.get(plan).text
    assert "Stabil bolig inden sommer" in page and "Sofie Social (Tværfaglig deltager)" in page
    assert "Socialområdet" in page
    # never the case page, another citizen's plan, or the case of the citizen they follow
    assert client.get(f"/borgere/{world.anna_id}").status_code == 403
    assert client.get(f"/borgere/{world.bo_id}/samlet-plan").status_code == 403
    assert client.get(f"/borgere/{world.carl_id}/samlet-plan").status_code == 403
    assert client.get(f"/borgere/{world.anna_id}/frister").status_code in (403, 404)
    rows = _audit(database, "sofie.social")
    assert ("read", world.anna_id, f"samlet plan: borger {world.anna_id}") in rows
    assert any(kind == "refused" and cid == world.bo_id for kind, cid, _ in rows)

    # the citizen withdraws consent: access ends at once
    _login(client, "anna")
    _post(client, "/min-sag/samlet-plan/samtykke", {"scope": "social", "given": "nej"}, "/min-sag/samlet-plan")
    _login(client, "sofie.social")
    assert client.get(plan).status_code == 403

    # the caseworker removes the participant: gone from their list
    _login(client, "anna")
    _post(client, "/min-sag/samlet-plan/samtykke", {"scope": "social", "given": "ja"}, "/min-sag/samlet-plan")
    _login(client, "mette")
    page = client.get(plan).text
    pid = re.search(r'/samlet-plan/deltagere/(\d+)/fjern', page).group(1)
    assert _post(client, f"{plan}/deltagere/{pid}/fjern", {}, plan).status_code == 303
    _login(client, "sofie.social")
    assert client.get(plan).status_code == 403
    assert "Anna" not in client.get("/samlet-plan").text


def test_adding_someone_who_is_not_a_participant_is_refused_at_the_field(coord):
    world, client, _ = coord
    _login(client, "mette")
    response = _add(client, world, "konsulent250", "health")
    assert response.status_code == 422
    assert "ikke oprettet som tværfaglig deltager" in response.text and 'value="konsulent250"' in response.text
    assert _add(client, world, "findes.ikke", "health").status_code == 422


def test_a_decision_on_flexjob_without_health_advice_is_refused_at_the_field(coord):
    world, client, database = coord
    plan = f"/borgere/{world.anna_id}/samlet-plan"
    _login(client, "mette")
    decision = {"kind": "flexjob", "day": "2026-11-20", "outcome": "granted", "reasoning": "Varigt nedsat arbejdsevne",
                "basis_entry_id": ""}
    refused = _post(client, f"{plan}/afgoerelse", decision, plan)
    assert refused.status_code == 422
    assert "sundhedskoordinatorens sundhedsfaglige rådgivning" in refused.text
    assert "Varigt nedsat arbejdsevne" in refused.text  # the input is kept
    assert 'id="sp-decision-basis_entry_id-fejl"' in refused.text  # at the field

    # the health coordinator, added from the health department with consent, records the advice
    _add(client, world, "henrik.sund", "health")
    _login(client, "anna")
    _post(client, "/min-sag/samlet-plan/samtykke", {"scope": "health", "given": "ja"}, "/min-sag/samlet-plan")
    _login(client, "henrik.sund")
    assert _post(client, f"{plan}/bidrag", {"kind": "health_advice", "day": "2026-11-10",
                                            "text": "Skånehensyn: højst 15 timer om ugen"}, plan).status_code == 303
    _login(client, "mette")
    page = client.get(plan).text
    advice_id = re.search(r'<option value="(\d+)">Sundhedsfaglig rådgivning 10.11.2026', page).group(1)
    assert _post(client, f"{plan}/afgoerelse", {**decision, "basis_entry_id": advice_id}, plan).status_code == 303
    page = client.get(plan).text
    assert "Fleksjob" in page and "Bevilget" in page and "Henrik Sundhedskoordinator (Tværfaglig deltager)" in page

    # advice dated after the decision does not count
    late = {**decision, "day": "2026-11-01", "basis_entry_id": advice_id}
    assert _post(client, f"{plan}/afgoerelse", late, plan).status_code == 422


def test_before_1_february_2026_the_rehabilitation_team_is_what_the_decision_needs(coord):
    world, client, _ = coord
    plan = f"/borgere/{world.anna_id}/samlet-plan"
    _login(client, "mette")
    assert _post(client, f"{plan}/bidrag", {"kind": "health_advice", "day": "2026-01-10",
                                            "text": "Rådgivning fra klinisk funktion"}, plan).status_code == 303
    page = client.get(plan).text
    advice_id = re.search(r'<option value="(\d+)">Sundhedsfaglig rådgivning 10.01.2026', page).group(1)
    old = {"kind": "disability_pension", "day": "2026-01-20", "outcome": "granted",
           "reasoning": "Åbenbart formålsløst at udvikle arbejdsevnen", "basis_entry_id": advice_id}
    refused = _post(client, f"{plan}/afgoerelse", old, plan)
    assert refused.status_code == 422 and "rehabiliteringsteamet" in refused.text
    assert _post(client, f"{plan}/bidrag", {"kind": "rehabilitation_team", "day": "2026-01-15",
                                            "text": "Indstilling: førtidspension"}, plan).status_code == 303
    # the team cannot be recorded after it was abolished
    after = _post(client, f"{plan}/bidrag", {"kind": "rehabilitation_team", "day": "2026-02-02",
                                             "text": "Indstilling"}, plan)
    assert after.status_code == 422 and "ophævet" in after.text
    page = client.get(plan).text
    team_id = re.search(r'<option value="(\d+)">Rehabiliteringsteamets indstilling', page).group(1)
    assert _post(client, f"{plan}/afgoerelse", {**old, "basis_entry_id": team_id}, plan).status_code == 303


def test_the_caseworker_registers_consent_on_the_citizens_behalf_only_with_a_reason(coord):
    world, client, _ = coord
    plan = f"/borgere/{world.anna_id}/samlet-plan"
    _login(client, "mette")
    refused = _post(client, f"{plan}/samtykke", {"scope": "youth", "given": "ja", "reason": ""}, plan)
    assert refused.status_code == 422 and 'id="sp-consent-reason-youth-fejl"' in refused.text
    assert _post(client, f"{plan}/samtykke", {"scope": "youth", "given": "ja", "reason": "Givet ved mødet"},
                 plan).status_code == 303
    page = client.get(plan).text
    assert "Børn og unge: givet" in page and "Mette (Sagsbehandler, mette)" in page and "Givet ved mødet" in page
    _login(client, "anna")
    own = client.get("/min-sag/samlet-plan").text
    assert "registreret af Mette (Sagsbehandler, mette)" in own
