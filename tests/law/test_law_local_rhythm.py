"""The municipality's own contact rhythm after six months: local, not legal (seed 003)."""

from __future__ import annotations

import pytest
from law_helpers import ev, find, run

from indsats.law import RhythmError, parse_rhythms

RHYTHMS = parse_rhythms([
    {"competence_group": "jobparate", "label": "Jobparate", "benefits": ["cash_benefit"], "readiness": ["job_ready"],
     "interval_days": 42, "source": "Udvalget for Beskæftigelse, februar 2020"},
    {"competence_group": "syge", "label": "Sygemeldte", "benefits": ["sickness_benefit"], "interval_days": 56,
     "source": "Udvalget for Beskæftigelse, februar 2020"},
])
CASH = [ev("2021-01-04", "benefit_start", benefit="cash_benefit", readiness="job_ready")]


def test_first_local_link_is_due_interval_days_after_the_six_months() -> None:
    local = find(run(CASH, "2021-07-10", rhythms=RHYTHMS), "local.contact_rhythm")
    assert [(o["window_start"], o["deadline"], o["status"], o["local"]) for o in local] == [
        ("2021-07-04", "2021-08-14", "due", True)]


def test_each_conversation_starts_the_next_link_and_late_ones_are_met_late() -> None:
    events = CASH + [ev("2021-08-01", "conversation"), ev("2021-09-20", "conversation")]
    local = find(run(events, "2021-10-01", rhythms=RHYTHMS), "local.contact_rhythm")
    assert [(o["deadline"], o["status"]) for o in local] == [
        ("2021-08-14", "met"), ("2021-09-12", "met_late"), ("2021-11-01", "due")]


def test_readiness_must_match_and_legal_rules_stay_legal() -> None:
    events = [ev("2021-01-04", "benefit_start", benefit="cash_benefit", readiness="activity_ready")]
    result = run(events, "2021-10-01", rhythms=RHYTHMS)
    assert find(result, "local.contact_rhythm") == []
    assert all(o["local"] is False for o in result["obligations"])


def test_sickness_rhythm_after_the_first_half_year() -> None:
    events = [ev("2021-01-04", "sick_leave_start", category=2), ev("2021-07-20", "followup")]
    local = find(run(events, "2021-08-01", rhythms=RHYTHMS), "local.contact_rhythm")
    assert [(o["window_start"], o["deadline"], o["status"]) for o in local] == [
        ("2021-07-04", "2021-08-28", "met"), ("2021-07-21", "2021-09-14", "due")]


def test_a_bad_rhythm_entry_is_named() -> None:
    with pytest.raises(RhythmError, match="entry 1: field 'interval_days'"):
        parse_rhythms([{"competence_group": "x", "benefits": ["cash_benefit"], "interval_days": 0}])


def test_a_later_visitation_does_not_rewrite_the_past_links() -> None:
    """Past links keep the rhythm of the readiness they ran under; the open link follows today's readiness."""
    events = CASH + [ev("2021-08-01", "conversation"), ev("2021-09-20", "conversation")]
    changed = events + [ev("2021-09-25", "readiness_change", readiness="activity_ready")]
    local = find(run(changed, "2021-10-01", rhythms=RHYTHMS), "local.contact_rhythm")
    assert [(o["deadline"], o["status"]) for o in local] == [("2021-08-14", "met"), ("2021-09-12", "met_late")]
    back = changed + [ev("2021-11-01", "readiness_change", readiness="job_ready")]
    local = find(run(back, "2021-11-05", rhythms=RHYTHMS), "local.contact_rhythm")
    assert [(o["deadline"], o["status"]) for o in local] == [
        ("2021-08-14", "met"), ("2021-09-12", "met_late"), ("2021-11-01", "overdue")]
