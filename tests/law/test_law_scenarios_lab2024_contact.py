"""Second independent review: LAB 2024 for unemployment benefit, cash and education benefit,
groups 7-10, the integration benefit and calendar edges.

Written from shared/docs/law-notes.md (K1-K6, R1, R3, T1-T3, X1, conventions 1-8) and the
consolidated LAB §§ 9, 31, 32 (LBK 280/2024 on elov.dk). Each case names the rule behind the
expected value. Only the keys written are checked; ``absent`` lists rules that must not ask
for action (due, overdue, manual_review).
"""

from __future__ import annotations

import pytest
from review_helpers import check_case, conv, e, result_for, ub


def bs(day: str, benefit: str, readiness: str | None = None) -> dict:
    return e(day, "benefit_start", benefit=benefit, **({"readiness": readiness} if readiness else {}))


def bc(day: str, benefit: str) -> dict:
    return e(day, "benefit_change", benefit=benefit)


def fc(day: str) -> dict:
    return e(day, "first_contact")


FUND1 = "contact.fund_first_conversation"
FUND3 = "contact.fund_first_three_months"
SIX = "contact.first_six_months"
FIRSTC = "contact.first_conversation"
RD = "offer.right_and_duty"

CASES = [
    # --- Unemployment benefit from 2024 (lov 727/2023, LAB § 31, stk. 1 and 4, LBK 280/2024) --------
    # § 31, stk. 4: the fund's first conversation no later than 2 weeks after registration:
    # 2024-02-01 + 14 days = 2024-02-15; held that day: met.
    ("ub2024_fund_first_on_day_14",
     [ub("2024-02-01"), conv("2024-02-15")], "2024-02-20",
     [{"rule": FUND1, "window_start": "2024-02-01", "deadline": "2024-02-15", "status": "met"}], []),
    # ... on day 15: met late (convention 7).
    ("ub2024_fund_first_on_day_15",
     [ub("2024-02-01"), conv("2024-02-16")], "2024-02-20",
     [{"rule": FUND1, "deadline": "2024-02-15", "status": "met_late"}], []),
    # § 31, stk. 1, 1.-2. pkt.: 3 fund conversations within the first 3 months (convention 1:
    # -> 2024-04-30), "herefter" 3 jobcenter conversations by 6 months (2024-05-01 .. 2024-07-31).
    # A fourth conversation in April does not count for the jobcenter's three.
    ("ub2024_april_conversation_is_in_the_fund_months",
     [ub("2024-02-01"), conv("2024-02-10"), conv("2024-03-10"), conv("2024-04-10"), conv("2024-04-20"),
      conv("2024-05-10"), conv("2024-06-10")], "2024-08-01",
     [{"rule": FUND3, "window_start": "2024-02-01", "deadline": "2024-04-30", "required": 3, "status": "met"},
      {"rule": SIX, "window_start": "2024-05-01", "deadline": "2024-07-31", "required": 3, "held": 2,
       "status": "overdue"}], []),
    # § 31, stk. 2 (2024): the citizen chooses whether the fund joins the first jobcenter
    # conversation, so a joint conversation in month 4 is one of the jobcenter's three.
    ("ub2024_joint_conversation_counts_for_jobcenter",
     [ub("2024-02-01"), conv("2024-05-02", joint=True), conv("2024-06-10"), conv("2024-07-31")], "2024-08-01",
     [{"rule": SIX, "required": 3, "held": 3, "status": "met", "met_on": "2024-07-31"}], []),
    # K6 stays (§ 32, stk. 2): 16 months from 2024-02-01 -> 2025-05-31, a Saturday (convention 6).
    ("ub2024_joint_16_months_stays",
     [ub("2024-02-01")], "2024-02-05",
     [{"rule": "contact.joint_16_months", "window_start": "2024-08-01", "deadline": "2025-05-31",
       "status": "due", "deadline_on_non_workday": True}], []),
    # Lov 727/2023: no joint conversations 1-2, even when one is asked for.
    ("ub2024_no_joint_1_or_2",
     [ub("2024-02-01"), e("2024-02-05", "joint_conversation_requested", by="citizen")], "2024-06-01",
     [], ["contact.joint_1", "contact.joint_2"]),
    # R1 unchanged in 2024: the offer by 6 months (convention 4).
    ("ub2024_right_and_duty_unchanged",
     [ub("2024-02-01")], "2024-02-05",
     [{"rule": RD, "deadline": "2024-07-31", "status": "due"}], []),
    # X1 (§ 106): no duty to attend conversations while exempt -- the fund's too.
    ("ub2024_exemption_suspends_fund_conversations",
     [ub("2024-02-01"), e("2024-02-05", "exemption_start", reason="job_within_6_weeks")], "2024-02-20",
     [{"rule": FUND1, "status": "suspended"}, {"rule": FUND3, "status": "suspended"}], [FUND1, FUND3]),
    # Convention 8: placed in a benefit period 2023-12-01 -> LAB 2020 rules (joint 2, 4 conversations)
    # plus regime.transition for a person to decide.
    ("ub_dec_2023_into_2024_transition",
     [ub("2023-12-01")], "2024-02-20",
     [{"rule": "regime.transition", "status": "manual_review"},
      {"rule": SIX, "required": 4, "deadline": "2024-05-31", "regime": "LAB 2020"},
      {"rule": "contact.joint_2", "window_start": "2024-03-01", "deadline": "2024-05-31"}], [FUND1, FUND3]),
    # Lov 727/2023 does not touch education benefit or groups 7-10: four conversations, K2 as before.
    ("education_2024_unchanged",
     [fc("2024-02-01"), bs("2024-02-05", "education_benefit", "education_ready"), conv("2024-02-08")], "2024-02-20",
     [{"rule": FIRSTC, "deadline": "2024-02-08", "status": "met"},
      {"rule": SIX, "window_start": "2024-02-01", "deadline": "2024-07-31", "required": 4, "status": "due"}],
     [FUND1, FUND3, "regime.transition"]),
    ("job_clarification_2024_unchanged",
     [bs("2024-03-15", "job_clarification")], "2024-04-01",
     [{"rule": SIX, "window_start": "2024-03-15", "deadline": "2024-09-14", "required": 4, "status": "due"}],
     [FUND1, FUND3, "regime.transition"]),
    ("education_dec_2023_into_2024_no_transition",
     [fc("2023-12-01"), bs("2023-12-04", "education_benefit", "education_ready")], "2024-02-20",
     [{"rule": SIX, "required": 4, "deadline": "2024-05-31"}], ["regime.transition"]),

    # --- Cash and education benefit (groups 2-5) -------------------------------------------------
    # K2, convention 2, T2: the period runs from the first contact before the benefit starts;
    # a conversation on day 7 meets the first-conversation rule.
    ("cash_first_contact_before_benefit_day_7_met",
     [fc("2023-03-01"), bs("2023-03-06", "cash_benefit", "job_ready"), conv("2023-03-08")], "2023-03-20",
     [{"rule": FIRSTC, "window_start": "2023-03-01", "deadline": "2023-03-08", "status": "met"},
      {"rule": SIX, "window_start": "2023-03-01", "deadline": "2023-08-31", "held": 1}], []),
    # K2, convention 7: day 8 -> met late; it still counts among the four (K2 "counts among the 4").
    ("cash_first_conversation_day_8_met_late",
     [fc("2023-03-01"), bs("2023-03-06", "cash_benefit", "activity_ready"), conv("2023-03-09")], "2023-03-20",
     [{"rule": FIRSTC, "deadline": "2023-03-08", "status": "met_late", "met_on": "2023-03-09"},
      {"rule": SIX, "held": 1}], []),
    # K2: a conversation before the first contact is not the first conversation.
    ("cash_conversation_before_first_contact_not_counted",
     [conv("2023-02-27"), fc("2023-03-01"), bs("2023-03-01", "cash_benefit", "job_ready")], "2023-03-09",
     [{"rule": FIRSTC, "status": "overdue"}], []),
    # K2: a first contact with no benefit yet: the first conversation is due a week later ...
    ("first_contact_without_benefit_due_on_day_7",
     [fc("2023-03-01")], "2023-03-08",
     [{"rule": FIRSTC, "window_start": "2023-03-01", "deadline": "2023-03-08", "status": "due"}], [SIX, RD]),
    # ... and overdue the day after.
    ("first_contact_without_benefit_overdue_on_day_8",
     [fc("2023-03-01")], "2023-03-09",
     [{"rule": FIRSTC, "status": "overdue"}], []),
    # T2/T3: readiness changes (activity ready -> job ready -> activity ready) do not restart the
    # period; the four conversations are counted across them.
    ("cash_readiness_changes_do_not_restart",
     [fc("2022-01-10"), bs("2022-01-10", "cash_benefit", "activity_ready"), conv("2022-01-12"),
      e("2022-02-01", "readiness_change", readiness="job_ready"), conv("2022-02-10"), conv("2022-03-10"),
      e("2022-04-01", "readiness_change", readiness="activity_ready"), conv("2022-05-10")], "2022-07-20",
     [{"rule": SIX, "window_start": "2022-01-10", "deadline": "2022-07-09", "held": 4, "status": "met"},
      {"rule": FIRSTC, "window_start": "2022-01-10", "status": "met"},
      {"rule": RD, "window_start": "2022-01-10", "deadline": "2022-07-09"}], []),
    # R1 covers groups 2 and 3: job-ready cash benefit, an internship starting on the deadline day
    # (convention 4: first contact 2022-01-10 + 6 months - 1 day = 2022-07-09) meets it.
    ("cash_job_ready_right_and_duty_met_on_deadline",
     [fc("2022-01-10"), bs("2022-01-12", "cash_benefit", "job_ready"),
      e("2022-07-09", "offer_start", offer="company_internship")], "2022-07-20",
     [{"rule": RD, "deadline": "2022-07-09", "status": "met", "target_group": "2"}], []),
    # R1 for group 3 too; an internship starting the day after the deadline: met late.
    ("cash_activity_ready_right_and_duty_met_late",
     [fc("2022-01-10"), bs("2022-01-12", "cash_benefit", "activity_ready"),
      e("2022-07-10", "offer_start", offer="company_internship")], "2022-07-20",
     [{"rule": RD, "deadline": "2022-07-09", "status": "met_late", "target_group": "3"}], []),
    # R3 (§ 105, [U]): the deadline is not known -> a person decides (deadline null); R1 does not apply.
    ("education_benefit_offer_unknown_deadline",
     [fc("2022-01-10"), bs("2022-01-12", "education_benefit", "education_ready")], "2022-03-01",
     [{"rule": "offer.education_benefit", "deadline": None, "status": "manual_review"},
      {"rule": RD, "status": "not_applicable"}], []),
    # R3: an offer running today meets the continuous right and duty.
    ("education_benefit_offer_running_met",
     [fc("2022-01-10"), bs("2022-01-12", "education_benefit", "activity_ready"),
      e("2022-02-01", "offer_start", offer="guidance_and_upskilling")], "2022-03-01",
     [{"rule": "offer.education_benefit", "deadline": None, "status": "met"}], []),

    # --- Groups 7-10 and the integration benefit (T3, § 9, stk. 2, nr. 3-4, stk. 3) ---------------
    # K1/T3: four conversations within 6 months from the benefit's start; no K2, no R1.
    ("resource_programme_four_met",
     [bs("2022-02-01", "resource_programme"), conv("2022-02-01"), conv("2022-03-15"), conv("2022-05-15"),
      conv("2022-07-31")], "2022-08-05",
     [{"rule": SIX, "window_start": "2022-02-01", "deadline": "2022-07-31", "held": 4, "status": "met"},
      {"rule": RD, "status": "not_applicable"}], [FIRSTC]),
    ("flexjob_waiting_benefit_three_overdue",
     [bs("2022-02-01", "flexjob_waiting_benefit"), conv("2022-03-15"), conv("2022-05-15"), conv("2022-07-31")],
     "2022-08-01",
     [{"rule": SIX, "deadline": "2022-07-31", "held": 3, "status": "overdue"}], []),
    # § 9, stk. 3: a change of benefit while in rehabilitation starts no new period: one period from
    # the rehabilitation start; conversations before and after the change count together.
    ("rehabilitation_change_keeps_the_period",
     [bs("2022-02-01", "rehabilitation"), conv("2022-02-10"), conv("2022-03-10"), bc("2022-04-01", "job_clarification"),
      conv("2022-05-10"), conv("2022-07-10")], "2022-08-05",
     [{"rule": SIX, "window_start": "2022-02-01", "deadline": "2022-07-31", "held": 4, "status": "met"}], []),
    # § 9, stk. 1, nr. 2 and stk. 2, nr. 4: a change *to* rehabilitation starts the group-10 period
    # "fra overgangen til et revalideringsforløb"; the old period's open duty closes.
    ("change_to_rehabilitation_starts_group_10_period",
     [bs("2022-02-01", "job_clarification"), conv("2022-02-10"), bc("2022-04-01", "rehabilitation")], "2022-04-10",
     [{"rule": SIX, "period_start": "2022-02-01", "status": "closed"},
      {"rule": SIX, "period_start": "2022-04-01", "deadline": "2022-09-30", "held": 0, "status": "due",
       "target_group": "10"}], []),
    # Integration programme (own rules, [2nd]): first offer within 1 month; Jan 31 + 1 month in a
    # leap year is 2024-02-29, minus a day -> 2024-02-28 (convention 1). No LAB § 31 duties.
    ("integration_first_offer_leap_year",
     [bs("2024-01-31", "integration_benefit")], "2024-02-10",
     [{"rule": "integration.first_offer", "deadline": "2024-02-28", "status": "due"}], [SIX, FIRSTC, RD]),

    # --- Calendar (conventions 1, 2, 6) ------------------------------------------------------------
    # Convention 1: 2022-08-31 + 6 months = 2023-02-28 (clamped), - 1 day = 2023-02-27.
    ("month_end_clamp_aug_31",
     [bs("2022-08-31", "job_clarification")], "2022-09-05",
     [{"rule": SIX, "deadline": "2023-02-27"}], []),
    # Convention 1 in a leap year: 2023-08-31 + 6 months = 2024-02-29, - 1 day = 2024-02-28.
    ("month_end_clamp_aug_31_leap",
     [bs("2023-08-31", "resource_programme")], "2023-09-05",
     [{"rule": SIX, "deadline": "2024-02-28"}], []),
    # Convention 6: Christmas Day 2023 (Monday) is a holiday; the deadline does not move.
    ("first_conversation_on_christmas_day",
     [fc("2023-12-18"), bs("2023-12-18", "cash_benefit", "job_ready")], "2023-12-20",
     [{"rule": FIRSTC, "deadline": "2023-12-25", "deadline_on_non_workday": True}], []),
    ("first_conversation_on_easter_monday_2022",
     [fc("2022-04-11"), bs("2022-04-11", "cash_benefit", "job_ready")], "2022-04-12",
     [{"rule": FIRSTC, "deadline": "2022-04-18", "deadline_on_non_workday": True}], []),
    ("first_conversation_on_ascension_2024",
     [fc("2024-05-02"), bs("2024-05-02", "education_benefit", "education_ready")], "2024-05-03",
     [{"rule": FIRSTC, "deadline": "2024-05-09", "deadline_on_non_workday": True}], []),
    ("first_conversation_on_whit_monday_2024",
     [fc("2024-05-13"), bs("2024-05-13", "cash_benefit", "job_ready")], "2024-05-14",
     [{"rule": FIRSTC, "deadline": "2024-05-20", "deadline_on_non_workday": True}], []),
    # Store Bededag: a holiday on 2023-05-05, abolished from 2024 (2024-04-26 an ordinary Friday).
    ("first_conversation_on_store_bededag_2023",
     [fc("2023-04-28"), bs("2023-04-28", "cash_benefit", "job_ready")], "2023-04-30",
     [{"rule": FIRSTC, "deadline": "2023-05-05", "deadline_on_non_workday": True}], []),
    ("first_conversation_on_former_store_bededag_2024",
     [fc("2024-04-19"), bs("2024-04-19", "cash_benefit", "job_ready")], "2024-04-20",
     [{"rule": FIRSTC, "deadline": "2024-04-26", "deadline_on_non_workday": False}], []),
    # As of the deadline day: due; the day after: overdue (contract statuses).
    ("six_months_as_of_deadline_due",
     [bs("2022-02-01", "job_clarification")], "2022-07-31",
     [{"rule": SIX, "deadline": "2022-07-31", "status": "due"}], []),
    ("six_months_day_after_overdue",
     [bs("2022-02-01", "job_clarification")], "2022-08-01",
     [{"rule": SIX, "deadline": "2022-07-31", "status": "overdue"}], []),
]


@pytest.mark.parametrize(("events", "as_of", "expected", "absent"),
                         [pytest.param(*case[1:], id=case[0]) for case in CASES])
def test_lab2024_contact_scenario(events, as_of, expected, absent):
    check_case(events, as_of, expected, absent)


def test_ub2024_has_no_joint_1_2_at_all():
    # Lov 727/2023 abolished joint conversations 1-2: they must not appear in any status.
    result = result_for([ub("2024-02-01"), e("2024-02-05", "joint_conversation_requested", by="citizen"),
                         conv("2024-03-01", joint=True)], "2024-08-01")
    rules = [o["rule"] for o in result["obligations"]]
    assert "contact.joint_1" not in rules and "contact.joint_2" not in rules
    assert result["regime"] == "LAB 2024"


@pytest.mark.parametrize("benefit", ["cash_benefit", "unemployment_benefit", "job_clarification",
                                     "integration_benefit", "sickness_benefit"])
def test_as_of_before_the_benefit_starts_gives_nothing(benefit):
    # The engine knows only what has happened by as_of: a benefit starting later has no duties yet.
    result = result_for([bs("2022-03-01", benefit)], "2022-02-01")
    assert result["obligations"] == []


def test_case_ids_unique():
    from test_law_scenarios_sickness import CASES as SICK

    ids = [case[0] for case in CASES + SICK]
    assert len(ids) == len(set(ids)) and len(ids) >= 60
