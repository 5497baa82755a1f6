"""Scenarios that move or add offer starts: the kept local effect estimates are used (with their
interval and starts in the assumptions) when every offer concerned has one; otherwise the
manager's own number, labelled as such; the simulation moves that many persons off benefits
from the week the effect is measured."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal

import numpy as np
import pytest
import time_machine
from economy_world import PASSWORD, TODAY, build_economy_world
from fastapi.testclient import TestClient

from indsats.economy.flows import DURATION_BUCKETS, Flows
from indsats.economy.simulation import Scenario, simulate
from indsats.economy.staircase import load_rules
from indsats.services.economy.scenario_effects import with_effects
from indsats.services.evidence.effect_estimates import EffectEstimate
from indsats.store.evidence_tables import KeptEffectRow
from indsats.web.app import create_app

RULE = load_rules()[0]
RATES = {"cash_benefit": (Decimal("1000"), "refusion")}


def flows(persons: int = 10) -> Flows:
    return Flows("2024-W01", ["cash_benefit"], np.zeros((1, len(DURATION_BUCKETS))), np.array([[0.0, 1.0]]),
                 np.array([0.0]), {"cash_benefit": [("job_ready", 1.0)]}, [f"P{i}" for i in range(persons)],
                 np.zeros(persons, dtype=np.int64), ["job_ready"] * persons, np.ones(persons, dtype=np.int64),
                 {"company_internship": 520, "guidance_and_upskilling": 520}, np.ones(persons, dtype=np.int64),
                 {"company_internship": {"cash_benefit": 100}, "guidance_and_upskilling": {"cash_benefit": 100}})


def estimate(offer: str, effect: float, low: float, high: float) -> EffectEstimate:
    return EffectEstimate(offer, "all", 26, "2022-W49", "2023-W48", 100, 0.3, effect, low, high, effect,
                          datetime(2024, 6, 1, tzinfo=UTC))


def test_one_more_person_in_self_support_each_week_from_week_27():
    base = simulate(flows(), Scenario(), RATES, RULE)
    out = simulate(flows(), Scenario(effect_per_week=1.0, effect_benefits=(("cash_benefit", 1.0),)), RATES, RULE)
    assert base["public_support_fte"] == 10
    # 10 persons in weeks 1-26, then 9, 8, ..., 0 in weeks 27-36: (260 + 45) / 52
    assert out["public_support_fte"] == round((260 + 45) / 52, 2)
    kept = simulate(flows(), Scenario(effect_per_week=-1.0, effect_benefits=(("cash_benefit", 1.0),)), RATES, RULE)
    assert kept["public_support_fte"] == round((520 + sum(range(1, 27))) / 52, 2)  # one more stays each week


def test_kept_local_estimates_are_used_with_their_interval_and_starts():
    s = Scenario(name="x", move_from="guidance_and_upskilling", move_to="company_internship", move_share=0.5)
    kept = {"company_internship": estimate("company_internship", 0.08, 0.03, 0.13),
            "guidance_and_upskilling": estimate("guidance_and_upskilling", 0.02, -0.02, 0.06)}
    out = with_effects(s, flows(), kept, own_pp=25.0)
    # 50 starts moved: 50 x (0.08 - 0.02) = 3 more persons in self-support a year
    assert out.effect_per_week == pytest.approx(3 / 52) and out.effect_from_week == 27
    assert "Lokalt effektestimat" in out.effect_text and "+8,0 pct.-point (95 %-interval +3,0 til +13,0; 100 starter" \
        in out.effect_text and "+3 personer" in out.effect_text and "Egen antagelse" not in out.effect_text


def test_without_an_estimate_the_managers_own_number_is_used_and_labelled():
    s = Scenario(name="x", more_offer="company_internship", more_share=0.2)
    out = with_effects(s, flows(), {}, own_pp=10.0)
    assert out.effect_per_week == pytest.approx(20 * 0.10 / 52)  # 20 more starts x 10 percentage points
    assert out.effect_text.startswith("Egen antagelse (intet lokalt effektestimat for virksomhedspraktik)")
    none = with_effects(s, flows(), {}, own_pp=None)
    assert none.effect_per_week == 0 and "kun udgiften til tilbud ændres" in none.effect_text


@pytest.fixture
def client(database):
    build_economy_world(database)
    with time_machine.travel(TODAY, tick=False), TestClient(create_app(database, secret_key="test")) as c:
        yield c


def test_the_page_lists_the_kept_estimate_as_an_assumption(client, database):
    with database.unit_of_work() as s:
        for offer, effect in (("company_internship", 0.08), ("guidance_and_upskilling", 0.02)):
            s.add(KeptEffectRow(municipality_code="250", offer=offer, target_group="all", horizon=26,
                                first_week="2022-W49", last_week="2023-W48", starts=140, treated_rate=0.3,
                                effect=effect, ci_low=effect - 0.05, ci_high=effect + 0.05, naive_effect=effect,
                                computed_at=datetime(2024, 6, 1, tzinfo=UTC)))
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
    client.post("/login", data={"username": "leder", "password": PASSWORD, "csrf_token": token})
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/okonomi/scenarier").text).group(1)
    r = client.post("/okonomi/scenarier", data={"csrf_token": token, "name": "Mere praktik",
                                                "move_from": "company_internship", "move_to": "guidance_and_upskilling",
                                                "move_share": "100"})
    assert r.status_code == 200 and "Lokalt effektestimat" in r.text and "140 starter" in r.text
    r = client.post("/okonomi/scenarier", data={"csrf_token": token, "name": "Mentor", "move_from": "company_internship",
                                                "move_to": "mentor", "move_share": "50", "own_effect": "5"})
    assert r.status_code == 200 and "Egen antagelse (intet lokalt effektestimat for mentorstøtte)" in r.text
    bad = client.post("/okonomi/scenarier", data={"csrf_token": token, "name": "x", "own_effect": "meget"})
    assert bad.status_code == 422 and "Egen effekt (pct.-point)" in bad.text
