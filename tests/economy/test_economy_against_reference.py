"""The engine equals the plain per-person reference of the contract on random panels:
resets after 52 self-support weeks within 156, gaps, benefits without a rate (never, or not
yet), rate changes in the middle of a year, and the 53-week ISO year 2020."""

from __future__ import annotations

from economy_helpers import RATES, spells, write_panel, write_rates
from economy_reference import reference
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indsats.economy.run import economy_for_file

BENEFITS = [None, None, "cash_benefit", "unemployment_benefit", "sickness_benefit", "flexjob"]

segment = st.tuples(st.integers(min_value=1, max_value=70), st.sampled_from(BENEFITS))
person = st.tuples(st.sampled_from(["2017-W40", "2018-W01", "2019-W10", "2020-W50"]),
                   st.lists(segment, min_size=1, max_size=8))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=st.lists(person, min_size=1, max_size=4), year=st.sampled_from([2019, 2020, 2021]))
def test_engine_equals_reference(tmp_path, people, year):
    rows = []
    for n, (first, pattern) in enumerate(people):
        rows += spells(f"P{n}", first, pattern)
    panel = write_panel(tmp_path / "panel.csv", rows)
    rates = write_rates(tmp_path / "rates.csv")
    assert economy_for_file(panel, rates, year) == reference(rows, RATES, year)


def test_a_long_random_panel_with_many_resets(tmp_path):
    import random

    rng = random.Random(7)
    rows = []
    for p in range(40):
        pattern = [(rng.randint(1, 60), rng.choice(BENEFITS)) for _ in range(12)]
        rows += spells(f"Q{p}", "2016-W20", pattern)
    panel = write_panel(tmp_path / "panel.csv", rows)
    rates = write_rates(tmp_path / "rates.csv")
    for year in (2019, 2020, 2021, 2022):
        assert economy_for_file(panel, rates, year) == reference(rows, RATES, year), year
