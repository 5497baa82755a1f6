"""Budget against actuals and forecast, per budget area and month (docs/ECONOMY.md).

Actuals: forsørgelse = the municipality's net expenditure on the staircase (gross of refusion
benefits − refusion + co-financing) from the store's own panel and the shipped rates;
aktivering = each offer's days in the month ÷ 7 × its price per week (the provider's price,
else the offer type's price for all providers) plus entered costs; drift and løn = entered
costs. Months up to the last complete month are actuals; the rest of the year is forecast
from each area's trend (``economy.budget.trend_forecast``).
"""

from __future__ import annotations

import calendar
import time
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select

from indsats.domain import clock
from indsats.domain.models import User
from indsats.economy.budget import AREA_DA, AREAS, trend_forecast
from indsats.economy.charts import budget_chart
from indsats.economy.rates import load_rates
from indsats.store.db import Database
from indsats.store.economy_tables import CostEntryRow, OfferPriceRow
from indsats.store.tables import CitizenRow, OfferRow

from ..accounts.access import ensure_role
from ..steering.panel_export import export_panel
from .budget_records import READERS, budget

HISTORY_YEARS = 5  # the panel reaches this far back, so the staircase sees earlier periods


@dataclass
class AreaMonths:
    area: str
    label: str
    budget: dict[int, float] = field(default_factory=dict)
    actual: dict[int, float] = field(default_factory=dict)
    forecast: dict[int, float] = field(default_factory=dict)

    @property
    def budget_total(self) -> float:
        return sum(self.budget.values())

    @property
    def actual_total(self) -> float:
        return sum(self.actual.values())

    @property
    def expected_total(self) -> float:
        return self.actual_total + sum(self.forecast.values())


@dataclass
class BudgetOverview:
    year: int
    as_of: date
    last_actual_month: int
    areas: list[AreaMonths]
    chart: str

    def total(self, kind: str, month: int) -> float | None:
        values = [getattr(a, kind).get(month) for a in self.areas]
        values = [v for v in values if v is not None]
        return sum(values) if values else None


def last_actual_month(year: int, as_of: date) -> int:
    """The last month of ``year`` that has ended by ``as_of`` (0 = none, 12 = all)."""
    if as_of.year > year:
        return 12
    if as_of.year < year:
        return 0
    last_day = calendar.monthrange(as_of.year, as_of.month)[1]
    return as_of.month if as_of.day == last_day else as_of.month - 1


_CACHE: dict[tuple, tuple[float, dict[int, float]]] = {}
CACHE_SECONDS = 600  # like the dashboard's KPIs: a new spell shows within 10 minutes


def forsorgelse_actuals(db: Database, code: str, year: int, through: date) -> dict[int, float]:
    """Municipal net expenditure on benefits by month (the weeks' Thursdays) from the store."""
    if through < date(year, 1, 1):
        return {}
    key = (db.url, code, year, through)
    hit = _CACHE.get(key)
    if hit and time.monotonic() - hit[0] < CACHE_SECONDS:
        return hit[1]
    from indsats.economy.monthly import monthly_expenditure  # Ibis, DuckDB, pandas: loaded on use

    panel, _ = export_panel(db, code, date(year - HISTORY_YEARS, 1, 1), min(through, date(year, 12, 31)))
    months = monthly_expenditure(panel, load_rates(), year)
    out = {m: v["total"]["municipal_net"] for m, v in months.items()}
    _CACHE[key] = (time.monotonic(), out)
    return out


def _price(prices: list[OfferPriceRow], offer_type: str, provider: str | None, day: date) -> float | None:
    """The provider's own price in force on ``day``, else the offer type's price for all ('')."""
    for wanted in ([provider] if provider else []) + [""]:
        found = None
        for p in prices:  # sorted by valid_from
            if p.offer_type == offer_type and p.provider == wanted and p.valid_from <= day:
                found = p
        if found is not None:
            return float(found.weekly_price)
    return None


def aktivering_actuals(db: Database, code: str, year: int, through: date) -> dict[int, float]:
    """Offer days in each month ÷ 7 × the price per week in force on the month's first offer day."""
    end = min(through, date(year, 12, 31))
    out: dict[int, float] = {}
    with db.unit_of_work() as s:
        prices = s.scalars(select(OfferPriceRow).where(OfferPriceRow.municipality_code == code)
                           .order_by(OfferPriceRow.valid_from)).all()
        if not prices:
            return {}
        offers = s.execute(
            select(OfferRow.offer_type, OfferRow.company_cvr, OfferRow.start, OfferRow.end)
            .join(CitizenRow, CitizenRow.id == OfferRow.citizen_id)
            .where(CitizenRow.municipality_code == code, OfferRow.start <= end)).all()
        for offer_type, cvr, start, stop in offers:
            lo, hi = max(start, date(year, 1, 1)), min(stop or end, end)
            month_start = date(lo.year, lo.month, 1) if lo <= hi else None
            while month_start is not None and month_start <= hi:
                month_end = date(month_start.year, month_start.month,
                                 calendar.monthrange(month_start.year, month_start.month)[1])
                a, b = max(lo, month_start), min(hi, month_end)
                price = _price(prices, offer_type, cvr, a)
                if price is not None and a <= b:
                    out[a.month] = out.get(a.month, 0.0) + ((b - a).days + 1) / 7 * price
                month_start = month_end + timedelta(days=1)
    return out


def entered_actuals(db: Database, code: str, year: int, through_month: int) -> dict[str, dict[int, float]]:
    out: dict[str, dict[int, float]] = {a: {} for a in AREAS}
    with db.unit_of_work() as s:
        for row in s.scalars(select(CostEntryRow).where(
                CostEntryRow.municipality_code == code, CostEntryRow.year == year,
                CostEntryRow.month <= through_month)):
            out[row.area][row.month] = out[row.area].get(row.month, 0.0) + float(row.amount)
    return out


def overview(db: Database, user: User, year: int, as_of: date | None = None) -> BudgetOverview:
    """Budget, actuals to the last complete month and the forecast to year end, per area and month."""
    ensure_role(user, *READERS)
    day = as_of or clock.today()
    last = last_actual_month(year, day)
    through = date(year, last, calendar.monthrange(year, last)[1]) if last else date(year, 1, 1) - timedelta(days=1)
    code = user.municipality_code
    planned = budget(db, user, year)
    computed = {"forsorgelse": forsorgelse_actuals(db, code, year, through) if last else {},
                "aktivering": aktivering_actuals(db, code, year, through) if last else {}}
    entered = entered_actuals(db, code, year, last)
    areas = []
    for area in AREAS:
        actual = {m: computed.get(area, {}).get(m, 0.0) + entered[area].get(m, 0.0) for m in range(1, last + 1)}
        areas.append(AreaMonths(area, AREA_DA[area], planned[area], actual, trend_forecast(actual, last)))
    view = BudgetOverview(year, day, last, areas, "")
    view.chart = budget_chart(
        [view.total("budget", m) or 0.0 for m in range(1, 13)],
        [view.total("actual", m) if m <= last else None for m in range(1, 13)],
        [view.total("forecast", m) if m > last else None for m in range(1, 13)],
        title=f"Budget, forbrug og prognose {year}")
    return view


CSV_HEADER = ["Område", "År", "Måned", "Budget (kr.)", "Forbrug (kr.)", "Prognose (kr.)"]


def overview_csv_rows(view: BudgetOverview) -> list[list]:
    rows = []
    for a in view.areas:
        for m in range(1, 13):
            rows.append([a.label, view.year, m, a.budget.get(m), a.actual.get(m), a.forecast.get(m)])
    return rows
