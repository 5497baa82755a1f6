"""Races closed in the database: parallel requests against one company centre, one first-time
candidate profile and one proposal — on SQLite and PostgreSQL, with real threads."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from indsats.domain.cpr import synthetic
from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.company import centres, job_orders
from indsats.services.company.candidates import ProfileIn, save_profile
from indsats.services.shared.errors import Conflict
from indsats.store.company_tables import CandidateProfileRow, CentrePlacementRow, JobProposalRow
from indsats.store.tables import AuditRow, BenefitSpellRow, CitizenRow
from indsats.web.app import create_app

from .company_world import LAGER, PASSWORD, build_company_world

START = date(2026, 10, 1)
CASEWORKER = User(900, "sagsbehandler", Role.CASEWORKER, "250", "Sagsbehandler")


def _citizens(db, n: int) -> list[int]:
    import random

    rng = random.Random(11)
    with db.unit_of_work() as s:
        rows = [CitizenRow(cpr=synthetic(date(1980, 1, 1 + i), i % 2 == 0, rng), first_name=f"Borger{i}",
                           last_name="Parallel", birth_date=date(1980, 1, 1 + i), municipality_code="250",
                           postcode="3600", city="Frederikssund", synthetic=True) for i in range(n)]
        s.add_all(rows)
        s.flush()
        s.add_all([BenefitSpellRow(citizen_id=r.id, benefit="cash_benefit", readiness="job_ready",
                                   start=date(2025, 9, 1)) for r in rows])
        return [r.id for r in rows]


def _outcomes(calls) -> tuple[list, list]:
    def attempt(call):
        try:
            return call()
        except Conflict as exc:
            return exc

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        results = list(pool.map(attempt, calls))
    return [r for r in results if not isinstance(r, Exception)], [r for r in results if isinstance(r, Exception)]


def test_twenty_parallel_placements_in_a_centre_of_two_places_give_two(database):
    world = build_company_world(database)
    centre = centres.create_centre(database, world.consultant, LAGER, "Lagercentret", 2, "Lone", date(2026, 1, 1))
    people = _citizens(database, 20)
    placed, refused = _outcomes([
        (lambda cid=cid: centres.place(database, world.consultant, centre, cid, START)) for cid in people])
    assert len(placed) == 2 and len(refused) == 18
    assert {str(e) for e in refused} == {"Alle 2 pladser er optaget."}
    with database.unit_of_work() as s:
        assert s.scalar(select(func.count()).select_from(CentrePlacementRow)) == 2
        assert s.scalar(select(func.count()).select_from(AuditRow).where(AuditRow.kind == "disclosure")) == 2


def test_a_first_time_profile_saved_in_parallel_is_one_profile(database):
    world = build_company_world(database)
    [citizen] = _citizens(database, 1)
    saved, conflicts = _outcomes([
        (lambda i=i: save_profile(database, CASEWORKER, citizen, ProfileIn(occupations=[f"job {i}"]), START))
        for i in range(10)])
    assert len(saved) + len(conflicts) == 10 and len(saved) >= 1
    assert all("samme øjeblik" in str(c) for c in conflicts)
    with database.unit_of_work() as s:
        assert s.scalar(select(func.count()).select_from(CandidateProfileRow)
                        .where(CandidateProfileRow.citizen_id == citizen)) == 1
    assert world.anna  # the world's own profiles are untouched


def test_one_candidate_proposed_in_parallel_is_one_proposal(database):
    world = build_company_world(database)
    order = job_orders.parse_job_order({"title": "Lagermedarbejder", "kind": "ordinary", "postcode": "3600"})
    job = job_orders.create_job_order(database, world.consultant, LAGER, order, START)
    ids, conflicts = _outcomes([
        (lambda: job_orders.propose(database, world.consultant, job, world.anna, START)) for _ in range(10)])
    assert len(set(ids)) == 1 and len(ids) + len(conflicts) == 10
    with database.unit_of_work() as s:
        assert s.scalar(select(func.count()).select_from(JobProposalRow)) == 1
        assert s.scalar(select(func.count()).select_from(AuditRow).where(AuditRow.kind == "disclosure")) == 1


def test_a_full_centre_answers_409_in_danish(database):
    world = build_company_world(database)
    centre = centres.create_centre(database, world.consultant, LAGER, "Lagercentret", 1, "Lone", date(2026, 1, 1))
    centres.place(database, world.consultant, centre, world.anna, START)
    with TestClient(create_app(database, secret_key="test")) as client:
        token = client.post("/api/login", json={"username": "konsulent", "password": PASSWORD}).json()["csrf_token"]
        page = client.post(f"/virksomhedscentre/{centre}/placeringer", data={
            "who": "Carla Jensen", "start": START.isoformat(), "csrf_token": token})
    assert page.status_code == 409 and "Alle 1 pladser er optaget" in page.text
