"""Comparison figures (sammenligningstal) in the store: imported from jobindsats.dk exports,
or synthesised for the demo as a cluster of comparable municipalities.

Both land in ``comparison_figures`` (area, measure, period, value) for one municipality;
the dashboard and the result review benchmark the plan's comparison goals against them.
"""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import delete, func, select

from indsats.analytics import weeks
from indsats.analytics.engine import kpis_for_file
from indsats.analytics.jobindsats import Figure, read_export
from indsats.domain import clock
from indsats.plan import EmploymentPlan
from indsats.plan.measures import MEASURES, PANEL_MEASURES
from indsats.services.shared.errors import InvalidInput
from indsats.store.db import Database
from indsats.store.kpi_tables import ComparisonFigureRow
from indsats.store.tables import CitizenRow


def import_jobindsats(db: Database, code: str, path: Path, measure: str, area: str | None = None) -> int:
    """Load a jobindsats export as figures of ``measure``; all or nothing. Returns the count.

    Figures already stored for the same area, measure and period are replaced. ``area``
    renames the export's area (e.g. to the plan's comparison group label).
    """
    if measure not in MEASURES:
        raise InvalidInput(f"ukendt målepunkt {measure!r}; kendte: {', '.join(sorted(MEASURES))}")
    figures = read_export(path, measure)
    if area:
        figures = [Figure(f.indicator, area, f.period, f.period_end, f.column, f.value) for f in figures]
    _store(db, code, figures, f"jobindsats: {Path(path).name}")
    return len(figures)


def _store(db: Database, code: str, figures: list[Figure], source: str) -> None:
    now = clock.now()
    with db.unit_of_work() as s:
        for f in figures:
            s.execute(delete(ComparisonFigureRow).where(
                ComparisonFigureRow.municipality_code == code, ComparisonFigureRow.area == f.area,
                ComparisonFigureRow.measure == f.indicator, ComparisonFigureRow.period == f.period))
            s.add(ComparisonFigureRow(municipality_code=code, area=f.area, measure=f.indicator, period=f.period,
                                      period_end=f.period_end, value=f.value, source=source, imported_at=now))


def stored_figures(db: Database, code: str) -> list[Figure]:
    with db.unit_of_work() as s:
        rows = s.execute(select(ComparisonFigureRow).where(ComparisonFigureRow.municipality_code == code)).scalars()
        return [Figure(r.measure, r.area, r.period, r.period_end, "value", r.value) for r in rows]


def stored_sources(db: Database, code: str) -> str | None:
    """Where the stored comparison figures come from, per area, in Danish; None when none are stored."""
    with db.unit_of_work() as s:
        rows = s.execute(select(ComparisonFigureRow.area, ComparisonFigureRow.source)
                         .where(ComparisonFigureRow.municipality_code == code).distinct()).all()
    if not rows:
        return None
    return "; ".join(f"{area} ({source})" for area, source in sorted(rows))


def month_ends(first: date, last: date) -> list[date]:
    out, year, month = [], first.year, first.month
    while True:
        end = (date(year + (month == 12), month % 12 + 1, 1)) - timedelta(days=1)
        if end > last:
            break
        out.append(end)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out + ([last] if not out or out[-1] != last else [])


def synthesize_cluster(db: Database, code: str, plan: EmploymentPlan, as_of: date, members: int = 4,
                       citizens: int | None = None, seed: int = 101) -> int:
    """Demo only: a cluster of ``members`` synthetic municipalities (the synthetic generator's
    profile of ``code``, other seeds, as many citizens as the municipality has by default), measured with the same KPI definitions at each month's
    end and averaged over the members: the cluster's figure is that of a typical comparable
    municipality, so both levels and changes compare. Stored under the label of each
    comparison group the plan's goals use. Returns the number of figures stored."""
    if citizens is None:  # members as large as the municipality itself
        with db.unit_of_work() as s:
            citizens = s.scalar(select(func.count(CitizenRow.id)).where(CitizenRow.municipality_code == code)) or 1500
    figures = cluster_figures(code, plan, as_of, members, citizens, seed)
    if figures:
        store_cluster(db, code, figures, members)
    return len(figures)


def store_cluster(db: Database, code: str, figures: list[Figure], members: int) -> None:
    _store(db, code, figures, f"demo: {members} syntetiske kommuner")


def cluster_figures(code: str, plan: EmploymentPlan, as_of: date, members: int, citizens: int,
                    seed: int = 101) -> list[Figure]:
    """The figures ``synthesize_cluster`` stores, computed without the database (the demo computes
    them in a process of its own while it builds)."""
    from indsats.synth.generator import generate_municipality
    from indsats.synth.panel import write_panel

    groups = {plan.comparison_group(g.comparison.group).label for g in plan.result_goals if g.comparison}
    if not groups:
        return []
    ends = month_ends(as_of - timedelta(days=730), as_of)
    per_member: list[dict[str, dict]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(members):
            profile = code if code in ("250", "766") else "250"
            municipality = generate_municipality(profile, seed=seed + k, as_of=as_of, citizens=citizens)
            panel, persons = write_panel(municipality, Path(tmp) / f"m{k}")
            first, last = weeks.last_full_week(ends[0]), weeks.last_full_week(ends[-1])
            per_member.append({o["week"]: o for o in kpis_for_file(panel, persons, first, last)})
    figures = []
    for end in ends:
        week = weeks.last_full_week(end)
        period = f"{end.year}M{end.month:02d}"
        for key in sorted(PANEL_MEASURES):
            values = [m[week][key] for m in per_member if week in m and m[week][key] is not None]
            if not values:
                continue
            value = sum(values) / len(values)
            figures.extend(Figure(key, label, period, end, "value", round(value, 4)) for label in groups)
    return figures
