"""Scenarios for 2025-01-01 (sickness, lov nr. 1657 af 30.12.2024 = L 74; arbejdspligt, L 12 2024-25),
2025-07-01 (cash-benefit system, lov nr. 1655 af 30.12.2024 = L 13) and the sickness rule of
2026-07-01 (lov nr. 1750/2025), on both sides of each date.

Expected values come from shared/docs/law-notes-2025-2027.md and its sources (L 74 as presented,
the DSA guide to § 13 f, STAR's pages on arbejdspligt and the new cash-benefit system), with
the date conventions of shared/docs/law-notes.md — not from the engine's output.
"""

from __future__ import annotations

from law_helpers import ev, find, one, run

SICK = "sick_leave_start"


# --- Category 3 repealed from 2025-01-01 (L 74 § 1 nr. 2-4: only categories 1 and 2 in § 12).
# Project choice (docs/LAW.md): a spell recorded as category 3 is read as category 2.

def test_category_3_from_2025_is_read_as_2_with_the_week_8_deadline() -> None:
    # § 13 b, stk. 1: first follow-up by the end of week 8 = first day + 55 days (convention 3).
    result = run([ev("2025-01-06", SICK, category=3)], "2025-03-10")
    first = one(result, "sickness.first_followup")
    assert (first["deadline"], first["status"]) == ("2025-03-02", "overdue")
    assert "kategori 2" in first["note"]
    assert result["regime"] == "Sygedagpenge 2025"


def test_category_3_the_day_before_2025_is_category_3_under_the_old_rules() -> None:
    result = run([ev("2024-12-31", SICK, category=3)], "2025-01-10")
    first = one(result, "sickness.first_followup")
    assert first["deadline"] == "2025-02-24" and "kategori 2" not in first.get("note", "")
    # The spell runs into 2025-01-01, which changed sickness follow-up: convention 8.
    assert one(result, "regime.transition")["status"] == "manual_review"


# --- § 13 f (L 74 § 1 nr. 8, 12): employed, and the first follow-up finds a full return expected
# by the end of week 13 from that follow-up → the four follow-ups of § 13 b go; week 8 stays.

def _section_13f(start: str, first_followup: str, as_of: str, employed: bool = True) -> dict:
    return run([ev(start, SICK, category=2, employed=employed),
                ev(first_followup, "followup", return_within_13_weeks=True)], as_of)


def test_section_13f_drops_the_four_follow_ups_and_keeps_week_8() -> None:
    result = _section_13f("2025-01-06", "2025-02-10", "2025-04-01")
    assert one(result, "sickness.first_followup")["status"] == "met"
    assert one(result, "sickness.followups_first_half_year")["status"] == "not_applicable"


def test_section_13f_end_of_week_13_is_the_first_followup_plus_90_days() -> None:
    # Week 13 from 2025-02-10 ends 2025-02-10 + 13 × 7 - 1 = 2025-05-11. On that day nothing is
    # owed; still sick the day after, what follows could not be established → a person decides.
    assert one(_section_13f("2025-01-06", "2025-02-10", "2025-05-11"),
               "sickness.followups_first_half_year")["status"] == "not_applicable"
    assert one(_section_13f("2025-01-06", "2025-02-10", "2025-05-12"),
               "sickness.followups_first_half_year")["status"] == "manual_review"


def test_section_13f_needs_employment() -> None:
    result = _section_13f("2025-01-06", "2025-02-10", "2025-04-01", employed=False)
    half_year = one(result, "sickness.followups_first_half_year")
    assert (half_year["status"], half_year["required"], half_year["deadline"]) == ("due", 4, "2025-07-05")


def test_section_13f_does_not_apply_to_a_spell_that_started_in_2024() -> None:
    result = _section_13f("2024-12-30", "2025-02-10", "2025-04-01")
    assert one(result, "sickness.followups_first_half_year")["status"] == "due"


# --- 2026-07-01 (lov 1750/2025, bem. 2.1.2.1.3): employed, and the person and the employer both
# expect fewer than 26 weeks' absence → by default no municipal follow-up conversations.

def _expected_short(start: str, as_of: str) -> dict:
    return run([ev(start, SICK, category=2, employed=True, expected_under_26_weeks=True)], as_of)


def test_sick_listed_in_work_expected_under_26_weeks_gets_no_follow_up_from_2026_07_01() -> None:
    result = _expected_short("2026-07-06", "2026-10-01")
    assert one(result, "sickness.first_followup")["status"] == "not_applicable"
    assert one(result, "sickness.followups_first_half_year")["status"] == "not_applicable"
    assert result["regime"] == "Reform 2026-07"


def test_sick_listed_in_work_expected_under_26_weeks_the_day_before_keeps_week_8() -> None:
    result = _expected_short("2026-06-30", "2026-10-01")
    first = one(result, "sickness.first_followup")
    assert (first["deadline"], first["status"]) == ("2026-08-24", "overdue")
    assert find(result, "regime.transition")


def test_still_sick_after_26_weeks_goes_to_a_person() -> None:
    # 26 weeks from 2026-07-06 end on 2027-01-03; what follows a failed expectation is not established.
    assert one(_expected_short("2026-07-06", "2027-01-03"), "sickness.first_followup")["status"] == "not_applicable"
    assert one(_expected_short("2026-07-06", "2027-01-04"), "sickness.first_followup")["status"] == "manual_review"


def test_other_sick_listed_from_2026_07_01_keep_week_8_and_the_count_goes_to_a_person() -> None:
    result = run([ev("2026-07-06", SICK, category=2)], "2026-09-01")
    first = one(result, "sickness.first_followup")
    assert (first["deadline"], first["status"]) == ("2026-08-30", "overdue")
    half_year = one(result, "sickness.followups_first_half_year")
    assert half_year["status"] == "manual_review" and half_year["note"]


# --- 2025-07-01 (lov 1655/2024): uddannelseshjælp is paid as kontanthjælp with a readiness; the
# contact rules (first conversation within a week, 4 in 6 months) are unchanged (L 66 bem. 2.2.1.2).

def test_education_benefit_from_2025_07_01_is_cash_benefit_education_ready() -> None:
    events = [ev("2025-07-01", "first_contact"), ev("2025-07-01", "benefit_start", benefit="education_benefit")]
    result = run(events, "2025-07-09")
    first = one(result, "contact.first_conversation")
    assert (first["deadline"], first["status"], first["benefit"]) == ("2025-07-08", "overdue", "cash_benefit")
    assert first["target_group"] == "4"
    assert one(result, "contact.first_six_months")["deadline"] == "2025-12-31"
    assert one(result, "offer.education_benefit")["status"] == "manual_review"  # § 105 continues
    assert result["regime"] == "Kontanthjælp 2025"


def test_cash_benefit_education_ready_from_2025_07_01_gets_the_continuous_offer_duty() -> None:
    events = [ev("2025-08-04", "benefit_start", benefit="cash_benefit", readiness="education_ready")]
    result = run(events, "2025-09-01")
    assert one(result, "offer.right_and_duty")["status"] == "not_applicable"
    assert one(result, "offer.education_benefit")["status"] == "manual_review"


def test_education_benefit_the_day_before_2025_07_01_stays_education_benefit() -> None:
    result = run([ev("2025-06-30", "benefit_start", benefit="education_benefit")], "2025-07-09")
    first = one(result, "contact.first_conversation")
    assert (first["benefit"], first["target_group"]) == ("education_benefit", "4")
    assert find(result, "regime.transition")  # 2025-07-01 changes education benefit (convention 8)


def test_job_ready_cash_crossing_2025_07_01_keeps_its_rules_without_a_transition() -> None:
    # The cash-benefit system did not change the contact rules for job-ready cash benefit.
    result = run([ev("2025-06-02", "benefit_start", benefit="cash_benefit", readiness="job_ready")], "2025-07-15")
    assert not find(result, "regime.transition")
    assert one(result, "contact.first_six_months")["deadline"] == "2025-12-01"


# --- Arbejdspligt (LAB kapitel 16 a; L 12 2024-25) from 2025-01-01: continuous offers up to 37 h/week.
# Contract: deadline null; met while an offer runs on as_of, otherwise manual_review (never overdue).

def test_work_obligation_without_a_running_offer_goes_to_a_person_during_the_phase_in() -> None:
    events = [ev("2025-01-06", "benefit_start", benefit="cash_benefit", readiness="job_ready"),
              ev("2025-01-06", "work_obligation_start")]
    work = one(run(events, "2025-03-01"), "offer.work_obligation")
    assert (work["deadline"], work["status"]) == (None, "manual_review")
    assert "indfases" in work["note"]


def test_work_obligation_is_met_while_an_offer_runs() -> None:
    events = [ev("2026-01-05", "benefit_start", benefit="cash_benefit", readiness="job_ready"),
              ev("2026-01-05", "work_obligation_start"),
              ev("2026-01-12", "offer_start", offer="utility_work"), ev("2026-03-02", "offer_end", offer="utility_work")]
    assert one(run(events, "2026-03-01"), "offer.work_obligation")["status"] == "met"
    assert one(run(events, "2026-03-02"), "offer.work_obligation")["status"] == "manual_review"


def test_work_obligation_ended_is_closed() -> None:
    events = [ev("2025-02-03", "benefit_start", benefit="cash_benefit", readiness="job_ready"),
              ev("2025-02-03", "work_obligation_start"), ev("2025-03-03", "work_obligation_end")]
    assert one(run(events, "2025-04-01"), "offer.work_obligation")["status"] == "closed"


def test_work_obligation_before_2025_does_not_exist() -> None:
    events = [ev("2024-12-02", "benefit_start", benefit="cash_benefit", readiness="job_ready"),
              ev("2024-12-31", "work_obligation_start")]
    assert one(run(events, "2025-02-01"), "offer.work_obligation")["status"] == "not_applicable"


def test_unemployment_benefit_in_2025_is_still_named_lab_2024() -> None:
    # Neither 2025 regime changed the unemployment-benefit rules.
    result = run([ev("2025-09-01", "benefit_start", benefit="unemployment_benefit")], "2025-10-01")
    assert result["regime"] == "LAB 2024"
    assert one(result, "contact.fund_first_three_months")["required"] == 3


def test_expected_under_26_weeks_needs_no_category() -> None:
    result = run([ev("2026-07-06", SICK, employed=True, expected_under_26_weeks=True)], "2026-10-01")
    assert {o["status"] for o in result["obligations"]} == {"not_applicable"}


# --- The contract's new fields are validated like the old ones: the error names event and field.

def test_new_fields_are_validated_naming_event_and_field() -> None:
    import pytest

    from indsats.law import TimelineError, parse_timeline

    cases = [
        (ev("2026-07-05", "quota_exemption", scope="samtaler"), "event 1 (quota_exemption on 2026-07-05): field 'scope'"),
        (ev("2026-07-05", "quota_exemption", by="jobcenter"), "field 'by'"),
        (ev("2025-01-06", SICK, category=2, employed="ja"), "field 'employed': must be true or false"),
        (ev("2025-02-06", "followup", return_within_13_weeks=1), "field 'return_within_13_weeks'"),
        (ev("2025-01-06", SICK, expected_under_26_weeks=False), "field 'category': missing"),
    ]
    for event, message in cases:
        with pytest.raises(TimelineError, match=message.replace("(", r"\(").replace(")", r"\)")):
            parse_timeline({"citizen": {"id": "v"}, "as_of": "2026-08-01", "events": [event]})
