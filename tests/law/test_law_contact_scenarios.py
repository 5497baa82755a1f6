"""Kontaktforløbet (LAB §§ 31-32): scenarios in, obligations out.

Each test states a case as a caseworker would tell it and the deadline the law gives.
"""

from __future__ import annotations

from law_helpers import ev, find, one, run

UB = "unemployment_benefit"


# --- § 31, stk. 1: four conversations in the first six months ---------------------------


def test_four_conversations_by_the_last_day_of_month_six_are_met() -> None:
    events = [ev("2021-03-01", "benefit_start", benefit=UB)] + [
        ev(d, "conversation") for d in ("2021-03-10", "2021-04-20", "2021-06-15", "2021-08-31")
    ]
    ob = one(run(events, "2021-09-15"), "contact.first_six_months")
    assert (ob["deadline"], ob["held"], ob["status"]) == ("2021-08-31", 4, "met")


def test_held_counts_the_first_six_months_once_met_and_every_conversation_while_not() -> None:
    events = [ev("2021-03-01", "benefit_start", benefit=UB)] + [
        ev(d, "conversation") for d in ("2021-03-10", "2021-04-20", "2021-06-15", "2021-08-31", "2021-10-01")
    ]
    assert one(run(events, "2021-10-15"), "contact.first_six_months")["held"] == 4
    late = [e for e in events if e["date"] != "2021-08-31"] + [ev("2021-09-10", "conversation")]
    ob = one(run(late, "2021-10-15"), "contact.first_six_months")
    assert (ob["status"], ob["held"]) == ("met_late", 5)


def test_fourth_conversation_one_day_late_is_met_late() -> None:
    events = [ev("2021-03-01", "benefit_start", benefit=UB)] + [
        ev(d, "conversation") for d in ("2021-03-10", "2021-04-20", "2021-06-15", "2021-09-01")
    ]
    assert one(run(events, "2021-09-15"), "contact.first_six_months")["status"] == "met_late"


def test_on_the_deadline_day_it_is_still_due_and_the_day_after_overdue() -> None:
    events = [ev("2021-03-01", "benefit_start", benefit=UB), ev("2021-03-10", "conversation")]
    assert one(run(events, "2021-08-31"), "contact.first_six_months")["status"] == "due"
    assert one(run(events, "2021-09-01"), "contact.first_six_months")["status"] == "overdue"


def test_month_end_start_keeps_the_day_clamped_then_minus_one() -> None:
    # Convention 1: 2021-08-31 + 6 months = 2022-02-28 (clamped), minus one day.
    events = [ev("2021-08-31", "benefit_start", benefit="cash_benefit", readiness="job_ready")]
    assert one(run(events, "2021-10-01"), "contact.first_six_months")["deadline"] == "2022-02-27"


def test_leap_year_start() -> None:
    events = [ev("2023-08-29", "benefit_start", benefit="resource_programme")]
    assert one(run(events, "2023-10-01"), "contact.first_six_months")["deadline"] == "2024-02-28"


def test_joint_conversations_do_not_count_among_the_four_for_unemployment_benefit() -> None:
    events = [ev("2021-03-01", "benefit_start", benefit=UB)] + [
        ev(d, "conversation", joint=True) for d in ("2021-03-10", "2021-06-15")
    ] + [ev("2021-04-01", "conversation")]
    assert one(run(events, "2021-07-01"), "contact.first_six_months")["held"] == 1


def test_joint_conversations_count_for_cash_benefit() -> None:
    events = [ev("2021-03-01", "benefit_start", benefit="cash_benefit"), ev("2021-03-05", "conversation", joint=True)]
    assert one(run(events, "2021-04-01"), "contact.first_six_months")["held"] == 1


# --- § 31, stk. 3: first conversation within a week (cash and education benefit) -------


def test_first_conversation_within_one_week_of_first_contact() -> None:
    base = [ev("2022-03-01", "first_contact"),
            ev("2022-03-03", "benefit_start", benefit="cash_benefit", readiness="activity_ready")]
    on_deadline = run(base + [ev("2022-03-08", "conversation")], "2022-04-01")
    ob = one(on_deadline, "contact.first_conversation")
    assert (ob["window_start"], ob["deadline"], ob["status"]) == ("2022-03-01", "2022-03-08", "met")
    late = run(base + [ev("2022-03-09", "conversation")], "2022-04-01")
    assert one(late, "contact.first_conversation")["status"] == "met_late"
    assert one(run(base, "2022-03-08"), "contact.first_conversation")["status"] == "due"
    assert one(run(base, "2022-03-09"), "contact.first_conversation")["status"] == "overdue"


def test_period_runs_from_first_contact_for_cash_benefit() -> None:
    events = [ev("2022-03-01", "first_contact"), ev("2022-03-10", "benefit_start", benefit="cash_benefit")]
    ob = one(run(events, "2022-04-01"), "contact.first_six_months")
    assert (ob["window_start"], ob["deadline"]) == ("2022-03-01", "2022-08-31")


def test_no_first_conversation_rule_for_unemployment_benefit() -> None:
    events = [ev("2022-03-01", "first_contact"), ev("2022-03-01", "benefit_start", benefit=UB)]
    assert find(run(events, "2022-04-01"), "contact.first_conversation") == []


def test_public_holiday_deadline_is_flagged_not_moved() -> None:
    # Store Bededag 2023-05-05 was a public holiday; the same Friday in 2024 no longer is.
    r2023 = run([ev("2023-04-28", "first_contact"), ev("2023-04-28", "benefit_start", benefit="cash_benefit")], "2023-05-01")
    ob = one(r2023, "contact.first_conversation")
    assert (ob["deadline"], ob["deadline_on_non_workday"]) == ("2023-05-05", True)
    r2024 = run([ev("2024-04-19", "first_contact"), ev("2024-04-19", "benefit_start", benefit="cash_benefit")], "2024-04-20")
    ob = one(r2024, "contact.first_conversation")
    assert (ob["deadline"], ob["deadline_on_non_workday"]) == ("2024-04-26", False)


def test_christmas_deadline_is_flagged() -> None:
    result = run([ev("2022-12-18", "first_contact"), ev("2022-12-18", "benefit_start", benefit="education_benefit")],
                 "2022-12-20")
    assert one(result, "contact.first_conversation")["deadline_on_non_workday"] is True


# --- § 9: periods, benefit changes and cumulated unemployment ---------------------------


def test_work_pauses_the_unemployment_clock_and_pushes_deadlines() -> None:
    events = [ev("2021-03-01", "benefit_start", benefit=UB),
              ev("2021-04-01", "employment_start"), ev("2021-05-01", "employment_end")]  # 30 days in work
    result = run(events, "2021-08-20")
    assert one(result, "contact.first_six_months")["deadline"] == "2021-09-30"
    assert one(result, "offer.right_and_duty")["deadline"] == "2021-09-30"
    assert one(result, "contact.joint_2")["window_start"] == "2021-07-01"


def test_running_employment_suspends_open_unemployment_duties() -> None:
    events = [ev("2021-03-01", "benefit_start", benefit=UB), ev("2021-05-01", "employment_start")]
    assert one(run(events, "2021-06-01"), "contact.first_six_months")["status"] == "suspended"


def test_back_on_unemployment_benefit_after_sickness_resumes_the_same_period() -> None:
    events = [ev("2021-03-01", "benefit_start", benefit=UB),
              ev("2021-04-01", "benefit_change", benefit="sickness_benefit"),
              ev("2021-04-01", "sick_leave_start", category=1),
              ev("2021-04-21", "benefit_change", benefit=UB)]  # 20 days off the benefit
    result = run(events, "2021-06-01")
    assert len(find(result, "contact.first_six_months")) == 1
    assert one(result, "contact.first_six_months")["deadline"] == "2021-09-20"


def test_benefit_change_closes_open_duties_and_starts_a_new_period() -> None:
    events = [ev("2022-01-10", "first_contact"),
              ev("2022-01-10", "benefit_start", benefit="cash_benefit", readiness="activity_ready"),
              ev("2022-02-01", "conversation"),
              ev("2022-04-01", "benefit_change", benefit="resource_programme")]
    result = run(events, "2022-05-01")
    old = one(result, "contact.first_six_months", window_start="2022-01-10")
    new = one(result, "contact.first_six_months", window_start="2022-04-01")
    assert (old["status"], old["held"]) == ("closed", 1)
    assert (new["deadline"], new["held"], new["status"]) == ("2022-09-30", 0, "due")
    assert one(result, "offer.right_and_duty", window_start="2022-01-10")["status"] == "closed"
    assert one(result, "offer.right_and_duty", window_start="2022-04-01")["status"] == "not_applicable"


def test_readiness_change_is_not_a_benefit_change() -> None:
    events = [ev("2022-01-10", "benefit_start", benefit="cash_benefit", readiness="job_ready"),
              ev("2022-03-01", "readiness_change", readiness="activity_ready")]
    result = run(events, "2022-04-01")
    ob = one(result, "contact.first_six_months")
    assert (ob["window_start"], ob["target_group"]) == ("2022-01-10", "3")


def test_no_new_period_on_benefit_change_within_rehabilitation() -> None:
    events = [ev("2022-01-10", "benefit_start", benefit="rehabilitation"),
              ev("2022-03-01", "benefit_change", benefit="cash_benefit")]
    result = run(events, "2022-04-01")
    assert len(find(result, "contact.first_six_months")) == 1
    assert one(result, "contact.first_six_months")["window_start"] == "2022-01-10"


def test_leaving_public_support_closes_open_duties() -> None:
    events = [ev("2022-01-10", "benefit_start", benefit="job_clarification"), ev("2022-02-15", "benefit_end")]
    assert one(run(events, "2022-08-01"), "contact.first_six_months")["status"] == "closed"


# --- § 31, stk. 2 and § 32, stk. 2: joint conversations with the fund ------------------


def test_first_joint_conversation_only_when_asked_for() -> None:
    base = [ev("2021-03-01", "benefit_start", benefit=UB)]
    assert one(run(base, "2021-04-01"), "contact.joint_1")["status"] == "not_applicable"
    asked = base + [ev("2021-03-20", "joint_conversation_requested", by="fund")]
    ob = one(run(asked, "2021-04-01"), "contact.joint_1")
    assert (ob["deadline"], ob["status"]) == ("2021-05-31", "due")
    held = asked + [ev("2021-05-31", "conversation", joint=True)]
    assert one(run(held, "2021-06-01"), "contact.joint_1")["status"] == "met"


def test_second_joint_conversation_not_before_three_months() -> None:
    base = [ev("2021-03-01", "benefit_start", benefit=UB)]
    too_early = run(base + [ev("2021-05-31", "conversation", joint=True)], "2021-09-01")
    assert one(too_early, "contact.joint_2")["status"] == "overdue"
    in_window = run(base + [ev("2021-06-01", "conversation", joint=True)], "2021-09-01")
    assert one(in_window, "contact.joint_2")["status"] == "met"


def test_declining_the_fund_waives_the_joint_conversations() -> None:
    events = [ev("2021-03-01", "benefit_start", benefit=UB),
              ev("2021-03-15", "joint_conversation_requested", by="jobcenter"),
              ev("2021-03-20", "joint_participation_declined")]
    result = run(events, "2021-09-15")
    assert one(result, "contact.joint_1")["status"] == "waived"
    assert one(result, "contact.joint_2")["status"] == "waived"
    assert one(result, "contact.joint_16_months")["status"] == "due"


def test_joint_conversation_by_16_months() -> None:
    events = [ev("2021-03-01", "benefit_start", benefit=UB), ev("2022-06-30", "conversation", joint=True)]
    ob = one(run(events, "2022-07-01"), "contact.joint_16_months")
    assert (ob["deadline"], ob["status"]) == ("2022-06-30", "met")


# --- § 32, stk. 1: conversations on request -----------------------------------------------


def test_requested_conversation_has_no_legal_deadline() -> None:
    events = [ev("2021-03-01", "benefit_start", benefit="cash_benefit"), ev("2021-10-01", "conversation_requested")]
    ob = one(run(events, "2022-03-01"), "contact.requested")
    assert (ob["deadline"], ob["status"]) == (None, "due")
    held = run(events + [ev("2021-10-05", "conversation")], "2022-03-01")
    assert one(held, "contact.requested")["status"] == "met"


# --- § 106: exemptions ------------------------------------------------------------------------


def test_exemption_running_suspends_the_contact_duties() -> None:
    events = [ev("2021-03-01", "benefit_start", benefit="cash_benefit"),
              ev("2021-08-01", "exemption_start", reason="job_within_6_weeks")]
    assert one(run(events, "2021-08-20"), "contact.first_six_months")["status"] == "suspended"


def test_a_first_contact_without_a_benefit_yet_still_needs_the_first_conversation() -> None:
    alone = run([ev("2022-03-01", "first_contact")], "2022-03-10")
    assert one(alone, "contact.first_conversation")["status"] == "overdue"
    during = run([ev("2022-01-10", "benefit_start", benefit="cash_benefit"), ev("2022-03-01", "first_contact")],
                 "2022-03-10")
    assert len(find(during, "contact.first_conversation")) == 1  # only the period's own
