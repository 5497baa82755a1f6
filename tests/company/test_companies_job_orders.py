"""Job orders, matching from the store, proposals, the company portal's isolation, company centres."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

import pytest

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.matching.reasons import ABOUT_UNEMPLOYMENT, SAME_OCCUPATION, Reason
from indsats.services.company import centres as company_centres
from indsats.services.company import job_orders
from indsats.services.company import portal as company_portal
from indsats.services.company.candidates import get_profile, parse_profile, save_profile
from indsats.services.shared.errors import Conflict, Forbidden, InvalidInput, NotFound

from .company_world import LAGER, PLEJE, TODAY, build_company_world


@pytest.fixture(autouse=True)
def _cheap_embedder(monkeypatch):
    monkeypatch.setenv("INDSATS_EMBEDDER", "hashing")


def _order(database, user, cvr=LAGER, **fields):
    data = dict(title="Lagermedarbejder", description="Plukning og truckkørsel", hours_per_week=37,
                requires_languages=["da"], heavy_lifting=True)
    data.update(fields)
    return job_orders.create_job_order(database, user, cvr, job_orders.parse_job_order(data), TODAY)


def test_a_job_order_gets_its_occupation_and_moves_from_open_to_filled(database):
    world = build_company_world(database)
    job_id = _order(database, world.consultant)
    row = job_orders.get_job_order(database, world.consultant, job_id)
    assert (row.status, row.occupation_label, row.postcode) == ("open", "lagermedarbejder", "3600")
    job_orders.set_status(database, world.consultant, job_id, "filled", date(2026, 11, 30))
    with pytest.raises(InvalidInput, match="kan ikke ændres"):
        job_orders.set_status(database, world.consultant, job_id, "open", date(2026, 12, 1))


def test_jobs_filled_counts_filled_orders_by_their_date_inclusive(database):
    world = build_company_world(database)
    first, second, third = (_order(database, world.consultant) for _ in range(3))
    job_orders.set_status(database, world.consultant, first, "filled", date(2026, 11, 2))
    job_orders.set_status(database, world.consultant, second, "filled", date(2026, 12, 31))
    job_orders.set_status(database, world.consultant, third, "cancelled", date(2026, 11, 5))
    assert job_orders.count_jobs_filled(database, "250", date(2026, 11, 2), date(2026, 12, 31)) == 2
    assert job_orders.count_jobs_filled(database, "250", date(2026, 11, 3), date(2026, 12, 30)) == 0
    assert job_orders.count_jobs_filled(database, "766", date(2026, 1, 1), date(2026, 12, 31)) == 0
    flex = _order(database, world.consultant, kind="flexjob", hours_per_week=15)
    job_orders.set_status(database, world.consultant, flex, "filled", date(2026, 11, 10))
    assert job_orders.count_jobs_filled(database, "250", date(2026, 11, 1), date(2026, 12, 31)) == 3
    assert job_orders.count_jobs_filled(database, "250", date(2026, 11, 1), date(2026, 12, 31), kind="ordinary") == 2


def test_bad_job_order_input_is_named(database):
    world = build_company_world(database)
    with pytest.raises(InvalidInput, match="'kind'"):
        _order(database, world.consultant, kind="freelance")
    with pytest.raises(InvalidInput, match="'hours_per_week'"):
        _order(database, world.consultant, hours_per_week=80)


def test_ranking_proposes_only_consenting_candidates_who_meet_the_hard_constraints(database):
    world = build_company_world(database)
    job_id = _order(database, world.consultant)
    ranked = job_orders.rank_candidates(database, world.consultant, job_id, TODAY)
    ids = [r.citizen_id for r in ranked]
    assert ids[0] == world.anna
    assert world.bo not in ids  # no consent
    assert world.carla not in ids  # no heavy lifting
    assert Reason(SAME_OCCUPATION, "lagermedarbejder") in ranked[0].reasons
    with pytest.raises(InvalidInput, match="samtykke"):
        job_orders.propose(database, world.consultant, job_id, world.bo, TODAY)
    with pytest.raises(InvalidInput, match="krav"):
        job_orders.propose(database, world.consultant, job_id, world.carla, TODAY)
    job_orders.propose(database, world.consultant, job_id, world.anna, TODAY)
    assert job_orders.get_job_order(database, world.consultant, job_id).status == "in_progress"


def test_the_portal_shows_a_company_its_own_orders_and_summaries_and_nothing_else(database):
    world = build_company_world(database)
    lager_job = _order(database, world.consultant)
    pleje_job = _order(database, world.consultant, cvr=PLEJE, title="Social- og sundhedsassistent", heavy_lifting=False,
                       hours_per_week=30)
    job_orders.propose(database, world.consultant, lager_job, world.anna, TODAY)
    job_orders.propose(database, world.consultant, pleje_job, world.carla, TODAY)

    assert [j.id for j in company_portal.own_job_orders(database, world.lager_user)] == [lager_job]
    job, proposed = company_portal.own_job_order(database, world.lager_user, lager_job)
    assert job.id == lager_job and len(proposed) == 1
    shown = asdict(proposed[0].candidate)
    assert shown["occupations"] == ["lagermedarbejder"] and shown["reference"].startswith("K-")
    text = repr(shown) + repr(proposed[0].reasons)
    assert "Anna" not in text and "Jensen" not in text and "unemployed" not in text
    assert proposed[0].reasons and not {r.kind for r in proposed[0].reasons} & ABOUT_UNEMPLOYMENT
    assert "no_heavy_lifting" not in repr(company_portal.own_job_order(database, world.pleje_user, pleje_job))
    with pytest.raises(NotFound):
        company_portal.own_job_order(database, world.pleje_user, lager_job)
    with pytest.raises(NotFound):
        company_portal.answer_proposal(database, world.pleje_user, proposed[0].proposal_id, "interview")
    with pytest.raises(Forbidden):
        company_portal.own_job_orders(database, world.consultant)
    with pytest.raises(Forbidden):
        job_orders.list_job_orders(database, world.lager_user)


def test_withdrawn_consent_hides_the_candidate_from_the_company(database):
    world = build_company_world(database)
    job_id = _order(database, world.consultant)
    job_orders.propose(database, world.consultant, job_id, world.anna, TODAY)
    profile = get_profile(database, world.consultant, world.anna, TODAY).profile
    with pytest.raises(Forbidden, match="samtykke"):  # the consultant may not withdraw it for her
        save_profile(database, world.consultant, world.anna, profile.model_copy(update={"consent": False}), TODAY)
    caseworker = User(900, "sagsbehandler", Role.CASEWORKER, "250", "Sagsbehandler")
    save_profile(database, caseworker, world.anna, profile.model_copy(update={"consent": False}), TODAY)
    assert company_portal.own_job_order(database, world.lager_user, job_id)[1] == []
    with pytest.raises(NotFound, match="kandidat"):  # and without consent she is no candidate to him
        get_profile(database, world.consultant, world.anna, TODAY)


def test_profiles_are_validated_and_weeks_of_unemployment_counted(database):
    world = build_company_world(database)
    with pytest.raises(InvalidInput, match="skånebehov"):
        parse_profile({"accommodation_needs": ["no_stairs"]})
    view = get_profile(database, world.consultant, world.anna, TODAY)
    assert view.weeks_unemployed == (TODAY - date(2025, 9, 1)).days // 7
    with pytest.raises(NotFound):
        get_profile(database, world.consultant_766, world.anna, TODAY)


def test_a_company_centre_has_fixed_places_and_shows_who_is_placed(database):
    world = build_company_world(database)
    centre = company_centres.create_centre(database, world.consultant, PLEJE, "Plejecentret", 2, "Lone Madsen",
                                           date(2026, 1, 1))
    first = company_centres.place(database, world.consultant, centre, world.anna, date(2026, 10, 1))
    company_centres.place(database, world.consultant, centre, world.carla, date(2026, 10, 15))
    with pytest.raises(Conflict, match="Alle 2 pladser"):
        company_centres.place(database, world.consultant, centre, world.bo, date(2026, 10, 20))
    company_centres.end_placement(database, world.consultant, first, date(2026, 10, 20))
    company_centres.place(database, world.consultant, centre, world.bo, date(2026, 10, 20))
    [view] = company_centres.centres(database, world.consultant, TODAY)
    assert sorted(p.name for p in view.placed) == ["Bo Jensen", "Carla Jensen"] and view.occupancy == 1.0
    assert [p.name for p in company_centres.centres(database, world.consultant, date(2026, 10, 16))[0].placed] == [
        "Anna Jensen", "Carla Jensen"]
