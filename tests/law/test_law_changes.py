"""What changes when: ``indsats law changes``, ``upcoming_changes`` (the case page's "Fra 1. juli
2026: ...") and ``rule_set_for`` — read from the same dated data as the engine."""

from __future__ import annotations

import json
from datetime import date

from typer.testing import CliRunner

from indsats.cli import app
from indsats.law import compute, parse_timeline
from indsats.law.changes import law_changes, rule_set_for, upcoming_changes
from indsats.law.facts import build_facts
from indsats.law.periods import build_periods

runner = CliRunner()


def test_cli_lists_the_regime_and_parameters_of_2026_07_01_with_sources() -> None:
    result = runner.invoke(app, ["law", "changes", "--from", "2026-07-01", "--to", "2026-07-01", "--json"])
    assert result.exit_code == 0, result.output
    changes = json.loads(result.output)
    assert changes[0]["kind"] == "regelsæt" and changes[0]["name"] == "Reform 2026-07"
    names = {c["name"] for c in changes}
    assert {"contact.quota_share", "quota.exemption_cap", "offer.quota_share"} <= names
    assert all(c["date"] == "2026-07-01" and c["source"] for c in changes)


def test_cli_text_output_in_danish_and_an_empty_span() -> None:
    result = runner.invoke(app, ["law", "changes", "--from", "2025-07-01", "--to", "2025-07-01"])
    assert result.exit_code == 0
    assert "Kontanthjælp 2025" in result.output and "Kilde:" in result.output
    empty = runner.invoke(app, ["law", "changes", "--from", "2023-03-01", "--to", "2023-03-31"])
    assert empty.exit_code == 0 and "Ingen lovændringer" in empty.output


def test_cli_rejects_a_bad_date_and_a_reversed_span() -> None:
    bad = runner.invoke(app, ["law", "changes", "--from", "2026-13-01", "--to", "2026-12-31"])
    assert bad.exit_code == 2 and "--from" in bad.output
    reversed_span = runner.invoke(app, ["law", "changes", "--from", "2026-07-01", "--to", "2026-06-30"])
    assert reversed_span.exit_code == 2 and "ligger før" in reversed_span.output


def test_the_span_includes_both_ends_and_nothing_outside() -> None:
    days = {c.day for c in law_changes(date(2025, 1, 1), date(2026, 2, 1))}
    assert date(2025, 1, 1) in days and date(2026, 2, 1) in days and date(2026, 7, 1) not in days


def test_upcoming_change_in_may_2026_for_unemployment_benefit() -> None:
    found = upcoming_changes(date(2026, 5, 15), "unemployment_benefit")
    assert [c.name for c in found] == ["Reform 2026-07"]
    assert found[0].text.startswith("Fra 1. juli 2026: ")


def test_upcoming_changes_window_is_60_days_and_benefit_specific() -> None:
    assert upcoming_changes(date(2026, 5, 1), "unemployment_benefit") == []  # 61 days before
    assert upcoming_changes(date(2026, 5, 2), "unemployment_benefit") != []  # 60 days before
    assert upcoming_changes(date(2026, 6, 30), "job_clarification") == []  # not changed on 2026-07-01
    assert [c.name for c in upcoming_changes(date(2026, 1, 2), "resource_programme")] == ["Reform 2026-02"]
    assert upcoming_changes(date(2026, 7, 1), "unemployment_benefit") == []  # the day itself is no longer "coming"


def test_rule_set_for_a_period_and_a_date() -> None:
    timeline = parse_timeline({"citizen": {"id": "r"}, "as_of": "2025-09-01", "events": [
        {"date": "2025-08-04", "type": "benefit_start", "benefit": "education_benefit"}]})
    period = build_periods(timeline, build_facts(timeline))[0]
    assert rule_set_for(period).name == "Kontanthjælp 2025"  # rule set named by the benefit as recorded
    rule_set = rule_set_for(date(2026, 8, 3), "unemployment_benefit")
    assert rule_set.name == "Reform 2026-07" and "75 pct." in rule_set.label
    assert rule_set_for(date(2025, 3, 1), "unemployment_benefit").name == "LAB 2024"
    assert rule_set_for(date(2015, 6, 30), "cash_benefit") is None


def test_every_obligation_names_a_rule_set_with_a_label() -> None:
    result = compute(parse_timeline({"citizen": {"id": "s"}, "as_of": "2026-09-01", "events": [
        {"date": "2026-07-06", "type": "sick_leave_start", "category": 2}]}))
    assert {o.regime for o in result.obligations} == {"Reform 2026-07"}
