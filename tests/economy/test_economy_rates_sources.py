"""The shipped rates: a sourced rate is used; a rate the project could not source (carried
forward from an earlier year, or missing) is flagged in the output with its reason."""

from __future__ import annotations

import csv
import json

from economy_helpers import spells, write_panel
from typer.testing import CliRunner

from indsats.cli import app
from indsats.economy.rates import SHIPPED_RATES, load_rates, rate_warnings, unsourced

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


def test_the_2025_and_2026_unemployment_benefit_rates_are_used_and_not_flagged(tmp_path):
    for year, gross in (
        # bm.dk/satser/satser-for-2025/dagpenge: fuldtidsforsikrede § 47, 21,092 kr./md. x 12 / 52
        (2025, 4867.38),
        # beraknare.se/dagpenge (citing bm.dk/satser/satser-for-2026): 22,041 kr./md. x 12 / 52, confidence U
        (2026, 5086.38),
    ):
        panel = write_panel(tmp_path / f"p{year}.csv", spells("A", f"{year}-W10", [(1, "unemployment_benefit")]))
        result = runner.invoke(app, ["economy", str(panel), "--year", str(year), "--json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["total"]["gross"] == gross
        assert "unemployment_benefit" not in dict(rate_warnings(load_rates(), year, ["unemployment_benefit"]))


def test_the_2020_integration_benefit_rate_is_counted(tmp_path):
    # integration.roskilde.dk/oekonomi: ikke-forsørger 6,142 kr./md. pr. 1. januar 2020 x 12 / 52
    panel = write_panel(tmp_path / "p.csv", spells("A", "2020-W10", [(1, "integration_benefit")]))
    result = runner.invoke(app, ["economy", str(panel), "--year", "2020", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["total"]["gross"] == 1417.38


def _unsourced_years():
    return {(b, y) for b, first, last, _ in unsourced() for y in range(first, last + 1)}


def test_the_unsourced_list_shrank_by_the_rates_now_sourced():
    listed = _unsourced_years()
    for sourced in (("unemployment_benefit", 2025), ("unemployment_benefit", 2026), ("integration_benefit", 2020),
                    ("rehabilitation", 2023), ("rehabilitation", 2024)):
        assert sourced not in listed
    # still unsourced: every other benefit in 2025-2026
    for benefit in ("sickness_benefit", "cash_benefit", "education_benefit", "integration_benefit",
                    "resource_programme", "job_clarification", "flexjob_waiting_benefit", "rehabilitation"):
        assert {(benefit, 2025), (benefit, 2026)} <= listed
    assert len(listed) == 52  # 57 benefit-years listed before, less the three above and rehabilitation 2023-24


def test_every_rated_benefit_year_is_either_sourced_or_listed_never_silently_carried():
    listed = _unsourced_years()
    rated = {(r.benefit, r.valid_from.year) for r in load_rates()}
    assert not rated & listed
    for benefit in {b for b, _ in rated}:
        for year in range(2020, 2027):
            assert (benefit, year) in rated or (benefit, year) in listed, (benefit, year)
