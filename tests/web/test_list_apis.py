"""Every list API of the app is paged in SQL: ``{"items", "total", "page", "page_size"}``, its total is the
database's own COUNT, page 2 is not page 1, and an oversized page_size is capped and says so.

The routes are walked from the app itself: a new GET list endpoint under /api that is neither walked
here nor named in ``NOT_LISTS`` fails the test, so no list can join the API unpaged.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import text, update

from indsats.domain import clock
from indsats.domain.cpr import synthetic
from indsats.domain.enums import Role
from indsats.services.accounts.auth import create_user
from indsats.services.casework import obligation_store
from indsats.store.casework_tables import AvailabilityCaseRow
from indsats.store.company_tables import CandidateProfileRow, CompanyContactRow, CompanyRow, JobOrderRow
from indsats.store.plan_tables import CompanyRequestRow
from indsats.store.tables import BenefitSpellRow, CitizenRow
from indsats.web.app import create_app

from ..company.company_world import PASSWORD, WEIGHTS, cvr

#: GET endpoints under /api without a path parameter that are not lists of records, and why.
NOT_LISTS = {
    "/api/timeliness": "one aggregate (shares by month, group, team and rule)",
    "/api/quota-coverage": "one aggregate per cohort",
    "/api/styring/goals": "the plan's goals against actuals (one per goal of the plan)",
    "/api/styring/fordeling": "a distribution: one row per group of a bounded set",
    "/api/ledelsesinformation": "one row per month of the chosen period",
    "/api/jobs-filled": "one count",
    "/api/occupations": "the occupation taxonomy, a fixed reference catalogue returned whole",
}

#: Paged lists whose total needs a world of their own (checked there); here only their shape.
SHAPE_ONLY = {
    "/api/worklists/benefit-exhaustion": ("leder", "dagpenge near the period's end: tests/evidence"),
}

#: (path, user, params, the COUNT the total must equal)
WALK = {
    "/api/citizens": ("sagsbehandler", {"q": "Jensen"},
                      "SELECT count(*) FROM citizens WHERE municipality_code = '250' AND last_name LIKE '%Jensen%'"),
    "/api/caseload": ("sagsbehandler", {},
                      "SELECT count(*) FROM citizens c WHERE c.municipality_code = '250' AND c.caseworker_id = :kim"
                      " AND EXISTS (SELECT 1 FROM benefit_spells s WHERE s.citizen_id = c.id AND s.\"end\" IS NULL)"),
    "/api/worklists": ("leder", {"status": "overdue"},
                       "SELECT count(*) FROM citizen_obligations WHERE municipality_code = '250'"
                       " AND superseded_on IS NULL AND action <> 'fund'"
                       " AND (status = 'overdue' OR (status = 'due' AND deadline < :today))"),
    "/api/worklists/availability": ("leder", {},
                                    "SELECT count(*) FROM availability_cases a JOIN citizens c ON c.id = a.citizen_id"
                                    " WHERE c.municipality_code = '250' AND a.decision IS NULL"),
    "/api/audit": ("leder", {},
                   "SELECT count(*) FROM audit_log WHERE municipality_code = '250'"),
    "/api/companies": ("konsulent", {},
                       "SELECT count(*) FROM companies WHERE municipality_code = '250'"),
    "/api/company-followups": ("konsulent", {"all": "true"},
                               "SELECT count(*) FROM company_contacts c JOIN companies co ON co.cvr = c.company_cvr"
                               " WHERE co.municipality_code = '250' AND c.next_followup IS NOT NULL"
                               " AND NOT c.followup_done AND NOT EXISTS (SELECT 1 FROM company_contacts l"
                               " WHERE l.company_cvr = c.company_cvr AND l.date > c.date)"),
    "/api/job-orders": ("konsulent", {},
                        "SELECT count(*) FROM job_orders WHERE municipality_code = '250'"),
    "/api/candidates": ("konsulent", {},
                        "SELECT count(*) FROM candidate_profiles p JOIN citizens c ON c.id = p.citizen_id"
                        " WHERE c.municipality_code = '250' AND p.consent"),
    "/api/company-requests": ("konsulent", {"all": "true"},
                              "SELECT count(*) FROM company_requests WHERE municipality_code = '250'"),
    "/api/portal/job-orders": ("lagerhuset", {},
                               "SELECT count(*) FROM job_orders WHERE company_cvr = :lager"),
}


def _valid_sevens(n: int) -> list[str]:
    sevens = (f"32{k:05d}" for k in range(1000))
    valid = (x for x in sevens if (-sum(int(d) * w for d, w in zip(x, WEIGHTS, strict=True))) % 11 != 10)
    return [next(valid) for _ in range(n)]


def _more_world(database, world) -> dict:
    """Enough rows in Frederikssund that every list has more than two."""
    today = clock.today()
    with database.unit_of_work() as s:
        kim = s.scalar(text("SELECT id FROM caseworkers WHERE initials = 'KV'"))
        lager = world.lager_user.company_cvr
        dora = CitizenRow(cpr=synthetic(date(1988, 3, 3), True, random.Random(5)), first_name="Dora",
                          last_name="Jensen", birth_date=date(1988, 3, 3), municipality_code="250", postcode="3600",
                          city="Frederikssund", synthetic=True)
        s.add(dora)
        s.flush()
        s.add(BenefitSpellRow(citizen_id=dora.id, benefit="cash_benefit", readiness="job_ready", start=date(2025, 1, 6)))
        s.add(CandidateProfileRow(citizen_id=dora.id, occupations=["pædagogmedhjælper"], languages=["da"],
                                  consent=True))
        for n, citizen_id in enumerate([world.anna, world.bo, world.carla, dora.id]):
            s.add(AvailabilityCaseRow(citizen_id=citizen_id, opened_on=today, cause="missed_meeting",
                                      cause_date=today, deadline=today + timedelta(days=n),
                                      decision="no_consequence" if n == 3 else None))
        s.execute(update(CitizenRow).where(CitizenRow.municipality_code == "250").values(caseworker_id=kim))
        extra = [cvr(seven) for seven in _valid_sevens(4)]
        for n, number in enumerate(extra):
            s.add(CompanyRow(cvr=number, name=f"Firma {n}", municipality_code="250", industry_code="01.11.00",
                             industry="Landbrug", employees=5 + n, postcode="3600", city="Frederikssund"))
        s.flush()
        for n, number in enumerate([lager, *extra]):
            s.add(CompanyContactRow(company_cvr=number, date=today - timedelta(days=10 + n), kind="call",
                                    next_followup=today + timedelta(days=n), consultant_id=kim))
            for k in range(2):
                s.add(JobOrderRow(company_cvr=lager if k else number, municipality_code="250", title=f"Job {n}-{k}",
                                  created=today - timedelta(days=n + k), consultant_id=kim))
            s.add(CompanyRequestRow(municipality_code="250", company_cvr=number, kind="internship",
                                    description="En praktikplads, tak", received_on=today - timedelta(days=n),
                                    respond_by=today + timedelta(days=3), consultant_id=kim, status="new",
                                    posted_by="x", posted_at=datetime.now(UTC)))
        create_user(s, username="sagsbehandler", password=PASSWORD, role=Role.CASEWORKER, municipality_code="250",
                    display_name="Sagsbehandler", caseworker_id=kim)
    obligation_store.refresh_all(database)
    return {"kim": kim, "lager": lager, "today": today}


def _list_routes(app) -> set[str]:
    return {r.path for r in app.state.route_table
            if "GET" in (getattr(r, "methods", None) or set()) and r.path.startswith("/api/") and "{" not in r.path}


def test_every_list_api_is_paged_and_its_total_is_the_databases_count(database):
    from ..company.company_world import build_company_world

    world = build_company_world(database)
    binds = _more_world(database, world)
    app = create_app(database, secret_key="test")
    assert _list_routes(app) == set(WALK) | set(NOT_LISTS) | set(SHAPE_ONLY), \
        "a GET list under /api is neither walked nor excused"
    with TestClient(app) as client:
        for path, (username, _why) in SHAPE_ONLY.items():
            client.post("/api/login", json={"username": username, "password": PASSWORD})
            body = client.get(path, params={"page_size": 2}).json()
            assert {"items", "total", "page", "page_size"} <= set(body) and body["page_size"] == 2, path
            capped = client.get(path, params={"page_size": 5000})
            assert capped.status_code == 200, (path, capped.text)
            assert capped.json()["page_size"] == 200 and "højst 200" in capped.json()["page_size_capped"], path
            client.post("/api/logout")
        for path, (username, params, count_sql) in WALK.items():
            client.post("/api/login", json={"username": username, "password": PASSWORD})
            first = client.get(path, params={**params, "page_size": 2})
            assert first.status_code == 200, (path, first.text)
            body = first.json()
            with database.unit_of_work() as s:  # counted right after the page (reading it may add audit rows)
                expected = s.scalar(text(count_sql), {k: v for k, v in binds.items() if f":{k}" in count_sql})
            assert {"items", "total", "page", "page_size"} <= set(body), path
            assert body["page"] == 1 and body["page_size"] == 2, path
            if path != "/api/audit":  # the audit log grows by the log-in of the next user, not by this read
                assert body["total"] == expected, (path, body["total"], expected)
            else:
                assert body["total"] <= expected, path
            assert body["total"] > 2, f"{path}: the world should give more than one page"
            assert len(body["items"]) == 2, path
            second = client.get(path, params={**params, "page_size": 2, "page": 2}).json()
            assert second["items"] and second["items"] != body["items"], path
            capped = client.get(path, params={**params, "page_size": 5000}).json()
            assert "page_size" in capped, (path, capped)
            assert capped["page_size"] == 200 and "højst 200" in capped["page_size_capped"], path
            client.post("/api/logout")
        client.post("/api/login", json={"username": "konsulent", "password": PASSWORD})
        for q in ("pædagog", "PÆDAGOG", "Dora pæd"):  # an occupation with æ, in SQL on both engines
            found = client.get("/api/candidates", params={"q": q}).json()
            assert [c["name"] for c in found["items"]] == ["Dora Jensen"], q


def test_the_audit_csv_is_complete_and_the_log_page_says_how_many(database):
    from ..company.company_world import build_company_world

    build_company_world(database)
    with database.unit_of_work() as s:
        for n in range(130):
            s.execute(text("INSERT INTO audit_log (at, username, role, citizen_id, action, municipality_code, kind)"
                           " VALUES (:at, 'mette', 'caseworker', NULL, :action, '250', 'read')"),
                      {"at": datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=n), "action": f"opslag {n}"})
    with TestClient(create_app(database, secret_key="test")) as client:
        client.post("/api/login", json={"username": "leder", "password": PASSWORD})
        page = client.get("/logning", params={"username": "mette", "citizen_id": "", "date_from": "", "kind": ""})
        assert page.status_code == 200 and "Viser 1–50 af 130" in page.text
        second = client.get("/logning", params={"username": "mette", "side": 2})
        assert "Viser 51–100 af 130" in second.text and "opslag 79" in second.text
        csv = client.get("/logning.csv", params={"username": "mette", "date_to": ""})
        assert csv.status_code == 200 and csv.text.startswith("\ufefftidspunkt;")
        api = client.get("/api/audit", params={"username": "mette", "citizen_id": "", "date_from": "", "date_to": ""})
        assert api.status_code == 200 and api.json()["total"] == 130
        lines = csv.text.strip().split("\r\n")
        assert len(lines) == 131 and sum("opslag " in line for line in lines) == 130
        oldest = client.get("/logning", params={"username": "mette", "sort": "aeldste"}).text
        assert oldest.index("opslag 0<") < oldest.index("opslag 1<")


def test_lists_name_the_bad_sort_in_danish(database):
    from ..company.company_world import build_company_world

    build_company_world(database)
    with TestClient(create_app(database, secret_key="test")) as client:
        client.post("/api/login", json={"username": "konsulent", "password": PASSWORD})
        answer = client.get("/api/companies", params={"sort": "nonsens"})
        assert answer.status_code == 422 and "Sortér efter en af" in answer.text
        page = client.get("/virksomheder", params={"sort": "nonsens"})
        assert page.status_code == 422 and "Sortér efter en af" in page.text


def test_an_empty_list_says_there_is_nothing_to_show(database):
    from ..company.company_world import build_company_world

    build_company_world(database)
    with TestClient(create_app(database, secret_key="test")) as client:
        client.post("/api/login", json={"username": "konsulent", "password": PASSWORD})
        page = client.get("/virksomheder", params={"q": "Ingen virksomhed hedder sådan"})
        assert page.status_code == 200 and "Ingen at vise" in page.text and "Viser 0" not in page.text
        full = client.get("/virksomheder")
        assert "Viser 1–" in full.text and "Ingen at vise" not in full.text
