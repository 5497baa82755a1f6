"""A match's reasons: one structured value, English for the batch contract, Danish for the pages."""

from __future__ import annotations

import json

import pytest

from indsats.matching import reasons as r
from indsats.matching.reasons import Reason, parse_en

# (reason, English as in shared/contracts/matching.md, Danish as a consultant writes it)
CASES = [
    (Reason(r.SAME_OCCUPATION, "social- og sundhedsassistent"),
     "same occupation: social- og sundhedsassistent", "samme fag: social- og sundhedsassistent"),
    (Reason(r.SAME_OCCUPATION), "same occupation: same ESCO URI", "samme fag (samme ESCO-kode)"),
    (Reason(r.RELATED_OCCUPATION, "social- og sundhedshjælper", "532"),
     "related occupation: social- og sundhedshjælper (ISCO 532)", "beslægtet fag: social- og sundhedshjælper (ISCO 532)"),
    (Reason(r.SIMILAR_TITLE, "lagerarbejder"), "similar title: lagerarbejder", "lignende jobtitel: lagerarbejder"),
    (Reason(r.SKILLS, ("truckkørsel", "plukning")), "skills: truckkørsel, plukning", "kompetencer: truckkørsel, plukning"),
    (Reason(r.DISTANCE, 12.4), "12 km", "12 km"),
    (Reason(r.DISTANCE_BY_POSTCODE, 7.6), "about 8 km (postcode)", "ca. 8 km (efter postnummer)"),
    (Reason(r.WEEKS_UNEMPLOYED, 31), "31 weeks unemployed", "31 ugers ledighed"),
    (Reason(r.WEEKS_UNEMPLOYED, 1), "1 weeks unemployed", "1 uges ledighed"),
    (Reason(r.LONG_TERM_UNEMPLOYED), "long-term unemployed: a priority of the plan",
     "langtidsledig: prioriteret i planen"),
    (Reason(r.TEXT, "noget andet"), "noget andet", "noget andet"),
]


@pytest.mark.parametrize(("reason", "english", "danish"), CASES, ids=lambda c: getattr(c, "kind", None))
def test_each_kind_of_reason_renders_in_danish_and_in_the_contracts_english(reason, english, danish):
    assert reason.da() == danish
    assert reason.en() == english


def test_every_kind_is_covered_by_a_danish_case():
    kinds = {value for name, value in vars(r).items() if name.isupper() and isinstance(value, str)}
    assert kinds == {reason.kind for reason, _, _ in CASES}


@pytest.mark.parametrize(("reason", "english", "danish"), CASES, ids=lambda c: getattr(c, "kind", None))
def test_a_reason_survives_storage_and_an_old_english_phrase_is_read_back(reason, english, danish):
    assert Reason.from_json(json.loads(json.dumps(reason.as_json()))) == reason
    assert parse_en(english).da() == danish


def test_an_unknown_stored_reason_is_shown_as_it_was():
    assert Reason.from_json("a phrase from elsewhere").da() == "a phrase from elsewhere"
    assert Reason.from_json({"kind": "shoe_size", "value": 44}).da() == "44"
