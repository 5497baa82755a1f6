"""Synthetic CPR numbers: valid in form, with the century digit that matches the birth year."""

from __future__ import annotations

import random
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indsats.domain import cpr


@given(st.dates(min_value=date(1858, 1, 1), max_value=date(2057, 12, 31)), st.booleans(), st.integers(0, 10**6))
def test_synthetic_cpr_round_trips_the_birth_date_and_sex(birth, female, seed):
    number = cpr.synthetic(birth, female, random.Random(seed))
    assert cpr.birth_date(number) == birth
    assert (int(number[-1]) % 2 == 0) == female


@pytest.mark.parametrize("value, expected", [("010190-1234", "0101901234"), ("0101901234", "0101901234")])
def test_normalise_accepts_with_and_without_dash(value, expected):
    assert cpr.normalise(value) == expected
    assert cpr.formatted(value) == "010190-1234"


@pytest.mark.parametrize("value", ["123", "3201901234", "0113901234", "abcdefghij"])
def test_normalise_refuses_numbers_without_a_valid_date(value):
    with pytest.raises(cpr.InvalidCpr):
        cpr.normalise(value)


def test_citizen_age_counts_whole_years_on_the_day():
    from indsats.domain.models import Citizen

    c = Citizen(None, "0101901234", "A", "B", date(1996, 11, 23), "250")
    assert c.age_on(date(2026, 11, 22)) == 29
    assert c.age_on(date(2026, 11, 23)) == 30
