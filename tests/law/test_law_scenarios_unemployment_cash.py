"""Independent review scenarios: unemployment and cash benefit.

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
    # --- Unemployment benefit (target group 1), LAB 2020 -------------------------------------
    # K1, convention 1: 2021-03-01 + 6 months - 1 day = 2021-08-31; conversations on the first day
    # of the period and on the deadline day both count.
    ("ub_four_held_first_and_last_day",
     [ub("2021-03-01"), conv("2021-03-01"), conv("2021-04-10"), conv("2021-06-10"), conv("2021-08-31")],
     "2021-09-10",
     [{"rule": "contact.first_six_months", "window_start": "2021-03-01", "deadline": "2021-08-31",
       "required": 4, "held": 4, "status": "met"}], []),
    # K1, convention 7: the fourth conversation a day late still counts; the deadline is met late.
    ("ub_fourth_conversation_late",
     [ub("2021-03-01"), conv("2021-03-05"), conv("2021-04-10"), conv("2021-06-10"), conv("2021-09-01")],
     "2021-09-10",
     [{"rule": "contact.first_six_months", "held": 4, "status": "met_late", "deadline": "2021-08-31"}], []),
    # K1/T1: a conversation before the placement in the benefit period is not in the period.
    ("ub_conversation_before_period_not_counted",
     [ub("2021-03-01"), conv("2021-02-26"), conv("2021-03-05"), conv("2021-04-10"), conv("2021-06-10")],
     "2021-09-01",
     [{"rule": "contact.first_six_months", "held": 3, "status": "overdue"}], []),
    # K4 note: joint conversations come in addition to the four of K1 and do not count there;
    # K5: a joint conversation inside [S+3m, S+6m-1d] meets joint_2.
    ("ub_joint_not_among_the_four",
     [ub("2021-03-01"), conv("2021-03-05"), conv("2021-04-10"), conv("2021-06-15", joint=True),
      conv("2021-07-10")],
     "2021-09-01",
     [{"rule": "contact.first_six_months", "held": 3, "status": "overdue"},
      {"rule": "contact.joint_2", "window_start": "2021-06-01", "deadline": "2021-08-31", "status": "met"}], []),
    # Conventions 1 and 6: as_of on the deadline day is still due.
    ("ub_as_of_deadline_day_still_due",
     [ub("2021-03-01"), conv("2021-03-20"), conv("2021-04-25")],
     "2021-08-31",
     [{"rule": "contact.first_six_months", "held": 2, "status": "due"},
      {"rule": "contact.joint_2", "status": "due"},
      {"rule": "offer.right_and_duty", "deadline": "2021-08-31", "status": "due"}], []),
    # The day after the deadline everything unmet is overdue.
    ("ub_day_after_deadline_overdue",
     [ub("2021-03-01"), conv("2021-03-20"), conv("2021-04-25")],
     "2021-09-01",
     [{"rule": "contact.first_six_months", "held": 2, "status": "overdue"},
      {"rule": "contact.joint_2", "status": "overdue"},
      {"rule": "offer.right_and_duty", "status": "overdue"}], []),
    # K4: requested by the citizen -> due by 3 months (S + 3m - 1d = 2021-05-31); the day after: overdue.
    ("ub_joint1_requested_by_citizen_overdue",
     [ub("2021-03-01"), e("2021-03-15", "joint_conversation_requested", by="citizen")],
     "2021-06-01",
     [{"rule": "contact.joint_1", "deadline": "2021-05-31", "status": "overdue"}], []),
    # K4: requested by the jobcenter, as_of on the deadline day -> due.
    ("ub_joint1_requested_by_jobcenter_due_on_deadline",
     [ub("2021-03-01"), e("2021-04-01", "joint_conversation_requested", by="jobcenter")],
     "2021-05-31",
     [{"rule": "contact.joint_1", "deadline": "2021-05-31", "status": "due"}], []),
    # K4/K5: the fund's request is met by a joint conversation within 3 months; that conversation
    # is before the joint_2 window (K5 "no earlier than at 3 months"), so joint_2 stays due.
    ("ub_joint1_requested_by_fund_met",
     [ub("2021-03-01"), e("2021-03-10", "joint_conversation_requested", by="fund"),
      conv("2021-05-20", joint=True)],
     "2021-07-01",
     [{"rule": "contact.joint_1", "status": "met"},
      {"rule": "contact.joint_2", "window_start": "2021-06-01", "status": "due"}], []),
    # § 31, stk. 2 (LBK 701/2022): "medmindre personen ikke ønsker, at arbejdsløshedskassen
    # deltager" governs both joint conversations -> waived.
    ("ub_joint_declined_waives_both",
     [ub("2021-03-01"), e("2021-03-10", "joint_conversation_requested", by="fund"),
      e("2021-03-20", "joint_participation_declined")],
     "2021-09-10",
     [{"rule": "contact.joint_1", "status": "waived"},
      {"rule": "contact.joint_2", "status": "waived"}], []),
    # K5: a joint conversation on the day before the window opens does not meet joint_2.
    ("ub_joint2_before_window_does_not_count",
     [ub("2021-03-01"), conv("2021-05-31", joint=True)],
     "2021-09-01",
     [{"rule": "contact.joint_2", "window_start": "2021-06-01", "status": "overdue"}], []),
    # K5: a joint conversation on the first day of the window meets it.
    ("ub_joint2_on_window_start",
     [ub("2021-03-01"), conv("2021-06-01", joint=True)],
     "2021-07-01",
     [{"rule": "contact.joint_2", "status": "met"}], []),
    # K5, convention 7: held the day after the window closed -> met_late.
    ("ub_joint2_late",
     [ub("2021-03-01"), conv("2021-09-01", joint=True)],
     "2021-09-10",
     [{"rule": "contact.joint_2", "status": "met_late"}], []),
    # K6, convention 1: 16 months from 2021-03-01 -> 2022-06-30; a joint conversation that day meets it.
    ("ub_joint16_met_on_deadline",
     [ub("2021-03-01"), conv("2021-06-15", joint=True), conv("2022-06-30", joint=True)],
     "2022-07-01",
     [{"rule": "contact.joint_16_months", "deadline": "2022-06-30", "status": "met"}], []),
    ("ub_joint16_overdue",
     [ub("2021-03-01"), conv("2021-06-15", joint=True)],
     "2022-07-01",
     [{"rule": "contact.joint_16_months", "deadline": "2022-06-30", "status": "overdue"}], []),
    # T1, convention 5: ten days in work (2021-05-01 up to 2021-05-11) push every deadline
    # reached after them ten days later.
    ("ub_work_pauses_cumulated_clock",
     [ub("2021-03-01"), e("2021-05-01", "employment_start"), e("2021-05-11", "employment_end")],
     "2021-09-01",
     [{"rule": "contact.first_six_months", "deadline": "2021-09-10", "status": "due"},
      {"rule": "contact.joint_2", "window_start": "2021-06-11", "deadline": "2021-09-10", "status": "due"},
      {"rule": "offer.right_and_duty", "deadline": "2021-09-10", "status": "due"},
      {"rule": "contact.joint_16_months", "deadline": "2022-07-10"}], []),
    # T1, convention 5: work after the six months does not move the six-month deadline, only the 16-month one.
    ("ub_work_after_six_months",
     [ub("2021-03-01"), e("2021-09-10", "employment_start"), e("2021-09-20", "employment_end")],
     "2021-10-01",
     [{"rule": "contact.first_six_months", "deadline": "2021-08-31", "status": "overdue"},
      {"rule": "contact.joint_16_months", "deadline": "2022-07-10", "status": "due"}], []),
    # R1, convention 4: an internship starting on the deadline day and still running meets right and duty.
    ("ub_offer_on_deadline",
     [ub("2021-03-01"), e("2021-08-31", "offer_start", offer="company_internship")],
     "2021-09-20",
     [{"rule": "offer.right_and_duty", "deadline": "2021-08-31", "status": "met"}], []),
    ("ub_offer_day_late",
     [ub("2021-03-01"), e("2021-09-01", "offer_start", offer="company_internship")],
     "2021-09-20",
     [{"rule": "offer.right_and_duty", "status": "met_late"}], []),
    # R1 / § 102, stk. 3: a wage-subsidy job given by the deadline and started 21 days after it counts.
    ("ub_wage_subsidy_grace_last_day",
     [ub("2021-03-01"), e("2021-08-20", "offer_given", offer="wage_subsidy", start="2021-09-21"),
      e("2021-09-21", "offer_start", offer="wage_subsidy")],
     "2021-10-10",
     [{"rule": "offer.right_and_duty", "status": "met"}], []),
    # ... but not 22 days after: it still counts as the offer, late.
    ("ub_wage_subsidy_grace_exceeded",
     [ub("2021-03-01"), e("2021-08-20", "offer_given", offer="wage_subsidy", start="2021-09-22"),
      e("2021-09-22", "offer_start", offer="wage_subsidy")],
     "2021-10-10",
     [{"rule": "offer.right_and_duty", "status": "met_late"}], []),
    # § 102, stk. 3 needs the offer *given* within the deadline.
    ("ub_wage_subsidy_given_after_deadline",
     [ub("2021-03-01"), e("2021-09-01", "offer_given", offer="wage_subsidy", start="2021-09-06"),
      e("2021-09-06", "offer_start", offer="wage_subsidy")],
     "2021-10-10",
     [{"rule": "offer.right_and_duty", "status": "met_late"}], []),
    # R1 / § 102, stk. 2: an offer must last at least 2 weeks; one that ended after 9 days does not count.
    ("ub_offer_too_short",
     [ub("2021-03-01"), e("2021-08-01", "offer_start", offer="company_internship"),
      e("2021-08-10", "offer_end", offer="company_internship")],
     "2021-09-05",
     [{"rule": "offer.right_and_duty", "status": "overdue"}], []),
    # R1: mentor support is a supplementary benefit, not an offer of chapters 10-12.
    ("ub_mentor_is_not_an_offer",
     [ub("2021-03-01"), e("2021-07-01", "offer_start", offer="mentor")],
     "2021-09-05",
     [{"rule": "offer.right_and_duty", "status": "overdue"}], []),
    # X1/R1: exempt at the deadline and still exempt -> suspended.
    ("ub_exempt_at_deadline_suspended",
     [ub("2021-03-01"), e("2021-08-20", "exemption_start", reason="job_within_6_weeks")],
     "2021-09-05",
     [{"rule": "offer.right_and_duty", "status": "suspended"}], []),
    # R1 / § 102, stk. 4: exemption ends 2021-09-20 (first day not exempt) -> the offer is due one
    # month later (convention 1: 2021-09-20 + 1 month - 1 day = 2021-10-19); on that day still due.
    ("ub_exemption_ended_deadline_one_month_later",
     [ub("2021-03-01"), e("2021-08-20", "exemption_start", reason="job_within_6_weeks"),
      e("2021-09-20", "exemption_end", reason="job_within_6_weeks")],
     "2021-10-19",
     [{"rule": "offer.right_and_duty", "deadline": "2021-10-19", "status": "due"}], []),
    ("ub_exemption_ended_day_after_new_deadline",
     [ub("2021-03-01"), e("2021-08-20", "exemption_start", reason="job_within_6_weeks"),
      e("2021-09-20", "exemption_end", reason="job_within_6_weeks")],
     "2021-10-20",
     [{"rule": "offer.right_and_duty", "deadline": "2021-10-19", "status": "overdue"}], []),
    # Contract 'closed': benefit_end before the deadlines closes the open obligations.
    ("ub_benefit_end_closes",
     [ub("2021-03-01"), conv("2021-03-10"), e("2021-05-01", "benefit_end")],
     "2021-06-01",
     [{"rule": "contact.first_six_months", "status": "closed"},
      {"rule": "offer.right_and_duty", "status": "closed"}], []),
    # K3: the citizen asks for a conversation after six months; no legal deadline; met by the next one.
    ("ub_requested_conversation_met",
     [ub("2021-03-01"), e("2021-10-01", "conversation_requested"), conv("2021-10-05")],
     "2021-10-10",
     [{"rule": "contact.requested", "deadline": None, "status": "met"}], []),
    ("ub_requested_conversation_open",
     [ub("2021-03-01"), e("2021-10-01", "conversation_requested")],
     "2021-10-10",
     [{"rule": "contact.requested", "deadline": None, "status": "due"}], []),
    # Convention 1 at a month end: 2021-08-31 + 6 months = 2022-02-28 (clamped) - 1 day = 2022-02-27;
    # + 3 months = 2021-11-30 opens joint_2; + 16 months = 2022-12-31 - 1 day.
    ("ub_month_end_clamping",
     [ub("2021-08-31")],
     "2021-12-01",
     [{"rule": "contact.first_six_months", "deadline": "2022-02-27"},
      {"rule": "contact.joint_2", "window_start": "2021-11-30", "deadline": "2022-02-27"},
      {"rule": "contact.joint_16_months", "deadline": "2022-12-30"}], []),

    # --- Cash benefit (groups 2 and 3) ---------------------------------------------------------
    # K2, convention 2: first contact 2022-01-10 + 7 days = 2022-01-17; T2: period from first contact.
    ("cash_first_conversation_on_deadline",
     [e("2022-01-10", "first_contact"), e("2022-01-12", "benefit_start", benefit="cash_benefit",
                                          readiness="job_ready"), conv("2022-01-17")],
     "2022-02-01",
     [{"rule": "contact.first_conversation", "deadline": "2022-01-17", "status": "met"},
      {"rule": "contact.first_six_months", "window_start": "2022-01-10", "deadline": "2022-07-09",
       "held": 1, "status": "due"},
      {"rule": "offer.right_and_duty", "deadline": "2022-07-09", "status": "due"}], []),
    ("cash_first_conversation_late",
     [e("2022-01-10", "first_contact"), e("2022-01-12", "benefit_start", benefit="cash_benefit",
                                          readiness="job_ready"), conv("2022-01-18")],
     "2022-02-01",
     [{"rule": "contact.first_conversation", "status": "met_late"}], []),
    ("cash_first_conversation_due_on_deadline_day",
     [e("2022-01-10", "first_contact"), e("2022-01-10", "benefit_start", benefit="cash_benefit",
                                          readiness="job_ready")],
     "2022-01-17",
     [{"rule": "contact.first_conversation", "status": "due"}], []),
    ("cash_first_conversation_overdue_day_after",
     [e("2022-01-10", "first_contact"), e("2022-01-10", "benefit_start", benefit="cash_benefit",
                                          readiness="job_ready")],
     "2022-01-18",
     [{"rule": "contact.first_conversation", "status": "overdue"}], []),
    # Group 3 (activity ready): K1, K2 and R1 (§ 102 covers § 6, nr. 1-3) all apply.
    ("cash_activity_ready_full_half_year",
     [e("2022-03-01", "first_contact"), e("2022-03-01", "benefit_start", benefit="cash_benefit",
                                          readiness="activity_ready"),
      conv("2022-03-02"), conv("2022-04-01"), conv("2022-05-01"), conv("2022-06-01")],
     "2022-09-01",
     [{"rule": "contact.first_conversation", "status": "met"},
      {"rule": "contact.first_six_months", "deadline": "2022-08-31", "held": 4, "status": "met"},
      {"rule": "offer.right_and_duty", "deadline": "2022-08-31", "status": "overdue"}], []),
    # No first_contact: the engine must not crash; the period runs from the benefit start.
    ("cash_without_first_contact",
     [e("2022-03-01", "benefit_start", benefit="cash_benefit", readiness="job_ready")],
     "2022-03-20",
     [{"rule": "contact.first_six_months", "window_start": "2022-03-01", "deadline": "2022-08-31"},
      {"rule": "contact.first_conversation", "status_in": {"overdue", "manual_review"}}], []),
    # Convention 6: 2023-05-05 (Store Bededag) was a public holiday ...
    ("cash_first_conversation_store_bededag_2023",
     [e("2023-04-28", "first_contact"), e("2023-04-28", "benefit_start", benefit="cash_benefit",
                                          readiness="job_ready")],
     "2023-05-01",
     [{"rule": "contact.first_conversation", "deadline": "2023-05-05", "deadline_on_non_workday": True}], []),
    # ... 2024-04-26 is an ordinary Friday (Store Bededag abolished from 2024).
    ("cash_first_conversation_no_store_bededag_2024",
     [e("2024-04-19", "first_contact"), e("2024-04-19", "benefit_start", benefit="cash_benefit",
                                          readiness="job_ready")],
     "2024-04-22",
     [{"rule": "contact.first_conversation", "deadline": "2024-04-26", "deadline_on_non_workday": False}], []),
    # T2/T3: a readiness change within cash benefit is not a benefit change: one period, nothing closed.
    ("cash_readiness_change_is_not_benefit_change",
     [e("2022-01-10", "first_contact"), e("2022-01-10", "benefit_start", benefit="cash_benefit",
                                          readiness="job_ready"),
      e("2022-03-01", "readiness_change", readiness="activity_ready")],
     "2022-04-01",
     [{"rule": "contact.first_six_months", "window_start": "2022-01-10", "deadline": "2022-07-09",
       "status": "due"}], []),
    # T2/T3 (§ 9, stk. 1, nr. 2): cash -> resource programme starts a new period from the change;
    # the old period's open obligations are closed (contract: closed).
    ("cash_to_resource_programme",
     [e("2022-01-10", "first_contact"), e("2022-01-10", "benefit_start", benefit="cash_benefit",
                                          readiness="activity_ready"), conv("2022-01-12"),
      e("2022-04-01", "benefit_change", benefit="resource_programme")],
     "2022-05-01",
     [{"rule": "contact.first_six_months", "window_start": "2022-01-10", "status": "closed"},
      {"rule": "offer.right_and_duty", "period_start": "2022-01-10", "status": "closed"},
      {"rule": "contact.first_six_months", "window_start": "2022-04-01", "deadline": "2022-09-30",
       "held": 0, "status": "due"}], []),
    # A deadline already passed when the benefit changes stays overdue ('closed' is only for a
    # change before the deadline).
    ("cash_change_after_deadline_stays_overdue",
     [e("2022-01-10", "first_contact"), e("2022-01-10", "benefit_start", benefit="cash_benefit",
                                          readiness="job_ready"),
      e("2022-08-01", "benefit_change", benefit="job_clarification")],
     "2022-08-10",
     [{"rule": "contact.first_six_months", "window_start": "2022-01-10", "status": "overdue"},
      {"rule": "contact.first_six_months", "window_start": "2022-08-01", "deadline": "2023-01-31",
       "status": "due"}], []),
    # T2 / § 9, stk. 2, nr. 2: education -> cash: the new period starts at the change; conversations
    # after the change count only there.
    ("education_to_cash_conversations_follow_the_period",
     [e("2022-05-02", "first_contact"), e("2022-05-02", "benefit_start", benefit="education_benefit",
                                          readiness="education_ready"),
      conv("2022-05-05"), e("2022-09-15", "benefit_change", benefit="cash_benefit", readiness="job_ready"),
      conv("2022-09-20")],
     "2022-10-01",
     [{"rule": "contact.first_six_months", "window_start": "2022-05-02", "status": "closed"},
      {"rule": "contact.first_six_months", "window_start": "2022-09-15", "held": 1, "status": "due"}], []),

]


@pytest.mark.parametrize(("events", "as_of", "expected", "absent"),
                         [pytest.param(*case[1:], id=case[0]) for case in CASES])
def test_review_scenario(events, as_of, expected, absent):
    check_case(events, as_of, expected, absent)
