"""The scenario's estimate: the dense-grid staircase gives every person the engine's week
number, the estimate survives being kept, and a scenario re-estimates only when the panel
changed (a second scenario reads the kept estimate)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pyarrow as pa
import pytest
import time_machine
from economy_helpers import spells
from economy_world import PASSWORD, TODAY, build_economy_world
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indsats.economy import flows as flows_module
from indsats.economy.flows import estimate_flows, flows_from_bytes, flows_to_bytes
from indsats.economy.monthly import steps_in_week
from indsats.economy.rates import load_rates
from indsats.economy.weekgrid import steps_now
from indsats.services.economy import scenario_flows
from indsats.store.tables import BenefitSpellRow
from indsats.web.app import create_app
from tests.web_login import csrf

BENEFITS = [None, None, "cash_benefit", "unemployment_benefit", "sickness_benefit", "flexjob"]
segment = st.tuples(st.integers(min_value=1, max_value=70), st.sampled_from(BENEFITS))
person = st.tuples(st.sampled_from(["2017-W40", "2018-W01", "2019-W10", "2020-W50"]),
                   st.lists(segment, min_size=1, max_size=8))


def _panel(rows) -> pa.Table:
    return pa.table({"person_id": [r[0] for r in rows], "week": [r[1] for r in rows],
                     "benefit": [r[2] for r in rows], "readiness": ["job_ready"] * len(rows),
                     "offer": [None] * len(rows)})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=st.lists(person, min_size=1, max_size=5), week=st.sampled_from(["2020-W10", "2021-W30", "2022-W52"]))
def test_week_numbers_equal_the_engine(people, week):
    rows = []
    for n, (first, pattern) in enumerate(people):
        rows += spells(f"P{n}", first, pattern)
    if not rows:
        return
    table = _panel(rows)
    engine = steps_in_week(table, load_rates(), week)
    expected = dict(zip(engine["person_id"], (int(s) for s in engine["step"]), strict=True))
    f = estimate_flows(table, week)
    got = {p: int(s) for p, s in zip(f.state_person, f.state_step, strict=True) if s}
    assert got == {p: s for p, s in expected.items() if p in f.state_person}
    # the staircase page's list: every person counted in the week, with the engine's benefit and number
    assert steps_now(table, load_rates(), week) == [(p, b, int(s)) for p, b, s in engine.itertuples(index=False)]


def test_a_kept_estimate_is_the_same_estimate():
    rng = np.random.default_rng(2)
    rows = []
    for p in range(60):
        rows += spells(f"P{p}", "2022-W01", [(int(rng.integers(1, 30)), str(rng.choice(["cash_benefit", "", ""])) or None)
                                             for _ in range(10)])
    f = estimate_flows(_panel(rows), "2024-W27")
    g = flows_from_bytes(flows_to_bytes(f))
    assert g.benefits == f.benefits and g.state_person == f.state_person and g.readiness == f.readiness
    for name in ("hazard", "destination", "inflow", "state_benefit", "state_duration", "state_step"):
        assert np.array_equal(getattr(g, name), getattr(f, name)), name


@pytest.fixture
def client(database):
    build_economy_world(database)
    with time_machine.travel(TODAY, tick=False), TestClient(create_app(database, secret_key="test")) as c:
        yield c


def _run(c, name: str):
    return c.post("/okonomi/scenarier", data={"csrf_token": csrf(c, "/okonomi/scenarier"), "name": name, "inflow_change": "-10"})


@pytest.fixture
def calls(monkeypatch) -> list[int]:
    """One element per estimate the scenario service makes (the estimate itself still runs)."""
    made: list[int] = []
    real = flows_module.estimate_flows

    def counting(*args, **kwargs):
        made.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(scenario_flows, "estimate_flows", counting)
    return made


def test_second_scenario_reads_the_kept_estimate_until_the_panel_changes(client, database, calls):
    client.post("/login", data={"username": "leder", "password": PASSWORD, "csrf_token": csrf(client)})
    first = _run(client, "Første")
    assert first.status_code == 200 and "Første" in first.text and len(calls) == 1
    second = _run(client, "Anden")
    assert second.status_code == 200 and "Anden" in second.text and len(calls) == 1  # kept, not estimated again
    with database.unit_of_work() as s:
        citizen = s.query(BenefitSpellRow).first().citizen_id
        s.add(BenefitSpellRow(citizen_id=citizen, benefit="cash_benefit", start=date(2024, 5, 20), end=None))
    assert _run(client, "Tredje").status_code == 200 and len(calls) == 2  # a new spell: a new panel version


def test_the_background_warm_keeps_the_estimate_so_a_scenario_only_simulates(client, database, calls):
    assert scenario_flows.warm(database, "250", TODAY) is True and len(calls) == 1
    assert scenario_flows.warm(database, "250", TODAY) is False and len(calls) == 1  # same panel, same week
    client.post("/login", data={"username": "leder", "password": PASSWORD, "csrf_token": csrf(client)})
    assert _run(client, "Efter opvarmning").status_code == 200 and len(calls) == 1
