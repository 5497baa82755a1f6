"""The employment plan as data: shipped plans load, bad plans are refused clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from indsats.plan import PlanError, load_plan, parse_plan

PLANS = sorted((Path(__file__).resolve().parents[2] / "plans").glob("*.yaml"))


def test_all_shipped_plans_load():
    assert len(PLANS) >= 6
    for path in PLANS:
        plan = load_plan(path)
        assert plan.municipality.code.isdigit()


def test_frederikssund_2014_goals_as_the_seed_states_them():
    plan = load_plan(next(p for p in PLANS if p.name == "frederikssund-2014.yaml"))
    ltu = plan.goal("langtidsledighed")
    assert (ltu.measure, ltu.target_value, ltu.direction, str(ltu.deadline)) == (
        "long_term_unemployed", 323, "lower", "2014-12-31")
    assert plan.goal("fortidspension").target_value == 41
    assert plan.goal("ordinaere-job").target_value == 100
    flex = plan.goal("nye-fleksjob")
    assert (flex.target_value, flex.direction) == (80, "higher")


def test_hedensted_contact_rhythm_has_the_agreed_shape():
    plan = load_plan(next(p for p in PLANS if p.name == "hedensted-2020.yaml"))
    rhythm = {r.competence_group: r for r in plan.contact_rhythm}
    assert rhythm["jobparate"].benefits == ["cash_benefit"]
    assert rhythm["jobparate"].readiness == ["job_ready"]
    assert rhythm["jobparate"].interval_days == 42
    assert rhythm["dagpenge"].readiness is None


def test_relative_target_is_computed_from_the_baseline():
    plan = parse_plan(BASE + """
result_goals:
  - id: ltu
    title: "Færre langtidsledige"
    measure: long_term_unemployed
    baseline: {date: 2012-12-31, value: 360}
    target: {relative_change: -0.103, bound: at_most}
    deadline: 2014-12-31
""")
    assert plan.goal("ltu").target_value == pytest.approx(322.92)


BASE = """
municipality: {code: "250", name: "Frederikssund"}
title: "Plan"
year: 2014
"""


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("result_goals:\n  - id: a\n    title: x\n    measure: nonsense\n    deadline: 2014-12-31\n",
         "line 8: result_goals[0].measure: unknown measure 'nonsense'"),
        ("result_goals:\n  - id: a\n    title: x\n    measure: long_term_unemployed\n    target: {value: ten, bound: at_most}\n"
         "    deadline: 2014-12-31\n", "line 9: result_goals[0].target.value"),
        ("contact_rhythm:\n  - competence_group: j\n    label: J\n    benefits: [cash]\n    interval_days: 42\n    source: s\n",
         "line 8: contact_rhythm[0].benefits: unknown benefit 'cash'"),
        ("contact_rhythm:\n  - competence_group: j\n    label: J\n    benefits: [cash_benefit]\n    intervall_days: 42\n"
         "    source: s\n", "contact_rhythm[0].intervall_days: Extra inputs are not permitted"),
        ("result_goals:\n  - id: a\n    title: x\n    measure: jobs_filled\n    deadline: 2014-12-31\n",
         "needs a 'target' or a 'comparison'"),
    ],
)
def test_bad_plan_names_file_line_and_field(tmp_path, body, expected):
    path = tmp_path / "bad.yaml"
    path.write_text(BASE + body, encoding="utf-8")
    with pytest.raises(PlanError) as err:
        load_plan(path)
    assert str(path) in str(err.value)
    assert expected in str(err.value)


def test_not_yaml_and_missing_file(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("municipality: [unclosed\n")
    with pytest.raises(PlanError, match="broken.yaml: line 2"):
        load_plan(path)
    with pytest.raises(PlanError, match="cannot read"):
        load_plan(tmp_path / "none.yaml")


def test_cross_reference_error_points_at_the_goal(tmp_path):
    path = tmp_path / "ref.yaml"
    path.write_text(BASE + "result_goals:\n  - id: a\n    title: x\n    measure: jobs_filled\n"
                    "    minister_goal: m9\n    target: {value: 1, bound: at_least}\n    deadline: 2014-12-31\n")
    with pytest.raises(PlanError, match=r"line 9: result_goals\[0\]\.minister_goal: no minister goal 'm9'"):
        load_plan(path)
