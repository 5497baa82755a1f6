"""Property tests: on any small panel (hypothesis), the engine equals the independent reading,
and adding a benefit week never lowers a person count of that week."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kpi_reference import STATES, week_str
from kpi_reference import kpis as reference

from indsats.analytics.engine import kpis_for_file

START = date(2019, 11, 4)  # 2019-W45; the span crosses 2020-W53
OFFERS = ["", "company_internship", "wage_subsidy", "mentor", "job_rotation"]

cells = st.dictionaries(
    keys=st.tuples(st.integers(0, 5), st.integers(0, 75)),
    values=st.tuples(st.integers(0, len(STATES) - 1), st.sampled_from(OFFERS)),
    max_size=160,
)


def frame(data: dict) -> pd.DataFrame:
    rows = [(f"p{p}", week_str(START + timedelta(weeks=w)), STATES[s][0], STATES[s][1], o)
            for (p, w), (s, o) in sorted(data.items())]
    return pd.DataFrame(rows, columns=["person_id", "week", "benefit", "readiness", "offer"])


PERSONS = pd.DataFrame({"person_id": [f"p{i}" for i in range(6)],
                        "birth_date": ["1990-11-09", "1996-02-29", "2000-01-01", "1960-06-30", "1994-01-08",
                                       "1989-12-31"]})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=cells, at=st.integers(0, 90))
def test_engine_equals_reference_on_any_panel(tmp_path, data, at):
    panel = frame(data)
    path, persons = tmp_path / "p.csv", tmp_path / "q.csv"
    panel.to_csv(path, index=False)
    PERSONS.to_csv(persons, index=False)
    week = week_str(START + timedelta(weeks=at))
    assert kpis_for_file(path, persons, week)[0] == reference(panel, PERSONS, week)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=cells, extra=st.tuples(st.integers(0, 5), st.integers(0, 75), st.integers(0, len(STATES) - 1)))
def test_one_more_benefit_week_never_lowers_persons_or_fte(tmp_path, data, extra):
    person, week, state = extra
    if (person, week) in data:
        return
    bigger = dict(data)
    bigger[(person, week)] = (state, "")
    at = week_str(START + timedelta(weeks=week))
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    frame(data).to_csv(a, index=False)
    frame(bigger).to_csv(b, index=False)
    before, after = kpis_for_file(a, None, at)[0], kpis_for_file(b, None, at)[0]
    assert after["public_support_persons"] == before["public_support_persons"] + 1
    assert after["public_support_fte"] >= before["public_support_fte"]
