"""Every page and API route × every role, from the app's own route table: a personal read answered
200 leaves an audit row naming the citizen; a 403 leaves a refused row; nothing answers 500.

A new route with a ``{citizen_id}`` is personal by default; other personal routes are listed
in PERSONAL. Deleting any audit write in the services makes one of these walks fail."""

from __future__ import annotations

from collections import defaultdict

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from indsats.store.tables import AuditRow
from indsats.web.app import create_app
from tests.casework.builders import PASSWORD

from .audit_world import CVR, build_audit_world

ROLES = ["mette", "teamleder250", "leder250", "konsulent250", "anna", "lagerhuset", "hanne", "sofie.social"]
# Routes that show a citizen's personal data whenever they answer 200 (besides any with {citizen_id}).
PERSONAL = {
    "/sager", "/borgere", "/min-sag", "/api/caseload", "/api/citizens", "/virksomhedscentre", "/jobordrer/{job_id}",
    "/kandidater", "/api/job-orders/{job_id}/matches", "/portal/jobordrer/{job_id}",
    "/api/portal/job-orders/{job_id}", "/samlet-plan", "/min-sag/samlet-plan",
}
NOT_WALKED = {"/login", "/healthz", "/styring/resultatrevision.pdf"}  # no personal data; the PDF is slow
QUERY = {"/borgere": {"q": "Anna"}, "/api/citizens": {"q": "Anna"}}
# Lists may rightly be empty for a user (Hedensted's caseworker searching for Anna): they must log
# what they show, which the name check below sees.
LISTS = {"/sager", "/borgere", "/api/caseload", "/api/citizens", "/kandidater"}
SURNAMES = ("Østergaard", "Andersen", "Kjær")


def _rows(db):
    with db.unit_of_work() as s:
        return [(r.username, r.kind, r.citizen_id, r.action) for r in s.scalars(select(AuditRow).order_by(AuditRow.id))]


@pytest.fixture(scope="module")
def walk(postgres_url):
    from indsats.store.db import Database, make_engine
    from tests.web.fuzz_world import empty

    db = Database(postgres_url, engine=make_engine(postgres_url))
    empty(db)
    world = build_audit_world(db)
    params = {"citizen_id": world.people.anna_id, "job_id": world.job_id, "cvr": CVR,
              "proposal_id": world.proposal_id, "centre_id": world.centre_id, "placement_id": world.placement_id,
              "appointment_id": 999_999, "document_id": 999_999, "note_id": 999_999, "caseworker_id": 999_999}
    app = create_app(db, secret_key="walk")
    results = []
    routes = [r for r in app.state.route_table if "GET" in r.methods and r.path not in NOT_WALKED]
    with TestClient(app) as client:
        for username in ROLES:
            client.cookies.clear()
            assert client.post("/api/login", json={"username": username, "password": PASSWORD}).status_code == 200
            for route in routes:
                before = len(_rows(db))
                response = client.get(route.path.format_map(defaultdict(lambda: 1, params)),
                                      params=QUERY.get(route.path),
                                      follow_redirects=False)
                new = [r for r in _rows(db)[before:] if r[0] == username]
                shows = response.status_code == 200 and any(name in response.text for name in SURNAMES)
                results.append((route.path, username, response.status_code, new, shows))
    yield world, results
    empty(db)
    db.engine.dispose()


def _personal(path: str) -> bool:
    return "{citizen_id}" in path or path in PERSONAL


def test_the_walk_covers_every_get_route_and_role(walk):
    _, results = walk
    assert len({path for path, *_ in results}) >= 40 and len({user for _, user, *_ in results}) == len(ROLES)
    assert not [(path, user, status) for path, user, status, *_ in results if status >= 500]


def test_every_page_showing_a_citizen_leaves_an_audit_row(walk):
    """What a user would notice: a page that shows a citizen's name or a personal route that
    answers at all has logged the read (or the disclosure, for the company's portal)."""
    _, results = walk
    missing = [(path, user) for path, user, status, new, shows in results
               if status == 200 and (shows or (_personal(path) and path not in LISTS))
               and not any(kind in ("read", "disclosure") and cid for _, kind, cid, _ in new)]
    assert missing == []


def test_every_refusal_leaves_a_refused_row(walk):
    _, results = walk
    refused = [(path, user, status, new) for path, user, status, new, _ in results
               if status == 403 or (status == 404 and _personal(path))]
    assert len(refused) > 100
    assert [(path, user) for path, user, _, new in refused if not any(k == "refused" for _, k, _, _ in new)] == []


def test_the_company_sees_proposed_candidates_only_as_disclosures_to_itself(walk):
    _, results = walk
    company_rows = [row for path, user, status, new, _ in results if user == "lagerhuset" for row in new]
    assert {kind for _, kind, _, _ in company_rows} <= {"disclosure", "refused"}
    assert any(kind == "disclosure" for _, kind, _, _ in company_rows)
