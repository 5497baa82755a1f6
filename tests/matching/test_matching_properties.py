"""Properties of the matcher on generated candidates and job orders (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from indsats.matching.batch import match_all
from indsats.matching.geo import haversine_km
from indsats.matching.profiles import Candidate, Job

TITLES = ["lagermedarbejder", "kok", "SOSU-assistent", "tømrer", "warehouse worker", "butiksassistent", "xyz"]
LANGS = ["da", "en", "pl"]

points = st.one_of(st.none(), st.tuples(st.floats(54.6, 57.7), st.floats(8.1, 12.7)))
candidates = st.builds(
    lambda i, titles, licence, langs, point, commute, needs, hours, weeks, consent: Candidate(
        id=i, occupations=titles, driving_licence=licence, languages=langs,
        lat=point[0] if point else None, lon=point[1] if point else None, max_commute_km=commute,
        accommodation_needs=needs, max_hours=hours, weeks_unemployed=weeks, consent=consent),
    st.integers(0, 10**6), st.lists(st.sampled_from(TITLES), max_size=2), st.booleans(),
    st.lists(st.sampled_from(LANGS), max_size=3, unique=True), points,
    st.one_of(st.none(), st.floats(1, 200)), st.lists(st.sampled_from(["no_heavy_lifting", "no_night_work"]), unique=True),
    st.one_of(st.none(), st.sampled_from([10.0, 20.0, 30.0, 37.0])), st.integers(0, 150),
    st.sampled_from([True, False, None]),
)
jobs = st.builds(
    lambda title, point, hours, licence, langs, heavy, night: Job(
        id="j", title=title, lat=point[0] if point else None, lon=point[1] if point else None,
        hours_per_week=hours, requires_driving_licence=licence, requires_languages=langs,
        heavy_lifting=heavy, night_work=night),
    st.sampled_from(TITLES), points, st.one_of(st.none(), st.sampled_from([15.0, 25.0, 37.0])), st.booleans(),
    st.lists(st.sampled_from(LANGS), max_size=2, unique=True), st.booleans(), st.booleans(),
)


def breaks_a_hard_constraint(c: Candidate, j: Job) -> bool:
    """The contract's list, written out once more, independently of the vectorised code."""
    if c.consent is not True:
        return True
    if None not in (c.lat, c.lon, j.lat, j.lon) and c.max_commute_km is not None:
        if haversine_km(c.lat, c.lon, j.lat, j.lon) > c.max_commute_km + 1e-3:
            return True
    if (j.heavy_lifting and "no_heavy_lifting" in c.accommodation_needs) or (
            j.night_work and "no_night_work" in c.accommodation_needs):
        return True
    if j.hours_per_week is not None and c.max_hours is not None and j.hours_per_week > c.max_hours:
        return True
    return (j.requires_driving_licence and not c.driving_licence) or not set(j.requires_languages) <= set(c.languages)


@settings(max_examples=150, deadline=None)
@given(st.lists(candidates, max_size=25, unique_by=lambda c: c.id), jobs, st.integers(1, 12))
def test_nobody_breaking_a_hard_constraint_is_proposed_and_everyone_else_can_be(pool, job, top):
    [(_, matches)] = match_all(pool, [job], top=top)
    by_id = {c.id: c for c in pool}
    assert all(not breaks_a_hard_constraint(by_id[m.id], job) for m in matches)
    eligible = [c for c in pool if not breaks_a_hard_constraint(c, job)]
    # Distances right at the commute limit may round either way in float32; allow that one case.
    assert abs(len(matches) - min(top, len(eligible))) <= sum(
        1 for c in eligible if c.max_commute_km is not None and None not in (c.lat, c.lon, job.lat, job.lon)
        and abs(haversine_km(c.lat, c.lon, job.lat, job.lon) - c.max_commute_km) < 0.01)
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    assert len({m.id for m in matches}) == len(matches)


@settings(max_examples=60, deadline=None)
@given(st.lists(candidates, min_size=1, max_size=15, unique_by=lambda c: c.id), jobs)
def test_a_candidate_gaining_weeks_of_unemployment_never_falls_in_score(pool, job):
    [(_, before)] = match_all(pool, [job], top=len(pool))
    target = pool[0]
    longer = [Candidate(**{**{f: getattr(c, f) for f in Candidate.__slots__},
                           "weeks_unemployed": (c.weeks_unemployed or 0) + 20}) if c is target else c for c in pool]
    [(_, after)] = match_all(longer, [job], top=len(pool))
    old = {m.id: m.score for m in before}
    new = {m.id: m.score for m in after}
    if target.id in old:
        assert new[target.id] >= old[target.id]
