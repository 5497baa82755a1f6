"""The shipped rates: a sourced rate is used; a rate the project could not source (carried
forward from an earlier year, or missing) is flagged in the output with its reason."""

from __future__ import annotations

import csv
import json

from economy_helpers import spells, write_panel
from typer.testing import CliRunner

from indsats.cli import app
from indsats.economy.rates import SHIPPED_RATES, load_rates, rate_warnings

runner = CliRunner()


def test_every_shipped_rate_names_its_source_and_confidence():
    with SHIPPED_RATES.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows and all(r["source"].strip() and r["basis"].strip() and r["confidence"] in ("V", "2nd", "U")
                        for r in rows)


def test_a_sourced_rate_is_used_and_not_flagged(tmp_path):
    panel = write_panel(tmp_path / "p.csv", spells("A", "2021-W10", [(1, "cash_benefit")]))
    result = runner.invoke(app, ["economy", str(panel), "--year", "2021", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["total"]["gross"] == 2699.54  # 11,698 kr./md. x 12 / 52 (bm.dk 2021)
    assert "Kontanthjælp" not in result.stderr
    assert "Førtidspension" in result.stderr  # no rate at all: flagged on standard error beside the JSON


def test_a_carried_forward_rate_is_flagged_in_the_table(tmp_path):
    panel = write_panel(tmp_path / "p.csv", spells("A", "2025-W10", [(2, "cash_benefit")]))
    table = runner.invoke(app, ["economy", str(panel), "--year", "2025"])
    assert table.exit_code == 0, table.output
    assert "Satser uden kilde" in table.output
    assert "Kontanthjælp: satsen for 2025-2026 er ikke fundet" in table.output.replace("\n   ", " ")
    notes = dict(rate_warnings(load_rates(), 2021, ["education_benefit"]))
    assert notes["education_benefit"].endswith("2020-satsen videreføres")
    assert "cash_benefit" not in notes and "disability_pension" in notes
