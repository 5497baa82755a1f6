"""Second independent review: sickness benefit (sygedagpengeloven §§ 12, 13 a, 13 b, 24).

Written from shared/docs/law-notes.md (S1-S6, conventions 1-8) and the consolidated text of
sygedagpengeloven § 13 b (elov.dk, LBK 1179/2023). Each case names the rule behind the
expected value. Only the keys written are checked; ``absent`` lists rules that must not ask
for action (due, overdue, manual_review).
"""

from __future__ import annotations

import pytest
from review_helpers import check_case, conv, e, result_for


def sick(day: str, category: int) -> dict:
    return e(day, "sick_leave_start", category=category)


def sb(day: str) -> dict:
    return e(day, "benefit_start", benefit="sickness_benefit")


def fu(day: str) -> dict:
    return e(day, "followup")


def cat(day: str, category: int) -> dict:
    return e(day, "category_change", category=category)


def early(day: str, by: str) -> dict:
    return e(day, "early_followup_requested", by=by)


FIRST = "sickness.first_followup"
EARLY = "sickness.early_followup"
HALF = "sickness.followups_first_half_year"
CAT1 = "sickness.category_1_past_8_weeks"

CASES = [
    # S1, convention 3: 2022-03-01 + 55 days = 2022-04-25; a follow-up on that day is on time.
    ("s1_cat2_followup_on_last_day_of_week_8",
     [sick("2022-03-01", 2), sb("2022-03-01"), fu("2022-04-25")], "2022-05-01",
     [{"rule": FIRST, "window_start": "2022-03-01", "deadline": "2022-04-25", "status": "met", "met_on": "2022-04-25"}],
     []),
    # S1, conventions 3 and 7: category 3, the follow-up on day 56 is late.
    ("s1_cat3_followup_day_after_week_8_met_late",
     [sick("2022-03-01", 3), sb("2022-03-01"), fu("2022-04-26")], "2022-05-01",
     [{"rule": FIRST, "deadline": "2022-04-25", "status": "met_late"}], []),
    # S1: as_of on the deadline day is still due ...
    ("s1_as_of_on_deadline_due",
     [sick("2022-03-01", 2), sb("2022-03-01")], "2022-04-25",
     [{"rule": FIRST, "deadline": "2022-04-25", "status": "due"}], []),
    # ... and the day after it is overdue.
    ("s1_as_of_day_after_deadline_overdue",
     [sick("2022-03-01", 2), sb("2022-03-01")], "2022-04-26",
     [{"rule": FIRST, "deadline": "2022-04-25", "status": "overdue"}], []),
    # S1/S4: category 1 (expected back within 8 weeks) has no week-8 or half-year duty; S5 not
    # yet (still inside the 8 weeks).
    ("s1_cat1_within_8_weeks_nothing_to_do",
     [sick("2022-03-01", 1), sb("2022-03-01")], "2022-04-01",
     [{"rule": FIRST, "status": "not_applicable"}, {"rule": HALF, "status": "not_applicable"}],
     [FIRST, HALF, CAT1]),
    # S5: category 1 still sick the day after week 8 -> follow-up and re-assessment, no deadline.
    ("s5_cat1_past_8_weeks_due_without_deadline",
     [sick("2022-03-01", 1), sb("2022-03-01")], "2022-04-26",
     [{"rule": CAT1, "window_start": "2022-04-26", "deadline": None, "status": "due"}], [FIRST, HALF]),
    # S5 met: a follow-up after week 8 and a re-assessment to category 2; S3 then applies to the
    # category-2 case, counted from the first day of absence (§ 13 b, stk. 1).
    ("s5_cat1_reassessed_to_2_after_week_8",
     [sick("2022-03-01", 1), sb("2022-03-01"), cat("2022-05-02", 2), fu("2022-05-02")], "2022-05-10",
     [{"rule": CAT1, "status": "met", "met_on": "2022-05-02"},
      {"rule": HALF, "window_start": "2022-03-01", "deadline": "2022-08-31", "required": 4, "held": 1,
       "status": "due"}], []),
    # S5 and contract 'closed': back at work after week 8, never re-assessed -> nothing left open.
    ("s5_cat1_ended_after_week_8_closed",
     [sick("2022-03-01", 1), sb("2022-03-01"), e("2022-06-01", "benefit_end")], "2022-07-01",
     [{"rule": CAT1, "status": "closed"}], [CAT1, FIRST, HALF]),
    # S4: a change from 2 to 3 is a re-assessment within the same spell; S1 and S3 run on.
    ("s4_cat2_to_3_same_spell",
     [sick("2022-03-01", 2), sb("2022-03-01"), cat("2022-04-10", 3), fu("2022-04-20")], "2022-05-01",
     [{"rule": FIRST, "window_start": "2022-03-01", "status": "met", "met_on": "2022-04-20"},
      {"rule": HALF, "window_start": "2022-03-01", "held": 1, "status": "due"}], []),
    # S2: the employer's request 2022-03-10 -> first follow-up by 2022-03-24 (2 weeks); held on the
    # 14th day: met; S1 is superseded ("jf. dog stk. 2").
    ("s2_employer_request_met_on_day_14",
     [sick("2022-03-01", 2), sb("2022-03-01"), early("2022-03-10", "employer"), fu("2022-03-24")], "2022-04-01",
     [{"rule": EARLY, "window_start": "2022-03-10", "deadline": "2022-03-24", "status": "met"},
      {"rule": FIRST, "status": "not_applicable"}], [FIRST]),
    # S2, convention 7: held on day 15 -> met_late.
    ("s2_citizen_request_met_late_on_day_15",
     [sick("2022-03-01", 2), sb("2022-03-01"), early("2022-03-10", "citizen"), fu("2022-03-25")], "2022-04-01",
     [{"rule": EARLY, "deadline": "2022-03-24", "status": "met_late"}], [FIRST]),
    # S2 supersedes S1 even when the 2 weeks end after week 8 (request in week 7).
    ("s2_request_in_week_7_supersedes",
     [sick("2022-03-01", 2), sb("2022-03-01"), early("2022-04-15", "citizen")], "2022-04-27",
     [{"rule": EARLY, "deadline": "2022-04-29", "status": "due"}, {"rule": FIRST, "status": "not_applicable"}],
     [FIRST]),
    # S2 concerns the *first* follow-up (§ 13 b, stk. 2: "den første opfølgningssamtale"): a request
    # after the first follow-up was held is moot; S1 keeps its own result.
    ("s2_request_after_first_followup_is_moot",
     [sick("2022-03-01", 2), sb("2022-03-01"), fu("2022-03-20"), early("2022-04-01", "employer")], "2022-05-01",
     [{"rule": FIRST, "status": "met", "met_on": "2022-03-20"}, {"rule": EARLY, "status": "not_applicable"}],
     [EARLY]),
    # S1/S2: a request made after week 8 cannot undo the missed week-8 deadline.
    ("s2_request_after_week_8_keeps_s1_overdue",
     [sick("2022-03-01", 2), sb("2022-03-01"), early("2022-05-10", "citizen")], "2022-05-20",
     [{"rule": FIRST, "deadline": "2022-04-25", "status": "overdue"},
      {"rule": EARLY, "deadline": "2022-05-24", "status": "due"}], []),
    # S3, convention 1: four follow-ups, the fourth on 2022-08-31 (first day + 6 months - 1 day).
    ("s3_four_followups_last_on_deadline",
     [sick("2022-03-01", 3), sb("2022-03-01"), fu("2022-04-01"), fu("2022-05-01"), fu("2022-06-01"),
      fu("2022-08-31")], "2022-09-05",
     [{"rule": HALF, "deadline": "2022-08-31", "required": 4, "held": 4, "status": "met"}], []),
    # S3, convention 7: the fourth a day late.
    ("s3_fourth_followup_late",
     [sick("2022-03-01", 2), sb("2022-03-01"), fu("2022-04-01"), fu("2022-05-01"), fu("2022-06-01"),
      fu("2022-09-01")], "2022-09-05",
     [{"rule": HALF, "held": 4, "status": "met_late"}], []),
    # Contract events: a sickness follow-up is a `followup`; a `conversation` (a job conversation,
    # LAB § 31) does not meet S1 (docs/LAW.md: only followup events count).
    ("sickness_conversation_is_not_a_followup",
     [sick("2022-03-01", 2), sb("2022-03-01"), conv("2022-04-01")], "2022-04-26",
     [{"rule": FIRST, "status": "overdue"}, {"rule": HALF, "held": 0}], []),
    # Contract 'closed': back at work after week 8 (S1 met) but before the half year -> S3 closed.
    ("s3_closed_when_spell_ends_before_half_year",
     [sick("2022-03-01", 2), sb("2022-03-01"), fu("2022-04-01"), fu("2022-05-01"), e("2022-06-15", "benefit_end")],
     "2022-09-05",
     [{"rule": FIRST, "status": "met"}, {"rule": HALF, "held": 2, "status": "closed"}], [HALF]),
    # S1: the first day of absence alone opens the spell (the employer pays the first 30 days;
    # no benefit_start needed).
    ("sick_leave_without_benefit_start",
     [sick("2022-03-01", 2)], "2022-03-20",
     [{"rule": FIRST, "window_start": "2022-03-01", "deadline": "2022-04-25", "status": "due"}], []),
    # Sick pay started 2022-03-31 after the employer period: the spell still runs from the first
    # day of absence (S1 "from the first day of absence").
    ("sick_pay_after_employer_period_counts_from_first_day",
     [sick("2022-03-01", 2), sb("2022-03-31")], "2022-04-10",
     [{"rule": FIRST, "window_start": "2022-03-01", "deadline": "2022-04-25", "status": "due"}], []),
    # S4: a sickness benefit without a category: the engine cannot decide -> manual_review.
    ("sickness_benefit_without_category",
     [sb("2022-03-01")], "2022-03-20",
     [{"rule": FIRST, "status": "manual_review"}], []),
    # S4/§ 12: sick pay recorded without a category, visited to category 2 only after week 8: it is
    # a category-2 case, so the week-8 follow-up was due (not 'category 1').
    ("sickness_unknown_category_later_2",
     [sb("2022-03-01"), cat("2022-05-10", 2)], "2022-05-20",
     [{"rule": FIRST, "deadline": "2022-04-25", "status": "overdue"},
      {"rule": HALF, "status": "due"}], []),
    # Lov 727/2023 changed only the unemployment-benefit contact process: sickness in 2024 as 2020-23.
    ("sickness_2024_unchanged",
     [sick("2024-03-01", 2), sb("2024-03-01")], "2024-04-20",
     [{"rule": FIRST, "deadline": "2024-04-25", "status": "due"},
      {"rule": HALF, "deadline": "2024-08-31", "required": 4, "status": "due"}], ["regime.transition"]),
    # Convention 8 only for a change affecting the benefit: a sick spell crossing 2024-01-01 has none.
    ("sickness_dec_2023_into_2024_no_transition",
     [sick("2023-12-01", 2), sb("2023-12-01"), fu("2024-01-10")], "2024-02-20",
     [{"rule": FIRST, "deadline": "2024-01-25", "status": "met"}], ["regime.transition"]),
    # Convention 8: a sick spell from November 2019 runs into LAB 2020 (new sickness rules too).
    ("sickness_2019_into_2020_transition",
     [sick("2019-11-01", 2), sb("2019-11-01")], "2020-02-01",
     [{"rule": "regime.transition", "status": "manual_review"}], []),
    # Convention 6: week 8 ending on Whit Monday 2022 (2022-04-12 + 55 = 2022-06-06) is flagged.
    ("s1_deadline_on_whit_monday",
     [sick("2022-04-12", 2)], "2022-05-01",
     [{"rule": FIRST, "deadline": "2022-06-06", "deadline_on_non_workday": True}], []),
    # Convention 6: Easter Monday 2024 (2024-02-06 + 55 = 2024-04-01).
    ("s1_deadline_on_easter_monday_2024",
     [sick("2024-02-06", 3)], "2024-03-01",
     [{"rule": FIRST, "deadline": "2024-04-01", "deadline_on_non_workday": True}], []),
    # Convention 6: Ascension Day 2023 (2023-03-24 + 55 = 2023-05-18); the day before is a workday.
    ("s1_deadline_on_ascension_2023",
     [sick("2023-03-24", 2)], "2023-04-01",
     [{"rule": FIRST, "deadline": "2023-05-18", "deadline_on_non_workday": True}], []),
    ("s1_deadline_on_ordinary_wednesday",
     [sick("2023-03-23", 2)], "2023-04-01",
     [{"rule": FIRST, "deadline": "2023-05-17", "deadline_on_non_workday": False}], []),
    # K2 covers groups 2-5 only (§ 31, stk. 3): a first contact that led to sick pay (group 6)
    # brings no first-conversation duty ...
    ("first_contact_leading_to_sick_pay_no_k2",
     [e("2022-03-01", "first_contact"), sick("2022-03-01", 2), sb("2022-03-01")], "2022-03-20",
     [{"rule": FIRST, "status": "due"}], ["contact.first_conversation"]),
    # ... nor does one made while the sick spell runs.
    ("first_contact_during_sick_spell_no_k2",
     [sick("2022-03-01", 2), sb("2022-03-01"), e("2022-03-10", "first_contact")], "2022-03-20",
     [{"rule": FIRST, "status": "due"}], ["contact.first_conversation"]),
    # S6 [2nd], as docs/LAW.md fixes it: 30 days' employer period + 22 weeks from 2022-01-03 ->
    # limit 2022-07-05, re-assessment by the end of that month; a follow-up in July meets it.
    ("s6_reassessment_end_of_month",
     [sick("2022-01-03", 2), sb("2022-01-03"), fu("2022-02-01"), fu("2022-07-15")], "2022-07-20",
     [{"rule": "sickness.reassessment", "deadline": "2022-07-31", "status": "met"}], []),
    # S6 "more than 22 weeks" (§ 24, stk. 1; [2nd] cabiweb: the re-assessment point falls at the end
    # of a month once *more than* 22 weeks are paid): from 2022-01-29 the 154th counted day after
    # the 30-day employer period is 2022-07-31, so at the end of July exactly 22 weeks are paid;
    # the limit is passed on 2022-08-01 -> re-assessment by 2022-08-31.
    ("s6_exactly_22_weeks_at_month_end_not_yet",
     [sick("2022-01-29", 2), sb("2022-01-29")], "2022-07-20",
     [{"rule": "sickness.reassessment", "deadline": "2022-08-31", "status": "due"}], []),
]


@pytest.mark.parametrize(("events", "as_of", "expected", "absent"),
                         [pytest.param(*case[1:], id=case[0]) for case in CASES])
def test_sickness_scenario(events, as_of, expected, absent):
    check_case(events, as_of, expected, absent)


def test_sickness_spell_gives_no_lab_contact_duties():
    # K1 lists groups 1-5, 7-10: group 6 (sickness) gets S1/S3, not the four job conversations.
    result = result_for([sick("2022-03-01", 2), sb("2022-03-01")], "2022-05-01")
    rules = {o["rule"] for o in result["obligations"]}
    assert not rules & {"contact.first_six_months", "contact.first_conversation", "offer.right_and_duty"}


def test_case_ids_unique():
    ids = [case[0] for case in CASES]
    assert len(ids) == len(set(ids))
