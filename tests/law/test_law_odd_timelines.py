"""Independent review of the law engine: odd timelines, malformed input through the CLI, and
properties that must hold whatever the timeline."""

from __future__ import annotations

import json
import subprocess
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from review_helpers import INDSATS, conv, e, result_for, timeline, ub
from typer.testing import CliRunner

from indsats.cli import app
from indsats.law import compute, parse_timeline


def test_no_earlier_offer_for_under_30s_from_2020():
    # R1: from 2020 a 23-year-old on unemployment benefit gets the first offer by 6 months too ...
    young = compute(parse_timeline(timeline([ub("2021-03-01")], "2021-04-01", "1998-01-10"))).to_dict()
    offer = next(o for o in young["obligations"] if o["rule"] == "offer.right_and_duty")
    assert offer["deadline"] == "2021-08-31"
    # ... while under LAB 2015 (seed 000, [U]) the under-30s were activated after 3 months.
    old = compute(parse_timeline(timeline([ub("2016-03-01")], "2016-04-01", "1990-01-10"))).to_dict()
    offer = next(o for o in old["obligations"] if o["rule"] == "offer.right_and_duty")
    assert offer["deadline"] == "2016-05-31"


ODD_TIMELINES = {
    "unordered": [conv("2021-04-10"), ub("2021-03-01"), conv("2021-03-05")],
    "duplicate_same_day": [ub("2021-03-01"), conv("2021-03-05"), conv("2021-03-05"), ub("2021-03-01")],
    "events_before_benefit": [conv("2021-02-01"), e("2021-02-02", "followup"),
                              e("2021-02-03", "offer_start", offer="company_internship"), ub("2021-03-01")],
    "offer_end_without_start": [ub("2021-03-01"), e("2021-05-01", "offer_end", offer="company_internship")],
    "ends_without_starts": [ub("2021-03-01"), e("2021-04-01", "exemption_end"), e("2021-04-02", "employment_end"),
                            e("2021-04-03", "benefit_end"), e("2021-04-04", "benefit_end")],
    "category_change_without_sick_leave": [e("2021-02-01", "category_change", category=2)],
    "readiness_before_benefit": [e("2021-02-01", "readiness_change", readiness="job_ready"),
                                 e("2021-03-01", "benefit_start", benefit="cash_benefit")],
    "empty": [],
}


@pytest.mark.parametrize("name", sorted(ODD_TIMELINES))
def test_odd_timelines_give_contract_statuses(name):
    result = result_for(ODD_TIMELINES[name], "2021-09-10")
    allowed = {"due", "overdue", "met", "met_late", "not_applicable", "waived", "suspended", "closed", "manual_review"}
    assert all(o["status"] in allowed for o in result["obligations"])


def test_order_in_file_does_not_matter():
    ordered = [ub("2021-03-01"), conv("2021-03-05"), conv("2021-04-10"), e("2021-05-01", "employment_start"),
               e("2021-05-11", "employment_end")]
    assert result_for(ordered, "2021-09-10") == result_for(list(reversed(ordered)), "2021-09-10")


def test_duplicates_on_the_same_day_count_once():
    # The same benefit start and the same conversation recorded twice: one period, one conversation.
    result = result_for(ODD_TIMELINES["duplicate_same_day"], "2021-04-01")
    found = [o for o in result["obligations"] if o["rule"] == "contact.first_six_months"]
    assert len(found) == 1
    assert found[0]["held"] == 1


def test_as_of_before_any_event_gives_nothing():
    assert result_for([ub("2021-03-01"), conv("2021-03-05")], "2021-02-01")["obligations"] == []
    assert result_for([], "2021-02-01")["obligations"] == []


def _cli(tmp_path, document) -> subprocess.CompletedProcess:
    path = tmp_path / "timeline.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return subprocess.run([str(INDSATS), "deadlines", str(path)], capture_output=True, text=True, check=False)


def test_cli_list_in_list_out(tmp_path):
    document = [timeline([ub("2021-03-01")], "2021-04-01"), timeline([], "2021-04-01")]
    run = _cli(tmp_path, document)
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert isinstance(out, list) and len(out) == 2
    assert out[0]["obligations"] and out[1]["obligations"] == []


@pytest.mark.parametrize(("event", "field"), [
    ({"date": "2021-03-05", "type": "conversation", "joint": "yes"}, "joint"),
    ({"type": "conversation"}, "date"),
    ({"date": "2021-02-30", "type": "conversation"}, "date"),
    ({"date": "2021-03-05", "type": "party"}, "type"),
    ({"date": "2021-03-05", "type": "benefit_change", "benefit": "pension"}, "benefit"),
    ({"date": "2021-03-05", "type": "sick_leave_start", "category": 4}, "category"),
    ({"date": "2021-03-05", "type": "joint_conversation_requested", "by": "mayor"}, "by"),
    ({"date": "2021-03-05", "type": "offer_given", "offer": "wage_subsidy"}, "start"),
    ({"date": "2021-03-05", "type": "readiness_change", "readiness": "sleepy"}, "readiness"),
])
def test_cli_malformed_event_exit_2_names_event_and_field(tmp_path, event, field):
    path = tmp_path / "timeline.json"
    path.write_text(json.dumps(timeline([ub("2021-03-01"), event], "2021-04-01")), encoding="utf-8")
    run = CliRunner().invoke(app, ["deadlines", str(path)])
    assert run.exit_code == 2
    assert run.stdout == ""
    assert "event 2" in run.stderr and f"'{field}'" in run.stderr, run.stderr


def test_installed_command_rejects_a_malformed_event(tmp_path):
    run = _cli(tmp_path, timeline([ub("2021-03-01"), {"date": "2021-03-05", "type": "conversation",
                                                          "joint": "yes"}], "2021-04-01"))
    assert run.returncode == 2
    assert "event 2" in run.stderr and "'joint'" in run.stderr


@settings(max_examples=60, deadline=None)
@given(offer_day=st.integers(min_value=0, max_value=183), length=st.integers(min_value=14, max_value=120),
       exempt_day=st.integers(min_value=0, max_value=240), exempt_days=st.one_of(st.none(), st.integers(1, 90)))
def test_an_exemption_never_undoes_a_met_right_and_duty(offer_day, length, exempt_day, exempt_days):
    # § 102, stk. 4 moves a deadline that is still open; it cannot unmeet a duty already met.
    start = date(2021, 3, 1)
    base = [ub(start.isoformat()),
            e((start + timedelta(days=offer_day)).isoformat(), "offer_start", offer="company_internship"),
            e((start + timedelta(days=offer_day + length)).isoformat(), "offer_end", offer="company_internship")]
    as_of = "2021-12-31"
    before = next(o for o in result_for(base, as_of)["obligations"] if o["rule"] == "offer.right_and_duty")
    exemption = [e((start + timedelta(days=exempt_day)).isoformat(), "exemption_start", reason="job_within_6_weeks")]
    if exempt_days is not None:
        exemption.append(e((start + timedelta(days=exempt_day + exempt_days)).isoformat(), "exemption_end"))
    after = next(o for o in result_for(base + exemption, as_of)["obligations"] if o["rule"] == "offer.right_and_duty")
    if before["status"] == "met":
        assert after["status"] == "met", (before, after)
