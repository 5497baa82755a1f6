"""Expenditure per person in the labour force: the import, the municipality's own figure from
its panel and rates, and a merfald goal judged against the comparison group on the goals page
instead of "Ingen data" (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from economy_world import TODAY, build_economy_world
from typer.testing import CliRunner

from indsats.services.economy.labour_force import expenditure_per_person, import_labour_force
from indsats.services.shared.errors import InvalidInput
from indsats.services.steering.goals import dashboard

PLAN = """
municipality: {code: "250", name: "Frederikssund"}
title: "Testplan med merfald"
year: 2024
source: "test"
comparison_groups:
  - {id: klynge, label: "Klynge 9", kind: cluster, municipalities: ["250", "251"]}
result_goals:
  - id: merfald-kontanthjaelp
    title: "Kontanthjælp: merfald på 1 pct. i udgifter pr. person i arbejdsstyrken"
    kind: local
    measure: expenditure_per_labour_force_person
    benefits: [cash_benefit]
    baseline: {date: 2024-03-31}
    comparison: {group: klynge, kind: excess_decline, margin: 0.01}
    deadline: 2024-12-31
    source: "test"
"""

FIGURES = ("area;year;labour_force;expenditure;source\n"
           "kommune;2024;10.000;;Danmarks Statistik RAS (test)\n"
           "Klynge 9;2023;200000;1.000.000.000;jobindsats (test)\n"
           "Klynge 9;2024;201000;1.020.000.000;jobindsats (test)\n")


def test_the_municipalitys_figure_is_its_gross_expenditure_over_the_year_per_person(database):
    build_economy_world(database)
    assert expenditure_per_person(database, "250", TODAY, ["cash_benefit"]) is None  # no labour force yet
    assert import_labour_force(database, "250", FIGURES) == 3
    # Anna: cash benefit 2024-W01..W22 = 22 weeks in the 52 ending 2024-W22, at 2,844.46 kr.
    assert expenditure_per_person(database, "250", TODAY, ["cash_benefit"]) == round(22 * 2844.46 / 10000, 2)
    # Bo: unemployment benefit in all 52 weeks: 30 in 2023 (4,552.62) and 22 in 2024 (4,698.23)
    assert expenditure_per_person(database, "250", TODAY, ["unemployment_benefit"]) == round(
        (30 * 4552.62 + 22 * 4698.23) / 10000, 2)


def test_a_bad_labour_force_file_is_refused_naming_line_and_column_and_nothing_is_loaded(database):
    build_economy_world(database)
    with pytest.raises(InvalidInput, match=r"linje 3, kolonne 'labour_force'"):
        import_labour_force(database, "250", "area;year;labour_force\nkommune;2024;100\nkommune;2023;mange\n")
    with pytest.raises(InvalidInput, match=r"linje 2, kolonne 'expenditure'"):
        import_labour_force(database, "250", "area;year;labour_force\nKlynge 9;2024;100\n")
    assert expenditure_per_person(database, "250", TODAY, ["cash_benefit"]) is None


def test_the_merfald_goal_is_judged_against_the_comparison_group(database, tmp_path, monkeypatch):
    build_economy_world(database)
    (tmp_path / "test-2024.yaml").write_text(PLAN, encoding="utf-8")
    monkeypatch.setenv("INDSATS_PLANS_DIR", str(tmp_path))
    import_labour_force(database, "250", FIGURES)
    with time_machine.travel(TODAY, tick=False):
        _, views = dashboard(database, "250", "test-2024", TODAY)
    view = views[0]
    assert view.available, view.reason
    assert view.attainment.actual == round(22 * 2844.46 / 10000, 2)
    # in June 2024 the group's latest figure is its 2023 one (dated 31 December 2023)
    assert view.attainment.comparison_value == round(1_000_000_000 / 200_000, 2)
    assert view.attainment.own_change is not None  # judged by the change since the baseline
    assert view.attainment.status != "no_data"


def test_a_merfald_goal_before_the_shipped_rates_says_so_instead_of_0_kr(database, tmp_path, monkeypatch):
    """Hedensted's 2017 goals: the spells exist, the rates start in 2020; the figure is unknown, not 0 kr."""
    build_economy_world(database)
    old = PLAN.replace("2024-03-31", "2016-12-31").replace("2024-12-31", "2017-12-31").replace("year: 2024", "year: 2017")
    (tmp_path / "test-2017.yaml").write_text(old, encoding="utf-8")
    monkeypatch.setenv("INDSATS_PLANS_DIR", str(tmp_path))
    import_labour_force(database, "250", FIGURES.replace("kommune;2024", "kommune;2016"))
    assert expenditure_per_person(database, "250", date(2017, 12, 31), ["cash_benefit"]) is None
    with time_machine.travel(TODAY, tick=False):
        _, views = dashboard(database, "250", "test-2017", TODAY)
    view = views[0]
    assert view.attainment.actual is None and not view.available
    assert view.reason == ("Udgifterne kan ikke beregnes for perioden: satserne for ydelserne gælder først fra "
                           "1. januar 2020, og målet kræver et helt år med satser.")


def test_labour_force_command(database, tmp_path):
    from indsats.cli import app

    build_economy_world(database)
    f = tmp_path / "arbejdsstyrke.csv"
    f.write_text(FIGURES, encoding="utf-8")
    result = CliRunner().invoke(app, ["labour-force", str(f), "--municipality", "250", "--database", database.url])
    assert result.exit_code == 0, result.output
    assert "Indlæst: 3" in result.output
    bad = tmp_path / "bad.csv"
    bad.write_text("area;year\nkommune;2024\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["labour-force", str(bad), "--municipality", "250", "--database", database.url])
    assert result.exit_code == 2 and "linje 1, kolonne 'labour_force'" in result.stderr
    assert date(2024, 1, 1)  # the figures above are for 2024
