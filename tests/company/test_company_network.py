"""The company network as a consultant keeps it (seed 002): a mentor course, mentors with the course
they took, a network meeting with the companies present, a company centre with partner companies,
and small jobs followed up and counted on the consultant's page and the dashboard; paged, with CSV."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from fastapi.testclient import TestClient
from sqlalchemy import select

from indsats.services.company import centres, network, small_jobs
from indsats.services.shared.errors import InvalidInput
from indsats.services.shared.paging import PageRequest
from indsats.store.tables import AuditRow
from indsats.web.app import create_app

from .company_world import HEDENSTED_CO, LAGER, PLEJE, TODAY, build_company_world
from .test_companies_web import csrf, login


@pytest.fixture(autouse=True)
def _world_day():
    with time_machine.travel(f"{TODAY.isoformat()} 09:00:00+00:00", tick=True):
        yield


def test_mentors_courses_meetings_and_centre_partners_on_the_network_page(database):
    world = build_company_world(database)
    with TestClient(create_app(database, secret_key="test")) as client:
        login(client, "konsulent")
        token = csrf(client, "/netvaerk")
        r = client.post("/netvaerk/kurser", data={"title": "Mentorkursus efterår", "held_on": "2026-10-06",
                                                   "place": "Jobcentret", "csrf_token": token}, follow_redirects=False)
        assert r.status_code == 303
        course = network.courses(database, world.consultant)[0]
        r = client.post("/netvaerk/mentorer", data={"name": "Søren Lund", "job_title": "Lagerformand", "cvr": LAGER,
                                                     "course_id": str(course.id), "csrf_token": token},
                        follow_redirects=False)
        assert r.status_code == 303
        # A company of another municipality: refused at the field, the input kept.
        bad = client.post("/netvaerk/mentorer", data={"name": "Mads Byg", "cvr": HEDENSTED_CO, "csrf_token": token})
        assert bad.status_code == 422 and "findes ikke i kommunens register" in bad.text and 'value="Mads Byg"' in bad.text
        r = client.post("/netvaerk/moeder", data={"held_on": "2026-10-20", "topic": "Årligt mentornetværk",
                                                   "cvrs": f"{LAGER}, {PLEJE}", "csrf_token": token},
                        follow_redirects=False)
        assert r.status_code == 303
        page = client.get("/netvaerk").text
        assert "Søren Lund" in page and "Mentorkursus efterår" in page and "6. okt. 2026" in page
        assert "Årligt mentornetværk" in page and "Lagerhuset A/S, Plejecenter Fjorden (2)" in page
        assert "<strong>1</strong> mentorer (1 med mentorkursus)" in page
        csv = client.get("/netvaerk/mentorer.csv").content.decode("utf-8-sig")
        assert "Søren Lund;Lagerformand;" in csv and "2026-10-06" in csv
        assert "Årligt mentornetværk" in client.get("/netvaerk/moeder.csv").content.decode("utf-8-sig")
        # A company centre hosted by Lagerhuset with Plejecenter Fjorden as a partner.
        centre = centres.create_centre(database, world.consultant, LAGER, "Center Nord", 4, "Søren Lund", date(2026, 1, 1))
        token = csrf(client, "/virksomhedscentre")
        r = client.post(f"/virksomhedscentre/{centre}/partnere", data={"cvr": PLEJE, "csrf_token": token},
                        follow_redirects=False)
        assert r.status_code == 303
        again = client.post(f"/virksomhedscentre/{centre}/partnere", data={"cvr": PLEJE, "csrf_token": token})
        assert again.status_code == 422 and "allerede partner" in again.text
        assert "Partnervirksomheder: <a href=\"/virksomheder/" in client.get("/virksomhedscentre").text
    for i in range(55):
        network.add_mentor(database, world.consultant, PLEJE, f"Mentor {i:02d}")
    first = network.mentors(database, world.consultant, PageRequest.of(1, 50))
    assert first.total == 56 and len(first.items) == 50
    assert len(network.mentors(database, world.consultant, PageRequest.of(2, 50)).items) == 6


def test_small_jobs_are_registered_followed_up_and_counted(database, tmp_path):
    world = build_company_world(database)
    with pytest.raises(InvalidInput, match="1-15 timer"):
        small_jobs.add_small_job(database, world.consultant, "Anna Jensen", LAGER, 25, date(2026, 9, 1))
    with TestClient(create_app(database, secret_key="test")) as client:
        login(client, "konsulent")
        token = csrf(client, "/smajob")
        bad = client.post("/smajob", data={"who": "Anna Jensen", "cvr": LAGER, "hours": "mange", "start": "2026-09-01",
                                           "csrf_token": token})
        assert bad.status_code == 422 and "helt tal" in bad.text and 'value="Anna Jensen"' in bad.text
        r = client.post("/smajob", data={"who": "Anna Jensen", "cvr": LAGER, "hours": "8", "start": "2026-09-01",
                                         "follow_up_on": "2026-10-01", "csrf_token": token}, follow_redirects=False)
        assert r.status_code == 303
        r = client.post("/smajob", data={"who": "Carla Jensen", "cvr": PLEJE, "hours": "5", "start": "2026-10-05",
                                         "follow_up_on": "2026-10-26", "csrf_token": token}, follow_redirects=False)
        assert r.status_code == 303
        page = client.get("/smajob").text
        assert "Anna Jensen" in page and "(overskredet)" in page
        anna_job = small_jobs.small_jobs(database, world.consultant, PageRequest.of(1, 50)).items[0]
        r = client.post(f"/smajob/{anna_job.id}/opfoelgning", data={"on": "2026-09-29", "note": "Går godt, 10 timer fra nov.",
                                                                    "csrf_token": token}, follow_redirects=False)
        assert r.status_code == 303
        counts = small_jobs.small_job_counts(database, "250", 2026, TODAY)
        assert counts == {"active": 2, "hours": 13, "started": 2, "overdue": 1, "due": 2, "on_time": 1,
                          "on_time_rate": 0.5}
        followups = client.get("/virksomheder/opfoelgning").text
        assert "Småjob i gang" in followups and "1 af 2" in followups
        csv = client.get("/smajob.csv").content.decode("utf-8-sig")
        assert "Anna Jensen;" in csv and "Går godt" in csv
        login(client, "leder")
        assert "Småjob" in client.get("/styring").text
        # the same figures in the result review the committee reads
        review = client.get("/styring/resultatrevision.pdf", params={"plan": "demo-frederikssund", "year": 2026})
        assert review.status_code == 200
    from pathlib import Path

    from indsats.plan import load_plan
    from indsats.services.steering.result_review import write_review

    plan = load_plan(Path(__file__).resolve().parents[2] / "plans" / "demo-frederikssund.yaml")
    html, _pdf = write_review(plan, 2026, tmp_path / "review", None, None, database)
    text = html.read_text(encoding="utf-8")
    assert "<h2>Småjob</h2>" in text and "startet i 2026: <strong>2</strong>" in text
    assert "fulgt op til tiden: 1 af 2 (50 %)" in text
    with database.unit_of_work() as s:
        kinds = {(r.kind, r.action) for r in s.scalars(select(AuditRow).where(AuditRow.citizen_id == world.anna))}
    assert ("disclosure", "småjob registreret") in kinds and ("read", "småjob") in kinds
    assert ("export", "småjob (CSV)") in kinds and ("read", "småjob fulgt op") in kinds
