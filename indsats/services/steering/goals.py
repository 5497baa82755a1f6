"""Steering: the plan's goals against actuals, for the dashboard and the result review.

Panel measures come from the weekly panel (a file, or the store's own spells exported by
``panel_export``); store measures from ``services.kpis``; comparison figures from a
jobindsats export. Figures at a date use the last ISO week ended by it (panel) or the
calendar year up to it (counts and shares from the store).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from indsats.analytics import weeks
from indsats.analytics.goals import Attainment, assess
from indsats.analytics.jobindsats import Figure, read_export, value_for
from indsats.plan import EmploymentPlan, ResultGoal, load_plan
from indsats.plan import PlanError as PlanError  # for the interfaces: a plan YAML that does not validate
from indsats.plan.library import plan_files
from indsats.plan.measures import MEASURES
from indsats.reports.svg import bar_chart as bar_chart  # the dashboard's charts
from indsats.reports.svg import line_chart
from indsats.services.steering import store_measures as store_kpis
from indsats.services.steering.panel_export import export_panel
from indsats.store.db import Database

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class ReviewInputError(ValueError):
    """Missing or unusable input for a review or dashboard."""


@dataclass
class GoalView:
    goal: ResultGoal
    label: str
    unit: str
    attainment: Attainment
    series: list[tuple[date, float | None]] = field(default_factory=list)
    trajectory: list[tuple[date, float]] = field(default_factory=list)
    comparison: list[tuple[date, float]] = field(default_factory=list)
    available: bool = True
    reason: str = ""
    comparison_series: str = ""  # which of the group's series the goal is judged against (goals with benefits)


@dataclass
class Actuals:
    """Weekly KPI objects plus access to the store for the measures outside the panel."""

    weekly: dict[str, dict]
    db: Database | None
    code: str
    window_start: date | None = None
    window_end: date | None = None
    _months: tuple | None = field(default=None, repr=False)
    _store: dict = field(default_factory=dict, repr=False)

    def panel_value(self, key: str, day: date, benefits: list[str] | None = None) -> float | None:
        obj = self.weekly.get(weeks.last_full_week(day))
        if obj is None:
            return None
        if benefits and key in ("public_support_persons", "public_support_fte"):
            field_name = "persons" if key == "public_support_persons" else "fte"
            return round(sum(obj["by_benefit"][b][field_name] for b in benefits), 2)
        return obj.get(key)

    def value(self, key: str, day: date, benefits: list[str] | None = None) -> float | None:
        source = MEASURES[key].source
        if key == "expenditure_per_labour_force_person" and self.db is not None:
            from indsats.services.economy.labour_force import expenditure_per_person

            span = (self.window_start, self.window_end) if self.window_start and self.window_end else None
            return expenditure_per_person(self.db, self.code, day, benefits, span)
        if source == "panel":
            return self.panel_value(key, day, benefits)
        if key == "timeliness" and self.db is not None:
            return self.timeliness_to_date(day)
        if source == "store" and self.db is not None:
            if key in store_kpis.SERIES_KEYS:
                return self.store_to_date(key, day)
            return store_kpis.store_measure(self.db, key, self.code, date(day.year, 1, 1), day)
        return None

    def store_to_date(self, key: str, day: date) -> float | None:
        """Year-to-date value at ``day`` from one read of the window's rows (``store_measures.period_measure``)."""
        start = date(day.year, 1, 1)
        kept = self._store.get(key)
        if kept is None or start < kept[0] or day > kept[1]:
            lo = date(min(day, self.window_start or day).year, 1, 1)
            hi = max(day, self.window_end or day)
            kept = (lo, hi, store_kpis.period_measure(self.db, key, self.code, lo, hi))
            self._store[key] = kept
        return kept[2](start, day)

    def timeliness_to_date(self, day: date) -> float | None:
        """Year-to-date timeliness at ``day``, from one run of the law engine per window
        (whole months up to and including the month of ``day``)."""
        if self._months is None or day < self._months[0] or day > self._months[1]:
            start = date(min(day, self.window_start or day).year, 1, 1)
            end = max(day, self.window_end or day)
            self._months = (start, end, store_kpis.timeliness_detail(self.db, self.code, start, end).by_month)
        months = self._months[2]
        met = total = 0
        for month in range(1, day.month + 1):
            cell = months.get(f"{day.year}-{month:02d}")
            if cell is not None:
                met, total = met + cell.met, total + cell.total
        return round(met / total, 4) if total else None


def weekly_from_file(panel: Path, persons: Path | None, first: date, last: date) -> dict[str, dict]:
    from indsats.analytics.engine import kpis_for_file  # Ibis, DuckDB, pandas: loaded on use, not at start-up

    series = kpis_for_file(panel, persons, weeks.week_of(first), weeks.week_of(last))
    return {obj["week"]: obj for obj in series}


def weekly_from_store(db: Database, code: str, first: date, last: date) -> dict[str, dict]:
    """Export the store's panel for the municipality and compute the weekly KPIs."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    panel, persons = export_panel(db, code, first - timedelta(weeks=53), last)
    if panel.num_rows == 0:
        return {}
    with tempfile.TemporaryDirectory() as tmp:
        p, q = Path(tmp) / "panel.parquet", Path(tmp) / "persons.csv"
        pq.write_table(panel, p)
        pacsv.write_csv(persons, q)
        return weekly_from_file(p, q, first, last)


def sample_dates(first: date, last: date, step_days: int = 28) -> list[date]:
    out, day = [], first
    while day < last:
        out.append(day)
        day += timedelta(days=step_days)
    out.append(last)
    return out


def goal_view(goal: ResultGoal, actuals: Actuals, as_of: date, plan: EmploymentPlan,
              figures: list[Figure] | None = None, first: date | None = None) -> GoalView:
    if goal.measure is None:
        att = Attainment(goal.id, "no_target", None, None, None)
        return GoalView(goal, goal.title, "", att, available=False, reason="Kvalitativt mål uden målepunkt.")
    measure = MEASURES[goal.measure]
    when = min(as_of, goal.deadline)
    start = first or (goal.baseline.date if goal.baseline else date(goal.deadline.year, 1, 1))
    benefits = goal.benefits or None
    series = [(d, actuals.value(goal.measure, d, benefits)) for d in sample_dates(start, when)]
    actual = series[-1][1] if series else None
    measured_base = None
    if goal.baseline is not None and goal.baseline.value is None:
        measured_base = actuals.value(goal.measure, goal.baseline.date, benefits)
    comp_value = comp_base = None
    comparison: list[tuple[date, float]] = []
    if goal.comparison is not None and figures:
        label = plan.comparison_group(goal.comparison.group).label
        mine, series_note = _comparison_series(goal, figures)
        comp_value = value_for(mine, label, when)
        if goal.baseline is not None:
            comp_base = value_for(mine, label, goal.baseline.date)
        comparison = [(d, v) for d in sample_dates(start, when) if (v := value_for(mine, label, d)) is not None]
    att = assess(goal, as_of, actual, measured_base, series, comp_value, comp_base)
    trajectory = []
    if att.baseline is not None and att.target is not None and goal.baseline is not None:
        trajectory = [(goal.baseline.date, att.baseline), (goal.deadline, att.target)]
    view = GoalView(goal, measure.label_da, measure.unit, att, series, trajectory, comparison)
    if goal.comparison is not None and figures and goal.benefits:
        view.comparison_series = series_note
    if measure.key == "expenditure_per_labour_force_person" and actual is None and actuals.db is not None:
        from indsats.services.economy.labour_force import missing_reason

        view.available, view.reason = False, missing_reason(actuals.db, actuals.code, when, benefits)
    elif measure.source == "external" and actual is None:
        view.available, view.reason = False, "Tallet hentes fra jobindsats.dk og beregnes ikke her."
    elif measure.key == "timeliness" and actual is None:
        view.available, view.reason = False, "Ingen forpligtelser med frist i perioden."
    elif actual is None:
        view.available, view.reason = False, "Ingen data for perioden."
    return view


def _comparison_series(goal: ResultGoal, figures: list[Figure]) -> tuple[list[Figure], str]:
    """The comparison group's series for the goal's own benefit group when imported, else the
    measure's series for all benefits together; with a Danish note of which it is."""
    from indsats.domain.labels import BENEFIT_DA, label
    from indsats.economy.labour_force import series_key

    names = " og ".join(label(BENEFIT_DA, b).lower() for b in goal.benefits or [])
    own = [f for f in figures if f.indicator == series_key(goal.measure or "", goal.benefits)] if goal.benefits else []
    if own:
        return own, f"gruppens udgifter til {names}"
    note = f"gruppens udgifter til alle ydelser samlet (ingen serie indlæst for {names})" if goal.benefits else ""
    return [f for f in figures if f.indicator == goal.measure], note


def goal_views(plan: EmploymentPlan, actuals: Actuals, as_of: date, figures: list[Figure] | None = None,
               first: date | None = None) -> list[GoalView]:
    return [goal_view(g, actuals, as_of, plan, figures, first) for g in plan.result_goals]


def load_figures(path: Path | None, measure: str | None = None) -> list[Figure] | None:
    """Figures of a jobindsats export file; ``measure`` says which measure they are."""
    return read_export(path, measure) if path is not None else None


_CACHE: dict[tuple, tuple[float, dict[str, dict]]] = {}
CACHE_SECONDS = 60


def cached_weekly(db: Database, code: str, first: date, last: date) -> dict[str, dict]:
    """Weekly KPIs: the kept weeks (``measure_store``) when they reach ``last``, else computed from the store.

    Held in memory for ``CACHE_SECONDS`` per municipality and period on top.
    """
    import time

    from indsats.services.steering.measure_store import kept_weeks

    key = (db.url, code, first, last)
    hit = _CACHE.get(key)
    if hit and time.monotonic() - hit[0] < CACHE_SECONDS:
        return hit[1]
    weekly = kept_weeks(db, code, first, last)
    if weeks.last_full_week(last) not in weekly:  # nothing kept for the period yet (a new database, a past date)
        weekly = weekly_from_store(db, code, first, last)
    _CACHE[key] = (time.monotonic(), weekly)
    return weekly


def cached_plan(path: Path) -> EmploymentPlan:
    """A plan file parsed once per change of the file (the goal pages read every plan to pick one)."""
    return _plan(str(path), path.stat().st_mtime)


@lru_cache(maxsize=64)
def _plan(path: str, _mtime: float) -> EmploymentPlan:
    return load_plan(Path(path))


_VIEWS: dict[tuple, tuple[float, object]] = {}
VIEW_SECONDS = 900


def kept_age(name: str, db: Database, *args) -> float:
    """Seconds since the kept result was computed (infinite when none is kept)."""
    import time

    hit = _VIEWS.get((db.url, name, args))
    return float("inf") if hit is None else time.monotonic() - hit[0]


def kept_view(name: str, fn, db: Database, *args, fresh: bool = False):
    """The last result of a page computation in this process, for ``VIEW_SECONDS`` (the distribution, and the
    review PDF over its stored copy); the goals and management information are kept in the database instead
    (``kept_views``), where the background worker's results reach the server."""
    import time

    key = (db.url, name, args)
    hit = _VIEWS.get(key)
    if not fresh and hit and time.monotonic() - hit[0] < VIEW_SECONDS:
        return hit[1]
    value = fn(db, *args)
    _VIEWS[key] = (time.monotonic(), value)
    return value


def resolve_plan_name(plan_name: str | None, code: str, year: int) -> str:
    """The plan asked for; else the municipality's own plan for ``year`` (a ``demo-`` plan first); else the
    municipality's newest own plan (never another municipality's plan when it has one of its own); else the
    demo plan (Frederikssund's goals moved to the demo's year); else the first plan."""
    files = plan_files()
    if plan_name in files:
        return plan_name
    own = []
    for name, path in files.items():
        try:
            plan = cached_plan(path)
        except PlanError:
            continue
        if plan.municipality.code == code:
            own.append((plan.year == year, name.startswith("demo-"), plan.year, name))
    if own:
        return max(own)[3]
    if "demo-frederikssund" in files:
        return "demo-frederikssund"
    return next(iter(files))


IN_FORCE = "i-kraft"


def plan_for(db: Database, code: str, plan_name: str | None, year: int,
             session: Session | None = None) -> EmploymentPlan:
    """The plan asked for: the version in force (``IN_FORCE``, or no name when there is one), else a YAML file;
    ``session``: the caller's open transaction to read the version in force in."""
    if plan_name in (None, "", IN_FORCE):
        from indsats.services.steering.plan_versions import plan_in_force

        found = plan_in_force(db, code, session)
        if found is not None:
            return found[1]
    files = plan_files()
    if not files:
        raise ReviewInputError("Der er ingen planer at vise.")
    return cached_plan(files[resolve_plan_name(None if plan_name == IN_FORCE else plan_name, code, year)])


def shown_plan_name(db: Database, code: str, plan_name: str | None, year: int) -> str:
    """The name the dashboard's plan chooser shows as selected."""
    if plan_name in (None, "", IN_FORCE):
        from indsats.services.steering.plan_versions import plan_in_force

        if plan_in_force(db, code) is not None:
            return IN_FORCE
    return resolve_plan_name(None if plan_name == IN_FORCE else plan_name, code, year)


def plan_stamp(plan: EmploymentPlan) -> str:
    """A plan's content as a key: a newly adopted version is a new key, never a kept old page."""
    import hashlib

    return hashlib.sha1(plan.model_dump_json().encode()).hexdigest()


def dashboard(db: Database, code: str, plan_name: str | None, as_of: date,
              fresh: bool = False) -> tuple[EmploymentPlan, list[GoalView]]:
    """The goals of a plan against the municipality's own data at ``as_of`` (kept in the database: ``kept_views``)."""
    from indsats.services.steering import kept_views

    return kept_views.dashboard(db, code, plan_name, as_of, fresh).value


def _dashboard(db: Database, code: str, plan: EmploymentPlan, as_of: date) -> tuple[EmploymentPlan, list[GoalView]]:
    first = min([g.baseline.date for g in plan.result_goals if g.baseline] + [as_of - timedelta(days=730)])
    from indsats.services.steering.comparison import stored_figures

    actuals = Actuals(cached_weekly(db, code, first, as_of), db, code, as_of - timedelta(days=730), as_of)
    return plan, goal_views(plan, actuals, as_of, stored_figures(db, code), first=as_of - timedelta(days=730))


def goal_charts(views: list[GoalView]) -> dict[str, str]:
    """Goal id → SVG line chart of its series, trajectory and comparison, for the goals with data."""
    return {v.goal.id: line_chart(v.series, v.unit, v.trajectory, v.comparison, title=v.goal.title)
            for v in views if v.series and v.available}


def _rate(cell) -> float | None:
    return None if cell is None or cell.rate is None else round(cell.rate, 4)


def management_information(db: Database, code: str, as_of: date, months: int = 12,
                           fresh: bool = False) -> list[dict]:
    """Ledelsesinformation: one row per month (its last day, or ``as_of`` for this month); kept like the goals."""
    from indsats.services.steering import kept_views

    return kept_views.management_information(db, code, as_of, months, fresh).value


def _management_information(db: Database, code: str, as_of: date, months: int = 12) -> list[dict]:
    import calendar

    ends = []
    year, month = as_of.year, as_of.month
    for _ in range(months):
        last = date(year, month, calendar.monthrange(year, month)[1])
        ends.append(min(last, as_of))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    ends.reverse()
    weekly = cached_weekly(db, code, ends[0] - timedelta(days=7), as_of)
    actuals = Actuals(weekly, db, code)
    by_month = store_kpis.timeliness_detail(db, code, date(ends[0].year, ends[0].month, 1), as_of).by_month
    rows = []
    for end in ends:
        start = date(end.year, end.month, 1)
        rows.append({
            "month": start,
            # the month of ``as_of`` is counted only up to that day: its figures are provisional (foreløbige)
            "partial": end.day < calendar.monthrange(end.year, end.month)[1],
            "through": end,
            "public_support_persons": actuals.panel_value("public_support_persons", end),
            "gross_unemployed": actuals.panel_value("gross_unemployed", end),
            "long_term_unemployed": actuals.panel_value("long_term_unemployed", end),
            "activation_rate": actuals.panel_value("activation_rate", end),
            "company_activation_share": actuals.panel_value("company_activation_share", end),
            "conversations_held": store_kpis.conversations_held(db, code, start, end),
            "company_contacts": store_kpis.company_contacts(db, code, start, end),
            "timeliness": _rate(by_month.get(start.strftime("%Y-%m"))),
        })
    return rows
