"""Ret og pligt (LAB § 102), sickness follow-up (sygedagpengeloven § 13 b) and the regime dates."""

from __future__ import annotations

from law_helpers import ev, find, one, run

UB = "unemployment_benefit"
START = [ev("2021-03-01", "benefit_start", benefit=UB)]


# --- § 102: the first offer -------------------------------------------------------------


def test_offer_starting_on_the_deadline_meets_right_and_duty() -> None:
    events = START + [ev("2021-08-31", "offer_start", offer="company_internship")]
    ob = one(run(events, "2021-09-05"), "offer.right_and_duty")
    assert (ob["deadline"], ob["status"]) == ("2021-08-31", "met")


def test_offer_starting_the_day_after_is_late() -> None:
    events = START + [ev("2021-09-01", "offer_start", offer="company_internship")]
    assert one(run(events, "2021-09-05"), "offer.right_and_duty")["status"] == "met_late"


def test_offer_shorter_than_two_weeks_does_not_count() -> None:
    events = START + [ev("2021-08-01", "offer_start", offer="company_internship"),
                      ev("2021-08-14", "offer_end", offer="company_internship")]  # 13 days
    assert one(run(events, "2021-09-05"), "offer.right_and_duty")["status"] == "overdue"
    events[-1] = ev("2021-08-15", "offer_end", offer="company_internship")  # 14 days
    assert one(run(events, "2021-09-05"), "offer.right_and_duty")["status"] == "met"


def test_mentor_alone_is_not_a_right_and_duty_offer() -> None:
    events = START + [ev("2021-05-01", "offer_start", offer="mentor")]
    assert one(run(events, "2021-09-05"), "offer.right_and_duty")["status"] == "overdue"


def test_wage_subsidy_given_in_time_may_start_three_weeks_after_the_deadline() -> None:
    given = START + [ev("2021-08-20", "offer_given", offer="wage_subsidy", start="2021-09-21")]
    assert one(run(given, "2021-10-01"), "offer.right_and_duty")["status"] == "met"
    assert one(run(given, "2021-09-10"), "offer.right_and_duty")["status"] == "due"  # not started yet, in time
    too_late = START + [ev("2021-08-20", "offer_given", offer="wage_subsidy", start="2021-09-22")]
    assert one(run(too_late, "2021-10-01"), "offer.right_and_duty")["status"] == "met_late"
    given_late = START + [ev("2021-09-01", "offer_given", offer="wage_subsidy", start="2021-09-10")]
    assert one(run(given_late, "2021-10-01"), "offer.right_and_duty")["status"] == "met_late"


def test_exempt_at_the_deadline_the_offer_is_due_one_month_after_the_exemption() -> None:
    events = START + [ev("2021-08-15", "exemption_start", reason="job_within_6_weeks"),
                      ev("2021-09-10", "exemption_end", reason="job_within_6_weeks")]
    ob = one(run(events, "2021-09-20"), "offer.right_and_duty")
    assert (ob["deadline"], ob["status"]) == ("2021-10-09", "due")


def test_exemption_still_running_at_the_deadline_suspends_the_offer_duty() -> None:
    events = START + [ev("2021-08-15", "exemption_start", reason="job_within_6_weeks")]
    assert one(run(events, "2021-09-20"), "offer.right_and_duty")["status"] == "suspended"


def test_right_and_duty_applies_to_cash_benefit_but_not_to_resource_programme() -> None:
    cash = run([ev("2022-01-10", "benefit_start", benefit="cash_benefit", readiness="activity_ready")], "2022-02-01")
    assert one(cash, "offer.right_and_duty")["deadline"] == "2022-07-09"
    resource = run([ev("2022-01-10", "benefit_start", benefit="resource_programme")], "2022-02-01")
    assert one(resource, "offer.right_and_duty")["status"] == "not_applicable"


def test_education_benefit_offer_rule_is_left_to_a_person() -> None:
    result = run([ev("2022-01-10", "benefit_start", benefit="education_benefit", readiness="education_ready")],
                 "2022-02-01")
    assert one(result, "offer.education_benefit")["status"] == "manual_review"


# --- sygedagpengeloven § 13 b ---------------------------------------------------------------


def test_first_followup_by_end_of_week_eight_on_the_deadline_day() -> None:
    events = [ev("2021-01-04", "sick_leave_start", category=3), ev("2021-02-28", "followup")]
    ob = one(run(events, "2021-03-01"), "sickness.first_followup")
    assert (ob["deadline"], ob["status"], ob["deadline_on_non_workday"]) == ("2021-02-28", "met", True)


def test_early_followup_request_gives_two_weeks_and_supersedes_week_eight() -> None:
    events = [ev("2021-01-04", "sick_leave_start", category=2),
              ev("2021-01-11", "early_followup_requested", by="employer")]
    result = run(events, "2021-01-26")
    ob = one(result, "sickness.early_followup")
    assert (ob["deadline"], ob["status"]) == ("2021-01-25", "overdue")
    assert one(result, "sickness.first_followup")["status"] == "not_applicable"


def test_four_followups_in_the_first_half_year() -> None:
    events = [ev("2021-01-04", "sick_leave_start", category=2)] + [
        ev(d, "followup") for d in ("2021-02-20", "2021-03-20", "2021-05-01", "2021-07-03")
    ]
    ob = one(run(events, "2021-07-10"), "sickness.followups_first_half_year")
    assert (ob["deadline"], ob["held"], ob["status"]) == ("2021-07-03", 4, "met")


def test_category_one_has_no_week_eight_duty_but_needs_reassessment_past_eight_weeks() -> None:
    events = [ev("2021-01-04", "sick_leave_start", category=1)]
    assert one(run(events, "2021-02-01"), "sickness.first_followup")["status"] == "not_applicable"
    assert find(run(events, "2021-02-28"), "sickness.category_1_past_8_weeks") == []
    ob = one(run(events, "2021-03-01"), "sickness.category_1_past_8_weeks")
    assert (ob["deadline"], ob["status"]) == (None, "due")
    done = events + [ev("2021-03-05", "followup"), ev("2021-03-05", "category_change", category=2)]
    assert one(run(done, "2021-03-10"), "sickness.category_1_past_8_weeks")["status"] == "met"


def test_sick_leave_ending_closes_followups() -> None:
    events = [ev("2021-01-04", "sick_leave_start", category=2), ev("2021-02-10", "benefit_end")]
    assert one(run(events, "2021-04-01"), "sickness.first_followup")["status"] == "closed"


# --- the dates the law changed ---------------------------------------------------------------


def test_period_starting_the_day_before_2020_is_lab_2015_and_flags_the_transition() -> None:
    result = run([ev("2019-12-31", "benefit_start", benefit="cash_benefit")], "2020-02-01")
    assert result["regime"] == "LAB 2015"
    assert one(result, "regime.transition")["status"] == "manual_review"
    assert one(result, "contact.first_six_months")["status"] == "manual_review"  # LAB 2015 counts not covered


def test_period_starting_on_2020_01_01_is_lab_2020_without_transition() -> None:
    result = run([ev("2020-01-01", "benefit_start", benefit="cash_benefit")], "2020-02-01")
    assert result["regime"] == "LAB 2020"
    assert find(result, "regime.transition") == []
    assert one(result, "contact.first_six_months")["deadline"] == "2020-06-30"


def test_lab_2015_period_ending_before_2020_has_no_transition() -> None:
    result = run([ev("2019-06-01", "benefit_start", benefit="cash_benefit")], "2019-08-01")
    assert find(result, "regime.transition") == []


def test_lab_2015_unemployment_benefit_offer_after_three_months_under_30() -> None:
    young = run([ev("2018-03-01", "benefit_start", benefit=UB)], "2018-04-01", birth_date="1995-01-01")
    assert one(young, "offer.right_and_duty")["deadline"] == "2018-05-31"
    older = run([ev("2018-03-01", "benefit_start", benefit=UB)], "2018-04-01", birth_date="1980-01-01")
    assert one(older, "offer.right_and_duty")["deadline"] == "2018-08-31"


def test_before_2015_07_01_is_not_covered() -> None:
    result = run([ev("2015-06-30", "benefit_start", benefit=UB)], "2015-08-01")
    assert one(result, "regime.not_covered")["status"] == "manual_review"
    assert one(run([ev("2015-07-01", "benefit_start", benefit=UB)], "2015-08-01"), "offer.right_and_duty")


def test_unemployment_benefit_from_2024_the_fund_holds_the_first_three_months() -> None:
    events = [ev("2024-02-01", "benefit_start", benefit=UB)] + [
        ev(d, "conversation") for d in ("2024-02-14", "2024-03-10", "2024-04-20")
    ]
    result = run(events, "2024-05-15")
    assert result["regime"] == "LAB 2024"
    first = one(result, "contact.fund_first_conversation")
    assert (first["deadline"], first["status"]) == ("2024-02-15", "met")
    assert one(result, "contact.fund_first_three_months")["status"] == "met"
    jobcenter = one(result, "contact.first_six_months")
    assert (jobcenter["window_start"], jobcenter["deadline"], jobcenter["required"], jobcenter["held"]) == (
        "2024-05-01", "2024-07-31", 3, 0)
    assert find(result, "contact.joint_1") == [] and find(result, "contact.joint_2") == []
    assert one(result, "contact.joint_16_months")["deadline"] == "2025-05-31"


def test_unemployment_benefit_started_in_december_2023_runs_into_2024() -> None:
    result = run([ev("2023-12-01", "benefit_start", benefit=UB)], "2024-01-15")
    assert result["regime"] == "LAB 2020"
    assert one(result, "regime.transition")["status"] == "manual_review"
    assert one(result, "contact.joint_2")["status"] == "due"


def test_cash_benefit_is_unchanged_by_2024_so_no_transition() -> None:
    result = run([ev("2023-12-01", "benefit_start", benefit="cash_benefit")], "2024-01-15")
    assert find(result, "regime.transition") == []
    assert one(result, "contact.first_six_months")["required"] == 4


def test_unemployment_benefit_on_both_sides_of_2024_01_01() -> None:
    before = run([ev("2023-12-31", "benefit_start", benefit=UB)], "2024-02-01")
    assert before["regime"] == "LAB 2020" and one(before, "regime.transition")["status"] == "manual_review"
    assert one(before, "contact.first_six_months")["required"] == 4
    after = run([ev("2024-01-01", "benefit_start", benefit=UB)], "2024-02-01")
    assert after["regime"] == "LAB 2024" and find(after, "regime.transition") == []
    assert one(after, "contact.first_six_months")["required"] == 3
    assert one(after, "contact.fund_first_conversation")["deadline"] == "2024-01-15"


def test_sickness_follow_up_rhythm_on_both_sides_of_2020_01_01() -> None:
    old = run([ev("2019-12-31", "sick_leave_start", category=2), ev("2020-02-20", "followup")], "2020-03-10")
    assert one(old, "sickness.first_followup")["deadline"] == "2020-02-24"
    every_4 = one(old, "sickness.followup_every_4_weeks")
    assert (every_4["deadline"], every_4["status"]) == ("2020-03-19", "due")
    assert find(old, "sickness.followups_first_half_year") == []
    assert one(old, "regime.transition")["status"] == "manual_review"
    new = run([ev("2020-01-01", "sick_leave_start", category=2), ev("2020-02-20", "followup")], "2020-03-10")
    assert find(new, "sickness.followup_every_4_weeks") == []
    half = one(new, "sickness.followups_first_half_year")
    assert (half["deadline"], half["held"], half["status"]) == ("2020-06-30", 1, "due")
