"""``indsats economy`` as a user runs it: JSON, the Danish table, and refused files."""

from __future__ import annotations

import json

from economy_helpers import spells, write_panel, write_rates
from typer.testing import CliRunner

from indsats.cli import app

runner = CliRunner()


def test_json_and_the_danish_table(tmp_path):
    panel = write_panel(tmp_path / "p.csv", spells("A", "2024-W01", [(6, "cash_benefit")]))
    rates = write_rates(tmp_path / "r.csv")
    result = runner.invoke(app, ["economy", str(panel), "--rates", str(rates), "--year", "2024", "--json"])
    assert result.exit_code == 0, result.output
    obj = json.loads(result.stdout)
    assert obj["year"] == 2024 and obj["total"]["person_weeks"] == 6
    table = runner.invoke(app, ["economy", str(panel), "--rates", str(rates), "--year", "2024"])
    assert table.exit_code == 0
    assert "Kontanthjælp" in table.output and "I alt" in table.output and "Refusion" in table.output


def test_the_shipped_rates_are_the_default(tmp_path):
    panel = write_panel(tmp_path / "p.csv", spells("A", "2024-W01", [(1, "unemployment_benefit")]))
    result = runner.invoke(app, ["economy", str(panel), "--year", "2024", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["total"]["gross"] == 4698.23  # 20,359 kr./md. x 12 / 52


def _refused(tmp_path, rates_text=None, panel_rows=None):
    panel = tmp_path / "p.csv"
    if panel_rows is None:
        write_panel(panel, spells("A", "2024-W01", [(2, "cash_benefit")]))
    else:
        panel.write_text(panel_rows, encoding="utf-8")
    rates = tmp_path / "r.csv"
    if rates_text is None:
        write_rates(rates)
    else:
        rates.write_text(rates_text, encoding="utf-8")
    result = runner.invoke(app, ["economy", str(panel), "--rates", str(rates), "--year", "2024", "--json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    return result.stderr


def test_a_malformed_rates_file_is_refused_naming_file_line_and_column(tmp_path):
    header = "benefit,valid_from,weekly_rate,scheme\n"
    msg = _refused(tmp_path, header + "cash_benefit,2024-01-01,2844.46,refusion\ncash_benefit,2024-13-01,1,refusion\n")
    assert "r.csv" in msg and "linje 3" in msg and "kolonne 'valid_from'" in msg
    msg = _refused(tmp_path, header + "cash_benefit,2024-01-01,1.234,50,refusion\n")
    assert "linje 2" in msg and "felter" in msg
    msg = _refused(tmp_path, header + "cash_benefit,2024-01-01,-5,refusion\n")
    assert "linje 2" in msg and "kolonne 'weekly_rate'" in msg
    msg = _refused(tmp_path, header + "cash_benefit,2024-01-01,5,state\n")
    assert "linje 2" in msg and "kolonne 'scheme'" in msg
    msg = _refused(tmp_path, header + "cash_benefit,2024-01-01,5,refusion\ncash_benefit,2024-01-01,6,refusion\n")
    assert "linje 3" in msg and "linje 2" in msg
    msg = _refused(tmp_path, "benefit,valid_from,rate,scheme\n")
    assert "linje 1" in msg and "kolonne 'weekly_rate'" in msg


def test_a_malformed_panel_is_refused_naming_file_line_and_column(tmp_path):
    msg = _refused(tmp_path, panel_rows="person_id,week,benefit\nA,2024-W01,cash_benefit\nA,2023-W53,cash_benefit\n")
    assert "p.csv" in msg and "linje 3" in msg and "kolonne 'week'" in msg and "Panelet afvist" in msg
    msg = _refused(tmp_path, panel_rows="person_id,week,benefit\nA,2024-W01,money\n")
    assert "linje 2" in msg and "kolonne 'benefit'" in msg
