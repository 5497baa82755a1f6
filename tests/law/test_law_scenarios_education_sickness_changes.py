"""Independent review scenarios: education, groups 7-10, sickness, changes of the law.

Written by hand from shared/docs/law-notes.md, without reading the engine's own tests.

Each case is a timeline a lawyer could read and the obligations the law gives for it. The
comment on every case names the law-notes rule (K1, K2, K4-K6, R1, X1, T1-T3, S1-S6) and the
convention (1-8) that fixes the expected value. Only the keys written in an expectation are
checked; ``status_in`` accepts any of several statuses where the notes leave the outcome open,
and ``absent`` lists rules that must not appear with a status asking for action
(due, overdue, manual_review).
"""

from __future__ import annotations

import pytest
from review_helpers import check_case, conv, e, ub

# (case id, events, as_of, expected obligations, rules that must not ask for action)
CASES = [
    # --- Education benefit (groups 4 and 5) ----------------------------------------------------
    # K1, K2 apply; R1 (§ 102) does not (§ 105 instead).
    ("education_ready",
     [e("2022-05-02", "first_contact"), e("2022-05-02", "benefit_start", benefit="education_benefit",
                                          readiness="education_ready"), conv("2022-05-09")],
     "2022-06-01",
     [{"rule": "contact.first_conversation", "deadline": "2022-05-09", "status": "met"},
      {"rule": "contact.first_six_months", "deadline": "2022-11-01", "required": 4, "held": 1,
       "status": "due"}],
     ["offer.right_and_duty"]),
    ("education_obviously_ready",
     [e("2022-05-02", "first_contact"), e("2022-05-02", "benefit_start", benefit="education_benefit",
                                          readiness="obviously_education_ready")],
     "2022-05-10",
     [{"rule": "contact.first_conversation", "deadline": "2022-05-09", "status": "overdue"},
      {"rule": "contact.first_six_months", "deadline": "2022-11-01", "status": "due"}],
     ["offer.right_and_duty"]),
    ("education_activity_ready",
     [e("2022-05-02", "first_contact"), e("2022-05-02", "benefit_start", benefit="education_benefit",
                                          readiness="activity_ready"), conv("2022-05-06")],
     "2022-05-10",
     [{"rule": "contact.first_conversation", "status": "met"},
      {"rule": "contact.first_six_months", "deadline": "2022-11-01", "status": "due"}],
     ["offer.right_and_duty"]),

    # --- Groups 7-10 and integration -------------------------------------------------------------
    # K1, T3: from the benefit's start; no first-conversation rule (K2 is groups 2-5), no § 102.
    ("job_clarification",
     [e("2022-02-01", "benefit_start", benefit="job_clarification")],
     "2022-03-01",
     [{"rule": "contact.first_six_months", "window_start": "2022-02-01", "deadline": "2022-07-31",
       "status": "due"}],
     ["contact.first_conversation", "offer.right_and_duty"]),
    ("resource_programme",
     [e("2022-02-15", "benefit_start", benefit="resource_programme"), conv("2022-03-01")],
     "2022-03-01",
     [{"rule": "contact.first_six_months", "deadline": "2022-08-14", "held": 1, "status": "due"}],
     ["contact.first_conversation", "offer.right_and_duty"]),
    # Convention 1: 2022-01-31 + 6 months = 2022-07-31 - 1 day.
    ("flexjob_waiting_benefit",
     [e("2022-01-31", "benefit_start", benefit="flexjob_waiting_benefit")],
     "2022-08-01",
     [{"rule": "contact.first_six_months", "deadline": "2022-07-30", "status": "overdue"}],
     ["contact.first_conversation", "offer.right_and_duty"]),
    ("rehabilitation",
     [e("2022-03-01", "benefit_start", benefit="rehabilitation"), conv("2022-03-02"), conv("2022-04-02"),
      conv("2022-05-02"), conv("2022-06-02")],
     "2022-07-01",
     [{"rule": "contact.first_six_months", "deadline": "2022-08-31", "held": 4, "status": "met"}],
     ["offer.right_and_duty"]),
    # K1 lists groups 1-5, 7-10: neither the integration programme nor sick pay gets the four conversations.
    ("integration_benefit_no_four_conversations",
     [e("2022-03-01", "benefit_start", benefit="integration_benefit")],
     "2022-04-01",
     [], ["contact.first_six_months", "offer.right_and_duty"]),
    ("sickness_benefit_no_four_conversations",
     [e("2022-03-01", "sick_leave_start", category=2), e("2022-03-01", "benefit_start", benefit="sickness_benefit")],
     "2022-04-01",
     [{"rule": "sickness.first_followup", "deadline": "2022-04-25", "status": "due"}],
     ["contact.first_six_months", "offer.right_and_duty"]),

    # --- Sickness benefit ----------------------------------------------------------------------------
    # S1, convention 3: 2021-03-01 + 55 days = 2021-04-25, a Sunday (convention 6); held that day: met.
    ("sick_cat2_followup_on_deadline",
     [e("2021-03-01", "sick_leave_start", category=2), e("2021-04-25", "followup")],
     "2021-05-01",
     [{"rule": "sickness.first_followup", "deadline": "2021-04-25", "deadline_on_non_workday": True,
       "status": "met"}], []),
    ("sick_cat2_followup_late",
     [e("2021-03-01", "sick_leave_start", category=2), e("2021-04-26", "followup")],
     "2021-05-01",
     [{"rule": "sickness.first_followup", "status": "met_late"}], []),
    ("sick_cat3_same_deadline",
     [e("2021-03-01", "sick_leave_start", category=3)],
     "2021-04-25",
     [{"rule": "sickness.first_followup", "deadline": "2021-04-25", "status": "due"}], []),
    # S2, convention 2 style: request 2021-03-10 + 14 days = 2021-03-24.
    ("sick_early_followup_met",
     [e("2021-03-01", "sick_leave_start", category=2), e("2021-03-10", "early_followup_requested", by="employer"),
      e("2021-03-24", "followup")],
     "2021-04-01",
     [{"rule": "sickness.early_followup", "deadline": "2021-03-24", "status": "met"}], []),
    ("sick_early_followup_overdue",
     [e("2021-03-01", "sick_leave_start", category=2), e("2021-03-10", "early_followup_requested", by="citizen")],
     "2021-03-25",
     [{"rule": "sickness.early_followup", "deadline": "2021-03-24", "status": "overdue"}], []),
    # S3, convention 1: four follow-ups by 2021-08-31.
    ("sick_four_followups_half_year",
     [e("2021-03-01", "sick_leave_start", category=2), e("2021-03-15", "followup"), e("2021-04-15", "followup"),
      e("2021-05-15", "followup"), e("2021-08-31", "followup")],
     "2021-09-01",
     [{"rule": "sickness.followups_first_half_year", "deadline": "2021-08-31", "required": 4, "held": 4,
       "status": "met"}], []),
    # S4: category 1 (back within 8 weeks) has no week-8 duty.
    ("sick_cat1_within_8_weeks",
     [e("2021-03-01", "sick_leave_start", category=1)],
     "2021-04-01",
     [], ["sickness.first_followup", "sickness.followups_first_half_year"]),
    # S5: category 1 still sick after 8 weeks -> follow-up and re-assessment, no fixed deadline.
    ("sick_cat1_past_8_weeks",
     [e("2021-03-01", "sick_leave_start", category=1)],
     "2021-05-10",
     [{"rule": "sickness.category_1_past_8_weeks", "deadline": None, "status_in": {"due", "manual_review"}}],
     []),
    # S4/S1: re-assessed to category 2 within the 8 weeks -> week-8 rule applies from the first day of absence.
    ("sick_category_change_1_to_2",
     [e("2021-03-01", "sick_leave_start", category=1), e("2021-04-01", "category_change", category=2)],
     "2021-04-26",
     [{"rule": "sickness.first_followup", "deadline": "2021-04-25", "status": "overdue"}], []),
    # Convention 6: week 8 ends on Store Bededag 2023 (a holiday) vs the same Friday in 2024 (not).
    ("sick_week8_store_bededag_2023",
     [e("2023-03-11", "sick_leave_start", category=2)],
     "2023-04-01",
     [{"rule": "sickness.first_followup", "deadline": "2023-05-05", "deadline_on_non_workday": True}], []),
    ("sick_week8_former_store_bededag_2024",
     [e("2024-03-02", "sick_leave_start", category=2)],
     "2024-04-01",
     [{"rule": "sickness.first_followup", "deadline": "2024-04-26", "deadline_on_non_workday": False}], []),
    # Convention 1 in a leap year: 2023-08-31 + 6 months = 2024-02-29 - 1 day = 2024-02-28.
    ("sick_half_year_leap_year",
     [e("2023-08-31", "sick_leave_start", category=2)],
     "2023-09-10",
     [{"rule": "sickness.followups_first_half_year", "deadline": "2024-02-28"}], []),

    # --- Changes of the law --------------------------------------------------------------------------
    # Convention 8: placed in a benefit period in October 2019; the first six months cross 2020-01-01.
    ("regime_ub_crosses_2020",
     [ub("2019-10-01")],
     "2020-02-01",
     [{"rule": "regime.transition", "status": "manual_review"}], []),
    # Starting on 2020-01-01 is plain LAB 2020.
    ("regime_ub_starts_2020",
     [ub("2020-01-01")],
     "2020-02-01",
     [{"rule": "contact.first_six_months", "deadline": "2020-06-30", "required": 4, "status": "due"},
      {"rule": "contact.joint_2", "window_start": "2020-04-01", "deadline": "2020-06-30"}],
     ["regime.transition"]),
    # Convention 8 at 2024-01-01 for unemployment benefit.
    ("regime_ub_crosses_2024",
     [ub("2023-12-31")],
     "2024-01-10",
     [{"rule": "regime.transition", "status": "manual_review"}], []),
    # Lov 727/2023: from 2024 the jobcenter holds 3 conversations after month 3 and by month 6; no
    # joint conversations 1-2; the 16-month one stays.
    ("regime_ub_2024_jobcenter_three",
     [ub("2024-03-01"), conv("2024-06-10"), conv("2024-07-10"), conv("2024-08-30")],
     "2024-09-01",
     [{"rule": "contact.first_six_months", "deadline": "2024-08-31", "required": 3, "held": 3, "status": "met"},
      {"rule": "contact.joint_16_months", "deadline": "2025-06-30", "status": "due"},
      {"rule": "offer.right_and_duty", "deadline": "2024-08-31", "status": "overdue"}],
     ["contact.joint_1", "contact.joint_2", "regime.transition"]),
    # Convention 8: a cash case started in May 2019 and still running in 2020 runs into LAB 2020,
    # even though its first six months ended in 2019.
    ("regime_cash_running_into_2020",
     [e("2019-05-01", "first_contact"), e("2019-05-01", "benefit_start", benefit="cash_benefit",
                                          readiness="job_ready")],
     "2020-02-01",
     [{"rule": "regime.transition", "status": "manual_review"}], []),
    # ... but a case that ended before 2020 never ran into it.
    ("regime_ub_ended_before_2020",
     [ub("2019-10-01"), e("2019-11-15", "benefit_end")],
     "2020-02-01",
     [{"rule": "offer.right_and_duty", "status": "closed"}], ["regime.transition"]),
    # Lov 727/2023 changed only the unemployment-benefit contact process: a cash case crossing
    # 2024-01-01 keeps LAB 2020's rules with nothing to decide (docs/LAW.md).
    ("regime_cash_crosses_2024_unchanged",
     [e("2023-09-01", "first_contact"), e("2023-09-01", "benefit_start", benefit="cash_benefit",
                                          readiness="job_ready")],
     "2024-01-10",
     [{"rule": "contact.first_six_months", "deadline": "2024-02-29", "required": 4, "status": "due"}],
     ["regime.transition"]),
    # Before 2015-07-01 the engine covers nothing and says so.
    ("regime_before_2015_reform_not_covered",
     [ub("2015-06-30")],
     "2015-08-01",
     [{"rule": "regime.not_covered", "status": "manual_review"}], []),

    # --- Cases found by this review (the engine was wrong before) --------------------------------
    # R1 / § 102, stk. 4 only concerns a duty still open at the deadline: an internship held in
    # months 4-5 met right and duty; a later exemption running at the deadline changes nothing.
    ("ub_offer_met_before_exemption",
     [ub("2021-03-01"), e("2021-06-01", "offer_start", offer="company_internship"),
      e("2021-07-01", "offer_end", offer="company_internship"),
      e("2021-08-20", "exemption_start", reason="job_within_6_weeks")],
     "2021-09-05",
     [{"rule": "offer.right_and_duty", "deadline": "2021-08-31", "status": "met"}], []),
    # § 31, stk. 2: declining the fund's participation after the joint_1 deadline cannot undo the
    # missed deadline; it waives only joint_2, which was still open.
    ("ub_decline_after_joint1_deadline",
     [ub("2021-03-01"), e("2021-03-10", "joint_conversation_requested", by="citizen"),
      e("2021-07-15", "joint_participation_declined")],
     "2021-09-05",
     [{"rule": "contact.joint_1", "status": "overdue"},
      {"rule": "contact.joint_2", "status": "waived"}], []),
    # K2 and T2 (§ 9, stk. 2, nr. 2): unemployment benefit runs out; the citizen asks the
    # municipality for help on 2022-05-20 and moves to cash benefit on 2022-06-01. The cash period
    # runs from the first contact, and the first conversation is due a week after it.
    ("ub_runs_out_first_contact_then_cash",
     [ub("2021-03-01"), e("2022-05-20", "first_contact"),
      e("2022-06-01", "benefit_change", benefit="cash_benefit", readiness="job_ready")],
     "2022-06-20",
     [{"rule": "contact.first_conversation", "deadline": "2022-05-27", "status": "overdue"},
      {"rule": "contact.first_six_months", "window_start": "2022-05-20", "deadline": "2022-11-19",
       "status": "due"}], []),
    # Same with a benefit_start while unemployment benefit still runs.
    ("ub_first_contact_then_cash_start",
     [ub("2021-03-01"), e("2022-05-20", "first_contact"), conv("2022-05-25"),
      e("2022-06-01", "benefit_start", benefit="cash_benefit", readiness="job_ready")],
     "2022-06-20",
     [{"rule": "contact.first_conversation", "deadline": "2022-05-27", "status": "met"}], []),
    # An old first contact from a previous, ended benefit does not open a new cash period.
    ("old_first_contact_not_reused",
     [e("2020-12-15", "first_contact"), ub("2021-01-04"), e("2021-06-01", "benefit_end"),
      e("2022-05-03", "benefit_start", benefit="cash_benefit", readiness="job_ready")],
     "2022-05-20",
     [{"rule": "contact.first_six_months", "window_start": "2022-05-03", "deadline": "2022-11-02"}], []),

    # --- More edges ----------------------------------------------------------------------------------
    # T1, convention 5: 30 days on sickness benefit between two stretches of unemployment benefit
    # push the unemployment-benefit deadlines 30 days later; the sick spell's duties close with it.
    ("ub_sick_ub_cumulated",
     [ub("2021-03-01"), e("2021-04-01", "sick_leave_start", category=2),
      e("2021-04-01", "benefit_change", benefit="sickness_benefit"),
      e("2021-05-01", "benefit_change", benefit="unemployment_benefit")],
     "2021-06-01",
     [{"rule": "contact.first_six_months", "window_start": "2021-03-01", "deadline": "2021-09-30",
       "status": "due"},
      {"rule": "offer.right_and_duty", "deadline": "2021-09-30"},
      {"rule": "sickness.first_followup", "deadline": "2021-05-26", "status": "closed"}], []),
    # S1 and contract 'closed': back at work (benefit_end) before week 8.
    ("sick_back_before_week8_closed",
     [e("2021-03-01", "sick_leave_start", category=2), e("2021-04-01", "benefit_end")],
     "2021-05-01",
     [{"rule": "sickness.first_followup", "status": "closed"},
      {"rule": "sickness.followups_first_half_year", "status": "closed"}], []),
    # K4: a request after the 3 months does not trigger joint_1.
    ("ub_joint1_request_after_three_months",
     [ub("2021-03-01"), e("2021-06-10", "joint_conversation_requested", by="citizen")],
     "2021-09-10",
     [{"rule": "contact.joint_1", "status": "not_applicable"}], []),
    # K4/K5: one joint conversation in month 4 after a request: it is on time for joint_2 and late
    # for joint_1; on-time use first, so joint_1 is overdue.
    ("ub_one_joint_in_month_four_after_request",
     [ub("2021-03-01"), e("2021-03-10", "joint_conversation_requested", by="citizen"),
      conv("2021-06-15", joint=True)],
     "2021-09-10",
     [{"rule": "contact.joint_1", "status": "overdue"},
      {"rule": "contact.joint_2", "status": "met"}], []),
    # Convention 5 with a duplicate: work recorded as started twice (2021-05-04 and again
    # 2021-05-05) and ended on 2021-05-10 is one stretch of 6 days, not work that never ended.
    ("ub_employment_start_recorded_twice",
     [ub("2021-03-01"), e("2021-05-04", "employment_start"), e("2021-05-05", "employment_start"),
      e("2021-05-10", "employment_end")],
     "2021-06-01",
     [{"rule": "contact.first_six_months", "deadline": "2021-09-06", "status": "due"}], []),
    # X1: an exemption running today suspends open contact duties.
    ("ub_exemption_running_suspends_contact",
     [ub("2021-03-01"), e("2021-04-01", "exemption_start", reason="job_within_6_weeks")],
     "2021-04-10",
     [{"rule": "contact.first_six_months", "status": "suspended"},
      {"rule": "offer.right_and_duty", "status": "suspended"}], []),
]


@pytest.mark.parametrize(("events", "as_of", "expected", "absent"),
                         [pytest.param(*case[1:], id=case[0]) for case in CASES])
def test_review_scenario(events, as_of, expected, absent):
    check_case(events, as_of, expected, absent)


def test_at_least_forty_review_cases():
    from test_law_scenarios_unemployment_cash import CASES as FIRST

    ids = [case[0] for case in FIRST + CASES]
    assert len(ids) >= 40 and len(set(ids)) == len(ids)
