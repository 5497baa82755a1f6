"""The KPIs of contracts/kpis.md against hand counts and an independent pandas reading."""

from __future__ import annotations

import json

import pytest
from kpi_reference import kpis as reference
from kpi_reference import random_panel
from typer.testing import CliRunner

from indsats.analytics.engine import kpis_for_file
from indsats.cli import app


def write(tmp_path, rows, name="panel.csv"):
    path = tmp_path / name
    lines = ["person_id,week,benefit,readiness,offer"] + [",".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def weeks_from(first_year, first_week, n):
    from datetime import date, timedelta

    start = date.fromisocalendar(first_year, first_week, 1)
    out = []
    for k in range(n):
        y, w, _ = (start + timedelta(weeks=k)).isocalendar()
        out.append(f"{y}-W{w:02d}")
    return out


def test_long_term_unemployed_needs_42_of_52_weeks(tmp_path):
    weeks = weeks_from(2023, 1, 52)  # 2023-W01 .. 2023-W52
    rows = [("a", w, "unemployment_benefit", "", "") for w in weeks[-42:]]  # exactly 42
    rows += [("b", w, "unemployment_benefit", "", "") for w in weeks[-41:]]  # 41
    rows += [("c", w, "cash_benefit", "activity_ready", "") for w in weeks]  # not gross unemployed
    result = kpis_for_file(write(tmp_path, rows), None, "2023-W52")[0]
    assert result["long_term_unemployed"] == 1
    assert result["gross_unemployed"] == 2
    assert result["public_support_fte"] == round((42 + 41 + 52) / 52, 2)


def test_long_term_counts_only_if_gross_unemployed_in_the_week(tmp_path):
    weeks = weeks_from(2023, 1, 52)
    rows = [("a", w, "unemployment_benefit", "", "") for w in weeks[:51]]
    rows.append(("a", weeks[51], "sickness_benefit", "", ""))
    result = kpis_for_file(write(tmp_path, rows), None, "2023-W52")[0]
    assert result["long_term_unemployed"] == 0
    assert result["by_benefit"]["sickness_benefit"]["persons"] == 1


def test_flexjob_over_a_53_week_year_is_one_spell(tmp_path):
    # 2020 has 53 ISO weeks: 2020-W53 -> 2021-W01 are consecutive; 2020-W52 -> 2021-W01 are not.
    rows = [("a", "2020-W50", "flexjob", "", ""), ("a", "2020-W51", "flexjob", "", ""),
            ("a", "2020-W52", "flexjob", "", ""), ("a", "2020-W53", "flexjob", "", ""),
            ("a", "2021-W01", "flexjob", "", ""),
            ("b", "2020-W52", "flexjob", "", ""), ("b", "2021-W01", "flexjob", "", "")]
    path = write(tmp_path, rows)
    # One year after 2020-W50 ends in 2021-W48: a's only start is still inside; at 2021-W49 it is not.
    inside, outside = kpis_for_file(path, None, "2021-W48")[0], kpis_for_file(path, None, "2021-W49")[0]
    assert inside["new_flexjobs"] == 2
    assert outside["new_flexjobs"] == 1  # b restarted in 2021-W01 after the gap in 2020-W53


def test_first_panel_week_counts_as_start_and_inflow(tmp_path):
    rows = [("a", "2024-W01", "flexjob", "", ""), ("a", "2024-W02", "flexjob", "", ""),
            ("b", "2024-W01", "disability_pension", "", ""), ("b", "2024-W02", "disability_pension", "", "")]
    result = kpis_for_file(write(tmp_path, rows), None, "2024-W02")[0]
    assert result["new_flexjobs"] == 1
    assert result["disability_pension_inflow"] == 1


def test_youth_age_on_monday_and_missing_persons_file(tmp_path):
    rows = [("a", "2024-W02", "cash_benefit", "job_ready", ""), ("b", "2024-W02", "cash_benefit", "job_ready", "")]
    persons = tmp_path / "persons.csv"
    # Monday of 2024-W02 is 2024-01-08: a turns 30 that very day, b the day after.
    persons.write_text("person_id,birth_date\na,1994-01-08\nb,1994-01-09\n")
    path = write(tmp_path, rows)
    assert kpis_for_file(path, persons, "2024-W02")[0]["youth_on_public_support"] == 1
    assert kpis_for_file(path, None, "2024-W02")[0]["youth_on_public_support"] is None


def test_shares_null_on_zero_denominator_and_rounded(tmp_path):
    rows = [("a", "2024-W10", "sickness_benefit", "", "")]
    result = kpis_for_file(write(tmp_path, rows), None, "2024-W10")[0]
    assert result["activation_rate"] is None and result["company_activation_share"] is None
    rows = [("a", "2024-W10", "unemployment_benefit", "", "company_internship"),
            ("a", "2024-W11", "unemployment_benefit", "", "mentor"),
            ("a", "2024-W12", "unemployment_benefit", "", "")]
    result = kpis_for_file(write(tmp_path, rows), None, "2024-W12")[0]
    assert result["activation_rate"] == 0.6667
    assert result["company_activation_share"] == 0.5


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_series_matches_independent_reference_on_duckdb(tmp_path, seed):
    panel, persons = random_panel(seed, persons=40, first="2019-W40", weeks=80)
    p, q = tmp_path / "panel.parquet", tmp_path / "persons.csv"
    panel.to_parquet(p, index=False)
    persons.to_csv(q, index=False)
    weeks = ["2019-W40", "2020-W10", "2020-W39", "2020-W53", "2021-W01", "2021-W14", "2022-W05"]
    series = {r["week"]: r for r in kpis_for_file(p, q, "2019-W40", "2022-W05")}
    for week in weeks:
        assert series[week] == reference(panel, persons, week), week


def test_cli_as_of_and_series_json(tmp_path):
    panel, persons = random_panel(7, persons=15, first="2023-W01", weeks=60)
    p, q = tmp_path / "panel.csv", tmp_path / "persons.csv"
    panel.to_csv(p, index=False)
    persons.to_csv(q, index=False)
    runner = CliRunner()
    res = runner.invoke(app, ["kpi", str(p), "--persons", str(q), "--as-of", "2024-W05", "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output) == reference(panel, persons, "2024-W05")
    res = runner.invoke(app, ["kpi", str(p), "--series", "2024-W01", "2024-W03"])
    assert [r["week"] for r in json.loads(res.output)] == ["2024-W01", "2024-W02", "2024-W03"]
