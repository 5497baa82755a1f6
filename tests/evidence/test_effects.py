"""``indsats effects`` on a simulated panel whose true effects are known (tests/evidence/simulator.py).

Offers go to the short spells, a-dagpenge and the young — persons who leave benefits sooner
anyway — so the naive difference overstates every offer; the estimate must not."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from indsats.cli import app
from indsats.services.evidence import EvidenceError
from indsats.services.evidence.files import offer_effects

FIRST, LAST = 52, 103  # the second simulated year


@pytest.fixture(scope="module")
def at_26(simulation, sim_files):
    panel, persons = sim_files
    return offer_effects(panel, persons, simulation.week(FIRST), simulation.week(LAST), 26)


def test_the_interval_covers_the_true_effect_and_the_naive_difference_misses_it(simulation, at_26):
    truth = simulation.true_effects(FIRST, LAST, 26)
    assert set(at_26["offers"]) == set(truth)
    for offer, row in at_26["offers"].items():
        true = truth[offer]["effect"]
        assert row["starts"] == truth[offer]["starts"]
        assert row["ci_low"] <= true <= row["ci_high"], (offer, row, true)
        assert row["ci_high"] - row["ci_low"] < 0.15, row  # informative, not just wide
        assert not row["ci_low"] <= row["naive_effect"] <= row["ci_high"], (offer, row)
        assert abs(row["naive_effect"] - true) > 3 * abs(row["effect"] - true), (offer, row, true)


def test_the_output_is_the_contract_json(at_26):
    assert at_26["horizon"] == 26
    for row in at_26["offers"].values():
        assert set(row) == {"starts", "treated_rate", "comparison_rate", "effect", "ci_low", "ci_high",
                            "naive_effect"}
        assert row["starts"] >= 30
        assert row["effect"] == round(row["treated_rate"] - row["comparison_rate"], 4)
        for key in ("treated_rate", "comparison_rate"):
            assert 0 <= row[key] <= 1 and round(row[key], 4) == row[key]
        assert row["ci_low"] <= row["effect"] <= row["ci_high"]


def test_lock_in_shows_at_a_short_horizon(simulation, sim_files):
    """Four weeks after the start most are still in the offer: wage subsidy (20 weeks) holds them back."""
    panel, persons = sim_files
    result = offer_effects(panel, persons, simulation.week(FIRST), simulation.week(LAST), 4)
    truth = simulation.true_effects(FIRST, LAST, 4)
    row = result["offers"]["wage_subsidy"]
    assert row["ci_high"] < 0 and truth["wage_subsidy"]["effect"] < 0
    assert row["ci_low"] <= truth["wage_subsidy"]["effect"] <= row["ci_high"]


def test_an_offer_with_fewer_than_30_starts_is_left_out(simulation, sim_files):
    panel, persons = sim_files
    one_week = simulation.week(FIRST)
    result = offer_effects(panel, persons, one_week, simulation.week(FIRST + 2), 26)
    starts = (simulation.starts.week >= FIRST) & (simulation.starts.week <= FIRST + 2)
    counts = {name: int(((simulation.starts.offer == k) & starts).sum()) for k, name in
              enumerate(("company_internship", "wage_subsidy", "guidance_and_upskilling"))}
    assert {k for k, n in counts.items() if n >= 30} == set(result["offers"])
    assert any(n < 30 for n in counts.values())


def test_a_horizon_past_the_panel_is_a_clear_error(simulation, sim_files):
    panel, persons = sim_files
    with pytest.raises(EvidenceError, match="slutter i uge"):
        offer_effects(panel, persons, simulation.week(190), simulation.week(200), 26)
    result = CliRunner().invoke(app, ["effects", str(panel), "--persons", str(persons), "--from", "2021-W60",
                                      "--to", "2021-W10", "--json"])
    assert result.exit_code == 2 and "--from" in result.output and "ISO-uge" in result.output


def test_cli_json(simulation, sim_files):
    panel, persons = sim_files
    result = CliRunner().invoke(app, ["effects", str(panel), "--persons", str(persons), "--from",
                                      simulation.week(FIRST), "--to", simulation.week(FIRST + 12), "--horizon",
                                      "13", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["horizon"] == 13 and data["offers"]
