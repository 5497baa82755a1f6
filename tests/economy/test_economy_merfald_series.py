"""Each merfald goal is judged against the comparison group's series for its own benefit group
(the labour-force file's ``benefits`` column); a goal whose group has no series of its own falls
back to the group's total and says so (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
import time_machine
from economy_world import TODAY, build_economy_world

from indsats.services.economy.labour_force import import_labour_force
from indsats.services.shared.errors import InvalidInput
from indsats.services.steering.goals import dashboard

GOAL = """  - id: merfald-{id}
    title: "{id}: merfald"
    kind: local
    measure: expenditure_per_labour_force_person
    benefits: [{benefits}]
    baseline: {{date: 2024-03-31}}
    comparison: {{group: klynge, kind: excess_decline, margin: 0.01}}
    deadline: 2024-12-31
    source: "test"
"""
PLAN = ("""municipality: {code: "250", name: "Frederikssund"}
title: "Testplan med fire merfald"
year: 2024
source: "test"
comparison_groups:
  - {id: klynge, label: "Klynge 9", kind: cluster, municipalities: ["250", "251"]}
result_goals:
""" + GOAL.format(id="kontant", benefits="cash_benefit") + GOAL.format(id="forsikrede", benefits="unemployment_benefit")
        + GOAL.format(id="syge", benefits="sickness_benefit, job_clarification"))

FIGURES = ("area;year;labour_force;expenditure;benefits;source\n"
           "kommune;2024;10.000;;;Danmarks Statistik RAS (test)\n"
           "Klynge 9;2023;200000;1.000.000.000;;jobindsats, alle ydelser (test)\n"
           "Klynge 9;2023;200000;300.000.000;cash_benefit;jobindsats (test)\n"
           "Klynge 9;2023;200000;500.000.000;unemployment_benefit;jobindsats (test)\n")


def test_each_merfald_goal_has_its_own_comparison_series(database, tmp_path, monkeypatch):
    build_economy_world(database)
    (tmp_path / "test-2024.yaml").write_text(PLAN, encoding="utf-8")
    monkeypatch.setenv("INDSATS_PLANS_DIR", str(tmp_path))
    assert import_labour_force(database, "250", FIGURES) == 4
    with time_machine.travel(TODAY, tick=False):
        _, views = dashboard(database, "250", "test-2024", TODAY)
    by_id = {v.goal.id: v for v in views}
    cash, insured, sick = by_id["merfald-kontant"], by_id["merfald-forsikrede"], by_id["merfald-syge"]
    assert cash.attainment.comparison_value == 300_000_000 / 200_000
    assert insured.attainment.comparison_value == 500_000_000 / 200_000
    assert cash.comparison_series == "gruppens udgifter til kontanthjælp"
    # no series for sickness benefit and job clarification: the group's total, said so
    assert sick.attainment.comparison_value == 1_000_000_000 / 200_000
    assert sick.comparison_series.startswith("gruppens udgifter til alle ydelser samlet (ingen serie indlæst for")


def test_an_unknown_benefit_in_the_file_is_refused_naming_line_and_column(database):
    build_economy_world(database)
    with pytest.raises(InvalidInput, match=r"linje 2, kolonne 'benefits'.*'kontanthjælp' er ikke en ydelse"):
        import_labour_force(database, "250", "area;year;labour_force;expenditure;benefits\n"
                                             "Klynge 9;2023;200000;5;kontanthjælp\n")
