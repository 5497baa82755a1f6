"""Small panels counted by hand: exact kroner, the steps, the reset of § 6 and its edges."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from economy_helpers import spells, write_panel, write_rates

from indsats.economy.run import economy_for_file

FLAT = [
    {"benefit": "cash_benefit", "valid_from": date(2015, 1, 1), "weekly_rate": Decimal("1000.00"), "scheme": "refusion"},
    {"benefit": "unemployment_benefit", "valid_from": date(2015, 1, 1), "weekly_rate": Decimal("2000.00"),
     "scheme": "cofinancing"},
]


def run(tmp_path, rows, year, rates=FLAT):
    return economy_for_file(write_panel(tmp_path / "p.csv", rows), write_rates(tmp_path / "r.csv", rates), year)


def test_thirty_weeks_of_cash_benefit_in_exact_kroner(tmp_path):
    out = run(tmp_path, spells("A", "2024-W01", [(30, "cash_benefit")]), 2024)
    cash = out["by_benefit"]["cash_benefit"]
    assert cash["weeks_by_step"] == {"1-4": 4, "5-26": 22, "27-52": 4, "53+": 0}
    assert cash["gross"] == 30000.00
    assert cash["refusion"] == 4 * 800 + 22 * 400 + 4 * 300  # 13,200 kr.
    assert cash["cofinancing"] == 0.0
    assert cash["municipal_net"] == 30000 - 13200
    assert out["total"] == cash


def test_co_financing_of_unemployment_benefit_beyond_a_year(tmp_path):
    # 60 weeks from 2023-W40: in 2024 the weeks 14..60 of the period
    out = run(tmp_path, spells("B", "2023-W40", [(60, "unemployment_benefit")]), 2024)
    ub = out["by_benefit"]["unemployment_benefit"]
    assert ub["weeks_by_step"] == {"1-4": 0, "5-26": 13, "27-52": 26, "53+": 8}
    assert ub["gross"] == 47 * 2000
    assert ub["refusion"] == 0.0
    assert ub["cofinancing"] == 13 * 1200 + 26 * 1400 + 8 * 1600
    assert ub["municipal_net"] == ub["cofinancing"]


@pytest.mark.parametrize("gap, steps", [
    (52, {"1-4": 4, "5-26": 1, "27-52": 0, "53+": 0}),  # 52 weeks of self-support: a new period
    (51, {"1-4": 0, "5-26": 5, "27-52": 0, "53+": 0}),  # 51: the period goes on at week 11
])
def test_the_period_starts_over_after_52_weeks_of_self_support(tmp_path, gap, steps):
    # 10 weeks from 2020-W01 (2020 has 53 weeks), the gap, then 5 weeks in 2021
    rows = spells("C", "2020-W01", [(10, "cash_benefit"), (gap, None), (5, "cash_benefit")])
    assert run(tmp_path, rows, 2021)["total"]["weeks_by_step"] == steps


def test_weeks_on_a_benefit_without_a_rate_are_not_self_support(tmp_path):
    # 30 empty weeks + 22 flexjob weeks (no rate): only 30 weeks of self-support, no reset
    rows = spells("D", "2020-W01", [(10, "cash_benefit"), (30, None), (22, "flexjob"), (5, "cash_benefit")])
    out = run(tmp_path, rows, 2021)
    assert out["total"]["weeks_by_step"] == {"1-4": 0, "5-26": 5, "27-52": 0, "53+": 0}
    assert "flexjob" not in out["by_benefit"]


def test_a_week_without_a_rate_neither_adds_to_nor_breaks_the_period(tmp_path):
    rows = spells("E", "2024-W01", [(3, "cash_benefit"), (5, "flexjob"), (3, "cash_benefit")])
    assert run(tmp_path, rows, 2024)["total"]["weeks_by_step"] == {"1-4": 4, "5-26": 2, "27-52": 0, "53+": 0}


def test_self_support_counts_only_within_the_156_weeks_before(tmp_path):
    # 1 week, 30 off, 110 on, 22 off: of the 52 off-weeks only 46 lie in the 156 before the return
    rows = spells("F", "2019-W01", [(1, "cash_benefit"), (30, None), (110, "cash_benefit"), (22, None),
                                    (1, "cash_benefit")])
    out = run(tmp_path, rows, 2022)
    assert out["total"]["weeks_by_step"] == {"1-4": 0, "5-26": 0, "27-52": 0, "53+": 1}
    # with 100 weeks on instead the window holds 30 + 22 = 52 self-support weeks: a new period
    rows = spells("F", "2019-W01", [(1, "cash_benefit"), (30, None), (100, "cash_benefit"), (22, None),
                                    (1, "cash_benefit")])
    assert run(tmp_path, rows, 2021)["by_benefit"]["cash_benefit"]["weeks_by_step"]["1-4"] == 1  # 2021-W49


def test_week_53_belongs_to_its_iso_year(tmp_path):
    rows = spells("G", "2020-W50", [(6, "cash_benefit")])  # 2020-W50..W53, 2021-W01..W02
    assert run(tmp_path, rows, 2020)["total"]["person_weeks"] == 4
    assert run(tmp_path, rows, 2021)["total"]["weeks_by_step"] == {"1-4": 0, "5-26": 2, "27-52": 0, "53+": 0}


def test_a_rate_change_applies_from_the_first_monday_on_or_after_it(tmp_path):
    rates = FLAT + [{"benefit": "cash_benefit", "valid_from": date(2024, 1, 3), "weekly_rate": Decimal("1100.10"),
                     "scheme": "refusion"}]
    # 2024-W01 starts Monday 1 January: still 1000; W02 (8 January) on: 1100.10
    out = run(tmp_path, spells("H", "2024-W01", [(3, "cash_benefit")]), 2024, rates)
    assert out["total"]["gross"] == 1000 + 2 * 1100.10
    assert out["total"]["refusion"] == round(0.8 * (1000 + 2 * 1100.10), 2)


def test_a_benefit_whose_first_rate_comes_later_is_not_counted_before_it(tmp_path):
    rates = FLAT + [{"benefit": "sickness_benefit", "valid_from": date(2024, 3, 4), "weekly_rate": Decimal("4695"),
                     "scheme": "refusion"}]
    rows = spells("I", "2024-W01", [(12, "sickness_benefit")])  # W10 = 4 March
    out = run(tmp_path, rows, 2024, rates)
    assert out["by_benefit"]["sickness_benefit"]["person_weeks"] == 3
    assert out["by_benefit"]["sickness_benefit"]["weeks_by_step"]["1-4"] == 3


def test_an_empty_year_has_zero_totals_and_no_benefits(tmp_path):
    out = run(tmp_path, spells("J", "2020-W01", [(3, "cash_benefit")]), 2024)
    assert out == {"year": 2024, "by_benefit": {}, "total": {
        "person_weeks": 0, "weeks_by_step": {"1-4": 0, "5-26": 0, "27-52": 0, "53+": 0},
        "gross": 0.0, "refusion": 0.0, "cofinancing": 0.0, "municipal_net": 0.0}}


def test_rounding_to_two_decimals_half_up(tmp_path):
    rates = [{"benefit": "cash_benefit", "valid_from": date(2015, 1, 1), "weekly_rate": Decimal("0.125"),
              "scheme": "refusion"}]
    out = run(tmp_path, spells("K", "2024-W01", [(1, "cash_benefit")]), 2024, rates)
    assert out["total"]["gross"] == 0.13 and out["total"]["refusion"] == 0.10 and out["total"]["municipal_net"] == 0.03
