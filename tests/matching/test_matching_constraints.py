"""Hard constraints: a candidate who breaks one is never proposed, whatever the score."""

from __future__ import annotations

import pytest

from indsats.matching.batch import match_all
from indsats.matching.embedder import HashingEmbedder
from indsats.matching.geo import haversine_km, postcode_point
from indsats.matching.profiles import Candidate, Job


def sosu(cid="c", **overrides) -> Candidate:
    fields = dict(id=cid, occupations=["SOSU-assistent"], skills=["personlig pleje"], driving_licence=True,
                  languages=["da"], lat=55.68, lon=12.57, max_commute_km=30, max_hours=37,
                  weeks_unemployed=10, consent=True)
    fields.update(overrides)
    return Candidate(**fields)


def job(**overrides) -> Job:
    fields = dict(id="j", title="Social- og sundhedsassistent til plejecenter", lat=55.70, lon=12.52,
                  hours_per_week=30, requires_languages=["da"])
    fields.update(overrides)
    return Job(**fields)


def proposed(candidates, the_job) -> list:
    [(_, matches)] = match_all(candidates, [the_job], top=10, embedder=HashingEmbedder())
    return [m.id for m in matches]


def test_a_fitting_candidate_is_proposed():
    assert proposed([sosu()], job()) == ["c"]


@pytest.mark.parametrize(
    ("candidate", "the_job"),
    [
        (sosu(consent=False), job()),
        (sosu(consent=None), job()),
        (sosu(max_commute_km=2), job()),
        (sosu(accommodation_needs=["no_heavy_lifting"]), job(heavy_lifting=True)),
        (sosu(accommodation_needs=["no_night_work"]), job(night_work=True)),
        (sosu(max_hours=20), job(hours_per_week=37)),
        (sosu(driving_licence=False), job(requires_driving_licence=True)),
        (sosu(languages=["en"]), job(requires_languages=["da"])),
        (sosu(languages=["da"]), job(requires_languages=["da", "de"])),
    ],
    ids=["no-consent", "consent-missing", "commute", "heavy-lifting", "night-work", "hours", "licence",
         "language", "second-language"],
)
def test_a_candidate_breaking_a_hard_constraint_is_never_proposed(candidate, the_job):
    assert proposed([candidate], the_job) == []


def test_needs_that_the_job_does_not_touch_do_not_exclude():
    candidate = sosu(accommodation_needs=["no_heavy_lifting", "no_night_work"], max_hours=30)
    assert proposed([candidate], job(heavy_lifting=False, night_work=False, hours_per_week=30)) == ["c"]


def test_language_names_and_codes_are_the_same_language():
    assert proposed([sosu(languages=["Dansk"])], job(requires_languages=["da"])) == ["c"]


def test_commute_uses_listed_postcodes_when_locations_are_missing():
    far = sosu(lat=None, lon=None, postcode="9000", max_commute_km=50)  # Aalborg
    near = sosu("near", lat=None, lon=None, postcode="2400", max_commute_km=50)  # København NV
    assert proposed([far, near], job(lat=None, lon=None, postcode="2700")) == ["near"]


def test_an_unlisted_postcode_never_excludes_but_is_shown_as_approximate():
    candidate = sosu(lat=None, lon=None, postcode="2791", max_commute_km=1)
    assert postcode_point("2799") is not None and not postcode_point("2799").exact
    [(_, matches)] = match_all([candidate], [job(lat=None, lon=None, postcode="2799")], embedder=HashingEmbedder())
    assert [m.id for m in matches] == ["c"]
    assert any("postcode" in r for r in matches[0].reasons)


def test_great_circle_distance_copenhagen_to_aarhus():
    assert haversine_km(55.6761, 12.5683, 56.1629, 10.2039) == pytest.approx(157, abs=2)


def test_an_unlisted_postcode_excludes_only_a_candidate_clearly_too_far_away():
    # 9990 Skagen (listed) for the candidate; the job at unlisted 2799, placed at 2791 Dragør.
    far = sosu("far", lat=None, lon=None, postcode="9990", max_commute_km=50)
    near = sosu("near", lat=None, lon=None, postcode="2770", max_commute_km=1)
    assert proposed([far, near], job(lat=None, lon=None, postcode="2799")) == ["near"]
