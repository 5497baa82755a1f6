"""The result review's figures (resultatrevision): per goal baseline, target, actual, attainment
and trend; per target group volumes, activation and timeliness; the comparison group.

``build_review`` collects them, ``write_review`` writes the review as HTML and PDF with
``indsats.reports.result_review``. Entry point for the interfaces: ``write_result_review``.
"""

from __future__ import annotations

import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from indsats.analytics import weeks
from indsats.domain import clock
from indsats.domain.labels import BENEFIT_DA
from indsats.plan import EmploymentPlan, load_plan
from indsats.reports.result_review import render_html, write_pdf
from indsats.services.steering.goals import (
    Actuals,
    GoalView,
    ReviewInputError,
    goal_views,
    load_figures,
    weekly_from_file,
)
from indsats.store.db import Database


@dataclass
class GroupRow:
    benefit: str
    label: str
    persons: int
    fte: float
    activation_rate: float | None


@dataclass
class Review:
    plan: EmploymentPlan
    year: int
    as_of: date
    source: str
    goals: list[GoalView]
    groups: list[GroupRow]
    headline: dict
    comparison_source: str | None
    timeliness: list[tuple[str, float | None, int]] = field(default_factory=list)
    code: str = ""
    quota: list | None = None  # Series of the 75 % coverage (years from 2026, with a database); None: no section
    effects: object | None = None  # services.evidence.local_effects.ReviewEffects (with a database); None: no section
    scenarios: list | None = None  # services.economy.scenarios.ReviewScenario chosen for the review; None: no section
    small_jobs: dict | None = None  # services.company.small_jobs.small_job_counts (with a database); None: no section
    sick_retention: object | None = None  # services.casework.sick_leave.year_retention (with a database)
    programmes: object | None = None  # services.steering.programme_measures.review_measures (with a database)
    company_entry: dict | None = None  # services.company.company_entry.year_stats (with a database)
    generated: date = field(default_factory=date.today)


def _group_rows(headline: dict) -> list[GroupRow]:
    """Volumes (persons in the week, FTE over the year) and activation over the year per benefit."""
    out = [GroupRow(benefit, BENEFIT_DA.get(benefit, benefit), obj["persons"], obj["fte"], obj.get("activation_rate"))
           for benefit, obj in headline.get("by_benefit", {}).items() if obj["persons"] or obj["fte"]]
    return sorted(out, key=lambda r: -r.fte)


def _first_week(year: int) -> date:
    """The first day whose week the review reads: the goals' series start a year before ``year``."""
    return date(year - 1, 12, 1) - timedelta(days=365)


def kept_weekly(db: Database, code: str, year: int) -> dict[str, dict] | None:
    """The kept weekly measures (``measure_store``, the same figures as the dashboard's) when they hold every
    week the review reads, computed after its last full week ended; None: export the panel (a past year, a
    database whose measures are not kept yet or were kept before the target groups' activation)."""
    from indsats.services.steering.measure_store import kept_weeks, updated_at

    as_of = min(date(year, 12, 31), clock.today())
    last = weeks.last_full_week(as_of)
    computed = updated_at(db, code)
    if computed is None or computed.date() < weeks.monday(last) + timedelta(days=7):
        return None
    kept = kept_weeks(db, code, _first_week(year), as_of)
    span = range(weeks.index(weeks.week_of(_first_week(year))), weeks.index(last) + 1)
    if any(weeks.from_index(i) not in kept for i in span):
        return None
    if any("activation_rate" not in obj for obj in kept[last].get("by_benefit", {}).values()):
        return None
    return kept


def build_review(plan: EmploymentPlan, year: int, panel: Path | None, persons: Path | None, db: Database | None,
                 comparison: Path | None = None, source: str = "", comparison_measure: str | None = None,
                 code: str | None = None, weekly: dict[str, dict] | None = None,
                 compute_effects: bool = True) -> Review:
    """The review's figures; the weekly measures are ``weekly`` when given (``kept_weekly``), else computed
    from ``panel``. ``compute_effects``: estimate the offers' effects when none are kept (minutes at 100,000
    citizens); else the section says they are not computed yet. The sections read from the database alone
    are read in threads while this one computes the goals (the database works on another core)."""
    as_of = min(date(year, 12, 31), clock.today())
    code = code or plan.municipality.code
    first = _first_week(year)
    if weekly is None:
        if panel is None:
            raise ValueError("build_review needs the weekly measures or a panel")
        weekly = weekly_from_file(panel, persons, first, as_of)
    with ThreadPoolExecutor(max_workers=SECTION_THREADS, thread_name_prefix="resultatrevision") as pool:
        if db is not None and any(g.measure == "timeliness" for g in plan.result_goals):
            from indsats.services.steering.store_measures import timeliness_detail

            # the timeliness goal's two years (``Actuals.timeliness_to_date``; ``compute_timeliness`` keeps the
            # answer a minute): read while the goals before it are computed
            pool.submit(timeliness_detail, db, code, date(year - 1, 1, 1), as_of)
        sections = _database_sections(pool, db, code, year, as_of, compute_effects) if db is not None else {}
        actuals = Actuals(weekly, db, code, date(year - 1, 1, 1), as_of)
        figures = load_figures(comparison, comparison_measure) or []
        sources = [str(comparison)] if comparison else []
        if db is not None:
            from indsats.services.steering.comparison import stored_figures, stored_sources

            figures += stored_figures(db, code)
            sources += [s for s in [stored_sources(db, code)] if s]
        goals = goal_views(plan, actuals, as_of, figures, first=date(year - 1, 1, 1))
        read = {name: future.result() for name, future in sections.items()}
    headline = weekly.get(weeks.last_full_week(as_of), {})
    review = Review(plan, year, as_of, source or str(panel), goals, _group_rows(headline), headline,
                    "; ".join(sources) or None, read.pop("timeliness", []), code)
    for name, value in read.items():
        setattr(review, name, value)
    return review


SECTION_THREADS = 4


def _database_sections(pool: ThreadPoolExecutor, db: Database, code: str, year: int, as_of: date,
                       compute_effects: bool) -> dict[str, Future]:
    """Start reading the sections that need only the database: attribute of ``Review`` → its future."""
    from indsats.services.casework.sick_leave import year_retention
    from indsats.services.company.company_entry import year_stats
    from indsats.services.company.small_jobs import small_job_counts
    from indsats.services.evidence.local_effects import review_effects
    from indsats.services.steering.programme_measures import review_measures

    return {
        "timeliness": pool.submit(_timeliness_rows, db, code, year, as_of),
        "quota": pool.submit(quota_section, db, code, year, as_of),
        "effects": pool.submit(review_effects, db, code, year, compute=compute_effects),
        "small_jobs": pool.submit(small_job_counts, db, code, year, as_of),
        "sick_retention": pool.submit(year_retention, db, code, year, as_of),
        "programmes": pool.submit(review_measures, db, code, year, as_of),
        "company_entry": pool.submit(year_stats, db, code, year, as_of),
    }


def _timeliness_rows(db: Database, code: str, year: int, as_of: date) -> list[tuple[str, float | None, int]]:
    """"Rettidighed pr. målgruppe": the year's total, then each target group."""
    from indsats.services.steering.store_measures import timeliness_detail

    detail = timeliness_detail(db, code, date(year, 1, 1), as_of)
    return [("I alt", detail.overall.rate, detail.overall.total)] + [
        (group, cell.rate, cell.total) for group, cell in sorted(detail.by_target_group.items())]


def quota_section(db: Database, code: str, year: int, as_of: date) -> list | None:
    """"Kvoteopfyldelse (75 %-kravet)": the year's cohorts from 2026-07-01 on (None before 2026)."""
    from indsats.services.casework.quota import QUOTA_START, build_series, municipality_coverage

    if date(year, 12, 31) < QUOTA_START:
        return None
    with db.unit_of_work() as session:
        rows = municipality_coverage(session, code, date(year, 1, 1), as_of, date_to=date(year, 12, 31))
    return build_series(rows, charts=True)


def write_review(plan: EmploymentPlan, year: int, out: Path, panel: Path | None, persons: Path | None,
                 db: Database | None, comparison: Path | None = None,
                 comparison_measure: str | None = None, code: str | None = None,
                 scenario_ids: tuple[int, ...] = (), compute_effects: bool = True) -> list[Path]:
    """Write ``out`` as .html and .pdf. Without a panel the figures are the database's: the kept weekly measures
    when they cover the year (``kept_weekly``), else a panel exported from the store."""
    out = Path(out)
    html_path, pdf_path = out.with_suffix(".html"), out.with_suffix(".pdf")
    code = code or plan.municipality.code
    with tempfile.TemporaryDirectory() as tmp:
        source = str(panel) if panel else "indsats' egne data (ydelsesforløb og tilbud)"
        weekly = None
        if panel is None:
            if db is None:
                raise ValueError("Angiv --panel, eller en database med kommunens data (INDSATS_DATABASE_URL).")
            weekly = kept_weekly(db, code, year)
            if weekly is None:
                panel, persons = _export(db, code, plan, year, Path(tmp))
        review = build_review(plan, year, panel, persons, db, comparison, source, comparison_measure, code,
                              weekly=weekly, compute_effects=compute_effects)
    if db is not None and scenario_ids:
        from indsats.services.economy.scenarios import review_scenarios

        review.scenarios = review_scenarios(db, code, scenario_ids)
    html = render_html(review)
    html_path.parent.mkdir(parents=True, exist_ok=True)
    html_path.write_text(html, encoding="utf-8")
    write_pdf(html, pdf_path)
    return [html_path, pdf_path]


def _export(db: Database, code: str, plan: EmploymentPlan, year: int, tmp: Path) -> tuple[Path, Path]:
    """The municipality's panel and persons as files in ``tmp`` (``panel_export``)."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    from indsats.services.steering.panel_export import export_panel

    # Start a year before the earliest date evaluated: inflows count a person's first
    # week in the panel, which must not be the panel's own first week.
    earliest = min([g.baseline.date for g in plan.result_goals if g.baseline] + [date(year - 1, 1, 1)])
    table, people = export_panel(db, code, earliest - timedelta(weeks=53), date(year, 12, 31))
    if table.num_rows == 0:
        raise ValueError(f"Databasen har ingen ydelsesforløb for kommune {code}.")
    panel, persons = tmp / "panel.parquet", tmp / "persons.csv"
    pq.write_table(table, panel)
    pacsv.write_csv(people, persons)
    return panel, persons


def _default_db() -> Database | None:
    """The configured database when there is one (INDSATS_DATABASE_URL or ./indsats.db)."""
    from indsats.settings import DEFAULT_SQLITE_FILE, get_settings

    if get_settings().database_url or Path(DEFAULT_SQLITE_FILE).exists():
        return Database()
    return None


def write_result_review(plan_path: Path, year: int, out: Path, panel: Path | None = None,
                        persons: Path | None = None, comparison: Path | None = None,
                        db: Database | None = None, comparison_measure: str | None = None,
                        code: str | None = None, scenario_ids: tuple[int, ...] = ()) -> list[Path]:
    """``indsats report result-review``: load the plan and write the review as HTML and PDF.

    ``code`` is the municipality whose data are reviewed (default: the plan's)."""
    plan = load_plan(plan_path)
    if not 2000 <= year <= 2100:
        raise ReviewInputError(f"--year: {year} is not a plausible year")
    if comparison is not None and comparison_measure is None:
        raise ReviewInputError("--comparison needs --comparison-measure: which measure the figures are")
    return write_review(plan, year, out, panel, persons, db or _default_db(), comparison, comparison_measure,
                        code or plan.municipality.code, scenario_ids)


def review_pdf_bytes(db: Database, code: str, plan_name: str | None, year: int, fresh: bool = False,
                     older_than: float = 0.0, scenario_ids: tuple[int, ...] = ()) -> bytes | None:
    """The review as PDF bytes for the web, kept like the managers' other pages (``goals.kept_view``,
    keyed by the plan's content): the background refresh re-renders it (``older_than``: only a
    kept copy at least that many seconds old; None when it was fresher)."""
    from indsats.services.steering.goals import kept_age, kept_view, plan_for, plan_stamp

    plan = plan_for(db, code, plan_name, year)
    if scenario_ids:  # a review with chosen scenarios is made on request, not kept
        from indsats.services.economy.scenarios import review_scenarios

        review_scenarios(db, code, scenario_ids)  # refuses another municipality's scenario before the work
        return _review_pdf(db, code, plan, year, scenario_ids)
    args = (code, plan_stamp(plan), year)
    if older_than and kept_age("review_pdf", db, *args) < older_than:
        return None
    return kept_view("review_pdf", lambda *_: _stored_or_rendered(db, code, plan, year, args[1], fresh), db, *args,
                     fresh=fresh)


STORED_SECONDS = 24 * 3600  # a stored render older than a day is not served: the request renders anew


def _stored_or_rendered(db: Database, code: str, plan: EmploymentPlan, year: int, stamp: str, fresh: bool) -> bytes:
    """The last render kept in the database (``kept_review_pdfs``) unless ``fresh``; else render and keep it.
    A restarted server thus answers at once; its background refresh renders anew within minutes."""
    from datetime import UTC

    from sqlalchemy import delete, select

    from indsats.store.obligation_tables import KeptReviewRow as R

    key = (R.municipality_code == code, R.plan_stamp == stamp, R.year == year)
    if not fresh:
        with db.unit_of_work() as session:
            row = session.scalar(select(R).where(*key))
            if row is not None:
                made = row.computed_at if row.computed_at.tzinfo else row.computed_at.replace(tzinfo=UTC)
                if (clock.now() - made).total_seconds() < STORED_SECONDS:
                    return row.pdf
    pdf = _review_pdf(db, code, plan, year)
    with db.unit_of_work() as session:
        session.execute(delete(R).where(*key))
        session.add(R(municipality_code=code, plan_stamp=stamp, year=year, pdf=pdf, computed_at=clock.now()))
    return pdf


def _review_pdf(db: Database, code: str, plan: EmploymentPlan, year: int, scenario_ids: tuple[int, ...] = ()) -> bytes:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        # the effects are read as kept (the background refresh estimates them), never estimated while a user waits
        _, pdf = write_review(plan, year, Path(tmp) / "resultatrevision", None, None, db, code=code,
                              scenario_ids=scenario_ids, compute_effects=False)
        return pdf.read_bytes()
