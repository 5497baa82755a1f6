"""Goal attainment, the jobindsats importer and the store's own figures."""

from __future__ import annotations

import json
from datetime import date

import pytest

from indsats.analytics.goals import assess, trajectory_value
from indsats.analytics.jobindsats import JobindsatsError, period_end, read_export, value_for
from indsats.plan import parse_plan

PLAN = """
municipality: {code: "250", name: "Frederikssund"}
title: "Plan"
year: 2014
comparison_groups: [{id: klynge, label: "Klynge 3"}]
result_goals:
  - id: ltu
    title: "Højst 323 langtidsledige"
    measure: long_term_unemployed
    baseline: {date: 2012-12-31, value: 360}
    target: {value: 323, bound: at_most}
    deadline: 2014-12-31
  - id: jobs
    title: "100 job"
    measure: jobs_filled
    target: {value: 100, bound: at_least}
    deadline: 2014-12-31
  - id: merfald
    title: "Merfald"
    measure: public_support_fte
    baseline: {date: 2016-12-31}
    comparison: {group: klynge, kind: excess_decline, margin: 0.01}
    better: lower
    deadline: 2017-12-31
  - id: ltu-with-cluster
    title: "Højst 323 langtidsledige, vist mod klyngen"
    measure: long_term_unemployed
    baseline: {date: 2012-12-31, value: 360}
    target: {value: 323, bound: at_most}
    comparison: {group: klynge, kind: excess_decline}
    deadline: 2014-12-31
  - id: relative
    title: "Minus 10 pct."
    measure: youth_on_public_support
    baseline: {date: 2016-12-31}
    target: {relative_change: -0.10, bound: at_most}
    deadline: 2017-12-31
"""


@pytest.fixture
def plan():
    return parse_plan(PLAN)


def test_trajectory_halfway_and_status_either_side(plan):
    goal = plan.goal("ltu")
    halfway = date(2013, 12, 31)
    path = trajectory_value(360, date(2012, 12, 31), 323, date(2014, 12, 31), halfway)
    assert path == pytest.approx(341.5, abs=0.1)
    assert assess(goal, halfway, 340).status == "on_track"
    assert assess(goal, halfway, 350).status == "at_risk"  # 2.5 % above the trajectory
    assert assess(goal, halfway, 370).status == "off_track"
    final = assess(goal, date(2014, 12, 31), 323)
    assert (final.status, final.attainment) == ("on_track", 1.0)
    assert assess(goal, date(2015, 1, 10), 324).status == "off_track"


def test_goal_without_baseline_is_judged_against_the_target(plan):
    goal = plan.goal("jobs")
    assert assess(goal, date(2014, 6, 30), 99).status == "at_risk"
    assert assess(goal, date(2014, 12, 31), 100).status == "on_track"
    assert assess(goal, date(2014, 12, 31), None).status == "no_data"


def test_excess_decline_against_the_comparison_group(plan):
    goal = plan.goal("merfald")
    # own: 1000 -> 950 (-5 %); group: -3 % → needs <= -4 %: met
    ok = assess(goal, date(2017, 12, 31), 950, measured_baseline=1000, comparison_value=97, comparison_baseline=100)
    assert ok.status == "on_track" and ok.own_change == -0.05 and ok.comparison_change == -0.03
    bad = assess(goal, date(2017, 12, 31), 990, measured_baseline=1000, comparison_value=97, comparison_baseline=100)
    assert bad.status == "off_track"
    assert assess(goal, date(2017, 12, 31), 990, measured_baseline=1000).status == "no_data"


def test_a_goal_with_a_target_is_judged_by_the_target_and_shows_the_comparison(plan):
    """Frederikssund 2014: 'højst 323' is the goal; the cluster is shown beside it, it does not decide."""
    goal = plan.goal("ltu-with-cluster")
    # the municipality rose 5 % while the cluster rose 10 %: better than the cluster, but far above the target path
    worse = assess(goal, date(2013, 12, 31), 378, comparison_value=110, comparison_baseline=100)
    assert worse.status == "off_track"
    assert (worse.comparison_value, worse.comparison_change) == (110, 0.1)
    better = assess(goal, date(2013, 12, 31), 340, comparison_value=90, comparison_baseline=100)
    assert better.status == "on_track" and better.comparison_change == -0.1
    assert assess(goal, date(2013, 12, 31), 340).status == "on_track"  # no comparison figures needed


def test_relative_target_uses_the_measured_baseline(plan):
    result = assess(plan.goal("relative"), date(2017, 12, 31), 85, measured_baseline=100)
    assert (result.target, result.status) == (90.0, "on_track")


def test_a_relative_target_from_baseline_0_has_no_basis_not_on_track(plan):
    result = assess(plan.goal("relative"), date(2017, 6, 30), 0, measured_baseline=0)
    assert result.status == "no_basis" and result.status_da == "Ingen basis"
    assert result.status_da != "På rette vej" and result.notes


def test_jobindsats_periods_and_export(tmp_path):
    assert period_end("2024M03") == date(2024, 3, 31)
    assert period_end("2024M02") == date(2024, 2, 29)
    assert period_end("2024QMAT03") == date(2024, 3, 31)
    assert period_end("2023Q4") == date(2023, 12, 31)
    assert period_end("2024") == date(2024, 12, 31)
    with pytest.raises(ValueError):
        period_end("2024M13")
    path = tmp_path / "export.json"
    path.write_text(json.dumps([{
        "Measurement": "Fuldtidspersoner",
        "Variables": [{"Name": "area", "Label": "Område"}, {"Name": "period", "Label": "Periode"},
                      {"Name": "value", "Label": "Fuldtidspersoner"}],
        "Data": [["Klynge 3", "2016M12", "1.234,5"], ["Klynge 3", "2017M12", "1.111,0"],
                 ["Frederikssund", "2017M12", "800"]],
    }]), encoding="utf-8")
    figures = read_export(path)
    assert value_for(figures, "klynge 3", date(2017, 12, 31)) == 1111.0
    assert value_for(figures, "Klynge 3", date(2017, 6, 30)) == 1234.5
    path.write_text('{"Variables": ["a"], "Data": [["x"]]}')
    with pytest.raises(JobindsatsError, match="no column holds periods"):
        read_export(path)


def test_the_dashboard_picks_the_municipalitys_plan_for_the_year(tmp_path, monkeypatch):
    from indsats.services.steering.goals import resolve_plan_name

    for name, code, year in [("a-2026", "250", 2026), ("demo-x", "250", 2026), ("old", "766", 2019),
                             ("demo-frederikssund", "250", 2026)]:
        (tmp_path / f"{name}.yaml").write_text(
            f'municipality: {{code: "{code}", name: "K"}}\ntitle: "P"\nyear: {year}\n', encoding="utf-8")
    monkeypatch.setenv("INDSATS_PLANS_DIR", str(tmp_path))
    assert resolve_plan_name(None, "250", 2026) == "demo-x"  # own plan for the year, the demo one first
    assert resolve_plan_name("old", "250", 2026) == "old"  # asked for by name
    assert resolve_plan_name(None, "766", 2026) == "old"  # own plan is stale: still its own, never Frederikssund's
    assert resolve_plan_name(None, "101", 2026) == "demo-frederikssund"  # no plan of its own
