"""What-if scenarios for next year (docs/ECONOMY.md): the municipality's own flows estimated
from its panel, a micro-simulation of the baseline and of the scenario with the same random
numbers, saved with their assumptions and compared side by side. Managers run them; team
leaders and managers read them. The estimate is kept for 10 minutes per municipality and week,
so a second scenario costs only the simulation."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from indsats.analytics import weeks
from indsats.domain import clock
from indsats.domain.labels import BENEFIT_DA, OFFER_DA, label
from indsats.domain.models import User
from indsats.economy.rates import load_rates, rate_in_force
from indsats.economy.simulation import Scenario, simulate
from indsats.economy.staircase import rule_at
from indsats.store.db import Database
from indsats.store.economy_tables import OfferPriceRow, ScenarioRow

from ..accounts.access import ensure_role
from ..shared.errors import InvalidInput, NotFound
from ..steering.panel_export import export_panel
from .budget_records import READERS, WRITERS

HISTORY_YEARS = 5
CACHE_SECONDS = 600
_CACHE: dict[tuple, tuple[float, tuple]] = {}

MEASURES = [("gross_unemployed", "Bruttoledige (gns. pr. uge)", 0), ("long_term_unemployed", "Langtidsledige (ved årets udgang)", 0),
            ("public_support_fte", "Fuldtidspersoner på offentlig forsørgelse", 2),
            ("gross", "Forsørgelsesudgifter, brutto (kr.)", 0), ("refusion", "Statsrefusion (kr.)", 0),
            ("cofinancing", "Kommunal medfinansiering (kr.)", 0), ("municipal_net", "Kommunens nettoudgift (kr.)", 0),
            ("aktivering_change", "Ændring i aktiveringsudgifter (kr.)", 0)]


@dataclass(frozen=True)
class SavedScenario:
    id: int
    name: str
    week: str
    assumptions: list[str]
    baseline: dict
    result: dict
    created_by: str


def assumptions_da(s: Scenario) -> list[str]:
    out = []
    if s.shorten_benefit and s.shorten_weeks:
        out.append(f"Forløb på {label(BENEFIT_DA, s.shorten_benefit).lower()} forkortes med "
                   f"{s.shorten_weeks:g} uger i gennemsnit")
    if s.inflow_change:
        who = label(BENEFIT_DA, s.inflow_benefit).lower() if s.inflow_benefit else "alle ydelser"
        out.append(f"Tilgangen til {who} ændres med {s.inflow_change * 100:+.0f} %")
    if s.move_from and s.move_to and s.move_share:
        out.append(f"{s.move_share * 100:.0f} % af ugerne i {label(OFFER_DA, s.move_from).lower()} flyttes til "
                   f"{label(OFFER_DA, s.move_to).lower()}")
    return out or ["Ingen ændringer (basis)"]


def _inputs(db: Database, code: str, week: str):
    from indsats.economy.flows import estimate_flows  # DuckDB, Ibis, pandas: loaded on use, not at start-up
    from indsats.economy.monthly import steps_in_week

    key = (db.url, code, week)
    hit = _CACHE.get(key)
    if hit and time.monotonic() - hit[0] < CACHE_SECONDS:
        return hit[1]
    monday = weeks.monday(week)
    panel, _ = export_panel(db, code, date(monday.year - HISTORY_YEARS, 1, 1), monday + timedelta(days=6))
    flows = estimate_flows(panel, week)
    rates = load_rates()
    steps = steps_in_week(panel, rates, week)
    start_steps = dict(zip(steps["person_id"], (int(s) for s in steps["step"]), strict=True))
    in_force = {b: (r.weekly_rate, r.scheme) for b in flows.benefits if (r := rate_in_force(rates, b, monday))}
    with db.unit_of_work() as s:
        prices = {}
        for p in s.scalars(select(OfferPriceRow).where(OfferPriceRow.municipality_code == code,
                                                       OfferPriceRow.provider == "",
                                                       OfferPriceRow.valid_from <= monday)
                           .order_by(OfferPriceRow.valid_from)):
            prices[p.offer_type] = float(p.weekly_price)
    value = (flows, in_force, start_steps, prices)
    _CACHE[key] = (time.monotonic(), value)
    return value


def _scenario(form: dict) -> Scenario:
    def number(key: str, lo: float, hi: float, what: str) -> float:
        raw = str(form.get(key) or "0").strip().replace(",", ".")
        try:
            value = float(raw)
        except ValueError:
            raise InvalidInput(f"{what}: {raw!r} er ikke et tal.") from None
        if not lo <= value <= hi:
            raise InvalidInput(f"{what}: {raw} skal ligge mellem {lo:g} og {hi:g}.")
        return value

    name = str(form.get("name") or "").strip()[:120]
    if not name:
        raise InvalidInput("Navn: giv scenariet et navn.")
    return Scenario(
        name=name, shorten_benefit=str(form.get("shorten_benefit") or ""),
        shorten_weeks=number("shorten_weeks", 0, 104, "Forkort forløb (uger)"),
        inflow_benefit=str(form.get("inflow_benefit") or ""),
        inflow_change=number("inflow_change", -100, 200, "Ændring i tilgang (%)") / 100,
        move_from=str(form.get("move_from") or ""), move_to=str(form.get("move_to") or ""),
        move_share=number("move_share", 0, 100, "Andel der flyttes (%)") / 100)


def run_scenario(db: Database, user: User, form: dict, as_of: date | None = None) -> int:
    """Simulate the baseline and the scenario for the 52 weeks after the last full week; save both."""
    ensure_role(user, *WRITERS)
    scenario = _scenario(form)
    week = weeks.last_full_week(as_of or clock.today())
    flows, rates, steps, prices = _inputs(db, user.municipality_code, week)
    if not flows.benefits:
        raise InvalidInput("Der er ingen ydelsesforløb i det seneste år at fremskrive fra.")
    rule = rule_at(weeks.monday(week))
    baseline = simulate(flows, Scenario(), rates, rule, steps, prices)
    result = simulate(flows, scenario, rates, rule, steps, prices)
    with db.unit_of_work() as s:
        row = ScenarioRow(municipality_code=user.municipality_code, name=scenario.name, reference_week=week,
                          assumptions={**scenario.as_dict(), "text": assumptions_da(scenario)}, baseline=baseline,
                          result=result, created_by=user.username, created_at=clock.now())
        s.add(row)
        s.flush()
        return row.id


def saved_scenarios(db: Database, user: User) -> list[SavedScenario]:
    ensure_role(user, *READERS)
    with db.unit_of_work() as s:
        rows = s.scalars(select(ScenarioRow).where(ScenarioRow.municipality_code == user.municipality_code)
                         .order_by(ScenarioRow.id.desc())).all()
        return [SavedScenario(r.id, r.name, r.reference_week, list(r.assumptions.get("text", [])), dict(r.baseline),
                              dict(r.result), r.created_by) for r in rows]


def chosen(scenarios: list[SavedScenario], ids: list[int]) -> list[SavedScenario]:
    found = [s for s in scenarios if s.id in ids] if ids else scenarios[:3]
    if ids and len(found) != len(set(ids)):
        raise NotFound("Scenariet findes ikke i din kommune.")
    return found
