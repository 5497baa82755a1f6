"""Youth and integration as a caseworker records them and a manager reads them: an education plan made with
youth guidance, the contact around its start by the plan's local rule, retention after 3 months; an education
order as dated history (manual review from 2027); the integration effort's first offer against the law's
deadline (manual review where indsats has no source); the employment staircase and its flows per quarter."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from fastapi.testclient import TestClient
from sqlalchemy import select

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.law.programmes import education_order, integration_first_offer
from indsats.services.casework import programmes
from indsats.services.steering.programme_measures import programme_measures
from indsats.store.tables import AuditRow
from indsats.web.app import create_app
from tests.casework.builders import WORLD_DAY, build_world
from tests.steering.test_dashboard_and_review import login

METTE = User(id=None, username="mette", role=Role.CASEWORKER, municipality_code="250")
MANAGER = User(id=None, username="leder250", role=Role.MANAGER, municipality_code="250")


@pytest.fixture(autouse=True)
def _day():
    with time_machine.travel(WORLD_DAY, tick=False):
        yield


def test_the_law_dates_of_the_education_order_and_the_integration_deadline():
    assert education_order(date(2026, 12, 31))[0] == "yes"
    status, source = education_order(date(2027, 1, 4))
    assert status == "manual_review" and "fase 2" in source
    rule = integration_first_offer(date(2026, 1, 31))
    assert (rule.aim, rule.deadline) == (date(2026, 2, 14), date(2026, 2, 28)) and "uim.dk" in rule.source
    assert integration_first_offer(date(2019, 5, 1)).manual_review


def test_a_caseworker_records_youth_and_integration_and_the_manager_sees_the_flows(database):
    world = build_world(database)
    page = f"/borgere/{world.anna_id}/programmer"
    with TestClient(create_app(database, secret_key="test")) as client:
        login(client, "mette")
        text = client.get(page).text
        assert "14 dage før til 30 dage efter" in text and "lokal regel" in text
        token = text.split('name="csrf_token" value="')[1].split('"')[0]
        bad = client.post(f"{page}/uddannelsesplan", data={"education": "Tømrer", "made_on": "2026-06-01",
                                                            "planned_start": "", "csrf_token": token})
        assert bad.status_code == 422 and "planlagt studiestart" in bad.text and 'value="Tømrer"' in bad.text
        r = client.post(f"{page}/uddannelsesplan", data={"education": "Tømrer (EUD)", "made_on": "2026-06-01",
                                                          "planned_start": "2026-08-10", "guidance": "ja",
                                                          "counsellor": "Lene fra UU", "csrf_token": token},
                        follow_redirects=False)
        assert r.status_code == 303
        plan_id = programmes.programme_file(database, METTE, world.anna_id).plans[0].id
        r = client.post(f"{page}/uddannelsesplan/{plan_id}", data={"contact_on": "2026-08-01", "started_on": "2026-08-10",
                                                                    "csrf_token": token}, follow_redirects=False)
        assert r.status_code == 303
        r = client.post(f"{page}/paalaeg", data={"given_on": "2026-03-02", "education": "Tømrer",
                                                  "csrf_token": token}, follow_redirects=False)
        assert r.status_code == 303
        # No first offer entered: Anna's internship from 7 September (an offer on the case) is the first offer.
        r = client.post(f"{page}/integration", data={"responsibility_from": "2026-09-01", "csrf_token": token},
                        follow_redirects=False)
        assert r.status_code == 303
        # Recorded steps; the internship offer moves her on the staircase by itself.
        for on, position in (("2026-02-02", "language_school"), ("2026-10-05", "wage_subsidy")):
            client.post(f"{page}/trappe", data={"on": on, "position": position, "csrf_token": token})
        text = client.get(page).text
        assert "Kontakt holdt" in text and "Lene fra UU" in text and "Inden for 2 uger" in text
        assert "7. sep. 2026 (fra tilbuddene)" in text and "7. sep. 2026: Virksomhedspraktik" in text
        assert "Nu: <strong>Løntilskud</strong>" in text
    programmes.set_integration_start(database, METTE, world.bo_id, date(2019, 5, 1), None)
    programmes.add_step(database, METTE, world.bo_id, date(2026, 3, 2), "language_school")
    assert programmes.add_education_order(database, METTE, world.bo_id, date(2027, 1, 4)) == "manual_review"
    m = programme_measures(database, MANAGER)
    assert (m.plans, m.with_guidance, m.contact["met"]) == (1, 1, 1)
    assert m.retention[3] == (1, 1) and m.retention[12] == (0, 0)
    assert m.orders == [(2026, "yes", 1), (2027, "manual_review", 1)]
    assert (m.integration["aim"], m.integration["manual_review"]) == (1, 1)
    assert m.positions["wage_subsidy"] == 1 and m.positions["language_school"] == 1
    assert m.flows == [("2026K1", "start", "language_school", 2), ("2026K3", "language_school", "internship", 1),
                       ("2026K4", "internship", "wage_subsidy", 1)]
    with TestClient(create_app(database, secret_key="test")) as client:
        login(client, "leder250")
        text = client.get("/styring/programmer").text
        assert "1 af 1 (100 %)" in text and "<svg" in text and "Danskuddannelse" in text
        csv = client.get("/styring/programmer/forloeb.csv").content.decode("utf-8-sig")
        assert "2026K3;Danskuddannelse;Virksomhedspraktik;1" in csv
        login(client, "hanne")  # another municipality's caseworker
        assert client.get(page).status_code == 404
    with database.unit_of_work() as s:
        actions = {r.action for r in s.scalars(select(AuditRow).where(AuditRow.citizen_id == world.anna_id))}
    assert {"ungeindsats og integration", "uddannelsesplan oprettet", "beskæftigelsestrappen"} <= actions
