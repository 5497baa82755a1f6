"""Scenarios for the 2026 reform's contact process and offers (lov nr. 1750 af 29.12.2025), on both
sides of 2026-02-01 and 2026-07-01 and on the deadline days.

Expected values come from the law notes (shared/docs/law-notes-2025-2027.md) and their sources,
not from the engine: STAR "Generelle spørgsmål og svar om reformen" [FAQ] and "Svar på
spørgsmål fra webinar den 21. januar 2026" [WEB]; the date arithmetic is conventions 1-8 of
shared/docs/law-notes.md.
"""

from __future__ import annotations

from law_helpers import ev, find, one, run

DAGPENGE = "unemployment_benefit"


def _dagpenge(start: str, *more: dict, as_of: str) -> dict:
    return run([ev(start, "benefit_start", benefit=DAGPENGE), *more], as_of)


# --- Dagpenge: [FAQ] "A-kasserne skal afholde mindst to jobsamtaler med mindst 75 pct. af
# dagpengemodtagerne i løbet af de første tre måneders ledighed"; "Kommunerne skal give
# dagpengemodtagere mindst to jobsamtaler i perioden fra de overgår til kommunen og inden for de
# første 6 måneder" — for at least 75 %. [WEB]: in force 1 July 2026.

def test_dagpenge_from_2026_07_01_fund_owes_two_conversations_by_month_3_as_a_quota() -> None:
    # 2026-07-01 + 3 months - 1 day = 2026-09-30 (convention 1); the last day itself counts.
    result = _dagpenge("2026-07-01", ev("2026-07-20", "conversation"), ev("2026-09-30", "conversation"),
                       as_of="2026-10-05")
    fund = one(result, "contact.fund_first_three_months")
    assert (fund["required"], fund["deadline"], fund["status"], fund["quota"]) == (2, "2026-09-30", "met", 0.75)
    assert result["regime"] == "Reform 2026-07"


def test_dagpenge_from_2026_07_01_a_conversation_the_day_after_month_3_is_not_the_funds() -> None:
    result = _dagpenge("2026-07-01", ev("2026-07-20", "conversation"), ev("2026-10-01", "conversation"),
                       as_of="2026-10-05")
    assert one(result, "contact.fund_first_three_months")["status"] == "overdue"


def test_dagpenge_from_2026_07_01_municipality_owes_two_from_transfer_to_month_6() -> None:
    # Transfer after 3 months: window 2026-10-01 .. 2026-12-31 (6 months - 1 day).
    result = _dagpenge("2026-07-01", ev("2026-10-01", "conversation"), ev("2026-12-31", "conversation"),
                       as_of="2027-01-10")
    municipality = one(result, "contact.first_six_months")
    assert municipality["window_start"] == "2026-10-01"
    assert (municipality["required"], municipality["deadline"], municipality["status"]) == (2, "2026-12-31", "met")
    assert municipality["quota"] == 0.75


def test_dagpenge_from_2026_07_01_second_municipal_conversation_a_day_late_is_met_late() -> None:
    result = _dagpenge("2026-07-01", ev("2026-10-01", "conversation"), ev("2027-01-01", "conversation"),
                       as_of="2027-01-10")
    assert one(result, "contact.first_six_months")["status"] == "met_late"  # convention 7


def test_dagpenge_the_day_before_keeps_the_2024_counts_and_gets_a_transition() -> None:
    # Started 2026-06-30 under lov 727/2023: fund 3 by 2026-09-29, jobcenter 3 by 2026-12-29;
    # its first six months cross 2026-07-01 → regime.transition (convention 8), no quota.
    result = _dagpenge("2026-06-30", as_of="2026-07-10")
    fund = one(result, "contact.fund_first_three_months")
    assert (fund["required"], fund["deadline"]) == (3, "2026-09-29")
    assert "quota" not in fund
    assert one(result, "contact.first_six_months")["required"] == 3
    assert one(result, "contact.fund_first_conversation")["deadline"] == "2026-07-14"
    assert one(result, "regime.transition")["status"] == "manual_review"
    assert result["regime"] == "LAB 2024"


def test_dagpenge_16_month_conversation_stays_and_is_no_quota() -> None:
    # [FAQ]: "fortsat krav om, at kommunen skal holde en jobsamtale om en intensiveret indsats ...
    # senest når borgeren har været ledig i 16 måneder". 2026-07-01 + 16 months - 1 = 2027-10-31.
    result = _dagpenge("2026-07-01", ev("2026-07-05", "quota_exemption"), as_of="2027-11-02")
    k6 = one(result, "contact.joint_16_months")
    assert (k6["deadline"], k6["status"]) == ("2027-10-31", "overdue")
    assert "quota" not in k6


# --- The 25 % exemption [WEB]: "kommunen kan undtage op til 25 pct. ... fra jobsamtaler og tilbud".

def test_quota_exemption_by_the_municipality_exempts_its_conversations_and_the_offer() -> None:
    result = _dagpenge("2026-07-01", ev("2026-07-05", "quota_exemption"), as_of="2027-02-01")
    assert one(result, "contact.first_six_months")["status"] == "exempt_by_quota"
    assert one(result, "offer.right_and_duty")["status"] == "exempt_by_quota"
    assert one(result, "contact.fund_first_three_months")["status"] == "overdue"  # the fund's own duty


def test_quota_exemption_by_the_fund_covers_only_the_funds_conversations() -> None:
    result = _dagpenge("2026-07-01", ev("2026-07-05", "quota_exemption", by="fund", scope="conversations"),
                       as_of="2027-02-01")
    assert one(result, "contact.fund_first_three_months")["status"] == "exempt_by_quota"
    assert one(result, "contact.first_six_months")["status"] == "overdue"
    assert one(result, "offer.right_and_duty")["status"] == "overdue"


def test_quota_exemption_scope_offer_leaves_the_conversations_owed() -> None:
    result = _dagpenge("2026-07-01", ev("2026-07-05", "quota_exemption", scope="offer"), as_of="2027-02-01")
    assert one(result, "offer.right_and_duty")["status"] == "exempt_by_quota"
    assert one(result, "contact.first_six_months")["status"] == "overdue"


def test_quota_exemption_is_ignored_on_a_period_under_the_earlier_rules() -> None:
    # Contract: it "has an effect only on periods under the 2026-07-01 rules and is ignored before".
    result = _dagpenge("2026-06-30", ev("2026-07-05", "quota_exemption"), as_of="2027-02-01")
    assert not [o for o in result["obligations"] if o["status"] == "exempt_by_quota"]
    assert one(result, "contact.first_six_months")["status"] == "overdue"


def test_quota_exemption_does_not_undo_a_met_duty() -> None:
    result = _dagpenge("2026-07-01", ev("2026-10-02", "conversation"), ev("2026-11-02", "conversation"),
                       ev("2026-11-10", "quota_exemption", scope="conversations"), as_of="2027-02-01")
    assert one(result, "contact.first_six_months")["status"] == "met"


# --- Job-ready cash benefit and ledighedsydelse: "samlet set have mindst fire jobsamtaler inden for
# de første 6 måneder" for ≥ 75 %; "Første jobsamtale skal holdes med alle jobparate" [FAQ].

def test_job_ready_cash_from_2026_07_01_four_conversations_as_a_quota_first_conversation_for_all() -> None:
    events = [ev("2026-08-03", "first_contact"),
              ev("2026-08-05", "benefit_start", benefit="cash_benefit", readiness="job_ready"),
              ev("2026-08-06", "quota_exemption")]
    result = run(events, "2026-09-01")
    k1 = one(result, "contact.first_six_months")
    # 2026-08-03 + 6 months - 1 day = 2027-02-02 (the period runs from the first contact, § 9).
    assert (k1["required"], k1["deadline"], k1["quota"], k1["status"]) == (4, "2027-02-02", 0.75, "exempt_by_quota")
    first = one(result, "contact.first_conversation")
    assert "quota" not in first and first["status"] != "exempt_by_quota"
    # The new deadline of the first conversation could not be read (bem. 2.1.2.1.2): a person decides.
    assert (first["deadline"], first["status"]) == (None, "manual_review")
    assert first["note"]


def test_job_ready_cash_first_conversation_held_is_met_without_a_deadline() -> None:
    events = [ev("2026-08-03", "first_contact"),
              ev("2026-08-05", "benefit_start", benefit="cash_benefit", readiness="job_ready"),
              ev("2026-08-12", "conversation")]
    first = one(run(events, "2026-09-01"), "contact.first_conversation")
    assert (first["status"], first["met_on"]) == ("met", "2026-08-12")


def test_job_ready_cash_the_day_before_keeps_the_one_week_rule() -> None:
    # LAB § 31, stk. 5 (LBK 280/2024): first conversation no later than 1 week after first contact.
    events = [ev("2026-06-30", "first_contact"),
              ev("2026-06-30", "benefit_start", benefit="cash_benefit", readiness="job_ready")]
    result = run(events, "2026-07-08")
    first = one(result, "contact.first_conversation")
    assert (first["deadline"], first["status"]) == ("2026-07-07", "overdue")
    assert "quota" not in one(result, "contact.first_six_months")
    assert find(result, "regime.transition")


def test_flexjob_waiting_benefit_from_2026_07_01_is_in_the_conversation_quota() -> None:
    result = run([ev("2026-07-01", "benefit_start", benefit="flexjob_waiting_benefit")], "2026-08-01")
    k1 = one(result, "contact.first_six_months")
    assert (k1["required"], k1["deadline"], k1["quota"]) == (4, "2026-12-31", 0.75)


# --- Offers: [WEB] "et tilbud inden for de første 6 måneder" to ≥ 75 % of dagpenge and job- and
# education-ready cash benefit recipients; persons under arbejdspligt are not covered.

def test_offer_from_2026_07_01_starting_on_the_last_day_of_month_6_is_on_time() -> None:
    result = _dagpenge("2026-07-01", ev("2026-12-31", "offer_start", offer="company_internship"),
                       as_of="2027-01-20")
    offer = one(result, "offer.right_and_duty")
    assert (offer["deadline"], offer["status"], offer["quota"]) == ("2026-12-31", "met", 0.75)


def test_offer_from_2026_07_01_a_day_late_is_met_late() -> None:
    result = _dagpenge("2026-07-01", ev("2027-01-01", "offer_start", offer="company_internship"),
                       as_of="2027-01-20")
    assert one(result, "offer.right_and_duty")["status"] == "met_late"


def test_activity_ready_cash_from_2026_07_01_is_not_in_the_offer_requirement() -> None:
    result = run([ev("2026-07-01", "benefit_start", benefit="cash_benefit", readiness="activity_ready")], "2027-02-01")
    assert one(result, "offer.right_and_duty")["status"] == "not_applicable"


def test_work_obligation_takes_the_person_out_of_the_offer_quota() -> None:
    events = [ev("2026-07-01", "benefit_start", benefit="cash_benefit", readiness="job_ready"),
              ev("2026-07-01", "work_obligation_start"), ev("2026-07-02", "quota_exemption")]
    result = run(events, "2026-08-01")
    assert one(result, "offer.right_and_duty")["status"] == "not_applicable"
    assert one(result, "offer.work_obligation")["status"] == "manual_review"  # never exempt_by_quota


# --- Job rotation is abolished by lov 1750/2025 (date unclear): it no longer settles the duty.

def test_job_rotation_from_2026_02_01_goes_to_a_person() -> None:
    result = _dagpenge("2026-02-02", ev("2026-03-02", "offer_start", offer="job_rotation"), as_of="2026-09-01")
    offer = one(result, "offer.right_and_duty")
    assert offer["status"] == "manual_review" and "otation" in offer["note"]


def test_job_rotation_the_day_before_2026_02_01_still_counts() -> None:
    result = _dagpenge("2026-01-31", ev("2026-03-02", "offer_start", offer="job_rotation"), as_of="2026-09-01")
    assert one(result, "offer.right_and_duty")["status"] == "met"


# --- Ressourceforløb and revalidering (lov 1750/2025 § 1 nr. 4 and 6, from 2026-02-01): no new
# ones; running ones finish under the earlier rules (transitional rule, scenario G1).

def test_resource_programme_started_on_2026_02_01_goes_to_a_person() -> None:
    result = run([ev("2026-02-01", "benefit_start", benefit="resource_programme")], "2026-03-01")
    assert [o["status"] for o in result["obligations"]] == ["manual_review"]
    assert result["regime"] == "Reform 2026-02"


def test_rehabilitation_started_the_day_before_keeps_the_old_rules_without_a_transition() -> None:
    result = run([ev("2026-01-31", "benefit_start", benefit="rehabilitation")], "2026-08-01")
    k1 = one(result, "contact.first_six_months")
    assert (k1["required"], k1["deadline"], k1["status"]) == (4, "2026-07-30", "overdue")
    assert not find(result, "regime.transition")


def test_16_month_conversation_from_2026_07_01_held_without_the_fund_goes_to_a_person() -> None:
    # [FAQ]: "kommunen skal holde en jobsamtale om en intensiveret indsats" by 16 months; whether the
    # fund must take part could not be established. A joint one meets it; one without goes to a person.
    base = [ev("2027-03-01", "conversation")]
    assert one(_dagpenge("2026-07-01", *base, as_of="2027-11-02"), "contact.joint_16_months")["status"] == "manual_review"
    joint = [ev("2027-03-01", "conversation", joint=True)]
    assert one(_dagpenge("2026-07-01", *joint, as_of="2027-11-02"), "contact.joint_16_months")["status"] == "met"


def test_16_month_conversation_the_day_before_needs_the_fund() -> None:
    result = _dagpenge("2026-06-30", ev("2027-03-01", "conversation"), as_of="2027-11-02")
    assert one(result, "contact.joint_16_months")["status"] == "overdue"
