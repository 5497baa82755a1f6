"""The what-if micro-simulation: hand-checkable cases, the flows estimated from a panel, a
scenario's direction against the baseline, and the page (save, compare, roles)."""

from __future__ import annotations

import re
from decimal import Decimal

import numpy as np
import pyarrow as pa
import pytest
import time_machine
from economy_helpers import spells
from economy_world import PASSWORD, TODAY, build_economy_world
from fastapi.testclient import TestClient

from indsats.economy.flows import DURATION_BUCKETS, Flows, estimate_flows
from indsats.economy.simulation import Scenario, shortened, simulate
from indsats.economy.staircase import load_rules
from indsats.web.app import create_app

RULE = load_rules()[0]
RATES = {"cash_benefit": (Decimal("1000"), "refusion")}


def flows(hazard: float, persons: int = 10, inflow: float = 0.0) -> Flows:
    return Flows("2024-W01", ["cash_benefit"], np.full((1, len(DURATION_BUCKETS)), hazard),
                 np.array([[0.0, 1.0]]), np.array([inflow]), {"cash_benefit": [("job_ready", 1.0)]},
                 [f"P{i}" for i in range(persons)], np.zeros(persons, dtype=np.int64), ["job_ready"] * persons,
                 np.ones(persons, dtype=np.int64))


def test_nobody_leaves_every_week_is_paid_on_its_step():
    out = simulate(flows(0.0), Scenario(), RATES, RULE, {f"P{i}": 1 for i in range(10)})
    assert out["public_support_fte"] == 10 and out["gross_unemployed"] == 10 and out["long_term_unemployed"] == 10
    assert out["gross"] == 10 * 52 * 1000
    # weeks 2-53 of the period: 3 at 80 %, 22 at 40 %, 26 at 30 %, 1 at 20 %
    assert out["refusion"] == 10 * 1000 * (3 * 0.8 + 22 * 0.4 + 26 * 0.3 + 1 * 0.2)
    assert out["municipal_net"] == out["gross"] - out["refusion"]


def test_everybody_leaves_at_once_and_inflow_is_added_each_week():
    assert simulate(flows(1.0), Scenario(), RATES, RULE, {})["public_support_fte"] == 0
    out = simulate(flows(1.0, persons=0, inflow=2.5), Scenario(), RATES, RULE, {})
    assert out["public_support_fte"] == 2.5  # 2 or 3 new each week, each gone the week after
    assert simulate(flows(1.0, persons=0, inflow=2.5), Scenario(inflow_change=-1.0), RATES, RULE,
                    {})["public_support_fte"] == 0


def test_shortening_a_spell_by_n_weeks_raises_the_hazard_accordingly():
    assert shortened(np.array([0.1]), 4)[0] == pytest.approx(1 / 6)
    assert shortened(np.array([0.5]), 4)[0] == 1.0  # a spell cannot be shorter than a week


def _panel(rows) -> pa.Table:
    return pa.table({"person_id": [r[0] for r in rows], "week": [r[1] for r in rows],
                     "benefit": [r[2] for r in rows], "readiness": ["job_ready"] * len(rows), "offer": [None] * len(rows)})


def test_flows_are_estimated_from_the_panel():
    rows = []
    for p in range(20):  # 20 persons: 8 weeks of cash benefit, then none
        rows += spells(f"A{p}", "2024-W10", [(8, "cash_benefit")])
    rows += spells("B", "2023-W40", [(40, "cash_benefit")])  # entered within the year, still on it in 2024-W27
    f = estimate_flows(_panel(rows), "2024-W27")
    cash = f.benefits.index("cash_benefit")
    assert f.inflow[cash] == pytest.approx(21 / 52)  # 21 persons started in the 52 weeks
    # weeks 5-13 of a spell: the A's 4 weeks each (20 leave after week 8) and B's 9 weeks (none leave)
    assert f.hazard[cash, 1] == pytest.approx(20 / (20 * 4 + 9))
    assert f.state_person == ["B"] and f.state_duration[0] == 40


def test_a_scenario_moves_the_figures_in_its_direction():
    rng = np.random.default_rng(1)
    rows = []
    for p in range(150):
        rows += spells(f"P{p}", "2022-W01", [(int(rng.integers(1, 30)), str(rng.choice(["cash_benefit", "", ""])) or None)
                                             for _ in range(12)])
    f = estimate_flows(_panel(rows), "2024-W27")
    base = simulate(f, Scenario(), RATES, RULE, {})
    shorter = simulate(f, Scenario(shorten_benefit="cash_benefit", shorten_weeks=3), RATES, RULE, {})
    fewer = simulate(f, Scenario(inflow_change=-0.5), RATES, RULE, {})
    assert shorter["public_support_fte"] < base["public_support_fte"]
    assert fewer["public_support_fte"] < base["public_support_fte"] and fewer["gross"] < base["gross"]
    assert simulate(f, Scenario(), RATES, RULE, {}) == base  # same random numbers, same figures


@pytest.fixture
def client(database):
    build_economy_world(database)
    with time_machine.travel(TODAY, tick=False), TestClient(create_app(database, secret_key="test")) as c:
        yield c


def _login(c, username):
    token = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text).group(1)
    c.post("/login", data={"username": username, "password": PASSWORD, "csrf_token": token})


def test_manager_saves_and_compares_scenarios_team_leader_reads(client):
    _login(client, "leder")
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/okonomi/scenarier").text).group(1)
    r = client.post("/okonomi/scenarier", data={"csrf_token": token, "name": "Færre på kontanthjælp",
                                                "inflow_benefit": "cash_benefit", "inflow_change": "-50"})
    assert r.status_code == 200 and "Færre på kontanthjælp" in r.text and "Basis" in r.text
    assert "Tilgangen til kontanthjælp ændres med -50 %" in r.text
    bad = client.post("/okonomi/scenarier", data={"csrf_token": token, "name": "Kortere forløb", "shorten_weeks": "mange",
                                                  "shorten_benefit": "cash_benefit"})
    assert bad.status_code == 422 and "Forkort forløb (uger)" in bad.text
    # the message stands at its field on the scenario page, and what the manager typed is kept
    assert re.search(r'name="shorten_weeks"[^>]*value="mange"[^>]*aria-invalid="true"', bad.text)
    assert 'id="s-shorten_weeks-fejl">Forkort forløb (uger)' in bad.text
    assert 'value="Kortere forløb"' in bad.text and '<option value="cash_benefit" selected>' in bad.text
    _login(client, "teamleder")
    assert "Færre på kontanthjælp" in client.get("/okonomi/scenarier").text
    assert client.post("/okonomi/scenarier", data={"csrf_token": token, "name": "y"}).status_code == 403
