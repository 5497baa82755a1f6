"""Properties that must hold for every timeline, not just the written-down ones (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indsats.law import compute, parse_timeline

BENEFITS = ["unemployment_benefit", "cash_benefit", "education_benefit", "resource_programme", "job_clarification"]
DAY0 = date(2016, 1, 1)


def _day(offset: int) -> str:
    return (DAY0 + timedelta(days=offset)).isoformat()


@st.composite
def timelines(draw):
    start = draw(st.integers(0, 3650))
    benefit = draw(st.sampled_from(BENEFITS))
    events = [{"date": _day(start), "type": "first_contact"},
              {"date": _day(start), "type": "benefit_start", "benefit": benefit}]
    for offset in draw(st.lists(st.integers(0, 600), max_size=8)):
        events.append({"date": _day(start + offset), "type": "conversation",
                       "joint": draw(st.booleans())})
    if draw(st.booleans()):
        events.append({"date": _day(start + draw(st.integers(1, 500))), "type": "offer_start",
                       "offer": draw(st.sampled_from(["company_internship", "wage_subsidy", "mentor"]))})
    if draw(st.booleans()):
        events.append({"date": _day(start + draw(st.integers(1, 90))), "type": "joint_conversation_requested",
                       "by": "citizen"})
    if draw(st.booleans()):
        a = draw(st.integers(1, 400))
        events.append({"date": _day(start + a), "type": "employment_start"})
        events.append({"date": _day(start + a + draw(st.integers(1, 120))), "type": "employment_end"})
    as_of = _day(start + draw(st.integers(0, 700)))
    return {"citizen": {"id": "p", "birth_date": "1985-04-02"}, "as_of": as_of, "events": events}


def _key(ob: dict) -> tuple:
    return (ob["rule"], ob.get("period_start"), ob.get("window_start"))


def _by_key(result) -> dict:
    return {_key(o): o for o in result.to_dict()["obligations"]}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(timelines(), st.integers(0, 700), st.booleans())
def test_one_more_conversation_never_unmeets_an_obligation(raw, offset, joint) -> None:
    before = _by_key(compute(parse_timeline(raw)))
    as_of = date.fromisoformat(raw["as_of"])
    extra_day = min(as_of, date.fromisoformat(raw["events"][0]["date"]) + timedelta(days=offset))
    more = dict(raw, events=raw["events"] + [{"date": extra_day.isoformat(), "type": "conversation", "joint": joint}])
    after = _by_key(compute(parse_timeline(more)))
    for key, ob in before.items():
        if ob["status"] == "met":
            assert after[key]["status"] == "met", (key, ob, after[key])
        elif ob["status"] == "met_late":
            assert after[key]["status"] in ("met", "met_late"), (key, ob, after[key])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(timelines(), st.integers(1, 200), st.sampled_from(BENEFITS))
def test_a_benefit_change_closes_the_previous_periods_open_obligations(raw, after_days, new_benefit) -> None:
    start = date.fromisoformat(raw["events"][1]["date"])
    old_benefit = raw["events"][1]["benefit"]
    if new_benefit == old_benefit:
        return
    change = start + timedelta(days=after_days)
    events = [e for e in raw["events"] if e["type"] not in ("employment_start", "employment_end")]
    events.append({"date": change.isoformat(), "type": "benefit_change", "benefit": new_benefit})
    as_of = max(date.fromisoformat(raw["as_of"]), change)
    result = compute(parse_timeline(dict(raw, events=events, as_of=as_of.isoformat()))).to_dict()
    for ob in result["obligations"]:
        if ob.get("period_start") != start.isoformat() or ob["rule"] == "regime.transition":
            continue
        if ob["deadline"] is not None and ob["deadline"] >= change.isoformat():
            assert ob["status"] in ("met", "closed", "not_applicable", "waived", "manual_review"), ob


@settings(max_examples=200, deadline=None)
@given(timelines())
def test_every_status_is_a_contract_status_and_deadlines_follow_window_starts(raw) -> None:
    allowed = {"due", "overdue", "met", "met_late", "not_applicable", "waived", "suspended", "closed",
               "manual_review"}
    for ob in compute(parse_timeline(raw)).to_dict()["obligations"]:
        assert ob["status"] in allowed
        if ob["deadline"] and ob["window_start"]:
            assert ob["window_start"] <= ob["deadline"], ob
        if ob["deadline"] is None:
            assert ob["deadline_on_non_workday"] is False
