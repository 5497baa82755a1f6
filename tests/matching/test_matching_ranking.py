"""Ranking: occupation first (synonyms, English titles, related trades), then skills and priorities."""

from __future__ import annotations

from indsats.matching.batch import jobs_for_candidate, match_all
from indsats.matching.embedder import HashingEmbedder
from indsats.matching.profiles import Candidate, Job
from indsats.matching.taxonomy import default_taxonomy


def person(cid, occupations, **extra) -> Candidate:
    return Candidate(id=cid, occupations=occupations, languages=["da"], consent=True, **extra)


def ranked(candidates, jobs, top=10):
    return [[m.id for m in matches] for _, matches in match_all(candidates, jobs, top, HashingEmbedder())]


def test_a_danish_abbreviation_and_an_english_title_match_the_occupation():
    candidates = [person("carpenter", ["tømrer"]), person("abbrev", ["SOSU-assistent"]),
                  person("english", ["healthcare assistant"])]
    [order] = ranked(candidates, [Job("j", title="Social- og sundhedsassistent til plejecenter")])
    assert order[-1] == "carpenter"
    assert set(order[:2]) == {"abbrev", "english"}


def test_inflected_and_compound_titles_are_understood():
    taxonomy = default_taxonomy()
    assert taxonomy.resolve("Vi søger kokke").occupation.label_da == "kok"
    assert taxonomy.resolve("natlagermedarbejdere").occupation.label_da == "lagermedarbejder"
    assert taxonomy.resolve("social- og sundhedsassistentuddannelsen").occupation.label_da == "social- og sundhedsassistent"


def test_a_related_occupation_ranks_between_the_same_and_an_unrelated_one():
    candidates = [person("carpenter", ["tømrer"]), person("helper", ["social- og sundhedshjælper"]),
                  person("same", ["sosu-assistent"])]
    [(_, matches)] = match_all(candidates, [Job("j", title="Social- og sundhedsassistent")], embedder=HashingEmbedder())
    assert [m.id for m in matches] == ["same", "helper", "carpenter"]
    assert matches[1].reasons[0] == "related occupation: social- og sundhedshjælper (ISCO 532)"


def test_the_occupation_uri_is_used_when_given():
    uri = next(o.uri for o in default_taxonomy().occupations if o.label_da == "tømrer")
    [order] = ranked([person("cook", ["kok"]), person("carp", ["tømrer"])],
                     [Job("j", title="Medarbejder søges", occupation_uri=uri)])
    assert order[0] == "carp"


def test_skills_named_in_the_job_lift_a_candidate():
    plain = person("plain", ["lagermedarbejder"])
    skilled = person("skilled", ["lagermedarbejder"], skills=["truckkørsel", "plukning"])
    [order] = ranked([plain, skilled], [Job("j", title="Lagermedarbejder", description="Truckkørsel og plukning")])
    assert order == ["skilled", "plain"]


def test_the_long_term_unemployed_come_first_among_equals_and_it_is_said():
    short = person("short", ["rengøringsassistent"], weeks_unemployed=4)
    long_term = person("long", ["rengøringsassistent"], weeks_unemployed=60)
    [(_, matches)] = match_all([short, long_term], [Job("j", title="Rengøringsassistent")], embedder=HashingEmbedder())
    assert [m.id for m in matches] == ["long", "short"]
    assert "60 weeks unemployed" in matches[0].reasons
    assert any("long-term" in r for r in matches[0].reasons)
    assert matches[0].reasons[0] == "same occupation: rengøringsassistent"


def test_top_k_and_job_order_are_kept_and_scores_fall():
    candidates = [person(f"c{i}", ["butiksassistent"], weeks_unemployed=i) for i in range(15)]
    jobs = [Job("b", title="Ekspedient"), Job("a", title="Butiksassistent")]
    results = match_all(candidates, jobs, top=10, embedder=HashingEmbedder())
    assert [j.id for j, _ in results] == ["b", "a"]
    for _, matches in results:
        assert len(matches) == 10
        assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)


def test_job_orders_for_a_candidate_best_first():
    candidate = person("c", ["truckfører"], driving_licence=False)
    jobs = [Job("cook", title="Kok"), Job("truck", title="Truckfører til lager"),
            Job("driver", title="Truckfører", requires_driving_licence=True)]
    order = [j.id for j, _ in jobs_for_candidate(candidate, jobs, embedder=HashingEmbedder())]
    assert order[0] == "truck" and "driver" not in order


def test_an_esco_uri_outside_the_taxonomy_still_matches_the_same_uri():
    uri = "http://data.europa.eu/esco/occupation/00000000-not-in-the-curated-file"
    candidates = [person("other", ["bager"], occupation_uris=["http://data.europa.eu/esco/occupation/x"]),
                  person("same", ["glassblæser"], occupation_uris=[uri])]
    [(_, matches)] = match_all(candidates, [Job("j", title="Håndværker", occupation_uri=uri)], embedder=HashingEmbedder())
    assert [m.id for m in matches] == ["same", "other"]
    assert matches[0].reasons[0] == "same occupation: glassblæser"


def test_an_esco_uri_outside_the_curated_file_is_understood_through_its_english_labels():
    from indsats.matching.taxonomy import esco_labels

    mover = next(uri for uri, text in esco_labels().items() if text.startswith("moving truck driver"))
    pasta = next(uri for uri, text in esco_labels().items() if text.startswith("pasta operator"))
    assert mover not in default_taxonomy().by_uri and pasta not in default_taxonomy().by_uri
    candidates = [Candidate(id="pasta", occupation_uris=[pasta], consent=True),
                  Candidate(id="mover", occupation_uris=[mover], consent=True)]
    [(_, matches)] = match_all(candidates, [Job("j", title="Lastbilchauffør")], embedder=HashingEmbedder())
    assert [m.id for m in matches] == ["mover", "pasta"]
    assert matches[0].reasons[0] == "same occupation: lastbilchauffør"
