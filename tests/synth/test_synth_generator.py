"""The in-memory generator: deterministic, valid identities, coherent case histories."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.dk import cpr as stdnum_cpr
from stdnum.dk import cvr as stdnum_cvr

from indsats.domain.enums import COMPANY_ORIENTED_OFFERS, CaseEventType, ConversationKind, ConversationStatus
from indsats.synth.generator import generate_municipality, split_citizens
from indsats.synth.profiles import FREDERIKSSUND, HEDENSTED, TEAMS

AS_OF = date(2025, 6, 30)


@pytest.fixture(scope="module")
def frederikssund():
    return generate_municipality("250", seed=7, as_of=AS_OF, citizens=3000)


def _fingerprint(m):
    return (
        [(c.cpr, c.first_name, c.last_name, c.birth_date, c.address, c.postcode, c.caseworker_id) for c in m.citizens],
        [(s.id, s.citizen_id, s.benefit, s.readiness, s.start, s.end, s.sickness_category) for s in m.spells],
        [(v.id, v.citizen_id, v.date, v.kind, v.status, v.caseworker_id) for v in m.conversations],
        [(o.id, o.citizen_id, o.offer_type, o.start, o.end, o.company_cvr) for o in m.offers],
        [(e.id, e.citizen_id, e.date, e.type, e.data) for e in m.events],
        [(c.cvr, c.name, c.employees) for c in m.companies],
        [(k.company_cvr, k.date, k.schemes) for k in m.company_contacts],
        [(w.name, w.initials, w.team_id) for w in m.caseworkers],
    )


def test_same_seed_gives_the_same_municipality_and_another_seed_does_not(frederikssund):
    again = generate_municipality("250", seed=7, as_of=AS_OF, citizens=3000)
    other = generate_municipality("250", seed=8, as_of=AS_OF, citizens=3000)
    assert _fingerprint(again) == _fingerprint(frederikssund)
    assert _fingerprint(other) != _fingerprint(frederikssund)


def test_worker_processes_do_not_change_the_result(frederikssund):
    parallel = generate_municipality("250", seed=7, as_of=AS_OF, citizens=3000, workers=2)
    assert _fingerprint(parallel) == _fingerprint(frederikssund)


def test_exactly_the_requested_number_of_citizens_and_the_split_over_two_municipalities():
    assert len(generate_municipality("766", seed=1, as_of=AS_OF, citizens=1234).citizens) == 1234
    sizes = split_citizens(["250", "766"], 100_000)
    assert sum(sizes.values()) == 100_000
    assert sizes["250"] > sizes["766"]
    assert split_citizens(["250", "766"], None) == {"250": FREDERIKSSUND.default_citizens,
                                                    "766": HEDENSTED.default_citizens}


def test_citizens_have_valid_unique_synthetic_cpr_numbers_matching_birth_and_sex(frederikssund):
    numbers = [c.cpr for c in frederikssund.citizens]
    assert len(set(numbers)) == len(numbers)
    for citizen in frederikssund.citizens:
        assert citizen.synthetic is True
        assert stdnum_cpr.get_birth_date(citizen.cpr) == citizen.birth_date
    females = {c.first_name for c in frederikssund.citizens if int(c.cpr[-1]) % 2 == 0}
    assert "Anne" in females or "Mette" in females or len(females) > 50


def test_addresses_are_in_the_municipalitys_own_postcodes(frederikssund):
    allowed = {(p.code, p.city) for p in FREDERIKSSUND.postcodes}
    assert {(c.postcode, c.city) for c in frederikssund.citizens} <= allowed
    assert {(c.postcode, c.city) for c in frederikssund.companies} <= allowed
    assert all(c.address and c.address[-1].isalnum() for c in frederikssund.citizens)


def test_companies_have_valid_unique_cvr_numbers_and_a_skewed_size(frederikssund):
    cvrs = [c.cvr for c in frederikssund.companies]
    assert len(set(cvrs)) == len(cvrs)
    assert all(stdnum_cvr.is_valid(c) for c in cvrs)
    sizes = sorted(c.employees for c in frederikssund.companies)
    assert sizes[len(sizes) // 2] <= 10 < sizes[-1]
    assert all(c.industry_code.count(".") == 2 for c in frederikssund.companies)


def test_two_municipalities_sharing_the_cvr_register_never_collide():
    taken: set[str] = set()
    a = generate_municipality("250", seed=1, as_of=AS_OF, citizens=500, taken_cvr=taken)
    b = generate_municipality("766", seed=1, as_of=AS_OF, citizens=500, taken_cvr=taken)
    assert not {c.cvr for c in a.companies} & {c.cvr for c in b.companies}


def test_spells_are_ordered_do_not_overlap_and_cover_three_years(frederikssund):
    by_citizen = defaultdict(list)
    for spell in frederikssund.spells:
        assert spell.end is None or spell.end > spell.start
        by_citizen[spell.citizen_id].append(spell)
    window_start = AS_OF.replace(year=AS_OF.year - 3)
    changes = 0
    for spells in by_citizen.values():
        assert spells[-1].end is None or spells[-1].end > window_start  # every citizen is in the window
        for before, after in zip(spells, spells[1:], strict=False):
            assert before.end is not None and before.end <= after.start
            changes += before.end == after.start and before.benefit != after.benefit
    assert changes > 30  # benefit changes (ydelsesskift) happen
    assert len(by_citizen) == len(frederikssund.citizens)
    assert min(s.start for s in frederikssund.spells) <= window_start


def test_every_target_group_is_present(frederikssund):
    benefits = {str(s.benefit) for s in frederikssund.spells}
    assert benefits >= {"unemployment_benefit", "cash_benefit", "education_benefit", "sickness_benefit",
                        "job_clarification", "resource_programme", "flexjob_waiting_benefit", "rehabilitation",
                        "integration_benefit", "flexjob", "disability_pension"}
    readiness = {(str(s.benefit), str(s.readiness)) for s in frederikssund.spells}
    assert ("cash_benefit", "job_ready") in readiness and ("cash_benefit", "activity_ready") in readiness
    assert ("education_benefit", "obviously_education_ready") in readiness


def test_education_benefit_only_under_thirty(frederikssund):
    births = {c.id: c.birth_date for c in frederikssund.citizens}
    for spell in frederikssund.spells:
        if spell.benefit == "education_benefit":
            born = births[spell.citizen_id]
            last_day = (spell.end or AS_OF) - timedelta(days=1)
            assert last_day < born.replace(year=born.year + 30) if born.month != 2 or born.day != 29 else True


def test_sickness_spells_carry_a_category_and_follow_ups_come_as_events(frederikssund):
    """The law service derives sick_leave_start from the spell, so no case event repeats it."""
    sick = [s for s in frederikssund.spells if s.benefit == "sickness_benefit"]
    assert sick and all(spell.sickness_category in (1, 2, 3) for spell in sick)
    assert {s.sickness_category for s in sick} == {1, 2, 3}
    types = {e.type for e in frederikssund.events}
    assert CaseEventType.SICK_LEAVE_START not in types
    assert CaseEventType.FOLLOWUP in types
    followups = defaultdict(list)
    for e in frederikssund.events:
        if e.type == CaseEventType.FOLLOWUP:
            followups[e.citizen_id].append(e.date)
    long_sick = [s for s in sick if s.sickness_category in (2, 3) and s.end and (s.end - s.start).days > 90]
    first_by_week_8 = sum(any(s.start <= d <= s.start + timedelta(days=55) for d in followups[s.citizen_id])
                          for s in long_sick)
    assert 0.75 <= first_by_week_8 / len(long_sick) < 1.0


def test_from_2024_the_unemployment_fund_holds_the_first_conversations():
    m = generate_municipality("250", seed=2, as_of=date(2025, 12, 31), citizens=1500)
    fund = [v for v in m.conversations if v.note == "Samtale i a-kassen"]
    assert fund and all(v.caseworker_id is None and v.date >= date(2024, 1, 1) for v in fund)
    starts = {(s.citizen_id): s.start for s in m.spells if s.benefit == "unemployment_benefit"
              and s.start >= date(2024, 1, 1)}
    first = {}
    for v in sorted(fund, key=lambda v: v.date):
        first.setdefault(v.citizen_id, v.date)
    within_two_weeks = sum((first[c] - starts[c]).days <= 14 for c in first if c in starts)
    assert 0.75 <= within_two_weeks / len(first) < 1.0


def test_active_citizens_have_a_caseworker_in_the_team_for_their_benefit(frederikssund):
    team_of = {w.id: w.team_id for w in frederikssund.caseworkers}
    teams = {t.id: t for t in frederikssund.teams}
    current = {s.citizen_id: s for s in frederikssund.spells if s.end is None}
    assigned = 0
    for citizen in frederikssund.citizens:
        spell = current.get(citizen.id)
        if spell is None or spell.benefit in ("disability_pension", "flexjob"):
            assert citizen.caseworker_id is None
            continue
        team = teams[team_of[citizen.caseworker_id]]
        assert str(spell.benefit) in team.target_groups
        assert citizen.municipality_code == team.municipality_code == "250"
        assigned += 1
    assert assigned > 300
    assert {t.name for t in frederikssund.teams} >= {spec.name for spec in TEAMS}


def test_conversations_held_before_as_of_and_only_booked_after(frederikssund):
    for conversation in frederikssund.conversations:
        if conversation.date > AS_OF:
            assert conversation.status == ConversationStatus.BOOKED
        else:
            assert conversation.status in (ConversationStatus.HELD, ConversationStatus.NO_SHOW)
    kinds = {v.kind for v in frederikssund.conversations}
    assert ConversationKind.JOINT in kinds


def test_contact_process_is_mostly_but_not_always_on_time(frederikssund):
    """4 conversations in the first six months of each unemployment-benefit spell that lasted that long."""
    held = defaultdict(list)
    for v in frederikssund.conversations:
        if v.status == ConversationStatus.HELD and v.kind == ConversationKind.INDIVIDUAL:
            held[v.citizen_id].append(v.date)
    met = total = 0
    for spell in frederikssund.spells:
        if spell.benefit != "unemployment_benefit" or spell.start < date(2020, 1, 1) or spell.start >= date(2024, 1, 1):
            continue
        deadline = spell.start + timedelta(days=182)
        if (spell.end or AS_OF) <= deadline or deadline > AS_OF:
            continue
        total += 1
        met += sum(1 for d in held[spell.citizen_id] if spell.start <= d <= deadline) >= 4
    assert total > 50
    assert 0.75 <= met / total <= 0.97


def test_first_conversation_within_a_week_of_first_contact_mostly(frederikssund):
    contacts = [e for e in frederikssund.events if e.type == CaseEventType.FIRST_CONTACT]
    held = defaultdict(list)
    for v in frederikssund.conversations:
        if v.status == ConversationStatus.HELD:
            held[v.citizen_id].append(v.date)
    on_time = sum(any(e.date <= d <= e.date + timedelta(days=7) for d in held[e.citizen_id]) for e in contacts)
    assert len(contacts) > 100
    assert 0.75 <= on_time / len(contacts) < 1.0


def test_company_oriented_offers_name_a_company_of_the_municipality(frederikssund):
    cvrs = {c.cvr for c in frederikssund.companies}
    company_offers = [o for o in frederikssund.offers if o.offer_type in COMPANY_ORIENTED_OFFERS]
    assert company_offers
    assert all(o.company_cvr in cvrs for o in company_offers)
    assert all(o.company_cvr is None for o in frederikssund.offers if o.offer_type not in COMPANY_ORIENTED_OFFERS)
    assert all(o.end > o.start and o.given_on < o.start and o.hours_per_week > 0 for o in frederikssund.offers)


def test_first_offer_for_unemployment_benefit_comes_around_six_months(frederikssund):
    first_offer = {}
    for o in sorted(frederikssund.offers, key=lambda o: o.start):
        first_offer.setdefault(o.citizen_id, o.start)
    delays = [(first_offer[s.citizen_id] - s.start).days for s in frederikssund.spells
              if s.benefit == "unemployment_benefit" and s.citizen_id in first_offer
              and s.start <= first_offer[s.citizen_id] < (s.end or date.max)]
    assert delays
    in_time = sum(90 <= d <= 182 for d in delays) / len(delays)
    assert 0.7 <= in_time < 1.0


def test_company_contacts_by_company_consultants(frederikssund):
    consultants = {w.id for w in frederikssund.caseworkers
                   if any(t.id == w.team_id and t.name == "Virksomhedsservice" for t in frederikssund.teams)}
    assert frederikssund.company_contacts
    assert {k.consultant_id for k in frederikssund.company_contacts} <= consultants
    allowed = {"wage_subsidy", "company_internship", "flexjob", "mentor", "job_rotation", "adult_apprentice"}
    assert all(set(k.schemes) <= allowed for k in frederikssund.company_contacts)
    assert all(AS_OF - timedelta(days=3 * 366) <= k.date <= AS_OF for k in frederikssund.company_contacts)


def test_active_citizens_have_a_plan_in_danish(frederikssund):
    planned = {p.citizen_id for p in frederikssund.plans}
    active = {c.id for c in frederikssund.citizens if c.caseworker_id is not None}
    assert planned == active
    assert all(p.goal and p.activities for p in frederikssund.plans)


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32), as_of=st.dates(date(2016, 1, 1), date(2030, 12, 31)))
def test_any_seed_and_date_give_a_coherent_small_municipality(seed, as_of):
    m = generate_municipality("766", seed=seed, as_of=as_of, citizens=60)
    assert len(m.citizens) == 60 and len({c.cpr for c in m.citizens}) == 60
    ages = {c.id: c for c in m.citizens}
    last_end: dict[int, date] = {}
    for spell in m.spells:  # per citizen in order, no overlap, nobody on benefit from age 67
        assert spell.start <= as_of
        assert spell.end is None or spell.start < spell.end
        assert last_end.get(spell.citizen_id, date.min) <= spell.start
        last_end[spell.citizen_id] = spell.end or date.max
        assert ages[spell.citizen_id].age_on(spell.start) < 67
    assert all(v.status == ConversationStatus.BOOKED for v in m.conversations if v.date > as_of)
    assert all(e.date <= as_of for e in m.events)
