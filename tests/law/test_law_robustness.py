"""Any well-formed timeline, however odd its order of events, gives an answer — never a crash."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indsats.law import STATUSES, compute, parse_rhythms, parse_timeline

BENEFITS = ["unemployment_benefit", "cash_benefit", "education_benefit", "sickness_benefit", "job_clarification",
            "resource_programme", "flexjob_waiting_benefit", "rehabilitation", "integration_benefit", "flexjob"]
READINESS = [None, "job_ready", "activity_ready", "education_ready", "obviously_education_ready"]
OFFERS = ["company_internship", "wage_subsidy", "mentor", "utility_work", "guidance_and_upskilling"]
RHYTHMS = parse_rhythms([{"competence_group": "alle", "benefits": BENEFITS[:-1], "interval_days": 30}])


def _event(kind: str, day: str, draw) -> dict:
    event = {"date": day, "type": kind}
    if kind in ("benefit_start", "benefit_change"):
        event["benefit"] = draw(st.sampled_from(BENEFITS))
        readiness = draw(st.sampled_from(READINESS))
        if readiness:
            event["readiness"] = readiness
    elif kind == "readiness_change":
        event["readiness"] = draw(st.sampled_from(READINESS[1:]))
    elif kind == "conversation":
        event["joint"] = draw(st.booleans())
    elif kind == "joint_conversation_requested":
        event["by"] = draw(st.sampled_from(["citizen", "jobcenter", "fund"]))
    elif kind == "early_followup_requested":
        event["by"] = draw(st.sampled_from(["employer", "citizen"]))
    elif kind in ("offer_start", "offer_end"):
        event["offer"] = draw(st.sampled_from(OFFERS))
    elif kind == "offer_given":
        event["offer"] = draw(st.sampled_from(OFFERS))
        event["start"] = (date.fromisoformat(day) + timedelta(days=draw(st.integers(-10, 60)))).isoformat()
    elif kind in ("sick_leave_start", "category_change"):
        event["category"] = draw(st.sampled_from([1, 2, 3]))
    elif kind in ("exemption_start", "exemption_end"):
        event["reason"] = "job_within_6_weeks"
    return event


KINDS = ["first_contact", "benefit_start", "benefit_change", "benefit_end", "readiness_change", "conversation",
         "joint_conversation_requested", "joint_participation_declined", "conversation_requested", "offer_given",
         "offer_start", "offer_end", "employment_start", "employment_end", "exemption_start", "exemption_end",
         "sick_leave_start", "category_change", "followup", "early_followup_requested"]


@st.composite
def odd_timelines(draw):
    base = date(2014, 1, 1) + timedelta(days=draw(st.integers(0, 4500)))
    events = []
    for _ in range(draw(st.integers(0, 25))):
        day = (base + timedelta(days=draw(st.integers(0, 900)))).isoformat()
        events.append(_event(draw(st.sampled_from(KINDS)), day, draw))
    as_of = (base + timedelta(days=draw(st.integers(0, 1000)))).isoformat()
    return {"citizen": {"id": "x", "birth_date": "1990-01-01"}, "as_of": as_of, "events": events}


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(odd_timelines())
def test_any_well_formed_timeline_gives_contract_output(raw) -> None:
    out = compute(parse_timeline(raw), rhythms=RHYTHMS).to_dict()
    for ob in out["obligations"]:
        assert ob["status"] in STATUSES
        assert isinstance(ob["source"], str) and ob["source"]
        assert ob["window_start"] is None or ob["deadline"] is None or ob["window_start"] <= ob["deadline"], ob


def _keyed(out: dict) -> dict:
    keyed: dict = {}
    for ob in out["obligations"]:
        keyed.setdefault((ob["rule"], ob.get("period_start"), ob.get("window_start")), ob)
    return keyed


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(odd_timelines(), st.integers(0, 1000), st.booleans())
def test_one_more_conversation_never_unmeets_anything_in_odd_timelines(raw, offset, joint) -> None:
    before = _keyed(compute(parse_timeline(raw)).to_dict())
    as_of = date.fromisoformat(raw["as_of"])
    day = min(as_of, date(2014, 1, 1) + timedelta(days=offset * 5))
    more = dict(raw, events=raw["events"] + [{"date": day.isoformat(), "type": "conversation", "joint": joint}])
    after = _keyed(compute(parse_timeline(more)).to_dict())
    for key, ob in before.items():
        if ob["status"] == "met" and ob["rule"].startswith("contact."):
            assert key in after and after[key]["status"] == "met", (key, ob, after.get(key))
