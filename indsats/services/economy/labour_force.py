"""Expenditure per person in the labour force (Hedensted's merfald goals, seed 002).

The municipality's figure at a date = its gross expenditure on the goal's benefits over the
52 ISO weeks ending with the last full week (panel from the store × the shipped rates) ÷ its
labour force in that year (imported; the latest earlier year if that year is missing). A
comparison group's figure is imported (its expenditure ÷ its labour force) and stored as a
comparison figure of the measure, so the goals page and the result review judge the goal
exactly as other comparison goals (``analytics.goals``: excess_decline).
"""

from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import delete, select

from indsats.analytics import weeks
from indsats.domain import clock
from indsats.domain.enums import Role
from indsats.domain.formatting import dato
from indsats.domain.models import User
from indsats.economy.labour_force import LabourForceFileError, parse_labour_force_csv, series_key
from indsats.economy.rates import load_rates
from indsats.store.db import Database
from indsats.store.economy_tables import LabourForceRow
from indsats.store.kpi_tables import ComparisonFigureRow
from indsats.store.tables import MunicipalityRow

from ..accounts.access import ensure_role
from ..shared.errors import InvalidInput
from ..shared.import_files import read_utf8_file
from ..steering.panel_export import export_panel

MEASURE = "expenditure_per_labour_force_person"
OWN_NAMES = ("kommune", "kommunen")
YEAR_WEEKS = 52


def _is_own(area: str, code: str, name: str) -> bool:
    a = area.strip().lower()
    return a in OWN_NAMES or a == code or a == name.lower()


def import_labour_force(db: Database, code: str, text: str, filename: str = "arbejdsstyrke.csv") -> int:
    """Load a labour-force CSV for municipality ``code``: all rows or none. Comparison areas need
    ``expenditure``; their figure per person is stored as a comparison figure."""
    try:
        lines = parse_labour_force_csv(text, filename)
    except LabourForceFileError as exc:
        raise InvalidInput(f"Arbejdsstyrkefilen afvist — {exc}") from None
    now = clock.now()
    with db.unit_of_work() as s:
        municipality = s.get(MunicipalityRow, code)
        if municipality is None:
            raise InvalidInput(f"Kommune {code} findes ikke i databasen.")
        for ln in lines:
            own = _is_own(ln.area, code, municipality.name)
            if not own and ln.expenditure is None:
                raise InvalidInput(f"Arbejdsstyrkefilen afvist — {filename}: linje {ln.line}, kolonne 'expenditure': "
                                   f"sammenligningsområdet {ln.area} skal have sine udgifter i kr.")
            area = municipality.name if own else ln.area
            if not ln.benefits or own:  # one labour force per area and year; a benefit group adds a series
                s.execute(delete(LabourForceRow).where(LabourForceRow.municipality_code == code,
                                                       LabourForceRow.area == area, LabourForceRow.year == ln.year))
                s.flush()
                s.add(LabourForceRow(municipality_code=code, area=area, year=ln.year, persons=ln.labour_force,
                                     expenditure=None if ln.benefits else ln.expenditure, source=ln.source or filename))
                s.flush()
            if not own:
                indicator = series_key(MEASURE, ln.benefits)
                s.execute(delete(ComparisonFigureRow).where(
                    ComparisonFigureRow.municipality_code == code, ComparisonFigureRow.area == area,
                    ComparisonFigureRow.measure == indicator, ComparisonFigureRow.period == str(ln.year)))
                s.add(ComparisonFigureRow(municipality_code=code, area=area, measure=indicator, period=str(ln.year),
                                          period_end=date(ln.year, 12, 31),
                                          value=round(float(ln.expenditure) / ln.labour_force, 2),
                                          source=ln.source or filename, imported_at=now))
    _CACHE.clear()
    return len(lines)


def import_labour_force_file(db: Database, code: str, path: str | Path) -> int:
    path, text = read_utf8_file(path, "Arbejdsstyrkefilen afvist")
    return import_labour_force(db, code, text, str(path))


def import_labour_force_upload(db: Database, user: User, data: bytes, filename: str) -> int:
    ensure_role(user, Role.MANAGER)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(f"Arbejdsstyrkefilen afvist — {filename}: filen er ikke UTF-8") from None
    return import_labour_force(db, user.municipality_code, text, filename)


def labour_force(db: Database, code: str) -> dict[int, int]:
    """{year: persons} of the municipality itself."""
    with db.unit_of_work() as s:
        name = s.get(MunicipalityRow, code).name
        rows = s.scalars(select(LabourForceRow).where(LabourForceRow.municipality_code == code,
                                                      LabourForceRow.area == name)).all()
        return {r.year: r.persons for r in rows}


_CACHE: dict[tuple, tuple[float, object]] = {}
CACHE_SECONDS = 600


def _gross_by_week(db: Database, code: str, first: date, last: date):
    from indsats.economy.monthly import weekly_gross  # Ibis, DuckDB, pandas: loaded on use

    key = (db.url, code, first, last)
    hit = _CACHE.get(key)
    if hit and time.monotonic() - hit[0] < CACHE_SECONDS:
        return hit[1]
    panel, _ = export_panel(db, code, first, last)
    gross = weekly_gross(panel, load_rates(), weeks.index(weeks.week_of(first)), weeks.index(weeks.week_of(last)))
    _CACHE[key] = (time.monotonic(), gross)
    return gross


def expenditure_per_person(db: Database, code: str, day: date, benefits: list[str] | None = None,
                           window: tuple[date, date] | None = None) -> float | None:
    """Kroner per person in the labour force over the 52 weeks ending with the last full week
    of ``day``; None without a labour-force figure for that year or earlier."""
    persons = labour_force(db, code)
    years = [y for y in persons if y <= day.year]
    if not years:
        return None
    last_idx = weeks.index(weeks.last_full_week(day))
    first_idx = last_idx - YEAR_WEEKS + 1
    priced_from = rates_from(benefits)
    if priced_from is None or weeks.monday_of_index(first_idx) < priced_from:
        return None  # weeks without a shipped rate would count as 0 kr., not as unknown
    lo, hi = window_for(*window) if window else (weeks.monday_of_index(first_idx), day)
    gross = _gross_by_week(db, code, min(lo, weeks.monday_of_index(first_idx)), max(hi, day))
    rows = gross[(gross["idx"] >= first_idx) & (gross["idx"] <= last_idx)]
    if benefits:
        rows = rows[rows["benefit"].isin(benefits)]
    return round(float(rows["gross"].sum()) / persons[max(years)], 2)


def window_for(first: date, last: date) -> tuple[date, date]:
    """The panel span needed to judge dates ``first``..``last`` (a year before the first)."""
    return first - timedelta(weeks=YEAR_WEEKS + 1), last


def rates_from(benefits: list[str] | None) -> date | None:
    """The first day the shipped rates price every benefit of the group (all benefits when None);
    None when one of them has no rate at all."""
    first: dict[str, date] = {}
    for rate in load_rates():
        first[rate.benefit] = min(first.get(rate.benefit, rate.valid_from), rate.valid_from)
    wanted = benefits or list(first)
    if not wanted or any(b not in first for b in wanted):
        return None
    return max(first[b] for b in wanted)


def missing_reason(db: Database, code: str, day: date, benefits: list[str] | None) -> str:
    """Why the figure per person in the labour force cannot be computed for ``day``, in Danish."""
    priced_from = rates_from(benefits)
    window_start = weeks.monday_of_index(weeks.index(weeks.last_full_week(day)) - YEAR_WEEKS + 1)
    if priced_from is None or window_start < priced_from:
        since = f" først fra {dato(priced_from, 'd. MMMM yyyy')}" if priced_from else " ikke"
        return (f"Udgifterne kan ikke beregnes for perioden: satserne for ydelserne gælder{since}, "
                f"og målet kræver et helt år med satser.")
    if not [y for y in labour_force(db, code) if y <= day.year]:
        return "Ingen arbejdsstyrketal for perioden: indlæs dem under Økonomi for at beregne målet."
    return "Ingen data for perioden."
