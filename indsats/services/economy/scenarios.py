"""What-if scenarios for next year (docs/ECONOMY.md): the municipality's own flows estimated
from its panel, a micro-simulation of the baseline and of the scenario with the same random
numbers, saved with their assumptions and compared side by side. Managers run them; team
leaders and managers read them. The estimate is kept per municipality, week and panel version
(``scenario_flows``), so a scenario after the first costs only the simulation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from indsats.analytics import weeks
from indsats.domain import clock
from indsats.domain.labels import BENEFIT_DA, OFFER_DA, label
from indsats.domain.models import User
from indsats.economy.flows import Flows
from indsats.economy.rates import load_rates, rate_in_force
from indsats.economy.simulation import Scenario, simulate
from indsats.economy.staircase import rule_at
from indsats.store.db import Database
from indsats.store.economy_tables import OfferPriceRow, ScenarioRow

from ..accounts.access import ensure_role
from ..shared.errors import InvalidInput, NotFound
from ..shared.text_bounds import bounded
from . import scenario_effects, scenario_flows
from .budget_records import READERS, WRITERS

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
    if s.more_offer and s.more_share:
        out.append(f"{s.more_share * 100:+.0f} % starter i {label(OFFER_DA, s.more_offer).lower()}")
    if s.effect_text:
        out.append(s.effect_text)
    return out or ["Ingen ændringer (basis)"]


def rates_in_force(flows: Flows, week: str) -> dict:
    monday = weeks.monday(week)
    rates = load_rates()
    return {b: (r.weekly_rate, r.scheme) for b in flows.benefits if (r := rate_in_force(rates, b, monday))}


def offer_prices(s, code: str, week: str) -> dict[str, float]:
    """The offer types' prices per week for all providers in force in ``week``."""
    monday = weeks.monday(week)
    prices = {}
    for p in s.scalars(select(OfferPriceRow).where(OfferPriceRow.municipality_code == code,
                                                   OfferPriceRow.provider == "",
                                                   OfferPriceRow.valid_from <= monday)
                       .order_by(OfferPriceRow.valid_from)):
        prices[p.offer_type] = float(p.weekly_price)
    return prices


class InvalidScenarioField(InvalidInput):
    """Bad input in one field of the scenario form; the page shows the message at that field."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def _scenario(form: dict) -> Scenario:
    def number(key: str, lo: float, hi: float, what: str) -> float:
        raw = str(form.get(key) or "0").strip().replace(",", ".")
        try:
            value = float(raw)
        except ValueError:
            raise InvalidScenarioField(key, f"{what}: {raw!r} er ikke et tal.") from None
        if not lo <= value <= hi:
            raise InvalidScenarioField(key, f"{what}: {raw} skal ligge mellem {lo:g} og {hi:g}.")
        return value

    for key, raw in form.items():
        if key != "name":
            bounded(str(raw or ""), 200, key, f"Feltet '{key}'")
    name = bounded(str(form.get("name") or ""), 120, "name", "Navn")
    if not name:
        raise InvalidScenarioField("name", "Navn: giv scenariet et navn.")
    return Scenario(
        name=name, shorten_benefit=str(form.get("shorten_benefit") or ""),
        shorten_weeks=number("shorten_weeks", 0, 104, "Forkort forløb (uger)"),
        inflow_benefit=str(form.get("inflow_benefit") or ""),
        inflow_change=number("inflow_change", -100, 200, "Ændring i tilgang (%)") / 100,
        move_from=str(form.get("move_from") or ""), move_to=str(form.get("move_to") or ""),
        move_share=number("move_share", 0, 100, "Andel der flyttes (%)") / 100,
        more_offer=str(form.get("more_offer") or ""),
        more_share=number("more_share", -100, 200, "Flere starter (%)") / 100)


def _own_effect(form: dict) -> float | None:
    """The manager's own effect (percentage points per changed start); None when left empty."""
    raw = str(form.get("own_effect") or "").strip().replace(",", ".")
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise InvalidScenarioField("own_effect", f"Egen effekt (pct.-point): {raw!r} er ikke et tal.") from None
    if not -100 <= value <= 100:
        raise InvalidScenarioField("own_effect", f"Egen effekt (pct.-point): {raw} skal ligge mellem -100 og 100.")
    return value


def run_scenario(db: Database, user: User, form: dict, as_of: date | None = None) -> int:
    """Simulate the baseline and the scenario for the 52 weeks after the last full week; save both."""
    ensure_role(user, *WRITERS)
    scenario, own = _scenario(form), _own_effect(form)
    week = weeks.last_full_week(as_of or clock.today())
    code = user.municipality_code
    with db.unit_of_work() as s:
        version, flows = scenario_flows.kept_flows(s, code, week)
        prices = offer_prices(s, code, week)
        estimates = scenario_effects.kept_estimates(s, code)
    estimated = None
    if flows is None:  # the panel changed (or a new week): estimate once, kept below
        flows, seconds = scenario_flows.estimate_now(db, code, week)
        estimated = seconds
    if not flows.benefits:
        raise InvalidInput("Der er ingen ydelsesforløb i det seneste år at fremskrive fra.")
    scenario = scenario_effects.with_effects(scenario, flows, estimates, own)
    rule, rates = rule_at(weeks.monday(week)), rates_in_force(flows, week)
    baseline = simulate(flows, Scenario(), rates, rule, None, prices)
    result = simulate(flows, scenario, rates, rule, None, prices)
    with db.unit_of_work() as s:
        if estimated is not None:
            scenario_flows.keep(s, code, week, version, flows, estimated)
        row = ScenarioRow(municipality_code=code, name=scenario.name, reference_week=week,
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


def comparison_chart(shown: list[SavedScenario]) -> str:
    """SVG: the municipality's net expenditure next year, the baseline and each scenario shown."""
    from indsats.economy.charts import scenario_chart

    if not shown:
        return ""
    items = [("Basis", float(shown[0].baseline.get("municipal_net", 0)))]
    items += [(s.name, float(s.result.get("municipal_net", 0))) for s in shown]
    return scenario_chart(items, title="Kommunens nettoudgift til forsørgelse næste år (kr.)")


def comparison_csv_rows(shown: list[SavedScenario]) -> tuple[list[str], list[list]]:
    """The compared scenarios as CSV: one row per measure (basis and each scenario), then the
    assumptions and the reference week."""
    header = ["mål", "basis"] + [s.name for s in shown]
    rows: list[list] = [[title, shown[0].baseline.get(key, 0) if shown else 0] + [s.result.get(key, 0) for s in shown]
                        for key, title, _ in MEASURES]
    rows.append(["antagelser", "ingen ændringer"] + [" | ".join(s.assumptions) for s in shown])
    rows.append(["referenceuge", shown[0].week if shown else ""] + [s.week for s in shown])
    return header, rows


def chosen(scenarios: list[SavedScenario], ids: list[int]) -> list[SavedScenario]:
    found = [s for s in scenarios if s.id in ids] if ids else scenarios[:3]
    if ids and len(found) != len(set(ids)):
        raise NotFound("Scenariet findes ikke i din kommune.")
    return found


@dataclass(frozen=True)
class ReviewScenario:
    """A saved scenario for the result review: next year beside the baseline, with its assumptions."""

    name: str
    week: str
    assumptions: list[str]
    rows: list[tuple[str, float, float, float, int]]  # (measure, baseline, scenario, difference, decimals)


def review_scenarios(db: Database, code: str, ids: list[int] | tuple[int, ...]) -> list[ReviewScenario]:
    """The chosen saved scenarios of the municipality (in the order asked; unknown ids refused)."""
    if not ids:
        return []
    with db.unit_of_work() as s:
        rows = {r.id: r for r in s.scalars(select(ScenarioRow).where(ScenarioRow.municipality_code == code,
                                                                       ScenarioRow.id.in_(list(ids))))}
        missing = [i for i in ids if i not in rows]
        if missing:
            raise NotFound(f"Scenarie {missing[0]} findes ikke i din kommune.")
        out = []
        for i in dict.fromkeys(ids):
            r = rows[i]
            lines = [(title, float(r.baseline.get(key, 0)), float(r.result.get(key, 0)),
                      float(r.result.get(key, 0)) - float(r.baseline.get(key, 0)), dec) for key, title, dec in MEASURES]
            out.append(ReviewScenario(r.name, r.reference_week, list(r.assumptions.get("text", [])), lines))
        return out
