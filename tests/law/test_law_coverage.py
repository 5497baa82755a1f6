"""The coverage measure of the 75 % / 25 % quota duties (indsats.law.coverage), from the engine's
own obligations: per cohort (entry month), group and actor."""

from __future__ import annotations

from law_helpers import ev

from indsats.law import compute, parse_timeline
from indsats.law.coverage import FUND, MUNICIPALITY, OFFER, coverage


def _dagpenge(citizen: str, start: str, *more: dict, as_of: str = "2027-01-15") -> list:
    timeline = parse_timeline({"citizen": {"id": citizen}, "as_of": as_of,
                               "events": [ev(start, "benefit_start", benefit="unemployment_benefit"), *more]})
    return compute(timeline).obligations


def _row(rows, measure, group, actor, cohort="2026-07"):
    found = [r for r in rows if (r.cohort, r.measure, r.group, r.actor) == (cohort, measure, group, actor)]
    assert len(found) == 1, rows
    return found[0]


def _two_municipal_conversations() -> list[dict]:
    return [ev("2026-10-05", "conversation"), ev("2026-11-05", "conversation")]


def test_a_cohort_of_four_one_met_one_exempt_two_not_met() -> None:
    obligations = (_dagpenge("a", "2026-07-01", *_two_municipal_conversations())
                   + _dagpenge("b", "2026-07-10", ev("2026-07-11", "quota_exemption", scope="conversations"))
                   + _dagpenge("c", "2026-07-15") + _dagpenge("d", "2026-07-03", ev("2026-10-31", "conversation")))
    row = _row(coverage(obligations), "conversations", "dagpenge", MUNICIPALITY)
    assert (row.n, row.met, row.exempt_by_quota, row.not_met, row.open) == (4, 1, 1, 2, 0)
    assert row.coverage == 0.25 and row.exempt_share == 0.25
    assert row.warning and not row.over_cap and row.below_quota


def test_the_fund_is_measured_apart_from_the_municipality() -> None:
    obligations = _dagpenge("a", "2026-07-01", ev("2026-07-05", "conversation"), ev("2026-08-05", "conversation"))
    rows = coverage(obligations)
    fund = _row(rows, "conversations", "dagpenge", FUND)
    municipality = _row(rows, "conversations", "dagpenge", MUNICIPALITY)
    assert (fund.met, fund.n) == (1, 1)
    assert (municipality.met, municipality.not_met) == (0, 1)


def test_open_deadlines_are_counted_as_open_and_do_not_make_the_cohort_short() -> None:
    row = _row(coverage(_dagpenge("a", "2026-07-01", as_of="2026-08-01")), "conversations", "dagpenge", MUNICIPALITY)
    assert (row.n, row.open, row.coverage, row.below_quota) == (1, 1, 0.0, False)


def test_offers_pool_dagpenge_and_job_and_education_ready_cash() -> None:
    cash = parse_timeline({"citizen": {"id": "e"}, "as_of": "2027-02-15", "events": [
        ev("2026-07-06", "benefit_start", benefit="cash_benefit", readiness="education_ready"),
        ev("2026-09-01", "offer_start", offer="company_internship")]})
    obligations = _dagpenge("a", "2026-07-01", ev("2026-07-02", "quota_exemption", scope="offer")) + compute(cash).obligations
    row = _row(coverage(obligations), OFFER, "dagpenge_job_uddannelsesparate_kontanthjaelp", MUNICIPALITY)
    assert (row.n, row.met, row.exempt_by_quota) == (2, 1, 1)
    assert row.over_cap and row.exemption_cap == 0.25


def test_periods_under_the_earlier_rules_are_not_in_any_cohort() -> None:
    assert coverage(_dagpenge("a", "2026-06-30")) == []


def test_contract_dicts_give_the_same_rows_as_obligations() -> None:
    obligations = _dagpenge("a", "2026-07-01", *_two_municipal_conversations()) + _dagpenge("b", "2026-08-03")
    assert [r.to_dict() for r in coverage([o.to_dict() for o in obligations])] == \
        [r.to_dict() for r in coverage(obligations)]
    cohorts = {r.cohort for r in coverage(obligations)}
    assert cohorts == {"2026-07", "2026-08"}


def test_warning_level_is_adjustable() -> None:
    obligations = (_dagpenge("a", "2026-07-01", ev("2026-07-02", "quota_exemption"))
                   + [o for i in range(9) for o in _dagpenge(f"x{i}", "2026-07-03")])
    row = _row(coverage(obligations), "conversations", "dagpenge", MUNICIPALITY)
    assert row.exempt_share == 0.1 and not row.warning
    assert _row(coverage(obligations, warn_at=0.1), "conversations", "dagpenge", MUNICIPALITY).warning
