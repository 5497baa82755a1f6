"""Malformed panels are refused with file, row and column named; DREAM's wide layout."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from indsats.analytics.dream import dream_to_panel
from indsats.analytics.engine import kpis_for_file
from indsats.analytics.panel import PanelError
from indsats.cli import app

HEADER = "person_id,week,benefit,readiness,offer\n"


@pytest.mark.parametrize(
    ("body", "row", "column"),
    [
        ("a,2024-W01,unemployment_benefit,,\nb,2024-W60,unemployment_benefit,,\n", 2, "week"),
        ("a,2024-W53,unemployment_benefit,,\n", 1, "week"),
        ("a,2024-W01,dagpenge,,\n", 1, "benefit"),
        ("a,2024-W01,cash_benefit,ready,\n", 1, "readiness"),
        ("a,2024-W01,cash_benefit,job_ready,Virksomheds praktik\n", 1, "offer"),
        (",2024-W01,cash_benefit,job_ready,\n", 1, "person_id"),
        ("a,2024-W01,cash_benefit,,\nb,2024-W01,cash_benefit,,\na,2024-W01,flexjob,,\n", 3, "week"),
    ],
)
def test_malformed_panel_names_file_row_and_column(tmp_path, body, row, column):
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + body)
    with pytest.raises(PanelError) as err:
        kpis_for_file(path, None, "2024-W01")
    message = str(err.value)
    assert str(path) in message and f"row {row} " in message and f"column '{column}'" in message


def test_missing_column_and_bad_persons(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("person_id,benefit\na,cash_benefit\n")
    with pytest.raises(PanelError, match="missing column.*week"):
        kpis_for_file(path, None, "2024-W01")
    path.write_text(HEADER + "a,2024-W01,cash_benefit,job_ready,\n")
    persons = tmp_path / "persons.csv"
    persons.write_text("person_id,birth_date\na,1990-02-30\n")
    with pytest.raises(PanelError, match=r"persons.csv: row 1 .*column 'birth_date'"):
        kpis_for_file(path, persons, "2024-W01")


def test_cli_refuses_with_exit_status_2(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "a,2024-W01,nothing,,\n")
    result = CliRunner().invoke(app, ["kpi", str(path), "--as-of", "2024-W01", "--json"])
    assert result.exit_code == 2
    assert "column 'benefit'" in result.output


def test_dream_wide_layout_gives_the_same_kpis_as_the_long_panel(tmp_path):
    wide = tmp_path / "dream.csv"
    wide.write_text("person_id,y_2052,y_2053,y_2101\np1,111,113,130\np2,,181,181\np3,200,200,\n")
    long = tmp_path / "long.csv"
    long.write_text(HEADER + "p1,2020-W52,unemployment_benefit,,\np1,2020-W53,unemployment_benefit,,company_internship\n"
                    "p1,2021-W01,cash_benefit,job_ready,\np2,2020-W53,flexjob,,\np2,2021-W01,flexjob,,\n"
                    "p3,2020-W52,disability_pension,,\np3,2020-W53,disability_pension,,\n")
    assert kpis_for_file(wide, None, "2021-W01") == kpis_for_file(long, None, "2021-W01")
    out = tmp_path / "converted.csv"
    assert dream_to_panel(wide, out) == 7


def test_dream_unknown_code_is_refused(tmp_path):
    wide = tmp_path / "dream.csv"
    wide.write_text("person_id,y_2401,y_2402\np1,111,111\np2,111,555\n")
    with pytest.raises(PanelError, match=r"dream.csv: row 2 .*column 'y_2402'.*'555'"):
        kpis_for_file(wide, None, "2024-W02")
